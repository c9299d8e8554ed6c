// Date::parse (dates on the command line, in CSV files and klynge.toml).
// An accepted date reads back from the forms klynge writes (ISO and the
// Danish 10.03.2026), and date arithmetic stays within real dates.
#include "fuzz.hpp"

#include "klynge/text/date.hpp"

#include <optional>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using klynge::Date;
    const auto input = klynge::fuzz::text(data, size);
    std::optional<Date> d;
    const bool accepted = FUZZ_PARSE(d = Date::parse(input));
    FUZZ_CHECK(accepted == Date::tryParse(input).has_value());
    if (!accepted) return 0;
    FUZZ_CHECK(d->year() >= 1 && d->year() <= 9999, d->iso());
    FUZZ_CHECK(Date::parse(d->iso()) == *d, d->iso());
    FUZZ_CHECK(Date::parse(d->danish()) == *d, d->danish());
    FUZZ_CHECK(Date(d->year(), d->month(), d->day()) == *d, d->iso());
    FUZZ_CHECK(d->isoWeekday() >= 1 && d->isoWeekday() <= 7, d->iso());
    FUZZ_CHECK(!d->danishLong().empty());
    // Arithmetic the deadlines use (notice days, SKAT's 10th, a year on).
    const Date later = d->addDays(400), monthOn = d->addMonths(1);
    FUZZ_CHECK(d->daysUntil(later) == 400, d->iso());
    FUZZ_CHECK(monthOn > *d && d->daysUntil(monthOn) <= 31 && d->daysUntil(monthOn) >= 28, d->iso());
    FUZZ_CHECK(monthOn.day() <= d->day(), d->iso() + " + 1 month = " + monthOn.iso());
    return 0;
}
