// The ledger's rules (DOMAIN.md "Money", DESIGN.md "Nothing is lost"): the
// category policy, the status flow and its refusals, reversals, voucher
// numbers and the balance (the hash chain: test_chain.cpp).
#include "klynge/text/error.hpp"
#include "klynge/honoraria/honoraria.hpp"
#include "klynge/honoraria/skat.hpp"
#include "klynge/money/ledger.hpp"
#include "klynge/store/chain.hpp"
#include "klynge/money/ledger_store.hpp"
#include "klynge/store/dump.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <ostream>
#include <sstream>
#include <unistd.h>

using namespace klynge;

namespace {

struct LedgerDb {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("klynge-ledger-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
    Store store = Store::create(path);
    ~LedgerDb() { std::filesystem::remove(path); }
    static inline int counter = 0;
};

Config configWith(std::string_view model) {
    return Config::parse(fmt::format("[cluster]\nname = \"Østerbroklyngen\"\ncvr = \"12345674\"\n"
                                     "municipality = \"København\"\nregion = \"Hovedstaden\"\n"
                                     "[finance]\nmodel = \"{}\"\n",
                                     model),
                         "klynge.toml");
}

const Date today(2026, 6, 30);

NewExpense expense(Date date, std::int64_t kroner, std::string category = "forplejning") {
    NewExpense e;
    e.date = date;
    e.amount = Money::fromOre(kroner * 100);
    e.category = std::move(category);
    e.text = "Smørrebrød";
    return e;
}

NewIncome grant(Date date, std::int64_t kroner) {
    return {date, Money::fromOre(kroner * 100), "driftstilskud", "Klyngemidler", "Region Hovedstaden"};
}

Money kr(std::int64_t kroner) { return Money::fromOre(kroner * 100); }

template <class F>
std::string refusal(F&& f) {
    try {
        f();
    } catch (const RuleViolation& e) {
        return e.what();
    }
    return "(not refused)";
}

} // namespace

TEST_CASE("the category policy: every row has its source, and disallowed ones are refused with the reason") {
    for (const auto& c : expenseCategories()) {
        CHECK_MESSAGE(!c.source.empty(), c.key);
        CHECK_MESSAGE(!c.meaning.empty(), c.key);
    }
    struct Case {
        std::string_view typed;
        std::string_view key;
        CategoryPolicy policy;
    };
    for (auto [typed, key, policy] : {Case{"forplejning", "forplejning", CategoryPolicy::allowed},
                                      Case{"Forplejning", "forplejning", CategoryPolicy::allowed},
                                      Case{"moedeudstyr", "mødeudstyr", CategoryPolicy::allowed},
                                      Case{"modeudstyr", "mødeudstyr", CategoryPolicy::allowed},
                                      Case{"oplaegsholder", "oplægsholder", CategoryPolicy::allowed},
                                      Case{"restaurant", "restaurant", CategoryPolicy::discouraged},
                                      Case{"it-udstyr", "it-udstyr", CategoryPolicy::discouraged},
                                      Case{"medlemstransport", "medlemstransport", CategoryPolicy::disallowed},
                                      Case{"tabt arbejdsfortjeneste", "tabt-arbejdsfortjeneste", CategoryPolicy::disallowed},
                                      Case{"klinisk-udstyr", "klinisk-udstyr", CategoryPolicy::disallowed},
                                      Case{"individuelt-moedeudstyr", "individuelt-mødeudstyr", CategoryPolicy::disallowed},
                                      Case{"studierejse", "studierejse", CategoryPolicy::disallowed},
                                      Case{"mødehonorar", "mødehonorar", CategoryPolicy::disallowed}}) {
        CAPTURE(typed);
        const auto* c = findExpenseCategory(typed);
        REQUIRE(c != nullptr);
        CHECK(c->key == key);
        CHECK(c->policy == policy);
    }
    CHECK(findExpenseCategory("champagne") == nullptr);
    CHECK(findIncomeKind("FAP-midler")->key == "fap");
    // The lookups try the exact key first. That gives the loose lookup's
    // answer only if no key matches an earlier one loosely: each key typed
    // in capitals (found only loosely) is found as itself.
    auto capitals = [](std::string_view key) {
        std::string out(key);
        for (auto& ch : out)
            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        return out;
    };
    for (const auto& c : expenseCategories()) {
        CAPTURE(c.key);
        CHECK(findExpenseCategory(capitals(c.key)) == &c);
        CHECK(findExpenseCategory(c.key) == &c);
    }
    for (const auto& k : incomeKinds()) {
        CAPTURE(k.key);
        CHECK(findIncomeKind(capitals(k.key)) == &k);
        CHECK(findIncomeKind(k.key) == &k);
    }

    LedgerDb db;
    auto cfg = configWith("plo");
    auto msg = refusal([&] { addExpense(db.store, cfg, expense(Date(2026, 2, 1), 300, "medlemstransport"), today); });
    CHECK(msg.find("members' travel to cluster meetings [001 §12]") != std::string::npos);
    CHECK(msg.find(" — ") != std::string::npos);
    CHECK_THROWS_AS(addExpense(db.store, cfg, expense(Date(2026, 2, 1), 300, "champagne"), today), InvalidValue);
    auto r = addExpense(db.store, cfg, expense(Date(2026, 2, 1), 2500, "restaurant"), today);
    REQUIRE(r.warnings.size() == 2); // discouraged, and no receipt
    CHECK(r.warnings[0].find("discouraged") != std::string::npos);
    CHECK(db.store.db().execAndGet("SELECT count(*) FROM ledger_entry").getInt() == 1);
}

TEST_CASE("voucher numbers are sequential per year of the entry date, also for reversals") {
    LedgerDb db;
    auto cfg = configWith("plo");
    CHECK(addIncome(db.store, cfg, grant(Date(2025, 2, 1), 1000), today).entry.voucher == "B-2025-001");
    CHECK(addExpense(db.store, cfg, expense(Date(2025, 12, 30), 10), today).entry.voucher == "B-2025-002");
    CHECK(addExpense(db.store, cfg, expense(Date(2026, 1, 5), 10), today).entry.voucher == "B-2026-001");
    // Back-dated into last year: the next number of that year.
    CHECK(addExpense(db.store, cfg, expense(Date(2025, 12, 31), 10), today).entry.voucher == "B-2025-003");
    auto rev = reverseEntry(db.store, cfg, "B-2025-002", Date(2026, 1, 10), "Dobbeltbogført", today);
    CHECK(rev.voucher == "B-2026-002");
    CHECK(rev.reversesVoucher == "B-2025-002");
    CHECK(rev.amount == kr(-10));
    CHECK(findEntry(db.store, "b-2025-002").reversedByVoucher == "B-2026-002"); // any case
    CHECK(findEntry(db.store, "2").voucher == "B-2025-002");                    // or the id
}

TEST_CASE("the PLO status flow: afventer godkendelse -> godkendt | afvist -> udbetalt, and its refusals") {
    LedgerDb db;
    auto cfg = configWith("plo");
    addIncome(db.store, cfg, grant(Date(2026, 2, 1), 10000), today);
    auto a = addExpense(db.store, cfg, expense(Date(2026, 2, 20), 1234), today).entry;
    CHECK(a.status == EntryStatus::pending);
    CHECK(statusText(a.status, FinanceModel::plo) == "afventer godkendelse");
    // PLO approves before it pays.
    CHECK(refusal([&] { payEntry(db.store, cfg, a.voucher, Date(2026, 3, 1), today); }).find("not approved yet") !=
          std::string::npos);
    CHECK(approveEntry(db.store, cfg, a.voucher, Date(2026, 2, 25), today).status == EntryStatus::approved);
    CHECK(refusal([&] { approveEntry(db.store, cfg, a.voucher, Date(2026, 2, 26), today); })
              .find("already approved on 2026-02-25") != std::string::npos);
    CHECK(refusal([&] { rejectEntry(db.store, cfg, a.voucher, Date(2026, 2, 26), "nej", today); })
              .find("reverse it") != std::string::npos);
    // A payment cannot be dated before the approval, nor in the future.
    CHECK_THROWS_AS(payEntry(db.store, cfg, a.voucher, Date(2026, 2, 24), today), InvalidValue);
    CHECK_THROWS_AS(payEntry(db.store, cfg, a.voucher, Date(2026, 7, 1), today), InvalidValue);
    CHECK(payEntry(db.store, cfg, a.voucher, Date(2026, 3, 2), today).status == EntryStatus::paid);
    CHECK(refusal([&] { payEntry(db.store, cfg, a.voucher, Date(2026, 3, 3), today); }).find("already paid") !=
          std::string::npos);

    auto b = addExpense(db.store, cfg, expense(Date(2026, 3, 1), 300, "kørsel"), today).entry;
    CHECK(rejectEntry(db.store, cfg, b.voucher, Date(2026, 3, 5), "Ikke tilladt: transport", today).status ==
          EntryStatus::rejected);
    CHECK(refusal([&] { payEntry(db.store, cfg, b.voucher, Date(2026, 3, 6), today); })
              .find("rejected on 2026-03-05 (Ikke tilladt: transport) — a rejected expense is not paid") !=
          std::string::npos);
    CHECK(refusal([&] { approveEntry(db.store, cfg, b.voucher, Date(2026, 3, 6), today); }).find("rejected") !=
          std::string::npos);
    CHECK(refusal([&] { reverseEntry(db.store, cfg, b.voucher, Date(2026, 3, 6), "x", today); })
              .find("nothing to reverse") != std::string::npos);
    // Income has no status flow.
    CHECK(refusal([&] { approveEntry(db.store, cfg, "B-2026-001", Date(2026, 3, 6), today); }).find("is income") !=
          std::string::npos);

    auto bal = ledgerBalance(db.store, today);
    CHECK(bal.balance == kr(10000 - 1234));
    CHECK(bal.committed == Money());
    // As of a date before the payment, the expense was committed, not paid.
    auto before = ledgerBalance(db.store, Date(2026, 3, 1));
    CHECK(before.balance == kr(10000));
    CHECK(before.committed == kr(1234 + 300));
}

TEST_CASE("a reversal nets to zero in every total, whatever the original's status, and cannot be reversed") {
    for (auto step : {"pending", "approved", "paid", "income"}) {
        CAPTURE(step);
        LedgerDb db;
        auto cfg = configWith("plo");
        addIncome(db.store, cfg, grant(Date(2026, 1, 15), 5000), today);
        auto before = ledgerBalance(db.store, today);
        LedgerEntry e = std::string_view(step) == "income"
                            ? addIncome(db.store, cfg, grant(Date(2026, 2, 1), 700), today).entry
                            : addExpense(db.store, cfg, expense(Date(2026, 2, 1), 700), today).entry;
        if (std::string_view(step) != "pending" && std::string_view(step) != "income")
            approveEntry(db.store, cfg, e.voucher, Date(2026, 2, 2), today);
        if (std::string_view(step) == "paid") payEntry(db.store, cfg, e.voucher, Date(2026, 2, 3), today);
        auto during = ledgerBalance(db.store, Date(2026, 2, 10));
        CHECK(during.equity == before.equity + (std::string_view(step) == "income" ? kr(700) : kr(-700)));
        auto rev = reverseEntry(db.store, cfg, e.voucher, Date(2026, 2, 10), "Dobbeltbogført", today);
        CHECK(rev.status == EntryStatus::reversal);
        auto after = ledgerBalance(db.store, today);
        CHECK(after.balance == before.balance);
        CHECK(after.committed == before.committed);
        CHECK(after.equity == before.equity);
        CHECK(refusal([&] { reverseEntry(db.store, cfg, rev.voucher, Date(2026, 2, 11), "x", today); })
                  .find("itself the reversal of") != std::string::npos);
        CHECK(refusal([&] { reverseEntry(db.store, cfg, e.voucher, Date(2026, 2, 11), "x", today); })
                  .find("already reversed by " + rev.voucher) != std::string::npos);
        if (std::string_view(step) != "income")
            CHECK(refusal([&] { payEntry(db.store, cfg, e.voucher, Date(2026, 2, 11), today); })
                      .find("can no longer be paid") != std::string::npos);
        CHECK(verifyDayTotals(db.store).empty());
    }
}

TEST_CASE("own account: the treasurer's expense is paid on its date unless it is a bill still unpaid") {
    LedgerDb db;
    auto cfg = configWith("own-account");
    addIncome(db.store, cfg, grant(Date(2026, 2, 1), 1000), today);
    auto paid = addExpense(db.store, cfg, expense(Date(2026, 2, 10), 100), today).entry;
    CHECK(paid.status == EntryStatus::paid);
    CHECK(paid.paidOn == Date(2026, 2, 10));
    auto bill = expense(Date(2026, 2, 11), 200);
    bill.unpaid = true;
    auto unpaid = addExpense(db.store, cfg, bill, today).entry;
    CHECK(statusText(unpaid.status, FinanceModel::ownAccount) == "afventer betaling");
    CHECK(ledgerBalance(db.store, today).committed == kr(200));
    // No approval needed before paying from the cluster's own account.
    CHECK(payEntry(db.store, cfg, unpaid.voucher, Date(2026, 2, 20), today).status == EntryStatus::paid);
    CHECK(ledgerBalance(db.store, today).balance == kr(700));
    // --unpaid means nothing with PLO.
    auto plo = configWith("plo");
    CHECK_THROWS_AS(addExpense(db.store, plo, bill, today), InvalidValue);
}

TEST_CASE("recording refuses a non-positive amount, a future date, an empty text and an unknown meeting") {
    LedgerDb db;
    auto cfg = configWith("plo");
    auto zero = expense(Date(2026, 2, 1), 0);
    CHECK_THROWS_AS(addExpense(db.store, cfg, zero, today), InvalidValue);
    CHECK_THROWS_AS(addExpense(db.store, cfg, expense(Date(2026, 7, 1), 10), today), InvalidValue);
    auto empty = expense(Date(2026, 2, 1), 10);
    empty.text = "  ";
    CHECK_THROWS_AS(addExpense(db.store, cfg, empty, today), InvalidValue);
    auto twoLines = expense(Date(2026, 2, 1), 10);
    twoLines.text = "a\nb";
    CHECK_THROWS_AS(addExpense(db.store, cfg, twoLines, today), InvalidValue);
    auto meeting = expense(Date(2026, 2, 1), 10);
    meeting.meetingId = 42;
    CHECK(refusal([&] { addExpense(db.store, cfg, meeting, today); }).find("no meeting #42") != std::string::npos);
    CHECK(db.store.db().execAndGet("SELECT count(*) FROM ledger_entry").getInt() == 0);
}

TEST_CASE("import: rows read before the write lock are checked again if another command wrote since") {
    LedgerDb db;
    auto cfg = configWith("plo");
    auto accept = [](const ExpenseCategory&, std::string_view) {};
    auto refuse = [](const ExpenseCategory& c, std::string_view) {
        if (c.key == "honorar") throw RuleViolation("honorar to a person is B-income");
    };
    auto books = [] {
        return std::istringstream("date,amount,category,text\n2025-02-01,100,forplejning,Kaffe\n"
                                  "2025-02-02,450,honorar,Honorar\n");
    };
    SUBCASE("nobody wrote: the rows are written as read") {
        auto csv = books();
        auto read = LedgerImport::read(db.store, cfg, csv, "books.csv", today, accept);
        CHECK(read.write(db.store, refuse).entries == 2);
    }
    SUBCASE("another command wrote: the rule is asked again, and nothing is written") {
        auto csv = books();
        auto read = LedgerImport::read(db.store, cfg, csv, "books.csv", today, accept);
        {
            Store other = Store::open(db.path);
            // Any commit of another connection (here: a budget line).
            other.db().exec("INSERT INTO budget(id, year, category, amount_ore, set_on) VALUES (1, 2025, "
                            "'forplejning', 100, '2025-01-01')");
        }
        try {
            read.write(db.store, refuse);
            FAIL("a row the store now refuses was written");
        } catch (const RuleViolation& e) {
            const std::string msg = e.what();
            CHECK_MESSAGE(msg.find("books.csv:3: honorar to a person is B-income") == 0, msg);
        }
        CHECK(db.store.db().execAndGet("SELECT count(*) FROM ledger_entry").getInt() == 0);
    }
}

TEST_CASE("import: every row passes the rules, or nothing is imported") {
    LedgerDb db;
    auto cfg = configWith("plo");
    SUBCASE("good rows") {
        std::istringstream csv("date;amount;category;text;payee;approved;paid;rejected;reason\n"
                               "2025-02-01;134.031,65;driftstilskud;Klyngemidler 2025;Region H;;;;\n"
                               "2025-03-10;1234,50;forplejning;Smørrebrød;Slagteren;2025-03-12;2025-03-20;;\n"
                               "2025-03-11;500;restaurant;Middag;;;;2025-03-15;For dyrt\n"
                               "2025-04-01;99;lokaleleje;Lokale;;2025-04-02;;;\n");
        auto r = importLedger(db.store, cfg, csv, "books.csv", today);
        CHECK(r.entries == 4);
        CHECK(r.events == 4);
        CHECK(r.warnings.size() == 2); // a discouraged category; no receipts
        auto b = ledgerBalance(db.store, today);
        CHECK(b.balance == Money::fromOre(13403165 - 123450));
        CHECK(b.committed == kr(99));
        CHECK(findEntry(db.store, "B-2025-003").status == EntryStatus::rejected);
        CHECK(verifyDayTotals(db.store).empty());
    }
    SUBCASE("bad rows are listed by line") {
        std::istringstream csv("date,amount,category,text,approved,paid\n"
                               "2025-02-01,100,forplejning,ok,,\n"
                               "2025-02-01,100,medlemstransport,Taxa,,\n"
                               "2025-02-01,1.234,forplejning,ambiguous,,\n"
                               "2025-02-01,100,forplejning,paid unapproved,,2025-02-03\n"
                               "2025-02-05,100,forplejning,approved early,2025-02-01,\n"
                               "2027-01-01,100,forplejning,future,,\n");
        try {
            importLedger(db.store, cfg, csv, "books.csv", today);
            FAIL("bad rows were accepted");
        } catch (const InvalidValue& e) {
            std::string msg = e.what();
            CHECK(msg.find("books.csv: 5 bad rows — ") == 0);
            CHECK(msg.find("books.csv:3: cluster money may not pay for medlemstransport") != std::string::npos);
            CHECK(msg.find("books.csv:4: invalid amount") != std::string::npos);
            CHECK(msg.find("books.csv:5: paid but not approved") != std::string::npos);
            CHECK(msg.find("books.csv:6: approved 2025-02-01 is before the date 2025-02-05") != std::string::npos);
            CHECK(msg.find("books.csv:7: date 2027-01-01 is after today") != std::string::npos);
        }
    }
    SUBCASE("an unknown column is refused") {
        std::istringstream csv("date,amount,category,text,colour\n");
        CHECK_THROWS_AS(importLedger(db.store, cfg, csv, "books.csv", today), InvalidValue);
    }
    SUBCASE("honorar and kørsel to a person: the rule of ledger add refuses the file on one line") {
        ensurePayee(db.store, "Klinik Nordhavn", Cvr::parse("29000018"), true, today);
        const ReportableExpenseRule rule(db.store);
        auto reportable = [&](const ExpenseCategory& c, std::string_view payee) { rule.refuse(c, payee); };
        std::istringstream invoices("date,amount,category,text,payee\n"
                                    "2025-02-01,450,honorar,Faktura 1,Klinik Nordhavn\n"
                                    "2025-02-02,80,korsel,Faktura 2,Klinik Nordhavn\n");
        CHECK(importLedger(db.store, cfg, invoices, "invoices.csv", today, reportable).entries == 2);
        std::istringstream csv("date,amount,category,text,payee\n"
                               "2025-02-01,100,forplejning,Kaffe,\n"
                               "2025-02-02,450,honorar,Honorar,Klinik Nordhavn A/S\n"
                               "2025-02-03,80,kørsel,Kørsel,\n");
        try {
            importLedger(db.store, cfg, csv, "books.csv", today, reportable);
            FAIL("an honorarium to a person was imported");
        } catch (const RuleViolation& e) {
            std::string msg = e.what();
            CHECK(msg.find("books.csv:3: honorar to a person is B-income") == 0);
            CHECK(msg.find("`klynge payout --person P --amount A --kind honorar`") != std::string::npos);
            CHECK(msg.find("; nothing was imported (2 rows refused by the same rule: lines 3, 4)") != std::string::npos);
            CHECK(msg.find('\n') == std::string::npos);
        }
        CHECK(db.store.db().execAndGet("SELECT count(*) FROM ledger_entry").getInt() == 2);
    }
}

TEST_CASE("honorar and kørsel to a person go through `klynge payout`; a company's invoice may be a ledger entry") {
    LedgerDb db;
    ensurePayee(db.store, "Klinik Nordhavn", Cvr::parse("29000018"), true, today);
    ensurePayee(db.store, "Eva Ekstern", std::nullopt, false, today); // an external person
    const ReportableExpenseRule rule(db.store);
    struct Case {
        const char* category;
        const char* payee;
        bool refused;
    };
    const Case cases[] = {
        {"honorar", "", true},
        {"honorar", "Eva Ekstern", true},
        {"kørsel", "Klinik Nordhavn", false},
        {"korsel", "Bo Østergaard", true},
        {"HONORAR", "Klinik Nordhavn", false},
        {"honorar", "klinik nordhavn", true}, // the name as recorded
        {"honorar", "Klinik Nordhavn ", true},
        {"forplejning", "", false},
        {"oplægsholder", "Eva Ekstern", false},
        {"champagne", "", false}, // unknown: addExpense refuses it
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.category));
        CAPTURE(std::string(c.payee));
        if (c.refused) CHECK_THROWS_AS(rule.refuse(std::string_view(c.category), c.payee), RuleViolation);
        else CHECK_NOTHROW(rule.refuse(std::string_view(c.category), c.payee));
    }
}

