#include "klynge/checks/check.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <future>

namespace klynge {

std::string_view severityName(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::vector<const CheckRule*> allRules() {
    std::vector<const CheckRule*> out;
    for (auto rules : {storeRules(), clusterRules(), membershipRules(), grantRules(), moneyRules(), meetingRules(),
                       skatRules(), decisionRules(), workspaceRules(), qualityRules()})
        for (const auto& r : rules) out.push_back(&r);
    return out;
}

namespace {

void runRule(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    try {
        rule.run(ctx, rule, out);
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, fmt::format("checking {}", rule.id));
    }
}

} // namespace

const std::vector<MeetingSummary>& CheckContext::meetings() {
    if (!meetingsRead) meetingsRead = listMeetings(store);
    return *meetingsRead;
}

const std::vector<Decision>& CheckContext::decisions() {
    if (!decisionsRead) decisionsRead = listDecisions(store);
    return *decisionsRead;
}

const std::vector<Practice>& CheckContext::practices() {
    if (!practicesRead) practicesRead = listPractices(store, at, false);
    return *practicesRead;
}

const BudgetReport& CheckContext::budget() {
    if (!budgetRead) budgetRead = budgetVsActual(store, at.year());
    return *budgetRead;
}

const std::vector<Theme>& CheckContext::themes() {
    if (!themesRead) themesRead = listThemes(store);
    return *themesRead;
}

const std::optional<std::map<std::int64_t, Cpr>>& CheckContext::cprs() {
    if (!cprsWereRead) {
        cprsRead = readCprs(paths);
        cprsWereRead = true;
    }
    return cprsRead;
}

const std::vector<Contract>& CheckContext::contracts() {
    if (!contractsRead) contractsRead = listContracts(store);
    return *contractsRead;
}

namespace {

// From how many links in the hash chain the rules that scan the history run
// beside the others, each on a connection of its own. Below it they take a
// few milliseconds, less than another connection costs (it parses the
// schema anew, and a second thread measured slower than one).
constexpr std::int64_t scanApartFrom = 50'000;

bool bigHistory(Store& store) {
    return store.db().execAndGet("SELECT count(*) FROM chain").getInt64() >= scanApartFrom;
}

} // namespace

std::vector<Finding> runChecks(CheckContext& ctx, CheckScope scope) {
    const auto rules = allRules();
    std::vector<std::vector<Finding>> byRule(rules.size());
    const bool scans = scope == CheckScope::all;
    const bool apart = scans && bigHistory(ctx.store);
    // On a big store the rules that read the whole history run beside the
    // others (two cores: a million chained records in half the time). The
    // command's read transaction holds its shared lock, so every connection
    // reads the same snapshot. Findings keep the registry's order.
    std::vector<std::future<void>> later;
    for (std::size_t i = 0; i < rules.size() && apart; ++i) {
        if (!rules[i]->scansHistory) continue;
        later.push_back(std::async(std::launch::async, [&, i] {
            Store own = Store::open(ctx.store.file(), Store::Mode::readOnly);
            CheckContext mine{own, ctx.config, ctx.paths, ctx.at, ctx.full};
            runRule(mine, *rules[i], byRule[i]);
            if (!mine.chainNote.empty()) ctx.chainNote = std::move(mine.chainNote); // one rule sets it
        }));
    }
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (!rules[i]->scansHistory || (scans && !apart)) runRule(ctx, *rules[i], byRule[i]);
    for (auto& s : later) s.get(); // rethrows a rule's error
    std::vector<Finding> findings;
    for (auto& f : byRule) findings.insert(findings.end(), f.begin(), f.end());
    return findings;
}

} // namespace klynge
