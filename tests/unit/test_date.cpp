// Dates: input forms (DESIGN.md, "Input and output"), calendar arithmetic and
// KLYNGE_TODAY.
#include "klynge/text/date.hpp"
#include "klynge/text/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

using klynge::Date;
using klynge::InvalidValue;

namespace {

struct ParseCase {
    std::string input;
    std::string iso; // empty: refused
    std::string messagePart = {};
};

const std::vector<ParseCase> parseCases = {
    {"2026-03-10", "2026-03-10"},
    {"10-03-2026", "2026-03-10"},
    {"10.03.2026", "2026-03-10"},
    {"1.3.2026", "2026-03-01"},
    {"1-3-2026", "2026-03-01"},
    {"01.3.2026", "2026-03-01"},
    {" 2026-03-10 ", "2026-03-10"},
    {"2024-02-29", "2024-02-29"}, // 2024 is a leap year
    {"2000-02-29", "2000-02-29"}, // divisible by 400: leap
    {"31.12.1999", "1999-12-31"},
    {"2025-02-29", "", "not a real date"},
    {"1900-02-29", "", "not a real date"}, // divisible by 100, not 400
    {"2026-02-30", "", "February 2026 has 28 days"},
    {"31.04.2026", "", "April 2026 has 30 days"},
    {"2026-13-01", "", "no month 13"},
    {"2026-00-10", "", "no month 0"},
    {"00.03.2026", "", "not a real date"},
    {"2026-3-10", "", "not a date in a known form"}, // ISO needs two digits
    {"10.03-2026", "", "not a date in a known form"}, // mixed separators
    {"10/3-2026", "", "not a date in a known form"},
    {"10.03.26", "", "not a date in a known form"},   // two-digit year
    {"2026-03-10T12:00", "", "not a date in a known form"},
    {"100.03.2026", "", "not a date in a known form"},
    {"", "", "not a date in a known form"},
    {"i morgen", "", "not a date in a known form"},
};

} // namespace

TEST_CASE("Date::parse accepts ISO and Danish day-first forms") {
    for (const auto& c : parseCases) {
        CAPTURE(c.input);
        if (!c.iso.empty()) {
            CHECK(Date::parse(c.input).iso() == c.iso);
            CHECK(Date::tryParse(c.input).has_value());
        } else {
            CHECK_FALSE(Date::tryParse(c.input).has_value());
            try {
                Date::parse(c.input);
                FAIL("accepted, expected a refusal");
            } catch (const InvalidValue& e) {
                const std::string message = e.what();
                CHECK(message.find(c.messagePart) != std::string::npos);
                CHECK(message.find(" — ") != std::string::npos);
            }
        }
    }
}

TEST_CASE("the constructor refuses dates that do not exist") {
    CHECK(Date(2024, 2, 29).iso() == "2024-02-29");
    CHECK_THROWS_AS(Date(2025, 2, 29), InvalidValue);
    CHECK_THROWS_AS(Date(2026, 4, 31), InvalidValue);
    CHECK_THROWS_AS(Date(2026, 0, 1), InvalidValue);
    CHECK(Date().iso() == "1970-01-01");
}

TEST_CASE("Date output forms") {
    const Date d(2026, 3, 1);
    CHECK(d.year() == 2026);
    CHECK(d.month() == 3);
    CHECK(d.day() == 1);
    CHECK(d.iso() == "2026-03-01");
    CHECK(d.danish() == "01.03.2026");
    CHECK(d.danishLong() == "1. marts 2026");
    CHECK(Date(2026, 3, 10).danishLong() == "10. marts 2026");

    const std::vector<std::string> months = {"januar", "februar", "marts",     "april",
                                             "maj",    "juni",    "juli",      "august",
                                             "september", "oktober", "november", "december"};
    for (unsigned m = 1; m <= 12; ++m) {
        CAPTURE(m);
        CHECK(Date(2026, m, 15).danishLong() == "15. " + months[m - 1] + " 2026");
    }
}

