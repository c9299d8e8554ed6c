// The grant (DOMAIN.md, "Money"): the rate table and its sources, rates.toml,
// exact øre arithmetic, the start-up grant, and a workspace's census count.
#include "klynge/store/config.hpp"
#include "klynge/text/error.hpp"
#include "klynge/grants/grant.hpp"
#include "klynge/people/practice.hpp"
#include "klynge/store/store.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

using namespace klynge;

namespace {

template <class F>
std::string messageOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

template <class F>
std::optional<ExitCode> codeOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    }
    return std::nullopt;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

bool anyContains(const std::vector<std::string>& lines, const std::string& needle) {
    for (const auto& l : lines)
        if (contains(l, needle)) return true;
    return false;
}

ClusterGrant grantOf(const GrantRate& rate, std::int64_t patients, std::optional<int> founded = std::nullopt,
                     std::int64_t capacities = 0) {
    ClusterGrant g;
    g.cluster = "Klynge Test";
    g.rate = rate;
    g.patients = patients;
    g.foundedYear = founded;
    g.capacities = capacities;
    computeGrant(g);
    return g;
}

} // namespace

TEST_CASE("built-in rates: the years the sources tie a rate to, in øre per patient") {
    struct Case {
        int year;
        std::optional<std::int64_t> ore; // nullopt: no base rate, the year is refused
        std::int64_t fapOre;
        std::string sourcePart;
    };
    const std::vector<Case> cases = {
        {2019, std::nullopt, 216, "[001]"}, {2020, std::nullopt, 216, "[001]"}, {2021, std::nullopt, 47, "[001]"},
        {2022, 112, 0, "KiAP"},             {2023, 232, 0, "KiAP"},             {2024, 355, 0, "KiAP"},
        {2025, 365, 0, "[002]"},            {2026, std::nullopt, 0, "[002]"},
    };
    const auto table = RateTable::builtIn();
    for (const auto& c : cases) {
        CAPTURE(c.year);
        const GrantRate* r = table.find(c.year);
        REQUIRE(r != nullptr);
        CHECK(r->census == Date(c.year, 2, 1)); // counted per 1 February [002] unless a year says otherwise
        CHECK(r->fapExtra == Money::fromOre(c.fapOre));
        CHECK(r->origin == "built-in");
        CHECK(contains(r->source + r->fapSource + r->note, c.sourcePart));
        if (c.ore) {
            REQUIRE(r->perPatient);
            CHECK(r->perPatient->ore() == *c.ore);
            CHECK(table.forYear(c.year).year == c.year);
        } else {
            CHECK_FALSE(r->perPatient);
            CHECK(codeOf([&] { table.forYear(c.year); }) == ExitCode::rule);
        }
    }
    SUBCASE("the undated 4,20 and 4,33 are listed but tied to no year") {
        std::vector<std::int64_t> ore;
        for (const auto& u : RateTable::undated()) ore.push_back(u.perPatient.ore());
        CHECK(ore == std::vector<std::int64_t>{420, 433});
        for (int year = 2017; year <= 2021; ++year) CHECK(codeOf([&] { table.forYear(year); }) == ExitCode::rule);
    }
}

TEST_CASE("a missing rate is refused, saying how to add it in rates.toml") {
    const auto table = RateTable::builtIn();
    for (int year : {2017, 2019, 2026, 2030}) {
        CAPTURE(year);
        const auto msg = messageOf([&] { table.forYear(year); });
        CHECK(contains(msg, fmt::format("no grant rate is known for {}", year)));
        CHECK(contains(msg, "rates.toml"));
        CHECK(contains(msg, fmt::format("[{}]", year)));
        CHECK(contains(msg, "source = "));
    }
    CHECK(contains(messageOf([&] { table.forYear(2026); }), "not decided"));
    CHECK(contains(messageOf([&] { table.forYear(2020); }), "FAP extra of 2,16 kr."));
}

TEST_CASE("the seed figure: 36.721 patients × 3,65 kr = 134.031,65 kr") {
    const auto g = grantOf(RateTable::builtIn().forYear(2025), 36721);
    CHECK(g.operating.ore() == 13'403'165);
    CHECK(g.fapExtra == Money());
    CHECK(g.startUp == Money());
    CHECK(g.total.ore() == 13'403'165);
    const auto lines = explainGrant(g);
    CHECK(anyContains(lines, "Operating grant: 36.721 patients × 3,65 kr. = 134.031,65 kr."));
    CHECK(anyContains(lines, "Total:           134.031,65 kr."));
    CHECK(anyContains(lines, "nothing is rounded"));
}

