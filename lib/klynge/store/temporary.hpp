// Files and folders written under a temporary name and renamed into place
// (STYLE.md "Errors": a reader never sees half a file, a failure leaves no
// file), and the sweep of temporaries an interrupted klynge left behind.
//
// Every temporary klynge makes has ".klynge-tmp" in its name (see
// isKlyngeTemporary) and is locked with flock(2) while it is being written,
// so that a sweep in another klynge never removes one that is in use: the
// kernel drops the lock when its process dies, even by kill -9.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

namespace fs = std::filesystem;

// A name beside `target` for its temporary: "<name>.<random>.klynge-tmp".
fs::path temporaryNameFor(const fs::path& target);

// A file written through a temporary beside `target`. Create it, write to
// stream(), then commit(): the temporary is renamed over the target. If
// commit() is not reached — an exception, a write error, a failed rename —
// the destructor removes the temporary. `shownName` is what error messages
// call the target (the path as the user typed it, never the temporary).
// The file is created with `mode` (before the umask) from the start, so a
// file with full CPR numbers is never readable by others, not even briefly.
class AtomicFile {
public:
    AtomicFile(fs::path target, std::string shownName, fs::perms mode = defaultMode);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return out_; }
    // Flushes, syncs and renames; throws StorageError naming shownName.
    void commit();

    static constexpr fs::perms defaultMode = fs::perms::owner_read | fs::perms::owner_write |
                                             fs::perms::group_read | fs::perms::group_write |
                                             fs::perms::others_read | fs::perms::others_write;
    static constexpr fs::perms privateMode = fs::perms::owner_read | fs::perms::owner_write;

private:
    fs::path target_, temporary_;
    std::string shownName_;
    int lockFd_ = -1;
    std::ofstream out_;
    bool committed_ = false;
};

// A temporary path that something else fills (a SQLite database, a folder):
// reserved and locked on construction, removed (recursively) on destruction
// unless release()d after it was renamed into place.
class TemporaryPath {
public:
    enum class Kind { file, folder };
    // `shownName` is what an error calls it (the file it becomes).
    TemporaryPath(fs::path temporary, Kind kind, std::string shownName);
    ~TemporaryPath();
    TemporaryPath(const TemporaryPath&) = delete;
    TemporaryPath& operator=(const TemporaryPath&) = delete;

    const fs::path& path() const { return path_; }
    // The temporary was renamed into place: keep it, drop the lock.
    void release();

private:
    fs::path path_;
    int lockFd_ = -1;
    bool released_ = false;
};

// Whether a file or folder name is one klynge gives its temporaries:
// "*.klynge-tmp", "*.klynge-tmp-journal" (SQLite's journal beside a
// temporary database), ".NAME.klynge-tmp-XXXX" (init's staging folder before
// issue 11) and "*.klynge-old" (a claim pack set aside while replaced).
bool isKlyngeTemporary(std::string_view filename);

struct Temporaries {
    std::vector<std::string> stale;   // relative to the workspace; no klynge uses them
    std::vector<std::string> inUse;   // locked by a running klynge, or younger than a minute
};

// Finds klynge's temporaries in the workspace (not in .git/) and, for a
// workspace at `root`, init's staging folders beside it.
Temporaries findTemporaries(const fs::path& root);
// Removes the stale ones; returns what was removed (relative names).
std::vector<std::string> sweepTemporaries(const fs::path& root);

} // namespace klynge
