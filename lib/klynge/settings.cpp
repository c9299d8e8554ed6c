// The table of every klynge.toml setting. Adding a policy setting means adding
// one row here; validation, `klynge init` and `klynge config` follow from it.
#include "klynge/config.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace klynge {
namespace {

constexpr std::int64_t noMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t noMax = std::numeric_limits<std::int64_t>::max();
using T = SettingType;

constexpr std::array specs{
    // [cluster] — identity, asked for by `klynge init` and KiAP's registration [000].
    SettingSpec{"cluster.name", T::text, "", true, "", noMin, noMax,
                "the cluster's name as registered at KiAP and in CVR", "[000]"},
    SettingSpec{"cluster.cvr", T::cvr, "", true, "", noMin, noMax,
                "the association's CVR number (8 digits, modulus 11)", "[001]"},
    SettingSpec{"cluster.municipality", T::text, "", true, "", noMin, noMax,
                "clusters are formed by geography, one municipality as a rule", "[000]"},
    SettingSpec{"cluster.region", T::choice, "", true,
                "Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland", noMin, noMax,
                "the region that pays the grant", "[001]"},
    SettingSpec{"cluster.founded", T::date, "", false, "", noMin, noMax,
                "date of the founding general assembly (start-up grant year)", "[000]"},
    SettingSpec{"cluster.bank_account", T::text, "", false, "", noMin, noMax,
                "reg.nr. and account number, asked for by KiAP's registration", "[000]"},

    // [policy] — the standard bylaws unless the cluster's own bylaws differ.
    SettingSpec{"policy.voting_positions", T::choiceList, R"(["ejerlæge"])", false,
                "ejerlæge|ansat|uddannelseslæge|vikar", noMin, noMax,
                "positions with voting right at the general assembly (PLO practice: owners)",
                "[001 §10]"},
    SettingSpec{"policy.patients_min", T::integer, "10000", false, "", 0, 10'000'000,
                "warn when the cluster's registered patients fall below this", "[000, 001, 002]"},
    SettingSpec{"policy.patients_max", T::integer, "120000", false, "", 0, 10'000'000,
                "warn when the cluster's registered patients exceed this", "[000, 001, 002]"},

    // [skat] — B-income reporting (DOMAIN.md, "Honoraria and SKAT").
    SettingSpec{"skat.bank_closing_days_move_deadline", T::boolean, "false", false, "", noMin, noMax,
                "whether bank closing days (5 June, 24 and 31 Dec, the Friday after Ascension) also move "
                "the eIndkomst deadline; the law names only weekends and holidays",
                "indkomstregisterloven § 4, stk. 1"},
};

} // namespace

std::span<const SettingSpec> settingSpecs() { return specs; }

const SettingSpec* findSetting(std::string_view key) {
    auto it = std::find_if(specs.begin(), specs.end(),
                           [&](const SettingSpec& s) { return s.key == key; });
    return it == specs.end() ? nullptr : &*it;
}

} // namespace klynge
