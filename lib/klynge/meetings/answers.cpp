// Answers (RSVP), attendance, the minutes' chair, minute-taker and
// approval. Decisions reach the minutes through meetingDecisions (text.cpp).
#include "klynge/meetings/meeting.hpp"
#include "klynge/meetings/detail.hpp"

#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace klynge {
namespace {

using detail::oneLine;
using detail::refuseIfOver;

// PERSON on a meeting: a member (id or e-mail) or a guest's e-mail.
std::optional<std::int64_t> findInvitee(Store& store, std::int64_t meetingId, std::string_view person,
                                        std::optional<std::int64_t>& memberId) {
    memberId.reset();
    auto guest = store.prepared("SELECT id FROM meeting_invitee WHERE meeting_id = ? AND guest_email = ?");
    guest.bind(1, meetingId);
    bool looksLikeEmail = person.find('@') != std::string_view::npos;
    if (looksLikeEmail) {
        guest.bind(2, Email::parse(person).str());
        if (guest.executeStep()) return guest.getColumn(0).getInt64();
    }
    memberId = findMember(store, person).id;
    auto q = store.prepared("SELECT id FROM meeting_invitee WHERE meeting_id = ? AND member_id = ?");
    q.bind(1, meetingId);
    q.bind(2, *memberId);
    if (q.executeStep()) return q.getColumn(0).getInt64();
    return std::nullopt;
}

Invitee inviteeById(Store& store, const Config& config, std::int64_t meetingId, std::int64_t inviteeId) {
    for (auto& i : meetingInvitees(store, config, meetingId))
        if (i.id == inviteeId) return i;
    throw StorageError(fmt::format("invitee #{} of meeting #{} is missing — run `klynge check`", inviteeId, meetingId));
}

// Chair or minute-taker: a member, else a name (a chair from outside).
std::pair<std::optional<std::int64_t>, std::string> personOrName(Store& store, const std::string& who,
                                                                 std::string_view option) {
    oneLine(option, who, text_limit::personName);
    bool digits = std::all_of(who.begin(), who.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits || who.find('@') != std::string::npos) return {findMember(store, who).id, {}};
    return {std::nullopt, who};
}

} // namespace

RsvpResult recordRsvp(Store& store, const Config& config, std::int64_t meetingId, std::string_view person, bool yes,
                      const std::string& note, Date today, const InternatAnswers& internat) {
    auto m = getMeeting(store, meetingId);
    const bool asked = internat.food || internat.overnight;
    if (asked && m.type != MeetingType::internat)
        throw InvalidValue(fmt::format("--food and --overnight are answers for an internat, and meeting #{} is a {} "
                                       "— leave them out (a wish for the food goes in --note)",
                                       m.number, meetingTypeName(m.type)));
    if (asked && !yes)
        throw InvalidValue("--food and --overnight go with a yes — someone who does not come needs neither; leave "
                           "them out");
    refuseIfOver(m, "an answer");
    detail::refuseIfDraft(m, "an answer");
    if (m.status == MeetingStatus::afholdt || today > m.start.date)
        throw RuleViolation(fmt::format("meeting #{} was held on {} — answers are for meetings to come; record who "
                                        "came with `klynge meeting attend`",
                                        m.number, m.start.date.iso()));
    checkedText(note, "--note", text_limit::note, Blank::allowed);
    std::optional<std::int64_t> memberId;
    auto invitee = findInvitee(store, meetingId, person, memberId);
    if (!invitee)
        throw RuleViolation(fmt::format("{} is not invited to meeting #{} — only invitees answer; `klynge meeting "
                                        "show {}` lists them",
                                        person, m.number, m.number));
    // A no clears the internat's answers; a yes without them keeps those given before.
    auto q = store.prepared("UPDATE meeting_invitee SET rsvp = ?1, rsvp_note = ?2, rsvp_on = ?3, "
                            "food = CASE WHEN ?1 = 'no' THEN NULL ELSE coalesce(?5, food) END, "
                            "overnight = CASE WHEN ?1 = 'no' THEN NULL ELSE coalesce(?6, overnight) END WHERE id = ?4");
    q.bind(1, yes ? "yes" : "no");
    if (!note.empty()) q.bind(2, note);
    q.bind(3, today.iso());
    q.bind(4, *invitee);
    if (internat.food) q.bind(5, *internat.food ? "yes" : "no");
    if (internat.overnight) q.bind(6, *internat.overnight ? "yes" : "no");
    q.exec();
    return {inviteeById(store, config, meetingId, *invitee), m.respondBy && today > *m.respondBy};
}

