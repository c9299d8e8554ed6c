// The frame every klynge report shares (issue 17): one self-contained HTML
// file in Danish — inline CSS and SVG, no script, nothing fetched — that
// reads on a phone and a wide screen and prints on A4 with page numbers
// (a page break before each section).
#pragma once

#include "klynge/text/money.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace klynge::reports {

// A cell of a report's table; numbers are right-aligned.
struct HtmlCell {
    std::string text;
    bool number = false;
};
inline HtmlCell text(std::string s) { return {std::move(s), false}; }
inline HtmlCell number(std::string s) { return {std::move(s), true}; }

struct HtmlTable {
    std::string caption;
    std::vector<HtmlCell> header;
    std::vector<std::vector<HtmlCell>> rows;
    std::vector<HtmlCell> total; // empty: no total row
    std::string html() const;
};

// A chart with its caption; the SVG's <desc> is its text alternative, and
// the figure's table (or list) nearby holds the same numbers.
std::string figure(const std::string& svg, const std::string& caption);

// The whole document: <!DOCTYPE html>, lang="da", the stylesheet, `body`.
std::string htmlPage(const std::string& title, const std::string& body);

std::string escapeHtml(const std::string& s);
// The text with a full stop at its end, unless it ends with one ("kr.").
std::string sentence(std::string text);
// Whole kroner, rounded half away from zero: "15.000" (chart labels).
std::string wholeKroner(std::int64_t ore);
// "1.234,56" (table cells; the unit is in the heading).
inline std::string amount(Money m) { return m.danishNumber(); }

} // namespace klynge::reports
