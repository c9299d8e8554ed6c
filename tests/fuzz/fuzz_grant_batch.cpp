// `klynge grant calc --batch FILE.csv` (grantBatch): a region's file at the
// 2025 rate. Each cluster's grant is its parts' sum, and the total row is
// the sum of the clusters.
#include "fuzz.hpp"

#include "klynge/grants/batch.hpp"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace klynge;
    static const RateTable rates = RateTable::builtIn();
    std::istringstream in{std::string(fuzz::text(data, size))};
    BatchResult result;
    if (!FUZZ_PARSE(result = grantBatch(in, "batch.csv", rates.forYear(2025)))) return 0;
    Money total;
    std::int64_t patients = 0;
    for (const auto& c : result.clusters) {
        FUZZ_CHECK(!c.cluster.empty());
        FUZZ_CHECK(c.patients >= 0 && c.capacities >= 0, c.cluster);
        FUZZ_CHECK(c.total == c.operating + c.fapExtra + c.startUp, c.cluster);
        FUZZ_CHECK(c.startUp == Money() || c.foundingYear, c.cluster);
        total += c.total;
        patients += c.patients;
    }
    FUZZ_CHECK(result.total.total == total);
    FUZZ_CHECK(result.total.patients == patients);
    FUZZ_CHECK(result.rows >= result.clusters.size());
    return 0;
}
