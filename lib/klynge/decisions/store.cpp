// Decision records: what every kind shares (the meeting, the base,
// superseding, the insert into the hash chain) and motions. Elections are in
// election.cpp, dot votes in dots.cpp, reading in read.cpp;
// the rules they apply in vote.cpp.
#include "klynge/decisions/vote.hpp"
#include "klynge/decisions/detail.hpp"

#include "klynge/text/error.hpp"
#include "klynge/people/member.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace klynge {
namespace vote_detail {

std::string oneLine(std::string_view option, const std::string& value, std::size_t maxChars) {
    return checkedText(value, option, maxChars);
}

int parseCount(std::string_view text, std::string_view what) {
    int n = -1;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || p != text.data() + text.size() || n < 0 || text.empty())
        throw InvalidValue(fmt::format("{}: \"{}\" is not a number of votes — give 0 or more", what, text));
    return n;
}

std::pair<std::string, std::string> splitAssignment(const std::string& text, std::string_view option,
                                                    std::string_view form) {
    auto eq = text.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw InvalidValue(fmt::format("{} \"{}\" is not {} — e.g. {}", option, text, form,
                                       option == "--ballot"  ? "--ballot carl@example.dk=yes"
                                       : option == "--votes" ? "--votes \"Anne Ærø=7\""
                                                             : "--dots anne@example.dk=KOL:2"));
    return {text.substr(0, eq), text.substr(eq + 1)};
}

Attendance attendance(Store& store, const Config& config, std::int64_t meetingId) {
    Attendance a;
    for (auto& i : meetingInvitees(store, config, meetingId)) {
        if (!i.attended || !i.memberId) continue;
        a.members.push_back(i);
        if (i.votingRight) a.eligible.push_back(i);
    }
    return a;
}

Meeting decidingMeeting(Store& store, std::int64_t meetingId) {
    auto m = getMeeting(store, meetingId);
    if (m.status == MeetingStatus::aflyst)
        throw RuleViolation(fmt::format("meeting #{} was cancelled on {} — a cancelled meeting takes no decisions",
                                        m.number, m.cancelledOn ? m.cancelledOn->iso() : std::string("?")));
    if (m.minutesApprovedOn)
        throw RuleViolation(fmt::format("the minutes of meeting #{} were approved on {} — its decisions can no "
                                        "longer change; take the matter up at a later meeting",
                                        m.number, m.minutesApprovedOn->iso()));
    if (m.status != MeetingStatus::afholdt)
        throw RuleViolation(fmt::format("nobody is recorded present at meeting #{} ({}) — record who came with "
                                        "`klynge meeting attend {} PERSON...` first",
                                        m.number, m.start.date.iso(), m.number));
    return m;
}

const Invitee& presentPerson(Store& store, const std::vector<Invitee>& present, const std::string& person,
                             const Meeting& m, std::string_view option) {
    auto member = findMember(store, person);
    for (auto& i : present)
        if (i.memberId == member.id) return i;
    throw RuleViolation(fmt::format("{}: {} is not recorded present at meeting #{} — only those present vote; "
                                    "record attendance with `klynge meeting attend {} {}`",
                                    option, member.name, m.number, m.number, person));
}

void checkSupersedes(Store& store, const Supersedes& s, const Meeting& m, bool motion, DecisionKind kind) {
    if (!s.id) {
        if (!s.reason.empty()) throw InvalidValue("--reason goes with --supersedes — give the decision it corrects");
        return;
    }
    if (s.reason.empty()) throw InvalidValue("--supersedes needs --reason \"why\" — it goes in the record and the minutes");
    oneLine("--reason", s.reason, text_limit::note);
    auto old = getDecision(store, *s.id);
    if (old.meetingId != m.id)
        throw RuleViolation(fmt::format("decision #{} was taken at meeting #{}, not #{} — a correction is recorded "
                                        "at the meeting the decision was taken at",
                                        old.number, old.meetingNumber, m.number));
    if (old.isMotion() != motion || (!motion && old.kind != kind))
        throw RuleViolation(fmt::format("decision #{} is {} — supersede it with the same kind of record (`klynge vote "
                                        "{}`)",
                                        old.number, decisionKindName(old.kind),
                                        old.isMotion() ? "MEETING --motion" : decisionKindName(old.kind)));
    if (old.supersededBy)
        throw RuleViolation(fmt::format("decision #{} is already superseded by #{} — supersede #{} instead", old.number,
                                        *old.supersededBy, *old.supersededBy));
    if (old.voidedBy)
        throw RuleViolation(fmt::format("decision #{} no longer stands: #{} superseded the election whose tie it "
                                        "settled — supersede #{} instead",
                                        old.number, *old.voidedBy, *old.voidedBy));
}

