#include "klynge/store/temporary.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <random>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace klynge {
namespace {

// A temporary younger than this may belong to a klynge that has created it
// but not yet locked it (two system calls apart); it is left alone.
constexpr auto staleAfter = std::chrono::minutes(1);

std::string randomTag() {
    static std::mt19937_64 rng(std::random_device{}());
    return fmt::format("{:08x}", static_cast<std::uint32_t>(rng()));
}

// Errors while creating a file: a full disk is a storage failure (exit 4);
// a folder one may not write in is the user's to fix (exit 2).
[[noreturn]] void throwCannotCreate(const std::string& shownName, const fs::path& folder, int error) {
    if (error == ENOSPC || error == EDQUOT || error == EIO)
        throw StorageError(fmt::format("cannot write {}: {} — free some space and try again", shownName,
                                       std::strerror(error)));
    throw InvalidValue(fmt::format("cannot write {}: {} in {} — choose another place, or check the folder's "
                                   "permissions",
                                   shownName, std::strerror(error), folder.empty() ? "." : folder.string()));
}

bool lockedByAnother(const fs::path& p, bool folder) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
    if (fd < 0) return false; // gone, or unreadable: nothing holds it that we can tell
    bool busy = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);
    return busy;
}

bool recent(const fs::path& p) {
    std::error_code ec;
    auto written = fs::last_write_time(p, ec);
    return !ec && fs::file_time_type::clock::now() - written < staleAfter;
}

void classify(const fs::path& p, bool folder, const std::string& shownName, Temporaries& out) {
    if (recent(p) || lockedByAnother(p, folder)) out.inUse.push_back(shownName);
    else out.stale.push_back(shownName);
}

} // namespace

fs::path temporaryNameFor(const fs::path& target) {
    fs::path t = target;
    t += "." + randomTag() + ".klynge-tmp";
    return t;
}

AtomicFile::AtomicFile(fs::path target, std::string shownName, fs::perms mode)
    : target_(std::move(target)), shownName_(std::move(shownName)) {
    for (int attempt = 0; lockFd_ < 0; ++attempt) {
        temporary_ = temporaryNameFor(target_);
        lockFd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
        if (lockFd_ < 0 && (errno != EEXIST || attempt == 8)) throwCannotCreate(shownName_, target_.parent_path(), errno);
    }
    ::flock(lockFd_, LOCK_EX);
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_) {
        int error = errno;
        ::unlink(temporary_.c_str());
        ::close(lockFd_);
        throwCannotCreate(shownName_, target_.parent_path(), error);
    }
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        out_.close();
        ::unlink(temporary_.c_str());
    }
    if (lockFd_ >= 0) ::close(lockFd_);
}

void AtomicFile::commit() {
    out_.flush();
    const bool written = static_cast<bool>(out_);
    out_.close();
    if (!written || out_.fail() || ::fsync(lockFd_) != 0)
        throw StorageError(fmt::format("cannot write {} — the disk may be full; nothing was written", shownName_));
    std::error_code ec;
    fs::rename(temporary_, target_, ec);
    if (ec)
        throw StorageError(fmt::format("cannot write {}: {} — check the folder's permissions; nothing was written",
                                       shownName_, ec.message()));
    committed_ = true;
}

TemporaryPath::TemporaryPath(fs::path temporary, Kind kind, std::string shownName) : path_(std::move(temporary)) {
    if (kind == Kind::folder) {
        if (::mkdir(path_.c_str(), 0777) != 0) throwCannotCreate(shownName, path_.parent_path(), errno);
        lockFd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } else {
        lockFd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (lockFd_ < 0) throwCannotCreate(shownName, path_.parent_path(), errno);
    }
    if (lockFd_ >= 0) ::flock(lockFd_, LOCK_EX);
}

