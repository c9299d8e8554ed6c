// A region's batch file (klynge-grant(1), BATCH FILE): both layouts, the
// dialects a spreadsheet writes, every kind of bad row with its line number,
// and totals that are the sum of the rows.
#include "klynge/text/error.hpp"
#include "klynge/grants/grant.hpp"
#include "klynge/grants/batch.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

using namespace klynge;

namespace {

const GrantRate& rate2025() {
    static const RateTable table = RateTable::builtIn();
    return table.forYear(2025);
}

BatchResult run(const std::string& text, const GrantRate& rate = rate2025()) {
    std::istringstream in(text);
    return grantBatch(in, "region.csv", rate);
}

// The refusal's message, or "" if the batch went through.
std::string refusal(const std::string& text) {
    try {
        run(text);
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::rule); // bad rows exit 1, as the issue says
        return e.what();
    }
    return {};
}

std::vector<std::string> linesOf(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const ClusterGrant& cluster(const BatchResult& r, const std::string& name) {
    for (const auto& c : r.clusters)
        if (c.cluster == name) return c;
    FAIL("no cluster " << name);
    return r.total;
}

} // namespace

TEST_CASE("one row per practice: patients add up per cluster") {
    const auto r = run("cluster,ydernummer,patients\n"
                       "Klynge Gentofte Nord,100001,9180\n"
                       "Klynge Gentofte Nord,100002,8100\n"
                       "Klynge Østerbro,200001,5000\n"
                       "Klynge Gentofte Nord,100003,19441\n"
                       "Klynge Amager Øst,300001,1000\n");
    CHECK(r.layout == BatchLayout::perPractice);
    CHECK(r.rows == 5);
    REQUIRE(r.clusters.size() == 3);
    // Danish name order: Ø after Z.
    CHECK(r.clusters[0].cluster == "Klynge Amager Øst");
    CHECK(r.clusters[1].cluster == "Klynge Gentofte Nord");
    CHECK(r.clusters[2].cluster == "Klynge Østerbro");
    const auto& g = cluster(r, "Klynge Gentofte Nord");
    CHECK(g.practices == 3);
    CHECK(g.patients == 36721);
    CHECK(g.operating.ore() == 13'403'165); // the seed figure
    CHECK(r.total.patients == 36721 + 5000 + 1000);
    CHECK(r.total.practices == 5);
}

TEST_CASE("one row per cluster") {
    const auto r = run("klynge,patienter\nKlynge Gentofte Nord,36721\nKlynge Østerbro,103115\n");
    CHECK(r.layout == BatchLayout::perCluster);
    REQUIRE(r.clusters.size() == 2);
    CHECK_FALSE(r.clusters[0].practices);
    CHECK_FALSE(r.total.practices);
    CHECK(r.clusters[0].total.ore() == 13'403'165);
}

TEST_CASE("dialects: BOM, semicolons, CRLF, Danish thousands dots, quoted names, extra columns") {
    struct Case {
        std::string name, text;
    };
    const std::vector<Case> cases = {
        {"comma", "cluster,ydernummer,patients\nKlynge A,100001,36721\n"},
        {"semicolon (Danish Excel)", "klynge;ydernummer;patienter\nKlynge A;100001;36721\n"},
        {"BOM and CRLF", "\xEF\xBB\xBF" "klynge;ydernummer;patienter\r\nKlynge A;100001;36721\r\n"},
        {"BOM and comma", "\xEF\xBB\xBF" "cluster,ydernummer,patients\nKlynge A,100001,36721\n"},
        {"thousands dot", "klynge;ydernummer;patienter\nKlynge A;100001;36.721\n"},
        {"thousands space", "klynge;ydernummer;patienter\nKlynge A;100001;36 721\n"},
        {"quoted fields", "cluster,ydernummer,patients\n\"Klynge A\",\"100001\",\"36,721\"\n"},
        {"header case and spaces", " Klynge ; YDERNR ; Patienter \nKlynge A ; 100001 ; 36721 \n"},
        {"extra columns are ignored", "klynge;praksis;ydernummer;patienter;kommune\nKlynge A;Lægerne;100001;36721;X\n"},
        {"blank lines", "cluster,ydernummer,patients\n\nKlynge A,100001,36721\n\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        if (c.name == "quoted fields") {
            // "36,721" is not Danish: a comma is the decimal sign.
            CHECK(contains(refusal(c.text), "region.csv:2: patients \"36,721\" is not a whole number"));
            continue;
        }
        const auto r = run(c.text);
        REQUIRE(r.clusters.size() == 1);
        CHECK(r.clusters[0].cluster == "Klynge A");
        CHECK(r.clusters[0].patients == 36721);
    }
}

