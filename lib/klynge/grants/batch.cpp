// Streaming batch grants for a region (klynge-grant(1), BATCH FILE). One pass
// over the file: each row is checked and added to its cluster's running
// totals; every bad row is collected with its line, and if there is any, no
// result is returned at all.
#include "klynge/grants/batch.hpp"

#include "klynge/text/collate.hpp"
#include "klynge/text/csv.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <climits>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace klynge {
namespace {

enum class Column { cluster, ydernummer, patients, capacities, founded };

// Header names, English or Danish, compared lower-cased and trimmed. Other
// columns (a practice's name, a municipality) are allowed and ignored.
constexpr std::array<std::pair<std::string_view, Column>, 13> columnNames{{
    {"cluster", Column::cluster},
    {"klynge", Column::cluster},
    {"ydernummer", Column::ydernummer},
    {"ydernr", Column::ydernummer},
    {"patients", Column::patients},
    {"patienter", Column::patients},
    {"capacities", Column::capacities},
    {"kapaciteter", Column::capacities},
    {"lægekapaciteter", Column::capacities},
    {"laegekapaciteter", Column::capacities},
    {"founded", Column::founded},
    {"stiftet", Column::founded},
    {"stiftelsesdato", Column::founded},
}};

std::string_view columnName(Column c) {
    switch (c) {
    case Column::cluster: return "cluster";
    case Column::ydernummer: return "ydernummer";
    case Column::patients: return "patients";
    case Column::capacities: return "capacities";
    case Column::founded: return "founded";
    }
    return "";
}

constexpr std::int64_t maxPatients = 10'000'000; // per row; the largest cluster has ~110.000 [001]
constexpr std::int64_t maxCapacities = 10'000;
constexpr std::size_t possibleYdernumre = 1'000'000;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string lowerAscii(std::string_view s) {
    std::string out(trim(s));
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

struct Columns {
    std::array<std::optional<std::size_t>, 5> index;
    std::vector<std::string> names; // the header as written
    std::optional<std::size_t> at(Column c) const { return index[static_cast<std::size_t>(c)]; }
};

struct Founded {
    int year = 0;
    std::optional<Date> date;
    bool operator==(const Founded&) const = default;
    std::string text() const { return date ? date->iso() : std::to_string(year); }
};

Founded parseFounded(std::string_view text) {
    if (text.size() == 4 && text.find_first_not_of("0123456789") == std::string_view::npos)
        return {std::stoi(std::string(text)), std::nullopt};
    if (auto d = Date::tryParse(text)) return {d->year(), d};
    throw InvalidValue(fmt::format("founded {:?} is neither a year nor a date — write 2025 or 2025-03-12", text));
}

// One cluster's running totals.
struct ClusterTotals {
    std::string name;
    std::size_t line = 0; // its first row
    std::int64_t practices = 0;
    std::int64_t patients = 0;
    std::int64_t capacities = 0;
    std::uint64_t rowsWithoutCapacities = 0;
    std::size_t firstRowWithoutCapacities = 0;
    std::optional<Founded> founded;
    std::size_t foundedLine = 0;
};

// The bad rows, in the order found; past maxListedBadRows only counted.
class BadRows {
public:
    explicit BadRows(std::string source) : source_(std::move(source)) {}
    void add(std::size_t line, const std::string& reason) {
        addFormatted(line, fmt::format("{}:{}: {}", source_, line, reason));
    }
    void addFormatted(std::size_t line, std::string text) {
        ++count_;
        if (listed_.size() < maxListedBadRows) listed_.emplace_back(line, std::move(text));
    }
    bool empty() const { return count_ == 0; }
    [[noreturn]] void raise() {
        std::stable_sort(listed_.begin(), listed_.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string msg = fmt::format("{}: {} bad row{} — fix {} and run it again; nothing was written", source_,
                                      count_, count_ == 1 ? "" : "s", count_ == 1 ? "it" : "them");
        for (const auto& [line, text] : listed_) msg += "\n" + text;
        if (count_ > listed_.size())
            msg += fmt::format("\n... and {} more bad rows (the first {} are listed)", count_ - listed_.size(),
                               listed_.size());
        throw RuleViolation(msg);
    }

private:
    std::string source_;
    std::uint64_t count_ = 0;
    std::vector<std::pair<std::size_t, std::string>> listed_;
};

// Looks clusters up by string_view without building a string per row.
struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class Batch {
public:
    Batch(const std::string& source, const GrantRate& rate) : source_(source), rate_(rate), bad_(source) {}

    void header(const CsvRecord& rec, char separator);
    void row(const CsvRecord& rec);
    BatchResult finish(std::uint64_t rows);
    BadRows& bad() { return bad_; }

private:
    ClusterTotals& clusterFor(std::string_view name, std::size_t line, bool& fresh);
    bool wrongShape(const CsvRecord& rec);
    void countYdernummer(std::string_view text, std::size_t line, std::vector<std::string>& reasons);
    void noteFounded(ClusterTotals& c, std::string_view text, std::size_t line, std::vector<std::string>& reasons);

    const std::string& source_;
    const GrantRate& rate_;
    BadRows bad_;
    Columns cols_;
    char sep_ = ',';
    BatchLayout layout_ = BatchLayout::perPractice;
    std::vector<ClusterTotals> clusters_;
    std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> byName_;
    std::size_t last_ = SIZE_MAX;
    std::vector<std::uint32_t> ydernummerLine_; // first line of each ydernummer; 0 = not seen
};

void Batch::header(const CsvRecord& rec, char separator) {
    sep_ = separator;
    cols_.names = rec.fields;
    for (std::size_t i = 0; i < rec.fields.size(); ++i) {
        const auto name = lowerAscii(rec.fields[i]);
        for (const auto& [alias, col] : columnNames) {
            if (name != alias) continue;
            auto& slot = cols_.index[static_cast<std::size_t>(col)];
            if (slot)
                throw RuleViolation(fmt::format("{}:{}: the header names the {} column twice (\"{}\" and \"{}\") — "
                                                "keep one",
                                                source_, rec.line, columnName(col), rec.fields[*slot],
                                                rec.fields[i]));
            slot = i;
        }
    }
    const bool tabs = rec.fields.size() == 1 && rec.fields[0].find('\t') != std::string::npos;
    for (Column required : {Column::cluster, Column::patients}) {
        if (cols_.at(required)) continue;
        if (tabs)
            throw RuleViolation(fmt::format("{}:{}: the file is separated by tabs — save it as CSV with ',' or ';' "
                                            "between the columns",
                                            source_, rec.line));
        throw RuleViolation(fmt::format("{}:{}: the header has no \"{}\" column — the header must name cluster and "
                                        "patients, and ydernummer for one row per practice (optional: capacities, "
                                        "founded)",
                                        source_, rec.line, columnName(required)));
    }
    layout_ = cols_.at(Column::ydernummer) ? BatchLayout::perPractice : BatchLayout::perCluster;
}

// A row with the wrong number of fields: a different separator, a missing
// column, or a separator inside an unquoted name.
bool Batch::wrongShape(const CsvRecord& rec) {
    const auto have = rec.fields.size(), want = cols_.names.size();
    if (have == want) return false;
    const char other = sep_ == ';' ? ',' : ';';
    const bool otherSeparator = std::any_of(rec.fields.begin(), rec.fields.end(), [&](const std::string& f) {
        return f.find(other) != std::string::npos;
    });
    if (have < want && otherSeparator)
        bad_.add(rec.line, fmt::format("the row is separated by '{}' but the header by '{}' — use one separator "
                                       "throughout (save the whole file again from the spreadsheet)",
                                       other, sep_));
    else if (have < want)
        bad_.add(rec.line, fmt::format("missing column \"{}\": the row has {} field{} where the header has {} — fill "
                                       "in every column",
                                       cols_.names[have], have, have == 1 ? "" : "s", want));
    else
        bad_.add(rec.line, fmt::format("{} fields where the header has {} — put a name that contains '{}' in "
                                       "double quotes",
                                       have, want, sep_));
    return true;
}

ClusterTotals& Batch::clusterFor(std::string_view name, std::size_t line, bool& fresh) {
    fresh = false;
    // Files are usually grouped by cluster: the last one is the likely one.
    if (last_ != SIZE_MAX && clusters_[last_].name == name) return clusters_[last_];
    if (auto it = byName_.find(name); it != byName_.end()) {
        last_ = it->second;
        return clusters_[last_];
    }
    last_ = clusters_.size();
    byName_.emplace(std::string(name), last_);
    clusters_.push_back({});
    clusters_.back().name = std::string(name);
    clusters_.back().line = line;
    fresh = true;
    return clusters_[last_];
}

void Batch::countYdernummer(std::string_view text, std::size_t line, std::vector<std::string>& reasons) {
    try {
        const auto y = Ydernummer::parse(text);
        std::size_t index = 0;
        for (char c : y.str()) index = index * 10 + static_cast<std::size_t>(c - '0');
        if (ydernummerLine_.empty()) ydernummerLine_.assign(possibleYdernumre, 0);
        auto& first = ydernummerLine_[index];
        if (first != 0)
            reasons.push_back(fmt::format("ydernummer {} is also on line {} — a practice belongs to one cluster and "
                                          "is counted once; remove one of the rows",
                                          y.str(), first));
        else
            first = static_cast<std::uint32_t>(std::min<std::size_t>(line, UINT32_MAX));
    } catch (const InvalidValue& e) {
        reasons.push_back(e.what());
    }
}

void Batch::noteFounded(ClusterTotals& c, std::string_view text, std::size_t line, std::vector<std::string>& reasons) {
    if (text.empty()) return;
    Founded f;
    try {
        f = parseFounded(text);
    } catch (const InvalidValue& e) {
        reasons.push_back(e.what());
        return;
    }
    if (f.year > rate_.year)
        reasons.push_back(fmt::format("{} was founded in {} — it gets no grant for {}; remove its rows or check "
                                      "the year",
                                      c.name, f.year, rate_.year));
    if (c.founded && !(*c.founded == f))
        reasons.push_back(fmt::format("founded {} here but {} on line {} for {} — give one founding date per cluster",
                                      f.text(), c.founded->text(), c.foundedLine, c.name));
    if (!c.founded) {
        c.founded = f;
        c.foundedLine = line;
    }
}

void Batch::row(const CsvRecord& rec) {
    if (wrongShape(rec)) return;
    const auto& f = rec.fields;
    auto cell = [&](Column col) -> std::string_view {
        auto i = cols_.at(col);
        return i ? trim(f[*i]) : std::string_view();
    };
    std::vector<std::string> reasons;
    const auto name = cell(Column::cluster);
    if (name.empty()) reasons.push_back("the cluster name is empty — give the cluster's name on every row");
    else if (auto problem = textProblem(name))
        reasons.push_back(fmt::format("the cluster name {} {} — give it on one line, in printable characters",
                                      shown(name), *problem));
    else if (characterCount(name) > text_limit::title)
        reasons.push_back(fmt::format("the cluster name {} is {} characters long — at most {}", shown(name, 40),
                                      characterCount(name), text_limit::title));
    if (layout_ == BatchLayout::perPractice) countYdernummer(cell(Column::ydernummer), rec.line, reasons);
    std::int64_t patients = 0;
    try {
        patients = parseBatchCount(cell(Column::patients), "patients", maxPatients);
    } catch (const InvalidValue& e) {
        reasons.push_back(e.what());
    }
    std::optional<std::int64_t> capacities;
    if (auto text = cell(Column::capacities); !text.empty()) {
        try {
            capacities = parseBatchCount(text, "capacities", maxCapacities);
        } catch (const InvalidValue& e) {
            reasons.push_back(e.what());
        }
    }
    if (!name.empty() && reasons.empty()) {
        bool fresh = false;
        auto& c = clusterFor(name, rec.line, fresh);
        if (layout_ == BatchLayout::perCluster && !fresh)
            reasons.push_back(fmt::format("{} is also on line {} — one row per cluster (or add a ydernummer column "
                                          "for one row per practice)",
                                          c.name, c.line));
        noteFounded(c, cell(Column::founded), rec.line, reasons);
        if (reasons.empty()) {
            c.practices += 1;
            c.patients += patients;
            if (capacities) {
                c.capacities += *capacities;
            } else if (c.rowsWithoutCapacities++ == 0) {
                c.firstRowWithoutCapacities = rec.line;
            }
        }
    }
    if (reasons.empty()) return;
    std::string joined = reasons.front();
    for (std::size_t i = 1; i < reasons.size(); ++i) joined += "; " + reasons[i];
    bad_.add(rec.line, joined);
}

BatchResult Batch::finish(std::uint64_t rows) {
    // Founding clusters need the capacities of every row: the start-up grant
    // is never computed from a partial count.
    for (const auto& c : clusters_) {
        if (!c.founded || c.founded->year != rate_.year || c.rowsWithoutCapacities == 0) continue;
        bad_.add(c.firstRowWithoutCapacities,
                 fmt::format("{} is founded in {}, so its start-up grant needs the doctor capacities, but this row{} "
                             "has none — fill in the capacities column",
                             c.name, rate_.year,
                             c.rowsWithoutCapacities == 1
                                 ? ""
                                 : fmt::format(" and {} more of its rows", c.rowsWithoutCapacities - 1)));
    }
    // (Unless reading stopped at a bad row: then that row is the news.)
    if (rows == 0 && bad_.empty()) bad_.add(1, "the file has a header but no rows — nothing to compute");
    if (!bad_.empty()) bad_.raise();

    BatchResult result;
    result.layout = layout_;
    result.rows = rows;
    std::vector<std::pair<std::string, const ClusterTotals*>> order;
    for (const auto& c : clusters_) order.emplace_back(danishSortKey(c.name), &c);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, c] : order) {
        ClusterGrant g;
        g.cluster = c->name;
        g.rate = rate_;
        if (layout_ == BatchLayout::perPractice) g.practices = c->practices;
        g.patients = c->patients;
        if (c->founded) {
            g.foundedYear = c->founded->year;
            g.founded = c->founded->date;
            if (c->founded->year == rate_.year) g.capacities = c->capacities;
        }
        computeGrant(g);
        result.clusters.push_back(std::move(g));
    }
    result.total = sumGrants(result.clusters, rate_.year);
    return result;
}

// A reader error ("FILE:LINE: ...") ends the reading: the reader cannot
// resynchronise after a broken quote, so later line numbers would be wrong.
std::size_t lineOf(const std::string& message, const std::string& source) {
    if (message.rfind(source + ":", 0) != 0) return 0;
    std::size_t line = 0;
    for (std::size_t i = source.size() + 1; i < message.size() && message[i] >= '0' && message[i] <= '9'; ++i)
        line = line * 10 + static_cast<std::size_t>(message[i] - '0');
    return line;
}

} // namespace

