// Rules about decisions (DOMAIN.md, "Decisions"). The hash chain they share
// with the money records is verified by money.chain, which names the
// decision an edit touched.
#include "klynge/checks/check.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/decisions/vote.hpp"
#include "klynge/text/danish.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>

namespace klynge {
namespace {

bool stands(const Decision& d) { return d.stands(); }

// Each record's outcome follows from its own counts by the rule stored with
// it, its ballots add up to its counts, and an election's winner has the
// most votes — a record written by klynge always agrees with itself.
std::optional<std::string> inconsistency(const Decision& d) {
    if (d.isMotion()) {
        if (!d.tally) return "it has no counts";
        const auto& t = *d.tally;
        if (d.byBallot) {
            Tally b;
            for (auto& x : d.ballots) (x.choice == "yes" ? b.yes : x.choice == "no" ? b.no : b.blank) += 1;
            if (b.yes != t.yes || b.no != t.no || b.blank != t.blank)
                return fmt::format("its ballots give {} yes, {} no, {} blank but it records {}, {}, {}", b.yes, b.no,
                                   b.blank, t.yes, t.no, t.blank);
        }
        if (t.cast() > d.eligiblePresent)
            return fmt::format("{} votes exceed the {} present with voting right", t.cast(), d.eligiblePresent);
        bool adopted = d.kind == DecisionKind::ordinary
                           ? (t.yes > t.no || (t.yes == t.no && d.casting == CastingVote::yes))
                           : static_cast<std::int64_t>(d.share.denominator) * t.yes >=
                                 static_cast<std::int64_t>(d.share.numerator) * d.eligiblePresent;
        if (adopted != (d.outcome == Outcome::adopted))
            return fmt::format("it says {} but its counts make it {}", outcomeName(d.outcome),
                               adopted ? "adopted" : "rejected");
        return std::nullopt;
    }
    if (d.kind == DecisionKind::election) {
        // Each voter has up to one vote per seat (issue 15); a full result
        // fills every seat there are candidates for, a tie leaves one open.
        int total = 0, elected = 0;
        const Candidate* weakestElected = nullptr;
        const Candidate* strongestOther = nullptr;
        for (auto& c : d.candidates) {
            total += c.votes;
            elected += c.elected ? 1 : 0;
            auto& slot = c.elected ? weakestElected : strongestOther;
            if (!slot || (c.elected ? c.votes < slot->votes : c.votes > slot->votes)) slot = &c;
        }
        if (total > d.eligiblePresent * d.seats)
            return d.seats == 1 ? fmt::format("{} votes exceed the {} present with voting right", total, d.eligiblePresent)
                                : fmt::format("{} votes exceed {} seats for each of the {} present with voting right",
                                              total, d.seats, d.eligiblePresent);
        const int places = std::min(d.seats, static_cast<int>(d.candidates.size()));
        if (d.outcome == Outcome::elected ? elected != places : elected >= places)
            return "its elected candidates do not match its outcome";
        if (weakestElected && strongestOther && strongestOther->votes > weakestElected->votes)
            return fmt::format("{} is elected with fewer votes than {}", weakestElected->name, strongestOther->name);
    }
    if (d.kind == DecisionKind::dots) {
        std::map<std::string, int> placed;
        for (auto& a : d.dots) placed[a.idea] += a.dots;
        for (auto& i : d.ideas)
            if (placed[i.title] != i.dots)
                return fmt::format("{} has {} dots but the doctors placed {}", i.title, i.dots, placed[i.title]);
    }
    return std::nullopt;
}

void decisionsConsistent(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (const auto& d : ctx.decisions())
        if (auto what = inconsistency(d))
            out.push_back({std::string(rule.id), Severity::error,
                           fmt::format("decision #{} ({}: {}) does not add up: {} — restore klynge.db from git or a "
                                       "dump; correct a mistake with a superseding record",
                                       d.number, decisionKindName(d.kind), d.subject, *what)});
}

// A tie that nothing resolved: no later election for the office (or dot vote)
// at the same meeting, and no draw recorded.
void tiesResolved(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const auto& all = ctx.decisions();
    for (const auto& d : all) {
        if (d.outcome != Outcome::tie || !stands(d)) continue;
        bool later = false;
        for (const auto& e : all)
            if (e.id > d.id && stands(e) && e.meetingId == d.meetingId && e.kind == d.kind && e.subject == d.subject)
                later = true;
        if (later) continue;
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("decision #{} ({} at meeting #{} on {}) is a tie that is not resolved — record "
                                   "the new round with `klynge vote {} {} ...`, or the draw with --lot and "
                                   "--supersedes {}",
                                   d.number, d.kind == DecisionKind::election ? "election of " + d.subject : d.subject,
                                   d.meetingNumber, d.decidedOn.iso(), decisionKindName(d.kind), d.meetingNumber, d.number)});
    }
}