AttendanceResult recordAttendance(Store& store, const Config& config, std::int64_t meetingId,
                                  const std::vector<std::string>& present, const std::vector<std::string>& absent,
                                  Date today) {
    auto m = getMeeting(store, meetingId);
    refuseIfOver(m, "attendance");
    detail::refuseIfDraft(m, "attendance");
    if (today < m.start.date)
        throw RuleViolation(fmt::format("meeting #{} is on {} — record who was present on or after that day",
                                        m.number, m.start.date.iso()));
    if (m.minutesApprovedOn)
        throw RuleViolation(fmt::format("the minutes of meeting #{} were approved on {} — attendance can no longer "
                                        "change",
                                        m.number, m.minutesApprovedOn->iso()));
    // One person named present and absent is a contradiction, however they
    // are named (id, e-mail): refuse rather than let the last word win.
    std::map<std::string, std::string> presentAs;
    auto personKey = [&](const std::string& person) {
        std::optional<std::int64_t> memberId;
        auto invitee = findInvitee(store, meetingId, person, memberId);
        return invitee ? fmt::format("invitee {}", *invitee) : fmt::format("member {}", memberId.value_or(0));
    };
    for (const auto& p : present) presentAs.emplace(personKey(p), p);
    for (const auto& p : absent)
        if (auto it = presentAs.find(personKey(p)); it != presentAs.end())
            throw InvalidValue(fmt::format("{} is named both present and --absent{} — give each person once: "
                                           "present, or --absent to correct a mistake",
                                           shown(p), it->second == p ? "" : fmt::format(" (as {})", shown(it->second))));
    AttendanceResult result;
    auto mark = [&](const std::string& person, bool attended) {
        std::optional<std::int64_t> memberId;
        auto invitee = findInvitee(store, meetingId, person, memberId);
        if (!invitee && attended) {
            // A member who came without being invited is recorded as invited and present.
            auto member = findMember(store, person);
            if (!member.activeAt(m.start.date))
                throw RuleViolation(fmt::format("{} was not a member on {} and not invited — record guests when "
                                                "calling (--guest)",
                                                member.name, m.start.date.iso()));
            auto q = store.prepared("INSERT INTO meeting_invitee(id, meeting_id, member_id) VALUES (klynge_id(), ?, ?)");
            q.bind(1, meetingId);
            q.bind(2, member.id);
            q.exec();
            invitee = store.db().getLastInsertRowid();
        }
        if (!invitee) return;
        auto q = store.prepared("UPDATE meeting_invitee SET attended = ? WHERE id = ?");
        q.bind(1, attended ? 1 : 0);
        q.bind(2, *invitee);
        q.exec();
        auto name = inviteeById(store, config, meetingId, *invitee).name;
        (attended ? result.present : result.absent).push_back(name);
    };
    for (auto& p : present) mark(p, true);
    for (auto& p : absent) mark(p, false);
    result.attended = store.db().execAndGet(fmt::format("SELECT count(*) FROM meeting_invitee WHERE meeting_id = {} "
                                                        "AND attended = 1",
                                                        meetingId))
                          .getInt();
    auto s = store.prepared("UPDATE meeting SET status = ? WHERE id = ?");
    s.bind(1, result.attended > 0 ? "afholdt" : "indkaldt");
    s.bind(2, meetingId);
    s.exec();
    return result;
}

void setMinutesRoles(Store& store, std::int64_t meetingId, const std::optional<std::string>& chair,
                     const std::optional<std::string>& minuteTaker) {
    auto m = getMeeting(store, meetingId);
    if (m.minutesApprovedOn)
        throw RuleViolation(fmt::format("the minutes of meeting #{} were approved on {} — they can no longer change",
                                        m.number, m.minutesApprovedOn->iso()));
    auto set = [&](const std::optional<std::string>& who, std::string_view option, std::string_view column) {
        if (!who) return;
        auto [memberId, name] = personOrName(store, *who, option);
        auto q = store.prepared(fmt::format("UPDATE meeting SET {0}_member_id = ?, {0}_name = ? WHERE id = ?", column));
        if (memberId) q.bind(1, *memberId);
        else q.bind(2, name);
        q.bind(3, meetingId);
        q.exec();
    };
    set(chair, "--chair", "chair");
    set(minuteTaker, "--minute-taker", "minute_taker");
}

void approveMinutes(Store& store, std::int64_t meetingId, Date approvedOn, Date today) {
    auto m = getMeeting(store, meetingId);
    if (m.status != MeetingStatus::afholdt)
        throw RuleViolation(fmt::format("meeting #{} has not been held — record who was present with `klynge meeting "
                                        "attend` first",
                                        m.number));
    if (m.minutesApprovedOn)
        throw RuleViolation(fmt::format("the minutes of meeting #{} were already approved on {} — nothing to do",
                                        m.number, m.minutesApprovedOn->iso()));
    if (approvedOn < m.start.date || approvedOn > today)
        throw InvalidValue(fmt::format("--approved-on {} is not between the meeting ({}) and today ({}) — give the "
                                       "date the minutes were approved",
                                       approvedOn.iso(), m.start.date.iso(), today.iso()));
    auto q = store.prepared("UPDATE meeting SET minutes_approved_on = ? WHERE id = ?");
    q.bind(1, approvedOn.iso());
    q.bind(2, meetingId);
    q.exec();
}

} // namespace klynge