std::int64_t parseBatchCount(std::string_view text, std::string_view what, std::int64_t max) {
    const auto s = trim(text);
    if (s.empty()) throw InvalidValue(fmt::format("{} is empty — give a whole number", what));
    const bool negative = s.front() == '-';
    const auto body = negative ? trim(s.substr(1)) : s;
    std::int64_t n = 0;
    std::size_t digits = 0, group = 0; // group: digits since the last thousands separator
    bool grouped = false, ok = !body.empty();
    for (std::size_t i = 0; ok && i < body.size(); ++i) {
        const char c = body[i];
        if (c >= '0' && c <= '9') {
            n = n * 10 + (c - '0');
            ++digits;
            ++group;
        } else if (c == '.' || c == ' ') {
            // Danish thousands groups: 1-3 digits first, then exactly 3.
            ok = group >= 1 && (grouped ? group == 3 : group <= 3);
            grouped = true;
            group = 0;
        } else {
            ok = false;
        }
        ok = ok && digits <= 15; // far above any count, far below int64's limit
    }
    ok = ok && (!grouped || group == 3);
    if (!ok)
        throw InvalidValue(fmt::format("{} {:?} is not a whole number — write it with digits only, like 9180", what,
                                       std::string(text)));
    if (negative && n != 0) throw InvalidValue(fmt::format("{} is -{} — it cannot be negative", what, n));
    if (n > max) throw InvalidValue(fmt::format("{} is {} — that is more than {}; check the number", what, n, max));
    return n;
}

BatchResult grantBatch(std::istream& in, const std::string& source, const GrantRate& rate,
                       const BatchProgress& progress) {
    Batch batch(source, rate);
    CsvReader csv(in, source);
    std::optional<CsvRecord> rec;
    try {
        rec = csv.next();
    } catch (const InvalidValue& e) {
        throw RuleViolation(e.what());
    }
    if (!rec)
        throw RuleViolation(fmt::format("{} is empty — it needs a header row, like cluster,ydernummer,patients",
                                        source));
    batch.header(*rec, csv.separator());
    std::uint64_t rows = 0;
    for (;;) {
        try {
            rec = csv.next();
        } catch (const InvalidValue& e) {
            batch.bad().addFormatted(lineOf(e.what(), source), fmt::format("{} (reading stopped here)", e.what()));
            break;
        }
        if (!rec) break;
        ++rows;
        batch.row(*rec);
        if (progress.onProgress && rows % progress.everyRows == 0)
            progress.onProgress(rows, static_cast<std::int64_t>(in.tellg()));
    }
    return batch.finish(rows);
}

} // namespace klynge
