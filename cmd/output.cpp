#include "output.hpp"

#include "klynge/text/collate.hpp"
#include "klynge/text/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace klynge::out {

Cell opt(const std::optional<std::string>& s) { return s ? Cell(*s) : Cell(); }
Cell opt(const std::optional<Date>& d) { return d ? Cell(*d) : Cell(); }
Cell opt(const std::optional<std::int64_t>& n) { return n ? Cell(*n) : Cell(); }

std::string cellText(const Cell& c) {
    struct V {
        std::string operator()(std::monostate) const { return ""; }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(std::int64_t n) const { return danishCount(n); }
        std::string operator()(Money m) const { return m.danish(); }
        std::string operator()(Date d) const { return d.iso(); }
        std::string operator()(bool b) const { return b ? "ja" : "nej"; }
    };
    return std::visit(V{}, c);
}

std::string shortened(std::string_view text, std::size_t columns) {
    if (displayWidth(text) <= columns) return std::string(text);
    if (columns == 0) return {};
    // Whole code points (and the combining marks after them) up to one
    // column short, then the ellipsis.
    std::string cut;
    std::size_t used = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t next = pos + 1;
        while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
        const auto point = text.substr(pos, next - pos);
        const std::size_t width = displayWidth(point);
        if (used + width > columns - 1) break;
        cut += point;
        used += width;
        pos = next;
    }
    return cut + "…";
}

std::vector<std::size_t> fittedWidths(const Table& t, const std::vector<std::size_t>& natural, std::size_t columns) {
    auto width = natural;
    const std::size_t n = width.size();
    if (n == 0) return width;
    // Which columns are text (every value a string), and which hold prose.
    std::vector<bool> text(n, true), prose(n, false);
    for (const auto& row : t.rows)
        for (std::size_t i = 0; i < n && i < row.size(); ++i) {
            if (std::holds_alternative<std::monostate>(row[i])) continue;
            const auto* s = std::get_if<std::string>(&row[i]);
            if (!s) text[i] = false;
            else if (s->find(' ') != std::string::npos) prose[i] = true;
        }
    auto total = [&] {
        std::size_t sum = 2 * (n - 1);
        for (auto w : width) sum += w;
        return sum;
    };
    auto least = [&](std::size_t i) { return std::max<std::size_t>(displayWidth(t.columns[i].header), 8); };
    // Prose first, then the other texts: one column at a time, the widest,
    // by one, so that shortened columns end up level with each other.
    for (bool proseOnly : {true, false}) {
        while (total() > columns) {
            std::optional<std::size_t> widest;
            for (std::size_t i = 0; i < n; ++i)
                if (text[i] && (prose[i] || !proseOnly) && width[i] > least(i) && (!widest || width[i] > width[*widest]))
                    widest = i;
            if (!widest) break;
            --width[*widest];
        }
    }
    return width;
}

Json rawNumber(std::string text) {
    Json j;
    j.v_ = Json::Raw{std::move(text)};
    return j;
}

Json::Json(const Cell& cell) {
    struct V {
        Json operator()(std::monostate) const { return Json(); }
        Json operator()(const std::string& s) const { return Json(s); }
        Json operator()(std::int64_t n) const { return Json(n); }
        Json operator()(Money m) const { return rawNumber(m.plain()); }
        Json operator()(Date d) const { return Json(d.iso()); }
        Json operator()(bool b) const { return Json(b); }
    };
    *this = std::visit(V{}, cell);
}

Json& Json::set(std::string key, Json value) {
    std::get<Object>(v_).emplace_back(std::move(key), std::move(value));
    return *this;
}

Json& Json::push(Json value) {
    std::get<Array>(v_).push_back(std::move(value));
    return *this;
}

namespace {

void writeString(std::ostream& os, const std::string& s) {
    os << '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': os << "\\\""; break;
        case '\\': os << "\\\\"; break;
        case '\n': os << "\\n"; break;
        case '\r': os << "\\r"; break;
        case '\t': os << "\\t"; break;
        default:
            if (c < 0x20) os << fmt::format("\\u{:04x}", c);
            else os << static_cast<char>(c);
        }
    }
    os << '"';
}

} // namespace

void Json::write(std::ostream& os, int indent) const {
    std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    std::string close(static_cast<std::size_t>(indent), ' ');
    if (std::holds_alternative<std::monostate>(v_)) os << "null";
    else if (auto* b = std::get_if<bool>(&v_)) os << (*b ? "true" : "false");
    else if (auto* n = std::get_if<std::int64_t>(&v_)) os << *n;
    else if (auto* s = std::get_if<std::string>(&v_)) writeString(os, *s);
    else if (auto* r = std::get_if<Raw>(&v_)) os << r->text;
    else if (auto* a = std::get_if<Array>(&v_)) {
        if (a->empty()) { os << "[]"; return; }
        os << "[\n";
        for (std::size_t i = 0; i < a->size(); ++i) {
            os << pad;
            (*a)[i].write(os, indent + 2);
            os << (i + 1 < a->size() ? ",\n" : "\n");
        }
        os << close << ']';
    } else if (auto* o = std::get_if<Object>(&v_)) {
        if (o->empty()) { os << "{}"; return; }
        os << "{\n";
        for (std::size_t i = 0; i < o->size(); ++i) {
            os << pad;
            writeString(os, (*o)[i].first);
            os << ": ";
            (*o)[i].second.write(os, indent + 2);
            os << (i + 1 < o->size() ? ",\n" : "\n");
        }
        os << close << '}';
    }
}

