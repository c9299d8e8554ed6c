#include "klynge/store/receipts.hpp"

#include "klynge/store/chain.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <fstream>
#include <memory>

namespace klynge {
namespace {

namespace fs = std::filesystem;

// A scanned receipt is a few MB; a film is not a receipt.
constexpr std::int64_t maxReceiptBytes = 100LL * 1024 * 1024;

std::string extensionOf(const fs::path& file) {
    std::string ext = file.extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    std::string out;
    for (char c : ext) {
        if (!std::isalnum(static_cast<unsigned char>(c))) return "bin";
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out.empty() || out.size() > 10 ? "bin" : out;
}

} // namespace

std::optional<std::string> sha256File(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    Sha256Hasher md;
    md.begin();
    std::array<char, 65536> buf{};
    while (in) {
        in.read(buf.data(), buf.size());
        if (in.gcount() > 0) md.add(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return std::nullopt;
    auto digest = md.end();
    return toHex(digest);
}

StagedReceipt readReceipt(const fs::path& file) {
    std::error_code ec;
    if (fs::is_directory(file, ec))
        throw InvalidValue(fmt::format("--receipt {}: that is a folder — give the receipt file inside it",
                                       file.string()));
    if (!fs::is_regular_file(file, ec))
        throw InvalidValue(fmt::format("--receipt {}: no such file — give the path of the scanned receipt or invoice",
                                       file.string()));
    auto size = static_cast<std::int64_t>(fs::file_size(file, ec));
    if (ec) throw InvalidValue(fmt::format("--receipt {}: cannot read it — check its permissions", file.string()));
    if (size == 0) throw InvalidValue(fmt::format("--receipt {}: the file is empty — give the scanned receipt", file.string()));
    if (size > maxReceiptBytes)
        throw InvalidValue(fmt::format("--receipt {}: {} MB is too large for a receipt — scan it at a lower "
                                       "resolution (at most 100 MB)",
                                       file.string(), size / (1024 * 1024)));
    auto sha = sha256File(file);
    if (!sha) throw InvalidValue(fmt::format("--receipt {}: cannot read it — check its permissions", file.string()));
    return {file, *sha, extensionOf(file), file.filename().string(), size};
}

std::string receiptRelativePath(const std::string& sha256, const std::string& extension) {
    return fmt::format("receipts/{}.{}", sha256, extension);
}

ReceiptState verifyReceipt(const WorkspacePaths& paths, const std::string& sha256, const std::string& extension) {
    auto file = paths.root / receiptRelativePath(sha256, extension);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return ReceiptState::missing;
    auto actual = sha256File(file);
    return actual && *actual == sha256 ? ReceiptState::ok : ReceiptState::changed;
}

ReceiptCopies::~ReceiptCopies() = default; // each pending temporary removes itself

void ReceiptCopies::prepare(const StagedReceipt& receipt) {
    fs::path final = paths_.root / receiptRelativePath(receipt.sha256, receipt.extension);
    std::error_code ec;
    if (fs::exists(final, ec)) return; // content-addressed: never overwritten
    for (auto& p : pending_)
        if (p.final == final) return;
    if (!fs::is_directory(paths_.receipts(), ec)) fs::create_directories(paths_.receipts(), ec);
    pending_.push_back({std::make_unique<TemporaryPath>(temporaryNameFor(final), TemporaryPath::Kind::file,
                                                        receiptRelativePath(receipt.sha256, receipt.extension)),
                        final});
    const fs::path& temporary = pending_.back().temporary->path();
    fs::copy_file(receipt.source, temporary, fs::copy_options::overwrite_existing, ec);
    if (ec)
        throw StorageError(fmt::format("cannot copy {} into receipts/: {} — check the disk and permissions",
                                       receipt.source.string(), ec.message()));
    // The copy must be the file that was hashed (it may have changed since).
    if (sha256File(temporary) != receipt.sha256)
        throw InvalidValue(fmt::format("--receipt {}: the file changed while klynge read it — try again",
                                       receipt.source.string()));
}

void ReceiptCopies::commit() {
    for (auto& p : pending_) {
        std::error_code ec;
        fs::rename(p.temporary->path(), p.final, ec);
        if (!ec) p.temporary->release();
        if (ec)
            throw StorageError(fmt::format("the entry was recorded, but {} could not be moved into receipts/ ({}) — "
                                           "attach it again with `klynge ledger attach`",
                                           p.final.filename().string(), ec.message()));
    }
    pending_.clear();
}

} // namespace klynge
