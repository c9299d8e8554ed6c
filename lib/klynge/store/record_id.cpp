#include "klynge/store/record_id.hpp"

#include "klynge/text/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <fcntl.h>
#include <unistd.h>

namespace klynge {
namespace {

// 2025-01-01T00:00:00Z: 41 bits of milliseconds last until 2094.
constexpr std::int64_t epochMs = 1735689600000;
constexpr int randomBits = 22;

// Drawn once per process: the low bits of every id this process makes
// start here within each millisecond.
std::uint32_t randomLowBits() {
    std::uint32_t r = 0;
    int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && ::read(fd, &r, sizeof r) == static_cast<ssize_t>(sizeof r);
    if (fd >= 0) ::close(fd);
    if (!ok) throw StorageError("cannot read /dev/urandom for a record id — check the system");
    return r & ((1u << randomBits) - 1);
}

void sqlRecordId(sqlite3_context* context, int, sqlite3_value**) {
    try {
        sqlite3_result_int64(context, newRecordId());
    } catch (const std::exception& e) {
        sqlite3_result_error(context, e.what(), -1);
    }
}

} // namespace

std::int64_t newRecordId() {
    static const std::int64_t low = randomLowBits();
    static std::int64_t last = 0;
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    std::int64_t id = ((now - epochMs) << randomBits) | low;
    // Strictly increasing within the process, even within one millisecond
    // or if the clock steps back.
    if (id <= last) id = last + 1;
    last = id;
    return id;
}

void registerRecordIdFunction(SQLite::Database& db) {
    // Not SQLITE_DETERMINISTIC: every call gives a new id.
    if (sqlite3_create_function(db.getHandle(), "klynge_id", 0, SQLITE_UTF8, nullptr, sqlRecordId, nullptr,
                                nullptr) != SQLITE_OK)
        throw StorageError("cannot register klynge_id() with SQLite — please report this");
}

std::optional<std::int64_t> recordIdOfNumber(SQLite::Database& db, std::string_view table, std::int64_t number) {
    SQLite::Statement q(db, fmt::format("SELECT id FROM \"{}\" WHERE number = ?", table));
    q.bind(1, number);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getInt64();
}

std::int64_t numberOfRecord(SQLite::Database& db, std::string_view table, std::int64_t id) {
    SQLite::Statement q(db, fmt::format("SELECT number FROM \"{}\" WHERE id = ?", table));
    q.bind(1, id);
    return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

} // namespace klynge
