// The private store (DESIGN.md, "Private data stays private"; DOMAIN.md,
// "Personal data"): CPR numbers of payees live only in private/cpr.db, an
// SQLite file of mode 0600 in the git-ignored private/ directory. klynge.db
// names the payee by id; the number itself never enters klynge.db, a dump,
// the audit log, a document or an error message.
//
// Writing: attach the file to the open store before the command's
// transaction (PrivateAttachment), so the CPR and the records that need it
// commit together — or not at all. Reading: readCprs opens it on its own.
#pragma once

#include "klynge/text/ids.hpp"
#include "klynge/store/store.hpp"
#include "klynge/store/workspace.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

namespace klynge {

// private/cpr.db
fs::path privateDatabase(const WorkspacePaths& paths);
bool hasPrivateDir(const WorkspacePaths& paths);

// Attaches private/cpr.db as schema "private" for one writing command.
// Throws ConfigError when private/ is missing (a clone without it). A file
// it had to create is removed again unless keep() is called after the
// transaction committed, so a refused command leaves the workspace as it was.
class PrivateAttachment {
public:
    PrivateAttachment(Store& store, const WorkspacePaths& paths, std::string_view needFor);
    // Attaches private/cpr.db only if it exists (for commands that read or
    // delete a CPR but never add one); nullptr otherwise.
    static std::unique_ptr<PrivateAttachment> ifPresent(Store& store, const WorkspacePaths& paths,
                                                        std::string_view needFor);
    ~PrivateAttachment();
    PrivateAttachment(const PrivateAttachment&) = delete;
    PrivateAttachment& operator=(const PrivateAttachment&) = delete;
    void keep() { keep_ = true; }

private:
    Store& store_;
    fs::path file_;
    bool created_ = false;
    bool keep_ = false;
};

// In the caller's transaction, with the store attached: records the CPR of
// a payee. The same number again changes nothing; a different one is refused.
void storeCpr(Store& store, std::int64_t payeeId, const Cpr& cpr, Date today);
// Deletes a payee's CPR (when the retention period has ended).
void deleteCpr(Store& store, std::int64_t payeeId);
// Whether the store has the private schema attached.
bool privateAttached(Store& store);

// Every CPR on file by payee id; nullopt when private/ (or its file) is
// missing, so callers can say so. Opens private/cpr.db read-only.
std::optional<std::map<std::int64_t, Cpr>> readCprs(const WorkspacePaths& paths);

} // namespace klynge
