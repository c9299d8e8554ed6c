// The yearly grant (klyngemidler): an operating grant per registered group-1
// patient at the year's rate, FAP extras in 2019–2021, and the one-time
// start-up grant per doctor capacity in the founding year (DOMAIN.md, "Money").
// The rates are data with their sources (the built-in table in grant.cpp);
// rates.toml adds or overrides years. Arithmetic is exact: øre × patients.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/text/date.hpp"
#include "klynge/text/money.hpp"
#include "klynge/store/store.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

// The rounding rule, stated once: rates are whole øre and patients whole
// numbers, so every product is whole øre and nothing is ever rounded. A rate
// with a fraction of an øre is refused where it is read.
inline constexpr std::string_view grantRoundingRule =
    "exact: a rate in whole øre × whole patients is whole øre; nothing is rounded";

// The start-up grant: 10.000 kr per doctor capacity (lægekapacitet), once, in
// the year the cluster is founded. [000, 001]
inline constexpr Money startUpGrantPerCapacity = Money::fromOre(1'000'000);
inline constexpr std::string_view startUpGrantSource = "[000, 001]";

// One year of the rate table. A year may carry only a FAP extra (2019–2021):
// its base rate is then unknown and the year cannot be computed until
// rates.toml supplies it.
struct GrantRate {
    int year = 0;
    std::optional<Money> perPatient; // the operating grant per registered group-1 patient
    Date census;                     // patients are counted as of this date
    Money fapExtra;                  // extra per patient from Fonden for Almen Praksis
    std::string source;              // where the base rate comes from
    std::string fapSource;           // where the FAP extra comes from ("" if none)
    std::string note;
    std::string origin;              // "built-in" or "rates.toml:12"
};

// Rates the sources give without a year (4,20 kr at OK18's start [000]; 4,33
// kr "current" [001]): shown by `grant rates`, never used for a year.
struct UndatedRate {
    std::string period;
    Money perPatient;
    std::string source;
};

class RateTable {
public:
    // DOMAIN.md's table: 2022–2025 base rates, 2019–2021 FAP extras.
    static RateTable builtIn();

    // Adds or overrides years from rates.toml text (format: klynge-grant(1),
    // RATES FILE). Throws ConfigError "FILE:LINE:COL: ..." (exit 3).
    void merge(std::string_view tomlText, const std::string& sourceName);
    // Reads a file and merges it; a file that cannot be read is a ConfigError.
    void mergeFile(const std::filesystem::path& file);

    // The year's rate with a known base rate; otherwise RuleViolation (exit 1)
    // saying how to add it in rates.toml — a rate is never guessed.
    const GrantRate& forYear(int year) const;
    const GrantRate* find(int year) const;

    std::vector<GrantRate> years() const; // in year order
    static std::span<const UndatedRate> undated();

private:
    std::map<int, GrantRate> rates_;
};

// The built-in table, then `root/rates.toml` if there is one, then `ratesFile`.
RateTable loadRates(const std::optional<std::filesystem::path>& workspaceRoot,
                    const std::optional<std::filesystem::path>& ratesFile);

// One practice's part of a cluster's grant.
struct PracticeCount {
    std::string ydernummer;
    std::string name;
    std::int64_t patients = 0;
    Date countedAsOf;
    std::optional<std::int64_t> capacities; // at founding, in the founding year
};

// A cluster's grant for one year.
struct ClusterGrant {
    std::string cluster;
    GrantRate rate;
    std::optional<std::int64_t> practices; // unknown for per-cluster batch rows
    std::int64_t patients = 0;
    Money operating;                       // rate × patients
    Money fapExtra;                        // FAP extra × patients
    std::optional<Date> founded;
    std::optional<int> foundedYear;        // batch files may give only a year
    bool foundingYear = false;
    std::int64_t capacities = 0;           // at founding; counted only in the founding year
    Money startUp;                         // 10.000 kr × capacities in the founding year
    Money total;
    std::vector<PracticeCount> lines;      // per practice (workspace calculations)
    std::vector<std::string> warnings;
};

// Fills the money fields of `g` from its rate, patients and capacities.
// Throws InvalidValue if a product would overflow.
void computeGrant(ClusterGrant& g);

// Exact products in øre; InvalidValue on overflow.
Money timesCount(Money perUnit, std::int64_t count);

// The arithmetic, one line each, e.g.
// "Operating grant: 36.721 patients × 3,65 kr. = 134.031,65 kr."
std::vector<std::string> explainGrant(const ClusterGrant& g);

// A workspace's grant for `year`: the practices that are members on the
// census date, each with its latest patient count on or before it. A practice
// without such a count is an error (RuleViolation naming every one), never
// zero. In the founding year (cluster.founded) the start-up grant uses the
// doctor capacities as of the founding date.
ClusterGrant grantForWorkspace(Store& store, const Config& config, const RateTable& rates, int year);

// The sum of several clusters' grants (the total row). Its rate is the common
// rate when all clusters share one.
ClusterGrant sumGrants(const std::vector<ClusterGrant>& clusters, int year);

} // namespace klynge
