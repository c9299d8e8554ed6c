// Danish sort order for names (DESIGN.md: "... Z, Æ, Ø, Å").
#include "klynge/text/collate.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <ostream>
#include <random>
#include <string>
#include <vector>

using klynge::danishLess;
using klynge::danishSortKey;
using klynge::displayWidth;

namespace {

// Sorts a shuffled copy, so the expected order cannot come from the input order.
std::vector<std::string> danishSorted(std::vector<std::string> names, unsigned seed) {
    std::mt19937 rng(seed);
    std::shuffle(names.begin(), names.end(), rng);
    std::sort(names.begin(), names.end(),
              [](const std::string& a, const std::string& b) { return danishLess(a, b); });
    return names;
}

void checkOrder(const std::vector<std::string>& expected) {
    for (unsigned seed = 1; seed <= 5; ++seed) {
        CAPTURE(seed);
        CHECK(danishSorted(expected, seed) == expected);
    }
    for (std::size_t i = 0; i + 1 < expected.size(); ++i) {
        CAPTURE(expected[i]);
        CAPTURE(expected[i + 1]);
        CHECK(danishLess(expected[i], expected[i + 1]));
        CHECK_FALSE(danishLess(expected[i + 1], expected[i]));
    }
}

} // namespace

TEST_CASE("the Danish letters come after Z, in the order ae, oe, aa") {
    checkOrder({"Andersen", "Bødker", "Hansen", "Jensen", "Olsen", "Yde", "Zacho", "Ærø",
                "Ærøe", "Østergaard", "Øvlisen", "Åberg", "Åkerlund"});
}

TEST_CASE("the old spelling Aa sorts as the Danish aa letter") {
    // Read as: abildgård, zacho, østergård, åbenrå, åberg, åge, ågesen, ågård.
    checkOrder({"Abildgaard", "Zacho", "Østergaard", "Aabenraa", "Åberg", "AAGE", "Ågesen",
                "Aagaard"});
    CHECK(danishLess("Zacho", "Aagaard"));
    CHECK(danishLess("Østergaard", "Aagaard"));
    CHECK(danishLess("Aagaard", "Åkerlund"));
    // Inside a name too: "Kjærsgaard" has å where "Kjærsgade" would have a.
    CHECK(danishLess("Kjærsgade", "Kjærsgaard"));
}

TEST_CASE("foreign letters sort as their Danish counterparts") {
    // Ä as Æ, Ö as Ø, Ü as Y; other accents are dropped.
    checkOrder({"Zorn", "Ändersson", "Ærø", "Öberg", "Østergaard", "Åberg"});
    checkOrder({"Mylius", "Müller", "Myrup"});
    checkOrder({"Elisabeth", "Elise", "Élise", "Ellen"});
    checkOrder({"Jose", "José", "Josefsen"});
    checkOrder({"Straße", "Strauss", "Strauß", "Straust"});
    checkOrder({"Larsen", "Łasica", "Lund"});
    CHECK(danishSortKey("Élise").substr(0, 5) == danishSortKey("Elise").substr(0, 5));
    CHECK(danishSortKey("Çelik").substr(0, 5) == danishSortKey("Celik").substr(0, 5));
}

TEST_CASE("case does not decide the order, but ties are broken deterministically") {
    checkOrder({"anders", "Anne", "anne", "Anne Marie", "ANNE-MARIE", "Annette", "Bo", "bo"});
    CHECK(danishLess("Anne", "anne"));
    CHECK_FALSE(danishLess("anne", "Anne"));
    CHECK(danishLess("anne", "Bo"));
    CHECK(danishLess("ærø", "Østergaard"));
    CHECK(danishLess("ÆRØ", "øster"));
    CHECK_FALSE(danishLess("Anne", "Anne"));
    CHECK(danishSortKey("Anne") != danishSortKey("anne"));
}

TEST_CASE("shorter names first, digits before letters, spaces low") {
    checkOrder({"Bo", "Bo Hansen", "Bo-Hansen", "Boa", "Bodil"});
    // Digit by digit, not numerically: 10 before 2.
    checkOrder({"Lægehuset 10", "Lægehuset 2", "Lægehuset A"});
    checkOrder({"1. klynge", "2. klynge", "Aktiv", "Zeta"});
}

TEST_CASE("decomposed input, as macOS writes it, sorts like composed input") {
    const std::string ringA = "A\xCC\x8A"; // A + COMBINING RING ABOVE
    const std::string stroked = "O\xCC\xB8";
    CHECK(danishSortKey(ringA + "berg").substr(0, 5) == danishSortKey("Åberg").substr(0, 5));
    CHECK(danishLess("Zacho", ringA + "berg"));
    CHECK(danishLess("Zacho", stroked + "ster"));
    CHECK(danishSortKey(stroked + "ster").substr(0, 5) == danishSortKey("Øster").substr(0, 5));
    CHECK(danishSortKey("A\xCC\x88rø").substr(0, 3) == danishSortKey("Ærø").substr(0, 3));
    CHECK(danishSortKey("mu\xCC\x88ller").substr(0, 6) == danishSortKey("myller").substr(0, 6));
    CHECK(danishLess("Elise", "E\xCC\x81lise")); // e + COMBINING ACUTE, tie broken by bytes
    CHECK(danishLess("E\xCC\x81lise", "Ellen"));
}

TEST_CASE("the order is total on any bytes") {
    const std::vector<std::string> odd = {"", " ", "\xFF", "\xC3", "a\xE2\x82", "日本", "Ωmega",
                                          "z", "å", "\x01", "Åse", "ÅSE"};
    for (const auto& a : odd) {
        CHECK_FALSE(danishLess(a, a));
        for (const auto& b : odd) {
            if (a != b) {
                CAPTURE(a);
                CAPTURE(b);
                CHECK(danishLess(a, b) != danishLess(b, a));
            }
        }
    }
    CHECK(danishLess("", "a"));
    CHECK(danishLess("å", "日本")); // other scripts after the Latin alphabet
}

TEST_CASE("displayWidth counts characters, not bytes") {
    struct Case {
        std::string text;
        std::size_t width;
    };
    const std::vector<Case> cases = {
        {"", 0},
        {"Anne", 4},
        {"Ærø", 3},
        {"Åse Østergård", 13},
        {"1.234,50 kr.", 12},
        {"E\xCC\x81lise", 5}, // a combining accent takes no column
        {"€", 1},
        {"\xFF", 1},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(displayWidth(c.text) == c.width);
    }
}
