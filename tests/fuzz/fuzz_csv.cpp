// CsvReader (member import, ledger import and grant batch files). Every
// record it returns is valid UTF-8 with lines in order, and writing the
// records back as CSV (every field quoted) reads to the same records.
#include "fuzz.hpp"

#include "klynge/text/csv.hpp"

#include <sstream>
#include <vector>

namespace {

using klynge::CsvReader;
using klynge::CsvRecord;

std::vector<CsvRecord> readAll(const std::string& text, char* separator) {
    std::istringstream in(text);
    CsvReader csv(in, "fuzz.csv");
    std::vector<CsvRecord> out;
    while (auto r = csv.next()) out.push_back(std::move(*r));
    if (separator) *separator = csv.separator();
    return out;
}

std::string quoted(const std::string& field) {
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(klynge::fuzz::text(data, size));
    std::vector<CsvRecord> records;
    char sep = ',';
    if (!FUZZ_PARSE(records = readAll(input, &sep))) return 0;
    FUZZ_CHECK(sep == ',' || sep == ';');
    std::size_t lastLine = 0;
    // A first line of one separator fixes the separator and is skipped (no
    // fields): the records themselves may begin after an empty header.
    std::string written(1, sep);
    written += '\n';
    for (const auto& r : records) {
        FUZZ_CHECK(r.line > lastLine, "record lines must increase");
        lastLine = r.line;
        FUZZ_CHECK(!r.fields.empty());
        for (std::size_t i = 0; i < r.fields.size(); ++i) {
            FUZZ_CHECK(r.fields[i].find('\r') == std::string::npos, "a CR inside a field is read as a line end");
            if (i) written += sep;
            written += quoted(r.fields[i]);
        }
        written += '\n';
    }
    std::vector<CsvRecord> again;
    FUZZ_CHECK(FUZZ_PARSE(again = readAll(written, nullptr)), written);
    FUZZ_CHECK(again.size() == records.size(), written);
    for (std::size_t i = 0; i < again.size(); ++i)
        FUZZ_CHECK(again[i].fields == records[i].fields, written);
    return 0;
}
