// A streaming CSV reader for input files (member import, grant batches):
// RFC 4180 quoting, ',' or ';' separator detected from the header line,
// UTF-8 with or without BOM, CRLF or LF. Memory is one record at a time.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace klynge {

struct CsvRecord {
    std::size_t line = 0;             // 1-based line where the record starts
    std::vector<std::string> fields;
};

class CsvReader {
public:
    // `source` names the file in error messages.
    CsvReader(std::istream& in, std::string source);

    // The next record, or nullopt at the end. The first call returns the
    // header. Throws InvalidValue "FILE:LINE: ..." on an unterminated quote
    // or invalid UTF-8.
    std::optional<CsvRecord> next();

    char separator() const { return sep_; }
    const std::string& source() const { return source_; }

private:
    std::istream& in_;
    std::string source_;
    char sep_ = ',';
    bool started_ = false;
    std::size_t line_ = 0;
};

// Writing CSV: quote a field when needed (RFC 4180).
std::string csvField(std::string_view value, char separator);

// A text for a spreadsheet (the excel-da dialect): a text that starts with
// a formula trigger — '=', '+', '-', '@', tab or carriage return — gets a
// leading apostrophe, so Excel and LibreOffice show it instead of running it
// (OWASP, "CSV Injection"). A text that is just a number ("-12", "+45",
// "-1234,50") cannot run anything and is kept as it is; so is every other
// text. Not for RFC 4180 output, which stays byte-faithful.
std::string formulaSafe(std::string_view text);

} // namespace klynge
