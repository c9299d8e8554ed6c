// The claim pack PLO's cluster secretariat asks for after every meeting: the
// expense lines, the receipts and the participant list from the meeting's
// attendance [002; KiAP's public pages]. Written to the meeting's folder,
// documents/meetings/<folder>/afregning/, for the coordinator to send.
#pragma once

#include "klynge/money/ledger.hpp"
#include "klynge/store/workspace.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace klynge {

struct ClaimParticipant {
    std::string name;
    std::string ydernummer; // empty for a guest
    std::string practice;
    bool guest = false;
};

struct ClaimPack {
    std::int64_t meetingId = 0;
    std::int64_t meetingNumber = 0;
    std::string title;
    std::string startsAt; // "YYYY-MM-DD HH:MM"
    std::string place;
    std::string folder; // the meeting's folder under documents/meetings/
    std::vector<LedgerEntry> expenses; // the meeting's expenses, not rejected or reversed
    std::vector<std::vector<LedgerReceipt>> receipts; // per expense
    std::vector<ClaimParticipant> participants;        // attended, in Danish name order
    Money total;
    std::vector<std::string> warnings;
};

// Refuses an unknown meeting and a meeting without expenses.
ClaimPack claimPack(Store& store, std::int64_t meetingId);

struct ClaimFiles {
    std::filesystem::path dir;
    std::vector<std::string> files; // relative to dir
};

// The folder relative to the workspace: documents/meetings/<folder>/afregning.
std::filesystem::path claimFolder(const ClaimPack& pack);

// Builds the folder beside its final place and renames it in (an earlier
// pack for the meeting is replaced). Refuses when a receipt file is missing
// or changed. CSV files are in Danish Excel's dialect (';', decimal comma,
// UTF-8 with BOM), as the secretariat opens them, and a text cell that
// starts with a formula trigger gets a leading apostrophe (formulaSafe).
ClaimFiles writeClaimPack(const WorkspacePaths& paths, const ClaimPack& pack, FinanceModel model);

} // namespace klynge
