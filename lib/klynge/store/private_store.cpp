#include "klynge/store/private_store.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace klynge {
namespace {

constexpr std::string_view privateSchema = R"sql(
CREATE TABLE IF NOT EXISTS private.payee_cpr (
    payee_id     INTEGER PRIMARY KEY,
    cpr          TEXT NOT NULL CHECK (length(cpr) = 11),
    recorded_on  TEXT NOT NULL
);
)sql";

} // namespace

fs::path privateDatabase(const WorkspacePaths& paths) { return paths.privateDir() / "cpr.db"; }

bool hasPrivateDir(const WorkspacePaths& paths) {
    std::error_code ec;
    return fs::is_directory(paths.privateDir(), ec);
}

PrivateAttachment::PrivateAttachment(Store& store, const WorkspacePaths& paths, std::string_view needFor)
    : store_(store), file_(privateDatabase(paths)) {
    if (!hasPrivateDir(paths))
        throw ConfigError(fmt::format("this workspace has no private/ directory, which {} needs (CPR numbers live "
                                      "only there, never in git) — copy private/ from the treasurer's machine, or "
                                      "create it with `mkdir -m 700 private`",
                                      needFor));
    std::error_code ec;
    if (!fs::exists(file_, ec)) {
        // Created 0600 before SQLite sees it; SQLite gives its journal the same mode.
        int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR);
        if (fd < 0)
            throw StorageError(fmt::format("cannot create {} — check the permissions of private/", "private/cpr.db"));
        ::close(fd);
        created_ = true;
    }
    try {
        SQLite::Statement attach(store_.db(), "ATTACH DATABASE ? AS private");
        attach.bind(1, file_.string());
        attach.exec();
    } catch (const SQLite::Exception& e) {
        if (created_) fs::remove(file_, ec);
        throwStorageError(e, "opening private/cpr.db");
    }
}

std::unique_ptr<PrivateAttachment> PrivateAttachment::ifPresent(Store& store, const WorkspacePaths& paths,
                                                                std::string_view needFor) {
    std::error_code ec;
    if (!fs::is_regular_file(privateDatabase(paths), ec)) return nullptr;
    return std::make_unique<PrivateAttachment>(store, paths, needFor);
}

PrivateAttachment::~PrivateAttachment() {
    try {
        store_.db().exec("DETACH DATABASE private");
    } catch (...) {
        // Still inside a transaction that is being unwound: the file closes
        // with the connection.
    }
    if (created_ && !keep_) {
        std::error_code ec;
        fs::remove(file_, ec);
        fs::remove(fs::path(file_.string() + "-journal"), ec);
    }
}

bool privateAttached(Store& store) {
    SQLite::Statement q(store.db(), "SELECT 1 FROM pragma_database_list WHERE name = 'private'");
    return q.executeStep();
}

void storeCpr(Store& store, std::int64_t payeeId, const Cpr& cpr, Date today) {
    store.db().exec(std::string(privateSchema));
    SQLite::Statement q(store.db(), "SELECT cpr FROM private.payee_cpr WHERE payee_id = ?");
    q.bind(1, payeeId);
    if (q.executeStep()) {
        if (q.getColumn(0).getString() == cpr.str()) return;
        throw RuleViolation(fmt::format("payee #{} already has a different CPR on file ({}) — check the number; "
                                        "CPR numbers are not changed by klynge",
                                        payeeId, Cpr::parse(q.getColumn(0).getString()).masked()));
    }
    SQLite::Statement ins(store.db(), "INSERT INTO private.payee_cpr(payee_id, cpr, recorded_on) VALUES (?, ?, ?)");
    ins.bind(1, payeeId);
    ins.bind(2, cpr.str());
    ins.bind(3, today.iso());
    ins.exec();
}

void deleteCpr(Store& store, std::int64_t payeeId) {
    store.db().exec(std::string(privateSchema));
    SQLite::Statement q(store.db(), "DELETE FROM private.payee_cpr WHERE payee_id = ?");
    q.bind(1, payeeId);
    q.exec();
}

std::optional<std::map<std::int64_t, Cpr>> readCprs(const WorkspacePaths& paths) {
    if (!hasPrivateDir(paths)) return std::nullopt;
    std::map<std::int64_t, Cpr> out;
    std::error_code ec;
    auto file = privateDatabase(paths);
    if (!fs::exists(file, ec)) return out; // nothing recorded yet
    try {
        SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
        SQLite::Statement t(db, "SELECT 1 FROM sqlite_schema WHERE name = 'payee_cpr'");
        if (!t.executeStep()) return out;
        SQLite::Statement q(db, "SELECT payee_id, cpr FROM payee_cpr");
        while (q.executeStep()) out.emplace(q.getColumn(0).getInt64(), Cpr::parse(q.getColumn(1).getString()));
    } catch (const SQLite::Exception& e) {
        throw StorageError(fmt::format("private/cpr.db cannot be read ({}) — restore it from the treasurer's backup",
                                       e.getErrorStr()));
    }
    return out;
}

} // namespace klynge
