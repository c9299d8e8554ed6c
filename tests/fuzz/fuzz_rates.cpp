// rates.toml (RateTable::merge). An accepted file leaves a table whose years
// are in order, each rate non-negative, and every year with a base rate
// usable by forYear.
#include "fuzz.hpp"

#include "klynge/grants/grant.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace klynge;
    RateTable table = RateTable::builtIn();
    if (!FUZZ_PARSE(table.merge(fuzz::text(data, size), "rates.toml"))) return 0;
    int previous = 0;
    for (const auto& r : table.years()) {
        FUZZ_CHECK(r.year > previous);
        previous = r.year;
        FUZZ_CHECK(r.fapExtra >= Money(), std::to_string(r.year));
        FUZZ_CHECK(!r.origin.empty(), std::to_string(r.year));
        if (!r.perPatient) continue;
        FUZZ_CHECK(*r.perPatient >= Money(), std::to_string(r.year));
        FUZZ_CHECK(table.forYear(r.year).year == r.year);
        ClusterGrant g;
        g.cluster = "Fuzzklyngen";
        g.rate = r;
        g.patients = 100'000;
        FUZZ_PARSE(computeGrant(g));
    }
    return 0;
}