Json toJson(const Table& t) {
    Json arr = Json::array();
    for (auto& row : t.rows) {
        Json obj = Json::object();
        for (std::size_t i = 0; i < t.columns.size(); ++i) obj.set(t.columns[i].key, Json(row[i]));
        arr.push(std::move(obj));
    }
    return arr;
}

void renderJson(std::ostream& os, const Json& j) {
    j.write(os);
    os << '\n';
}

namespace {

std::string csvCell(const Cell& c, CsvDialect d) {
    if (auto* m = std::get_if<Money>(&c)) return d == CsvDialect::excelDa ? m->plainComma() : m->plain();
    if (auto* n = std::get_if<std::int64_t>(&c)) return std::to_string(*n);
    if (auto* b = std::get_if<bool>(&c)) return *b ? "true" : "false";
    // A text meant for Excel must not run as a formula (OWASP's CSV
    // injection rule); amounts, counts and dates above are typed, not text.
    if (auto* text = std::get_if<std::string>(&c); text && d == CsvDialect::excelDa) return formulaSafe(*text);
    return cellText(c);
}

bool rightAligned(const Cell& c) {
    return std::holds_alternative<std::int64_t>(c) || std::holds_alternative<Money>(c);
}

void renderCsv(std::ostream& os, const Table& t, CsvDialect d) {
    char sep = d == CsvDialect::excelDa ? ';' : ',';
    if (d == CsvDialect::excelDa) os << "\xEF\xBB\xBF"; // Excel needs the BOM to read UTF-8
    auto line = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) os << (i ? std::string(1, sep) : "") << csvField(fields[i], sep);
        os << "\r\n"; // RFC 4180 line break
    };
    std::vector<std::string> header;
    for (auto& c : t.columns) header.push_back(c.key);
    line(header);
    for (auto& row : t.rows) {
        std::vector<std::string> fields;
        for (auto& c : row) fields.push_back(csvCell(c, d));
        line(fields);
    }
}

void renderText(std::ostream& os, const Table& t, const Style& style) {
    std::vector<std::size_t> width(t.columns.size());
    std::vector<bool> right(t.columns.size(), false);
    for (std::size_t i = 0; i < t.columns.size(); ++i) width[i] = displayWidth(t.columns[i].header);
    std::vector<std::vector<std::string>> texts;
    for (auto& row : t.rows) {
        std::vector<std::string> r;
        for (std::size_t i = 0; i < row.size(); ++i) {
            r.push_back(cellText(row[i]));
            width[i] = std::max(width[i], displayWidth(r.back()));
            if (rightAligned(row[i])) right[i] = true;
        }
        texts.push_back(std::move(r));
    }
    if (style.columns > 0 && &os == style.terminal) {
        width = fittedWidths(t, width, style.columns);
        for (auto& r : texts)
            for (std::size_t i = 0; i < r.size(); ++i) r[i] = shortened(r[i], width[i]);
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            std::size_t fill = width[i] - displayWidth(cells[i]);
            bool last = i + 1 == cells.size();
            if (right[i]) s += std::string(fill, ' ') + cells[i];
            else s += cells[i] + (last ? "" : std::string(fill, ' '));
            if (!last) s += "  ";
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        os << s << '\n';
    };
    std::vector<std::string> header;
    for (auto& c : t.columns) header.push_back(c.header);
    line(header);
    for (auto& r : texts) line(r);
}

} // namespace

void render(std::ostream& os, const Table& t, const Style& style) {
    switch (style.format) {
    case Format::json: renderJson(os, toJson(t)); break;
    case Format::csv: renderCsv(os, t, style.dialect); break;
    case Format::table: renderText(os, t, style); break;
    }
}

Json recordJson(const std::vector<Field>& fields) {
    Json obj = Json::object();
    for (auto& f : fields) obj.set(f.key, Json(f.value));
    return obj;
}

void renderRecord(std::ostream& os, const std::vector<Field>& fields, const Style& style) {
    if (style.format == Format::json) return renderJson(os, recordJson(fields));
    if (style.format == Format::csv) {
        Table t;
        std::vector<Cell> row;
        for (auto& f : fields) {
            t.columns.push_back({f.key, f.label});
            row.push_back(f.value);
        }
        t.add(row);
        return render(os, t, style);
    }
    std::size_t w = 0;
    for (auto& f : fields) w = std::max(w, displayWidth(f.label));
    for (auto& f : fields)
        os << f.label << ':' << std::string(w - displayWidth(f.label) + 1, ' ') << cellText(f.value) << '\n';
}

} // namespace klynge::out
