#include "klynge/charts/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

namespace klynge::charts {
namespace {

// Sizes in the viewBox's pixels; the page scales the whole.
constexpr double fontSize = 12;
constexpr double valueFontSize = 11;
constexpr double legendHeight = 30;
constexpr double columnPlotHeight = 260;
constexpr double columnBarWidth = 40;
constexpr double columnBarGap = 2;
constexpr double columnGroupGap = 16;
constexpr double barRowHeight = 26;
constexpr double barThickness = 16;
constexpr double barPlotWidth = 440;
constexpr double linePlotWidth = 640;
constexpr double linePlotHeight = 240;

// The two series: a solid blue and an orange hatching on white (the
// Okabe–Ito blue and vermillion, distinct in every common colour vision).
constexpr std::array<const char*, 2> seriesColour{"#0b4f8a", "#c4511a"};
constexpr const char* inkColour = "#1a1a1a";
constexpr const char* gridColour = "#d0d0d0";

std::size_t codePoints(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string px(double v) {
    // One decimal, and never "-0.0": the same geometry gives the same bytes.
    auto s = fmt::format("{:.1f}", v);
    if (s == "-0.0") s = "0.0";
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

std::int64_t pow10(int k) {
    std::int64_t p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

std::int64_t floorTo(std::int64_t v, std::int64_t step) {
    auto q = v / step;
    if (v % step != 0 && v < 0) --q;
    return q * step;
}

std::int64_t ceilTo(std::int64_t v, std::int64_t step) {
    auto q = v / step;
    if (v % step != 0 && v > 0) ++q;
    return q * step;
}

// Greedy word wrap into at most two lines of `width` pixels.
std::vector<std::string> wrap(const std::string& text, double width, double size) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word;
    while (words >> word) {
        if (!lines.empty() && (lines.size() == 2 || textWidth(lines.back() + " " + word, size) <= width))
            lines.back() += " " + word;
        else
            lines.push_back(word);
    }
    if (lines.empty()) lines.emplace_back();
    return lines;
}

const char* anchorName(Label::Anchor a) {
    switch (a) {
    case Label::Anchor::start: return "start";
    case Label::Anchor::end: return "end";
    default: return "middle";
    }
}

std::string fill(const std::string& id, std::size_t series) {
    return series == 0 ? fmt::format("fill=\"{}\"", seriesColour[0])
                       : fmt::format("fill=\"url(#{}-hatch)\" stroke=\"{}\" stroke-width=\"1\"", id, seriesColour[1]);
}

double widest(const std::vector<std::string>& texts, double size) {
    double w = 0;
    for (const auto& t : texts) w = std::max(w, textWidth(t, size));
    return w;
}

std::vector<std::int64_t> withZero(std::vector<std::int64_t> values) {
    values.push_back(0);
    return values;
}

// The value axis's tick labels and grid lines, vertical (y) or horizontal (x).
void placeTicks(Layout& l, const Formatter& format, bool vertical) {
    for (auto t : l.scale.axis.ticks()) {
        const double at = l.scale(t);
        l.gridLines.push_back(at);
        if (vertical)
            l.ticks.push_back({format(t), l.plot.x - 6, at + 4, valueFontSize, Label::Anchor::end});
        else
            l.ticks.push_back({format(t), at, l.plot.y + l.plot.height + 16, valueFontSize, Label::Anchor::middle});
    }
}

void placeLegend(Layout& l, const std::vector<std::string>& names, double x) {
    for (const auto& name : names) {
        l.swatches.push_back({x, 9, 14, 14});
        l.legend.push_back({name, x + 20, 20, fontSize, Label::Anchor::start});
        x += 20 + textWidth(name, fontSize) + 24;
    }
}

// ---- SVG writing ----

class Svg {
public:
    Svg(const ChartText& text, double width, double height) : id_(text.id) {
        os_ << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" class=\"chart\" "
                           "role=\"img\" aria-labelledby=\"{}-title {}-desc\" font-family=\"sans-serif\" "
                           "font-size=\"{}\" fill=\"{}\">\n",
                           px(width), px(height), id_, id_, px(fontSize), inkColour);
        os_ << fmt::format("<title id=\"{}-title\">{}</title>\n", id_, escapeXml(text.title));
        os_ << fmt::format("<desc id=\"{}-desc\">{}</desc>\n", id_, escapeXml(text.desc));
        os_ << fmt::format("<defs><pattern id=\"{}-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
                           "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
                           "<rect width=\"3\" height=\"6\" fill=\"{}\"/></pattern></defs>\n",
                           id_, seriesColour[1]);
    }
    void label(const Label& l, const char* cls) {
        os_ << fmt::format("<text class=\"{}\" x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{}\">{}</text>\n", cls,
                           px(l.x), px(l.y), px(l.fontSize), anchorName(l.anchor), escapeXml(l.text));
    }
    void line(double x1, double y1, double x2, double y2, const char* colour, double width = 1) {
        os_ << fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
                           px(x1), px(y1), px(x2), px(y2), colour, px(width));
    }
    void bar(const Bar& b) {
        os_ << fmt::format("<rect class=\"bar\" data-series=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}>"
                           "<title>{}</title></rect>\n",
                           b.series, px(b.box.x), px(b.box.y), px(b.box.width), px(b.box.height), fill(id_, b.series),
                           escapeXml(b.hint));
    }
    void frame(const Layout& l, bool vertical) {
        os_ << "<g class=\"grid\">\n";
        for (double g : l.gridLines) {
            if (vertical) line(l.plot.x, g, l.plot.x + l.plot.width, g, gridColour);
            else line(g, l.plot.y, g, l.plot.y + l.plot.height, gridColour);
        }
        os_ << "</g>\n<g class=\"ticks\">\n";
        for (const auto& t : l.ticks) label(t, "tick");
        os_ << "</g>\n<g class=\"legend\">\n";
        for (std::size_t i = 0; i < l.swatches.size(); ++i) {
            const auto& s = l.swatches[i];
            os_ << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>\n", px(s.x), px(s.y),
                               px(s.width), px(s.height), fill(id_, i));
            label(l.legend[i], "legend");
        }
        os_ << "</g>\n";
    }
    void bars(const Layout& l) {
        os_ << "<g class=\"bars\">\n";
        for (const auto& b : l.bars) bar(b);
        os_ << "</g>\n<g class=\"values\">\n";
        for (const auto& b : l.bars) label(b.label, "value");
        os_ << "</g>\n<g class=\"categories\">\n";
        for (const auto& c : l.categories) label(c, "category");
        os_ << "</g>\n";
    }
    void raw(const std::string& s) { os_ << s; }
    std::string done() {
        os_ << "</svg>\n";
        return os_.str();
    }

private:
    std::string id_;
    std::ostringstream os_;
};

} // namespace