TEST_CASE("ISO weekday of known dates") {
    struct Case {
        std::string date;
        unsigned weekday;
    };
    const std::vector<Case> cases = {
        {"2026-11-23", 1}, // Monday
        {"2026-03-10", 2}, // Tuesday
        {"2025-12-24", 3}, // Wednesday
        {"2026-01-01", 4}, // Thursday
        {"2026-04-03", 5}, // Friday (Langfredag)
        {"2000-01-01", 6}, // Saturday
        {"2026-04-05", 7}, // Sunday (Påskedag)
        {"1970-01-01", 4},
    };
    for (const auto& c : cases) {
        CAPTURE(c.date);
        CHECK(Date::parse(c.date).isoWeekday() == c.weekday);
    }
}

TEST_CASE("adding days and months") {
    struct Case {
        std::string from;
        int days, months;
        std::string to;
    };
    const std::vector<Case> cases = {
        {"2026-03-10", 14, 0, "2026-03-24"},
        {"2026-12-25", 7, 0, "2027-01-01"},
        {"2024-02-28", 1, 0, "2024-02-29"},
        {"2026-03-01", -1, 0, "2026-02-28"},
        {"2026-01-31", 0, 1, "2026-02-28"}, // clamped to the month's end
        {"2024-01-31", 0, 1, "2024-02-29"}, // leap year
        {"2026-03-31", 0, -1, "2026-02-28"},
        {"2026-05-31", 0, 1, "2026-06-30"},
        {"2026-11-15", 0, 2, "2027-01-15"},
        {"2026-01-15", 0, -13, "2024-12-15"},
        {"2024-02-29", 0, 12, "2025-02-28"},
        {"2026-03-10", 0, 0, "2026-03-10"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.from);
        CAPTURE(c.days);
        CAPTURE(c.months);
        const Date from = Date::parse(c.from);
        const Date to = c.months != 0 ? from.addMonths(c.months) : from.addDays(c.days);
        CHECK(to.iso() == c.to);
    }
}

TEST_CASE("daysUntil and order") {
    const Date a = Date::parse("2026-03-10");
    const Date b = Date::parse("2026-03-24");
    CHECK(a.daysUntil(b) == 14);
    CHECK(b.daysUntil(a) == -14);
    CHECK(a.daysUntil(a) == 0);
    CHECK(Date::parse("2025-01-01").daysUntil(Date::parse("2026-01-01")) == 365);
    CHECK(Date::parse("2024-01-01").daysUntil(Date::parse("2025-01-01")) == 366);
    CHECK(a < b);
    CHECK(a == Date::parse("10.03.2026"));
    CHECK(Date::fromSysDays(a.sysDays()) == a);
}

TEST_CASE("KLYNGE_TODAY overrides today's date") {
    SUBCASE("a valid date") {
        setenv("KLYNGE_TODAY", "2026-11-23", 1);
        CHECK(Date::today().iso() == "2026-11-23");
    }
    SUBCASE("only the ISO form") {
        setenv("KLYNGE_TODAY", "23.11.2026", 1);
        CHECK_THROWS_WITH_AS(Date::today(),
                             doctest::Contains("is not a date — use YYYY-MM-DD"), InvalidValue);
    }
    SUBCASE("not a real date") {
        setenv("KLYNGE_TODAY", "2026-02-30", 1);
        CHECK_THROWS_WITH_AS(Date::today(), doctest::Contains("KLYNGE_TODAY=\"2026-02-30\""),
                             InvalidValue);
    }
    SUBCASE("unset or empty: the local date") {
        unsetenv("KLYNGE_TODAY");
        const Date local = Date::today();
        CHECK(local.year() >= 2024);
        setenv("KLYNGE_TODAY", "", 1);
        CHECK(Date::today().daysUntil(local) <= 0); // same day, unless midnight passed
    }
    unsetenv("KLYNGE_TODAY");
}
