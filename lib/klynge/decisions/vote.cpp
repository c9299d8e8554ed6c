// The majorities (DOMAIN.md, "Decisions"), as pure functions.
#include "klynge/decisions/vote.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace klynge {
namespace {

struct KindRow {
    MotionKind kind;
    std::string_view name;
    std::string_view danish;
    bool qualified;
    std::string_view source;
};

// Which majority each kind needs, with its source.
constexpr std::array kinds{
    KindRow{MotionKind::ordinary, "ordinary", "almindelig beslutning", false, "[000 §6]: simple majority"},
    KindRow{MotionKind::bylaws, "bylaws", "vedtægtsændring", true, "[000 §10]: 2/3 of the members present"},
    KindRow{MotionKind::exclusion, "exclusion", "eksklusion", true, "[000 §11]: 2/3 of the members present"},
    KindRow{MotionKind::dissolution, "dissolution", "opløsning", true, "[000 §12]: 2/3 of the members present"},
};

const KindRow& row(MotionKind k) {
    for (auto& r : kinds)
        if (r.kind == k) return r;
    return kinds.front();
}

} // namespace

std::string_view motionKindName(MotionKind k) { return row(k).name; }
std::string_view motionKindDanish(MotionKind k) { return row(k).danish; }
bool needsQualifiedMajority(MotionKind k) { return row(k).qualified; }

MotionKind parseMotionKind(std::string_view text) {
    for (auto& r : kinds)
        if (r.name == text) return r.kind;
    throw InvalidValue(fmt::format("unknown --kind \"{}\" — use ordinary, bylaws, exclusion or dissolution", text));
}

Share parseShare(std::string_view text) {
    auto slash = text.find('/');
    Share s{0, 0};
    bool ok = slash != std::string_view::npos;
    if (ok) {
        auto a = std::from_chars(text.data(), text.data() + slash, s.numerator);
        auto b = std::from_chars(text.data() + slash + 1, text.data() + text.size(), s.denominator);
        ok = a.ec == std::errc{} && a.ptr == text.data() + slash && b.ec == std::errc{} &&
             b.ptr == text.data() + text.size() && s.numerator > 0 && s.denominator > 0 &&
             2 * s.numerator > s.denominator && s.numerator <= s.denominator;
    }
    if (!ok)
        throw ConfigError(fmt::format("policy.qualified_majority \"{}\" is not a share above one half such as "
                                      "\"2/3\" — fix klynge.toml",
                                      text));
    return s;
}

VotePolicy VotePolicy::from(const Config& config) {
    VotePolicy p;
    p.qualified = parseShare(config.text("policy.qualified_majority"));
    p.chairCastingVote = config.boolean("policy.chair_casting_vote");
    p.dotsPerMember = static_cast<int>(config.integer("policy.dots_per_member"));
    return p;
}

int qualifiedYesNeeded(int present, Share share) {
    // n·present ≤ d·yes  ⇔  yes ≥ ceil(n·present / d); 64-bit so no count overflows.
    const std::int64_t n = static_cast<std::int64_t>(share.numerator) * present;
    return static_cast<int>((n + share.denominator - 1) / share.denominator);
}

