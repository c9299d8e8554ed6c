// Reading decision records back: one decision with its ballots, candidates
// and dots; the list; the pool of ideas not chosen yet.
#include "klynge/decisions/vote.hpp"

#include "klynge/store/record_id.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace klynge {
namespace {

constexpr std::array<std::string_view, 6> kindNames{"ordinary", "bylaws", "exclusion", "dissolution", "election",
                                                    "dots"};
constexpr std::array<std::string_view, 5> outcomeNames{"adopted", "rejected", "elected", "tie", "chosen"};

DecisionKind parseKind(const std::string& s) {
    for (std::size_t i = 0; i < kindNames.size(); ++i)
        if (kindNames[i] == s) return static_cast<DecisionKind>(i);
    throw StorageError(fmt::format("unknown decision kind \"{}\" in klynge.db — run `klynge check`", s));
}

Outcome parseOutcome(const std::string& s) {
    for (std::size_t i = 0; i < outcomeNames.size(); ++i)
        if (outcomeNames[i] == s) return static_cast<Outcome>(i);
    throw StorageError(fmt::format("unknown decision outcome \"{}\" in klynge.db — run `klynge check`", s));
}

constexpr const char* decisionColumns =
    "SELECT d.id, d.meeting_id, m.title, d.decided_on, d.kind, d.subject, d.outcome, d.eligible_present, d.yes, "
    "d.no, d.blank, d.by_ballot, d.share_numerator, d.share_denominator, d.casting_vote, d.by_lot, "
    "d.role_assignment_id, (SELECT o.number FROM decision o WHERE o.id = d.supersedes_id), "
    "(SELECT s.number FROM decision s WHERE s.supersedes_id = d.id), "
    "coalesce(d.reason, ''), d.recorded_on, d.number, m.number, coalesce(d.seats, 1), "
    // A later round of a tied election that has since been superseded.
    "(SELECT min(s.number) FROM decision t JOIN decision s ON s.supersedes_id = t.id WHERE d.kind = 'election' "
    "AND t.kind = 'election' AND t.outcome = 'tie' AND t.meeting_id = d.meeting_id AND t.subject = d.subject "
    "AND t.number < d.number AND s.number > d.number) "
    "FROM decision d JOIN meeting m ON m.id = d.meeting_id";

Decision readDecision(SQLite::Statement& q) {
    Decision d;
    d.id = q.getColumn(0).getInt64();
    d.meetingId = q.getColumn(1).getInt64();
    d.meetingTitle = q.getColumn(2).getString();
    d.decidedOn = Date::parse(q.getColumn(3).getString());
    d.kind = parseKind(q.getColumn(4).getString());
    d.subject = q.getColumn(5).getString();
    d.outcome = parseOutcome(q.getColumn(6).getString());
    d.eligiblePresent = q.getColumn(7).getInt();
    if (!q.getColumn(8).isNull()) d.tally = Tally{q.getColumn(8).getInt(), q.getColumn(9).getInt(), q.getColumn(10).getInt()};
    d.byBallot = q.getColumn(11).getInt() != 0;
    if (!q.getColumn(12).isNull()) d.share = Share{q.getColumn(12).getInt(), q.getColumn(13).getInt()};
    if (!q.getColumn(14).isNull()) d.casting = q.getColumn(14).getString() == "yes" ? CastingVote::yes : CastingVote::no;
    d.byLot = q.getColumn(15).getInt() != 0;
    if (!q.getColumn(16).isNull()) d.roleAssignmentId = q.getColumn(16).getInt64();
    if (!q.getColumn(17).isNull()) d.supersedes = q.getColumn(17).getInt64();
    if (!q.getColumn(18).isNull()) d.supersededBy = q.getColumn(18).getInt64();
    d.reason = q.getColumn(19).getString();
    d.recordedOn = Date::parse(q.getColumn(20).getString());
    d.number = q.getColumn(21).getInt64();
    d.meetingNumber = q.getColumn(22).getInt64();
    d.seats = q.getColumn(23).getInt();
    if (!q.getColumn(24).isNull()) d.voidedBy = q.getColumn(24).getInt64();
    return d;
}

constexpr const char* memberName = "coalesce(p.name, '(glemt #' || p.number || ')')";

void readDetails(Store& store, Decision& d) {
    if (d.byBallot) {
        static const std::string sql = fmt::format("SELECT p.number, {}, b.choice FROM decision_ballot b JOIN "
                                                   "member p ON p.id = b.member_id WHERE b.decision_id = ? ORDER BY b.id",
                                                   memberName);
        auto q = store.prepared(sql);
        q.bind(1, d.id);
        while (q.executeStep())
            d.ballots.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()});
    }
    if (d.kind == DecisionKind::election) {
        static const std::string sql = fmt::format("SELECT p.number, {}, c.votes, c.elected FROM election_candidate "
                                                   "c JOIN member p ON p.id = c.member_id WHERE c.decision_id = ? "
                                                   "ORDER BY c.votes DESC, c.id",
                                                   memberName);
        auto q = store.prepared(sql);
        q.bind(1, d.id);
        while (q.executeStep())
            d.candidates.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt(),
                                    q.getColumn(3).getInt() != 0});
    }
    if (d.kind == DecisionKind::dots) {
        auto q = store.prepared("SELECT r.idea_id, i.title, r.dots, r.chosen FROM dot_result r JOIN idea i ON "
                                "i.id = r.idea_id WHERE r.decision_id = ? ORDER BY r.dots DESC, r.id");
        q.bind(1, d.id);
        while (q.executeStep())
            d.ideas.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt(),
                               q.getColumn(3).getInt() != 0});
        static const std::string sql = fmt::format("SELECT p.number, {}, i.title, a.dots FROM dot_allocation a "
                                                   "JOIN member p ON p.id = a.member_id JOIN idea i ON i.id = "
                                                   "a.idea_id WHERE a.decision_id = ? ORDER BY a.id",
                                                   memberName);
        auto a = store.prepared(sql);
        a.bind(1, d.id);
        while (a.executeStep())
            d.dots.push_back({a.getColumn(0).getInt64(), a.getColumn(1).getString(), a.getColumn(2).getString(),
                              a.getColumn(3).getInt()});
    }
}

} // namespace

