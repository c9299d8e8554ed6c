// Election records [000 §5, §7]: most votes wins, a tie is recorded and
// resolved by a new round or a draw, and an elected member takes up the role
// the office names.
#include "klynge/decisions/vote.hpp"
#include "klynge/decisions/detail.hpp"

#include "klynge/text/error.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/role.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace klynge {
namespace {

using namespace vote_detail;

// A candidate: a member's id, e-mail or exact name.
Member candidateMember(Store& store, const std::string& who) {
    if (who.find('@') != std::string::npos || std::all_of(who.begin(), who.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return findMember(store, who);
    auto q = store.prepared("SELECT id FROM member WHERE name = ? AND forgotten_on IS NULL");
    q.bind(1, who);
    std::vector<std::int64_t> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    if (ids.empty())
        throw RuleViolation(fmt::format("--candidate \"{}\" is not a member — candidates must be members; give a "
                                        "member's name, id or e-mail (`klynge member list`)",
                                        who));
    if (ids.size() > 1)
        throw InvalidValue(fmt::format("--candidate \"{}\": {} members have that name — give the e-mail instead",
                                       who, ids.size()));
    return memberById(store, ids.front());
}

// An elected member takes up a role the office names, from the meeting's
// day [000 §5, §7]; the role history keeps the predecessor, ended the day before.
struct RoleChange {
    std::optional<std::int64_t> assignment, succeeded;
    std::string note;
};

bool isRole(std::string_view office) {
    try {
        findRole(office);
        return true;
    } catch (const InvalidValue&) {
        return false;
    }
}

// Undoes the role change of a superseded election, if it still stands as it made it.
void undoRoleChange(Store& store, const Decision& old) {
    auto q = store.prepared("SELECT role_assignment_id, succeeded_assignment_id FROM decision WHERE id = ?");
    q.bind(1, old.id);
    if (!q.executeStep() || q.getColumn(0).isNull()) return;
    auto del = store.prepared("DELETE FROM role_assignment WHERE id = ? AND from_date = ?");
    del.bind(1, q.getColumn(0).getInt64());
    del.bind(2, old.decidedOn.iso());
    del.exec();
    if (q.getColumn(1).isNull()) return;
    auto reopen = store.prepared("UPDATE role_assignment SET to_date = NULL WHERE id = ? AND to_date = ?");
    reopen.bind(1, q.getColumn(1).getInt64());
    reopen.bind(2, old.decidedOn.addDays(-1).iso());
    reopen.exec();
}

RoleChange giveRole(Store& store, std::string_view office, const Member& winner, Date from) {
    RoleChange c;
    if (!isRole(office)) return c;
    for (auto& a : listRoles(store, from))
        if (a.role == findRole(office).name && a.memberId == winner.id) {
            c.note = fmt::format("{} already holds the role {} — the role history is unchanged", winner.name, a.role);
            return c;
        }
    auto r = assignRole(store, office, RoleHolder{winner.id, {}}, from, std::nullopt);
    c.assignment = r.assignment.id;
    c.note = fmt::format("{} is {} from {}", winner.name, r.assignment.role, from.iso());
    if (r.succeeded) {
        c.succeeded = r.succeeded->id;
        c.note += fmt::format(", succeeding {} (role ended {})", r.succeeded->holder, r.succeeded->to->iso());
    }
    return c;
}

// The candidates given, in the order given, with the option's spelling kept for --votes and --lot.
struct Candidates {
    std::vector<Member> members;
    std::vector<std::string> given;
    std::size_t indexOf(const std::string& who, std::string_view option) const {
        for (std::size_t i = 0; i < members.size(); ++i)
            if (given[i] == who || members[i].name == who || members[i].email == who ||
                std::to_string(members[i].number) == who)
                return i;
        throw InvalidValue(fmt::format("{}: \"{}\" is not one of the candidates — give a name as given with "
                                       "--candidate",
                                       option, who));
    }
    std::string names(const std::vector<std::size_t>& which) const {
        std::vector<std::string> out;
        for (auto i : which) out.push_back(members[i].name);
        return fmt::format("{}", fmt::join(out, ", "));
    }
};

Candidates candidatesOf(Store& store, const ElectionRequest& r, const Meeting& m) {
    if (r.candidates.empty()) throw InvalidValue("no --candidate — give every candidate, one --candidate each");
    Candidates c;
    for (auto& who : r.candidates) {
        auto member = candidateMember(store, who);
        if (!member.activeAt(m.start.date))
            throw RuleViolation(fmt::format("--candidate {} is not a member on {} — candidates must be members",
                                            member.name, m.start.date.iso()));
        if (std::any_of(c.members.begin(), c.members.end(), [&](const Member& x) { return x.id == member.id; }))
            throw InvalidValue(fmt::format("--candidate {} is given twice — name each candidate once", member.name));
        c.members.push_back(member);
        c.given.push_back(who);
    }
    return c;
}

// [000 §6] and issue 15: each voter has up to `seats` votes, at most one per
// candidate, so no candidate has more votes than voters present and the
// votes in all are at most seats × voters.
std::vector<int> countedVotes(const ElectionRequest& r, const Candidates& c, int eligible) {
    std::vector<int> votes(c.members.size(), 0);
    std::vector<bool> counted(c.members.size(), false);
    for (auto& v : r.votes) {
        auto [who, n] = splitAssignment(v, "--votes", "CANDIDATE=N");
        auto i = c.indexOf(who, "--votes");
        if (counted[i])
            throw InvalidValue(fmt::format("--votes for {} is given twice — give each candidate's votes once",
                                           c.members[i].name));
        counted[i] = true;
        votes[i] = parseCount(n, "--votes");
        if (votes[i] > eligible)
            throw InvalidValue(fmt::format("--votes {}: {} votes but only {} present with voting right — each voter "
                                           "gives a candidate at most one vote; count again",
                                           c.members[i].name, votes[i], eligible));
    }
    long total = 0;
    for (int v : votes) total += v;
    if (total > static_cast<long>(eligible) * r.seats)
        throw InvalidValue(fmt::format("{} votes in all but only {} present with voting right{} — each votes {}; "
                                       "count again, or record who else came with `klynge meeting attend`",
                                       total, eligible,
                                       r.seats > 1 ? fmt::format(" and {} seats", r.seats) : std::string(),
                                       r.seats > 1 ? fmt::format("for up to {} candidates", r.seats)
                                                   : std::string("once")));
    return votes;
}

void undoRoleChanges(Store& store, const Decision& old) {
    if (old.seats == 1) return undoRoleChange(store, old);
    auto q = store.prepared("DELETE FROM role_assignment WHERE role = ? AND from_date = ? AND member_id IN "
                            "(SELECT member_id FROM election_candidate WHERE decision_id = ? AND elected = 1)");
    q.bind(1, old.subject);
    q.bind(2, old.decidedOn.iso());
    q.bind(3, old.id);
    q.exec();
}

} // namespace

RecordedDecision recordElection(Store& store, const Config& config, const ElectionRequest& r, Date today) {
    auto m = decidingMeeting(store, r.meetingId);
    oneLine("--office", r.office, text_limit::word);
    std::string office = isRole(r.office) ? std::string(findRole(r.office).name) : r.office;
    if (r.seats < 1 || r.seats > 99)
        throw InvalidValue(fmt::format("--seats {} is not a number of places — give 1 to 99", r.seats));
    if (r.seats > 1 && isRole(office) && findRole(office).singleHolder)
        throw InvalidValue(fmt::format("--seats {}: {} has one holder at a time — elect it with one seat, or name "
                                       "the office of several (bestyrelse, bestyrelsessuppleant)",
                                       r.seats, office));
    checkSupersedes(store, r.supersedes, m, false, DecisionKind::election);
    auto present = attendance(store, config, m.id);
    const int eligible = static_cast<int>(present.eligible.size());
    if (eligible == 0)
        throw InvalidValue("nobody with voting right is recorded present — record who came with `klynge meeting "
                           "attend` first");
    const auto candidates = candidatesOf(store, r, m);
    const auto count = candidates.members.size();
    auto votes = countedVotes(r, candidates, eligible);
    // No more candidates than seats and no count: elected without a vote.
    const bool unopposed = count <= static_cast<std::size_t>(r.seats) && r.votes.empty();
    if (r.votes.empty() && !unopposed)
        throw InvalidValue(fmt::format("no --votes — give each candidate's votes, e.g. --votes \"Anne Ærø=7\"{}",
                                       r.seats > 1 ? fmt::format(" ({} candidates for {} seats)", count, r.seats)
                                                   : std::string()));
    std::vector<std::size_t> lots;
    for (auto& l : r.lots) {
        auto i = candidates.indexOf(l, "--lot");
        if (std::find(lots.begin(), lots.end(), i) != lots.end())
            throw InvalidValue(fmt::format("--lot {} is given twice — name each drawn candidate once",
                                           candidates.members[i].name));
        lots.push_back(i);
    }
    const bool ordered = orderedOffice(office);
    auto seats = decideSeats(votes, r.seats, ordered, lots);
    if (seats.strayLot) {
        const auto& who = candidates.members[*seats.strayLot];
        const auto undrawn = decideSeats(votes, r.seats, ordered, {});
        const std::string where = r.seats == 1 ? std::string("for the most votes")
                                  : ordered    ? std::string("for a place or in the order")
                                               : std::string("at the last seat");
        if (!undrawn.tie)
            throw InvalidValue(r.seats == 1 ? fmt::format("--lot: there is no tie — {} has the most votes; leave --lot "
                                                          "out",
                                                          candidates.members[undrawn.order.front()].name)
                                            : fmt::format("--lot: there is no tie {} — the votes decide; leave --lot "
                                                          "out",
                                                          where));
        throw InvalidValue(fmt::format("--lot {}: {} is not tied {} — the lot is drawn between {} ({} votes each)",
                                       who.name, who.name, where, candidates.names(undrawn.tied),
                                       votes[undrawn.tied.front()]));
    }
    if (seats.tie && !lots.empty())
        throw InvalidValue(fmt::format("--lot: the draw leaves {} tied — give every candidate the draw placed, one "
                                       "--lot each in the order drawn",
                                       candidates.names(seats.tied)));

    RecordedDecision out;
    DecisionRow row;
    row.meetingId = m.id;
    row.kind = DecisionKind::election;
    row.subject = office;
    row.eligiblePresent = eligible;
    row.outcome = seats.tie ? Outcome::tie : Outcome::elected;
    row.byLot = !lots.empty();
    if (r.seats > 1) row.seats = r.seats;
    row.supersedes = r.supersedes;
    row.decidedOn = m.start.date;
    row.recordedOn = today;
    if (r.supersedes.id) {
        const auto old = getDecision(store, *r.supersedes.id);
        undoRoleChanges(store, old);
        // The rounds that settled the old election's tie fall with it: the
        // correction elects for every seat (Decision::voidedBy).
        if (old.outcome == Outcome::tie)
            for (const auto& later : listDecisions(store, old.meetingId))
                if (later.number > old.number && later.stands() && later.kind == DecisionKind::election &&
                    later.subject == old.subject) {
                    undoRoleChanges(store, later);
                    out.notes.push_back(fmt::format("decision #{}, the new round that settled the tie of #{}, no "
                                                    "longer stands",
                                                    later.number, old.number));
                }
    }
    for (auto i : seats.order) {
        if (!seats.elected[i]) continue;
        auto change = giveRole(store, office, candidates.members[i], m.start.date);
        if (r.seats == 1) {
            row.roleAssignment = change.assignment;
            row.succeededAssignment = change.succeeded;
        }
        if (!change.note.empty()) out.notes.push_back(change.note);
    }
    if (seats.tie) {
        const auto open = r.seats - std::count(seats.elected.begin(), seats.elected.end(), true);
        out.notes.push_back(fmt::format("a tie between {} — hold a new round for the open place{} (`klynge vote "
                                        "election {} --office {} ...`) or record the draw with --lot",
                                        candidates.names(seats.tied), open > 1 ? "s" : "", m.number, office));
    }
    // A board is often elected in part (some members are not up for
    // election): holders not re-elected keep the role until it is ended.
    if (r.seats > 1 && isRole(office))
        for (auto& a : listRoles(store, m.start.date))
            if (a.role == office && a.memberId &&
                std::none_of(candidates.members.begin(), candidates.members.end(),
                             [&](const Member& c) { return c.id == *a.memberId; }))
                out.notes.push_back(fmt::format("{} still holds {} (not up for election) — `klynge role end {} {} "
                                                "--date DATE` if the term ended",
                                                a.holder, office, office, memberById(store, *a.memberId).number));
    auto id = insertDecision(store, row);
    // In their final order (votes, then the draw): the ids keep it.
    for (auto i : seats.order) {
        auto q = store.prepared("INSERT INTO election_candidate(id, decision_id, member_id, votes, elected) "
                                "VALUES (klynge_id(), ?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, candidates.members[i].id);
        q.bind(3, votes[i]);
        q.bind(4, seats.elected[i] ? 1 : 0);
        q.exec();
    }
    out.decision = getDecision(store, id);
    return out;
}

} // namespace klynge
