#include "klynge/reports/html.hpp"

#include "klynge/charts/svg.hpp"
#include "klynge/text/numbers.hpp"

#include <fmt/format.h>

namespace klynge::reports {
namespace {

// Screen: one column on a phone, tables beside their chart from 1000 px.
// Print: A4, a page per section, page numbers at the foot (WeasyPrint and
// Chromium both draw @page margin boxes).
constexpr std::string_view stylesheet = R"css(
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a; background: #ffffff;
       line-height: 1.4; margin: 0 auto; padding: 1rem; max-width: 75rem; font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #0b4f8a; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p.lead { margin: 0 0 1rem; color: #333333; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid #c8c8c8; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #1a1a1a; }
.n { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #1a1a1a; }
figure { margin: .5rem 0 1.2rem; }
figcaption { font-size: .9rem; color: #333333; margin-top: .2rem; }
svg.chart { display: block; width: 100%; height: auto; }
.pair { display: grid; grid-template-columns: 1fr; gap: 1.5rem; }
ul { margin: .3rem 0 1rem; padding-left: 1.3rem; }
@media (min-width: 1000px) { .pair { grid-template-columns: 1fr 1fr; align-items: start; }
                             .pair.wide-right { grid-template-columns: 2fr 3fr; } }
@page { size: A4; margin: 16mm 15mm 18mm;
        @bottom-center { content: "Side " counter(page) " af " counter(pages); font-size: 9pt; color: #333333; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .pair { grid-template-columns: 1fr; gap: 0; }
  section + section { break-before: page; }
  h2 { margin-top: 0; }
  table, figure { break-inside: avoid; }
  svg.chart { max-height: 105mm; }
}
)css";

} // namespace

std::string escapeHtml(const std::string& s) { return charts::escapeXml(s); }

std::string sentence(std::string text) {
    if (text.empty() || text.back() != '.') text += '.';
    return text;
}

std::string wholeKroner(std::int64_t ore) {
    const std::int64_t kroner = ore >= 0 ? (ore + 50) / 100 : -((-ore + 50) / 100);
    return danishCount(kroner);
}

std::string HtmlTable::html() const {
    auto cell = [](const char* tag, const HtmlCell& c) {
        return fmt::format("<{}{}>{}</{}>", tag, c.number ? " class=\"n\"" : "", escapeHtml(c.text), tag);
    };
    std::string out = "<table>\n";
    if (!caption.empty()) out += fmt::format("<caption>{}</caption>\n", escapeHtml(caption));
    out += "<thead><tr>";
    for (const auto& h : header) out += cell("th", h);
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : rows) {
        out += "<tr>";
        for (const auto& c : row) out += cell("td", c);
        out += "</tr>\n";
    }
    if (!total.empty()) {
        out += "<tr class=\"total\">";
        for (const auto& c : total) out += cell("td", c);
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

std::string figure(const std::string& svg, const std::string& caption) {
    return fmt::format("<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n", svg, escapeHtml(caption));
}

std::string htmlPage(const std::string& title, const std::string& body) {
    return fmt::format("<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
                       escapeHtml(title), stylesheet, body);
}

} // namespace klynge::reports
