#include "klynge/checks/check.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

namespace klynge {

std::string_view severityName(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::vector<const CheckRule*> allRules() {
    std::vector<const CheckRule*> out;
    for (auto rules : {clusterRules(), membershipRules(), grantRules(), moneyRules(), meetingRules(), skatRules(),
                       decisionRules(), workspaceRules()})
        for (const auto& r : rules) out.push_back(&r);
    return out;
}

std::vector<Finding> runChecks(CheckContext& ctx, CheckScope scope) {
    std::vector<Finding> findings;
    for (const CheckRule* rule : allRules()) {
        if (scope == CheckScope::quick && rule->scansHistory) continue;
        try {
            rule->run(ctx, *rule, findings);
        } catch (const SQLite::Exception& e) {
            throwStorageError(e, fmt::format("checking {}", rule->id));
        }
    }
    return findings;
}

} // namespace klynge