TEST_CASE("every kind of bad row is reported with its line number") {
    struct Case {
        std::string name, rows, expected;
    };
    const std::string header = "cluster,ydernummer,patients,capacities,founded\n";
    const std::vector<Case> cases = {
        {"text in a number", "Klynge A,100001,ni tusind,,\n",
         "region.csv:2: patients \"ni tusind\" is not a whole number"},
        {"decimal patients", "Klynge A,100001,9180.5,,\n", "region.csv:2: patients \"9180.5\" is not a whole number"},
        {"negative patients", "Klynge A,100001,-5,,\n", "region.csv:2: patients is -5 — it cannot be negative"},
        {"empty patients", "Klynge A,100001,,,\n", "region.csv:2: patients is empty"},
        {"implausible patients", "Klynge A,100001,99999999,,\n", "region.csv:2: patients is 99999999 — that is more"},
        {"text in capacities", "Klynge A,100001,9000,to,\n", "region.csv:2: capacities \"to\" is not a whole number"},
        {"missing column", "Klynge A,100001\n",
         "region.csv:2: missing column \"patients\": the row has 2 fields where the header has 5"},
        {"too many fields", "Klynge Nord, Gentofte,100001,9000,,\n", "region.csv:2: 6 fields where the header has 5"},
        {"wrong separator", "Klynge A;100001;9000;;\n",
         "region.csv:2: the row is separated by ';' but the header by ','"},
        {"bad ydernummer", "Klynge A,12345,9000,,\n", "region.csv:2: invalid ydernummer \"12345\""},
        {"empty cluster", ",100001,9000,,\n", "region.csv:2: the cluster name is empty"},
        {"duplicate ydernummer in a cluster", "Klynge A,100001,9000,,\nKlynge A,100001,9000,,\n",
         "region.csv:3: ydernummer 100001 is also on line 2"},
        {"duplicate ydernummer across clusters", "Klynge A,100001,9000,,\nKlynge B,100002,1,,\nKlynge B,100001,9000,,\n",
         "region.csv:4: ydernummer 100001 is also on line 2"},
        {"founded not a date", "Klynge A,100001,9000,3,forår\n", "region.csv:2: founded \"forår\" is neither"},
        {"founded after the year", "Klynge A,100001,9000,3,2026-01-05\n",
         "region.csv:2: Klynge A was founded in 2026 — it gets no grant for 2025"},
        {"two founding dates", "Klynge A,100001,9000,3,2025-03-01\nKlynge A,100002,9000,3,2025-04-01\n",
         "region.csv:3: founded 2025-04-01 here but 2025-03-01 on line 2 for Klynge A"},
        {"founding cluster without capacities", "Klynge A,100001,9000,3,2025\nKlynge A,100002,9000,,\n",
         "region.csv:3: Klynge A is founded in 2025, so its start-up grant needs the doctor capacities"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto msg = refusal(header + c.rows);
        CHECK(contains(msg, c.expected));
        CHECK(contains(linesOf(msg).front(), "bad row"));
        CHECK(contains(linesOf(msg).front(), "nothing was written"));
    }
    SUBCASE("a cluster twice in a per-cluster file") {
        CHECK(contains(refusal("cluster;patients\nKlynge A;100\nKlynge B;200\nKlynge A;300\n"),
                       "region.csv:4: Klynge A is also on line 2 — one row per cluster"));
    }
    SUBCASE("a quote left open stops the reading and is reported with the rows before it") {
        const auto msg = refusal(header + "Klynge A,100001,x,,\n\"Klynge B,100002,9000,,\nKlynge C,100003,1,,\n");
        CHECK(contains(msg, "region.csv:2: patients \"x\""));
        CHECK(contains(msg, "region.csv:3: a quoted field"));
        CHECK(contains(msg, "reading stopped here"));
    }
}

TEST_CASE("all bad rows are listed, not just the first, in line order") {
    const auto msg = refusal("cluster,ydernummer,patients\n"
                             "Klynge A,100001,abc\n"
                             "Klynge A,100002,9000\n"
                             "Klynge A,100002,9000\n"
                             "Klynge A,1234567,-1\n"
                             "Klynge A,100005\n");
    const auto lines = linesOf(msg);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == "region.csv: 4 bad rows — fix them and run it again; nothing was written");
    CHECK(lines[1].rfind("region.csv:2: patients \"abc\"", 0) == 0);
    CHECK(lines[2].rfind("region.csv:4: ydernummer 100002 is also on line 3", 0) == 0);
    // One line per row, with every reason of that row.
    CHECK(lines[3].rfind("region.csv:5: invalid ydernummer", 0) == 0);
    CHECK(contains(lines[3], "; patients is -1"));
    CHECK(lines[4].rfind("region.csv:6: missing column", 0) == 0);

    SUBCASE("past the limit they are counted") {
        std::string text = "cluster,patients\n";
        for (std::size_t i = 0; i < maxListedBadRows + 500; ++i) text += fmt::format("Klynge {},x\n", i);
        const auto many = linesOf(refusal(text));
        CHECK(many.size() == maxListedBadRows + 2);
        CHECK(many.front() == "region.csv: 1500 bad rows — fix them and run it again; nothing was written");
        CHECK(many.back() == "... and 500 more bad rows (the first 1000 are listed)");
    }
}

