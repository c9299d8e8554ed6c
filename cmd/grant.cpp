// klynge grant rates | calc (klynge-grant(1)): this cluster's grant with the
// arithmetic, several workspaces at once, or a region's batch file.
#include "cli.hpp"

#include "klynge/text/error.hpp"
#include "klynge/grants/grant.hpp"
#include "klynge/grants/batch.hpp"
#include "klynge/reports/grants.hpp"
#include "klynge/text/input_file.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace klynge::cli {
namespace {

struct CalcOptions {
    std::optional<int> year;
    std::vector<std::string> workspaces;
    std::string batch, rates;
    std::optional<std::string> output;
    bool html = false;

    // -o FILE as the guard of output_path.hpp sees it: never an input.
    OutputRequest outputRequest() const {
        OutputRequest r{.option = "-o", .given = output.value_or("")};
        for (const auto& input : {batch, rates})
            if (!input.empty() && input != "-") r.inputs.emplace_back(input);
        return r;
    }
};

// The workspace whose rates.toml applies: the one -C / KLYNGE_DIR names (an
// error if it is not one), else the nearest one upward, else none — a
// region's finance unit runs `grant rates` and batches outside any cluster.
std::optional<std::filesystem::path> ratesWorkspace(const Context& ctx) {
    std::optional<std::filesystem::path> dir;
    if (ctx.globals.dir) dir = *ctx.globals.dir;
    const char* env = std::getenv("KLYNGE_DIR");
    if (dir || (env && *env)) return locateWorkspace(dir).root;
    try {
        return locateWorkspace(std::nullopt).root;
    } catch (const ConfigError&) {
        return std::nullopt;
    }
}

std::optional<std::filesystem::path> optionalPath(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return std::filesystem::path(s);
}

out::Cell optMoney(const std::optional<Money>& m) { return m ? out::Cell(*m) : out::Cell(); }

void printRates(const Context& ctx, const RateTable& rates) {
    const auto years = rates.years();
    if (ctx.json()) {
        out::Json list = out::Json::array();
        for (const auto& r : years)
            list.push(out::Json::object()
                          .set("year", r.year)
                          .set("rate", out::Json(optMoney(r.perPatient)))
                          .set("census", r.census.iso())
                          .set("fap_extra", out::Json(out::Cell(r.fapExtra)))
                          .set("source", r.source)
                          .set("fap_source", r.fapSource)
                          .set("note", r.note)
                          .set("origin", r.origin));
        out::Json undated = out::Json::array();
        for (const auto& u : RateTable::undated())
            undated.push(out::Json::object()
                             .set("period", u.period)
                             .set("rate", out::Json(out::Cell(u.perPatient)))
                             .set("source", u.source));
        out::Json j = out::Json::object();
        j.set("rates", list)
            .set("undated", undated)
            .set("startup_per_capacity", out::Json(out::Cell(startUpGrantPerCapacity)))
            .set("startup_source", std::string(startUpGrantSource))
            .set("rounding", std::string(grantRoundingRule));
        return ctx.printJson(j);
    }
    // The table keeps to the figures and sources; notes follow it as footnotes.
    out::Table t{{{"year", "YEAR"}, {"rate", "RATE"}, {"census", "CENSUS"}, {"fap_extra", "FAP EXTRA"},
                  {"source", "SOURCE"}, {"fap_source", "FAP SOURCE"}, {"note", "NOTE"}, {"origin", "ORIGIN"}},
                 {}};
    if (ctx.table()) t.columns = {{"year", "YEAR"},       {"rate", "RATE"},     {"census", "CENSUS"},
                                  {"fap_extra", "FAP EXTRA"}, {"source", "SOURCE"}, {"origin", "ORIGIN"}};
    for (const auto& r : years) {
        std::vector<out::Cell> row{std::to_string(r.year), optMoney(r.perPatient), r.census,
                                   r.fapExtra > Money() ? out::Cell(r.fapExtra) : out::Cell()};
        if (ctx.table()) {
            row.push_back(r.source.empty() ? r.fapSource : r.fapSource.empty() ? r.source
                                                                                : r.source + "; FAP: " + r.fapSource);
            row.push_back(r.origin);
        } else {
            row.insert(row.end(), {r.source, r.fapSource, r.note, r.origin});
        }
        t.add(std::move(row));
    }
    ctx.print(t);
    if (!ctx.table()) return;
    ctx.out << "\nRates are kr per registered group-1 patient; a year without a rate is refused (add it in "
               "rates.toml).\n";
    for (const auto& r : years)
        if (!r.note.empty()) ctx.out << fmt::format("  {}: {}\n", r.year, r.note);
    ctx.out << fmt::format("Start-up grant: {} per doctor capacity, in the founding year only {}.\n"
                           "Rounding: {}.\n"
                           "Given without a year in the sources (never used for a year):\n",
                           startUpGrantPerCapacity.danish(), startUpGrantSource, grantRoundingRule);
    for (const auto& u : RateTable::undated())
        ctx.out << fmt::format("  {} — {} {}\n", u.perPatient.danish(), u.period, u.source);
}

// Prints (or writes to -o) through a sink that renders in the chosen format.
void emit(const Context& ctx, const CalcOptions& o, const std::function<void(const Context&)>& print) {
    if (!o.output) return print(ctx);
    std::ostringstream buf;
    Context into(buf, ctx.err);
    into.globals = ctx.globals;
    into.globals.quiet = true;
    print(into);
    writeFileAtomically(ctx, o.outputRequest(), [&](std::ostream& os) { os << buf.str(); });
}

// --html: the region's overview (reports/grants.hpp) instead of the table.
void emitHtml(const Context& ctx, const CalcOptions& o, const GrantOverview& overview) {
    const auto html = renderGrantOverview(overview, Date::today());
    if (!o.output) {
        ctx.out << html;
        return;
    }
    writeFileAtomically(ctx, o.outputRequest(), [&](std::ostream& os) { os << html; });
}

out::Table clusterTable(const std::vector<ClusterGrant>& clusters, const ClusterGrant& total) {
    out::Table t{{{"cluster", "CLUSTER"}, {"practices", "PRACTICES"}, {"patients", "PATIENTS"}, {"rate", "RATE"},
                  {"operating_grant", "OPERATING"}, {"fap_extra", "FAP EXTRA"}, {"capacities", "CAPACITIES"},
                  {"startup_grant", "START-UP"}, {"total", "TOTAL"}},
                 {}};
    auto add = [&](const ClusterGrant& g) {
        t.add({g.cluster, out::opt(g.practices), g.patients, optMoney(g.rate.perPatient), g.operating, g.fapExtra,
               g.foundingYear || (&g == &total && g.capacities > 0) ? out::Cell(g.capacities) : out::Cell(),
               g.startUp, g.total});
    };
    for (const auto& g : clusters) add(g);
    add(total);
    return t;
}

out::Json grantJson(const ClusterGrant& g) {
    out::Json j = out::Json::object();
    j.set("cluster", g.cluster)
        .set("practices", out::Json(out::opt(g.practices)))
        .set("patients", g.patients)
        .set("rate", out::Json(optMoney(g.rate.perPatient)))
        .set("fap_extra_rate", out::Json(out::Cell(g.rate.fapExtra)))
        .set("census", out::Json(out::Cell(g.rate.census)))
        .set("operating_grant", out::Json(out::Cell(g.operating)))
        .set("fap_extra", out::Json(out::Cell(g.fapExtra)))
        .set("founded", g.founded ? out::Json(g.founded->iso())
                                  : g.foundedYear ? out::Json(std::to_string(*g.foundedYear)) : out::Json())
        .set("founding_year", g.foundingYear)
        .set("capacities", g.capacities)
        .set("startup_grant", out::Json(out::Cell(g.startUp)))
        .set("total", out::Json(out::Cell(g.total)));
    return j;
}

void printSummary(const Context& ctx, const std::vector<ClusterGrant>& clusters, const ClusterGrant& total,
                  int year, const std::string& kind, std::uint64_t rows) {
    if (ctx.json()) {
        out::Json list = out::Json::array();
        for (const auto& g : clusters) list.push(grantJson(g));
        out::Json tot = grantJson(total);
        out::Json j = out::Json::object();
        j.set("year", year)
            .set("input", kind)
            .set("rows", static_cast<std::int64_t>(rows))
            .set("rate", out::Json(optMoney(total.rate.perPatient)))
            .set("rounding", std::string(grantRoundingRule))
            .set("startup_per_capacity", out::Json(out::Cell(startUpGrantPerCapacity)))
            .set("clusters", list)
            .set("total", tot);
        return ctx.printJson(j);
    }
    ctx.print(clusterTable(clusters, total));
    if (!ctx.table()) return;
    const auto& r = total.rate;
    if (r.perPatient)
        ctx.out << fmt::format("\nRate {}: {} per registered group-1 patient{}, counted per {} — {} ({})\n", year,
                               r.perPatient->danish(),
                               r.fapExtra > Money() ? fmt::format(" + FAP extra {}", r.fapExtra.danish()) : "",
                               r.census.iso(), r.source, r.origin);
    else
        ctx.out << fmt::format("\nRates {}: the clusters' rates differ (see RATE; each workspace's rates.toml)\n", year);
    ctx.out << fmt::format("Start-up grant: {} per doctor capacity, only for clusters in their founding year.\n"
                           "Rounding: {}.\n",
                           startUpGrantPerCapacity.danish(), grantRoundingRule);
}

void printWorkspaceGrant(const Context& ctx, const ClusterGrant& g) {
    const bool founding = g.foundingYear;
    if (ctx.json()) {
        out::Json j = grantJson(g);
        out::Json lines = out::Json::array();
        for (const auto& l : g.lines)
            lines.push(out::Json::object()
                           .set("ydernummer", l.ydernummer)
                           .set("name", l.name)
                           .set("patients", l.patients)
                           .set("counted_as_of", l.countedAsOf.iso())
                           .set("capacities", out::Json(out::opt(l.capacities))));
        out::Json explanation = out::Json::array();
        for (const auto& e : explainGrant(g)) explanation.push(e);
        out::Json warnings = out::Json::array();
        for (const auto& w : g.warnings) warnings.push(w);
        j.set("year", g.rate.year)
            .set("rate_source", g.rate.source)
            .set("rate_origin", g.rate.origin)
            .set("startup_per_capacity", out::Json(out::Cell(startUpGrantPerCapacity)))
            .set("rounding", std::string(grantRoundingRule))
            .set("practice_counts", lines)
            .set("explanation", explanation)
            .set("warnings", warnings);
        return ctx.printJson(j);
    }
    if (!ctx.table()) return ctx.print(clusterTable({g}, sumGrants({g}, g.rate.year)));
    ctx.out << fmt::format("{} — grant {}\n\n", g.cluster, g.rate.year);
    out::Table t{{{"ydernummer", "YDERNR"}, {"name", "PRACTICE"}, {"patients", "PATIENTS"}, {"counted", "COUNTED"}},
                 {}};
    if (founding) t.columns.push_back({"capacities", "CAPACITIES"});
    for (const auto& l : g.lines) {
        std::vector<out::Cell> row{l.ydernummer, l.name, l.patients, l.countedAsOf};
        if (founding) row.push_back(out::opt(l.capacities));
        t.add(std::move(row));
    }
    std::vector<out::Cell> sum{std::string("TOTAL"), std::string(), g.patients, out::Cell()};
    if (founding) sum.push_back(g.capacities);
    t.add(std::move(sum));
    ctx.print(t);
    ctx.out << '\n';
    for (const auto& e : explainGrant(g)) ctx.out << e << '\n';
}

// --workspace DIR...: each cluster from its own workspace and rates.toml.
void calcWorkspaces(const Context& ctx, const CalcOptions& o, int year) {
    std::vector<ClusterGrant> grants;
    std::vector<std::string> problems;
    std::optional<ExitCode> code;
    std::map<std::string, std::string> ydernummerIn; // ydernummer -> workspace
    std::set<std::filesystem::path> roots;
    for (const auto& dir : o.workspaces) {
        try {
            auto session = Session::open(std::filesystem::path(dir), Store::Mode::readOnly);
            const auto root = std::filesystem::weakly_canonical(session.paths().root);
            if (!roots.insert(root).second)
                throw InvalidValue(fmt::format("the workspace {} is given twice — give each cluster once", root.string()));
            auto rates = loadRates(session.paths().root, optionalPath(o.rates));
            auto g = grantForWorkspace(session.store(), session.config(), rates, year);
            for (const auto& l : g.lines) {
                auto [it, fresh] = ydernummerIn.emplace(l.ydernummer, dir);
                if (!fresh)
                    throw RuleViolation(fmt::format("practice {} is also in {} — a practice belongs to one cluster; "
                                                    "remove it from one of them",
                                                    l.ydernummer, it->second));
            }
            for (const auto& w : g.warnings) ctx.warn(fmt::format("{}: {}", dir, w));
            grants.push_back(std::move(g));
        } catch (const Error& e) {
            if (!code) code = e.code();
            problems.push_back(fmt::format("{}: {}", dir, e.what()));
        }
    }
    if (!problems.empty()) {
        std::string msg = fmt::format("{} of {} workspaces could not be computed — fix them and run it again",
                                      problems.size(), o.workspaces.size());
        for (const auto& p : problems) msg += "\n" + p;
        throw Error(*code, msg);
    }
    auto total = sumGrants(grants, year);
    if (o.html)
        emitHtml(ctx, o, {year, grants, total, fmt::format("{} arbejdsmapper", grants.size()), grants.size()});
    else
        emit(ctx, o, [&](const Context& c) { printSummary(c, grants, total, year, "workspaces", 0); });
    if (o.output && !ctx.globals.dryRun)
        ctx.note(fmt::format("Wrote the grants of {} clusters to {}", grants.size(), *o.output));
}

// A progress bar on stderr, only when stderr is a terminal (DESIGN.md).
class ProgressBar {
public:
    ProgressBar(const Context& ctx, const std::string& file) : err_(ctx.err) {
        std::error_code ec;
        if (!ctx.globals.quiet && isatty(STDERR_FILENO) && file != "-") size_ = std::filesystem::file_size(file, ec);
        if (ec) size_ = 0;
    }
    ~ProgressBar() {
        if (drawn_) err_ << "\r\033[K" << std::flush;
    }
    BatchProgress callback() {
        BatchProgress p;
        if (size_ == 0) return p;
        p.onProgress = [this](std::uint64_t rows, std::int64_t bytes) {
            if (bytes < 0) return;
            const auto percent = static_cast<int>(static_cast<std::uintmax_t>(bytes) * 100 / size_);
            if (percent == percent_) return;
            percent_ = percent;
            drawn_ = true;
            const int filled = percent * 30 / 100;
            err_ << fmt::format("\r[{}{}] {:3}%  {} rows", std::string(static_cast<std::size_t>(filled), '#'),
                                std::string(static_cast<std::size_t>(30 - filled), ' '), percent,
                                out::danishCount(static_cast<std::int64_t>(rows)))
                 << std::flush;
        };
        return p;
    }

private:
    std::ostream& err_;
    std::uintmax_t size_ = 0;
    int percent_ = -1;
    bool drawn_ = false;
};

void calcBatch(const Context& ctx, const CalcOptions& o, int year) {
    auto rates = loadRates(ratesWorkspace(ctx), optionalPath(o.rates));
    const GrantRate& rate = rates.forYear(year);
    std::ifstream file;
    std::istream* in = &std::cin;
    std::string source = "stdin";
    if (o.batch != "-") {
        file = openInputFile(o.batch, "--batch");
        in = &file;
        source = std::filesystem::path(o.batch).filename().string();
    }
    BatchResult result;
    {
        ProgressBar bar(ctx, o.batch);
        result = grantBatch(*in, source, rate, bar.callback());
    }
    const std::string kind = result.layout == BatchLayout::perPractice ? "practices" : "clusters";
    if (o.html)
        emitHtml(ctx, o, {year, result.clusters, result.total, source, result.rows});
    else
        emit(ctx, o,
             [&](const Context& c) { printSummary(c, result.clusters, result.total, year, kind, result.rows); });
    if (o.output && !ctx.globals.dryRun)
        ctx.note(fmt::format("Wrote the grants of {} clusters ({} rows read) to {}", result.clusters.size(),
                             out::danishCount(static_cast<std::int64_t>(result.rows)), *o.output));
}

void calcHere(const Context& ctx, const CalcOptions& o, int year) {
    auto session = ctx.open(Store::Mode::readOnly);
    auto rates = loadRates(session.paths().root, optionalPath(o.rates));
    auto g = grantForWorkspace(session.store(), session.config(), rates, year);
    for (const auto& w : g.warnings) ctx.warn(w);
    emit(ctx, o, [&](const Context& c) { printWorkspaceGrant(c, g); });
    if (o.output && !ctx.globals.dryRun)
        ctx.note(fmt::format("Wrote the {} grant of {} to {}", year, g.cluster, *o.output));
}

} // namespace

