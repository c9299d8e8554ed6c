#include "klynge/store/store.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <SQLiteCpp/Transaction.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <pwd.h>
#include <unistd.h>

namespace klynge {
namespace {

// Long enough for a concurrent command (and a cron job beside a person) to
// finish; short enough that a stuck process is reported.
// $KLYNGE_BUSY_TIMEOUT (milliseconds) overrides it.
int busyTimeoutMs() {
    if (const char* env = std::getenv("KLYNGE_BUSY_TIMEOUT"); env && *env) {
        char* end = nullptr;
        long ms = std::strtol(env, &end, 10);
        if (*end == '\0' && ms >= 0 && ms <= 600'000) return static_cast<int>(ms);
    }
    return 10'000;
}

void configure(SQLite::Database& db) {
    db.setBusyTimeout(busyTimeoutMs());
    db.exec("PRAGMA foreign_keys = ON");
}

std::string utcNow() {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

[[noreturn]] void throwStorageError(const SQLite::Exception& e, std::string_view doing) {
    switch (e.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw StorageError(fmt::format(
            "klynge.db is locked by another command while {} — wait for it to finish and try again",
            doing));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        throw StorageError(fmt::format(
            "klynge.db is damaged ({}) while {} — restore it from git or from a dump with "
            "`klynge restore FILE`",
            e.getErrorStr(), doing));
    case SQLITE_FULL:
        throw StorageError(fmt::format("the disk is full while {} — free some space and try again", doing));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        throw StorageError(fmt::format(
            "cannot write klynge.db while {} ({}) — check the file's permissions", doing, e.getErrorStr()));
    default:
        throw StorageError(fmt::format("storage failure while {}: {} — run `klynge check`; if it "
                                       "persists, restore from git or a dump",
                                       doing, e.what()));
    }
}

Store::Store(std::unique_ptr<SQLite::Database> db, std::filesystem::path file)
    : db_(std::move(db)), file_(std::move(file)) {}

Store Store::open(const std::filesystem::path& file, Mode mode) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw StorageError(fmt::format("{} is missing — restore it from git, or from a dump with "
                                       "`klynge restore FILE`",
                                       file.string()));
    try {
        int flags = mode == Mode::readOnly ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
        auto db = std::make_unique<SQLite::Database>(file.string(), flags);
        configure(*db);
        Store store(std::move(db), file);
        int version = store.schemaVersion();
        if (version > latestSchemaVersion())
            throw StorageError(fmt::format(
                "{} has schema version {}, but this klynge knows versions up to {} — it was "
                "written by a newer klynge; upgrade klynge to use it",
                file.filename().string(), version, latestSchemaVersion()));
        if (version < 1)
            throw StorageError(fmt::format("{} is not a klynge database (schema version 0) — check "
                                           "the path, or restore it from a dump",
                                           file.string()));
        if (mode == Mode::readWrite && version < latestSchemaVersion()) store.migrate();
        return store;
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, fmt::format("opening {}", file.filename().string()));
    }
}

Store Store::create(const std::filesystem::path& file, int version) {
    try {
        auto db = std::make_unique<SQLite::Database>(file.string(),
                                                     SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        configure(*db);
        // Rollback journal, not WAL: one consistent file after every command.
        db->exec("PRAGMA journal_mode = DELETE");
        Store store(std::move(db), file);
        store.migrate(version == 0 ? latestSchemaVersion() : version);
        return store;
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, fmt::format("creating {}", file.filename().string()));
    }
}

int Store::schemaVersion() { return db_->execAndGet("PRAGMA user_version").getInt(); }

void Store::migrate(int target) {
    if (target == 0) target = latestSchemaVersion();
    for (const auto& m : migrations()) {
        if (m.version <= schemaVersion() || m.version > target) continue;
        // Each step in its own transaction that also sets user_version.
        SQLite::Transaction tx(*db_);
        db_->exec(std::string(m.sql));
        db_->exec(fmt::format("PRAGMA user_version = {}", m.version));
        tx.commit();
    }
}

std::string currentUser() {
    if (const char* u = std::getenv("USER"); u && *u) return u;
    if (const passwd* pw = getpwuid(getuid())) return pw->pw_name;
    return std::to_string(getuid());
}

WriteTransaction::WriteTransaction(Store& store, std::string commandLine)
    : store_(store), commandLine_(std::move(commandLine)) {
    try {
        store_.db().exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, "starting a write");
    }
}

WriteTransaction::~WriteTransaction() {
    if (!done_) {
        try {
            store_.db().exec("ROLLBACK");
        } catch (...) {
            // The transaction may already be gone (SQLite rolled back on an
            // I/O error); nothing more can be done from a destructor.
        }
    }
}

void WriteTransaction::commit(std::string_view summary) {
    try {
        SQLite::Statement audit(store_.db(),
                                "INSERT INTO audit(at, os_user, command, summary) VALUES (?, ?, ?, ?)");
        audit.bind(1, utcNow());
        audit.bind(2, currentUser());
        audit.bind(3, commandLine_);
        audit.bind(4, std::string(summary));
        audit.exec();
        store_.db().exec("COMMIT");
        done_ = true;
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, "committing");
    }
}

} // namespace klynge
