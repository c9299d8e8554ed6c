// Identifiers: ydernummer, CVR, CPR and e-mail (DOMAIN.md, "The cluster" and
// "Personal data").
#include "klynge/text/error.hpp"
#include "klynge/text/ids.hpp"

#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <vector>

using namespace klynge;

namespace {

// The message of the InvalidValue that parsing `text` throws, or "" if none.
template <typename Id>
std::string refusal(const std::string& text) {
    try {
        Id::parse(text);
    } catch (const InvalidValue& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("Ydernummer: exactly six digits") {
    CHECK(Ydernummer::parse("123456").str() == "123456");
    CHECK(Ydernummer::parse(" 012345 ").str() == "012345");
    for (const std::string bad : {"12345", "1234567", "12345a", "", "123 456", "-12345"}) {
        CAPTURE(bad);
        CHECK(refusal<Ydernummer>(bad).find("6 digits") != std::string::npos);
    }
}

TEST_CASE("CVR: 8 digits with the modulus-11 check") {
    // 1*2 + 2*7 + 3*6 + 4*5 + 5*4 + 6*3 + 7*2 + 4*1 = 110 = 10 * 11.
    CHECK(Cvr::parse("12345674").str() == "12345674");
    CHECK(Cvr::parse("1234 5674").str() == "12345674");
    CHECK(Cvr::parse(" 12 34 56 74 ").str() == "12345674");
    struct Case {
        std::string text, messagePart;
    };
    const std::vector<Case> cases = {
        {"12345675", "check digit"},
        {"12345670", "check digit"},
        {"1234567", "8 digits"},
        {"123456740", "8 digits"},
        {"1234567A", "8 digits"},
        {"", "8 digits"},
        {"DK12345674", "8 digits"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto message = refusal<Cvr>(c.text);
        CHECK(message.find(c.messagePart) != std::string::npos);
        CHECK(message.find(" — ") != std::string::npos);
    }
}

TEST_CASE("CPR: the century comes from the 7th digit") {
    struct Case {
        std::string cpr;
        int birthYear;
    };
    // DOMAIN.md: 0-3 → 1900s; 4 or 9 → 2000-2036 for YY 00-36, else
    // 1937-1999; 5-8 → 2000-2057 for YY 00-57, else 1858-1899.
    const std::vector<Case> cases = {
        {"010101-0000", 1901}, {"010199-1000", 1999}, {"010150-2000", 1950},
        {"010180-3999", 1980}, {"010100-4000", 2000}, {"010136-4000", 2036},
        {"010137-4000", 1937}, {"010199-4000", 1999}, {"010136-9000", 2036},
        {"010137-9000", 1937}, {"010100-5000", 2000}, {"010157-5000", 2057},
        {"010158-5000", 1858}, {"010199-6000", 1899}, {"010157-7000", 2057},
        {"010158-8000", 1858}, {"010120-8000", 2020},
    };
    for (const auto& c : cases) {
        CAPTURE(c.cpr);
        CHECK(Cpr::parse(c.cpr).birthYear() == c.birthYear);
    }
}

TEST_CASE("CPR: the birth date must exist in the century read") {
    CHECK(Cpr::parse("290200-4000").str() == "290200-4000"); // 2000 is a leap year
    CHECK(Cpr::parse("290256-5000").birthYear() == 2056);   // leap year
    CHECK(Cpr::parse("290296-6000").birthYear() == 1896);   // leap year
    for (const std::string bad : {"290200-0000", // 1900: not a leap year
                                  "290201-4000", "290258-5000", "310480-1234", "001080-1234",
                                  "011380-1234", "320180-1234"}) {
        CAPTURE(bad);
        CHECK(refusal<Cpr>(bad).find("not a real birth date") != std::string::npos);
    }
}

TEST_CASE("CPR: input forms, masking, modulus 11 only informs") {
    const auto cpr = Cpr::parse("0101801234");
    CHECK(cpr.str() == "010180-1234");
    CHECK(cpr.masked() == "010180-****");
    CHECK(Cpr::parse(" 010180-1234 ") == cpr);
    // 0*4+1*3+0*2+1*7+8*6+0*5+1*4+2*3+3*2+4*1 = 78: fails the old rule, still valid.
    CHECK_FALSE(cpr.passesModulus11());
    // 0*4+7*3+0*2+7*7+6*6+1*5+4*4+2*3+8*2+5*1 = 154 = 14 * 11.
    CHECK(Cpr::parse("070761-4285").passesModulus11());
}

TEST_CASE("CPR: refusals describe the problem and never echo the number") {
    // DOMAIN.md: CPR is confidential — keep it out of logs and messages.
    for (const std::string bad : {"010180-123", "010180-12345", "01018O-1234", "010180_1234",
                                  "310280-1234", "290201-4321", "", "abcdefghij"}) {
        CAPTURE(bad.size());
        const auto message = refusal<Cpr>(bad);
        REQUIRE_FALSE(message.empty());
        CHECK(message.find("CPR") != std::string::npos);
        CHECK(message.find(" — ") != std::string::npos);
        if (bad.size() >= 6) {
            CHECK(message.find(bad.substr(0, 6)) == std::string::npos);
            CHECK(message.find(bad.substr(bad.size() - 4)) == std::string::npos);
        }
    }
}

TEST_CASE("Email: practical check, stored lower-cased") {
    CHECK(Email::parse("anne@example.dk").str() == "anne@example.dk");
    CHECK(Email::parse("Anne.Hansen@Klynge-Nord.DK").str() == "anne.hansen@klynge-nord.dk");
    CHECK(Email::parse("  kasserer+klynge@sub.example.dk ").str() ==
          "kasserer+klynge@sub.example.dk");
    struct Case {
        std::string text, messagePart;
    };
    const std::vector<Case> cases = {
        {"anne", "exactly one @"},
        {"anne@x@example.dk", "exactly one @"},
        {"@example.dk", "nothing before the @"},
        {"anne@", "domain"},
        {"anne@localhost", "domain"},
        {"anne@.example.dk", "domain"},
        {"anne@example.dk.", "domain"},
        {"anne@example..dk", "domain"},
        {"anne hansen@example.dk", "space"},
        // Header injection: a line break would start a new mail header.
        {"anne@example.dk\r\nBcc: all@example.dk", "line break"},
        {"anne@example.dk\n", "line break"},
        {"anne@exa\tmple.dk", "control character"},
        {"", "exactly one @"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto message = refusal<Email>(c.text);
        CHECK(message.find(c.messagePart) != std::string::npos);
        // The message stays on one line even when the input does not.
        CHECK(message.find('\n') == std::string::npos);
    }
}
