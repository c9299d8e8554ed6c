// CSV input (RFC 4180) as Danish spreadsheets write it: ';' when the decimal
// sign is ',' (Excel with Danish regional settings), ',' otherwise.
#include "klynge/text/csv.hpp"

#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>
#include <streambuf>

namespace klynge {
namespace {

constexpr int endOfFile = std::char_traits<char>::eof();

[[noreturn]] void fail(const std::string& source, std::size_t line, std::string_view what) {
    throw InvalidValue(fmt::format("{}:{}: {}", source, line, what));
}

// The raw text of one record, read through its line end so the header can
// be inspected before it is parsed, with the separators seen outside quotes.
// A quote opens a quoted field only at the start of a field, as in readRecord.
struct RawRecord {
    std::string text;
    std::size_t semicolons = 0;
    std::size_t commas = 0;
};

bool readRawRecord(std::streambuf& in, RawRecord& raw) {
    raw = RawRecord{};
    bool quoted = false, fieldStart = true;
    for (int c = in.sbumpc(); c != endOfFile; c = in.sbumpc()) {
        raw.text += static_cast<char>(c);
        if (quoted) {
            if (c == '"' && in.sgetc() == '"') raw.text += static_cast<char>(in.sbumpc());
            else if (c == '"') quoted = false;
            continue;
        }
        quoted = c == '"' && fieldStart;
        fieldStart = c == ';' || c == ',';
        raw.semicolons += c == ';';
        raw.commas += c == ',';
        if (c == '\r' && in.sgetc() == '\n') raw.text += static_cast<char>(in.sbumpc());
        if (c == '\n' || c == '\r') return true;
    }
    return !raw.text.empty();
}

bool isBlankLine(std::string_view raw) {
    return raw.find_first_not_of("\r\n") == std::string_view::npos;
}

// The header decides: whichever of ';' and ',' occurs more often outside
// quotes; ';' on a tie as long as it occurs at all; ',' for one column.
char detectSeparator(const RawRecord& header) {
    return header.semicolons > 0 && header.semicolons >= header.commas ? ';' : ',';
}

// Parses one record. `line` counts the lines consumed so far and is advanced
// past line breaks inside quoted fields. Returns the record's first line, or
// 0 at end of input.
std::size_t readRecord(std::streambuf& in, char sep, std::size_t& line, const std::string& source,
                       std::vector<std::string>& fields) {
    fields.clear();
    if (in.sgetc() == endOfFile) return 0;
    const std::size_t start = ++line;
    std::size_t quoteLine = line;
    enum class State { fieldStart, unquoted, quoted, afterQuote } state = State::fieldStart;
    std::string field;
    for (;;) {
        const int c = in.sbumpc();
        if (c == endOfFile) {
            if (state == State::quoted)
                fail(source, quoteLine, "a quoted field starting on this line is never closed — "
                                        "add the closing \" (a \" inside a field is written \"\")");
            fields.push_back(std::move(field));
            return start;
        }
        const char ch = static_cast<char>(c);
        const bool lineEnd = ch == '\n' || ch == '\r';
        if (ch == '\r' && in.sgetc() == '\n') in.sbumpc(); // CRLF is one line end
        if (state == State::quoted) {
            if (ch == '"' && in.sgetc() == '"') {
                in.sbumpc();
                field += '"'; // RFC 4180: "" inside quotes is one quote
            } else if (ch == '"') {
                state = State::afterQuote;
            } else {
                field += lineEnd ? '\n' : ch;
                if (lineEnd) ++line;
            }
        } else if (ch == sep || lineEnd) {
            fields.push_back(std::move(field));
            field.clear();
            state = State::fieldStart;
            if (lineEnd) return start;
        } else if (state == State::fieldStart && ch == '"') {
            state = State::quoted;
            quoteLine = line;
        } else if (state == State::afterQuote) {
            if (ch != ' ' && ch != '\t')
                fail(source, line, "text after the closing quote of a field — quote the whole "
                                   "field and write a \" inside it as \"\"");
        } else {
            field += ch;
            state = State::unquoted;
        }
    }
}

bool allEmpty(const std::vector<std::string>& fields) {
    return std::all_of(fields.begin(), fields.end(),
                       [](const std::string& f) { return f.empty(); });
}

} // namespace

CsvReader::CsvReader(std::istream& in, std::string source) : in_(in), source_(std::move(source)) {}

std::optional<CsvRecord> CsvReader::next() {
    std::streambuf* buf = in_.rdbuf();
    if (buf == nullptr) return std::nullopt;
    CsvRecord record;
    if (!started_) {
        started_ = true;
        RawRecord raw;
        if (!readRawRecord(*buf, raw)) return std::nullopt;
        if (looksLikeUtf16(raw.text))
            fail(source_, 1, "the file is UTF-16 — save it as UTF-8 (in Excel: \"CSV UTF-8\")");
        if (raw.text.starts_with("\xEF\xBB\xBF")) raw.text.erase(0, 3); // UTF-8 byte order mark
        // Blank lines before the header do not count as the header.
        while (isBlankLine(raw.text)) {
            if (!raw.text.empty()) ++line_;
            if (!readRawRecord(*buf, raw)) return std::nullopt;
        }
        sep_ = detectSeparator(raw);
        std::istringstream header(raw.text);
        record.line = readRecord(*header.rdbuf(), sep_, line_, source_, record.fields);
        // Only a stray quote in the header can make the two readings differ;
        // refuse rather than drop what follows it.
        if (header.rdbuf()->sgetc() != endOfFile)
            fail(source_, record.line, "the header has a \" inside a field that is not quoted — "
                                       "quote the whole field and write the \" as \"\"");
        if (allEmpty(record.fields)) record.line = 0;
    }
    while (record.line == 0 || allEmpty(record.fields)) {
        record.line = readRecord(*buf, sep_, line_, source_, record.fields);
        if (record.line == 0) return std::nullopt;
    }
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        const auto& f = record.fields[i];
        if (!isValidUtf8(f))
            fail(source_, record.line, "invalid UTF-8 (the file is probably Windows-1252 or "
                                       "Latin-1) — save it as UTF-8 (in Excel: \"CSV UTF-8\")");
        // Line breaks (in quotes) and tabs are each column's own rule.
        if (auto problem = textProblem(f, true))
            fail(source_, record.line, fmt::format("field {} {} {} — remove it; a control character is never "
                                                   "part of a value",
                                                   i + 1, shown(f), *problem));
    }
    return record;
}

