// The Danish phrases of the documents (lib/klynge/text/danish, DANISH.md rules 3–5).
#include "klynge/text/danish.hpp"
#include "klynge/text/error.hpp"

#include <doctest/doctest.h>

#include <string>

namespace danish = klynge::danish;
using klynge::Date;
using klynge::LocalDateTime;

TEST_CASE("dates with the weekday") {
    CHECK(danish::longDate(Date(2026, 2, 20)) == "fredag den 20. februar 2026");
    CHECK(danish::date(Date(2026, 5, 1)) == "1. maj 2026");
    CHECK(danish::weekday(Date(2026, 5, 12)) == "tirsdag");
    CHECK(danish::weekday(Date(2026, 5, 17)) == "søndag");
    CHECK(danish::monthName(3) == "marts");
    CHECK_THROWS_AS(danish::monthName(13), klynge::InvalidValue);
}

TEST_CASE("times with a full stop, no leading zero") {
    CHECK(danish::clock(17, 0) == "17.00");
    CHECK(danish::clock(9, 5) == "9.05");
    CHECK(danish::clock(0, 30) == "0.30");
    CHECK(danish::at(LocalDateTime::parse("2026-02-20 17:00")) == "fredag den 20. februar 2026 kl. 17.00");
}

TEST_CASE("spans: one day, several days") {
    const auto a = LocalDateTime::parse("2026-02-20 17:00");
    const auto b = LocalDateTime::parse("2026-02-20 19:30");
    CHECK(danish::span(a, b) == "fredag den 20. februar 2026 kl. 17.00–19.30");
    CHECK(danish::spanCapitalised(a, b) == "Fredag den 20. februar 2026 kl. 17.00–19.30");
    const auto c = LocalDateTime::parse("2026-05-12 09:00");
    const auto d = LocalDateTime::parse("2026-05-13 16:00");
    CHECK(danish::span(c, d) == "fra tirsdag den 12. maj 2026 kl. 9.00 til onsdag den 13. maj 2026 kl. 16.00");
    CHECK(danish::spanCapitalised(c, d) ==
          "Fra tirsdag den 12. maj 2026 kl. 9.00 til onsdag den 13. maj 2026 kl. 16.00");
}

TEST_CASE("fractions and majorities in words") {
    CHECK(danish::fraction(2, 3) == "to tredjedele");
    CHECK(danish::fraction(3, 4) == "tre fjerdedele");
    CHECK(danish::fraction(4, 5) == "fire femtedele");
    CHECK(danish::fraction(1, 3) == "en tredjedel");
    CHECK(danish::fraction(1, 2) == "halvdelen");
    CHECK(danish::majority("2/3") == "to tredjedele");
    CHECK(danish::majority("3/4") == "tre fjerdedele");
    CHECK(danish::majority("simple") == "simpelt flertal");
    CHECK_THROWS_AS(danish::fraction(3, 2), klynge::InvalidValue);
    CHECK_THROWS_AS(danish::fraction(2, 11), klynge::InvalidValue);
    CHECK_THROWS_AS(danish::majority("two thirds"), klynge::InvalidValue);
}

TEST_CASE("numbers, counts, amounts, capitals") {
    CHECK(danish::number(1) == "en");
    CHECK(danish::number(14) == "fjorten");
    CHECK(danish::number(21) == "21");
    CHECK(danish::count(9999) == "9999");
    CHECK(danish::count(10000) == "10.000");
    CHECK(danish::count(1234567) == "1.234.567");
    CHECK(danish::kroner(klynge::Money::parse("1234,56")) == "1.234,56 kr.");
    CHECK(danish::capitalised("øvrige") == "Øvrige");
    CHECK(danish::capitalised("ændring") == "Ændring");
    CHECK(danish::capitalised("åbent") == "Åbent");
    CHECK(danish::capitalised("klyngemøde") == "Klyngemøde");
    CHECK(danish::capitalised("") == "");
}

#include "klynge/text/municipalities.hpp"

TEST_CASE("the 98 municipalities and their official names") {
    CHECK(klynge::municipalities().size() == 98);
    CHECK(klynge::officialMunicipalityName("København") == "Københavns Kommune");
    CHECK(klynge::officialMunicipalityName("Frederiksberg") == "Frederiksberg Kommune");
    CHECK(klynge::officialMunicipalityName("Lyngby-Taarbæk") == "Lyngby-Taarbæk Kommune");
    CHECK(klynge::officialMunicipalityName("Bornholm") == "Bornholms Regionskommune");
    CHECK(klynge::officialMunicipalityName("Vesthimmerland") == "Vesthimmerlands Kommune");
    CHECK(klynge::officialMunicipalityName("Atlantis") == "Atlantis");
    REQUIRE(klynge::findMunicipality("koebenhavn"));
    CHECK(klynge::findMunicipality("Københavns Kommune")->name == "København");
    CHECK(klynge::findMunicipality("aarhus kommune")->name == "Aarhus");
    CHECK(klynge::findMunicipality("Region Hovedstaden") == std::nullopt);
    CHECK(klynge::closestMunicipality("Kobenhvn") == std::optional<std::string_view>("København"));
    CHECK(klynge::closestMunicipality("Lyngby") == std::nullopt);
    CHECK(klynge::closestMunicipality("Gentofe") == std::optional<std::string_view>("Gentofte"));
    CHECK(klynge::closestMunicipality("Stockholm") == std::nullopt);
    int regions[5] = {};
    for (const auto& m : klynge::municipalities()) {
        if (m.region == "Hovedstaden") ++regions[0];
        if (m.region == "Sjælland") ++regions[1];
        if (m.region == "Syddanmark") ++regions[2];
        if (m.region == "Midtjylland") ++regions[3];
        if (m.region == "Nordjylland") ++regions[4];
    }
    CHECK(regions[0] == 29);
    CHECK(regions[1] == 17);
    CHECK(regions[2] == 22);
    CHECK(regions[3] == 19);
    CHECK(regions[4] == 11);
}
