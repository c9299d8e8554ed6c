// A region's grants in one batch: a CSV file with one row per practice
// (cluster, ydernummer, patients[, capacities][, founded]) or one row per
// cluster (cluster, patients[, capacities][, founded]) becomes one grant per
// cluster (klynge-grant(1), BATCH FILE). The file is streamed: memory grows
// with the number of clusters, not rows; duplicate ydernumre are found with a
// fixed table of 1.000.000 entries (4 MB, one per possible ydernummer).
#pragma once

#include "klynge/grants/grant.hpp"

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace klynge {

enum class BatchLayout { perPractice, perCluster };

// Called every `everyRows` rows with the rows read and the bytes consumed
// (-1 when the stream cannot tell), so a front end can draw progress.
struct BatchProgress {
    std::function<void(std::uint64_t rows, std::int64_t bytes)> onProgress;
    std::uint64_t everyRows = 16384;
};

struct BatchResult {
    BatchLayout layout = BatchLayout::perPractice;
    std::uint64_t rows = 0;             // data rows read
    std::vector<ClusterGrant> clusters; // in Danish name order
    ClusterGrant total;                 // the sum of the rows above
};

// Bad rows listed in the error; more are counted, not listed (memory stays flat).
inline constexpr std::size_t maxListedBadRows = 1000;

// Reads the batch and computes each cluster's grant at `rate`. The start-up
// grant applies to a cluster whose `founded` column (a date or a year) is the
// rate's year, from the capacities on its rows. Throws RuleViolation (exit 1)
// whose first line is a summary and every further line "FILE:LINE: reason",
// one per bad row, if the header or any row is bad.
BatchResult grantBatch(std::istream& in, const std::string& source, const GrantRate& rate,
                       const BatchProgress& progress = {});

// A whole number of patients or capacities from a spreadsheet cell: "9180",
// "9.180" or "9 180" (Danish thousands groups). Throws InvalidValue saying why.
std::int64_t parseBatchCount(std::string_view text, std::string_view what, std::int64_t max);

} // namespace klynge
