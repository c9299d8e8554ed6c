#include "klynge/money/claim.hpp"

#include "klynge/text/collate.hpp"
#include "klynge/text/csv.hpp"
#include "klynge/text/error.hpp"
#include "klynge/money/ledger_store.hpp"
#include "klynge/store/temporary.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <variant>

namespace klynge {
namespace {

namespace fs = std::filesystem;

void writeText(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush())
        throw StorageError(fmt::format("cannot write {} — check the disk and permissions", file.string()));
}

// A cell of the pack's CSV: an amount, or a text.
using ClaimCell = std::variant<std::string, Money>;

// Danish Excel: BOM, ';', CRLF, decimal comma. The secretariat opens the
// files in Excel, so a text must not run as a formula (OWASP's CSV injection
// rule, as `--csv-dialect excel-da` tables do in cmd/output.cpp); amounts are
// typed, not text, and written as they are.
std::string excelCsv(const std::vector<std::vector<ClaimCell>>& rows) {
    std::string out = "\xEF\xBB\xBF";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            const auto* amount = std::get_if<Money>(&row[i]);
            out += (i ? ";" : "") +
                   csvField(amount ? amount->plainComma() : formulaSafe(std::get<std::string>(row[i])), ';');
        }
        out += "\r\n";
    }
    return out;
}

} // namespace

fs::path claimFolder(const ClaimPack& pack) {
    return fs::path("documents") / "meetings" / pack.folder / "afregning";
}

ClaimPack claimPack(Store& store, std::int64_t meetingId) {
    ClaimPack pack;
    pack.meetingId = meetingId;
    {
        auto q = store.prepared("SELECT title, starts_at, place, folder, number FROM meeting WHERE id = ?");
        q.bind(1, meetingId);
        if (!q.executeStep())
            throw StorageError(fmt::format("meeting record #{} is missing — run `klynge check`", meetingId));
        pack.title = q.getColumn(0).getString();
        pack.startsAt = q.getColumn(1).getString();
        pack.place = q.getColumn(2).getString();
        pack.folder = q.getColumn(3).getString();
        pack.meetingNumber = q.getColumn(4).getInt64();
        // The folder is a single name under documents/meetings/, never a path.
        if (pack.folder.empty() || pack.folder.find('/') != std::string::npos || pack.folder.starts_with("."))
            pack.folder = std::to_string(pack.meetingNumber);
    }
    LedgerFilter f;
    f.meetingId = meetingId;
    f.kind = EntryKind::expense;
    for (auto& e : listEntries(store, f)) {
        if (e.status == EntryStatus::rejected || e.status == EntryStatus::reversed || e.status == EntryStatus::reversal)
            continue;
        pack.total += e.amount;
        auto receipts = entryReceipts(store, e.id);
        if (receipts.empty())
            pack.warnings.push_back(fmt::format("{} ({}) has no receipt — PLO pays against the original receipts; "
                                                "attach it with `klynge ledger attach {} FILE`",
                                                e.voucher, e.text, e.voucher));
        pack.receipts.push_back(std::move(receipts));
        pack.expenses.push_back(std::move(e));
    }
    if (pack.expenses.empty())
        throw RuleViolation(fmt::format("meeting #{} ({}) has no expenses to claim — record them with `klynge ledger "
                                        "add ... --meeting {}`",
                                        pack.meetingNumber, pack.title, pack.meetingNumber));
    auto q = store.prepared("SELECT coalesce(m.name, i.guest_name, i.guest_email, '(glemt)'), coalesce(p.ydernummer, ''), "
                            "coalesce(p.name, ''), i.member_id IS NULL FROM meeting_invitee i "
                            "LEFT JOIN member m ON m.id = i.member_id LEFT JOIN practice p ON p.id = m.practice_id "
                            "WHERE i.meeting_id = ? AND i.attended = 1");
    q.bind(1, meetingId);
    while (q.executeStep())
        pack.participants.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                                     q.getColumn(2).getString(), q.getColumn(3).getInt() != 0});
    std::sort(pack.participants.begin(), pack.participants.end(),
              [](const auto& a, const auto& b) { return danishLess(a.name, b.name); });
    if (pack.participants.empty())
        pack.warnings.push_back(fmt::format("no attendance is recorded for meeting #{} — PLO asks for the participant "
                                            "list; record it with `klynge meeting attend {} PERSON...`",
                                            pack.meetingNumber, pack.meetingNumber));
    return pack;
}

ClaimFiles writeClaimPack(const WorkspacePaths& paths, const ClaimPack& pack, FinanceModel model) {
    // Every receipt must be there and be the file that was recorded.
    for (std::size_t i = 0; i < pack.expenses.size(); ++i)
        for (const auto& r : pack.receipts[i])
            if (verifyReceipt(paths, r.sha256, r.extension) != ReceiptState::ok)
                throw RuleViolation(fmt::format("the receipt {} of {} is missing or changed in receipts/ — restore it "
                                                "from git (`klynge check` lists every receipt)",
                                                r.path(), pack.expenses[i].voucher));
    ClaimFiles result;
    result.dir = paths.root / claimFolder(pack);
    std::error_code ec;
    fs::create_directories(result.dir.parent_path(), ec);
    // Built in a locked temporary folder beside it, removed on any failure.
    TemporaryPath stagingFolder(temporaryNameFor(result.dir), TemporaryPath::Kind::folder,
                                claimFolder(pack).string());
    const fs::path& staging = stagingFolder.path();
    try {
        fs::create_directories(staging / "bilag");
        std::vector<std::vector<ClaimCell>> lines{
            {"Bilag", "Dato", "Kategori", "Tekst", "Modtager", "Beløb", "Status", "Kvitteringer"}};
        for (std::size_t i = 0; i < pack.expenses.size(); ++i) {
            const auto& e = pack.expenses[i];
            std::vector<std::string> names;
            int n = 0;
            for (const auto& r : pack.receipts[i]) {
                ++n;
                auto name = pack.receipts[i].size() == 1 ? fmt::format("{}.{}", e.voucher, r.extension)
                                                         : fmt::format("{}-{}.{}", e.voucher, n, r.extension);
                fs::copy_file(paths.root / r.path(), staging / "bilag" / name);
                names.push_back("bilag/" + name);
                result.files.push_back("bilag/" + name);
            }
            lines.push_back({e.voucher, e.date.iso(), e.category, e.text, e.payee, e.amount,
                             statusText(e.status, model), fmt::format("{}", fmt::join(names, " "))});
        }
        lines.push_back({"I alt", "", "", "", "", pack.total, "", ""});
        writeText(staging / "udgifter.csv", excelCsv(lines));
        std::vector<std::vector<ClaimCell>> people{{"Navn", "Ydernummer", "Praksis", "Deltog som"}};
        for (const auto& p : pack.participants)
            people.push_back({p.name, p.ydernummer, p.practice, p.guest ? "gæst" : "medlem"});
        writeText(staging / "deltagere.csv", excelCsv(people));
        result.files.insert(result.files.begin(), {"udgifter.csv", "deltagere.csv"});
        // Replace an earlier pack: the old one goes aside until the new is in place.
        fs::path old = result.dir;
        old += ".klynge-old";
        fs::remove_all(old, ec);
        if (fs::exists(result.dir)) fs::rename(result.dir, old);
        fs::rename(staging, result.dir);
        stagingFolder.release();
        fs::remove_all(old, ec);
    } catch (const fs::filesystem_error& e) {
        throw StorageError(fmt::format("cannot write the claim pack in {}: {} — check the disk and permissions",
                                       result.dir.parent_path().string(), e.code().message()));
    }
    return result;
}

} // namespace klynge
