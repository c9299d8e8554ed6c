// Two clones, one cluster (issue 12; DESIGN.md "Several people keep clones of
// one workspace in git"): klynge's git merge driver merges three versions of
// klynge.db — the common base, ours and theirs — record by record.
//
// What merges by itself:
// - records added on either side (their ids come from klynge_id() and do
//   not collide), links of the hash chain (a DAG: both sides' links are kept
//   as they are), the audit log;
// - a field changed on one side only; a record deleted by klynge on one side
//   (its tombstone link comes along) and untouched on the other;
// - two new records with the same number (member 7, meeting 3, voucher
//   B-2026-017): the younger one by id takes the next free number, and the
//   renumbering is recorded (table renumbering) and reported.
// What it never does: drop a record, or guess. A field changed differently
// on both sides, a record changed on one side and deleted on the other, two
// records that the schema allows only once (the same e-mail, the same
// contract period paid twice), and the domain's own clashes (an expense
// approved on one side and rejected on the other, two coordinators from
// overlapping dates, a meeting's attendance recorded differently, two
// marks that a month was reported to SKAT) become conflicts: the contested
// records stay out of the merged database, stored with both sides'
// versions in merge_conflict, until `klynge merge --take ours|theirs N`.
//
// The result is the same whichever side runs it (the same records; the
// same dump byte for byte): every choice is made by ids, numbers and the
// base, never by which side is "ours". Conflicts keep their ours/theirs
// labels for the clone that resolves them.
#pragma once

#include "klynge/store/store.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace klynge {

struct Renumbered {
    std::string record;    // "ledger entry", "member", ...
    std::string from, to;  // "B-2026-003" → "B-2026-005", "7" → "9"
};

struct MergeReport {
    int fromOurs = 0;    // records (not links) added or changed only on our side
    int fromTheirs = 0;
    int merged = 0;      // records whose fields came from both sides
    std::vector<Renumbered> renumbered;
    std::vector<std::string> conflicts; // one line each: "N: what"
};

// Merges the three database files into `result` (which may be `ours`; it is
// replaced atomically). `base` may be missing or empty (no common
// ancestor). Throws StorageError for a file that is not a klynge database
// or was written by a newer klynge (a merge never runs on a clone whose
// klynge is older than the workspace).
MergeReport mergeDatabases(const std::filesystem::path& base, const std::filesystem::path& ours,
                           const std::filesystem::path& theirs, const std::filesystem::path& result);

struct MergeConflict {
    std::int64_t number = 0;
    std::string kind;
    std::string description;
    bool resolved = false;
    std::string took; // "ours" / "theirs" once resolved
};

std::vector<MergeConflict> mergeConflicts(Store& store);
// Whether the last merge left a conflict open: every command but
// `klynge merge` refuses to run on such a store.
bool hasOpenMergeConflicts(Store& store);

// Takes one side of conflict `number` (in the caller's transaction): that
// side's records go in; the other side's records are marked deleted in the
// hash chain (the transaction links them as tombstones).
void takeMergeSide(Store& store, WriteTransaction& tx, std::int64_t number, bool ours);

} // namespace klynge
