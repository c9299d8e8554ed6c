// The eIndkomst upload file (DOMAIN.md, "The upload file"), byte for byte
// against a file written by hand: a month with the coordinator's honorarium
// (field 36), a board member's mileage at the state rate (field 38,
// 120 km × 3,94 kr.) and a VAT-registered clinic's invoice (not reported).
#include "klynge/honoraria/eindkomst.hpp"

#include <doctest/doctest.h>

#include <ostream>
#include <string>

using namespace klynge;

TEST_CASE("the eIndkomst upload file for a month") {
    std::vector<EIndkomstPayment> payments;
    EIndkomstPayment coordinator;
    coordinator.payee = "Anne Ærø";
    coordinator.cpr = Cpr::parse("150472-1234");
    coordinator.field = 36;
    coordinator.amount = Money::fromOre(1500000);
    coordinator.periodFirst = Date(2026, 4, 1);
    coordinator.periodLast = Date(2026, 6, 30);
    coordinator.voucher = "B-2026-011";
    payments.push_back(coordinator);
    EIndkomstPayment mileage;
    mileage.payee = "Bo Østergaard";
    mileage.cpr = Cpr::parse("010190-2345");
    mileage.field = 38;
    mileage.amount = Money::fromOre(47280); // 120 km at 3,94 kr./km, the 2026 state rate
    mileage.periodFirst = mileage.periodLast = Date(2026, 6, 30);
    mileage.voucher = "B-2026-012";
    payments.push_back(mileage);
    EIndkomstPayment clinic;
    clinic.payee = "Lægehuset Nordhavn";
    clinic.cvr = Cvr::parse("29000018");
    clinic.vat = true;
    clinic.amount = Money::fromOre(600000);
    clinic.periodFirst = Date(2026, 1, 1);
    clinic.periodLast = Date(2026, 6, 30);
    clinic.voucher = "B-2026-013";
    payments.push_back(clinic);

    const std::string expected =
        "SE-nr. (indkomstudbetaler);Cpr-nr.;Cvr/se-nr. (modtager);Lønperiode start;Lønperiode slut;Indkomsttype;"
        "B-indkomst med am-bidrag;B-indkomst uden am-bidrag\r\n"
        "SE-nr.;Person_CPR-nr.-nummer;Person_CVR/SE-nummer;Lønperiode start;Lønperiode slut;Indkomsttype;B0036;B0038\r\n"
        "12345674;1504721234;;20260401;20260630;05;15000,00;\r\n"
        "12345674;0101902345;;20260630;20260630;05;;472,80\r\n";
    auto file = eIndkomstFile(Cvr::parse("12345674"), payments);
    CHECK(file.text == expected);
    CHECK(file.rows == 2);
    CHECK(file.total == Money::fromOre(1547280));
    CHECK(file.elsewhere.empty());

    SUBCASE("the same recipient and period: fields 36 and 38 on one row") {
        auto extra = mileage;
        extra.field = 36;
        extra.amount = Money::fromOre(100000);
        payments.push_back(extra);
        auto both = eIndkomstFile(Cvr::parse("12345674"), payments);
        CHECK(both.text.find("12345674;0101902345;;20260630;20260630;05;1000,00;472,80\r\n") != std::string::npos);
        CHECK(both.rows == 2);
    }
    SUBCASE("a correction and a CVR without VAT cannot be uploaded: listed with what to do") {
        auto reversed = coordinator;
        reversed.correction = true;
        auto noVat = clinic;
        noVat.vat = false;
        noVat.field.reset();
        auto other = eIndkomstFile(Cvr::parse("12345674"), {reversed, noVat});
        CHECK(other.rows == 0);
        REQUIRE(other.elsewhere.size() == 2);
        CHECK(other.elsewhere[0].find("correct it online in eIndkomst") != std::string::npos);
        CHECK(other.elsewhere[1].find("not settled in the sources") != std::string::npos);
    }
    SUBCASE("only the amount columns' IDs are confirmed") {
        int confirmed = 0;
        for (const auto& c : eIndkomstColumns()) confirmed += c.confirmed ? 1 : 0;
        CHECK(confirmed == 2);
    }
}
