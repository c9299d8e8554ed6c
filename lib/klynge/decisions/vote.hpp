// Decisions (DOMAIN.md, "Decisions"): motions with the bylaws' majorities,
// elections and dot voting. The arithmetic is here, as small pure functions
// (vote.cpp); the records — append-only and hash-chained — are in
// store.cpp, the texts for output and minutes in text.cpp.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/text/date.hpp"
#include "klynge/store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

// ---- Rules (vote.cpp) ---------------------------------------------------

// [000 §6, §10–§12]: ordinary decisions by simple majority; bylaws changes,
// exclusion and dissolution by a qualified majority of the members present.
enum class MotionKind { ordinary, bylaws, exclusion, dissolution };
std::string_view motionKindName(MotionKind k);   // "bylaws"
std::string_view motionKindDanish(MotionKind k); // "vedtægtsændring"
MotionKind parseMotionKind(std::string_view text);
bool needsQualifiedMajority(MotionKind k);

// "2/3": the share of the members present with voting right who must vote yes.
struct Share {
    int numerator = 2;
    int denominator = 3;
};
Share parseShare(std::string_view text);

// Every voting rule that is policy, from klynge.toml (standard bylaws by default).
struct VotePolicy {
    Share qualified;              // policy.qualified_majority [000 §10–§12]
    bool chairCastingVote = false; // policy.chair_casting_vote (association convention)
    int dotsPerMember = 3;         // policy.dots_per_member [000]
    static VotePolicy from(const Config& config);
};

struct Tally {
    int yes = 0;
    int no = 0;
    int blank = 0;
    int cast() const { return yes + no + blank; }
};

enum class CastingVote { none, yes, no };

struct MotionResult {
    bool adopted = false;
    bool tie = false;       // ordinary: as many yes as no
    bool qualified = false; // decided by the qualified majority
    int yesNeeded = 0;      // qualified: the fewest yes votes that adopt
    Share share;            // qualified: the share applied
};

// The fewest yes votes that make `share` of `present`: ceil(n·present / d).
int qualifiedYesNeeded(int present, Share share);

// Decides a motion. Ordinary: yes > no among the votes cast; blank votes
// count neither way; a tie fails unless the chair has a casting vote
// (policy.chair_casting_vote) and gives it. Qualified: n·present ≤ d·yes,
// the base being the members with voting right recorded present — not the
// votes cast. Throws InvalidValue when nobody with voting right was present,
// no vote was given, or the votes exceed the eligible present; RuleViolation
// for a casting vote the policy does not allow or a tie that needs one.
MotionResult decideMotion(MotionKind kind, const Tally& tally, int eligiblePresent, const VotePolicy& policy,
                          CastingVote casting = CastingVote::none);

// The leaders of a count (most votes), in input order; more than one is a tie.
std::vector<std::size_t> leaders(const std::vector<int>& votes);

// ---- Records (store.cpp) -------------------------------------------

enum class DecisionKind { ordinary, bylaws, exclusion, dissolution, election, dots };
std::string_view decisionKindName(DecisionKind k);
enum class Outcome { adopted, rejected, elected, tie, chosen };
std::string_view outcomeName(Outcome o);

struct Ballot {
    std::int64_t memberNumber = 0; // the member's number
    std::string name;
    std::string choice; // yes, no, blank
};

struct Candidate {
    std::int64_t memberNumber = 0;
    std::string name;
    int votes = 0;
    bool elected = false;
};

struct IdeaResult {
    std::int64_t ideaId = 0;
    std::string title;
    int dots = 0;
    bool chosen = false;
};

struct DotAllocation {
    std::int64_t memberNumber = 0;
    std::string name;
    std::string idea;
    int dots = 0;
};

struct Decision {
    std::int64_t id = 0;     // the record's id (record_id.hpp)
    std::int64_t number = 0; // what people type and see: decision 4
    std::int64_t meetingId = 0;
    std::int64_t meetingNumber = 0;
    std::string meetingTitle;
    Date decidedOn; // the meeting's day
    DecisionKind kind = DecisionKind::ordinary;
    std::string subject; // the motion, the office, or the dot vote's question
    Outcome outcome = Outcome::rejected;
    int eligiblePresent = 0; // members with voting right recorded present (the base)
    std::optional<Tally> tally;
    bool byBallot = false;
    Share share;                // the qualified majority applied (bylaws, exclusion, dissolution)
    CastingVote casting = CastingVote::none;
    bool byLot = false;
    std::vector<Ballot> ballots;
    std::vector<Candidate> candidates; // by votes, most first
    std::vector<IdeaResult> ideas;     // by dots, most first
    std::vector<DotAllocation> dots;
    std::optional<std::int64_t> roleAssignmentId; // the role an election gave its winner
    int seats = 1; // an election's places (issue 15: a board of N, suppleants in order)
    std::optional<std::int64_t> supersedes;   // the number of the decision it corrects
    std::optional<std::int64_t> supersededBy; // the number of the one that corrects it
    // A new round that settled an election's tie no longer stands once that
    // election is superseded: the correction elects for every seat. The
    // number of the correcting decision.
    std::optional<std::int64_t> voidedBy;
    bool stands() const { return !supersededBy && !voidedBy; }
    std::string reason; // why it supersedes
    Date recordedOn;
    bool isMotion() const { return kind != DecisionKind::election && kind != DecisionKind::dots; }
};

// What every writing command may add: a correction of an earlier record.
struct Supersedes {
    std::optional<std::int64_t> id; // the record id of the decision it corrects
    std::string reason;
};