// RFC 4180: quote when the field holds the separator, a quote or a line
// break; also keep leading/trailing spaces, which spreadsheets would trim.
std::string csvField(std::string_view value, char separator) {
    const bool edgeSpace = !value.empty() && (value.front() == ' ' || value.back() == ' ' ||
                                              value.front() == '\t' || value.back() == '\t');
    const char special[] = {separator, '"', '\r', '\n'};
    if (!edgeSpace && value.find_first_of(std::string_view(special, 4)) == std::string_view::npos)
        return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

namespace {

// "-12", "+45", "1234,50", "-0.5": digits with an optional sign and one
// decimal mark, which a spreadsheet reads as a number, never as a formula.
bool plainNumber(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    const auto mark = text.find_first_of(".,");
    const auto whole = text.substr(0, mark);
    const auto fraction = mark == std::string_view::npos ? std::string_view{} : text.substr(mark + 1);
    auto digits = [](std::string_view part) {
        return !part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos;
    };
    return digits(whole) && (mark == std::string_view::npos || digits(fraction));
}

} // namespace

std::string formulaSafe(std::string_view text) {
    static constexpr std::string_view triggers = "=+-@\t\r";
    if (text.empty() || triggers.find(text.front()) == std::string_view::npos || plainNumber(text))
        return std::string(text);
    return "'" + std::string(text);
}

} // namespace klynge
