// The ledger's rules (DOMAIN.md "Money", DESIGN.md "Nothing is lost"): the
// category policy, the status flow and its refusals, reversals, voucher
// numbers, the balance, and the hash chain catching an edit.
#include "klynge/store/chain.hpp"
#include "klynge/text/error.hpp"
#include "klynge/money/ledger.hpp"
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
        CHECK_FALSE(verifyChain(db.store).firstBreak.has_value());
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

TEST_CASE("the hash chain names the record that was changed, deleted or added behind klynge's back") {
    auto setup = [](LedgerDb& db) {
        auto cfg = configWith("plo");
        addIncome(db.store, cfg, grant(Date(2026, 2, 1), 1000), today);
        auto e = addExpense(db.store, cfg, expense(Date(2026, 2, 20), 1234), today).entry;
        approveEntry(db.store, cfg, e.voucher, Date(2026, 2, 21), today);
        addExpense(db.store, cfg, expense(Date(2026, 2, 22), 50), today);
    };
    SUBCASE("intact") {
        LedgerDb db;
        setup(db);
        auto r = verifyChain(db.store);
        CHECK_FALSE(r.firstBreak.has_value());
        CHECK(r.links == 4);
        CHECK(r.head.size() == 64);
    }
    SUBCASE("an amount edited with the trigger dropped") {
        LedgerDb db;
        setup(db);
        db.store.db().exec("DROP TRIGGER ledger_entry_no_update; UPDATE ledger_entry SET amount_ore = 1 WHERE id = 2");
        auto r = verifyChain(db.store);
        REQUIRE(r.firstBreak.has_value());
        CHECK(r.firstBreak->what.find("ledger entry B-2026-002") != std::string::npos);
        CHECK(r.firstBreak->what.find("was changed after it was written") != std::string::npos);
        CHECK(r.firstBreak->seq == 2);
        CHECK(verifyDayTotals(db.store).size() == 1);
    }
    SUBCASE("the same value with another type is a change too") {
        LedgerDb db;
        setup(db);
        db.store.db().exec("DROP TRIGGER ledger_entry_no_update; UPDATE ledger_entry SET text = CAST(text AS BLOB) "
                           "WHERE id = 2");
        CHECK(verifyChain(db.store).firstBreak.has_value());
    }
    SUBCASE("a link's hash altered") {
        LedgerDb db;
        setup(db);
        db.store.db().exec("DROP TRIGGER chain_no_update; UPDATE chain SET hash = 'x' || substr(hash, 2) WHERE seq = 2");
        auto r = verifyChain(db.store);
        REQUIRE(r.firstBreak.has_value());
        CHECK(r.firstBreak->what.find("link 2 of the hash chain") != std::string::npos);
        CHECK(r.firstBreak->what.find("was altered") != std::string::npos);
    }
    SUBCASE("an event deleted") {
        LedgerDb db;
        setup(db);
        db.store.db().exec("DROP TRIGGER ledger_event_no_delete; DELETE FROM ledger_event");
        auto r = verifyChain(db.store);
        REQUIRE(r.firstBreak.has_value());
        CHECK(r.firstBreak->what.find("ledger_event #1, which is missing") != std::string::npos);
    }
    SUBCASE("an entry inserted") {
        LedgerDb db;
        setup(db);
        db.store.db().exec("INSERT INTO ledger_entry(voucher, voucher_year, voucher_seq, kind, entry_date, amount_ore, "
                           "category, text, recorded_on) VALUES ('B-2026-099', 2026, 99, 'expense', '2026-03-01', 100, "
                           "'forplejning', 'x', '2026-03-01')");
        auto r = verifyChain(db.store);
        REQUIRE(r.firstBreak.has_value());
        CHECK(r.firstBreak->what.find("ledger entry B-2026-099 (#4) is not in the hash chain") != std::string::npos);
    }
    SUBCASE("the triggers refuse UPDATE and DELETE of money records") {
        LedgerDb db;
        setup(db);
        CHECK_THROWS(db.store.db().exec("UPDATE ledger_entry SET amount_ore = 1"));
        CHECK_THROWS(db.store.db().exec("DELETE FROM ledger_event"));
        CHECK_THROWS(db.store.db().exec("DELETE FROM chain"));
    }
}

TEST_CASE("canonical text: typed, escaped, one field a line") {
    LedgerDb db;
    auto cfg = configWith("plo");
    auto e = expense(Date(2026, 2, 1), 10);
    e.text = "Smørrebrød\\n; \"x\"";
    e.payee = "Slagter = Jensen";
    addExpense(db.store, cfg, e, today);
    SQLite::Statement q(db.store.db(), "SELECT id, voucher, amount_ore, payee, meeting_id, text FROM ledger_entry");
    REQUIRE(q.executeStep());
    CHECK(canonicalText("ledger_entry", q) ==
          "ledger_entry #1\nvoucher=t:B-2026-001\namount_ore=i:1000\npayee=t:Slagter = Jensen\nmeeting_id=null\n"
          "text=t:Smørrebrød\\\\n; \"x\"");
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
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
        CHECK_FALSE(verifyChain(db.store).firstBreak.has_value());
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
}

TEST_CASE("a bulk writer writes the same records, chain links and day totals as one row at a time") {
    // 700 entries: full chunks of 256 and every smaller power of two, with
    // 0, 1 or 2 events each, so events reach a chunk before entries do.
    auto write = [](Store& store, LedgerWriter::Mode mode) {
        store.db().exec("BEGIN");
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
        store.db().exec("COMMIT");
        std::ostringstream out;
        dumpDatabase(store, out);
        return out.str();
    };
    LedgerDb single, bulk;
    const auto one = write(single.store, LedgerWriter::Mode::single);
    const auto many = write(bulk.store, LedgerWriter::Mode::bulk);
    CHECK(one.find("INSERT INTO chain(") != std::string::npos);
    CHECK(one == many);
    CHECK_FALSE(verifyChain(bulk.store).firstBreak.has_value());
    CHECK(verifyDayTotals(bulk.store).empty());
}
