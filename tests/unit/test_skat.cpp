// Honoraria and SKAT (DOMAIN.md, "Honoraria and SKAT"): the deadline over a
// whole year, the schedule in exact øre, VAT, hours and months.
#include "klynge/store/config.hpp"
#include "klynge/calendar/deadlines.hpp"
#include "klynge/text/error.hpp"
#include "klynge/honoraria/honoraria.hpp"
#include "klynge/honoraria/skat.hpp"

#include <doctest/doctest.h>

#include <ostream>
#include <string>

using namespace klynge;

// 2023 has a 10th on a Saturday (June), a Sunday (September, December) and a
// public holiday (Easter Monday, 10 April), and Store Bededag still existed.
namespace {
const std::string identity = "[cluster]\nname = \"Østerbroklyngen\"\ncvr = \"12345674\"\n"
                             "municipality = \"København\"\nregion = \"Hovedstaden\"\n";
}

TEST_CASE("B-income deadline for every month of 2023") {
    const auto config = Config::parse(identity, "klynge.toml");
    struct Case {
        unsigned month;
        Date deadline;
        const char* why;
    };
    const Case cases[] = {
        {1, Date(2023, 2, 10), "Friday"},
        {2, Date(2023, 3, 10), "Friday"},
        {3, Date(2023, 4, 11), "the 10th is Easter Monday: Tuesday"},
        {4, Date(2023, 5, 10), "Wednesday"},
        {5, Date(2023, 6, 12), "the 10th is a Saturday: Monday"},
        {6, Date(2023, 7, 10), "Monday"},
        {7, Date(2023, 8, 10), "Thursday"},
        {8, Date(2023, 9, 11), "the 10th is a Sunday: Monday"},
        {9, Date(2023, 10, 10), "Tuesday"},
        {10, Date(2023, 11, 10), "Friday"},
        {11, Date(2023, 12, 11), "the 10th is a Sunday: Monday"},
        {12, Date(2024, 1, 17), "December: 17 January, a Wednesday"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.month);
        CAPTURE(std::string(c.why));
        CHECK(bIncomeDeadline(2023, c.month) == c.deadline);
        CHECK(deadlineOf(config, YearMonth{2023, c.month}) == c.deadline);
    }
}

TEST_CASE("schedule amounts sum exactly to the fee") {
    const std::int64_t fees[] = {6000000, 1000001, 1000002, 1000003, 1, 3, 11, 1200000, 99999999, 1234567};
    for (auto s : {Schedule::monthly, Schedule::quarterly, Schedule::halfYearly, Schedule::yearly}) {
        for (auto ore : fees) {
            CAPTURE(ore);
            CAPTURE(scheduleName(s));
            Money fee = Money::fromOre(ore);
            std::int64_t sum = 0;
            for (int i = 1; i <= periodsPerYear(s); ++i) {
                auto part = periodAmount(fee, s, i);
                sum += part.ore();
                if (i < periodsPerYear(s)) CHECK(part == periodAmount(fee, s, 1));
            }
            CHECK(sum == ore);
        }
    }
    SUBCASE("10.000,01 kr quarterly: the remainder on the last quarter") {
        Money fee = Money::parse("10.000,01");
        CHECK(periodAmount(fee, Schedule::quarterly, 1) == Money::parse("2.500,00"));
        CHECK(periodAmount(fee, Schedule::quarterly, 3) == Money::parse("2.500,00"));
        CHECK(periodAmount(fee, Schedule::quarterly, 4) == Money::parse("2.500,01"));
    }
    SUBCASE("60.000 kr quarterly is 15.000 kr a quarter") {
        CHECK(periodAmount(Money::parse("60000"), Schedule::quarterly, 1) == Money::parse("15.000,00"));
    }
}

TEST_CASE("periods of a schedule") {
    CHECK(periodOf(Schedule::quarterly, Date(2026, 3, 31)).label == "2026-K1");
    CHECK(periodOf(Schedule::quarterly, Date(2026, 4, 1)).label == "2026-K2");
    CHECK(periodOf(Schedule::halfYearly, Date(2026, 7, 1)).label == "2026-H2");
    CHECK(periodOf(Schedule::monthly, Date(2026, 2, 28)).label == "2026-02");
    CHECK(periodOf(Schedule::yearly, Date(2026, 12, 31)).label == "2026");
    auto q4 = parsePeriod(Schedule::quarterly, "2026-Q4");
    CHECK(q4.index == 4);
    CHECK(q4.first == Date(2026, 10, 1));
    CHECK(q4.last == Date(2026, 12, 31));
    CHECK(parsePeriod(Schedule::halfYearly, "2026-H1").last == Date(2026, 6, 30));
    CHECK_THROWS_AS(parsePeriod(Schedule::quarterly, "2026-H1"), InvalidValue);
    CHECK_THROWS_AS(parsePeriod(Schedule::quarterly, "2026-K5"), InvalidValue);
    CHECK_THROWS_AS(parseSchedule("weekly"), InvalidValue);
}

TEST_CASE("VAT is 25 percent rounded to the øre") {
    CHECK(vatOf(Money::parse("6000")) == Money::parse("1500"));
    CHECK(vatOf(Money::fromOre(1)) == Money::fromOre(0));
    CHECK(vatOf(Money::fromOre(2)) == Money::fromOre(1));
    CHECK(vatOf(Money::parse("2.500,01")) == Money::fromOre(62500));
}

TEST_CASE("hours as typed") {
    struct Case {
        const char* text;
        int minutes;
    };
    const Case ok[] = {{"3", 180}, {"3,5", 210}, {"3.5", 210}, {"3:30", 210}, {"0,25", 15}, {"0:05", 5}, {"24", 1440}};
    for (const auto& c : ok) {
        CAPTURE(c.text);
        CHECK(parseHours(c.text) == c.minutes);
    }
    for (const char* bad : {"", "0", "-1", "25", "3,555", "3:5", "3:60", "abc", "1.234,5"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parseHours(bad), InvalidValue);
    }
    CHECK(hoursText(210) == "3,5");
    CHECK(hoursText(180) == "3");
    CHECK(hoursText(200) == "3,33");
}

TEST_CASE("months and payout kinds") {
    CHECK(YearMonth::parse("2026-03").iso() == "2026-03");
    for (const char* bad : {"2026-3", "2026-13", "2026-00", "202603", "march"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(YearMonth::parse(bad), InvalidValue);
    }
    CHECK(reportRule(PayoutKind::honorar).field == 36);
    CHECK(reportRule(PayoutKind::koersel).field == 38);
    CHECK(reportRule(PayoutKind::koerselIHonorar).field == 36);
    CHECK(parsePayoutKind("korsel") == PayoutKind::koersel);
    CHECK(payoutCategory(PayoutKind::koersel) == "kørsel");
    CHECK_THROWS_AS(parsePayoutKind("løn"), InvalidValue);
}
