// Member practices (ydernumre), with patient counts and doctor capacities as
// dated history: what a grant uses is the count as of its census date.
#pragma once

#include "klynge/text/date.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace klynge {

struct Practice {
    std::int64_t id = 0;
    std::string ydernummer;
    std::string name;
    Date joined;
    std::optional<Date> left;
    std::optional<std::int64_t> patients;   // as of the date asked for
    std::optional<Date> patientsAsOf;       // the dated count used
    std::optional<std::int64_t> capacities; // as of the date asked for
    int members = 0;                        // active members at that date
};

struct DatedCount {
    Date asOf;
    std::int64_t value = 0;
};

struct PracticeDetail {
    Practice practice;
    std::vector<DatedCount> patientHistory;
    std::vector<DatedCount> capacityHistory;
};

struct NewPractice {
    Ydernummer ydernummer;
    std::string name;
    std::int64_t patients = 0;
    std::optional<std::int64_t> capacities;
    Date asOf;   // the count's date
    Date joined; // when the practice joined the cluster
};

struct PracticeChange {
    std::optional<std::string> name;
    std::optional<std::int64_t> patients;
    std::optional<std::int64_t> capacities;
    Date asOf;
};

// Validates a practice name or count given on the command line or in a file.
std::string checkedPracticeName(std::string_view name);
std::int64_t checkedCount(std::int64_t n, std::string_view what);

Practice addPractice(Store& store, const NewPractice& p);
// Returns a description of each change made ("patients 9876 → 9900 as of ...").
std::vector<std::string> setPractice(Store& store, const Ydernummer& y, const PracticeChange& change);
// The practice leaves the cluster; its active members leave with it (all
// doctors of a practice are in the same cluster [000]). Returns the members' names.
std::vector<std::string> leavePractice(Store& store, const Ydernummer& y, Date date);

std::vector<Practice> listPractices(Store& store, Date at, bool includeLeft);
PracticeDetail showPractice(Store& store, const Ydernummer& y, Date at);
// Throws RuleViolation (exit 1) naming `klynge practice add` if unknown.
std::int64_t practiceId(Store& store, const Ydernummer& y);

// The registered patient count of a practice as of a date: the latest dated
// count on or before it. nullopt when there is none (never treated as zero).
std::optional<DatedCount> patientsAsOf(Store& store, std::int64_t practiceId, Date at);

} // namespace klynge
