// Danish public holidays and SKAT's B-income deadline (DOMAIN.md, "Honoraria
// and SKAT"), with the worked examples written down there.
#include "klynge/calendar/deadlines.hpp"
#include "klynge/calendar/holidays.hpp"

#include <doctest/doctest.h>

#include <ostream>

using namespace klynge;

TEST_CASE("Easter Sunday") {
    struct Case {
        int year;
        Date easter;
    };
    const Case cases[] = {{2019, Date(2019, 4, 21)}, {2023, Date(2023, 4, 9)},  {2024, Date(2024, 3, 31)},
                          {2025, Date(2025, 4, 20)}, {2026, Date(2026, 4, 5)},  {2027, Date(2027, 3, 28)},
                          {2038, Date(2038, 4, 25)}, {2000, Date(2000, 4, 23)}, {2285, Date(2285, 3, 22)}};
    for (auto& c : cases) {
        CAPTURE(c.year);
        CHECK(easterSunday(c.year) == c.easter);
    }
}

TEST_CASE("public holidays: Store Bededag only up to 2023") {
    CHECK(publicHoliday(Date(2023, 5, 5)) == std::optional<std::string_view>("Store bededag"));
    CHECK_FALSE(publicHoliday(Date(2024, 4, 26)).has_value()); // would have been Store Bededag
    CHECK(publicHolidays(2023).size() == 11);
    CHECK(publicHolidays(2024).size() == 10);
    CHECK(publicHoliday(Date(2026, 4, 3)) == std::optional<std::string_view>("Langfredag"));
    CHECK(publicHoliday(Date(2026, 5, 14)) == std::optional<std::string_view>("Kristi himmelfartsdag"));
    CHECK(publicHoliday(Date(2026, 5, 25)) == std::optional<std::string_view>("2. pinsedag"));
    CHECK_FALSE(publicHoliday(Date(2026, 6, 5)).has_value()); // Grundlovsdag is a bank closing day only
    CHECK(bankClosingDay(Date(2026, 6, 5)).has_value());
    CHECK(bankClosingDay(Date(2026, 5, 15)).has_value()); // the Friday after Ascension
}

TEST_CASE("B-income deadlines: DOMAIN.md's worked examples") {
    struct Case {
        int year;
        unsigned month;
        Date deadline;
    };
    const Case cases[] = {
        {2024, 12, Date(2025, 1, 17)}, // Friday
        {2025, 4, Date(2025, 5, 12)},  // the 10th is a Saturday
        {2025, 7, Date(2025, 8, 11)},  // the 10th is a Sunday
        {2025, 12, Date(2026, 1, 19)}, // 17 January is a Saturday
        {2026, 3, Date(2026, 4, 10)},  // Friday
        {2026, 4, Date(2026, 5, 11)},  // Sunday → Monday
        {2026, 9, Date(2026, 10, 12)}, // Saturday → Monday
        {2026, 12, Date(2027, 1, 18)}, // 17 January 2027 is a Sunday
    };
    for (auto& c : cases) {
        CAPTURE(c.year);
        CAPTURE(c.month);
        CHECK(bIncomeDeadline(c.year, c.month) == c.deadline);
    }
}

TEST_CASE("B-income deadlines over a whole year: always a weekday, never before the 10th") {
    for (int year : {2023, 2024, 2025, 2026, 2027, 2028}) {
        for (unsigned m = 1; m <= 12; ++m) {
            Date d = bIncomeDeadline(year, m);
            CAPTURE(d.iso());
            CHECK(isWeekday(d));
            CHECK(d.day() >= (m == 12 ? 17u : 10u));
            CHECK(d.day() <= (m == 12 ? 21u : 14u));
        }
    }
}

TEST_CASE("a holiday on the 10th moves the deadline, bank closing days only when asked") {
    // Ascension Day 2029 is Thursday 10 May: April 2029's deadline moves to Friday 11 May,
    // which is the Friday after Ascension — a bank closing day.
    CHECK(easterSunday(2029).addDays(39) == Date(2029, 5, 10));
    CHECK(bIncomeDeadline(2029, 4) == Date(2029, 5, 11));
    CHECK(bIncomeDeadline(2029, 4, true) == Date(2029, 5, 14));
}