std::vector<std::int64_t> Axis::ticks() const {
    std::vector<std::int64_t> out;
    for (auto t = min; t <= max; t += step) out.push_back(t);
    return out;
}

Axis niceAxis(std::int64_t lo, std::int64_t hi, int maxTicks, std::int64_t minStep) {
    lo = std::min<std::int64_t>(lo, 0);
    hi = std::max<std::int64_t>(hi, 0);
    if (hi == lo) hi = lo + minStep;
    maxTicks = std::max(maxTicks, 1);
    const std::int64_t span = hi - lo;
    for (int k = 0; k < 19; ++k) {
        for (std::int64_t m : {1, 2, 5}) {
            const std::int64_t step = m * pow10(k);
            if (step < minStep) continue;
            const auto min = floorTo(lo, step);
            const auto max = ceilTo(hi, step);
            if ((max - min) / step <= maxTicks) return {min, max, step};
        }
        if (pow10(k) > span) break;
    }
    return {lo, hi, span};
}

double Scale::operator()(std::int64_t value) const {
    const double span = static_cast<double>(axis.max - axis.min);
    return from + (to - from) * static_cast<double>(value - axis.min) / span;
}

double textWidth(const std::string& text, double size) {
    // DejaVu Sans, Debian's default: digits 0.64 em, letters about as wide.
    return static_cast<double>(codePoints(text)) * size * 0.64;
}

bool Box::overlaps(const Box& o) const {
    return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
}

Box Label::box() const {
    const double w = textWidth(text, fontSize);
    const double left = anchor == Anchor::start ? x : anchor == Anchor::end ? x - w : x - w / 2;
    return {left, y - fontSize * 0.8, w, fontSize};
}