TEST_CASE("header problems") {
    struct Case {
        std::string name, text, expected;
    };
    const std::vector<Case> cases = {
        {"empty file", "", "region.csv is empty"},
        {"header only", "cluster,patients\n", "region.csv:1: the file has a header but no rows"},
        {"no patients column", "cluster,ydernummer,patienten\nA,100001,1\n",
         "region.csv:1: the header has no \"patients\" column"},
        {"no cluster column", "ydernummer,patients\n100001,1\n", "region.csv:1: the header has no \"cluster\" column"},
        {"tab separated", "cluster\tpatients\nA\t1\n", "region.csv:1: the file is separated by tabs"},
        {"a column twice", "cluster,klynge,patients\nA,A,1\n", "region.csv:1: the header names the cluster column twice"},
        {"UTF-16", "\xFF\xFE" "c\0l\0", "UTF-16"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK(contains(refusal(c.text), c.expected));
    }
}

TEST_CASE("start-up grant in a batch: the founded column and the capacities of the founding year") {
    const auto r = run("klynge;ydernummer;patienter;kapaciteter;stiftet\n"
                       "Klynge Halsnæs;100001;9000;4;2025-03-12\n"
                       "Klynge Halsnæs;100002;9500;6;\n"
                       "Klynge Gentofte Nord;200001;36721;22;2018-11-15\n"
                       "Klynge Bornholm;300001;39000;;\n");
    const auto& halsnaes = cluster(r, "Klynge Halsnæs");
    CHECK(halsnaes.foundingYear);
    CHECK(halsnaes.founded == Date(2025, 3, 12));
    CHECK(halsnaes.capacities == 10);
    CHECK(halsnaes.startUp.ore() == 10'000'000);
    CHECK(halsnaes.total.ore() == 365 * 18500 + 10'000'000);
    const auto& gentofte = cluster(r, "Klynge Gentofte Nord");
    CHECK_FALSE(gentofte.foundingYear);
    CHECK(gentofte.startUp == Money());
    CHECK(gentofte.foundedYear == 2018);
    CHECK(cluster(r, "Klynge Bornholm").startUp == Money());
    CHECK(r.total.startUp.ore() == 10'000'000);

    SUBCASE("a year alone is enough") {
        const auto y = run("cluster,patients,capacities,founded\nKlynge Ny,20000,12,2025\n");
        CHECK(y.clusters[0].startUp.ore() == 12'000'000);
    }
}

TEST_CASE("FAP years in a batch") {
    auto t = RateTable::builtIn();
    t.merge("[2020]\nrate = \"4,33\"\nsource = \"[001] §11\"\n", "rates.toml");
    const auto r = run("cluster,patients\nKlynge A,30000\nKlynge B,10000\n", t.forYear(2020));
    CHECK(r.clusters[0].fapExtra.ore() == 216 * 30000);
    CHECK(r.total.fapExtra.ore() == 216 * 40000);
    CHECK(r.total.total.ore() == (433 + 216) * 40000);
}

TEST_CASE("totals equal the sum of the rows") {
    std::string text = "cluster;ydernummer;patients;capacities;founded\n";
    std::int64_t patients = 0;
    for (int i = 0; i < 400; ++i) {
        const int p = 1000 + (i * 7919) % 8000;
        patients += p;
        text += fmt::format("Klynge {};{:06d};{};{};{}\n", i % 37, 100000 + i * 13, p, 1 + i % 5,
                            i % 37 == 5 ? "2025-02-10" : "");
    }
    const auto r = run(text);
    CHECK(r.rows == 400);
    REQUIRE(r.clusters.size() == 37);
    std::int64_t sumPatients = 0, sumPractices = 0;
    Money operating, startUp, total;
    for (const auto& c : r.clusters) {
        sumPatients += c.patients;
        sumPractices += *c.practices;
        operating += c.operating;
        startUp += c.startUp;
        total += c.total;
        CHECK(c.total == c.operating + c.fapExtra + c.startUp);
    }
    CHECK(sumPatients == patients);
    CHECK(r.total.patients == patients);
    CHECK(r.total.practices == sumPractices);
    CHECK(r.total.operating == operating);
    CHECK(r.total.operating == timesCount(*rate2025().perPatient, patients)); // no rounding anywhere
    CHECK(r.total.startUp == startUp);
    CHECK(startUp > Money());
    CHECK(r.total.total == total);
}

TEST_CASE("progress is reported while reading") {
    std::string text = "cluster,patients\n";
    for (int i = 0; i < 100; ++i) text += fmt::format("Klynge {},1000\n", i);
    std::istringstream in(text);
    std::vector<std::uint64_t> seen;
    BatchProgress progress{[&](std::uint64_t rows, std::int64_t bytes) {
                               seen.push_back(rows);
                               CHECK(bytes > 0);
                           },
                           25};
    grantBatch(in, "region.csv", rate2025(), progress);
    CHECK(seen == std::vector<std::uint64_t>{25, 50, 75, 100});
}

TEST_CASE("counts from spreadsheet cells") {
    struct Case {
        std::string text;
        std::optional<std::int64_t> value;
    };
    const std::vector<Case> cases = {
        {"9180", 9180},  {" 9180 ", 9180},  {"9.180", 9180},    {"1.234.567", 1234567}, {"9 180", 9180},
        {"0", 0},        {"-0", 0},         {"007", 7},         {"9.18", std::nullopt}, {"91.80.0", std::nullopt},
        {"9180,0", std::nullopt},           {"9180.00", std::nullopt}, {"", std::nullopt}, {"-", std::nullopt},
        {"1e4", std::nullopt},              {".180", std::nullopt},    {"9.180.", std::nullopt},
        {"12345.678", std::nullopt},        {"-12", std::nullopt},     {"10000001", std::nullopt},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        if (c.value) {
            CHECK(parseBatchCount(c.text, "patients", 10'000'000) == *c.value);
        } else {
            CHECK_THROWS_AS(parseBatchCount(c.text, "patients", 10'000'000), InvalidValue);
        }
    }
}
