// Election records [000 §5, §7]: most votes wins, a tie is recorded and
// resolved by a new round or a draw, and an elected member takes up the role
// the office names.
#include "klynge/decisions/vote.hpp"
#include "klynge/decisions/detail.hpp"

#include "klynge/text/error.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/role.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace klynge {
namespace {

using namespace vote_detail;

// A candidate: a member's id, e-mail or exact name.
Member candidateMember(Store& store, const std::string& who) {
    if (who.find('@') != std::string::npos || std::all_of(who.begin(), who.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return findMember(store, who);
    SQLite::Statement q(store.db(), "SELECT id FROM member WHERE name = ? AND forgotten_on IS NULL");
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
    SQLite::Statement q(store.db(), "SELECT role_assignment_id, succeeded_assignment_id FROM decision WHERE id = ?");
    q.bind(1, old.id);
    if (!q.executeStep() || q.getColumn(0).isNull()) return;
    SQLite::Statement del(store.db(), "DELETE FROM role_assignment WHERE id = ? AND from_date = ?");
    del.bind(1, q.getColumn(0).getInt64());
    del.bind(2, old.decidedOn.iso());
    del.exec();
    if (q.getColumn(1).isNull()) return;
    SQLite::Statement reopen(store.db(), "UPDATE role_assignment SET to_date = NULL WHERE id = ? AND to_date = ?");
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

} // namespace

RecordedDecision recordElection(Store& store, const Config& config, const ElectionRequest& r, Date today) {
    auto m = decidingMeeting(store, r.meetingId);
    oneLine("--office", r.office, text_limit::word);
    std::string office = isRole(r.office) ? std::string(findRole(r.office).name) : r.office;
    checkSupersedes(store, r.supersedes, m, false, DecisionKind::election);
    if (r.candidates.empty()) throw InvalidValue("no --candidate — give every candidate, one --candidate each");
    auto present = attendance(store, config, m.id);
    const int eligible = static_cast<int>(present.eligible.size());
    if (eligible == 0)
        throw InvalidValue("nobody with voting right is recorded present — record who came with `klynge meeting "
                           "attend` first");

    std::vector<Member> candidates;
    std::vector<std::string> given; // as written, for --votes and --lot
    for (auto& c : r.candidates) {
        auto member = candidateMember(store, c);
        if (!member.activeAt(m.start.date))
            throw RuleViolation(fmt::format("--candidate {} is not a member on {} — candidates must be members",
                                            member.name, m.start.date.iso()));
        if (std::any_of(candidates.begin(), candidates.end(), [&](const Member& x) { return x.id == member.id; }))
            throw InvalidValue(fmt::format("--candidate {} is given twice — name each candidate once", member.name));
        candidates.push_back(member);
        given.push_back(c);
    }
    auto indexOf = [&](const std::string& who, std::string_view option) -> std::size_t {
        for (std::size_t i = 0; i < candidates.size(); ++i)
            if (given[i] == who || candidates[i].name == who || candidates[i].email == who ||
                std::to_string(candidates[i].id) == who)
                return i;
        throw InvalidValue(fmt::format("{}: \"{}\" is not one of the candidates — give a name as given with "
                                       "--candidate",
                                       option, who));
    };
    std::vector<int> votes(candidates.size(), 0);
    std::vector<bool> counted(candidates.size(), false);
    for (auto& v : r.votes) {
        auto [who, n] = splitAssignment(v, "--votes", "CANDIDATE=N");
        auto i = indexOf(who, "--votes");
        if (counted[i])
            throw InvalidValue(fmt::format("--votes for {} is given twice — give each candidate's votes once",
                                           candidates[i].name));
        counted[i] = true;
        votes[i] = parseCount(n, "--votes");
    }
    int total = 0;
    for (int v : votes) total += v;
    if (total > eligible)
        throw InvalidValue(fmt::format("{} votes in all but only {} present with voting right — each votes once; "
                                       "count again, or record who else came with `klynge meeting attend`",
                                       total, eligible));
    const bool unopposed = candidates.size() == 1 && r.votes.empty();
    if (r.votes.empty() && !unopposed)
        throw InvalidValue("no --votes — give each candidate's votes, e.g. --votes \"Anne Ærø=7\"");

    auto top = unopposed ? std::vector<std::size_t>{0} : leaders(votes);
    std::optional<std::size_t> winner;
    bool byLot = false;
    if (top.size() == 1) {
        winner = top.front();
        if (!r.lot.empty())
            throw InvalidValue(fmt::format("--lot: there is no tie — {} has the most votes; leave --lot out",
                                           candidates[top.front()].name));
    } else if (!r.lot.empty()) {
        auto i = indexOf(r.lot, "--lot");
        if (std::find(top.begin(), top.end(), i) == top.end())
            throw InvalidValue(fmt::format("--lot {}: {} is not tied for the most votes — the lot is drawn between "
                                           "the candidates tied at {} votes",
                                           candidates[i].name, candidates[i].name, votes[top.front()]));
        winner = i;
        byLot = true;
    }

    RecordedDecision out;
    DecisionRow row;
    row.meetingId = m.id;
    row.kind = DecisionKind::election;
    row.subject = office;
    row.eligiblePresent = eligible;
    row.outcome = winner ? Outcome::elected : Outcome::tie;
    row.byLot = byLot;
    row.supersedes = r.supersedes;
    row.decidedOn = m.start.date;
    row.recordedOn = today;
    if (r.supersedes.id) undoRoleChange(store, getDecision(store, *r.supersedes.id));
    if (winner) {
        auto change = giveRole(store, office, candidates[*winner], m.start.date);
        row.roleAssignment = change.assignment;
        row.succeededAssignment = change.succeeded;
        if (!change.note.empty()) out.notes.push_back(change.note);
    } else {
        out.notes.push_back(fmt::format("a tie — hold a new round (`klynge vote election {} ...`) or record the "
                                        "draw with --lot",
                                        m.number));
    }
    auto id = insertDecision(store, row);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        SQLite::Statement q(store.db(), "INSERT INTO election_candidate(id, decision_id, member_id, votes, elected) "
                                        "VALUES (klynge_id(), ?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, candidates[i].id);
        q.bind(3, votes[i]);
        q.bind(4, winner == i ? 1 : 0);
        q.exec();
    }
    out.decision = getDecision(store, id);
    return out;
}

} // namespace klynge
