// `klynge status`: the cluster at a glance.
#pragma once

#include "klynge/check.hpp"
#include "klynge/roster.hpp"
#include "klynge/role.hpp"
#include "klynge/workspace.hpp"

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
};

StatusReport clusterStatus(Session& session, Date at);

} // namespace klynge