struct MotionRequest {
    std::int64_t meetingId = 0;
    std::string motion;
    MotionKind kind = MotionKind::ordinary;
    std::optional<Tally> tally;           // --yes/--no/--blank
    std::vector<std::string> ballots;     // "PERSON=yes|no|blank"
    CastingVote casting = CastingVote::none;
    Supersedes supersedes;
    // issue 15: an exclusion names the member, the documentation of the
    // breach and the day they were warned [001 §10] (exclusion.cpp).
    std::string excludedMember;
    std::string documentation;
    std::optional<Date> warnedOn;
    // issue 14: a bylaws change carries the paragraph it changes and its new
    // wording (amendment.cpp).
    std::optional<int> paragraph;
    std::string paragraphText;
};

struct ElectionRequest {
    std::int64_t meetingId = 0;
    std::string office;
    int seats = 1;                       // issue 15: the places to fill (a board of N)
    std::vector<std::string> candidates; // member id, e-mail or name
    std::vector<std::string> votes;      // "CANDIDATE=N"
    std::vector<std::string> lots;       // after a tie: the tied candidates drawn by lot, in the order drawn
    Supersedes supersedes;
};

// issue 15: how an election with several seats is decided (election.cpp).
// Each voter has up to `seats` votes, at most one per candidate; the
// `seats` candidates with most votes are elected. Suppleants are elected
// the same way, in an election of their own whose office names them
// ("suppleant", "bestyrelsessuppleant"): their order counts, so a tie
// between two of them is decided too. A tie the result depends on — at the
// last seat, or in a suppleants' order — is handled as for one seat: the
// record says who is tied and elects only those whose place is certain;
// the assembly holds a new round for the open places, or draws lots and
// gives the drawn with --lot, in the order drawn (klynge's rule: the seeds
// and the standard bylaws name none [000 §5–§6]).
bool orderedOffice(std::string_view office); // suppleants: the order of the elected counts
struct SeatsResult {
    std::vector<std::size_t> order;     // candidate indices in their final order
    std::vector<bool> elected;          // by candidate index
    bool tie = false;                   // a tie that decides a place is not resolved
    std::vector<std::size_t> tied;      // the candidates in such ties, in order
    std::optional<std::size_t> strayLot; // a drawn candidate in no tie that decides a place
};
// `lots`: candidate indices drawn, in the order drawn; within a tie the drawn
// come first, in that order.
SeatsResult decideSeats(const std::vector<int>& votes, int seats, bool ordered, const std::vector<std::size_t>& lots);

struct DotsRequest {
    std::int64_t meetingId = 0;
    std::string question;
    std::vector<std::string> ideas;
    std::vector<std::string> dots; // "PERSON=IDEA:N"
    int choose = 1;                // how many ideas are chosen
    std::string lot;               // the idea drawn by lot after a tie
    Supersedes supersedes;
};

struct RecordedDecision {
    Decision decision;
    std::vector<std::string> notes; // role changes, ideas added to the pool
};

RecordedDecision recordMotion(Store& store, const Config& config, const MotionRequest& r, Date today);
RecordedDecision recordElection(Store& store, const Config& config, const ElectionRequest& r, Date today);
RecordedDecision recordDots(Store& store, const Config& config, const DotsRequest& r, Date today);

// issue 15 (exclusion.cpp): what an exclusion motion names. Checked before
// the vote is recorded; recorded with it, and an adopted one ends the
// membership from the meeting's day.
struct ExclusionRecord {
    std::string member;
    std::string documentation;
    Date warnedOn;
};
void checkExclusion(Store& store, const MotionRequest& r, Date meetingDay);
// Returns a note for the command line.
std::string recordExclusion(Store& store, const MotionRequest& r, std::int64_t decisionId, bool adopted,
                            Date meetingDay);
std::optional<ExclusionRecord> exclusionOf(Store& store, std::int64_t decisionId);

// issue 14 (amendment.cpp): a bylaws decision's new paragraph text. Checked
// before the vote is recorded (only --kind bylaws, both or neither given),
// recorded with it.
struct BylawsAmendment {
    std::int64_t decisionId = 0;
    int paragraph = 0;
    std::string text;
    Date decidedOn;
    std::string meetingType; // as stored: "generalforsamling", "ekstraordinær generalforsamling"
};
void checkAmendment(const MotionRequest& r);
void recordAmendment(Store& store, const MotionRequest& r, std::int64_t decisionId);
// Adopted amendments not superseded, in the order they were decided.
std::vector<BylawsAmendment> adoptedAmendments(Store& store);
// The new wording a decision carries, adopted or not.
std::optional<BylawsAmendment> amendmentOf(Store& store, std::int64_t decisionId);

// DECISION on the command line: the number `klynge vote list` shows.
std::int64_t parseDecisionNumber(std::string_view text);
// The decision with that number: its record id (RuleViolation if none).
std::int64_t decisionIdOf(Store& store, std::int64_t number);
Decision getDecision(Store& store, std::int64_t id);
// Every decision (of one meeting), oldest first.
std::vector<Decision> listDecisions(Store& store, std::optional<std::int64_t> meetingId = std::nullopt);

// Ideas never chosen by a dot vote that stands (not superseded) [000].
struct PoolIdea {
    std::int64_t id = 0;
    std::string title;
    Date addedOn;
    int rounds = 0;  // dot votes it was in
    int dots = 0;    // dots it got in them, in all
};
std::vector<PoolIdea> ideaPool(Store& store);

// ---- Texts (text.cpp) ----------------------------------------------

// English, for the command line: the rule, the base and the arithmetic.
std::string ruleText(const Decision& d);
std::vector<std::string> arithmeticLines(const Decision& d);
// The outcome on one line, for lists.
std::string resultLine(const Decision& d);
// Danish, for the minutes.
std::string danishSubject(const Decision& d);
std::string danishResult(const Decision& d);

} // namespace klynge
