// Charts drawn as SVG text by klynge itself (issue 17): vertical bars in
// groups, horizontal bars, and a line, with an axis ticked at round numbers,
// direct value labels and a legend. The same data gives the same bytes
// (coordinates are printed with one decimal), so git diffs of reports mean
// something.
//
// Readable without colour: the two series differ by pattern (solid, hatched)
// as well as by colour (a blue and an orange that colour-blind readers tell
// apart), and every bar carries its value as text. Every chart has a <title>,
// a <desc> and a viewBox, so it scales from a phone to A4.
//
// Each chart is laid out first (plain geometry the unit tests check) and then
// written as SVG from that layout.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace klynge::charts {

// Writes a value as a label: "15.000" for kroner, "12" for a count.
using Formatter = std::function<std::string(std::int64_t)>;

// A value axis from `min` to `max` in steps of `step`; both ends are ticks.
struct Axis {
    std::int64_t min = 0;
    std::int64_t max = 1;
    std::int64_t step = 1;
    std::vector<std::int64_t> ticks() const;
};

// The axis over lo..hi (0 always included) with at most `maxTicks` steps of
// 1, 2 or 5 times a power of ten, never smaller than `minStep` (100 øre: whole
// kroner; 1: whole counts).
Axis niceAxis(std::int64_t lo, std::int64_t hi, int maxTicks = 6, std::int64_t minStep = 1);

// Maps values on an axis to pixels between `from` (the axis's min) and `to`
// (its max); `to` may be smaller than `from` (a vertical axis grows upward).
struct Scale {
    Axis axis;
    double from = 0;
    double to = 1;
    double operator()(std::int64_t value) const;
};

// A text's width in pixels at a font size, estimated (no font metrics): wide
// enough for the sans-serif fonts of Debian's browsers.
double textWidth(const std::string& text, double fontSize);

struct Box {
    double x = 0, y = 0, width = 0, height = 0;
    bool overlaps(const Box& o) const;
};

// A text placed on the chart.
struct Label {
    std::string text;
    double x = 0, y = 0;
    double fontSize = 11;
    enum class Anchor { start, middle, end } anchor = Anchor::middle;
    Box box() const; // the estimated box, for overlap checks
};

// What every chart says about itself; `id` keeps its patterns apart from
// those of other charts in the same HTML document.
struct ChartText {
    std::string id;
    std::string title;
    std::string desc;
};

// ---- Vertical bars in groups: one group per category, one bar per series ----

struct Series {
    std::string name;
    std::vector<std::optional<std::int64_t>> values; // one per category; nullopt: no bar
};

struct ColumnChart {
    ChartText text;
    std::vector<std::string> categories;
    std::vector<Series> series; // at most two: solid and hatched
    std::string unit;           // under the axis: "kr."
    Formatter format;
    std::int64_t minStep = 1;
};

struct Bar {
    std::size_t series = 0;
    std::int64_t value = 0;
    Box box;
    Label label;      // the value, above (or beside) the bar
    std::string hint; // <title> of the bar: "Forplejning, regnskab: 4.225"
};

struct Layout {
    double width = 0, height = 0;
    Scale scale;
    std::vector<Label> ticks;      // the axis's labels
    std::vector<double> gridLines; // one per tick, in the scale's direction
    std::vector<Label> categories; // under (or beside) each group
    std::vector<Bar> bars;
    std::vector<Label> legend;     // one per series, right of its swatch
    std::vector<Box> swatches;
    Box plot;                      // the area inside the axes
};

Layout layoutColumns(const ColumnChart& chart);

// ---- Horizontal bars: one row per item, sorted as given ----

struct BarItem {
    std::string label;     // "Forplejning"
    std::int64_t value = 0;
    std::string valueText; // written at the bar's end; empty: the chart's format
};

struct BarChart {
    ChartText text;
    std::vector<BarItem> items;
    std::string seriesName; // the legend's one entry
    std::string unit;
    Formatter format;
    std::int64_t minStep = 1;
};

Layout layoutBars(const BarChart& chart);

// ---- A line through points (a step line: a value holds until the next) ----

struct Point {
    std::int64_t x = 0; // e.g. the day of the year
    std::int64_t y = 0;
};

struct XTick {
    std::int64_t x = 0;
    std::string label;
};

struct LineChart {
    ChartText text;
    std::int64_t xMin = 0, xMax = 1;
    std::vector<XTick> xTicks;
    std::vector<Point> points; // in x order
    std::string seriesName;
    std::string unit;
    Formatter format;
    std::int64_t minStep = 1;
};

struct LineLayout {
    Layout frame;               // axes, ticks, legend (no bars)
    std::vector<std::pair<double, double>> path; // the step line's corners
    std::vector<Label> xLabels;
    std::vector<Label> pointLabels; // the first, lowest, highest and last values
};

LineLayout layoutLine(const LineChart& chart);

// ---- SVG text ----

std::string columnSvg(const ColumnChart& chart);
std::string barSvg(const BarChart& chart);
std::string lineSvg(const LineChart& chart);

// &, <, >, " and ' as entities.
std::string escapeXml(const std::string& text);

} // namespace klynge::charts
