// The SQLite store: one file (klynge.db) in the rollback-journal mode so that
// after every command it is a single consistent file git can commit
// (DESIGN.md, "The workspace"). Schema versions live in PRAGMA user_version
// and move forward by the migrations in schema.cpp.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

struct Migration {
    int version;                  // user_version after this step
    std::string_view description;
    std::string_view sql;
    // A step SQL cannot express (hashing, verifying the chain); runs after
    // `sql`, in the same transaction. nullptr for most steps.
    void (*code)(SQLite::Database&) = nullptr;
};

// Every migration, oldest first (schema.cpp).
std::span<const Migration> migrations();
int latestSchemaVersion();

class StatementCache;
class KnownDigests;

// A statement from the store's cache (Store::prepared): the same interface
// as the SQLite::Statement it lends, given back reset and with its bindings
// cleared when it goes out of scope. A statement still in use is never lent
// twice: a nested or recursive query of the same text gets one of its own.
class CachedStatement {
public:
    CachedStatement(StatementCache& cache, std::string_view sql);
    ~CachedStatement();
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;

    SQLite::Statement& statement() { return *statement_; }
    operator SQLite::Statement&() { return *statement_; }

    template <class... A>
    void bind(A&&... a) { statement_->bind(std::forward<A>(a)...); }
    bool executeStep() { return statement_->executeStep(); }
    int exec() { return statement_->exec(); }
    SQLite::Column getColumn(int index) { return statement_->getColumn(index); }
    bool isColumnNull(int index) const { return statement_->isColumnNull(index); }
    void reset() { statement_->reset(); }
    void clearBindings() { statement_->clearBindings(); }

private:
    StatementCache& cache_;
    std::string_view sql_; // the key, owned by the cache
    std::unique_ptr<SQLite::Statement> statement_;
};

class Store {
public:
    enum class Mode { readWrite, readOnly };

    // Opens an existing database; in readWrite mode migrates it forward.
    // Throws StorageError for a missing, damaged or newer database.
    //
    // A command killed in the middle of a write leaves a hot rollback
    // journal beside the file. Both modes open the file read-write when
    // they may, so SQLite rolls the unfinished change back on the first
    // read; recovered() then says so (the command tells the user once).
    // readOnly never changes a record and never migrates.
    static Store open(const std::filesystem::path& file, Mode mode = Mode::readWrite);
    // Creates a new database with the schema at `version` (default: latest).
    static Store create(const std::filesystem::path& file, int version = 0);

    SQLite::Database& db() { return *db_; }
    const std::filesystem::path& file() const { return file_; }
    int schemaVersion();

    // Runs migrations from the current version up to `target` (default
    // latest). Each step takes the write lock first and re-reads the version
    // under it, so concurrent first opens of an old workspace all succeed.
    // With `anchorHeads`, a step from schema 7 on also writes klynge.head
    // for the chain it leaves (pending before its COMMIT, renamed after).
    void migrate(int target = 0, bool anchorHeads = true);

    // Whether opening it rolled back an interrupted command's change.
    bool recovered() const { return recovered_; }

    // The statement for SQL, compiled once per connection. SQLite compiles
    // a statement in tens of microseconds; `klynge status` compiled 149,
    // most of them the same few that a loop or several rules ask for again.
    CachedStatement prepared(std::string_view sql);

    // From here until the store closes, every read sees the same commit: one
    // deferred transaction (BEGIN) instead of one per statement. A reading
    // command's queries then agree with each other even if another command
    // commits in between, and SQLite takes its shared lock, looks for a hot
    // journal and re-reads the header once, not per statement (328 fcntl
    // calls in one `status` before). A writer's COMMIT waits for the
    // command to end (within the busy timeout), as it waits for any reader.
    // For reading commands only: a write would need its own transaction.
    void readOneSnapshot();

    // Digests a bulk writer computed for rows it inserted in the current
    // write transaction (chain.hpp); the commit links those rows with them.
    KnownDigests& knownDigests() { return *known_; }

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

private:
    Store(std::unique_ptr<SQLite::Database> db, std::filesystem::path file);
    std::unique_ptr<SQLite::Database> db_;
    std::filesystem::path file_;
    bool recovered_ = false;
    std::unique_ptr<KnownDigests> known_;
    // After db_: its statements are finalized before the connection closes.
    std::unique_ptr<StatementCache> statements_;
};

// SQLite's process-wide settings; call it first, before any connection
// opens (SQLite refuses them later). klynge keeps no allocation statistics:
// SQLite's default takes a mutex and counts on every allocation, a tenth
// of the instructions of `klynge status`.
void configureSqliteLibrary();

// Whether FILE has a hot rollback journal: FILE-journal is there and no
// process holds the write lock — the writer that made it was killed.
bool hasHotJournal(const std::filesystem::path& file);

// One command = one transaction (DESIGN.md "Nothing is lost"). BEGIN IMMEDIATE
// takes the write lock up front, so a concurrent klynge waits (busy timeout)
// instead of failing half-way. Destroying it without commit() rolls back.
//
// While it is open, SQLite's update hook notes every row the command
// inserts, changes or deletes; commit() links each of them in the hash
// chain (chain.hpp), so no domain has to remember to.
struct ChainCheckpoint;

class WriteTransaction {
public:
    WriteTransaction(Store& store, std::string commandLine);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    // Appends the audit record (time, OS user, command line, summary),
    // links every touched record, writes klynge.head's pending copy,
    // commits, and moves the copy into place.
    void commit(std::string_view summary);

    // Links table#id at commit as if the command had written it: a record a
    // command removed without SQL seeing a row (a merge's losing side) gets
    // its tombstone this way.
    void touch(std::string_view table, std::int64_t id);

    struct Touched;

private:
    void carryCheckpoint() noexcept;
    Store& store_;
    std::string commandLine_;
    bool done_ = false;
    std::unique_ptr<Touched> touched_;
    // The chain's verified checkpoint when this write began on the very
    // file and counter it names (checkpoint.hpp): carried past the commit.
    std::unique_ptr<ChainCheckpoint> carried_;
};

// What differs between the database's schema (tables, indexes, triggers)
// and the one klynge's migrations make at its version — a dropped
// append-only trigger, say. One line per difference; empty when none.
std::vector<std::string> schemaDrift(SQLite::Database& db);

// The schema objects of a database: "table member" -> its CREATE statement.
std::map<std::string, std::string> schemaObjects(SQLite::Database& db);
// The objects the migrations up to `version` make, by running them in an
// in-memory database (tens of milliseconds: every DDL statement re-parses
// the schema).
std::map<std::string, std::string> migratedSchema(int version);
// The schema of the newest version as the build computed it
// (tools/schema_gen.cpp writes it into the klynge executable), so that
// `check` compares against it instead of running the migrations each time.
// Without one (the unit tests, the fuzzers), schemaDrift runs them.
struct SchemaObject {
    std::string_view name; // "table member"
    std::string_view sql;
};
struct CompiledSchema {
    int version;
    std::span<const SchemaObject> objects;
};
void useCompiledSchema(const CompiledSchema* schema);
const CompiledSchema* compiledSchemaInUse();

// Maps an SQLite failure to a StorageError with context and a fix.
[[noreturn]] void throwStorageError(const SQLite::Exception& e, std::string_view doing);

// The OS user running klynge (audit log).
std::string currentUser();

} // namespace klynge
