// The coordinator changes (DOMAIN.md, "Honoraria and SKAT"; [000 §7],
// [001 §7]): the outgoing coordinator's role and contract end the same day,
// the incoming one — the suppleant, who holds the post as acting coordinator
// until the next ordinary general assembly, or a newly elected coordinator —
// takes over the next day, and the checklist of [001 §7] is written as a
// document.
#pragma once

#include "klynge/honoraria/honoraria.hpp"
#include "klynge/people/role.hpp"

#include <optional>
#include <string>
#include <vector>

namespace klynge {

struct Handover {
    RoleAssignment outgoing;
    RoleAssignment incoming;
    bool acting = false;             // the incoming coordinator is the suppleant [000 §7]
    std::vector<Contract> ended;     // the outgoing coordinator's contracts, ended on the last day
    std::string document;            // documents/skift-af-koordinator-YYYY-MM-DD.md
    std::string text;                // its Danish text
};

// In the caller's transaction. `lastDay` is the outgoing coordinator's last
// day. Refused: no coordinator on that day, the same person, a member who
// has left, a contract with a period paid beyond the last day.
Handover handOverCoordinator(Store& store, const Config& config, const WorkspacePaths& paths,
                             std::string_view incoming, Date lastDay, Date today);

// The suppleant holding the post as acting coordinator on `d`: the
// coordinator on `d` who also holds the suppleant role [000 §7].
std::optional<RoleAssignment> actingCoordinator(Store& store, Date d);

} // namespace klynge
