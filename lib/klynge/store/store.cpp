#include "klynge/store/store.hpp"
#include "klynge/store/sqlite_memory.hpp"

#include "klynge/store/chain.hpp"
#include "klynge/store/checkpoint.hpp"
#include "klynge/store/record_id.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <unordered_map>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
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
    // Statement journals and temporary b-trees in memory (a bulk path's
    // multi-row INSERTs, bulk.hpp). Set here, before any transaction:
    // SQLite refuses to change it inside one.
    db.exec("PRAGMA temp_store = MEMORY");
    registerRecordIdFunction(db);
}

bool writable(const std::filesystem::path& file) { return ::access(file.c_str(), W_OK) == 0; }

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

// Idle statements by their SQL text. unordered_map never moves its keys,
// so a lease may keep a view of one.
class StatementCache {
public:
    explicit StatementCache(SQLite::Database& db) : db_(db) {}

    // A statement for SQL; `key` is set to the cache's copy of SQL if the
    // statement is to come back, and left empty for one that is not kept
    // (more distinct texts than `kept` already).
    std::unique_ptr<SQLite::Statement> take(std::string_view sql, std::string_view& key) {
        auto it = idle_.find(sql);
        if (it == idle_.end()) {
            if (idle_.size() >= kept) return std::make_unique<SQLite::Statement>(db_, std::string(sql));
            it = idle_.emplace(std::string(sql), Idle{}).first;
        }
        key = it->first;
        if (it->second.empty()) return std::make_unique<SQLite::Statement>(db_, it->first);
        auto statement = std::move(it->second.back());
        it->second.pop_back();
        return statement;
    }

    void giveBack(std::string_view key, std::unique_ptr<SQLite::Statement> statement) noexcept {
        if (key.empty()) return; // not kept: finalized here
        try {
            statement->reset(); // ends its read of the file
            statement->clearBindings();
            idle_.find(key)->second.push_back(std::move(statement));
        } catch (...) {
            // A statement that cannot be reset is finalized instead.
        }
    }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    using Idle = std::vector<std::unique_ptr<SQLite::Statement>>;
    // Texts built with values in them would each be a new statement.
    static constexpr std::size_t kept = 256;
    SQLite::Database& db_;
    std::unordered_map<std::string, Idle, Hash, std::equal_to<>> idle_;
};

CachedStatement::CachedStatement(StatementCache& cache, std::string_view sql)
    : cache_(cache), statement_(cache.take(sql, sql_)) {}

CachedStatement::~CachedStatement() { cache_.giveBack(sql_, std::move(statement_)); }

Store::Store(std::unique_ptr<SQLite::Database> db, std::filesystem::path file)
    : db_(std::move(db)), file_(std::move(file)), known_(std::make_unique<KnownDigests>()),
      statements_(std::make_unique<StatementCache>(*db_)) {}

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&& other) noexcept {
    statements_.reset(); // before the connection they belong to
    db_ = std::move(other.db_);
    file_ = std::move(other.file_);
    recovered_ = other.recovered_;
    known_ = std::move(other.known_);
    statements_ = std::move(other.statements_);
    return *this;
}
Store::~Store() = default;

CachedStatement Store::prepared(std::string_view sql) { return CachedStatement(*statements_, sql); }

void configureSqliteLibrary() {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite_memory::install();
}

void Store::readOneSnapshot() {
    try {
        db_->exec("BEGIN DEFERRED");
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, "starting to read");
    }
}

bool hasHotJournal(const std::filesystem::path& file) {
    std::error_code ec;
    auto journal = std::filesystem::path(file.string() + "-journal");
    if (!std::filesystem::is_regular_file(journal, ec) || std::filesystem::file_size(journal, ec) == 0) return false;
    // SQLite's own test (pager.c, hasHotJournal): a journal whose first
    // byte is zero was never synced — the database file was not touched.
    {
        std::ifstream in(journal, std::ios::binary);
        char first = 0;
        if (!in.get(first) || first == 0) return false;
    }
    // And no writer holds a POSIX lock on the RESERVED byte just past the
    // 1 GiB PENDING byte (os_unix.c, unixCheckReservedLock).
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = 0x40000000 + 1;
    lock.l_len = 1;
    bool held = ::fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
    ::close(fd);
    return !held;
}