Layout layoutColumns(const ColumnChart& c) {
    Layout l;
    const std::size_t n = std::max<std::size_t>(c.series.size(), 1);
    std::vector<std::int64_t> values;
    std::vector<std::string> tickTexts;
    for (const auto& s : c.series)
        for (const auto& v : s.values)
            if (v) values.push_back(*v);
    values = withZero(values);
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const Axis axis = niceAxis(*lo, *hi, 5, c.minStep);
    for (auto t : axis.ticks()) tickTexts.push_back(c.format(t));

    const double slot = static_cast<double>(n) * (columnBarWidth + columnBarGap) + columnGroupGap;
    const double left = widest(tickTexts, valueFontSize) + 14;
    const double top = legendHeight + 20;
    l.plot = {left, top, slot * static_cast<double>(c.categories.size()), columnPlotHeight};
    l.width = left + l.plot.width + 10;
    l.height = top + columnPlotHeight + 2 * fontSize + 24;
    l.scale = {axis, top + columnPlotHeight, top};
    placeTicks(l, c.format, true);

    const double zero = l.scale(0);
    for (std::size_t i = 0; i < c.categories.size(); ++i) {
        const double groupLeft = left + slot * static_cast<double>(i) + columnGroupGap / 2;
        for (std::size_t s = 0; s < c.series.size(); ++s) {
            const auto& v = c.series[s].values.at(i);
            if (!v) continue;
            const double x = groupLeft + static_cast<double>(s) * (columnBarWidth + columnBarGap);
            const double y = l.scale(*v);
            Bar b{s, *v, {x, std::min(y, zero), columnBarWidth, std::abs(zero - y)}, {}, {}};
            const double labelY = *v >= 0 ? y - 4 : y + valueFontSize + 2;
            b.label = {c.format(*v), x + columnBarWidth / 2, labelY, valueFontSize, Label::Anchor::middle};
            b.hint = fmt::format("{} — {}: {} {}", c.categories[i], c.series[s].name, c.format(*v), c.unit);
            // A wide label that would touch its neighbour's in the group goes a line higher.
            if (s > 0 && !l.bars.empty() && l.bars.back().label.box().overlaps(b.label.box()))
                b.label.y = std::min(b.label.y, l.bars.back().label.y) - valueFontSize - 1;
            l.bars.push_back(std::move(b));
        }
        const auto lines = wrap(c.categories[i], slot - 6, fontSize);
        for (std::size_t k = 0; k < lines.size(); ++k)
            l.categories.push_back({lines[k], groupLeft + (slot - columnGroupGap) / 2,
                                    top + columnPlotHeight + 16 + static_cast<double>(k) * (fontSize + 2), fontSize,
                                    Label::Anchor::middle});
    }
    std::vector<std::string> names;
    for (const auto& s : c.series) names.push_back(s.name);
    placeLegend(l, names, left);
    if (!c.unit.empty()) l.legend.push_back({c.unit, 4, top - 12, valueFontSize, Label::Anchor::start});
    return l;
}

Layout layoutBars(const BarChart& c) {
    Layout l;
    std::vector<std::int64_t> values;
    std::vector<std::string> labels, valueTexts, tickTexts;
    for (const auto& item : c.items) {
        values.push_back(item.value);
        labels.push_back(item.label);
        valueTexts.push_back(item.valueText.empty() ? c.format(item.value) : item.valueText);
    }
    values = withZero(values);
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const Axis axis = niceAxis(*lo, *hi, 5, c.minStep);
    for (auto t : axis.ticks()) tickTexts.push_back(c.format(t));

    const double left = widest(labels, fontSize) + 12;
    const double top = legendHeight + 8;
    const double rows = static_cast<double>(c.items.size());
    // Room right of the plot for the longest value and half the last tick.
    const double right = std::max(widest(valueTexts, valueFontSize), widest(tickTexts, valueFontSize) / 2) + 12;
    l.plot = {left, top, barPlotWidth, std::max(rows, 1.0) * barRowHeight};
    l.width = left + barPlotWidth + right;
    l.height = top + l.plot.height + 40;
    l.scale = {axis, left, left + barPlotWidth};
    placeTicks(l, c.format, false);

    const double zero = l.scale(0);
    for (std::size_t i = 0; i < c.items.size(); ++i) {
        const auto& item = c.items[i];
        const double rowTop = top + barRowHeight * static_cast<double>(i);
        const double x = l.scale(item.value);
        const double y = rowTop + (barRowHeight - barThickness) / 2;
        Bar b{0, item.value, {std::min(x, zero), y, std::abs(x - zero), barThickness}, {}, {}};
        const double baseline = y + barThickness / 2 + valueFontSize * 0.35;
        b.label = item.value >= 0 ? Label{valueTexts[i], std::max(x, zero) + 4, baseline, valueFontSize, Label::Anchor::start}
                                  : Label{valueTexts[i], x - 4, baseline, valueFontSize, Label::Anchor::end};
        b.hint = fmt::format("{}: {}{}", item.label, valueTexts[i], c.unit.empty() ? "" : " " + c.unit);
        l.bars.push_back(std::move(b));
        l.categories.push_back({item.label, left - 8, baseline, fontSize, Label::Anchor::end});
    }
    placeLegend(l, {c.seriesName}, left);
    if (!c.unit.empty())
        l.legend.push_back({c.unit, left + barPlotWidth, top + l.plot.height + 32, valueFontSize, Label::Anchor::end});
    return l;
}

