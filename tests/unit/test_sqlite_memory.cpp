// The small-block pools klynge gives SQLite (store/sqlite_memory.hpp): every
// block holds what was asked and keeps it through reallocation, a freed
// block is reused for its size, a block freed on another thread is safe, and
// SQLite itself runs on the pools — a table of random rows written, read
// back and compared.
#include "klynge/store/sqlite_memory.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace memory = klynge::sqlite_memory;

namespace {

struct Held {
    void* block;
    int bytes;
    unsigned char fill;
};

void paint(const Held& h) { std::memset(h.block, h.fill, static_cast<std::size_t>(h.bytes)); }

bool intact(const Held& h) {
    const auto* p = static_cast<const unsigned char*>(h.block);
    for (int i = 0; i < h.bytes; ++i)
        if (p[i] != h.fill) return false;
    return true;
}

} // namespace

TEST_CASE("sqlite memory: blocks hold what was asked, 8-aligned, through reallocation, and are reused") {
    std::mt19937 rng(16);
    std::vector<Held> held;
    for (int round = 0; round < 20'000; ++round) {
        const auto action = rng() % 10;
        if (action < 5 || held.empty()) {
            // Mostly small, as SQLite's are; sometimes past the pools.
            const int bytes = rng() % 8 == 0 ? static_cast<int>(rng() % 6000) : static_cast<int>(rng() % 1100);
            Held h{memory::allocate(bytes), bytes, static_cast<unsigned char>(rng())};
            REQUIRE(h.block);
            REQUIRE(reinterpret_cast<std::uintptr_t>(h.block) % 8 == 0);
            REQUIRE(memory::sizeOf(h.block) >= bytes);
            REQUIRE(memory::sizeOf(h.block) == memory::roundUp(bytes));
            paint(h);
            held.push_back(h);
        } else if (action < 8) {
            const auto at = rng() % held.size();
            REQUIRE(intact(held[at]));
            memory::release(held[at].block);
            held[at] = held.back();
            held.pop_back();
        } else {
            auto& h = held[rng() % held.size()];
            REQUIRE(intact(h));
            const int bytes = static_cast<int>(rng() % 3000);
            void* moved = memory::reallocate(h.block, bytes);
            REQUIRE(moved);
            h.block = moved;
            const int kept = h.bytes;
            h.bytes = std::min(bytes, kept);
            REQUIRE(intact(h)); // it kept what it held
            h.block = moved;
            h.bytes = bytes;
            REQUIRE(memory::sizeOf(moved) >= bytes);
            paint(h);
        }
    }
    for (auto& h : held) {
        REQUIRE(intact(h));
        memory::release(h.block);
    }
    // A freed block is the next one of its size.
    void* a = memory::allocate(100);
    memory::release(a);
    CHECK(memory::allocate(97) == a);
    CHECK(memory::sizeOf(a) == 112);
    memory::release(a);
    CHECK(memory::roundUp(0) == 16);
    CHECK(memory::roundUp(1024) == 1024);
    CHECK(memory::roundUp(1025) == 1032);
    memory::release(nullptr);
    CHECK(memory::sizeOf(nullptr) == 0);
}

TEST_CASE("sqlite memory: a block made on one thread may be freed on another, and each thread has its own pools") {
    std::vector<void*> made;
    std::thread maker([&] {
        for (int i = 0; i < 5000; ++i) {
            void* b = memory::allocate(i % 700);
            std::memset(b, 0x5a, static_cast<std::size_t>(i % 700));
            made.push_back(b);
        }
    });
    maker.join();
    for (void* b : made) memory::release(b); // freed here, reused here
    std::vector<void*> again;
    for (int i = 0; i < 5000; ++i) again.push_back(memory::allocate(i % 700));
    for (void* b : again) memory::release(b);
    std::thread other([] {
        for (int i = 0; i < 1000; ++i) memory::release(memory::allocate(64));
    });
    other.join();
}

TEST_CASE("sqlite memory: SQLite runs on the pools — random rows written, read back and compared") {
    sqlite3_mem_methods before{};
    REQUIRE(sqlite3_shutdown() == SQLITE_OK); // every connection of the earlier tests is closed
    REQUIRE(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &before) == SQLITE_OK);
    static const sqlite3_mem_methods pools = {memory::allocate, memory::release, memory::reallocate, memory::sizeOf,
                                              memory::roundUp, [](void*) { return SQLITE_OK; }, [](void*) {},
                                              nullptr};
    REQUIRE(sqlite3_config(SQLITE_CONFIG_MALLOC, &pools) == SQLITE_OK);
    {
        std::mt19937 rng(7);
        std::vector<std::string> texts;
        SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL, n INTEGER)");
        db.exec("CREATE INDEX t_body ON t (body)");
        SQLite::Transaction tx(db);
        SQLite::Statement ins(db, "INSERT INTO t (body, n) VALUES (?, ?)");
        for (int i = 0; i < 5000; ++i) {
            std::string s(rng() % 900, 'x');
            for (auto& c : s) c = static_cast<char>('a' + rng() % 26);
            texts.push_back(s);
            ins.bind(1, s);
            ins.bind(2, i);
            ins.exec();
            ins.reset();
        }
        tx.commit();
        SQLite::Statement all(db, "SELECT body, n FROM t ORDER BY id");
        std::size_t i = 0;
        while (all.executeStep()) {
            REQUIRE(i < texts.size());
            CHECK(all.getColumn(0).getString() == texts[i]);
            CHECK(all.getColumn(1).getInt() == static_cast<int>(i));
            ++i;
        }
        CHECK(i == texts.size());
        CHECK(db.execAndGet("SELECT count(DISTINCT body) FROM t").getInt() > 4900);
    }
    REQUIRE(sqlite3_shutdown() == SQLITE_OK);
    REQUIRE(sqlite3_config(SQLITE_CONFIG_MALLOC, &before) == SQLITE_OK);
}
