// `klynge restore FILE` (restoreDatabase) into a temporary file. A dump it
// accepts gives a database that passes SQLite's integrity check, and from
// then on dump → restore → dump is byte-identical (DESIGN.md, "Versionable").
#include "fuzz.hpp"

#include "klynge/store/dump.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

// In memory when the machine has /dev/shm: SQLite syncs every commit.
const fs::path& scratch() {
    static const fs::path dir = [] {
        std::error_code ec;
        const fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
        auto d = base / ("klynge-fuzz-restore-" + std::to_string(getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

std::string dumpOf(const fs::path& db) {
    auto store = klynge::Store::open(db, klynge::Store::Mode::readOnly);
    std::ostringstream out;
    klynge::dumpDatabase(store, out);
    return out.str();
}

void writeFile(const fs::path& file, std::string_view text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void removeDb(const fs::path& db) {
    std::error_code ec;
    fs::remove(db, ec);
    fs::remove(db.string() + "-journal", ec);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace klynge;
    const fs::path dump = scratch() / "input.sql", db = scratch() / "restored.db", db2 = scratch() / "again.db";
    removeDb(db);
    removeDb(db2);
    writeFile(dump, fuzz::text(data, size));
    if (!FUZZ_PARSE(restoreDatabase(dump, db))) {
        FUZZ_CHECK(!fs::exists(db), "a refused restore left its database behind");
        return 0;
    }
    {
        auto store = Store::open(db, Store::Mode::readOnly);
        auto check = store.db().execAndGet("PRAGMA integrity_check").getString();
        FUZZ_CHECK(check == "ok", check);
    }
    const std::string first = dumpOf(db);
    writeFile(dump, first);
    FUZZ_CHECK(FUZZ_PARSE(restoreDatabase(dump, db2)), "klynge cannot restore its own dump:\n" + first);
    const std::string second = dumpOf(db2);
    FUZZ_CHECK(first == second, "dump → restore → dump differs");
    return 0;
}
