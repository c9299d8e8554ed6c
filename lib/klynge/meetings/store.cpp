// Meeting records: reading, calling, cancelling and deliveries. Answers,
// attendance and minutes are in answers.cpp, extraordinary demands in
// demand.cpp; the rules they apply in meeting.cpp.
#include "klynge/meetings/meeting.hpp"
#include "klynge/meetings/detail.hpp"
#include "klynge/store/record_id.hpp"

#include "klynge/documents/documents.hpp"
#include "klynge/text/error.hpp"
#include "klynge/meetings/mail.hpp"
#include "klynge/people/role.hpp"
#include "klynge/people/roster.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <random>
#include <set>

namespace klynge {
namespace {

using detail::oneLine;
using detail::optionalDate;
using detail::refuseIfOver;

constexpr const char* meetingColumns =
    "SELECT m.id, m.type, m.title, m.starts_at, m.ends_at, m.place, m.respond_by, m.status, m.called_on, "
    "m.folder, m.uid, m.sequence, m.stamped_at, m.organizer_name, m.organizer_email, m.agenda_source, "
    "m.agenda_text, coalesce(m.forced_reason, ''), coalesce(m.forced_rules, ''), coalesce(m.cancel_reason, ''), "
    "m.cancelled_on, coalesce(c.name, '(glemt #' || c.number || ')', m.chair_name, ''), "
    "coalesce(t.name, '(glemt #' || t.number || ')', m.minute_taker_name, ''), m.minutes_approved_on, m.number, "
    "m.host_practice_id, coalesce(h.name, ''), coalesce(h.ydernummer, ''), coalesce(m.link, '') "
    "FROM meeting m LEFT JOIN member c ON c.id = m.chair_member_id "
    "LEFT JOIN member t ON t.id = m.minute_taker_member_id LEFT JOIN practice h ON h.id = m.host_practice_id";

Meeting readMeeting(SQLite::Statement& q) {
    Meeting m;
    m.id = q.getColumn(0).getInt64();
    m.type = parseMeetingType(q.getColumn(1).getString());
    m.title = q.getColumn(2).getString();
    m.start = LocalDateTime::parse(q.getColumn(3).getString());
    m.end = LocalDateTime::parse(q.getColumn(4).getString());
    m.place = q.getColumn(5).getString();
    m.respondBy = optionalDate(q.getColumn(6));
    m.status = parseMeetingStatus(q.getColumn(7).getString());
    m.calledOn = Date::parse(q.getColumn(8).getString());
    m.folder = q.getColumn(9).getString();
    m.uid = q.getColumn(10).getString();
    m.sequence = q.getColumn(11).getInt();
    m.stampedAt = parseUtcIso(q.getColumn(12).getString());
    m.organizerName = q.getColumn(13).getString();
    m.organizerEmail = q.getColumn(14).getString();
    m.agendaSource = q.getColumn(15).getString();
    m.agendaText = q.getColumn(16).getString();
    m.forcedReason = q.getColumn(17).getString();
    m.forcedRules = q.getColumn(18).getString();
    m.cancelReason = q.getColumn(19).getString();
    m.cancelledOn = optionalDate(q.getColumn(20));
    m.chair = q.getColumn(21).getString();
    m.minuteTaker = q.getColumn(22).getString();
    m.minutesApprovedOn = optionalDate(q.getColumn(23));
    m.number = q.getColumn(24).getInt64();
    if (!q.getColumn(25).isNull()) m.hostPracticeId = q.getColumn(25).getInt64();
    m.hostName = q.getColumn(26).getString();
    m.hostYdernummer = q.getColumn(27).getString();
    m.link = q.getColumn(28).getString();
    return m;
}

std::vector<AgendaItem> readAgenda(Store& store, std::int64_t id) {
    auto q = store.prepared("SELECT level, item FROM meeting_agenda WHERE meeting_id = ? ORDER BY position");
    q.bind(1, id);
    std::vector<AgendaItem> out;
    while (q.executeStep()) out.push_back({q.getColumn(0).getInt(), q.getColumn(1).getString()});
    return out;
}

// A random UID part: the UID must be globally unique (RFC 5545 §3.8.4.7).
std::string uidFor(const Config& config, const std::string& organizerEmail, Date start) {
    std::random_device rd;
    std::uint64_t r = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    return fmt::format("{}-{}-{:016x}@{}", start.iso(), config.clusterCvr().value_or("stiftes"), r,
                       organizerEmail.substr(organizerEmail.find('@') + 1));
}

Mailbox organizerFor(Store& store, const Config& config, Date today) {
    for (auto& a : listRoles(store, today)) {
        if (a.role != "koordinator" || !a.memberId) continue;
        auto m = memberById(store, *a.memberId);
        if (!m.email.empty()) return {m.name, m.email};
    }
    if (auto from = config.text("mail.from"); !from.empty()) return parseMailbox(from, "mail.from");
    throw RuleViolation(fmt::format("no coordinator on {} to call the meeting — assign one with `klynge role assign "
                                    "koordinator PERSON --from DATE`, or set mail.from in klynge.toml",
                                    today.iso()));
}

std::string folderFor(Store& store, Date date, const std::string& title) {
    std::string base = meetingFolderName(date, title);
    for (int n = 1;; ++n) {
        std::string candidate = n == 1 ? base : fmt::format("{}-{}", base, n);
        auto q = store.prepared("SELECT 1 FROM meeting WHERE folder = ?");
        q.bind(1, candidate);
        if (!q.executeStep()) return candidate;
    }
}

// The open demands an extraordinary assembly answers: not yet answered by
// a meeting that is still on.
std::vector<ExtraordinaryDemand> openDemands(Store& store, const Config& config) {
    std::vector<ExtraordinaryDemand> open;
    for (auto& d : listDemands(store, config))
        if (!d.meetingId) open.push_back(d);
    return open;
}

// Lower case for comparing names: ASCII and the Latin-1 letters (Æ Ø Å É ...).
std::string foldCase(std::string_view text) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto c = static_cast<unsigned char>(out[i]);
        if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
        if (c == 0xC3 && i + 1 < out.size()) {
            auto n = static_cast<unsigned char>(out[i + 1]);
            if (n >= 0x80 && n <= 0x9E && n != 0x97) out[i + 1] = static_cast<char>(n + 0x20);
            ++i;
        }
    }
    return out;
}