TEST_CASE("a bulk writer writes the same records and day totals as one row at a time, and they are chained") {
    // 700 entries: full chunks of 256 and every smaller power of two, with
    // 0, 1 or 2 events each, so events reach a chunk before entries do.
    auto write = [](Store& store, LedgerWriter::Mode mode) {
        WriteTransaction tx(store, "klynge ledger import books.csv");
        LedgerWriter w(store, mode);
        for (int i = 0; i < 700; ++i) {
            EntryRow row{i % 7 == 0 ? EntryKind::income : EntryKind::expense,
                         Date(2025, 1, 1).addDays(i % 400),
                         Money::fromOre(100 + i),
                         i % 7 == 0 ? "driftstilskud" : "forplejning",
                         fmt::format("Række {}", i),
                         i % 3 ? "Bageren" : "",
                         std::nullopt,
                         std::nullopt,
                         {}};
            auto [id, voucher] = w.insertEntry(row, today);
            if (row.kind == EntryKind::income) continue;
            if (i % 5 == 1) {
                w.insertEvent(id, row.kind, row.category, "rejected", row.date.addDays(1), row.amount, "For dyrt", today);
                continue;
            }
            if (i % 5 != 2) w.insertEvent(id, row.kind, row.category, "approved", row.date.addDays(1), row.amount, "", today);
            if (i % 5 == 3 || i % 5 == 4)
                w.insertEvent(id, row.kind, row.category, "paid", row.date.addDays(2), row.amount, "", today);
        }
        w.flush();
        tx.commit("700 entries");
        // The records as people see them: record ids are time-ordered and
        // differ between two runs, numbers and vouchers do not.
        std::ostringstream out;
        SQLite::Statement q(store.db(),
                            "SELECT e.number, e.voucher, e.kind, e.entry_date, e.amount_ore, e.category, e.text, "
                            "coalesce(e.payee, ''), (SELECT coalesce(group_concat(ev.event || ' ' || ev.event_date || "
                            "' ' || ev.amount_ore || ' ' || coalesce(ev.note, ''), '; '), '') FROM (SELECT * FROM "
                            "ledger_event WHERE entry_id = e.id ORDER BY id) ev) FROM ledger_entry e ORDER BY e.number");
        while (q.executeStep()) {
            for (int c = 0; c < q.getColumnCount(); ++c) out << q.getColumn(c).getString() << '|';
            out << '\n';
        }
        SQLite::Statement days(store.db(), "SELECT * FROM ledger_day_total ORDER BY day, kind, category");
        while (days.executeStep()) {
            for (int c = 0; c < days.getColumnCount(); ++c) out << days.getColumn(c).getString() << '|';
            out << '\n';
        }
        return out.str();
    };
    LedgerDb single, bulk;
    const auto one = write(single.store, LedgerWriter::Mode::single);
    const auto many = write(bulk.store, LedgerWriter::Mode::bulk);
    CHECK(one.find("B-2025-001") != std::string::npos);
    CHECK(one == many);
    auto links = [](Store& store) {
        SQLite::Statement q(store.db(), "SELECT count(*) FROM chain");
        q.executeStep();
        return q.getColumn(0).getInt64();
    };
    CHECK(links(bulk.store) == links(single.store));
    CHECK(links(bulk.store) > 700);
    CHECK(verifyChain(bulk.store).breaks.empty());
    CHECK(verifyDayTotals(bulk.store).empty());
}