LineLayout layoutLine(const LineChart& c) {
    LineLayout ll;
    Layout& l = ll.frame;
    std::vector<std::int64_t> values;
    std::vector<std::string> tickTexts;
    for (const auto& p : c.points) values.push_back(p.y);
    values = withZero(values);
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const Axis axis = niceAxis(*lo, *hi, 5, c.minStep);
    for (auto t : axis.ticks()) tickTexts.push_back(c.format(t));

    const double left = widest(tickTexts, valueFontSize) + 14;
    const double top = legendHeight + 24;
    l.plot = {left, top, linePlotWidth, linePlotHeight};
    l.width = left + linePlotWidth + 16;
    l.height = top + linePlotHeight + 40;
    l.scale = {axis, top + linePlotHeight, top};
    placeTicks(l, c.format, true);
    placeLegend(l, {c.seriesName}, left);
    if (!c.unit.empty()) l.legend.push_back({c.unit, 4, top - 14, valueFontSize, Label::Anchor::start});

    const double xSpan = static_cast<double>(std::max<std::int64_t>(c.xMax - c.xMin, 1));
    auto xAt = [&](std::int64_t x) { return left + linePlotWidth * static_cast<double>(x - c.xMin) / xSpan; };
    for (const auto& t : c.xTicks)
        ll.xLabels.push_back({t.label, xAt(t.x), top + linePlotHeight + 18, valueFontSize, Label::Anchor::middle});
    for (std::size_t i = 0; i < c.points.size(); ++i) {
        const double x = xAt(c.points[i].x);
        if (i > 0) ll.path.emplace_back(x, ll.path.back().second);
        ll.path.emplace_back(x, l.scale(c.points[i].y));
    }
    if (!c.points.empty()) ll.path.emplace_back(xAt(c.xMax), ll.path.back().second);

    // Direct labels: the last value, then the first, the highest and the
    // lowest where they do not cover one already placed.
    if (c.points.empty()) return ll;
    auto highest = std::max_element(c.points.begin(), c.points.end(), [](auto& a, auto& b) { return a.y < b.y; });
    auto lowest = std::min_element(c.points.begin(), c.points.end(), [](auto& a, auto& b) { return a.y < b.y; });
    for (auto it : {std::prev(c.points.end()), c.points.begin(), highest, lowest}) {
        const double x = it == std::prev(c.points.end()) ? xAt(c.xMax) : xAt(it->x);
        const double y = l.scale(it->y);
        const auto anchor = x > left + linePlotWidth - 60 ? Label::Anchor::end
                            : x < left + 60                ? Label::Anchor::start
                                                           : Label::Anchor::middle;
        Label label{c.format(it->y), x, y - 6 < top + 4 ? y + valueFontSize + 4 : y - 6, valueFontSize, anchor};
        const bool covers = std::any_of(ll.pointLabels.begin(), ll.pointLabels.end(),
                                        [&](const Label& o) { return o.box().overlaps(label.box()); });
        if (!covers) ll.pointLabels.push_back(label);
    }
    return ll;
}

std::string columnSvg(const ColumnChart& chart) {
    const auto l = layoutColumns(chart);
    Svg svg(chart.text, l.width, l.height);
    svg.frame(l, true);
    svg.bars(l);
    svg.line(l.plot.x, l.scale(0), l.plot.x + l.plot.width, l.scale(0), inkColour);
    return svg.done();
}

std::string barSvg(const BarChart& chart) {
    const auto l = layoutBars(chart);
    Svg svg(chart.text, l.width, l.height);
    svg.frame(l, false);
    svg.bars(l);
    svg.line(l.scale(0), l.plot.y, l.scale(0), l.plot.y + l.plot.height, inkColour);
    return svg.done();
}

std::string lineSvg(const LineChart& chart) {
    const auto ll = layoutLine(chart);
    const auto& l = ll.frame;
    Svg svg(chart.text, l.width, l.height);
    svg.frame(l, true);
    svg.line(l.plot.x, l.scale(0), l.plot.x + l.plot.width, l.scale(0), inkColour);
    svg.raw("<g class=\"x-ticks\">\n");
    for (const auto& x : ll.xLabels) {
        svg.line(x.x, l.plot.y + l.plot.height, x.x, l.plot.y + l.plot.height + 5, inkColour);
        svg.label(x, "tick");
    }
    svg.raw("</g>\n");
    std::string points;
    for (const auto& [x, y] : ll.path) points += (points.empty() ? "" : " ") + px(x) + "," + px(y);
    svg.raw(fmt::format("<polyline class=\"line\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>\n",
                        points, seriesColour[0]));
    svg.raw("<g class=\"values\">\n");
    for (const auto& p : ll.pointLabels) svg.label(p, "value");
    svg.raw("</g>\n");
    return svg.done();
}

std::string escapeXml(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace klynge::charts