std::int64_t insertDecision(Store& store, const DecisionRow& d) {
    auto q = store.prepared(
        "INSERT INTO decision(id, number, meeting_id, kind, subject, eligible_present, yes, no, blank, by_ballot, "
        "share_numerator, share_denominator, casting_vote, outcome, by_lot, role_assignment_id, "
        "succeeded_assignment_id, supersedes_id, reason, decided_on, recorded_on, seats) "
        "VALUES (klynge_id(), (SELECT coalesce(max(number), 0) + 1 FROM decision), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, d.meetingId);
    q.bind(2, std::string(decisionKindName(d.kind)));
    q.bind(3, d.subject);
    q.bind(4, d.eligiblePresent);
    if (d.tally) {
        q.bind(5, d.tally->yes);
        q.bind(6, d.tally->no);
        q.bind(7, d.tally->blank);
    }
    q.bind(8, d.byBallot ? 1 : 0);
    if (d.share) {
        q.bind(9, d.share->numerator);
        q.bind(10, d.share->denominator);
    }
    if (d.casting != CastingVote::none) q.bind(11, d.casting == CastingVote::yes ? "yes" : "no");
    q.bind(12, std::string(outcomeName(d.outcome)));
    q.bind(13, d.byLot ? 1 : 0);
    if (d.roleAssignment) q.bind(14, *d.roleAssignment);
    if (d.succeededAssignment) q.bind(15, *d.succeededAssignment);
    if (d.supersedes.id) {
        q.bind(16, *d.supersedes.id);
        q.bind(17, d.supersedes.reason);
    }
    q.bind(18, d.decidedOn.iso());
    q.bind(19, d.recordedOn.iso());
    if (d.seats) q.bind(20, *d.seats);
    q.exec();
    auto id = store.db().getLastInsertRowid();
    return id;
}

} // namespace vote_detail

using namespace vote_detail;

RecordedDecision recordMotion(Store& store, const Config& config, const MotionRequest& r, Date today) {
    auto m = decidingMeeting(store, r.meetingId);
    const auto policy = VotePolicy::from(config);
    // A motion is often a paragraph (a bylaw's new wording).
    oneLine("--motion", r.motion, text_limit::note);
    // [000 §10–§12]: bylaws, exclusion and dissolution are the general assembly's to decide.
    if (needsQualifiedMajority(r.kind) && !isGeneralAssembly(m.type))
        throw RuleViolation(fmt::format("meeting #{} is a {} — a motion of kind {} is decided by a general assembly; "
                                        "call one with `klynge meeting call --type generalforsamling` (or ekstraordinær)",
                                        m.number, meetingTypeName(m.type), motionKindName(r.kind)));
    const bool ballots = !r.ballots.empty();
    if (ballots == r.tally.has_value())
        throw InvalidValue("give the votes either as --yes/--no/--blank counts or as --ballot PERSON=yes|no|blank — "
                           "one of the two");
    // DecisionKind begins with the motion kinds, in the same order.
    const auto kind = static_cast<DecisionKind>(r.kind);
    checkSupersedes(store, r.supersedes, m, true, kind);
    auto present = attendance(store, config, m.id);
    const int eligible = static_cast<int>(present.eligible.size());

    Tally tally = r.tally.value_or(Tally{});
    std::vector<std::pair<std::int64_t, std::string>> cast;
    if (ballots) {
        std::set<std::int64_t> voted;
        for (auto& b : r.ballots) {
            auto [person, choice] = splitAssignment(b, "--ballot", "PERSON=yes|no|blank");
            if (choice != "yes" && choice != "no" && choice != "blank")
                throw InvalidValue(fmt::format("--ballot \"{}\": \"{}\" is not a vote — give yes, no or blank", b,
                                               choice));
            auto member = findMember(store, person);
            auto it = std::find_if(present.members.begin(), present.members.end(),
                                   [&](const Invitee& i) { return i.memberId == member.id; });
            if (it == present.members.end())
                throw RuleViolation(fmt::format("--ballot: {} is not recorded present at meeting #{} — only members "
                                                "present vote; record attendance with `klynge meeting attend {} {}`",
                                                member.name, m.number, m.number, person));
            if (!it->votingRight)
                throw RuleViolation(fmt::format("--ballot: {} has no voting right at meeting #{} (policy.voting_positions "
                                                "= {}) — leave the ballot out; they take part as an observer",
                                                member.name, m.number, fmt::join(config.list("policy.voting_positions"), ", ")));
            if (!voted.insert(member.id).second)
                throw RuleViolation(fmt::format("--ballot: {} has already voted on this motion — one ballot per "
                                                "person; give each member once",
                                                member.name));
            (choice == "yes" ? tally.yes : choice == "no" ? tally.no : tally.blank) += 1;
            cast.emplace_back(member.id, choice);
        }
    }
    auto result = decideMotion(r.kind, tally, eligible, policy, r.casting);
    checkExclusion(store, r, m.start.date);
    checkAmendment(r);

    DecisionRow row;
    row.meetingId = m.id;
    row.kind = kind;
    row.subject = r.motion;
    row.eligiblePresent = eligible;
    row.tally = tally;
    row.byBallot = ballots;
    if (result.qualified) row.share = result.share;
    row.casting = r.casting;
    row.outcome = result.adopted ? Outcome::adopted : Outcome::rejected;
    row.supersedes = r.supersedes;
    row.decidedOn = m.start.date;
    row.recordedOn = today;
    auto id = insertDecision(store, row);
    for (auto& [memberId, choice] : cast) {
        auto q = store.prepared(
            "INSERT INTO decision_ballot(id, decision_id, member_id, choice) VALUES (klynge_id(), ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, memberId);
        q.bind(3, choice);
        q.exec();
    }
    RecordedDecision out{getDecision(store, id), {}};
    recordAmendment(store, r, id);
    if (auto note = recordExclusion(store, r, id, result.adopted, m.start.date); !note.empty())
        out.notes.push_back(note);
    return out;
}

} // namespace klynge
