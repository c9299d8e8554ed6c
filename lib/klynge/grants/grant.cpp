// The grant rate table, rates.toml, and a cluster's grant with its arithmetic
// (DOMAIN.md, "Money"; klynge-grant(1)).
#include "klynge/grants/grant.hpp"

#include "klynge/text/error.hpp"
#include "klynge/text/input_file.hpp"
#include "klynge/text/numbers.hpp"
#include "klynge/people/practice.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <array>
#include <fstream>
#include <sstream>

namespace klynge {
namespace {

// The built-in table. A year is here only when a source ties a figure to it;
// the base rates 4,20 and 4,33 kr are given without years and stay out.
struct BuiltInYear {
    int year;
    std::int64_t orePerPatient; // -1: the base rate is not known for the year
    std::int64_t fapExtraOre;
    std::string_view source;
    std::string_view fapSource;
    std::string_view note;
};

constexpr std::string_view kiapPage = "KiAP's public cluster-administration page";
constexpr std::string_view fapSource = "[001] §11: Fonden for Almen Praksis (partsaftale 2018)";

constexpr std::array builtInYears{
    BuiltInYear{2019, -1, 216, "", fapSource, "base rate not tied to a year in the sources"},
    BuiltInYear{2020, -1, 216, "", fapSource, "base rate not tied to a year in the sources"},
    BuiltInYear{2021, -1, 47, "", fapSource, "base rate not tied to a year in the sources"},
    BuiltInYear{2022, 112, 0, kiapPage, "", ""},
    BuiltInYear{2023, 232, 0, kiapPage, "", ""},
    BuiltInYear{2024, 355, 0, kiapPage, "", ""},
    BuiltInYear{2025, 365, 0, "[002] OK25, counted per 1 February; KiAP's public page", "",
                "KiAP's page says counted and paid per 1 March; rates.toml can set census"},
    BuiltInYear{2026, -1, 0, "", "", "not decided when the sources were written [002]"},
};

const std::array undatedRates{
    UndatedRate{"OK18 start (year not stated)", Money::fromOre(420), "[000]"},
    UndatedRate{"\"current\" around 2019–2021, regulated with fee development (years not stated)",
                Money::fromOre(433), "[001] §11"},
};

// The sources count patients per 1 February unless a year says otherwise [002].
Date defaultCensus(int year) { return Date(year, 2, 1); }

[[noreturn]] void fail(const std::string& file, const toml::source_region& at, const std::string& what) {
    throw ConfigError(fmt::format("{}:{}:{}: {}", file, at.begin.line, at.begin.column, what));
}

// Rates are strings ("3,65"): a TOML float would pass through binary
// floating point, and a TOML integer could be read as kroner or as øre.
Money readAmount(const std::string& file, const toml::node& node, std::string_view key, int year, bool zeroOk) {
    auto* s = node.as_string();
    if (!s)
        fail(file, node.source(),
             fmt::format("[{}] {} must be an amount in quotes, like {} = \"3,80\" — klynge counts whole øre "
                         "and never reads money through floating point",
                         year, key, key));
    Money m;
    try {
        m = Money::parse(s->get());
    } catch (const Error& e) {
        fail(file, node.source(), fmt::format("[{}] {}: {}", year, key, e.what()));
    }
    if (m < Money() || (!zeroOk && m == Money()))
        fail(file, node.source(),
             fmt::format("[{}] {} is {} — it must be {}", year, key, m.danish(), zeroOk ? "0 or more" : "more than 0"));
    if (m > Money::fromOre(100'000))
        fail(file, node.source(),
             fmt::format("[{}] {} is {} per patient — that is not plausible; check the number", year, key, m.danish()));
    return m;
}

Date readCensus(const std::string& file, const toml::node& node, int year) {
    std::optional<Date> d;
    if (auto* td = node.as_date()) {
        auto v = td->get();
        try {
            d = Date(v.year, v.month, v.day);
        } catch (const Error&) {
        }
    } else if (auto* s = node.as_string()) {
        d = Date::tryParse(s->get());
    }
    if (!d) fail(file, node.source(), fmt::format("[{}] census must be a date, like census = {}-02-01", year, year));
    // The count is taken early in the grant year, or late in the year before.
    if (d->year() != year && d->year() != year - 1)
        fail(file, node.source(),
             fmt::format("[{}] census {} is not in {} or {} — the census date is when the year's patients are "
                         "counted, like {}-02-01",
                         year, d->iso(), year - 1, year, year));
    return *d;
}

std::string readText(const std::string& file, const toml::node& node, std::string_view key, int year) {
    auto* s = node.as_string();
    if (!s || s->get().find_first_not_of(" \t") == std::string::npos)
        fail(file, node.source(), fmt::format("[{}] {} must be a non-empty string in quotes", year, key));
    if (s->get().find_first_of("\r\n") != std::string::npos)
        fail(file, node.source(), fmt::format("[{}] {} must be on one line", year, key));
    return s->get();
}

std::optional<int> yearKey(std::string_view key) {
    if (key.size() != 4 || key.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    int year = std::stoi(std::string(key));
    if (year < 2000 || year > 2100) return std::nullopt;
    return year;
}

std::string howToAdd(int year) {
    return fmt::format("\n[{}]\nrate = \"3,80\"          # kr per registered group-1 patient, in quotes\n"
                       "source = \"where the rate comes from (agreement, letter, web page)\"",
                       year);
}

} // namespace

RateTable RateTable::builtIn() {
    RateTable t;
    for (const auto& b : builtInYears) {
        GrantRate r;
        r.year = b.year;
        if (b.orePerPatient >= 0) r.perPatient = Money::fromOre(b.orePerPatient);
        r.census = defaultCensus(b.year);
        r.fapExtra = Money::fromOre(b.fapExtraOre);
        r.source = b.source;
        r.fapSource = b.fapSource;
        r.note = b.note;
        r.origin = "built-in";
        t.rates_[b.year] = r;
    }
    return t;
}

std::span<const UndatedRate> RateTable::undated() { return undatedRates; }

void RateTable::merge(std::string_view text, const std::string& file) {
    toml::table doc;
    try {
        doc = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        fail(file, e.source(), fmt::format("{} — fix the TOML syntax", e.description()));
    }
    for (auto&& [key, node] : doc) {
        auto year = yearKey(key.str());
        if (!year)
            fail(file, key.source(),
                 fmt::format("\"{}\" is not a year — each entry is a table named by its year, like [2026]",
                             key.str()));
        auto* table = node.as_table();
        if (!table)
            fail(file, key.source(),
                 fmt::format("{} must be a table: write [{}] on its own line, then rate = \"3,80\" and source = "
                             "\"...\" below it",
                             *year, *year));
        auto it = rates_.find(*year);
        GrantRate r = it != rates_.end() ? it->second : GrantRate{*year, std::nullopt, defaultCensus(*year), {}, "", "", "", ""};
        const toml::node *rate = nullptr, *census = nullptr, *fap = nullptr, *source = nullptr, *note = nullptr;
        for (auto&& [k, v] : *table) {
            const auto name = k.str();
            if (name == "rate") rate = &v;
            else if (name == "census") census = &v;
            else if (name == "fap_extra") fap = &v;
            else if (name == "source") source = &v;
            else if (name == "note") note = &v;
            else
                fail(file, k.source(),
                     fmt::format("unknown key \"{}\" in [{}] — the keys are rate, census, fap_extra, source and note",
                                 name, *year));
        }
        if (!source)
            fail(file, key.source(),
                 fmt::format("[{}] has no source — add source = \"...\" saying where the figures come from", *year));
        if (!rate && !census && !fap)
            fail(file, key.source(), fmt::format("[{}] sets nothing — add rate = \"3,80\" (or census, fap_extra)", *year));
        const std::string src = readText(file, *source, "source", *year);
        if (rate) {
            r.perPatient = readAmount(file, *rate, "rate", *year, false);
            r.source = src;
        }
        if (fap) {
            r.fapExtra = readAmount(file, *fap, "fap_extra", *year, true);
            r.fapSource = r.fapExtra == Money() ? "" : src;
        }
        if (census) {
            r.census = readCensus(file, *census, *year);
            if (!rate) r.note = fmt::format("census date from {}", src);
        }
        if (note) r.note = readText(file, *note, "note", *year);
        else if (rate) r.note.clear();
        r.origin = fmt::format("{}:{}", file, key.source().begin.line);
        rates_[*year] = std::move(r);
    }
}

void RateTable::mergeFile(const std::filesystem::path& file) {
    try {
        checkInputFile(file, "the rates file");
    } catch (const InvalidValue& e) {
        throw ConfigError(e.what()); // rates are configuration (exit 3)
    }
    std::ifstream in(file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    merge(buf.str(), file.filename().string());
}

const GrantRate* RateTable::find(int year) const {
    auto it = rates_.find(year);
    return it == rates_.end() ? nullptr : &it->second;
}

const GrantRate& RateTable::forYear(int year) const {
    const GrantRate* r = find(year);
    if (r && r->perPatient) return *r;
    std::string why;
    if (r && r->fapExtra > Money())
        why = fmt::format(" (the sources give 4,20 and 4,33 kr without years; the FAP extra of {} is built in and "
                          "is added to the rate you give)",
                          r->fapExtra.danish());
    else if (r && !r->note.empty())
        why = fmt::format(" ({})", r->note);
    throw RuleViolation(fmt::format("no grant rate is known for {}{} — a rate is never guessed; add the year to "
                                    "rates.toml in the workspace, or to a file given with --rates, like this:{}",
                                    year, why, howToAdd(year)));
}

std::vector<GrantRate> RateTable::years() const {
    std::vector<GrantRate> out;
    for (const auto& [year, r] : rates_) out.push_back(r);
    return out;
}

RateTable loadRates(const std::optional<std::filesystem::path>& workspaceRoot,
                    const std::optional<std::filesystem::path>& ratesFile) {
    RateTable t = RateTable::builtIn();
    if (workspaceRoot) {
        std::error_code ec;
        auto file = *workspaceRoot / "rates.toml";
        if (std::filesystem::exists(file, ec)) t.mergeFile(file);
    }
    if (ratesFile) t.mergeFile(*ratesFile);
    return t;
}

Money timesCount(Money perUnit, std::int64_t count) {
    std::int64_t ore = 0;
    if (__builtin_mul_overflow(perUnit.ore(), count, &ore))
        throw InvalidValue(fmt::format("{} × {} does not fit in the amounts klynge handles — check the counts",
                                       perUnit.danish(), count));
    return Money::fromOre(ore);
}

namespace {

Money checkedSum(Money a, Money b) {
    std::int64_t ore = 0;
    if (__builtin_add_overflow(a.ore(), b.ore(), &ore))
        throw InvalidValue("the total does not fit in the amounts klynge handles — check the counts");
    return Money::fromOre(ore);
}

} // namespace

void computeGrant(ClusterGrant& g) {
    g.operating = g.rate.perPatient ? timesCount(*g.rate.perPatient, g.patients) : Money();
    g.fapExtra = timesCount(g.rate.fapExtra, g.patients);
    g.foundingYear = g.foundedYear && *g.foundedYear == g.rate.year;
    g.startUp = g.foundingYear ? timesCount(startUpGrantPerCapacity, g.capacities) : Money();
    g.total = checkedSum(checkedSum(g.operating, g.fapExtra), g.startUp);
}

std::vector<std::string> explainGrant(const ClusterGrant& g) {
    const std::string patients = fmt::format("{} patient{}", danishCount(g.patients), g.patients == 1 ? "" : "s");
    std::vector<std::string> lines;
    if (g.rate.perPatient)
        lines.push_back(fmt::format("Rate {}:       {} per registered group-1 patient — {} ({})", g.rate.year,
                                    g.rate.perPatient->danish(), g.rate.source, g.rate.origin));
    lines.push_back(fmt::format("Census date:     {} — each practice's latest patient count on or before it",
                                g.rate.census.iso()));
    if (g.rate.perPatient)
        lines.push_back(fmt::format("Operating grant: {} × {} = {}", patients, g.rate.perPatient->danish(),
                                    g.operating.danish()));
    if (g.rate.fapExtra > Money())
        lines.push_back(fmt::format("FAP extra:       {} × {} = {}", patients, g.rate.fapExtra.danish(),
                                    g.fapExtra.danish()));
    else
        lines.push_back(fmt::format("FAP extra:       none in {}", g.rate.year));
    if (g.foundingYear) {
        // The one source for the amount: 10.000 kr per doctor capacity [000, 001] (DOMAIN.md "Money").
        lines.push_back(fmt::format("Start-up grant:  {} doctor capacit{} × {} = {} (founding year{}) [000, 001]",
                                    danishCount(g.capacities), g.capacities == 1 ? "y" : "ies",
                                    startUpGrantPerCapacity.danish(), g.startUp.danish(),
                                    g.founded ? fmt::format("; capacities as of {}", g.founded->iso()) : ""));
    } else if (g.foundedYear) {
        lines.push_back(fmt::format("Start-up grant:  none — founded {}; it is paid only in the founding year",
                                    g.founded ? g.founded->iso() : std::to_string(*g.foundedYear)));
    } else {
        lines.push_back("Start-up grant:  none — no founding date given (only the founding year has one; after the "
                        "founding assembly: klynge config set cluster.founded DATE)");
    }
    lines.push_back(fmt::format("Total:           {}", g.total.danish()));
    lines.push_back(fmt::format("Rounding:        {}", grantRoundingRule));
    return lines;
}


ClusterGrant grantForWorkspace(Store& store, const Config& config, const RateTable& rates, int year) {
    ClusterGrant g;
    g.rate = rates.forYear(year);
    g.cluster = config.clusterName();
    g.founded = config.date("cluster.founded");
    if (g.founded) g.foundedYear = g.founded->year();
    if (g.founded && year < g.founded->year())
        throw RuleViolation(fmt::format("{} was founded on {} — there is no grant for {}; give --year {} or later",
                                        g.cluster, g.founded->iso(), year, g.founded->year()));
    const Date census = g.rate.census;
    std::vector<std::string> problems;
    for (const auto& p : listPractices(store, census, false)) {
        if (!p.patients) {
            problems.push_back(fmt::format("practice {} ({}) has no patient count on or before {} — record it with "
                                           "`klynge practice set {} --patients N --as-of {}`",
                                           p.ydernummer, p.name, census.iso(), p.ydernummer, census.iso()));
            continue;
        }
        g.lines.push_back({p.ydernummer, p.name, *p.patients, *p.patientsAsOf, std::nullopt});
        g.patients += *p.patients;
    }
    g.practices = static_cast<std::int64_t>(g.lines.size());
    if (g.founded && g.founded->year() == year) {
        auto founders = listPractices(store, *g.founded, false);
        if (founders.empty())
            problems.push_back(fmt::format(
                "{} is the founding year, but no practice was a member on the founding date {} — record the founding "
                "practices with `klynge practice add YDERNR ... --joined {} --capacities N --as-of {}`",
                year, g.founded->iso(), g.founded->iso(), g.founded->iso()));
        for (const auto& p : founders) {
            if (!p.capacities) {
                problems.push_back(fmt::format("practice {} ({}) has no doctor capacities on or before the founding "
                                               "date {} — record them with `klynge practice set {} --capacities N "
                                               "--as-of {}`",
                                               p.ydernummer, p.name, g.founded->iso(), p.ydernummer, g.founded->iso()));
                continue;
            }
            g.capacities += *p.capacities;
            for (auto& line : g.lines)
                if (line.ydernummer == p.ydernummer) line.capacities = p.capacities;
        }
    }
    if (!problems.empty()) {
        std::string msg = fmt::format("the {} grant of {} cannot be computed — {} problem{} below; fix {} and run it "
                                      "again",
                                      year, g.cluster, problems.size(), problems.size() == 1 ? "" : "s",
                                      problems.size() == 1 ? "it" : "them");
        for (auto& p : problems) msg += "\n" + p;
        throw RuleViolation(msg);
    }
    if (g.lines.empty())
        g.warnings.push_back(fmt::format("no practice was a member on the census date {}, so the operating grant is "
                                         "0 — practices count from their --joined date",
                                         census.iso()));
    computeGrant(g);
    return g;
}

ClusterGrant sumGrants(const std::vector<ClusterGrant>& clusters, int year) {
    ClusterGrant t;
    t.cluster = "TOTAL";
    t.rate.year = year;
    t.practices = std::int64_t{0};
    bool sameRate = !clusters.empty();
    for (const auto& c : clusters) {
        if (c.practices && t.practices) *t.practices += *c.practices;
        else t.practices.reset();
        t.patients += c.patients;
        t.capacities += c.capacities;
        t.operating = checkedSum(t.operating, c.operating);
        t.fapExtra = checkedSum(t.fapExtra, c.fapExtra);
        t.startUp = checkedSum(t.startUp, c.startUp);
        t.total = checkedSum(t.total, c.total);
        const auto& first = clusters.front().rate;
        sameRate = sameRate && c.rate.perPatient == first.perPatient && c.rate.fapExtra == first.fapExtra &&
                   c.rate.census == first.census;
    }
    if (sameRate) t.rate = clusters.front().rate;
    else t.rate.perPatient.reset();
    return t;
}

} // namespace klynge
