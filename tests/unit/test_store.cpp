// The store: migrations, refusing a newer schema, one transaction per command,
// and the membership rules on an in-memory workspace.
#include "klynge/text/error.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/practice.hpp"
#include "klynge/people/role.hpp"
#include "klynge/people/roster.hpp"
#include "klynge/store/store.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <ostream>
#include <sstream>

using namespace klynge;

namespace {

struct TempDb {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("klynge-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db");
    ~TempDb() { std::filesystem::remove(path); }
    static inline int counter = 0;
};

void seed(Store& s) {
    addPractice(s, {Ydernummer::parse("123456"), "Lægerne Østerbrogade", 9876, 3, Date(2025, 1, 15), Date(2018, 11, 15)});
    addMember(s, {"Anne Ærø", Email::parse("anne@example.dk"), Ydernummer::parse("123456"), Position::ejerlaege,
                  Date(2018, 11, 15)});
    addMember(s, {"Bo Østergaard", Email::parse("bo@example.dk"), Ydernummer::parse("123456"), Position::ansat,
                  Date(2020, 1, 1)});
}

} // namespace

TEST_CASE("a new store is at the latest schema, an old one is migrated, a newer one refused") {
    TempDb db;
    {
        auto s = Store::create(db.path, 1);
        CHECK(s.schemaVersion() == 1);
    }
    {
        auto s = Store::open(db.path);
        CHECK(s.schemaVersion() == latestSchemaVersion());
        s.db().exec("PRAGMA user_version = 999");
    }
    try {
        Store::open(db.path);
        FAIL("a newer schema was accepted");
    } catch (const StorageError& e) {
        CHECK(std::string(e.what()).find("newer klynge") != std::string::npos);
    }
}

TEST_CASE("cached statements: reused once given back, never lent twice, reset and unbound when given back") {
    TempDb db;
    auto s = Store::create(db.path);
    s.db().exec("CREATE TABLE t(x INTEGER)");
    s.db().exec("INSERT INTO t VALUES (1), (2), (3)");
    const char* sql = "SELECT x FROM t WHERE x >= ? ORDER BY x";
    SQLite::Statement* first = nullptr;
    {
        auto q = s.prepared(sql);
        first = &q.statement();
        q.bind(1, 2);
        REQUIRE(q.executeStep());
        CHECK(q.getColumn(0).getInt() == 2);
        // The same text while the first is mid-way: a statement of its own,
        // and the first one's place is kept.
        auto nested = s.prepared(sql);
        CHECK(&nested.statement() != first);
        nested.bind(1, 1);
        int rows = 0;
        while (nested.executeStep()) ++rows;
        CHECK(rows == 3);
        REQUIRE(q.executeStep());
        CHECK(q.getColumn(0).getInt() == 3);
    }
    {
        // Given back reset, its binding cleared: NULL matches no row.
        auto again = s.prepared(sql);
        CHECK(&again.statement() == first);
        CHECK_FALSE(again.executeStep());
    }
    // A write after the reads: no cached statement holds the file.
    s.db().exec("BEGIN IMMEDIATE");
    s.db().exec("INSERT INTO t VALUES (4)");
    s.db().exec("COMMIT");
    // More distinct texts than the cache keeps still run.
    for (int i = 0; i < 300; ++i) {
        auto q = s.prepared("SELECT count(*) + " + std::to_string(i) + " FROM t");
        REQUIRE(q.executeStep());
        CHECK(q.getColumn(0).getInt() == 4 + i);
    }
}

TEST_CASE("a write transaction that is not committed leaves nothing, not even an audit line") {
    TempDb db;
    auto s = Store::create(db.path);
    {
        WriteTransaction tx(s, "klynge practice add ...");
        seed(s);
    }
    CHECK(s.db().execAndGet("SELECT count(*) FROM practice").getInt() == 0);
    CHECK(s.db().execAndGet("SELECT count(*) FROM audit").getInt() == 0);
    {
        WriteTransaction tx(s, "klynge practice add ...");
        seed(s);
        tx.commit("seeded");
    }
    CHECK(s.db().execAndGet("SELECT count(*) FROM member").getInt() == 2);
    CHECK(s.db().execAndGet("SELECT summary FROM audit").getString() == "seeded");
}

TEST_CASE("patient counts are dated history: the count as of a date is the latest on or before it") {
    TempDb db;
    auto s = Store::create(db.path);
    seed(s);
    setPractice(s, Ydernummer::parse("123456"), {std::nullopt, 10100, std::nullopt, Date(2025, 2, 1)});
    auto id = practiceId(s, Ydernummer::parse("123456"));
    CHECK_FALSE(patientsAsOf(s, id, Date(2025, 1, 14)).has_value());
    CHECK(patientsAsOf(s, id, Date(2025, 1, 15))->value == 9876);
    CHECK(patientsAsOf(s, id, Date(2025, 1, 31))->value == 9876);
    CHECK(patientsAsOf(s, id, Date(2025, 2, 1))->value == 10100);
    CHECK(showPractice(s, Ydernummer::parse("123456"), Date(2025, 3, 1)).patientHistory.size() == 2);
}

