// Rules about the yearly grant (DOMAIN.md, "Money"): the region can compute
// it only from a patient count on the census date, and a rate for the year.
#include "klynge/checks/check.hpp"
#include "klynge/text/error.hpp"
#include "klynge/grants/grant.hpp"
#include "klynge/people/practice.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace klynge {
namespace {

std::optional<RateTable> rates(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    try {
        return loadRates(ctx.paths.root, std::nullopt);
    } catch (const ConfigError& e) {
        out.push_back({std::string(rule.id), Severity::error, e.what()});
        return std::nullopt;
    }
}

// For rules that only need the census date: a broken rates.toml is
// reported once, by grant.rate.
std::optional<RateTable> ratesOrNone(CheckContext& ctx) {
    try {
        return loadRates(ctx.paths.root, std::nullopt);
    } catch (const ConfigError&) {
        return std::nullopt;
    }
}

Date censusDate(const std::optional<RateTable>& table, int year) {
    if (table)
        if (const GrantRate* r = table->find(year)) return r->census;
    return Date(year, 2, 1); // the default census date [002]
}

// A year's rate is published by KiAP; until it is in klynge's table or
// rates.toml the grant cannot be shown. Not the cluster's fault: a warning.
void rateKnown(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto table = rates(ctx, rule, out);
    if (!table) return;
    const int year = ctx.at.year();
    const GrantRate* r = table->find(year);
    if ((!r || !r->perPatient) && ctx.at >= censusDate(table, year))
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("no grant rate for {} is known — add it to rates.toml with its source when KiAP "
                                   "publishes it (see klynge-grant(1))",
                                   year)});
}

// [002]: patients are counted per 1 February; a practice without a count on
// or before the census date makes the grant impossible to compute.
void censusCounts(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const int year = ctx.at.year();
    auto table = ratesOrNone(ctx);
    const Date census = censusDate(table, year);
    if (ctx.at < census) return;
    std::vector<std::string> missing;
    for (auto& p : listPractices(ctx.store, census, false))
        if (!p.patients) missing.push_back(p.ydernummer);
    if (!missing.empty())
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("no patient count on or before the census date {} for practice {} — record it with "
                                   "`klynge practice set YDERNR --patients N --as-of DATE`",
                                   census.iso(), fmt::join(missing, ", "))});
}

// [000, 001]: the start-up grant is 10.000 kr per doctor capacity at founding.
void foundingCapacities(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto founded = ctx.config.date("cluster.founded");
    if (!founded || founded->year() != ctx.at.year() || ctx.at < *founded) return;
    std::vector<std::string> missing;
    for (auto& p : listPractices(ctx.store, *founded, false))
        if (!p.capacities) missing.push_back(p.ydernummer);
    if (!missing.empty())
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("no doctor capacities at the founding ({}) for practice {} — the start-up grant "
                                   "needs them: `klynge practice set YDERNR --capacities N --as-of {}`",
                                   founded->iso(), fmt::join(missing, ", "), founded->iso())});
}

constexpr std::array rules{
    CheckRule{"grant.rate", "a grant rate is known for the year (rates.toml is valid)", "[002]; KiAP", rateKnown},
    CheckRule{"grant.census", "every member practice has a patient count on the census date", "[002]", censusCounts},
    CheckRule{"grant.founding", "doctor capacities are recorded at founding (start-up grant)", "[000, 001]",
              foundingCapacities},
};

} // namespace

std::span<const CheckRule> grantRules() { return rules; }

} // namespace klynge
