// Budget, annual accounts and the journal exports (DOMAIN.md "Money":
// budget and accounts for the general assembly, unspent money carried over).
#include "klynge/money/budget.hpp"
#include "klynge/text/error.hpp"
#include "klynge/money/export.hpp"
#include "klynge/money/report.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <ostream>
#include <sstream>
#include <unistd.h>

using namespace klynge;

namespace {

struct ReportDb {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("klynge-report-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
    Store store = Store::create(path);
    ~ReportDb() { std::filesystem::remove(path); }
    static inline int counter = 0;
};

Config plo() {
    return Config::parse("[cluster]\nname = \"Østerbroklyngen\"\ncvr = \"12345674\"\nmunicipality = \"København\"\n"
                         "region = \"Hovedstaden\"\n",
                         "klynge.toml");
}

Money kr(std::int64_t kroner) { return Money::fromOre(kroner * 100); }
const Date today(2026, 12, 31);

NewExpense expense(Date date, std::int64_t kroner, std::string category) {
    NewExpense e;
    e.date = date;
    e.amount = kr(kroner);
    e.category = std::move(category);
    e.text = "Udgift";
    return e;
}

// Two years: 2025 with a December expense paid in January, a rejection in
// 2026 of a 2025 expense, and a reversal.
void twoYears(Store& s, const Config& cfg) {
    addIncome(s, cfg, {Date(2025, 1, 1), kr(40000), "primo", "Saldo ved start", ""}, today);
    addIncome(s, cfg, {Date(2025, 2, 1), kr(100000), "driftstilskud", "Klyngemidler 2025", ""}, today);
    auto food = addExpense(s, cfg, expense(Date(2025, 3, 1), 5000, "forplejning"), today).entry;
    approveEntry(s, cfg, food.voucher, Date(2025, 3, 2), today);
    payEntry(s, cfg, food.voucher, Date(2025, 3, 10), today);
    auto room = addExpense(s, cfg, expense(Date(2025, 12, 15), 3000, "lokaleleje"), today).entry;
    approveEntry(s, cfg, room.voucher, Date(2025, 12, 20), today);
    payEntry(s, cfg, room.voucher, Date(2026, 1, 10), today);
    addExpense(s, cfg, expense(Date(2025, 12, 20), 800, "restaurant"), today);
    rejectEntry(s, cfg, "B-2025-005", Date(2026, 1, 5), "For dyrt", today);
    addIncome(s, cfg, {Date(2026, 2, 1), kr(110000), "driftstilskud", "Klyngemidler 2026", ""}, today);
    auto speaker = addExpense(s, cfg, expense(Date(2026, 3, 1), 7000, "oplægsholder"), today).entry;
    approveEntry(s, cfg, speaker.voucher, Date(2026, 3, 2), today);
    payEntry(s, cfg, speaker.voucher, Date(2026, 3, 3), today);
    reverseEntry(s, cfg, food.voucher, Date(2026, 4, 1), "Dobbeltbogført", today);
    addExpense(s, cfg, expense(Date(2026, 11, 1), 1200, "forplejning"), today); // pending at year end
}

} // namespace

TEST_CASE("budget: the latest line applies, and disallowed and unknown categories are refused") {
    ReportDb db;
    setBudget(db.store, 2026, "forplejning", kr(20000), Date(2026, 1, 5));
    setBudget(db.store, 2026, "forplejning", kr(25000), Date(2026, 3, 5));
    setBudget(db.store, 2026, "driftstilskud", kr(110000), Date(2026, 1, 5));
    auto lines = budgetFor(db.store, 2026);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].category == "driftstilskud"); // income first
    CHECK(lines[1].amount == kr(25000));
    CHECK_THROWS_AS(setBudget(db.store, 2026, "studierejse", kr(1), today), RuleViolation);
    CHECK_THROWS_AS(setBudget(db.store, 2026, "champagne", kr(1), today), InvalidValue);
    CHECK_THROWS_AS(setBudget(db.store, 2026, "primo", kr(1), today), InvalidValue);
    CHECK_THROWS_AS(setBudget(db.store, 2026, "forplejning", kr(-1), today), InvalidValue);
    CHECK_THROWS_AS(setBudget(db.store, 1999, "forplejning", kr(1), today), InvalidValue);
}