TEST_CASE("roles: a new coordinator succeeds the old, overlapping single roles are refused") {
    TempDb db;
    auto s = Store::create(db.path);
    seed(s);
    auto anne = findMember(s, "anne@example.dk").id;
    auto bo = findMember(s, "bo@example.dk").id;
    assignRole(s, "koordinator", {anne, {}}, Date(2019, 1, 1), std::nullopt);
    auto r = assignRole(s, "koordinator", {bo, {}}, Date(2025, 3, 1), std::nullopt);
    REQUIRE(r.succeeded.has_value());
    CHECK(r.succeeded->to == Date(2025, 2, 28));
    CHECK(listRoles(s, Date(2025, 2, 28)).front().holder == "Anne Ærø");
    CHECK(listRoles(s, Date(2025, 3, 1)).front().holder == "Bo Østergaard");
    // Anne again, inside Bo's open-ended term that started earlier: refused.
    CHECK_THROWS_AS(assignRole(s, "koordinator", {anne, {}}, Date(2025, 6, 1), Date(2025, 7, 1)), RuleViolation);
    // A secretary may be external; a treasurer may not.
    CHECK_NOTHROW(assignRole(s, "sekretær", {std::nullopt, "Lise Hansen"}, Date(2025, 1, 1), std::nullopt));
    CHECK_THROWS_AS(assignRole(s, "kasserer", {std::nullopt, "Lise Hansen"}, Date(2025, 1, 1), std::nullopt),
                    RuleViolation);
    // Leaving ends the member's roles.
    leaveMember(s, bo, Date(2025, 9, 1));
    CHECK(rolesOf(s, bo).front().to == Date(2025, 8, 31)); // the last day as a member
}

TEST_CASE("roster changes since a registration, and import idempotence") {
    TempDb db;
    auto s = Store::create(db.path);
    seed(s);
    recordRegistration(s, Date(2024, 12, 10), "", Date(2024, 12, 10));
    CHECK(rosterChanges(s, Date(2024, 12, 10), Date(2025, 12, 31)).empty());
    std::istringstream csv("navn;e-mail;ydernummer;stilling;indmeldt\n"
                           "Anne Ærø;anne@example.dk;123456;ejerlæge;2018-11-15\n"
                           "Bo Østergaard;bo@example.dk;123456;ejerlæge;2020-01-01\n"
                           "Carl Åberg;carl@example.dk;123456;ansat;2025-03-01\n");
    auto first = importRoster(s, csv, "roster.csv", {Date(2025, 3, 5), std::nullopt});
    CHECK(first.actions.size() == 2); // Bo changed, Carl added
    CHECK(first.unchanged == 1);
    auto changes = rosterChanges(s, Date(2024, 12, 10), Date(2025, 12, 31));
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].kind == "joined");
    CHECK(changes[0].date == Date(2025, 3, 1));
    CHECK(changes[1].kind == "changed");
    csv.clear();
    csv.seekg(0);
    auto second = importRoster(s, csv, "roster.csv", {Date(2025, 3, 6), std::nullopt});
    CHECK(second.actions.empty());
    CHECK(second.unchanged == 3);
}

TEST_CASE("a reading command's snapshot: its queries see one commit, and a writer's commit waits for it") {
    TempDb db;
    {
        auto s = Store::create(db.path);
        WriteTransaction tx(s, "klynge practice add ...");
        seed(s);
        tx.commit("seeded");
    }
    auto members = [](SQLite::Database& d) { return d.execAndGet("SELECT count(*) FROM member").getInt(); };
    SQLite::Database writer(db.path.string(), SQLite::OPEN_READWRITE);
    writer.setBusyTimeout(0);
    {
        auto reader = Store::open(db.path, Store::Mode::readOnly);
        reader.readOneSnapshot();
        CHECK(members(reader.db()) == 2);
        writer.exec("BEGIN IMMEDIATE"); // allowed beside a reader
        writer.exec("DELETE FROM member WHERE name = 'Bo Østergaard'");
        CHECK_THROWS_AS(writer.exec("COMMIT"), SQLite::Exception); // busy: the snapshot holds
        CHECK(members(reader.db()) == 2);
    }
    writer.exec("COMMIT"); // the reading command has ended
    CHECK(members(writer) == 1);
}
