#include "klynge/checks/check.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

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

std::vector<Finding> runChecks(CheckContext& ctx, CheckScope scope) {
    const auto rules = allRules();
    std::vector<std::vector<Finding>> byRule(rules.size());
    // The rules that read the whole history run beside the others, each on
    // a connection of its own (two cores: a million chained records in
    // half the time). Findings keep the registry's order.
    std::vector<std::future<void>> scans;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (!rules[i]->scansHistory) continue;
        if (scope == CheckScope::quick) continue;
        scans.push_back(std::async(std::launch::async, [&, i] {
            Store own = Store::open(ctx.store.file(), Store::Mode::readOnly);
            CheckContext mine{own, ctx.config, ctx.paths, ctx.at, ctx.full};
            runRule(mine, *rules[i], byRule[i]);
            if (!mine.chainNote.empty()) ctx.chainNote = std::move(mine.chainNote); // one rule sets it
        }));
    }
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (!rules[i]->scansHistory) runRule(ctx, *rules[i], byRule[i]);
    for (auto& s : scans) s.get(); // rethrows a rule's error
    std::vector<Finding> findings;
    for (auto& f : byRule) findings.insert(findings.end(), f.begin(), f.end());
    return findings;
}

} // namespace klynge
