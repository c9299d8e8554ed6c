// The majorities (DOMAIN.md, "Decisions"): the 2/3 boundary for 9-12 present,
// ties, blanks, all blank, nobody present, too many votes, the casting vote,
// and the leaders of an election.
#include "klynge/text/error.hpp"
#include "klynge/decisions/vote.hpp"

#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <vector>

using namespace klynge;

namespace {

const VotePolicy standard{};

struct QualifiedCase {
    int present;
    int yes;
    int no;
    bool adopted;
};

} // namespace

TEST_CASE("qualified majority: 3 yes >= 2 present around the boundary for 9 to 12 present") {
    // present 9 needs 6, 10 needs 7 (20/3 = 6.67), 11 needs 8 (22/3 = 7.33), 12 needs 8.
    const std::vector<QualifiedCase> cases{
        {9, 5, 4, false}, {9, 6, 3, true},  {9, 6, 0, true},  {9, 7, 2, true},
        {10, 6, 4, false}, {10, 7, 3, true}, {10, 7, 0, true}, {10, 8, 2, true},
        {11, 7, 4, false}, {11, 8, 3, true}, {11, 8, 0, true}, {11, 7, 0, false},
        {12, 7, 5, false}, {12, 8, 4, true}, {12, 8, 0, true}, {12, 9, 3, true},
    };
    for (auto kind : {MotionKind::bylaws, MotionKind::exclusion, MotionKind::dissolution})
        for (const auto& c : cases) {
            CAPTURE(c.present);
            CAPTURE(c.yes);
            auto r = decideMotion(kind, {c.yes, c.no, 0}, c.present, standard);
            CHECK(r.qualified);
            CHECK(r.adopted == c.adopted);
        }
}

TEST_CASE("qualified majority: the yes votes needed") {
    const std::vector<std::pair<int, int>> needed{{9, 6}, {10, 7}, {11, 8}, {12, 8}, {1, 1}, {2, 2}, {3, 2}, {30, 20}};
    for (auto [present, yes] : needed) {
        CAPTURE(present);
        CHECK(qualifiedYesNeeded(present, {2, 3}) == yes);
    }
    CHECK(qualifiedYesNeeded(12, {3, 4}) == 9);
    CHECK(qualifiedYesNeeded(11, {3, 4}) == 9);
}

TEST_CASE("qualified majority: the base is the present, not the votes cast") {
    // 8 yes and nobody against, but 13 present with voting right: 3*8 = 24 < 26.
    auto r = decideMotion(MotionKind::bylaws, {8, 0, 0}, 13, standard);
    CHECK_FALSE(r.adopted);
    CHECK(r.yesNeeded == 9);
    // Blank votes and abstentions count as not yes.
    CHECK_FALSE(decideMotion(MotionKind::bylaws, {7, 0, 4}, 11, standard).adopted);
    CHECK(decideMotion(MotionKind::bylaws, {8, 0, 3}, 11, standard).adopted);
}

TEST_CASE("qualified majority: a 3/4 policy") {
    VotePolicy p;
    p.qualified = {3, 4};
    CHECK_FALSE(decideMotion(MotionKind::bylaws, {8, 4, 0}, 12, p).adopted);
    CHECK(decideMotion(MotionKind::bylaws, {9, 3, 0}, 12, p).adopted);
}

TEST_CASE("ordinary majority: yes over no, blanks count neither way, a tie fails") {
    struct Case {
        Tally tally;
        bool adopted;
        bool tie;
    };
    const std::vector<Case> cases{
        {{6, 5, 0}, true, false}, {{5, 6, 0}, false, false}, {{5, 5, 0}, false, true},
        {{3, 2, 6}, true, false}, {{2, 3, 6}, false, false}, {{1, 1, 9}, false, true},
        {{0, 0, 11}, false, true}, // all blank: nothing for, nothing against
        {{1, 0, 10}, true, false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.tally.yes);
        CAPTURE(c.tally.no);
        CAPTURE(c.tally.blank);
        auto r = decideMotion(MotionKind::ordinary, c.tally, 11, standard);
        CHECK_FALSE(r.qualified);
        CHECK(r.adopted == c.adopted);
        CHECK(r.tie == c.tie);
    }
}

TEST_CASE("ordinary majority: the chair's casting vote only where the policy gives it") {
    VotePolicy casting;
    casting.chairCastingVote = true;
    CHECK(decideMotion(MotionKind::ordinary, {5, 5, 1}, 11, casting, CastingVote::yes).adopted);
    CHECK_FALSE(decideMotion(MotionKind::ordinary, {5, 5, 1}, 11, casting, CastingVote::no).adopted);
    CHECK_THROWS_AS(decideMotion(MotionKind::ordinary, {5, 5, 1}, 11, casting), RuleViolation);
    CHECK_THROWS_AS(decideMotion(MotionKind::ordinary, {5, 5, 1}, 11, standard, CastingVote::yes), RuleViolation);
    CHECK_THROWS_AS(decideMotion(MotionKind::ordinary, {6, 5, 0}, 11, casting, CastingVote::no), InvalidValue);
    CHECK_THROWS_AS(decideMotion(MotionKind::bylaws, {6, 5, 0}, 11, casting, CastingVote::yes), InvalidValue);
}

TEST_CASE("refused: nobody present, no votes, more votes than present") {
    CHECK_THROWS_AS(decideMotion(MotionKind::ordinary, {1, 0, 0}, 0, standard), InvalidValue);
    CHECK_THROWS_AS(decideMotion(MotionKind::bylaws, {0, 0, 0}, 0, standard), InvalidValue);
    CHECK_THROWS_AS(decideMotion(MotionKind::ordinary, {0, 0, 0}, 11, standard), InvalidValue);
    CHECK_THROWS_AS(decideMotion(MotionKind::ordinary, {6, 6, 0}, 11, standard), InvalidValue);
    CHECK_THROWS_AS(decideMotion(MotionKind::bylaws, {12, 0, 0}, 11, standard), InvalidValue);
    CHECK_THROWS_AS(decideMotion(MotionKind::bylaws, {8, 3, 1}, 11, standard), InvalidValue);
    CHECK_NOTHROW(decideMotion(MotionKind::bylaws, {8, 2, 1}, 11, standard));
    try {
        decideMotion(MotionKind::ordinary, {7, 5, 0}, 11, standard);
        FAIL("12 votes from 11 present must be refused");
    } catch (const InvalidValue& e) {
        CHECK(std::string(e.what()).find("only 11 present with voting right") != std::string::npos);
    }
}

TEST_CASE("motion kinds and shares parse") {
    CHECK(parseMotionKind("bylaws") == MotionKind::bylaws);
    CHECK(needsQualifiedMajority(MotionKind::dissolution));
    CHECK_FALSE(needsQualifiedMajority(MotionKind::ordinary));
    CHECK_THROWS_AS(parseMotionKind("vedtægt"), InvalidValue);
    CHECK(parseShare("3/4").numerator == 3);
    CHECK_THROWS_AS(parseShare("1/2"), ConfigError);
    CHECK_THROWS_AS(parseShare("2/3x"), ConfigError);
}

TEST_CASE("election leaders: one winner or a tie") {
    CHECK(leaders({7, 4}) == std::vector<std::size_t>{0});
    CHECK(leaders({4, 7, 2}) == std::vector<std::size_t>{1});
    CHECK(leaders({5, 5, 1}) == std::vector<std::size_t>{0, 1});
    CHECK(leaders({0, 0}) == std::vector<std::size_t>{0, 1});
    CHECK(leaders({}).empty());
}