std::string_view decisionKindName(DecisionKind k) { return kindNames[static_cast<std::size_t>(k)]; }
std::string_view outcomeName(Outcome o) { return outcomeNames[static_cast<std::size_t>(o)]; }

std::int64_t parseDecisionNumber(std::string_view text) {
    bool ok = !text.empty() && text.size() < 12 &&
              std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!ok)
        throw InvalidValue(fmt::format("\"{}\" is not a decision number — give the number `klynge vote list` shows", text));
    return std::stoll(std::string(text));
}

std::int64_t decisionIdOf(Store& store, std::int64_t number) {
    if (auto id = recordIdOfNumber(store.db(), "decision", number)) return *id;
    throw RuleViolation(fmt::format("no decision #{} — `klynge vote list` shows the decisions", number));
}

Decision getDecision(Store& store, std::int64_t id) {
    auto q = store.prepared(std::string(decisionColumns) + " WHERE d.id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        throw StorageError(fmt::format("decision record #{} is missing — run `klynge check`", id));
    auto d = readDecision(q);
    readDetails(store, d);
    return d;
}

std::vector<Decision> listDecisions(Store& store, std::optional<std::int64_t> meetingId) {
    auto q = store.prepared(std::string(decisionColumns) + (meetingId ? " WHERE d.meeting_id = ?" : "") +
                            " ORDER BY d.decided_on, d.id");
    if (meetingId) q.bind(1, *meetingId);
    std::vector<Decision> out;
    while (q.executeStep()) out.push_back(readDecision(q));
    for (auto& d : out) readDetails(store, d);
    return out;
}

std::vector<PoolIdea> ideaPool(Store& store) {
    // Chosen by a dot vote that stands: its decision is not superseded.
    auto q = store.prepared("SELECT i.id, i.title, i.added_on, count(r.id), coalesce(sum(r.dots), 0) FROM idea i "
                            "LEFT JOIN dot_result r ON r.idea_id = i.id AND NOT EXISTS (SELECT 1 FROM decision s WHERE "
                            "s.supersedes_id = r.decision_id) "
                            "WHERE NOT EXISTS (SELECT 1 FROM dot_result c WHERE c.idea_id = i.id AND c.chosen = 1 AND NOT "
                            "EXISTS (SELECT 1 FROM decision s WHERE s.supersedes_id = c.decision_id)) "
                            "GROUP BY i.id ORDER BY i.added_on, i.id");
    std::vector<PoolIdea> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), Date::parse(q.getColumn(2).getString()),
                       q.getColumn(3).getInt(), q.getColumn(4).getInt()});
    return out;
}

} // namespace klynge
