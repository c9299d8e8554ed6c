// The region's overview of its clusters' grants (issue 17): the batch's
// table, the grant per cluster and the patients per cluster as charts
// (largest first), and the total — one self-contained Danish HTML file for a
// finance unit's report (html.hpp).
#pragma once

#include "klynge/grants/grant.hpp"

#include <string>
#include <vector>

namespace klynge {

struct GrantOverview {
    int year = 0;
    std::vector<ClusterGrant> clusters; // in the batch's (Danish name) order
    ClusterGrant total;
    std::string source; // the batch file's name, for the reader
    std::uint64_t rows = 0;
};

std::string renderGrantOverview(const GrantOverview& overview, Date made);

} // namespace klynge
