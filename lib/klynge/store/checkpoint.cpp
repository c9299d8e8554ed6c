// private/chain-checkpoint (checkpoint.hpp): a few lines of text,
//
//   klynge chain checkpoint 1
//   file DEVICE INODE COUNTER
//   link ID HASH LINKS-UP-TO-IT
//   verified 2026-12-03T06:01:02Z
//   head LINK HASH TABLE#ID        (one a head)
#include "klynge/store/checkpoint.hpp"
#include "klynge/store/temporary.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace klynge {

namespace {

constexpr std::string_view magic = "klynge chain checkpoint 1";

bool parseHex(std::string_view hex, Sha256& out) {
    if (hex.size() != 64) return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        unsigned v = 0;
        auto [end, ec] = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, v, 16);
        if (ec != std::errc{} || end != hex.data() + 2 * i + 2) return false;
        out[i] = static_cast<unsigned char>(v);
    }
    return true;
}

} // namespace

std::optional<DatabaseIdentity> databaseIdentity(const std::filesystem::path& database) {
    struct stat st {};
    if (::stat(database.c_str(), &st) != 0) return std::nullopt;
    std::ifstream in(database, std::ios::binary);
    char header[28];
    if (!in.read(header, sizeof header)) return std::nullopt;
    if (std::string_view(header, 16) != std::string_view("SQLite format 3\0", 16)) return std::nullopt;
    auto byte = [&](int i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(header[i])); };
    DatabaseIdentity id;
    id.device = static_cast<std::uint64_t>(st.st_dev);
    id.inode = static_cast<std::uint64_t>(st.st_ino);
    id.changeCounter = byte(24) << 24 | byte(25) << 16 | byte(26) << 8 | byte(27);
    return id;
}

std::filesystem::path chainCheckpointFile(const std::filesystem::path& database) {
    return database.parent_path() / "private" / "chain-checkpoint";
}

std::optional<ChainCheckpoint> readChainCheckpoint(const std::filesystem::path& database) {
    std::ifstream in(chainCheckpointFile(database));
    if (!in) return std::nullopt;
    std::string line;
    if (!std::getline(in, line) || line != magic) return std::nullopt;
    ChainCheckpoint cp;
    bool file = false, link = false;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string key;
        words >> key;
        if (key == "file") {
            file = static_cast<bool>(words >> cp.file.device >> cp.file.inode >> cp.file.changeCounter);
        } else if (key == "link") {
            std::string hash;
            link = static_cast<bool>(words >> cp.link >> hash >> cp.linksUpTo) && parseHex(hash, cp.linkHash);
        } else if (key == "verified") {
            words >> cp.verifiedAt;
        } else if (key == "head") {
            ChainHead h;
            std::string hash;
            if (!(words >> h.link >> hash >> h.record) || !parseHex(hash, h.hash)) return std::nullopt;
            cp.heads.push_back(std::move(h));
        } else {
            return std::nullopt;
        }
    }
    if (!file || !link || cp.heads.empty() || cp.link <= 0 || cp.linksUpTo <= 0) return std::nullopt;
    return cp;
}

void writeChainCheckpoint(const std::filesystem::path& database, const ChainCheckpoint& cp) {
    const auto target = chainCheckpointFile(database);
    std::error_code ec;
    if (std::filesystem::create_directories(target.parent_path(), ec))
        std::filesystem::permissions(target.parent_path(), std::filesystem::perms::owner_all, ec);
    std::string text = fmt::format("{}\nfile {} {} {}\nlink {} {} {}\nverified {}\n", magic, cp.file.device,
                                   cp.file.inode, cp.file.changeCounter, cp.link, toHex(cp.linkHash), cp.linksUpTo,
                                   cp.verifiedAt);
    for (const auto& h : cp.heads) text += fmt::format("head {} {} {}\n", h.link, toHex(h.hash), h.record);
    AtomicFile out(target, "private/chain-checkpoint", AtomicFile::privateMode);
    out.stream() << text;
    out.commit();
}

void removeChainCheckpoint(const std::filesystem::path& database) {
    std::error_code ec;
    std::filesystem::remove(chainCheckpointFile(database), ec);
}

std::int64_t checkpointFromLinks() {
    if (const char* v = std::getenv("KLYNGE_CHECKPOINT_FROM"); v && *v) {
        std::int64_t n = 0;
        auto [end, ec] = std::from_chars(v, v + std::char_traits<char>::length(v), n);
        if (ec == std::errc{} && *end == '\0' && n > 0) return n;
    }
    return 100'000;
}

} // namespace klynge
