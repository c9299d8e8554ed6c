// The klyngekoordinator's annual report (beretning) to the ordinary general
// assembly [000 §5: the agenda's "Beretning fra klyngekoordinatoren"]: a
// draft from the records of the year before the meeting — the meetings held
// and their themes, the members who joined and left, the decisions, and the
// money in one paragraph — for the coordinator to edit. Written to the
// meeting's folder as beretning.md; a draft the coordinator has edited is
// never replaced without being asked to (draftState).
#pragma once

#include "klynge/reports/annual.hpp"

#include <filesystem>
#include <string>

namespace klynge {

struct BeretningDraft {
    Meeting meeting;     // the ordinary general assembly
    AnnualReport year;   // the year before the meeting
    std::string coordinator; // the klyngekoordinator on the meeting's day, or none
};
// Refuses (RuleViolation) a meeting that is not an ordinary general
// assembly, and a cancelled one.
BeretningDraft beretningDraft(Store& store, const Config& config, std::int64_t meetingId);
// From templates/beretning.md.mustache.
std::string renderBeretning(const BeretningDraft& draft, const std::string& templateText);

// Whether a draft on disk may be replaced. klynge keeps the SHA-256 of what
// it last wrote in a fingerprint file beside it: `unedited` when the file
// still has that content, `edited` when it differs or the fingerprint is
// missing (a file klynge did not write).
enum class DraftState { absent, unedited, edited };
DraftState draftState(const std::filesystem::path& file, const std::filesystem::path& fingerprint);
// The fingerprint file's content for a text: its SHA-256 in hex and a newline.
std::string draftFingerprint(const std::string& text);
// Where the fingerprint of documents/meetings/<folder>/beretning.md is kept.
std::filesystem::path beretningFingerprintPath(const std::filesystem::path& beretning);

} // namespace klynge
