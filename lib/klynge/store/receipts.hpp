// Receipts (bilag): copied into receipts/ under their SHA-256, so a file is
// never overwritten and its name proves its content (DESIGN.md, "The
// workspace"). Files are written to a temporary name and renamed only after
// the transaction commits (STYLE.md, "Errors").
#pragma once

#include "klynge/store/temporary.hpp"
#include "klynge/store/workspace.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace klynge {

struct StagedReceipt {
    std::filesystem::path source;
    std::string sha256;
    std::string extension; // lower-case, "pdf"; "bin" when the name has none
    std::string fileName;  // the source's file name, for people
    std::int64_t bytes = 0;
};

// Reads and hashes a receipt file given on the command line. Throws
// InvalidValue for a missing, unreadable, empty or too large file.
StagedReceipt readReceipt(const std::filesystem::path& file);

// Streaming SHA-256 of a file; nullopt if it cannot be read.
std::optional<std::string> sha256File(const std::filesystem::path& file);

// receipts/<sha256>.<extension>, relative to the workspace.
std::string receiptRelativePath(const std::string& sha256, const std::string& extension);

enum class ReceiptState { ok, missing, changed };
ReceiptState verifyReceipt(const WorkspacePaths& paths, const std::string& sha256, const std::string& extension);

// The copies for one command: prepare() writes each new receipt beside its
// final name (receipts/<sha>.<ext>.<random>.klynge-tmp, locked) while the transaction is
// open; commit() renames them into place once it has committed. Destroyed
// without commit(), it removes the temporary files: a refused command
// leaves receipts/ as it was. A receipt already present is left untouched.
class ReceiptCopies {
public:
    explicit ReceiptCopies(const WorkspacePaths& paths) : paths_(paths) {}
    ReceiptCopies(const ReceiptCopies&) = delete;
    ReceiptCopies& operator=(const ReceiptCopies&) = delete;
    ~ReceiptCopies();

    void prepare(const StagedReceipt& receipt);
    void commit();

private:
    struct Pending {
        std::unique_ptr<TemporaryPath> temporary; // removed unless renamed
        std::filesystem::path final;
    };
    const WorkspacePaths& paths_;
    std::vector<Pending> pending_;
};

} // namespace klynge