struct InviteeRow {
    std::optional<std::int64_t> memberId;
    Mailbox guest;
};

std::vector<InviteeRow> chooseInvitees(Store& store, const CallRequest& r, Date today) {
    std::vector<InviteeRow> rows;
    std::set<std::int64_t> members;
    std::set<std::string> emails;
    if (r.invite.empty()) {
        for (auto& m : listMembers(store, {today, false, std::nullopt})) {
            members.insert(m.id);
            emails.insert(m.email);
            rows.push_back({m.id, {}});
        }
    }
    for (auto& who : r.invite) {
        auto m = findMember(store, who);
        if (!m.activeAt(today))
            throw RuleViolation(fmt::format("{} is not a member on {} — invite them as a guest with --guest", m.name,
                                            today.iso()));
        if (members.insert(m.id).second) {
            emails.insert(m.email);
            rows.push_back({m.id, {}});
        }
    }
    for (auto& g : r.guests) {
        auto box = parseMailbox(g, "--guest");
        if (!emails.insert(box.email).second) continue;
        // A guest who is a member is invited as the member.
        auto q = store.prepared("SELECT id FROM member WHERE email = ?");
        q.bind(1, box.email);
        if (q.executeStep()) {
            auto id = q.getColumn(0).getInt64();
            if (members.insert(id).second) rows.push_back({id, {}});
            continue;
        }
        rows.push_back({std::nullopt, box});
    }
    if (rows.empty())
        throw RuleViolation("nobody to invite: the cluster has no active members — add members first, or name "
                            "invitees with --invite or --guest");
    return rows;
}

void validateRequest(const CallRequest& r, Date today) {
    oneLine("--title", r.title);
    oneLine("--place", r.place);
    if (r.end <= r.start)
        throw InvalidValue(fmt::format("--end {} is not after --start {} — give an end after the start", r.end.iso(),
                                       r.start.iso()));
    // An internat lasts two or three days; a week is a typing error in --end.
    if (r.start.date.daysUntil(r.end.date) > 7)
        throw InvalidValue(fmt::format("--end {} is {} days after --start {} — a meeting lasts at most a week; check "
                                       "the date",
                                       r.end.iso(), r.start.date.daysUntil(r.end.date), r.start.iso()));
    // Meetings are called weeks or months ahead, not years.
    if (r.start.date.year() > Date::lastYear)
        throw InvalidValue(fmt::format("--start {} is after {} — check the year", r.start.iso(), Date::lastYear));
    copenhagenOffsetMinutes(r.start); // refuses a time in the hour skipped in spring
    copenhagenOffsetMinutes(r.end);
    if (r.start.date < today)
        throw InvalidValue(fmt::format("--start {} is in the past (today is {}) — a meeting is called before it "
                                       "is held",
                                       r.start.iso(), today.iso()));
    if (r.respondBy && (*r.respondBy > r.start.date || *r.respondBy < today))
        throw InvalidValue(fmt::format("--respond-by {} is not between today ({}) and the meeting ({}) — give a "
                                       "date in between",
                                       r.respondBy->iso(), today.iso(), r.start.date.iso()));
    if (r.force != !r.reason.empty())
        throw InvalidValue("--force and --reason go together — give --force --reason \"why\" to override a rule");
    if (r.force) oneLine("--reason", r.reason, text_limit::note);
}