TEST_CASE("exact øre arithmetic for every built-in year (the rounding rule: none is needed)") {
    struct Case {
        int year;
        std::int64_t patients;
        std::int64_t operatingOre;
    };
    const std::vector<Case> cases = {
        {2022, 17117, 1'917'104},  {2023, 17117, 3'971'144},  {2024, 110140, 39'099'700},
        {2025, 110140, 40'201'100}, {2025, 1, 365},            {2025, 0, 0},
        {2025, 5'500'000, 2'007'500'000}, // every patient in Denmark [001]
    };
    const auto table = RateTable::builtIn();
    for (const auto& c : cases) {
        CAPTURE(c.year);
        CAPTURE(c.patients);
        CHECK(grantOf(table.forYear(c.year), c.patients).operating.ore() == c.operatingOre);
    }
    SUBCASE("an overflowing product is refused, not wrapped") {
        CHECK(codeOf([] { timesCount(Money::fromOre(1'000'000'000'000), 1'000'000'000'000); }) == ExitCode::usage);
    }
    SUBCASE("a rate with a fraction of an øre cannot enter") {
        auto t = RateTable::builtIn();
        CHECK(contains(messageOf([&] { t.merge("[2026]\nrate = \"3,655\"\nsource = \"x\"\n", "rates.toml"); }),
                       "rates.toml:2:8"));
    }
}

TEST_CASE("FAP years: the extra is added on top of the base rate rates.toml gives") {
    struct Case {
        int year;
        std::int64_t fapOre;
    };
    for (const auto& c : std::vector<Case>{{2019, 216}, {2020, 216}, {2021, 47}}) {
        CAPTURE(c.year);
        auto t = RateTable::builtIn();
        t.merge(fmt::format("[{}]\nrate = \"4,33\"\nsource = \"[001] §11\"\n", c.year), "rates.toml");
        const auto g = grantOf(t.forYear(c.year), 30000);
        CHECK(g.operating.ore() == 433 * 30000);
        CHECK(g.fapExtra.ore() == c.fapOre * 30000);
        CHECK(g.total.ore() == (433 + c.fapOre) * 30000);
        CHECK(anyContains(explainGrant(g), fmt::format("FAP extra:       30.000 patients × {} =",
                                                       Money::fromOre(c.fapOre).danish())));
    }
    SUBCASE("fap_extra in rates.toml overrides the built-in extra") {
        auto t = RateTable::builtIn();
        t.merge("[2020]\nrate = \"4,33\"\nfap_extra = \"0\"\nsource = \"region\"\n", "rates.toml");
        CHECK(grantOf(t.forYear(2020), 100).total.ore() == 43300);
    }
}

TEST_CASE("start-up grant: 10.000 kr per doctor capacity, only in the founding year") {
    const auto rate = RateTable::builtIn().forYear(2025);
    struct Case {
        std::optional<int> founded;
        std::int64_t capacities;
        std::int64_t startUpOre;
        std::string explained;
    };
    const std::vector<Case> cases = {
        {2025, 29, 29'000'000, "29 doctor capacities × 10.000,00 kr. = 290.000,00 kr."},
        {2025, 1, 1'000'000, "1 doctor capacity × 10.000,00 kr. = 10.000,00 kr."},
        {2018, 29, 0, "none — founded 2018"},
        {std::nullopt, 29, 0, "none — no founding date"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.explained);
        const auto g = grantOf(rate, 36721, c.founded, c.capacities);
        CHECK(g.startUp.ore() == c.startUpOre);
        CHECK(g.total.ore() == 13'403'165 + c.startUpOre);
        CHECK(anyContains(explainGrant(g), c.explained));
    }
}

TEST_CASE("rates.toml adds and overrides years") {
    auto t = RateTable::builtIn();
    t.merge("# a region's letter\n"
            "[2026]\n"
            "rate = \"3,80\"\n"
            "census = 2026-03-01\n"
            "source = \"Region Hovedstaden, brev 15.01.2026\"\n"
            "\n"
            "[2025]\n"
            "census = \"2025-03-01\"\n"
            "source = \"KiAP's page: counted per 1 March\"\n",
            "rates.toml");
    const auto& y2026 = t.forYear(2026);
    CHECK(y2026.perPatient->ore() == 380);
    CHECK(y2026.census == Date(2026, 3, 1));
    CHECK(y2026.source == "Region Hovedstaden, brev 15.01.2026");
    CHECK(y2026.origin == "rates.toml:2");
    const auto& y2025 = t.forYear(2025);
    CHECK(y2025.perPatient->ore() == 365); // the built-in rate stays
    CHECK(y2025.census == Date(2025, 3, 1));
    CHECK(y2025.origin == "rates.toml:7");
    CHECK(t.forYear(2024).origin == "built-in");
}

TEST_CASE("rates.toml errors name FILE:LINE:COL and exit 3") {
    struct Case {
        std::string name, text, where, part;
    };
    const std::vector<Case> cases = {
        {"syntax", "[2026\nrate = \"3,80\"\n", "rates.toml:1:", "fix the TOML syntax"},
        {"not a year", "[next]\nrate = \"3,80\"\nsource = \"x\"\n", "rates.toml:1:2", "is not a year"},
        {"not a table", "2026 = \"3,80\"\n", "rates.toml:1:1", "must be a table"},
        {"no source", "[2026]\nrate = \"3,80\"\n", "rates.toml:1:2", "has no source"},
        {"empty source", "[2026]\nrate = \"3,80\"\nsource = \" \"\n", "rates.toml:3:10", "non-empty string"},
        {"float rate", "[2026]\nrate = 3.80\nsource = \"x\"\n", "rates.toml:2:8", "in quotes"},
        {"integer rate", "[2026]\nrate = 4\nsource = \"x\"\n", "rates.toml:2:8", "in quotes"},
        {"ambiguous rate", "[2026]\nrate = \"1.234\"\nsource = \"x\"\n", "rates.toml:2:8", "could mean"},
        {"negative rate", "[2026]\nrate = \"-3,80\"\nsource = \"x\"\n", "rates.toml:2:8", "more than 0"},
        {"zero rate", "[2026]\nrate = \"0\"\nsource = \"x\"\n", "rates.toml:2:8", "more than 0"},
        {"implausible rate", "[2026]\nrate = \"3800\"\nsource = \"x\"\n", "rates.toml:2:8", "not plausible"},
        {"unknown key", "[2026]\nrate = \"3,80\"\nsorce = \"x\"\n", "rates.toml:3:1", "unknown key \"sorce\""},
        {"census not a date", "[2026]\nrate = \"3,80\"\ncensus = \"februar\"\nsource = \"x\"\n", "rates.toml:3:10",
         "must be a date"},
        {"census in another year", "[2026]\nrate = \"3,80\"\ncensus = 2024-02-01\nsource = \"x\"\n",
         "rates.toml:3:10", "not in 2025 or 2026"},
        {"sets nothing", "[2026]\nsource = \"x\"\n", "rates.toml:1:2", "sets nothing"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        auto t = RateTable::builtIn();
        const auto msg = messageOf([&] { t.merge(c.text, "rates.toml"); });
        CHECK(msg.rfind(c.where, 0) == 0);
        CHECK(contains(msg, c.part));
        CHECK(codeOf([&] { t.merge(c.text, "rates.toml"); }) == ExitCode::config);
    }
}

namespace {

// A cluster in an in-memory store, as klynge.toml and the practice commands leave it.
struct Workspace {
    Store store = Store::create(":memory:");
    Config config;
    explicit Workspace(const std::string& founded = "")
        : config(Config::parse(fmt::format("[cluster]\nname = \"Klynge Gentofte Nord\"\ncvr = \"12345674\"\n"
                                           "municipality = \"Gentofte\"\nregion = \"Hovedstaden\"\n{}",
                                           founded.empty() ? "" : fmt::format("founded = {}\n", founded)),
                               "klynge.toml")) {}
    void add(const std::string& y, std::int64_t patients, Date asOf, std::optional<std::int64_t> capacities = {},
             std::optional<Date> joined = {}) {
        addPractice(store, {Ydernummer::parse(y), "Lægerne " + y, patients, capacities, asOf, joined.value_or(asOf)});
    }
    void set(const std::string& y, std::int64_t patients, Date asOf) {
        setPractice(store, Ydernummer::parse(y), {std::nullopt, patients, std::nullopt, asOf});
    }
};

} // namespace

TEST_CASE("a workspace's grant counts each practice as of the census date") {
    Workspace ws;
    ws.add("100001", 9000, Date(2024, 1, 10));
    ws.set("100001", 9100, Date(2025, 1, 15));  // the latest on or before 1 February 2025
    ws.set("100001", 9500, Date(2025, 2, 2));   // after the census: not used for 2025
    ws.add("100002", 8000, Date(2024, 6, 1));
    ws.set("100002", 8100, Date(2025, 2, 1));   // on the census date itself: used
    ws.add("100003", 19521, Date(2023, 3, 1));
    ws.add("100004", 5000, Date(2025, 3, 1));   // joined after the census: not a member then
    const auto rates = RateTable::builtIn();

    const auto g = grantForWorkspace(ws.store, ws.config, rates, 2025);
    CHECK(g.cluster == "Klynge Gentofte Nord");
    REQUIRE(g.lines.size() == 3);
    CHECK(g.lines[0].patients == 9100);
    CHECK(g.lines[0].countedAsOf == Date(2025, 1, 15));
    CHECK(g.lines[1].patients == 8100);
    CHECK(g.lines[2].patients == 19521);
    CHECK(g.patients == 36721);
    CHECK(g.practices == 3);
    CHECK(g.operating.ore() == 13'403'165);

    SUBCASE("another year, another census date") {
        const auto g24 = grantForWorkspace(ws.store, ws.config, rates, 2024);
        CHECK(g24.patients == 9000 + 19521); // 100002 joined only in June 2024
        CHECK(g24.lines.size() == 2);
    }
    SUBCASE("a practice that left before the census is not counted") {
        leavePractice(ws.store, Ydernummer::parse("100003"), Date(2025, 1, 31));
        CHECK(grantForWorkspace(ws.store, ws.config, rates, 2025).patients == 17200);
    }
    SUBCASE("a census date from rates.toml changes the count") {
        auto t = RateTable::builtIn();
        t.merge("[2025]\ncensus = 2025-03-01\nsource = \"KiAP's page\"\n", "rates.toml");
        CHECK(grantForWorkspace(ws.store, ws.config, t, 2025).patients == 9500 + 8100 + 19521 + 5000);
    }
}

TEST_CASE("a practice without a count on or before the census date is reported, never zero") {
    Workspace ws;
    ws.add("100001", 9000, Date(2024, 1, 10));
    // Joined in 2024, but its first count is from after the census date.
    ws.add("100002", 8000, Date(2025, 3, 1), std::nullopt, Date(2024, 5, 1));
    const auto msg = messageOf([&] { grantForWorkspace(ws.store, ws.config, RateTable::builtIn(), 2025); });
    CHECK(contains(msg, "1 problem below"));
    CHECK(contains(msg, "practice 100002 (Lægerne 100002) has no patient count on or before 2025-02-01"));
    CHECK(contains(msg, "klynge practice set 100002 --patients N --as-of 2025-02-01"));
    CHECK(codeOf([&] { grantForWorkspace(ws.store, ws.config, RateTable::builtIn(), 2025); }) == ExitCode::rule);
}

TEST_CASE("the start-up grant in a workspace's founding year uses the capacities at founding") {
    Workspace ws("2025-01-20");
    ws.add("100001", 9000, Date(2025, 1, 10), 3);
    ws.add("100002", 8000, Date(2025, 1, 10), 2);
    setPractice(ws.store, Ydernummer::parse("100002"), {std::nullopt, std::nullopt, 4, Date(2025, 6, 1)});
    const auto rates = RateTable::builtIn();
    const auto g = grantForWorkspace(ws.store, ws.config, rates, 2025);
    CHECK(g.foundingYear);
    CHECK(g.capacities == 5); // 3 + 2 on 20 January; the later 4 does not count
    CHECK(g.startUp.ore() == 5'000'000);
    CHECK(g.total.ore() == 365 * 17000 + 5'000'000);
    CHECK(g.lines[0].capacities == 3);

    SUBCASE("the next year has no start-up grant") {
        auto t = RateTable::builtIn();
        t.merge("[2026]\nrate = \"3,65\"\nsource = \"test\"\n", "rates.toml");
        const auto next = grantForWorkspace(ws.store, ws.config, t, 2026);
        CHECK_FALSE(next.foundingYear);
        CHECK(next.startUp == Money());
    }
    SUBCASE("a year before the founding is refused") {
        CHECK(contains(messageOf([&] { grantForWorkspace(ws.store, ws.config, rates, 2024); }),
                       "there is no grant for 2024"));
    }
}

TEST_CASE("a founding practice without capacities is reported") {
    Workspace ws("2025-01-20");
    ws.add("100001", 9000, Date(2025, 1, 10));
    const auto msg = messageOf([&] { grantForWorkspace(ws.store, ws.config, RateTable::builtIn(), 2025); });
    CHECK(contains(msg, "practice 100001 (Lægerne 100001) has no doctor capacities on or before the founding date "
                        "2025-01-20"));
    CHECK(contains(msg, "--capacities N --as-of 2025-01-20"));
}

TEST_CASE("the total row is the sum of the clusters") {
    const auto rate = RateTable::builtIn().forYear(2025);
    std::vector<ClusterGrant> list{grantOf(rate, 36721), grantOf(rate, 17117, 2025, 11), grantOf(rate, 110140)};
    for (auto& g : list) g.practices = 10;
    const auto t = sumGrants(list, 2025);
    CHECK(t.patients == 36721 + 17117 + 110140);
    CHECK(t.practices == 30);
    CHECK(t.operating == list[0].operating + list[1].operating + list[2].operating);
    CHECK(t.startUp.ore() == 11'000'000);
    CHECK(t.total == list[0].total + list[1].total + list[2].total);
    CHECK(t.rate.perPatient == rate.perPatient);
}
