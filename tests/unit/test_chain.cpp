// The hash chain (chain.hpp; issue 11 "Tamper evidence without gaps"): every
// record a command touches gets a link at commit; an edit, insertion or
// deletion behind klynge's back is named — the record that is actually
// missing, not its neighbour; klynge.head anchors the newest links.
#include "klynge/money/ledger.hpp"
#include "klynge/money/ledger_store.hpp"
#include "klynge/store/chain.hpp"
#include "klynge/store/chain_detail.hpp"
#include "klynge/text/error.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <unistd.h>

using namespace klynge;

namespace {

struct ChainDb {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("klynge-chain-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::path path = (std::filesystem::create_directories(dir), dir / "klynge.db");
    Store store = Store::create(path);
    ~ChainDb() { std::filesystem::remove_all(dir); }
    static inline int counter = 0;

    // One command: the work, then the store links what it touched.
    void command(const std::function<void()>& work) {
        WriteTransaction tx(store, "klynge test");
        work();
        tx.commit("test");
    }
    // The findings of the walk, the same on one connection and on threads
    // of their own (the way a million records are checked).
    std::string breaks() {
        std::string all, threaded;
        for (const auto& b : verifyChain(store).breaks) all += b.what + "\n";
        for (const auto& b : verifyChain(store, /*parallelFrom=*/1).breaks) threaded += b.what + "\n";
        CHECK(all == threaded);
        return all;
    }
    std::int64_t id(const std::string& sql) { return store.db().execAndGet(sql).getInt64(); }
};

Config plo() {
    return Config::parse("[cluster]\nname = \"Østerbroklyngen\"\ncvr = \"12345674\"\nmunicipality = \"København\"\n"
                         "region = \"Hovedstaden\"\n[finance]\nmodel = \"plo\"\n",
                         "klynge.toml");
}

const Date today(2026, 6, 30);

NewExpense expense(Date date, std::int64_t kroner) {
    NewExpense e;
    e.date = date;
    e.amount = Money::fromOre(kroner * 100);
    e.category = "forplejning";
    e.text = "Smørrebrød";
    return e;
}

// Four commands: income, two expenses, an approval.
void books(ChainDb& db) {
    auto cfg = plo();
    db.command([&] {
        addIncome(db.store, cfg, {Date(2026, 2, 1), Money::fromOre(100000), "driftstilskud", "Klyngemidler", "Region"},
                  today);
    });
    db.command([&] { addExpense(db.store, cfg, expense(Date(2026, 2, 20), 1234), today); });
    db.command([&] { approveEntry(db.store, cfg, "B-2026-002", Date(2026, 2, 21), today); });
    db.command([&] { addExpense(db.store, cfg, expense(Date(2026, 2, 22), 50), today); });
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("every touched record is linked at commit, and klynge.head names the newest link") {
    ChainDb db;
    books(db);
    auto r = verifyChain(db.store);
    CHECK(r.breaks.empty());
    // 3 entries, 1 event, 4 audit records.
    CHECK(r.links == 8);
    REQUIRE(r.heads.size() == 1);
    CHECK(r.heads[0].record.starts_with("ledger_entry#"));
    auto anchor = readChainAnchor(chainAnchorFile(db.path));
    REQUIRE(anchor.has_value());
    REQUIRE(anchor->size() == 1);
    CHECK(anchor->front().link == r.heads[0].link);
    CHECK(anchor->front().hashHex == toHex(r.heads[0].hash));
    CHECK_FALSE(std::filesystem::exists(pendingChainAnchorFile(db.path)));
}

TEST_CASE("a command that is rolled back leaves no link and no anchor change") {
    ChainDb db;
    books(db);
    auto before = readChainAnchor(chainAnchorFile(db.path));
    {
        WriteTransaction tx(db.store, "klynge test");
        addExpense(db.store, plo(), expense(Date(2026, 3, 1), 10), today);
    } // no commit
    auto r = verifyChain(db.store);
    CHECK(r.breaks.empty());
    CHECK(r.links == 8);
    auto after = readChainAnchor(chainAnchorFile(db.path));
    REQUIRE(after.has_value());
    CHECK(after->front().link == before->front().link);
}

TEST_CASE("a mutable record has a version per change; only an unrecorded change breaks it") {
    ChainDb db;
    db.command([&] { db.store.db().exec("INSERT INTO practice(id, ydernummer, name, joined_on) VALUES "
                                        "(klynge_id(), '123456', 'Lægerne', '2025-01-01')"); });
    db.command([&] { db.store.db().exec("UPDATE practice SET name = 'Lægerne Østerbro'"); });
    CHECK(db.breaks().empty());
    db.store.db().exec("UPDATE practice SET name = 'Lægerne Nørrebro'");
    CHECK(has(db.breaks(), "practice 123456 was changed behind klynge's back"));
}

TEST_CASE("a record klynge deletes leaves a tombstone; one deleted behind its back is named") {
    ChainDb db;
    db.command([&] {
        db.store.db().exec("INSERT INTO practice(id, ydernummer, name, joined_on) VALUES (klynge_id(), '123456', 'A', "
                           "'2025-01-01'), (klynge_id(), '234567', 'B', '2025-01-01')");
    });
    auto a = db.id("SELECT id FROM practice WHERE ydernummer = '123456'");
    db.command([&] { db.store.db().exec(fmt::format("DELETE FROM practice WHERE id = {}", a)); });
    CHECK(db.breaks().empty());
    auto b = db.id("SELECT id FROM practice WHERE ydernummer = '234567'");
    db.store.db().exec(fmt::format("DELETE FROM practice WHERE id = {}", b));
    CHECK(has(db.breaks(), fmt::format("practice #{} is missing: it was deleted behind klynge's back", b)));
}

TEST_CASE("tampering with money records is named") {
    ChainDb db;
    books(db);
    auto second = db.id("SELECT id FROM ledger_entry WHERE voucher = 'B-2026-002'");
    SUBCASE("an amount edited with the trigger dropped") {
        db.store.db().exec(fmt::format(
            "DROP TRIGGER ledger_entry_no_update; UPDATE ledger_entry SET amount_ore = 1 WHERE id = {}", second));
        auto text = db.breaks();
        CHECK(has(text, "ledger entry B-2026-002 was changed behind klynge's back"));
        CHECK(verifyDayTotals(db.store).size() == 1);
    }
    SUBCASE("the same value with another type is a change too") {
        db.store.db().exec(fmt::format("DROP TRIGGER ledger_entry_no_update; UPDATE ledger_entry SET text = "
                                       "CAST(text AS BLOB) WHERE id = {}",
                                       second));
        CHECK(has(db.breaks(), "B-2026-002 was changed"));
    }
    SUBCASE("a link's digest altered") {
        db.store.db().exec(fmt::format("DROP TRIGGER chain_no_update; UPDATE chain SET digest = zeroblob(32) WHERE "
                                       "record_table = 'ledger_entry' AND record_id = {}",
                                       second));
        auto text = db.breaks();
        CHECK(has(text, "the hash chain's link for ledger entry B-2026-002 was altered"));
    }
    SUBCASE("an event deleted") {
        db.store.db().exec("DROP TRIGGER ledger_event_no_delete; DELETE FROM ledger_event");
        CHECK(has(db.breaks(), "ledger_event #"));
        CHECK(has(db.breaks(), "is missing: it was deleted behind klynge's back"));
    }
    SUBCASE("an entry deleted in the middle together with its link names that entry, not its neighbour") {
        db.store.db().exec(fmt::format("DROP TRIGGER ledger_entry_no_delete; DROP TRIGGER ledger_event_no_delete; DROP TRIGGER chain_no_delete; "
                                       "PRAGMA foreign_keys = OFF; DELETE FROM ledger_event WHERE entry_id = {0}; "
                                       "DELETE FROM ledger_entry WHERE id = {0}; "
                                       "DELETE FROM chain WHERE record_id = {0} AND record_table = 'ledger_entry'",
                                       second));
        auto text = db.breaks();
        CHECK(has(text, fmt::format("ledger_entry #{} is missing together with its link", second)));
        CHECK_FALSE(has(text, "B-2026-003 was changed"));
    }
    SUBCASE("an entry inserted") {
        db.store.db().exec("INSERT INTO ledger_entry(id, number, voucher, voucher_year, voucher_seq, kind, entry_date, "
                           "amount_ore, category, text, recorded_on) VALUES (klynge_id(), 99, 'B-2026-099', 2026, 99, "
                           "'expense', '2026-03-01', 100, 'forplejning', 'x', '2026-03-01')");
        CHECK(has(db.breaks(), "ledger entry B-2026-099 is not in the hash chain"));
    }
    SUBCASE("an audit record edited") {
        db.store.db().exec("UPDATE audit SET os_user = 'mallory' WHERE id = (SELECT max(id) FROM audit)");
        CHECK(has(db.breaks(), "audit record"));
    }
    SUBCASE("the newest records deleted with their links: the chain's heads disagree") {
        db.store.db().exec("DROP TRIGGER chain_no_delete; PRAGMA foreign_keys = OFF; "
                           "DELETE FROM chain WHERE id IN (SELECT link_id FROM chain_head)");
        CHECK(has(db.breaks(), "head link"));
    }
    SUBCASE("the triggers refuse UPDATE and DELETE") {
        CHECK_THROWS(db.store.db().exec("UPDATE ledger_entry SET amount_ore = 1"));
        CHECK_THROWS(db.store.db().exec("DELETE FROM ledger_event"));
        CHECK_THROWS(db.store.db().exec("DELETE FROM chain"));
        CHECK_THROWS(db.store.db().exec("DELETE FROM audit"));
    }
}

TEST_CASE("the schema's drift names a dropped trigger, with the compiled-in schema and without it") {
    const auto* compiled = compiledSchemaInUse();
    REQUIRE(compiled != nullptr);
    CHECK(compiled->version == migrations().back().version);
    SUBCASE("the build's schema is the migrations' schema") {
        std::map<std::string, std::string> built;
        for (const auto& o : compiled->objects) built.emplace(o.name, o.sql);
        CHECK(built == migratedSchema(compiled->version));
    }
    for (bool useCompiled : {true, false}) {
        CAPTURE(useCompiled);
        useCompiledSchema(useCompiled ? compiled : nullptr);
        ChainDb db;
        CHECK(schemaDrift(db.store.db()).empty());
        db.store.db().exec("DROP TRIGGER ledger_entry_no_update");
        auto drift = schemaDrift(db.store.db());
        REQUIRE(drift.size() == 1);
        CHECK(drift.front() == "trigger ledger_entry_no_update is missing");
    }
    useCompiledSchema(compiled);
}

TEST_CASE("a pending klynge.head is settled: renamed when it names the database's heads, else removed") {
    ChainDb db;
    books(db);
    const auto anchor = chainAnchorFile(db.path);
    const auto pending = pendingChainAnchorFile(db.path);
    const std::string current = chainAnchorText(readChainHeads(db.store.db()));
    SUBCASE("killed after COMMIT, before the rename") {
        std::filesystem::remove(anchor);
        { std::ofstream(pending) << current; }
        CHECK(settlePendingChainAnchor(db.store.db(), db.path));
        CHECK(std::filesystem::exists(anchor));
        CHECK_FALSE(std::filesystem::exists(pending));
    }
    SUBCASE("killed before COMMIT") {
        { std::ofstream(pending) << "# half\n12 " << std::string(64, 'a') << " ledger_entry#1\n"; }
        CHECK(settlePendingChainAnchor(db.store.db(), db.path));
        CHECK_FALSE(std::filesystem::exists(pending));
        CHECK(readChainAnchor(anchor)->size() == 1);
    }
}

TEST_CASE("canonical text: alphabetical, typed, escaped, NULLs left out") {
    ChainDb db;
    auto e = expense(Date(2026, 2, 1), 10);
    e.text = "Smørrebrød\\n; \"x\"";
    e.payee = "Slagter = Jensen";
    db.command([&] { addExpense(db.store, plo(), e, today); });
    auto id = db.id("SELECT id FROM ledger_entry");
    auto text = canonicalText(db.store.db(), "ledger_entry", id);
    REQUIRE(text.has_value());
    CHECK(*text == fmt::format("ledger_entry #{}\namount_ore=i:1000\ncategory=t:forplejning\nentry_date=t:2026-02-01\n"
                               "kind=t:expense\nnumber=i:1\npayee=t:Slagter = Jensen\nrecorded_on=t:2026-06-30\n"
                               "text=t:Smørrebrød\\\\n; \"x\"\nvoucher=t:B-2026-001\nvoucher_seq=i:1\n"
                               "voucher_year=i:2026",
                               id));
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("canonical text from SELECT * (check's walk) is the one from the named columns (the writer's)") {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    // Declared out of alphabetical order, id not first; every type and NULL.
    db.exec("CREATE TABLE t (zeta TEXT, id INTEGER PRIMARY KEY, alpha INTEGER, mid BLOB, real_one REAL)");
    db.exec("INSERT INTO t VALUES ('line\nbreak\rreturn\\slash', 7, -42, x'00ff', 0.5)");
    db.exec("INSERT INTO t VALUES (NULL, 8, NULL, NULL, NULL)");
    db.exec("INSERT INTO t VALUES ('', 9, 0, x'', 1e300)");
    using namespace chain_detail;
    const auto cols = tableColumns(db, "t");
    CHECK(cols == std::vector<std::string>{"alpha", "mid", "real_one", "zeta"});
    Raw named(db, selectRow("t", cols) + " ORDER BY id");
    Raw star(db, "SELECT * FROM t ORDER BY id");
    const auto order = ColumnOrder::of(star.get());
    CHECK(order.id == 1);
    CHECK(order.names == cols);
    std::vector<std::string> texts;
    while (named.step()) {
        REQUIRE(star.step());
        std::string a, b;
        canonicalInto(a, "t", cols, named.get());
        canonicalInto(b, "t", order, star.get());
        CHECK(a == b);
        texts.push_back(b);
    }
    CHECK_FALSE(star.step());
    REQUIRE(texts.size() == 3);
    CHECK(texts[0] == "t #7\nalpha=i:-42\nmid=b:00ff\nreal_one=r:0.5\nzeta=t:line\\nbreak\\rreturn\\\\slash");
    CHECK(texts[1] == "t #8");
    CHECK(texts[2] == "t #9\nalpha=i:0\nmid=b:\nreal_one=r:1.0000000000000001e+300\nzeta=t:");
}

TEST_CASE("a bulk writer's digests, made from the values it bound, are those a reader computes") {
    // More rows than one batch of the digesting thread (8,192), texts with
    // the characters the canonical text escapes, rows with and without a
    // payee, a meeting, events with and without a note.
    ChainDb db;
    db.command([&] {
        LedgerWriter w(db.store, LedgerWriter::Mode::bulk);
        for (int i = 0; i < 6000; ++i) {
            EntryRow row{EntryKind::expense, Date(2025, 1, 1).addDays(i % 300), Money::fromOre(100 + i), "forplejning",
                         fmt::format("Kaffe \\ {} \\n", i), i % 3 ? "Bageren" : "", std::nullopt, std::nullopt, {}};
            if (i % 7 == 0) row.meetingId = 4711;
            auto [id, voucher] = w.insertEntry(row, today);
            if (i % 2) w.insertEvent(id, row.kind, row.category, "approved", row.date.addDays(1), row.amount, "", today);
            if (i % 5 == 0)
                w.insertEvent(id, row.kind, row.category, "rejected", row.date.addDays(1), row.amount, "For\\dyrt", today);
        }
        w.flush();
        CHECK(db.store.knownDigests().has("ledger_entry"));
        CHECK(db.store.knownDigests().has("ledger_event"));
    });
    CHECK(db.store.knownDigests().empty()); // they last only as long as the transaction
    CHECK(db.breaks().empty());
    CHECK(db.id("SELECT count(*) FROM chain WHERE record_table IN ('ledger_entry', 'ledger_event')") == 6000 + 3000 + 1200);
}

TEST_CASE("a known digest that is not what a reader computes fails the commit, and nothing is written") {
    ChainDb db;
    books(db);
    const auto links = db.id("SELECT count(*) FROM chain");
    {
        WriteTransaction tx(db.store, "klynge test");
        addExpense(db.store, plo(), expense(Date(2026, 3, 1), 75), today);
        const auto id = db.id("SELECT max(id) FROM ledger_entry");
        db.store.knownDigests().add("ledger_entry", {{id, sha256("ledger_entry #1\namount_ore=i:1")}});
        CHECK_THROWS_WITH_AS(tx.commit("test"), doctest::Contains("differs from what a reader computes"), StorageError);
    }
    CHECK(db.id("SELECT count(*) FROM chain") == links);
    CHECK(db.id("SELECT count(*) FROM ledger_entry") == 3);
    CHECK(db.breaks().empty());
}

TEST_CASE("a row changed after its digest was made is read back at commit") {
    ChainDb db;
    books(db);
    db.command([&] {
        addExpense(db.store, plo(), expense(Date(2026, 3, 1), 75), today);
        const auto id = db.id("SELECT max(id) FROM ledger_entry");
        // A digest of the row as written, then a change to another row of
        // the same kind of table (members are mutable; the ledger is not).
        db.store.knownDigests().add("ledger_entry", {{id, *RecordDigests(db.store.db()).of("ledger_entry", id)}});
        db.store.db().exec("INSERT INTO practice(id, ydernummer, name, joined_on) VALUES (klynge_id(), '123456', 'A', "
                           "'2018-11-15')");
        db.store.knownDigests().add("practice", {{db.id("SELECT max(id) FROM practice"), sha256("stale")}});
        db.store.db().exec("UPDATE practice SET name = 'Lægerne Østerbrogade'");
        CHECK_FALSE(db.store.knownDigests().has("practice"));
        CHECK(db.store.knownDigests().has("ledger_entry"));
    });
    CHECK(db.breaks().empty());
}
