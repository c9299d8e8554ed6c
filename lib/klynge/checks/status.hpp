// `klynge status`: the cluster at a glance.
#pragma once

#include "klynge/quality/quality.hpp"

#include "klynge/checks/check.hpp"
#include "klynge/checks/founding.hpp"
#include "klynge/calendar/deadlines.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/text/money.hpp"
#include "klynge/people/roster.hpp"
#include "klynge/people/role.hpp"
#include "klynge/store/workspace.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace klynge {

struct StatusReport {
    std::string name;
    std::string cvr;
    std::string municipality;
    std::string region;
    std::optional<Date> founded;
    Date at;
    int practices = 0;
    std::int64_t patients = 0;
    std::vector<std::pair<std::string, int>> membersByPosition; // every position, in order
    int members = 0;
    int votingMembers = 0;
    std::vector<RoleAssignment> roles;
    std::optional<Registration> lastRegistration;
    int changesSinceRegistration = 0;
    std::vector<Finding> findings;
    // While the cluster is being founded (no CVR or no founding date): the
    // steps of seed 000, done or open; empty once it is founded.
    std::vector<FoundingStep> founding;
    // The next called meeting with its answers; its rule warnings are in findings.
    std::optional<MeetingSummary> nextMeeting;
    // Money (klynge ledger): the klyngesaldo, what is recorded but not yet
    // paid, and this year's spending against the budget.
    std::int64_t ledgerEntries = 0;
    Money balance;
    Money committed;
    Money spentThisYear;
    std::optional<Money> budgetThisYear; // nullopt: no budget for the year
    // SKAT (klynge skat): the months with B-income not yet reported, oldest
    // first, each with its eIndkomst deadline.
    struct SkatDue {
        std::string month; // "2026-03"
        int records = 0;
        Money amount;
        Date deadline;
    };
    std::vector<SkatDue> skatDue;
    bool anyBIncome = false;
    // The next statutory deadlines (klynge calendar) within 30 days, or the
    // next one; SKAT's monthly ones are in skatDue when something was paid.
    std::vector<CalendarEntry> deadlines;
    // issue 15: the themes open in the year, and the tasks open on the day.
    std::vector<Theme> themes;
    int openTasks = 0;
    int overdueTasks = 0;
};

StatusReport clusterStatus(Session& session, Date at);

} // namespace klynge
