// klynge.toml validation: each bad form is refused with file:line:column and
// the expected form (exit 3).
#include "klynge/store/config.hpp"
#include "klynge/text/error.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <ostream>
#include <sstream>
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

TEST_CASE("comment lines are left out before parsing, and the document stays the same") {
    using config_detail::withoutCommentLines;
    // What toml++ makes of a text: its tables, or its error and the line.
    auto parsed = [](std::string_view text) {
        try {
            std::ostringstream o;
            o << toml::parse(text, std::string_view("f"));
            return o.str();
        } catch (const toml::parse_error& e) {
            return fmt::format("error {}:{}", e.source().begin.line, e.description());
        }
    };
    // The same of both texts, on the same lines.
    auto same = [&](const std::string& text) {
        const auto stripped = withoutCommentLines(text);
        CHECK(std::count(stripped.begin(), stripped.end(), '\n') == std::count(text.begin(), text.end(), '\n'));
        return parsed(text) == parsed(stripped);
    };
    const ClusterIdentity id{"Klynge \"Nord\" \\ Syd", "12345674", "Aarhus", "Midtjylland", Date(2019, 3, 1)};
    const std::string written = initialConfigText(id);
    CHECK(withoutCommentLines(written).size() < written.size() / 3);
    const std::string cases[] = {
        written,
        "# only a comment",
        "  # indented\n\t# tab\r\na = 1 # after a value\n#\n",
        // A '#' line inside multi-line strings is text, not a comment.
        "a = \"\"\"\n# kept\n  # kept too\n\"\"\"\nb = '''\n# kept\n'''\n# gone\n",
        "a = \"\"\"one \\\"\"\" still open\n# kept\n\"\"\"\n",
        "a = '''x'''\n# gone\nb = \"\"\"x\"\"\"\n# gone\n",
        "a = \"#\" # '''\n# gone\nb = '#\"\"\"'\n# gone\n",
        "a = \"\"\"x\"\"\"\"\n# gone\n",
        // What toml++ refuses in a comment it still refuses, on its line.
        "a = 1\n# bytes \xff\xfe\n",
        "a = 1\n# overlong \xc0\xaf\n",
        "a = 1\n# surrogate \xed\xa0\x80\n",
        "a = 1\n# past U+10FFFF \xf4\x90\x80\x80\n",
        "a = 1\n# control \x01\n",
        "a = 1\n# bare CR \r in it\n",
        "a = 1\n# delete \x7f\n",
        // Errors keep their line.
        "# one\n# two\na = \n",
        "# one\na = \"\"\"\n# in the string\n",
    };
    for (const auto& text : cases) {
        CAPTURE(text);
        CHECK(same(text));
    }
    CHECK(withoutCommentLines("a = 1\n# x\r\n# æøå\n") == "a = 1\n\n\n");
    CHECK(withoutCommentLines("a = \"\"\"\n# x\n\"\"\"") == "a = \"\"\"\n# x\n\"\"\"");
    // Each string closes where it ends: the comment line after it goes.
    CHECK(withoutCommentLines("a = \"\"\"x\ny\"\"\"\n# x\n") == "a = \"\"\"x\ny\"\"\"\n\n");
    CHECK(withoutCommentLines("a = '''x\ny'''\n# x\n") == "a = '''x\ny'''\n\n");
    CHECK(withoutCommentLines("a = \"x\\\"\"\n# x\n") == "a = \"x\\\"\"\n\n");
    CHECK(withoutCommentLines("a = 'x\"\"\"'\n# x\n") == "a = 'x\"\"\"'\n\n");
    // The settings read the same as before.
    auto cfg = Config::parse(written, "klynge.toml");
    CHECK(cfg.clusterName() == id.name);
}