void registerGrant(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("grant", "The yearly grant: rates, this cluster's grant, or a region's batch");
    grp->require_subcommand(1);

    auto ratesFile = std::make_shared<std::string>();
    auto* rates = grp->add_subcommand("rates", "The rate table, each rate with its source");
    rates->add_option("--rates", *ratesFile, "Also read this rates file (after the workspace's rates.toml)")
        ->type_name("FILE");
    rates->callback([&ctx, ratesFile] { printRates(ctx, loadRates(ratesWorkspace(ctx), optionalPath(*ratesFile))); });

    auto o = std::make_shared<CalcOptions>();
    auto* calc = grp->add_subcommand("calc", "A grant with its arithmetic: this cluster, --workspace DIR..., or "
                                             "--batch FILE.csv");
    calc->add_option("--year", o->year, "The grant year (default: this year)")->type_name("YEAR")->check(yearBetween(2000, 2100));
    auto* ws = calc->add_option("--workspace", o->workspaces, "Several cluster workspaces, one row each")
                   ->type_name("DIR")
                   ->expected(1, -1);
    calc->add_option("--batch", o->batch,
                     "A region's CSV: cluster,ydernummer,patients[,capacities][,founded] or cluster,patients "
                     "(',' or ';'; - reads stdin)")
        ->type_name("FILE")
        ->excludes(ws);
    calc->add_option("--rates", o->rates, "Also read this rates file (after the workspace's rates.toml)")
        ->type_name("FILE");
    calc->add_option("-o,--output", o->output, "Write the result to FILE (atomically) instead of stdout")
        ->type_name("FILE");
    calc->add_flag("--html", o->html,
                   "With --batch or --workspace: a Danish HTML overview with charts (self-contained; -o FILE.html)");
    calc->callback([&ctx, o] {
        const int year = o->year.value_or(Date::today().year());
        if (o->html && o->batch.empty() && o->workspaces.empty())
            throw InvalidValue("--html draws a region's overview: give --batch FILE or --workspace DIR...");
        // A bad -o is refused before a long batch is read, not after.
        if (o->output) {
            auto request = o->outputRequest();
            request.workspace = workspaceIfAny(ctx);
            checkedOutputPath(request);
        }
        if (!o->batch.empty()) return calcBatch(ctx, *o, year);
        if (!o->workspaces.empty()) return calcWorkspaces(ctx, *o, year);
        calcHere(ctx, *o, year);
    });
}

} // namespace klynge::cli
