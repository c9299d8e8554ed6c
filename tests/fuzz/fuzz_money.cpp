// Money::parse (amounts typed on the command line and read from CSV files).
// An accepted amount reads back to the same øre from every form klynge
// writes: "1.234,50 kr.", "1.234,50", "1234.50", "1234,50".
#include "fuzz.hpp"

#include "klynge/text/money.hpp"

#include <optional>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using klynge::Money;
    const auto input = klynge::fuzz::text(data, size);
    std::optional<Money> m;
    if (!FUZZ_PARSE(m = Money::parse(input))) return 0;
    for (const auto& written : {m->danish(), m->danishNumber(), m->plain(), m->plainComma()}) {
        std::optional<Money> again;
        FUZZ_CHECK(FUZZ_PARSE(again = Money::parse(written)), "klynge cannot read its own " + written);
        FUZZ_CHECK(*again == *m, written + " reads back as " + again->plain() + ", not " + m->plain());
    }
    const Money negated = -*m;
    FUZZ_CHECK(Money::parse(negated.plain()) == negated, negated.plain());
    return 0;
}
