// The clashes between two clones that no field-by-field merge can see
// (issue 12, "Conflicts the domain cannot merge are reported, never
// guessed"). Each rule is one function over the diff, registered below.
#include "klynge/merge/diff.hpp"

#include <fmt/format.h>

#include <array>
#include <functional>

namespace klynge::merge_detail {
namespace {

constexpr std::array sides{Side::ours, Side::theirs};

std::string text(const Row& row, const TableDiff& t, std::string_view column) {
    int c = t.column(column);
    return c < 0 || row[static_cast<std::size_t>(c)].isNull() ? std::string() : row[static_cast<std::size_t>(c)].s;
}

std::int64_t integer(const Row& row, const TableDiff& t, std::string_view column) {
    int c = t.column(column);
    return c < 0 ? 0 : row[static_cast<std::size_t>(c)].i;
}

// The same expense approved (or paid) on one side and rejected on the other.
void approvedAndRejected(Diff& diff) {
    auto* events = diff.find("ledger_event");
    if (!events) return;
    // entry → event names added per side, with the records
    std::map<std::int64_t, std::map<std::string, std::vector<std::int64_t>>> added[2];
    for (auto side : sides)
        for (const auto& [id, row] : events->newOn[static_cast<int>(side)])
            added[static_cast<int>(side)][integer(row, *events, "entry_id")][text(row, *events, "event")].push_back(id);
    for (const auto& [entry, ours] : added[0]) {
        auto theirs = added[1].find(entry);
        if (theirs == added[1].end()) continue;
        auto has = [](const auto& m, const char* e) { return m.count(e) > 0; };
        bool clash = (has(ours, "rejected") && (has(theirs->second, "approved") || has(theirs->second, "paid"))) ||
                     (has(theirs->second, "rejected") && (has(ours, "approved") || has(ours, "paid")));
        if (!clash) continue;
        Conflict c;
        c.kind = "approved-and-rejected";
        c.description = fmt::format("{} was {} on our side and {} on theirs", diff.label("ledger_entry", entry),
                                    has(ours, "rejected") ? "rejected" : "approved",
                                    has(theirs->second, "rejected") ? "rejected" : "approved");
        for (const auto& [name, ids] : ours)
            for (auto id : ids) c.newRecords[0].insert({"ledger_event", id});
        for (const auto& [name, ids] : theirs->second)
            for (auto id : ids) c.newRecords[1].insert({"ledger_event", id});
        diff.conflicts.push_back(std::move(c));
    }
}

// A new coordinator on both sides: two from overlapping dates (the role
// history each side wrote — the old coordinator's end — comes along).
void twoCoordinators(Diff& diff) {
    auto* roles = diff.find("role_assignment");
    if (!roles) return;
    std::vector<std::int64_t> fresh[2];
    for (auto side : sides)
        for (const auto& [id, row] : roles->newOn[static_cast<int>(side)])
            if (text(row, *roles, "role") == "koordinator") fresh[static_cast<int>(side)].push_back(id);
    if (fresh[0].empty() || fresh[1].empty()) return;
    Conflict c;
    c.kind = "two-coordinators";
    auto from = [&](Side s) {
        const auto& row = roles->newOn[static_cast<int>(s)].at(fresh[static_cast<int>(s)].front());
        return text(row, *roles, "from_date");
    };
    c.description = fmt::format("a new coordinator from {} on our side and another from {} on theirs",
                                from(Side::ours), from(Side::theirs));
    for (auto side : sides) {
        for (auto id : fresh[static_cast<int>(side)]) c.newRecords[static_cast<int>(side)].insert({"role_assignment", id});
        // The predecessor's end date each side set.
        for (const auto& [id, row] : roles->changedOn[static_cast<int>(side)])
            if (text(row, *roles, "role") == "koordinator") c.changedRecords.insert({"role_assignment", id});
    }
    diff.conflicts.push_back(std::move(c));
}

// The same meeting's attendance recorded on both sides, differently.
void attendanceTwice(Diff& diff) {
    auto* invitees = diff.find("meeting_invitee");
    if (!invitees) return;
    const int attended = invitees->column("attended");
    if (attended < 0) return;
    // meeting → invitee → attended as each side has it (changed rows only)
    std::map<std::int64_t, std::map<std::int64_t, std::int64_t>> marked[2];
    for (auto side : sides)
        for (const auto& [id, row] : invitees->changedOn[static_cast<int>(side)]) {
            const auto& base = invitees->base.at(id);
            if (row[static_cast<std::size_t>(attended)] == base[static_cast<std::size_t>(attended)]) continue;
            marked[static_cast<int>(side)][integer(row, *invitees, "meeting_id")][id] =
                row[static_cast<std::size_t>(attended)].i;
        }
    for (const auto& [meeting, ours] : marked[0]) {
        auto theirs = marked[1].find(meeting);
        if (theirs == marked[1].end() || theirs->second == ours) continue;
        Conflict c;
        c.kind = "attendance";
        c.description = fmt::format("the attendance of {} was recorded on both sides, differently",
                                    diff.label("meeting", meeting));
        for (const auto& m : {ours, theirs->second})
            for (const auto& [id, flag] : m) c.changedRecords.insert({"meeting_invitee", id});
        diff.conflicts.push_back(std::move(c));
    }
}

// A month marked as reported to SKAT on both sides.
void reportedTwice(Diff& diff) {
    auto* marks = diff.find("skat_report");
    if (!marks) return;
    std::map<std::string, std::vector<std::int64_t>> byMonth[2];
    for (auto side : sides)
        for (const auto& [id, row] : marks->newOn[static_cast<int>(side)])
            byMonth[static_cast<int>(side)][text(row, *marks, "month")].push_back(id);
    for (const auto& [month, ours] : byMonth[0]) {
        auto theirs = byMonth[1].find(month);
        if (theirs == byMonth[1].end()) continue;
        Conflict c;
        c.kind = "reported-twice";
        c.description = fmt::format("{} was marked as reported to eIndkomst on both sides", month);
        for (auto id : ours) c.newRecords[0].insert({"skat_report", id});
        for (auto id : theirs->second) c.newRecords[1].insert({"skat_report", id});
        diff.conflicts.push_back(std::move(c));
    }
}

using Rule = void (*)(Diff&);
constexpr std::array<Rule, 4> rules{approvedAndRejected, twoCoordinators, attendanceTwice, reportedTwice};

} // namespace

void findDomainConflicts(Diff& diff) {
    for (auto rule : rules) rule(diff);
}

} // namespace klynge::merge_detail