// The base of a vote is the attendance when it was taken; if the attendance
// recorded for the meeting changed after, the minutes and the votes disagree.
void baseMatchesAttendance(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    std::optional<std::map<std::int64_t, int>> present;
    for (const auto& d : ctx.decisions()) {
        if (!d.isMotion() && d.kind != DecisionKind::election) continue;
        if (!present) present = attendedWithVotingRight(ctx.store, ctx.config);
        const auto found = present->find(d.meetingId);
        const int now = found == present->end() ? 0 : found->second;
        if (now != d.eligiblePresent)
            out.push_back({std::string(rule.id), Severity::warning,
                           fmt::format("decision #{} ({}) counted {} present with voting right, but meeting #{} now "
                                       "records {} — if the attendance was wrong, supersede the decision with the "
                                       "right base (`klynge vote --supersedes {}`)",
                                       d.number, d.subject, d.eligiblePresent, d.meetingNumber, now, d.number)});
    }
}

// issue 14: klynge.toml's policy is what the bylaws say. An adopted
// amendment of a paragraph that states a policy value (§ 4 the notice, § 5
// the proposals' days, § 7 the board's size, §§ 10–12 the qualified majority) must state the value
// klynge.toml has, or the votes and notices follow other rules than the
// bylaws the general assembly adopted.
void bylawsMatchPolicy(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    std::map<int, BylawsAmendment> latest;
    for (auto& a : adoptedAmendments(ctx.store)) latest[a.paragraph] = a;
    const auto majority = ctx.config.text("policy.qualified_majority");
    const auto notice = ctx.config.integer("policy.notice_days");
    const auto proposals = ctx.config.integer("policy.proposal_days");
    const auto board = ctx.config.integer("policy.board_members");
    for (const auto& [paragraph, a] : latest) {
        std::string setting, value, expected;
        if (paragraph == 4) {
            setting = "policy.notice_days";
            value = std::to_string(notice);
            expected = fmt::format("{} dage", notice);
        } else if (paragraph == 5) {
            setting = "policy.proposal_days";
            value = std::to_string(proposals);
            expected = fmt::format("{} dage", proposals);
        } else if (paragraph == 7 && board > 0) {
            // The board's size, in words or in digits ("tre medlemmer", "3 medlemmer").
            setting = "policy.board_members";
            value = std::to_string(board);
            expected = fmt::format("{} medlemmer", danish::number(board));
            if (a.text.find(fmt::format("{} medlemmer", board)) != std::string::npos) continue;
        } else if (paragraph >= 10 && paragraph <= 12) {
            setting = "policy.qualified_majority";
            value = fmt::format("\"{}\"", majority);
            expected = danish::majority(majority);
        } else {
            continue;
        }
        if (a.text.find(expected) != std::string::npos) continue;
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("§ {} of the bylaws as amended on {} does not say \"{}\" as klynge.toml's {} = {} "
                                   "does — set {} to what the general assembly adopted, or adopt a new wording",
                                   paragraph, a.decidedOn.iso(), expected, setting, value, setting)});
    }
}

constexpr std::array rules{
    CheckRule{"decisions.consistent", "every decision's outcome follows from its own counts", "[000 §6, §10–§12]",
              decisionsConsistent},
    CheckRule{"decisions.ties", "a tied election or dot vote is resolved by a new round or a draw", "[000 §5]",
              tiesResolved},
    CheckRule{"decisions.base", "the base of each vote matches the meeting's recorded attendance",
              "DOMAIN.md \"Decisions\"", baseMatchesAttendance},
    CheckRule{"decisions.bylaws-policy", "klynge.toml's policy says what the adopted bylaws say", "[000 §4, §5, §10–§12]",
              bylawsMatchPolicy},
};

} // namespace

std::span<const CheckRule> decisionRules() { return rules; }

} // namespace klynge
