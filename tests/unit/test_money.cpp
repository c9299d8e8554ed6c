// Money: the input forms and output forms of DESIGN.md, "Input and output".
#include "klynge/text/error.hpp"
#include "klynge/text/money.hpp"
#include "klynge/text/numbers.hpp"

#include <doctest/doctest.h>

#include <climits>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

using klynge::InvalidValue;
using klynge::Money;

namespace {

struct ParseCase {
    std::string input;
    std::optional<std::int64_t> ore; // nullopt: refused
    std::string messagePart = {};    // a phrase the refusal must contain
};

constexpr std::nullopt_t refused = std::nullopt;

// Every accepted form and every refusal, as data.
const std::vector<ParseCase> parseCases = {
    // Plain and decimal forms.
    {"1234", 123400},
    {"0", 0},
    {"1234.50", 123450},
    {"1234,50", 123450},
    {"1234,5", 123450},
    {"1234.5", 123450},
    {"0,05", 5},
    {"0.05", 5},
    {"007", 700},
    // Danish thousands dots and spaces.
    {"1.234,50", 123450},
    {"1.234.567,89", 123456789},
    {"1.234.567", 123456700},
    {"1 234,50", 123450},
    {"1 234 567", 123456700},
    {"1 234.50", 123450},
    {"1\xC2\xA0" "234,50", 123450},     // no-break space U+00A0
    {"1\xE2\x80\xAF" "234,50", 123450}, // narrow no-break space U+202F
    {"  12,50  ", 1250},
    // Currency, before or after, any case, with or without a space.
    {"1234 kr", 123400},
    {"1234kr.", 123400},
    {"1234 KR.", 123400},
    {"1.234,50 kr.", 123450},
    {"12 DKK", 1200},
    {"DKK 5", 500},
    {"kr. 1.234,50", 123450},
    {"100,-", 10000},
    // Signs: a space after the minus is still one negative amount.
    {"-12,50", -1250},
    {"- 12,50", -1250},
    {"-12,50 kr.", -1250},
    {"\xE2\x88\x92" "5", -500}, // U+2212 MINUS SIGN
    // Ambiguous or foreign forms are refused, never guessed.
    {"1.234", refused, "1.234,00 kr. (thousands dot) or 1,234 kr. (decimal point)"},
    {"12.500", refused, "12.500,00 kr."},
    {"1,234", refused, "3 digits after the decimal comma"},
    {"12,345", refused, "at most two — write 12,35 (rounded to whole øre)"},
    {"1234.567", refused, "write 1.234,57 (rounded"},
    {"1.234,999", refused, "write 1.235,00 (rounded"},
    {"1,234.50", refused, "English notation"},
    {"1,234,567", refused, "more than one decimal comma"},
    {"12.34.56", refused, "three digits"},
    {"1.23,00", refused, "three digits"},
    {"1.2345,00", refused, "three digits"},
    {"1 234.567,89", refused, "mixes"},
    {"1  234", refused, "three digits"},
    {"abc", refused, "not a number"},
    {"1e5", refused, "not a number"},
    {"12-", refused, "not a number"},
    {"--5", refused, "not a number"},
    {"", refused, "empty amount"},
    {"   ", refused, "empty amount"},
    {"kr", refused, "no number"},
    {"-", refused, "no number"},
    {",50", refused, "no kroner"},
    {"12,", refused, "no øre"},
    {"12,5a", refused, "not a number"},
    // The int64 guard: more than 10^13 kr. is refused, not wrapped around.
    {"10000000000000", 1'000'000'000'000'000},
    {"10000000000001", refused, "more than 10.000.000.000.000 kr."},
    {"99999999999999999999999", refused, "more than 10.000.000.000.000 kr."},
};

} // namespace

TEST_CASE("Money::parse accepts the Danish forms and refuses ambiguous ones") {
    for (const auto& c : parseCases) {
        CAPTURE(c.input);
        if (c.ore) {
            CHECK(Money::parse(c.input).ore() == *c.ore);
        } else {
            try {
                Money::parse(c.input);
                FAIL("accepted, expected a refusal");
            } catch (const InvalidValue& e) {
                const std::string message = e.what();
                CHECK(message.find(c.messagePart) != std::string::npos);
                CHECK(message.find(" — ") != std::string::npos); // what — how to fix
            }
        }
    }
}

TEST_CASE("an ambiguous amount shows both readings and how to write each") {
    try {
        Money::parse("1.234");
        FAIL("accepted");
    } catch (const InvalidValue& e) {
        CHECK(std::string(e.what()) ==
              "invalid amount \"1.234\": it could mean 1.234,00 kr. (thousands dot) or 1,234 kr. "
              "(decimal point) — write 1.234,00 or 1234 for 1234 kroner, or 1,23 for kroner and "
              "øre");
    }
}

TEST_CASE("Money formatting") {
    struct FormatCase {
        std::int64_t ore;
        std::string danish, plain, plainComma;
    };
    const std::vector<FormatCase> cases = {
        {0, "0,00 kr.", "0.00", "0,00"},
        {5, "0,05 kr.", "0.05", "0,05"},
        {-5, "-0,05 kr.", "-0.05", "-0,05"},
        {100, "1,00 kr.", "1.00", "1,00"},
        {99999, "999,99 kr.", "999.99", "999,99"},
        {123450, "1.234,50 kr.", "1234.50", "1234,50"},
        {-123450, "-1.234,50 kr.", "-1234.50", "-1234,50"},
        {100000000, "1.000.000,00 kr.", "1000000.00", "1000000,00"},
        {-100000000, "-1.000.000,00 kr.", "-1000000.00", "-1000000,00"},
        {INT64_MIN, "-92.233.720.368.547.758,08 kr.", "-92233720368547758.08",
         "-92233720368547758,08"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.ore);
        const auto m = Money::fromOre(c.ore);
        CHECK(m.danish() == c.danish);
        CHECK(m.danishNumber() + " kr." == c.danish);
        CHECK(m.plain() == c.plain);
        CHECK(m.plainComma() == c.plainComma);
    }
}

TEST_CASE("every output form parses back to the same amount") {
    for (std::int64_t ore : {0L, 5L, -5L, 123450L, -123450L, 100000000L, 99999999999L}) {
        CAPTURE(ore);
        const auto m = Money::fromOre(ore);
        CHECK(Money::parse(m.danish()) == m);
        CHECK(Money::parse(m.danishNumber()) == m);
        CHECK(Money::parse(m.plain()) == m);
        CHECK(Money::parse(m.plainComma()) == m);
    }
}

TEST_CASE("Money arithmetic and order") {
    const auto a = Money::parse("10,50");
    const auto b = Money::parse("0,75");
    CHECK((a + b).ore() == 1125);
    CHECK((a - b).ore() == 975);
    CHECK((-a).ore() == -1050);
    CHECK(b < a);
    auto c = a;
    c += b;
    c -= a;
    CHECK(c == b);
}

TEST_CASE("counts in Danish form") {
    struct Case {
        std::int64_t n;
        const char* text;
    };
    const Case cases[] = {{0, "0"},           {999, "999"},         {1000, "1.000"},
                          {36721, "36.721"},  {-1234, "-1.234"},    {1000000, "1.000.000"},
                          {INT64_MIN, "-9.223.372.036.854.775.808"}};
    for (auto& c : cases) CHECK(klynge::danishCount(c.n) == c.text);
}
