#include "klynge/reports/grants.hpp"

#include "klynge/charts/svg.hpp"
#include "klynge/reports/html.hpp"
#include "klynge/text/numbers.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace klynge {
namespace {

using reports::HtmlTable;
using reports::amount;
using reports::escapeHtml;
using reports::number;
using reports::text;

std::string optAmount(const std::optional<Money>& m) { return m ? amount(*m) : ""; }

HtmlTable grantTable(const GrantOverview& o) {
    HtmlTable t;
    t.caption = "Beløb i kr.";
    t.header = {text("Klynge"),           number("Praksis"),     number("Patienter"),
                number("Sats pr. patient"), number("Driftstilskud"), number("FAP-tillæg"),
                number("Kapaciteter"),    number("Etableringstilskud"), number("Tilskud i alt")};
    auto row = [](const ClusterGrant& g, bool total) {
        return std::vector<reports::HtmlCell>{
            text(total ? "I alt" : g.cluster),
            number(g.practices ? danishCount(*g.practices) : ""),
            number(danishCount(g.patients)),
            number(optAmount(g.rate.perPatient)),
            number(amount(g.operating)),
            number(amount(g.fapExtra)),
            number(g.foundingYear || (total && g.capacities > 0) ? danishCount(g.capacities) : ""),
            number(amount(g.startUp)),
            number(amount(g.total))};
    };
    for (const auto& g : o.clusters) t.rows.push_back(row(g, false));
    t.total = row(o.total, true);
    return t;
}

// One horizontal bar per cluster, largest first (ties in name order).
std::string clusterChart(const GrantOverview& o, const std::string& id, const std::string& title,
                         const std::string& series, const std::function<std::int64_t(const ClusterGrant&)>& value,
                         const std::function<std::string(std::int64_t)>& exact, const charts::Formatter& ticks,
                         std::int64_t minStep, const std::string& unit) {
    std::vector<const ClusterGrant*> sorted;
    for (const auto& g : o.clusters) sorted.push_back(&g);
    std::stable_sort(sorted.begin(), sorted.end(), [&](auto* a, auto* b) { return value(*a) > value(*b); });
    charts::BarChart c;
    c.text.id = id;
    c.text.title = title;
    std::string desc;
    for (const auto* g : sorted) {
        c.items.push_back({g->cluster, value(*g), exact(value(*g))});
        desc += fmt::format("{}{}: {}{}", desc.empty() ? "" : "; ", g->cluster, exact(value(*g)),
                            unit.empty() ? "" : " " + unit);
    }
    c.text.desc = reports::sentence("Vandrette søjler, største øverst. " + desc);
    c.seriesName = series;
    c.unit = unit;
    c.format = ticks;
    c.minStep = minStep;
    return reports::figure(charts::barSvg(c), title + ".");
}

} // namespace

std::string renderGrantOverview(const GrantOverview& o, Date made) {
    const auto title = fmt::format("Klyngetilskud {}", o.year);
    const auto& r = o.total.rate;
    std::string body = fmt::format("<header>\n<h1>{}</h1>\n<p class=\"lead\">{} klynger med i alt {} tilmeldte "
                                   "patienter får i alt <strong>{} kr.</strong> i {}.{} Opgjort den {} ud fra {} "
                                   "({} rækker).</p>\n</header>\n",
                                   title, o.clusters.size(), danishCount(o.total.patients), amount(o.total.total),
                                   o.year,
                                   r.perPatient ? fmt::format(" Satsen er {} kr. pr. tilmeldt patient, talt pr. {}.",
                                                              amount(*r.perPatient), r.census.danishLong())
                                                : "",
                                   made.danishLong(), escapeHtml(o.source), danishCount(static_cast<std::int64_t>(o.rows)));
    const charts::Formatter kroner = [](std::int64_t ore) { return reports::wholeKroner(ore); };
    const charts::Formatter count = [](std::int64_t n) { return danishCount(n); };
    body += fmt::format("<section>\n<h2>Tilskud pr. klynge</h2>\n{}</section>\n", grantTable(o).html());
    body += "<section>\n<h2>Klyngerne side om side</h2>\n<div class=\"pair\">\n<div>\n";
    body += clusterChart(
        o, "tilskud", fmt::format("Tilskud {} pr. klynge", o.year), "Tilskud i alt",
        [](const ClusterGrant& g) { return g.total.ore(); }, [](std::int64_t ore) { return amount(Money::fromOre(ore)); },
        kroner, 100, "kr.");
    body += "</div>\n<div>\n";
    body += clusterChart(
        o, "patienter", fmt::format("Tilmeldte patienter pr. klynge {}", o.year), "Tilmeldte patienter",
        [](const ClusterGrant& g) { return g.patients; }, count, count, 1, "");
    body += "</div>\n</div>\n</section>\n";
    return reports::htmlPage(title, body);
}

} // namespace klynge
