// klynge.toml validation: each bad form is refused with file:line:column and
// the expected form (exit 3).
#include "klynge/store/config.hpp"
#include "klynge/text/error.hpp"

#include <doctest/doctest.h>

#include <ostream>
#include <string>

using namespace klynge;

namespace {

const std::string identity = "[cluster]\n"
                             "name = \"Østerbroklyngen\"\n"
                             "cvr = \"12345674\"\n"
                             "municipality = \"København\"\n"
                             "region = \"Hovedstaden\"\n";

std::string errorOf(const std::string& text) {
    try {
        Config::parse(text, "klynge.toml");
    } catch (const ConfigError& e) {
        CHECK(e.code() == ExitCode::config);
        return e.what();
    }
    return "(accepted)";
}

} // namespace

TEST_CASE("a minimal klynge.toml gets the standard bylaws' defaults") {
    auto cfg = Config::parse(identity, "klynge.toml");
    CHECK(cfg.clusterName() == "Østerbroklyngen");
    CHECK(cfg.list("policy.voting_positions") == std::vector<std::string>{"ejerlæge"});
    CHECK(cfg.integer("policy.patients_min") == 10000);
    CHECK_FALSE(cfg.date("cluster.founded").has_value());
}

TEST_CASE("the file written by init validates and round-trips the identity") {
    ClusterIdentity id{"Klynge \"Nord\" \\ Syd", "12345674", "Aarhus", "Midtjylland", Date(2019, 3, 1)};
    auto cfg = Config::parse(initialConfigText(id), "klynge.toml");
    CHECK(cfg.clusterName() == id.name);
    CHECK(cfg.date("cluster.founded") == Date(2019, 3, 1));
    // Every setting of the table appears in the file, commented or set.
    auto text = initialConfigText(id);
    for (const auto& spec : settingSpecs()) {
        auto name = std::string(spec.key.substr(spec.key.find('.') + 1));
        CHECK_MESSAGE(text.find(name + " = ") != std::string::npos, name);
    }
}

TEST_CASE("bad klynge.toml forms name the place and the expected form") {
    struct Case {
        std::string text;
        std::string message;
    };
    const Case cases[] = {
        {identity + "nmae = \"x\"\n", "klynge.toml:6:1: unknown setting \"cluster.nmae\""},
        {identity + "[policy]\npatients_min = \"10\"\n", "klynge.toml:7:16: policy.patients_min has the wrong type"},
        {identity + "[policy]\npatients_min = -1\n", "policy.patients_min is -1 — expected a whole number from 0"},
        {identity + "[policy]\nvoting_positions = \"ejerlæge\"\n", "policy.voting_positions has the wrong type"},
        {identity + "[policy]\nvoting_positions = [\"ejerlæge\", \"boss\"]\n",
         "klynge.toml:7:33: policy.voting_positions has an unknown entry"},
        {identity + "founded = 2018-02-30\n", "klynge.toml:6:"},
        {identity + "founded = \"someday\"\n", "cluster.founded is not a date — expected a date, like 2018-11-15"},
        {identity + "[polcy]\nx = 1\n", "unknown setting \"polcy.x\""},
        {"title = 1\n" + identity, "klynge.toml:1:1: \"title\" is not a known section"},
        {identity + "name = \"twice\"\n", "klynge.toml:6:"},
        {identity + "[policy\n", "klynge.toml:6:"},
        {"[cluster]\nname = \"X\"\ncvr = \"12345674\"\nregion = \"Hovedstaden\"\n",
         "the required setting cluster.municipality is missing"},
        {"[cluster]\nname = \"X\"\ncvr = \"12345675\"\nmunicipality = \"A\"\nregion = \"Hovedstaden\"\n",
         "klynge.toml:3:7: cluster.cvr is not valid"},
        {"[cluster]\nname = \"X\"\ncvr = \"12345674\"\nmunicipality = \"A\"\nregion = \"Fyn\"\n",
         "cluster.region is \"Fyn\" — expected one of \"Hovedstaden\""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        auto msg = errorOf(c.text);
        CHECK_MESSAGE(msg.find(c.message) != std::string::npos, msg);
    }
}

TEST_CASE("settingToToml writes TOML that parses back") {
    CHECK(settingToToml(SettingValue(std::string("a \"b\" \\ c"))) == R"("a \"b\" \\ c")");
    CHECK(settingToToml(SettingValue(std::int64_t{14})) == "14");
    CHECK(settingToToml(SettingValue(true)) == "true");
    CHECK(settingToToml(SettingValue(std::vector<std::string>{"ejerlæge", "ansat"})) == R"(["ejerlæge", "ansat"])");
}
