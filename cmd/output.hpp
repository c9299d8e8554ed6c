// Rendering results as an aligned table, JSON or CSV (DESIGN.md, "Input and
// output"). Commands build a Table or a Json value; nothing else prints data.
#pragma once

#include "klynge/text/date.hpp"
#include "klynge/text/money.hpp"
#include "klynge/text/numbers.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace klynge::out {

enum class Format { table, json, csv };
enum class CsvDialect { rfc4180, excelDa };

// A cell keeps its type so each format can render it properly.
using Cell = std::variant<std::monostate, std::string, std::int64_t, Money, Date, bool>;

Cell opt(const std::optional<std::string>& s);
Cell opt(const std::optional<Date>& d);
Cell opt(const std::optional<std::int64_t>& n);

struct Column {
    std::string key;    // JSON key and CSV header
    std::string header; // table header
};

struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    void add(std::vector<Cell> row) { rows.push_back(std::move(row)); }
};

// A JSON value with ordered keys; numbers for money are written exactly
// ("1234.50"), never through floating point.
class Json {
public:
    using Object = std::vector<std::pair<std::string, Json>>;
    using Array = std::vector<Json>;
    Json() = default;
    Json(const Cell& cell);
    Json(const char* s) : v_(std::string(s)) {}
    Json(std::string s) : v_(std::move(s)) {}
    Json(std::int64_t n) : v_(n) {}
    Json(int n) : v_(static_cast<std::int64_t>(n)) {}
    Json(bool b) : v_(b) {}
    Json(Array a) : v_(std::move(a)) {}
    Json(Object o) : v_(std::move(o)) {}
    static Json object() { return Json(Object{}); }
    static Json array() { return Json(Array{}); }
    // Adds a key to an object / an element to an array.
    Json& set(std::string key, Json value);
    Json& push(Json value);
    void write(std::ostream& os, int indent = 0) const;

private:
    struct Raw { std::string text; };
    std::variant<std::monostate, bool, std::int64_t, std::string, Raw, Array, Object> v_;
    friend Json rawNumber(std::string);
};
Json rawNumber(std::string text);
Json toJson(const Table& t);

struct Style {
    Format format = Format::table;
    CsvDialect dialect = CsvDialect::rfc4180;
    bool color = false;
    // A table written to `terminal` is fitted to `columns` (0: never): the
    // widest text columns are shortened with "…", numbers, amounts and dates
    // never. Any other stream (a file of -o, a pipe) gets the full table.
    const std::ostream* terminal = nullptr;
    std::size_t columns = 0;
};

// Writes the table in the chosen format (json: an array of objects).
void render(std::ostream& os, const Table& t, const Style& style);
void renderJson(std::ostream& os, const Json& j);
// For "show"-style output: label/value lines in table format.
struct Field {
    std::string key;
    std::string label;
    Cell value;
};
void renderRecord(std::ostream& os, const std::vector<Field>& fields, const Style& style);
Json recordJson(const std::vector<Field>& fields);

std::string cellText(const Cell& c); // the human form
// The text cut to at most `columns` terminal columns, ending in "…" if cut.
std::string shortened(std::string_view text, std::size_t columns);
// The widths of a table's columns so that the line fits `columns`: text
// columns shrink widest first, those holding prose (a space in some cell:
// names, texts, places) before identifiers and e-mail addresses, none below
// its header or 8 columns; every other column keeps its width.
std::vector<std::size_t> fittedWidths(const Table& t, const std::vector<std::size_t>& natural, std::size_t columns);
using klynge::danishCount; // 36721 -> "36.721"

} // namespace klynge::out