// Every rule of the call that can be overridden with --force --reason.
std::vector<std::string> ruleProblems(const Meeting& m, const MeetingPolicy& policy,
                                      const std::vector<ExtraordinaryDemand>& demands, Date today, bool draft,
                                      std::vector<std::string>& warnings) {
    std::vector<std::string> problems;
    // A draft's notice is checked on the day it is sent (sendDraft); today it
    // is only said, so the draft is not made for a day it cannot reach.
    if (auto notice = detail::noticeProblem(m, policy, today)) {
        if (draft)
            warnings.push_back(fmt::format("sent today, {} — `klynge meeting send` refuses it unless the meeting "
                                           "moves or you give --force --reason",
                                           *notice));
        else
            problems.push_back(*notice);
    }
    if (m.type == MeetingType::generalforsamling) {
        std::vector<std::string_view> missing;
        for (auto* r : missingAgendaItems(m.agenda)) missing.push_back(r->what);
        if (!missing.empty())
            problems.push_back(fmt::format("the agenda lacks what the bylaws require of an ordinary assembly (§5): "
                                           "{}",
                                           fmt::join(missing, "; ")));
    }
    if (m.type == MeetingType::ekstraordinaer)
        for (auto& d : demands) {
            if (m.start.date > d.deadlines.heldBy)
                problems.push_back(fmt::format("the demand of {} must be met by an assembly held by {} (standard "
                                               "bylaws §4)",
                                               d.received.iso(), d.deadlines.heldBy.iso()));
            if (!draft && today > d.deadlines.noticeBy)
                warnings.push_back(fmt::format("the demand of {} should have been answered with a notice by {} — "
                                               "it is called late",
                                               d.received.iso(), d.deadlines.noticeBy.iso()));
        }
    if (m.type == MeetingType::internat && !aroundWeekend(m.start, m.end))
        warnings.push_back(fmt::format("the internat {} – {} is not around a weekend — the guidelines ask for one, "
                                       "so the doctors' absence weakens patient cover less [004]",
                                       m.start.iso(), m.end.iso()));
    return problems;
}

void insertMeeting(Store& store, Meeting& m) {
    auto q = store.prepared(
        "INSERT INTO meeting(id, number, type, title, starts_at, ends_at, place, respond_by, status, called_on, "
        "folder, uid, sequence, stamped_at, organizer_name, organizer_email, agenda_source, "
        "agenda_text, forced_reason, forced_rules, host_practice_id, link) "
        "VALUES (klynge_id(), (SELECT coalesce(max(number), 0) + 1 FROM meeting), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, std::string(meetingTypeName(m.type)));
    q.bind(2, m.title);
    q.bind(3, m.start.iso());
    q.bind(4, m.end.iso());
    q.bind(5, m.place);
    if (m.respondBy) q.bind(6, m.respondBy->iso());
    q.bind(7, std::string(meetingStatusName(m.status)));
    q.bind(8, m.calledOn.iso());
    q.bind(9, m.folder);
    q.bind(10, m.uid);
    q.bind(11, utcIso(m.stampedAt));
    q.bind(12, m.organizerName);
    q.bind(13, m.organizerEmail);
    q.bind(14, m.agendaSource);
    q.bind(15, m.agendaText);
    if (!m.forcedReason.empty()) {
        q.bind(16, m.forcedReason);
        q.bind(17, m.forcedRules);
    }
    if (m.hostPracticeId) q.bind(18, *m.hostPracticeId);
    if (!m.link.empty()) q.bind(19, m.link);
    q.exec();
    m.id = store.db().getLastInsertRowid();
    m.number = numberOfRecord(store.db(), "meeting", m.id);
    int position = 0;
    for (auto& item : m.agenda) {
        auto a = store.prepared(
            "INSERT INTO meeting_agenda(id, meeting_id, position, level, item) VALUES (klynge_id(), ?, ?, ?, ?)");
        a.bind(1, m.id);
        a.bind(2, ++position);
        a.bind(3, item.level);
        a.bind(4, item.text);
        a.exec();
    }
}

} // namespace