Store Store::open(const std::filesystem::path& file, Mode mode) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw StorageError(fmt::format("{} is missing — restore it from git, or from a dump with "
                                       "`klynge restore FILE`",
                                       file.string()));
    const bool hot = hasHotJournal(file);
    if (hot && !writable(file))
        throw StorageError(fmt::format("{} holds an unfinished change from an interrupted command, and this user "
                                       "cannot write it to roll the change back — run any klynge command as a user "
                                       "who may write the workspace",
                                       file.filename().string()));
    try {
        // Read-write even for reading when the file allows it: only a
        // read-write connection can roll a hot journal back.
        int flags = mode == Mode::readOnly && !writable(file) ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
        // NOMUTEX: a connection is only ever used by the thread that opened
        // it (`klynge check`'s threads open their own), so SQLite need not
        // lock it on every call — a few percent of a bulk import.
        auto db = std::make_unique<SQLite::Database>(file.string(), flags | SQLite::OPEN_NOMUTEX);
        configure(*db);
        Store store(std::move(db), file);
        int version = store.schemaVersion(); // the first read: SQLite rolls a hot journal back here
        store.recovered_ = hot && !hasHotJournal(file);
        if (version > latestSchemaVersion())
            throw StorageError(fmt::format(
                "{} has schema version {}, but this klynge knows versions up to {} — it was "
                "written by a newer klynge; upgrade klynge to use it",
                file.filename().string(), version, latestSchemaVersion()));
        if (version < 1)
            throw StorageError(fmt::format("{} is not a klynge database (schema version 0) — check "
                                           "the path, or restore it from a dump",
                                           file.string()));
        if (version >= 7 && writable(file)) settlePendingChainAnchor(*store.db_, file);
        if (mode == Mode::readWrite && version < latestSchemaVersion()) store.migrate();
        return store;
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, fmt::format("opening {}", file.filename().string()));
    }
}

Store Store::create(const std::filesystem::path& file, int version) {
    try {
        auto db = std::make_unique<SQLite::Database>(
            file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
        configure(*db);
        // Rollback journal, not WAL: one consistent file after every command.
        db->exec("PRAGMA journal_mode = DELETE");
        Store store(std::move(db), file);
        // Not anchored yet: the first command that writes (init) does it.
        store.migrate(version == 0 ? latestSchemaVersion() : version, /*anchorHeads=*/false);
        return store;
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, fmt::format("creating {}", file.filename().string()));
    }
}

int Store::schemaVersion() { return db_->execAndGet("PRAGMA user_version").getInt(); }

void Store::migrate(int target, bool anchorHeads) {
    if (target == 0) target = latestSchemaVersion();
    for (const auto& m : migrations()) {
        if (m.version > target) break;
        if (m.version <= schemaVersion()) continue;
        // Each step in its own transaction that also sets user_version. The
        // write lock comes first and the version is read again under it: a
        // concurrent klynge may have just run this step.
        db_->exec("BEGIN IMMEDIATE");
        try {
            bool anchor = false;
            if (schemaVersion() < m.version) {
                db_->exec(std::string(m.sql));
                if (m.code) m.code(*db_);
                db_->exec(fmt::format("PRAGMA user_version = {}", m.version));
                // From schema 7 the chain's heads are anchored outside the
                // database; written by the one process holding the lock.
                anchor = anchorHeads && m.version >= 7;
                if (anchor) writePendingChainAnchor(*db_, file_);
            }
            db_->exec("COMMIT");
            if (anchor) finishChainAnchor(file_);
        } catch (...) {
            try {
                db_->exec("ROLLBACK");
            } catch (...) {
                // SQLite may have rolled back already (an I/O error).
            }
            throw;
        }
    }
}

