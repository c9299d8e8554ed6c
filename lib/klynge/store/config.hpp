// klynge.toml: the cluster's identity and policy, written by people and
// validated on every run. Every setting is one row in the table in
// settings.cpp (key, type, default, the rule's source); validation, the
// commented file written at init and `klynge config show` all read that table.
#pragma once

#include "klynge/text/date.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace klynge {

enum class SettingType { text, integer, boolean, date, choice, choiceList, cvr };

struct SettingSpec {
    std::string_view key;          // "policy.notice_days"
    SettingType type;
    std::string_view defaultToml;  // TOML literal, "" = no default
    bool required;                 // must be present in klynge.toml
    std::string_view choices;      // "plo|own-account" for choice/choiceList
    std::int64_t min, max;         // for integers
    std::string_view help;         // one line, written as a comment at init
    std::string_view source;       // where the rule comes from, e.g. "[000 §4]"
};

std::span<const SettingSpec> settingSpecs();

// A default that follows another setting: `key` is `defaultToml` when it is
// not set and `from` has the value `fromValue`.
struct DerivedDefault {
    std::string_view key;
    std::string_view from;
    std::string_view fromValue;
    std::string_view defaultToml;
};
std::span<const DerivedDefault> derivedDefaults();
const SettingSpec* findSetting(std::string_view key);

using SettingValue = std::variant<std::string, std::int64_t, bool, Date, std::vector<std::string>>;

struct EffectiveSetting {
    const SettingSpec* spec;
    std::optional<SettingValue> value; // nullopt: no value and no default
    bool fromFile;
    std::string_view follows; // the setting a derived default followed, or ""
};

class Config {
public:
    // Parses and validates; throws ConfigError "FILE:LINE:COL: ..." (exit 3).
    static Config load(const std::filesystem::path& file);
    // Validates TOML text (used by load and by init before writing).
    static Config parse(std::string_view text, const std::string& sourceName);

    std::string text(std::string_view key) const;
    std::optional<std::string> optionalText(std::string_view key) const;
    std::int64_t integer(std::string_view key) const;
    bool boolean(std::string_view key) const;
    std::optional<Date> date(std::string_view key) const;
    std::vector<std::string> list(std::string_view key) const;

    // The effective value, or nullptr when there is none; whether klynge.toml sets it.
    const SettingValue* value(std::string_view key) const { return find(key); }
    bool fromFile(std::string_view key) const { return fromFile_.count(key) > 0; }

    // Every setting in table order, with its effective value.
    std::vector<EffectiveSetting> effective() const;

    // Convenience for the identity fields every command shows.
    std::string clusterName() const { return text("cluster.name"); }
    // The cluster's CVR number; none while the cluster is being founded.
    std::optional<std::string> clusterCvr() const;
    // The CVR number for `what` ("the eIndkomst upload file names the payer"),
    // or a ConfigError (exit 3) that says how to record it.
    std::string requireCvr(std::string_view what) const;

private:
    const SettingValue* find(std::string_view key) const;
    std::map<std::string, SettingValue, std::less<>> values_;
    std::map<std::string, bool, std::less<>> fromFile_;
    std::map<std::string, std::string_view, std::less<>> follows_;
};

// klynge.toml's bytes; ConfigError (exit 3) when it cannot be read.
std::string readSettingsFile(const std::filesystem::path& file);

// The settings value as TOML text (for config show / get).
std::string settingToToml(const SettingValue& v);

// klynge.toml's text with one setting changed (`klynge config set`): the line
// that sets it is replaced, else its commented default, else a line is added
// at the end of its section (the section is added when missing). Every other
// byte is kept. `toml` is the new value as a TOML literal.
std::string withSetting(std::string_view text, const SettingSpec& spec, std::string_view toml);
// A command-line value as the TOML literal for `spec` ("14" for an integer,
// "\"plo\"" for a choice, "[\"ejerlæge\", \"ansat\"]" for a list given as
// "ejerlæge,ansat"); InvalidValue when it cannot be one.
struct SettingLiteral {
    std::string toml;
    SettingValue value;
};
SettingLiteral settingLiteral(const SettingSpec& spec, std::string_view value);

// The klynge.toml written by `klynge init`: identity filled in, every policy
// setting present as a comment with its default, its meaning and its source.
struct ClusterIdentity {
    std::string name;
    std::string cvr;
    std::string municipality;
    std::string region;
    std::optional<Date> founded;
};
std::string initialConfigText(const ClusterIdentity& id);

namespace config_detail {
// TEXT with each line that is only a comment (outside a multi-line string)
// left empty, its line break kept: klynge.toml is mostly comments (init
// writes each setting's meaning), and toml++ reads a comment at a tenth of
// `klynge status`'s own instructions. A comment line toml++ would refuse
// (bytes that are not UTF-8, a control character) is kept for it to refuse.
// The same document, with the same line numbers.
std::string withoutCommentLines(std::string_view text);
} // namespace config_detail

} // namespace klynge