// [002]: "Hvert møde er uddelegeret til arrangerende praksis" — a practice of
// the cluster on the meeting's day, by ydernummer or name (any case).
void detail::setHost(Store& store, Meeting& m, const std::string& host) {
    detail::oneLine("--host", host, text_limit::title);
    const bool digits = std::all_of(host.begin(), host.end(), [](char c) { return c >= '0' && c <= '9'; });
    const std::string wanted = digits ? Ydernummer::parse(host).str() : foldCase(host);
    auto q = store.prepared("SELECT id, name, ydernummer, joined_on, left_on FROM practice ORDER BY id");
    while (q.executeStep()) {
        const auto name = q.getColumn(1).getString();
        if ((digits ? q.getColumn(2).getString() : foldCase(name)) != wanted) continue;
        const auto joined = Date::parse(q.getColumn(3).getString());
        const auto left = optionalDate(q.getColumn(4));
        if (joined > m.start.date || (left && *left < m.start.date))
            throw RuleViolation(fmt::format("{} is not in the cluster on {} — the host is one of the cluster's "
                                            "practices on the meeting's day (`klynge practice list`)",
                                            name, m.start.date.iso()));
        m.hostPracticeId = q.getColumn(0).getInt64();
        m.hostName = name;
        m.hostYdernummer = q.getColumn(2).getString();
        return;
    }
    throw RuleViolation(fmt::format("--host {:?} is not a practice of the cluster — give a ydernummer or a name "
                                    "`klynge practice list` shows",
                                    host));
}

std::int64_t parseMeetingNumber(std::string_view text) {
    bool ok = !text.empty() && text.size() < 12 &&
              std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!ok) throw InvalidValue(fmt::format("{:?} is not a meeting number — give the number `klynge meeting list` shows", text));
    return std::stoll(std::string(text));
}

std::int64_t meetingIdOf(Store& store, std::int64_t number) {
    if (auto id = recordIdOfNumber(store.db(), "meeting", number)) return *id;
    throw RuleViolation(fmt::format("there is no meeting #{} — `klynge meeting list` shows the meetings' numbers", number));
}

