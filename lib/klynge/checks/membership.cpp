// The yearly roster registration at KiAP (DOMAIN.md, "Members and voting
// rights"): check it before 1 January; the region pays from it [001 §11, §15].
#include "klynge/checks/check.hpp"
#include "klynge/people/roster.hpp"

#include <fmt/format.h>

#include <array>

namespace klynge {
namespace {

void registeredBeforeNewYear(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto last = lastRegistration(ctx.store, ctx.at);
    Date since = last ? last->date : Date(1900, 1, 1);
    auto changes = rosterChanges(ctx.store, since, ctx.at);
    if (changes.empty()) return;
    const Date newYear(ctx.at.year(), 1, 1);
    const Date december(ctx.at.year(), 12, 1);
    const std::string what = last ? fmt::format("since the registration on {}", last->date.iso())
                                  : std::string("and it has never been registered");
    // A change made before this year's 1 January that is still unregistered
    // missed the deadline; a change in December is due before the next one.
    if (changes.front().date < newYear) {
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("the roster changed {} ({} change{}, the first on {}) and was not registered "
                                   "at KiAP before 1 January {} — register it now, then `klynge member registered "
                                   "--date DATE`",
                                   what, changes.size(), changes.size() == 1 ? "" : "s", changes.front().date.iso(),
                                   ctx.at.year())});
    } else if (ctx.at >= december) {
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("the roster changed {} ({} change{}) — register it at KiAP before 1 January {} "
                                   "(`klynge member diff` shows what), then `klynge member registered --date DATE`",
                                   what, changes.size(), changes.size() == 1 ? "" : "s", ctx.at.year() + 1)});
    }
}

constexpr std::array rules{
    CheckRule{"members.registration", "the roster is registered at KiAP before 1 January", "[001 §11, §15]",
              registeredBeforeNewYear},
};

} // namespace

std::span<const CheckRule> membershipRules() { return rules; }

} // namespace klynge
