// Roles with from/to dates (DOMAIN.md, "The cluster"): the coordinator signs
// for the cluster; the others are recommended [000, 001, 002].
#pragma once

#include "klynge/text/date.hpp"
#include "klynge/store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

struct RoleSpec {
    std::string_view name;    // koordinator, ...
    bool singleHolder;        // one holder at a time (a new one succeeds the old)
    bool externalAllowed;     // may be held by a non-member (a clinic secretary)
    std::string_view source;
};
// Throws InvalidValue listing the roles.
const RoleSpec& findRole(std::string_view name);

struct RoleAssignment {
    std::int64_t id = 0;
    std::string role;
    std::optional<std::int64_t> memberId;
    std::string holder; // the member's name, or the external name
    std::string ydernummer; // the member's practice, empty for externals
    Date from;
    std::optional<Date> to; // last day in the role
};

struct RoleHolder {
    std::optional<std::int64_t> memberId;
    std::string externalName;
};

struct AssignResult {
    RoleAssignment assignment;
    std::optional<RoleAssignment> succeeded; // the previous holder, now ended the day before
};

AssignResult assignRole(Store& store, std::string_view role, const RoleHolder& holder, Date from,
                        std::optional<Date> to);
// Ends a holder's open assignment with `to` as the last day.
RoleAssignment endRole(Store& store, std::string_view role, const RoleHolder& holder, Date to);

// Assignments in force at `at` (or all, when nullopt), by role then name.
std::vector<RoleAssignment> listRoles(Store& store, std::optional<Date> at);
std::vector<RoleAssignment> rolesOf(Store& store, std::int64_t memberId);

} // namespace klynge