Meeting getMeeting(Store& store, std::int64_t id) {
    auto q = store.prepared(std::string(meetingColumns) + " WHERE m.id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        throw StorageError(fmt::format("meeting record #{} is missing — run `klynge check`", id));
    Meeting m = readMeeting(q);
    m.agenda = readAgenda(store, id);
    return m;
}

// Voting right follows the member's position on the meeting's day: a
// position changed after the meeting is read back from the change history
// (the first later change's old value), so a held meeting's base for its
// votes and minutes does not move. Member m, meeting mt.
constexpr std::string_view positionOnTheDay =
    "coalesce((SELECT c.old_value FROM member_change c WHERE c.member_id = m.id AND c.field = 'position' AND "
    "c.old_value <> '[glemt]' AND c.changed_on > substr(mt.starts_at, 1, 10) ORDER BY c.changed_on, c.id LIMIT 1), "
    "m.position)";

std::vector<Invitee> meetingInvitees(Store& store, const Config& config, std::int64_t id) {
    static const std::string sql =
        fmt::format("SELECT i.id, i.member_id, coalesce(m.name, '(glemt #' || m.number || ')', i.guest_name, ''), "
                    "coalesce(m.email, i.guest_email, ''), {}, i.rsvp, coalesce(i.rsvp_note, ''), i.rsvp_on, "
                    "i.attended, m.number, i.food, i.overnight FROM meeting_invitee i JOIN meeting mt ON mt.id = "
                    "i.meeting_id LEFT JOIN member m ON m.id = i.member_id WHERE i.meeting_id = ? ORDER BY "
                    "i.member_id IS NULL, i.id",
                    positionOnTheDay);
    auto q = store.prepared(sql);
    q.bind(1, id);
    std::vector<Invitee> out;
    while (q.executeStep()) {
        Invitee i;
        i.id = q.getColumn(0).getInt64();
        if (!q.getColumn(1).isNull()) i.memberId = q.getColumn(1).getInt64();
        if (!q.getColumn(9).isNull()) i.memberNumber = q.getColumn(9).getInt64();
        i.name = q.getColumn(2).getString();
        i.email = q.getColumn(3).getString();
        if (!q.getColumn(4).isNull()) i.votingRight = hasVotingRight(config, parsePosition(q.getColumn(4).getString()));
        if (!q.getColumn(5).isNull()) i.rsvp = q.getColumn(5).getString();
        i.rsvpNote = q.getColumn(6).getString();
        i.rsvpOn = optionalDate(q.getColumn(7));
        i.attended = q.getColumn(8).getInt() != 0;
        if (!q.getColumn(10).isNull()) i.food = q.getColumn(10).getString() == "yes";
        if (!q.getColumn(11).isNull()) i.overnight = q.getColumn(11).getString() == "yes";
        out.push_back(std::move(i));
    }
    return out;
}

std::map<std::int64_t, int> attendedWithVotingRight(Store& store, const Config& config) {
    static const std::string sql =
        fmt::format("SELECT i.meeting_id, {} FROM meeting_invitee i JOIN meeting mt ON mt.id = i.meeting_id "
                    "JOIN member m ON m.id = i.member_id WHERE i.attended <> 0",
                    positionOnTheDay);
    auto q = store.prepared(sql);
    std::map<std::int64_t, int> out;
    while (q.executeStep())
        if (hasVotingRight(config, parsePosition(q.getColumn(1).getString()))) ++out[q.getColumn(0).getInt64()];
    return out;
}

std::vector<MeetingSummary> listMeetings(Store& store, std::optional<int> year) {
    std::string sql = std::string(meetingColumns) +
                      (year ? " WHERE substr(m.starts_at, 1, 4) = ?" : "") + " ORDER BY m.starts_at, m.id";
    auto q = store.prepared(sql);
    if (year) q.bind(1, fmt::format("{:04}", *year));
    std::vector<MeetingSummary> out;
    while (q.executeStep()) out.push_back({readMeeting(q), 0, 0, 0, 0});
    auto counts = store.prepared("SELECT count(*), count(*) FILTER (WHERE rsvp = 'yes'), count(*) FILTER (WHERE rsvp = "
                                 "'no'), sum(attended) FROM meeting_invitee WHERE meeting_id = ?");
    for (auto& s : out) {
        s.meeting.agenda = readAgenda(store, s.meeting.id);
        counts.reset();
        counts.bind(1, s.meeting.id);
        counts.executeStep();
        s.invited = counts.getColumn(0).getInt();
        s.yes = counts.getColumn(1).getInt();
        s.no = counts.getColumn(2).getInt();
        s.attended = counts.getColumn(3).isNull() ? 0 : counts.getColumn(3).getInt();
    }
    return out;
}

CallResult callMeeting(Store& store, const Config& config, const std::filesystem::path& root, const CallRequest& r,
                       Date today) {
    validateRequest(r, today);
    const auto policy = MeetingPolicy::from(config);
    CallResult result;
    Meeting& m = result.meeting;
    m.type = r.type;
    m.title = r.title;
    m.start = r.start;
    m.end = r.end;
    m.place = r.place;
    m.respondBy = r.respondBy;
    m.status = r.draft ? MeetingStatus::kladde : MeetingStatus::indkaldt;
    m.calledOn = today; // a draft's: the day it was made, until it is sent
    auto organizer = organizerFor(store, config, today);
    m.organizerName = organizer.name;
    m.organizerEmail = organizer.email;
    m.stampedAt = utcNow();
    m.uid = uidFor(config, m.organizerEmail, m.start.date);
    m.folder = folderFor(store, m.start.date, m.title);
    if (!r.host.empty()) detail::setHost(store, m, r.host);
    if (!r.link.empty()) m.link = checkedMeetingLink(r.link, "--link");

    std::vector<ExtraordinaryDemand> demands;
    if (m.type == MeetingType::ekstraordinaer) demands = openDemands(store, config);
    std::vector<std::string> subjects;
    for (auto& d : demands) subjects.push_back(d.subject);
    auto agenda = loadAgenda(root, r.agenda, m.type);
    m.agendaSource = agenda.source;
    m.agendaText = renderAgenda(agenda, m, config, subjects);
    m.agenda = parseAgenda(m.agendaText);
    if (m.agenda.empty())
        throw InvalidValue(fmt::format("the agenda {} has no items — write one item a line, numbered (\"1. ...\") "
                                       "or bulleted (\"- ...\")",
                                       agenda.source));

    auto problems = ruleProblems(m, policy, demands, today, r.draft, result.warnings);
    if (!problems.empty() && !r.force)
        throw RuleViolation(fmt::format("{} — move or change the meeting, or give --force --reason \"why\" (the "
                                        "reason goes in the log and the minutes)",
                                        fmt::join(problems, "; ")));
    if (r.force && problems.empty())
        result.warnings.push_back("--force was not needed: the call breaks no rule, so no reason is recorded");
    if (!problems.empty()) {
        m.forcedReason = r.reason;
        m.forcedRules = fmt::format("{}", fmt::join(problems, "; "));
        result.overridden = problems;
    }

    auto invitees = chooseInvitees(store, r, today);
    insertMeeting(store, m);
    for (auto& row : invitees) {
        auto q = store.prepared(
            "INSERT INTO meeting_invitee(id, meeting_id, member_id, guest_name, guest_email) VALUES (klynge_id(), ?, ?, ?, ?)");
        q.bind(1, m.id);
        if (row.memberId) {
            q.bind(2, *row.memberId);
        } else {
            q.bind(3, row.guest.name);
            q.bind(4, row.guest.email);
        }
        q.exec();
    }
    result.invited = static_cast<int>(invitees.size());
    for (auto& d : demands) {
        auto q = store.prepared("UPDATE extraordinary_demand SET meeting_id = ? WHERE id = ?");
        q.bind(1, m.id);
        q.bind(2, d.id);
        q.exec();
        result.demands.push_back(d.received);
    }
    return result;
}

Meeting cancelMeeting(Store& store, std::int64_t meetingId, const std::string& reason, Date today) {
    auto m = getMeeting(store, meetingId);
    refuseIfOver(m, "cancelling it again");
    oneLine("--reason", reason, text_limit::note);
    if (m.status == MeetingStatus::afholdt)
        throw RuleViolation(fmt::format("meeting #{} was held on {} — a held meeting cannot be cancelled", m.number,
                                        m.start.date.iso()));
    if (today > m.start.date)
        throw RuleViolation(fmt::format("meeting #{} was on {} — record who came with `klynge meeting attend`; a "
                                        "past meeting cannot be cancelled",
                                        m.number, m.start.date.iso()));
    auto q = store.prepared("UPDATE meeting SET status = 'aflyst', cancel_reason = ?, cancelled_on = ?, "
                            "sequence = sequence + 1, stamped_at = ? WHERE id = ?");
    q.bind(1, reason);
    q.bind(2, today.iso());
    q.bind(3, utcIso(utcNow()));
    q.bind(4, meetingId);
    q.exec();
    return getMeeting(store, meetingId);
}

void recordDeliveries(Store& store, const Meeting& m, const std::vector<DeliveryRecord>& records) {
    static constexpr std::array<std::string_view, 3> names{"outbox", "sent", "failed"};
    const std::string at = utcIso(utcNow());
    for (auto& r : records) {
        auto q = store.prepared("INSERT INTO meeting_message(id, meeting_id, invitee_id, method, sequence, "
                                "delivered, at, detail) VALUES (klynge_id(), ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, m.id);
        q.bind(2, r.inviteeId);
        q.bind(3, m.status == MeetingStatus::aflyst ? "CANCEL" : "REQUEST");
        q.bind(4, m.sequence);
        q.bind(5, std::string(names[static_cast<std::size_t>(r.delivery)]));
        q.bind(6, at);
        if (!r.detail.empty()) q.bind(7, r.detail);
        q.exec();
    }
}

std::vector<std::int64_t> inviteesNotSent(Store& store, const Meeting& m) {
    auto q = store.prepared("SELECT i.id FROM meeting_invitee i WHERE i.meeting_id = ?1 AND NOT EXISTS (SELECT 1 FROM "
                            "meeting_message g WHERE g.invitee_id = i.id AND g.method = ?2 AND g.sequence = ?3 AND "
                            "g.delivered = 'sent') ORDER BY i.id");
    q.bind(1, m.id);
    q.bind(2, m.status == MeetingStatus::aflyst ? "CANCEL" : "REQUEST");
    q.bind(3, m.sequence);
    std::vector<std::int64_t> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
}

} // namespace klynge
