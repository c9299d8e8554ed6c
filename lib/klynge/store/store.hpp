// The SQLite store: one file (klynge.db) in the rollback-journal mode so that
// after every command it is a single consistent file git can commit
// (DESIGN.md, "The workspace"). Schema versions live in PRAGMA user_version
// and move forward by the migrations in schema.cpp.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace klynge {

struct Migration {
    int version;                  // user_version after this step
    std::string_view description;
    std::string_view sql;
};

// Every migration, oldest first (schema.cpp).
std::span<const Migration> migrations();
int latestSchemaVersion();

class Store {
public:
    enum class Mode { readWrite, readOnly };

    // Opens an existing database; in readWrite mode migrates it forward.
    // Throws StorageError for a missing, damaged or newer database.
    static Store open(const std::filesystem::path& file, Mode mode = Mode::readWrite);
    // Creates a new database with the schema at `version` (default: latest).
    static Store create(const std::filesystem::path& file, int version = 0);

    SQLite::Database& db() { return *db_; }
    const std::filesystem::path& file() const { return file_; }
    int schemaVersion();

    // Runs migrations from the current version up to `target` (default latest).
    void migrate(int target = 0);

private:
    Store(std::unique_ptr<SQLite::Database> db, std::filesystem::path file);
    std::unique_ptr<SQLite::Database> db_;
    std::filesystem::path file_;
};

// One command = one transaction (DESIGN.md "Nothing is lost"). BEGIN IMMEDIATE
// takes the write lock up front, so a concurrent klynge waits (busy timeout)
// instead of failing half-way. Destroying it without commit() rolls back.
class WriteTransaction {
public:
    WriteTransaction(Store& store, std::string commandLine);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    // Appends the audit record (time, OS user, command line, summary) and commits.
    void commit(std::string_view summary);

private:
    Store& store_;
    std::string commandLine_;
    bool done_ = false;
};

// Maps an SQLite failure to a StorageError with context and a fix.
[[noreturn]] void throwStorageError(const SQLite::Exception& e, std::string_view doing);

// The OS user running klynge (audit log).
std::string currentUser();

} // namespace klynge
