// The chart unit's geometry (issue 17): round ticks, a bar's length is its
// value on the axis's scale, labels do not overlap at the demo's sizes, and
// the same data gives the same bytes.
#include "klynge/charts/svg.hpp"
#include "klynge/text/numbers.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <regex>

using namespace klynge;
using namespace klynge::charts;

namespace {

Formatter kroner() {
    return [](std::int64_t ore) { return danishCount(ore / 100); };
}

// The demo's 2025 expenses: budget and actual in øre (examples/demo.sh).
ColumnChart demoBudget() {
    ColumnChart c;
    c.text = {"budget", "Budget og regnskab 2025", "Søjler pr. kategori."};
    c.categories = {"Honorar", "Forplejning", "Lokaleleje", "Oplægsholder", "Materialer", "Konferencer", "Kørsel"};
    c.series = {{"Budget", {6000000, 1500000, 800000, 1000000, 200000, 600000, std::nullopt}},
                {"Regnskab", {5250000, 486500, 220000, 450000, 31250, 0, 45720}}};
    c.unit = "kr.";
    c.format = kroner();
    c.minStep = 100;
    return c;
}

void noOverlaps(const std::vector<Label>& labels) {
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            INFO(labels[i].text << " and " << labels[j].text);
            CHECK_FALSE(labels[i].box().overlaps(labels[j].box()));
        }
}

bool roundStep(std::int64_t step) {
    while (step % 10 == 0) step /= 10;
    return step == 1 || step == 2 || step == 5;
}

} // namespace

TEST_CASE("the axis ticks at round numbers, covering the values and 0") {
    struct Case {
        std::int64_t lo, hi, minStep;
        Axis expected;
    };
    const Case cases[] = {
        {0, 6000000, 100, {0, 6000000, 1000000}},     // 60.000 kr: 0, 10.000, ..., 60.000
        {0, 5250000, 100, {0, 6000000, 1000000}},     // 52.500 kr: in steps of 10.000
        {0, 28, 1, {0, 30, 5}},                       // attendance: 0, 5, ..., 30
        {0, 3, 1, {0, 3, 1}},                         // small counts stay whole
        {-150000, 400000, 100, {-200000, 400000, 100000}},
        {0, 0, 100, {0, 100, 100}},                   // nothing: one step
        {0, 20340000, 100, {0, 25000000, 5000000}},   // the klyngesaldo's 203.400 kr
    };
    for (const auto& c : cases) {
        INFO(c.lo << ".." << c.hi);
        const auto a = niceAxis(c.lo, c.hi, 6, c.minStep);
        CHECK(a.min == c.expected.min);
        CHECK(a.max == c.expected.max);
        CHECK(a.step == c.expected.step);
    }
    for (std::int64_t hi : {1, 7, 99, 101, 4865, 141941, 6283516, 987654321}) {
        const auto a = niceAxis(0, hi, 5, 1);
        CHECK(roundStep(a.step));
        CHECK(a.min <= 0);
        CHECK(a.max >= hi);
        CHECK((a.max - a.min) / a.step <= 5);
        CHECK(a.ticks().front() == a.min);
        CHECK(a.ticks().back() == a.max);
    }
}

TEST_CASE("a column's height is its value on the axis's scale") {
    const auto c = demoBudget();
    const auto l = layoutColumns(c);
    REQUIRE(l.bars.size() == 13); // Kørsel has no budget: no bar
    const double perOre = l.plot.height / static_cast<double>(l.scale.axis.max - l.scale.axis.min);
    for (const auto& b : l.bars) {
        INFO(b.label.text);
        CHECK(b.box.height == doctest::Approx(static_cast<double>(b.value) * perOre).epsilon(1e-9));
        CHECK(b.box.y + b.box.height == doctest::Approx(l.scale(0))); // standing on the zero line
        CHECK(b.label.y < b.box.y);                                  // its value above it
    }
    CHECK(l.bars[0].label.text == "60.000");
    CHECK(l.bars[1].label.text == "52.500");
    CHECK(l.bars[1].series == 1);
    // Ticks: round, and on the grid lines.
    REQUIRE(l.ticks.size() == l.gridLines.size());
    for (std::size_t i = 0; i < l.ticks.size(); ++i) CHECK(l.gridLines[i] == doctest::Approx(l.ticks[i].y - 4));
}

