// `klynge check`: every rule marked **check** in DOMAIN.md is one small
// function with an id, a severity and its source, registered in its domain's
// list (checks_*.cpp). The command runs them all.
#pragma once

#include "klynge/decisions/vote.hpp"
#include "klynge/honoraria/honoraria.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/money/budget.hpp"
#include "klynge/people/practice.hpp"
#include "klynge/quality/quality.hpp"
#include "klynge/store/config.hpp"
#include "klynge/store/private_store.hpp"
#include "klynge/text/date.hpp"
#include "klynge/store/store.hpp"
#include "klynge/store/workspace.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

enum class Severity { error, warning };
std::string_view severityName(Severity s);

struct Finding {
    std::string rule;
    Severity severity;
    std::string message;
};

struct CheckContext {
    Store& store;
    const Config& config;
    const WorkspacePaths& paths;
    Date at;
    // `check --full`: walk the whole hash chain even where a verified
    // checkpoint would let the walk start later (store/checkpoint.hpp).
    bool full = false;
    // Set by store.chain when it walked from a checkpoint, for the summary.
    std::string chainNote = {};

    // What several rules (and `status`) read, each read once: the store
    // does not change while they run. (Public members, so that CheckContext
    // stays an aggregate: read them through the functions.)
    const std::vector<MeetingSummary>& meetings(); // listMeetings
    const std::vector<Decision>& decisions();      // listDecisions
    const std::vector<Practice>& practices();      // listPractices on `at`, those that left left out
    const BudgetReport& budget();                  // budgetVsActual for `at`'s year
    const std::vector<Theme>& themes();            // listThemes, every year
    const std::vector<Contract>& contracts();      // listContracts
    const std::optional<std::map<std::int64_t, Cpr>>& cprs(); // readCprs: private/cpr.db
    std::optional<std::vector<MeetingSummary>> meetingsRead = {};
    std::optional<std::vector<Decision>> decisionsRead = {};
    std::optional<std::vector<Practice>> practicesRead = {};
    std::optional<BudgetReport> budgetRead = {};
    std::optional<std::vector<Theme>> themesRead = {};
    std::optional<std::vector<Contract>> contractsRead = {};
    bool cprsWereRead = false;
    std::optional<std::map<std::int64_t, Cpr>> cprsRead = {};
};

struct CheckRule {
    std::string_view id;
    std::string_view description;
    std::string_view source;
    // Adds findings; the severity of each is the rule's to choose (a rule
    // may warn in December and fail in January).
    void (*run)(CheckContext&, const CheckRule&, std::vector<Finding>&);
    // Reads every record of a kind (the hash chain, every receipt file): its
    // time grows with the years of history. `klynge check` runs it;
    // `klynge status`, which must answer at once, leaves it out.
    bool scansHistory = false;
};

// The registry, domain by domain.
std::span<const CheckRule> storeRules();
std::span<const CheckRule> clusterRules();
std::span<const CheckRule> membershipRules();
std::span<const CheckRule> grantRules();
std::span<const CheckRule> moneyRules();
std::span<const CheckRule> meetingRules();
std::span<const CheckRule> skatRules();
std::span<const CheckRule> decisionRules();
std::span<const CheckRule> workspaceRules();
std::span<const CheckRule> qualityRules(); // issue 15
std::vector<const CheckRule*> allRules();

enum class CheckScope {
    all,   // klynge check
    quick, // klynge status: every rule but those that scan the whole history
};
std::vector<Finding> runChecks(CheckContext& ctx, CheckScope scope = CheckScope::all);

} // namespace klynge