std::map<std::string, std::string> schemaObjects(SQLite::Database& db) {
    std::map<std::string, std::string> out;
    SQLite::Statement q(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'");
    while (q.executeStep()) out[q.getColumn(0).getString() + " " + q.getColumn(1).getString()] = q.getColumn(2).getString();
    return out;
}

std::map<std::string, std::string> migratedSchema(int version) {
    SQLite::Database expected(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (const auto& m : migrations()) {
        if (m.version > version) break;
        expected.exec(std::string(m.sql));
        if (m.code) m.code(expected);
    }
    return schemaObjects(expected);
}

namespace {
const CompiledSchema* compiledSchema = nullptr;
} // namespace

void useCompiledSchema(const CompiledSchema* schema) { compiledSchema = schema; }
const CompiledSchema* compiledSchemaInUse() { return compiledSchema; }

std::vector<std::string> schemaDrift(SQLite::Database& db) {
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    std::map<std::string, std::string> want;
    if (compiledSchema && compiledSchema->version == version)
        for (const auto& o : compiledSchema->objects) want.emplace(o.name, o.sql);
    else
        want = migratedSchema(version);
    auto have = schemaObjects(db);
    std::vector<std::string> drift;
    for (const auto& [name, sql] : want) {
        auto it = have.find(name);
        if (it == have.end()) drift.push_back(name + " is missing");
        else if (it->second != sql) drift.push_back(name + " was altered");
    }
    for (const auto& [name, sql] : have)
        if (!want.count(name)) drift.push_back(name + " was added");
    return drift;
}

std::string currentUser() {
    if (const char* u = std::getenv("USER"); u && *u) return u;
    if (const passwd* pw = getpwuid(getuid())) return pw->pw_name;
    return std::to_string(getuid());
}

// The rows a command touched, as the update hook reported them.
struct WriteTransaction::Touched {
    std::vector<std::string> tables;
    std::vector<std::pair<std::uint32_t, std::int64_t>> rows; // (index in tables, rowid)
    std::uint32_t last = 0;
    KnownDigests* known = nullptr;

    static void hook(void* self, int op, const char* database, const char* table, sqlite3_int64 rowid) {
        auto& t = *static_cast<Touched*>(self);
        if (std::strcmp(database, "main") != 0) return; // private/cpr.db is not versioned
        // A row changed after a bulk writer digested it: its table's known
        // digests no longer say what is stored.
        if (op != SQLITE_INSERT && t.known && !t.known->empty() && t.known->has(table)) t.known->forget(table);
        if (t.tables.empty() || t.tables[t.last] != table) {
            auto it = std::find(t.tables.begin(), t.tables.end(), table);
            if (it == t.tables.end()) it = t.tables.insert(t.tables.end(), table);
            t.last = static_cast<std::uint32_t>(it - t.tables.begin());
        }
        t.rows.emplace_back(t.last, rowid);
    }
};

WriteTransaction::WriteTransaction(Store& store, std::string commandLine)
    : store_(store), commandLine_(std::move(commandLine)), touched_(std::make_unique<Touched>()) {
    try {
        store_.db().exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, "starting a write");
    }
    store_.knownDigests().clear();
    touched_->known = &store_.knownDigests();
    sqlite3_update_hook(store_.db().getHandle(), &Touched::hook, touched_.get());
    // Under the write lock the file on disk is the last commit's: if the
    // checkpoint names it, this write may carry the checkpoint along.
    if (auto cp = readChainCheckpoint(store_.file())) {
        if (databaseIdentity(store_.file()) == cp->file) carried_ = std::make_unique<ChainCheckpoint>(std::move(*cp));
    }
}

WriteTransaction::~WriteTransaction() {
    sqlite3_update_hook(store_.db().getHandle(), nullptr, nullptr);
    store_.knownDigests().clear();
    if (!done_) {
        try {
            store_.db().exec("ROLLBACK");
        } catch (...) {
            // The transaction may already be gone (SQLite rolled back on an
            // I/O error); nothing more can be done from a destructor.
        }
        std::error_code ec;
        std::filesystem::remove(pendingChainAnchorFile(store_.file()), ec);
    }
}

void WriteTransaction::touch(std::string_view table, std::int64_t id) {
    Touched::hook(touched_.get(), SQLITE_DELETE, "main", std::string(table).c_str(), id);
}

void WriteTransaction::commit(std::string_view summary) {
    try {
        SQLite::Statement audit(store_.db(), "INSERT INTO audit(id, at, os_user, command, summary) "
                                             "VALUES (klynge_id(), ?, ?, ?, ?)");
        audit.bind(1, utcNow());
        audit.bind(2, currentUser());
        audit.bind(3, commandLine_);
        audit.bind(4, std::string(summary));
        audit.exec();
        sqlite3_update_hook(store_.db().getHandle(), nullptr, nullptr);

        // Every touched record once, by table and id: a command's links are
        // one set, and this order needs no memory beyond the list.
        auto& rows = touched_->rows;
        const auto& names = touched_->tables;
        std::vector<std::uint32_t> byName(names.size());
        for (std::uint32_t i = 0; i < byName.size(); ++i) byName[i] = i;
        std::sort(byName.begin(), byName.end(), [&](auto a, auto b) { return names[a] < names[b]; });
        std::vector<std::uint32_t> rankOf(names.size());
        for (std::uint32_t r = 0; r < byName.size(); ++r) rankOf[byName[r]] = r;
        for (auto& row : rows) row.first = rankOf[row.first];
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        ChainLinker linker(store_.db(), ChainLinker::Writes::held);
        if (auto& known = store_.knownDigests(); !known.empty()) {
            known.verify(store_.db());
            linker.useKnownDigests(&known);
        }
        bool linked = false;
        for (const auto& [rank, rowid] : rows) {
            const auto& table = names[byName[rank]];
            if (!isChainedTable(table)) continue;
            linker.link(table, rowid, newRecordId());
            linked = true;
        }
        if (linked) {
            linker.finish();
            writePendingChainAnchor(store_.db(), store_.file());
        }
        store_.db().exec("COMMIT");
        done_ = true;
        // Killed before this rename, the next command finishes it
        // (settlePendingChainAnchor).
        if (linked) finishChainAnchor(store_.file());
        carryCheckpoint();
    } catch (const SQLite::Exception& e) {
        throwStorageError(e, "committing");
    }
}

// SQLite counts one change for the commit; anything more means another
// writer came in between, and the checkpoint is left behind (a full walk).
void WriteTransaction::carryCheckpoint() noexcept {
    if (!carried_) return;
    auto now = databaseIdentity(store_.file());
    if (!now || now->device != carried_->file.device || now->inode != carried_->file.inode) return;
    if (now->changeCounter != carried_->file.changeCounter + 1 && now->changeCounter != carried_->file.changeCounter)
        return;
    carried_->file.changeCounter = now->changeCounter;
    try {
        writeChainCheckpoint(store_.file(), *carried_);
    } catch (...) {
        // Not carried: the next check walks the whole chain.
        removeChainCheckpoint(store_.file());
    }
}

} // namespace klynge