TEST_CASE("labels do not overlap at the demo's sizes") {
    const auto l = layoutColumns(demoBudget());
    std::vector<Label> values;
    for (const auto& b : l.bars) values.push_back(b.label);
    noOverlaps(values);
    noOverlaps(l.categories);
    noOverlaps(l.ticks);
    noOverlaps(l.legend);

    BarChart h;
    h.text = {"udgifter", "Udgifter 2025", "Vandrette søjler."};
    h.items = {{"Honorar", 5250000, "52.500,00"}, {"Forplejning", 486500, "4.865,00"},
               {"Oplægsholder", 450000, "4.500,00"}, {"Lokaleleje", 220000, "2.200,00"},
               {"Kørsel", 45720, "457,20"}, {"Materialer", 31250, "312,50"}};
    h.format = kroner();
    h.minStep = 100;
    const auto hl = layoutBars(h);
    std::vector<Label> all = hl.categories;
    for (const auto& b : hl.bars) {
        all.push_back(b.label);
        // A bar's length is its value on the scale; its label starts past its end.
        CHECK(b.box.width == doctest::Approx(hl.scale(b.value) - hl.scale(0)));
        CHECK(b.label.box().x >= b.box.x + b.box.width);
        CHECK(b.label.box().x + b.label.box().width <= hl.width);
    }
    noOverlaps(all);
    noOverlaps(hl.ticks);

    LineChart line;
    line.text = {"saldo", "Klyngesaldoen gennem 2025", "Saldoen."};
    line.xMin = 0;
    line.xMax = 365;
    for (int m = 0; m < 12; ++m) line.xTicks.push_back({m * 30, "jan."});
    line.points = {{0, 0}, {1, 6148235}, {32, 20342355}, {71, 20152355}, {133, 19969855}, {365, 19374855}};
    line.format = kroner();
    line.minStep = 100;
    const auto ll = layoutLine(line);
    noOverlaps(ll.pointLabels);
    noOverlaps(ll.xLabels);
    REQUIRE_FALSE(ll.pointLabels.empty());
    CHECK(ll.pointLabels.front().text == "193.748"); // the year's last value first
}

TEST_CASE("the step line holds each value until the next point") {
    LineChart line;
    line.text = {"l", "t", "d"};
    line.xMin = 0;
    line.xMax = 10;
    line.points = {{0, 100}, {5, 300}};
    line.format = [](std::int64_t v) { return std::to_string(v); };
    const auto ll = layoutLine(line);
    REQUIRE(ll.path.size() == 4); // (0,100) (5,100) (5,300) (10,300)
    CHECK(ll.path[0].second == doctest::Approx(ll.frame.scale(100)));
    CHECK(ll.path[1].first == doctest::Approx(ll.path[2].first));
    CHECK(ll.path[1].second == doctest::Approx(ll.path[0].second));
    CHECK(ll.path[3].first == doctest::Approx(ll.frame.plot.x + ll.frame.plot.width));
    CHECK(ll.path[3].second == doctest::Approx(ll.frame.scale(300)));
}

TEST_CASE("the SVG: the same data gives the same bytes, with title, desc, viewBox and escaped text") {
    auto c = demoBudget();
    c.categories[0] = "Honorar & <løn>";
    const auto a = columnSvg(c), b = columnSvg(c);
    CHECK(a == b);
    CHECK(a.find("<title id=\"budget-title\">Budget og regnskab 2025</title>") != std::string::npos);
    CHECK(a.find("<desc id=\"budget-desc\">Søjler pr. kategori.</desc>") != std::string::npos);
    CHECK(std::regex_search(a, std::regex("viewBox=\"0 0 [0-9.]+ [0-9.]+\"")));
    CHECK(a.find("Honorar &amp; &lt;løn&gt;") != std::string::npos);
    CHECK(a.find("<løn>") == std::string::npos);
    // The two series differ by pattern, not colour alone; the pattern's id is the chart's own.
    CHECK(a.find("<pattern id=\"budget-hatch\"") != std::string::npos);
    CHECK(a.find("fill=\"url(#budget-hatch)\"") != std::string::npos);
    // One decimal at most, never a "-0".
    CHECK_FALSE(std::regex_search(a, std::regex("[0-9]\\.[0-9]{2}\"")));
    CHECK(a.find("\"-0\"") == std::string::npos);
}