MotionResult decideMotion(MotionKind kind, const Tally& t, int eligiblePresent, const VotePolicy& policy,
                          CastingVote casting) {
    if (t.yes < 0 || t.no < 0 || t.blank < 0)
        throw InvalidValue("a vote count is negative — give the number of votes, 0 or more");
    if (eligiblePresent <= 0)
        throw InvalidValue("nobody with voting right is recorded present — record who came with `klynge meeting "
                           "attend` first");
    if (t.cast() == 0)
        throw InvalidValue("no votes given — give --yes/--no/--blank, or --ballot PERSON=yes|no|blank");
    if (t.cast() > eligiblePresent)
        throw InvalidValue(fmt::format("{} votes ({} yes, {} no, {} blank) but only {} present with voting right — "
                                       "count again, or record who else came with `klynge meeting attend`",
                                       t.cast(), t.yes, t.no, t.blank, eligiblePresent));
    MotionResult r;
    if (needsQualifiedMajority(kind)) {
        if (casting != CastingVote::none)
            throw InvalidValue("--casting is for a tie in an ordinary decision — a qualified majority has no "
                               "casting vote; leave it out");
        r.qualified = true;
        r.share = policy.qualified;
        r.yesNeeded = qualifiedYesNeeded(eligiblePresent, r.share);
        r.adopted = static_cast<std::int64_t>(r.share.denominator) * t.yes >=
                    static_cast<std::int64_t>(r.share.numerator) * eligiblePresent;
        return r;
    }
    r.yesNeeded = t.no + 1;
    r.tie = t.yes == t.no;
    if (!r.tie) {
        if (casting != CastingVote::none)
            throw InvalidValue("--casting is only for a tie — the votes decide; leave it out");
        r.adopted = t.yes > t.no;
        return r;
    }
    // A tie (also when every vote was blank) fails, unless the bylaws give
    // the chair a casting vote.
    if (casting != CastingVote::none && !policy.chairCastingVote)
        throw RuleViolation("the chair has no casting vote in this cluster (policy.chair_casting_vote = false) — a "
                            "tie fails; leave --casting out");
    if (policy.chairCastingVote && t.yes > 0 && casting == CastingVote::none)
        throw RuleViolation(fmt::format("a tie ({} yes, {} no): the chair's casting vote decides "
                                        "(policy.chair_casting_vote) — give --casting yes|no",
                                        t.yes, t.no));
    r.adopted = casting == CastingVote::yes;
    return r;
}

bool orderedOffice(std::string_view office) { return office.find("suppleant") != std::string_view::npos; }

SeatsResult decideSeats(const std::vector<int>& votes, int seats, bool ordered, const std::vector<std::size_t>& lots) {
    const std::size_t n = votes.size();
    const auto seatCount = static_cast<std::size_t>(std::max(seats, 1));
    constexpr std::size_t notDrawn = static_cast<std::size_t>(-1);
    std::vector<std::size_t> drawn(n, notDrawn);
    for (std::size_t i = 0; i < lots.size(); ++i)
        if (lots[i] < n && drawn[lots[i]] == notDrawn) drawn[lots[i]] = i;
    SeatsResult r;
    r.order.resize(n);
    for (std::size_t i = 0; i < n; ++i) r.order[i] = i;
    // Most votes first; within a tie the drawn first, in the order drawn; then as given.
    std::stable_sort(r.order.begin(), r.order.end(), [&](std::size_t a, std::size_t b) {
        if (votes[a] != votes[b]) return votes[a] > votes[b];
        return drawn[a] < drawn[b];
    });
    auto votesAt = [&](std::size_t p) { return votes[r.order[p]]; };
    // A boundary k lies between places k-1 and k (0-based). It decides
    // something at the last seat, and between suppleants, whose order counts.
    auto matters = [&](std::size_t k) { return k == seatCount || (ordered && k < seatCount); };
    auto unresolved = [&](std::size_t k) {
        return matters(k) && votesAt(k - 1) == votesAt(k) && drawn[r.order[k - 1]] == notDrawn &&
               drawn[r.order[k]] == notDrawn;
    };
    r.elected.assign(n, false);
    for (std::size_t start = 0; start < n;) {
        std::size_t end = start + 1;
        while (end < n && votesAt(end) == votesAt(start)) ++end;
        bool deciding = false, open = false;
        for (std::size_t k = start + 1; k < end; ++k) {
            deciding = deciding || matters(k);
            open = open || unresolved(k);
        }
        for (std::size_t p = start; p < end; ++p) {
            if (open) r.tied.push_back(r.order[p]);
            else if (p < seatCount) r.elected[r.order[p]] = true;
            if (!deciding && drawn[r.order[p]] != notDrawn && !r.strayLot) r.strayLot = r.order[p];
        }
        r.tie = r.tie || open;
        start = end;
    }
    return r;
}

std::vector<std::size_t> leaders(const std::vector<int>& votes) {
    std::vector<std::size_t> out;
    if (votes.empty()) return out;
    const int most = *std::max_element(votes.begin(), votes.end());
    for (std::size_t i = 0; i < votes.size(); ++i)
        if (votes[i] == most) out.push_back(i);
    return out;
}

} // namespace klynge