TEST_CASE("annual accounts: carried over + result = carried forward = klyngesaldo − unpaid expenses") {
    ReportDb db;
    auto cfg = plo();
    twoYears(db.store, cfg);
    setBudget(db.store, 2026, "forplejning", kr(10000), today);

    auto y2025 = annualAccounts(db.store, cfg, 2025);
    CHECK(y2025.carriedOver == Money());
    CHECK(y2025.lines.openingBalances == kr(40000));
    CHECK(y2025.lines.incomeActual == kr(100000));
    CHECK(y2025.lines.expenseActual == kr(5000 + 3000 + 800)); // the restaurant was rejected only in 2026
    CHECK(y2025.closing.balance == kr(140000 - 5000));         // the room was paid in January
    CHECK(y2025.closing.committed == kr(3000 + 800));
    CHECK(y2025.closingEquity == y2025.closing.equity);
    CHECK(y2025.vouchers == 5);
    CHECK(y2025.firstVoucher == "B-2025-001");

    auto y2026 = annualAccounts(db.store, cfg, 2026);
    CHECK(y2026.carriedOver == y2025.closingEquity);
    CHECK(y2026.lines.incomeActual == kr(110000));
    // forplejning: the reversal (−5000) and a new pending 1200; restaurant: the rejection (−800).
    Money food, restaurant, speaker;
    for (const auto& l : y2026.lines.expenses) {
        if (l.category == "forplejning") food = l.actual;
        if (l.category == "restaurant") restaurant = l.actual;
        if (l.category == "oplægsholder") speaker = l.actual;
    }
    CHECK(food == kr(-5000 + 1200));
    CHECK(restaurant == kr(-800));
    CHECK(speaker == kr(7000));
    CHECK(y2026.result == y2026.lines.incomeActual - y2026.lines.expenseActual);
    CHECK(y2026.closingEquity == y2026.carriedOver + y2026.result);
    CHECK(y2026.closingEquity == y2026.closing.equity);
    CHECK(y2026.closing.committed == kr(1200));

    auto doc = renderAccountsDocument(y2026, "{{aar}}|{{overfoert}}|{{#udgifter}}{{navn}}={{faktisk}};{{/udgifter}}",
                                      today);
    CHECK(doc.find("2026|") == 0);
    CHECK(doc.find("Forplejning=-3.800,00;") != std::string::npos);
}

TEST_CASE("journal exports declare the Danish amount format, accounts, vouchers and reversals") {
    ReportDb db;
    auto cfg = plo();
    twoYears(db.store, cfg);
    std::ostringstream hledger, ledger, bean;
    auto summary = exportJournal(db.store, cfg, ExportFormat::hledger, hledger, today);
    exportJournal(db.store, cfg, ExportFormat::ledger, ledger, today);
    exportJournal(db.store, cfg, ExportFormat::beancount, bean, today);
    CHECK(summary.entries == 9);
    const auto h = hledger.str();
    CHECK(h.find("commodity kr\n    format 1.000,00 kr\n") != std::string::npos);
    CHECK(h.find("account Passiver:Skyldige udgifter  ; type: L\n") != std::string::npos);
    CHECK(h.find("2025-02-01 * (B-2025-002) Klyngemidler 2025\n    ; Bilag: B-2025-002\n") != std::string::npos);
    CHECK(h.find("    Aktiver:PLO-konto                              100.000,00 kr\n") != std::string::npos);
    CHECK(h.find("; Reverses: B-2025-003\n") != std::string::npos);
    CHECK(h.find("    ; Årsag: For dyrt\n") != std::string::npos);
    CHECK(h.find("tag Bilag") == std::string::npos);
    CHECK(ledger.str().find("tag Bilag\n") != std::string::npos);
    const auto b = bean.str();
    CHECK(b.find("option \"operating_currency\" \"DKK\"") != std::string::npos);
    CHECK(b.find("open Passiver:Skyldige-udgifter DKK") != std::string::npos);
    CHECK(b.find("\"Tilbageførsel af B-2025-003: Udgift\" ^B-2026-003 ^B-2025-003\n") != std::string::npos);
    CHECK(b.find(fmt::format("  {:<40}  {:>14} DKK\n", "Aktiver:PLO-konto", "100000.00")) != std::string::npos);
    CHECK_THROWS_AS(parseExportFormat("gnucash"), InvalidValue);
}

TEST_CASE("the klyngesaldo day by day: a point for each day the money moved, ending at the year's balance") {
    ReportDb db;
    auto cfg = plo();
    twoYears(db.store, cfg);
    const auto days = balanceByDay(db.store, Date(2026, 1, 1), Date(2026, 12, 31));
    struct Expected {
        Date day;
        std::int64_t kroner;
    };
    const Expected expected[] = {
        {Date(2025, 12, 31), 135000}, // 40.000 + 100.000 − 5.000 paid in 2025: where the line starts
        {Date(2026, 1, 10), 132000},  // the room paid (a rejection on 5 January moves no money)
        {Date(2026, 2, 1), 242000},   // the grant
        {Date(2026, 3, 3), 235000},   // the speaker paid (recorded on 1 March: no movement)
        {Date(2026, 4, 1), 240000},   // the reversal of the food gives its 5.000 back
    };
    REQUIRE(days.size() == std::size(expected));
    for (std::size_t i = 0; i < days.size(); ++i) {
        INFO(days[i].day.iso());
        CHECK(days[i].day == expected[i].day);
        CHECK(days[i].balance == kr(expected[i].kroner));
    }
    CHECK(days.back().balance == ledgerBalance(db.store, Date(2026, 12, 31)).balance);
}