TemporaryPath::~TemporaryPath() {
    if (!released_) {
        std::error_code ec;
        fs::remove_all(path_, ec);
        fs::path journal = path_;
        journal += "-journal";
        fs::remove(journal, ec);
    }
    if (lockFd_ >= 0) ::close(lockFd_);
}

void TemporaryPath::release() { released_ = true; }

bool isKlyngeTemporary(std::string_view filename) {
    return filename.find(".klynge-tmp") != std::string_view::npos || filename.ends_with(".klynge-old");
}

namespace {

// What an entry of an open folder is, without following a symbolic link;
// most file systems say so in the entry itself (d_type).
enum class EntryType { folder, link, other };
EntryType typeOf(int folder, const dirent& entry) {
    if (entry.d_type == DT_DIR) return EntryType::folder;
    if (entry.d_type == DT_LNK) return EntryType::link;
    if (entry.d_type != DT_UNKNOWN) return EntryType::other;
    struct stat st {};
    if (::fstatat(folder, entry.d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) return EntryType::other;
    if (S_ISDIR(st.st_mode)) return EntryType::folder;
    return S_ISLNK(st.st_mode) ? EntryType::link : EntryType::other;
}

// The entries of an open folder, in the order readdir(3) gives them; the
// folder is closed when the walk leaves it (closedir also closes its fd).
struct OpenFolder {
    DIR* dir = nullptr;
    explicit OpenFolder(int fd) : dir(fd >= 0 ? ::fdopendir(fd) : nullptr) {
        if (fd >= 0 && !dir) ::close(fd);
    }
    ~OpenFolder() {
        if (dir) ::closedir(dir);
    }
    OpenFolder(const OpenFolder&) = delete;
    OpenFolder& operator=(const OpenFolder&) = delete;
};

// Walks the folder `fd` (named `relative` inside the workspace `root`),
// depth first. Every command that writes, and `check` and `status`, walk
// the workspace, so the walk compares names as readdir gives them and
// makes a path only for a temporary: a std::filesystem walk built a path
// for every entry, a third of `status`.
void findIn(int fd, const fs::path& root, const std::string& relative, Temporaries& out) {
    OpenFolder folder(fd);
    if (!folder.dir) return; // unreadable: skipped, as before (skip_permission_denied)
    const int at = ::dirfd(folder.dir);
    while (const dirent* entry = ::readdir(folder.dir)) {
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..") continue;
        const EntryType type = typeOf(at, *entry);
        if (type == EntryType::folder && name == ".git" && relative.empty()) continue; // git's business
        if (type == EntryType::link) continue; // never followed; a link is the user's
        std::string path = relative.empty() ? std::string(name) : relative + '/' + std::string(name);
        if (isKlyngeTemporary(name)) {
            classify(root / path, type == EntryType::folder, path, out);
        } else if (type == EntryType::folder) {
            findIn(::openat(at, entry->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), root, path, out);
        }
    }
}

} // namespace

Temporaries findTemporaries(const fs::path& root) {
    Temporaries out;
    findIn(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC), root, "", out);
    // init builds a workspace in ".NAME.<random>.klynge-tmp" beside it.
    const std::string staging = "." + root.filename().string() + ".";
    const fs::path parent = root.parent_path().empty() ? fs::path(".") : root.parent_path();
    OpenFolder beside(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!beside.dir) return out;
    while (const dirent* entry = ::readdir(beside.dir)) {
        const std::string_view name = entry->d_name;
        if (name.starts_with(staging) && isKlyngeTemporary(name) &&
            typeOf(::dirfd(beside.dir), *entry) == EntryType::folder)
            classify(parent / name, true, "../" + std::string(name), out);
    }
    return out;
}

std::vector<std::string> sweepTemporaries(const fs::path& root) {
    std::vector<std::string> removed;
    for (const auto& name : findTemporaries(root).stale) {
        std::error_code ec;
        fs::remove_all((root / name).lexically_normal(), ec);
        if (!ec) removed.push_back(name);
    }
    return removed;
}

} // namespace klynge
