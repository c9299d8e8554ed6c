// Text at the edge (issue 11 §6): the validation unit every stored text passes
// through, the way a bad value is shown in a message, UTF-16 detection, input
// files, dates a person typed, and CPR numbers masked for the audit log.
#include "klynge/text/date.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/text/input_file.hpp"
#include "klynge/text/validate.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

using namespace klynge;

namespace {

// The message checkedText throws for `value`, or "" when it accepts it.
std::string refusal(const std::string& value, std::size_t maxChars = 20, Blank blank = Blank::refused) {
    try {
        const auto accepted = checkedText(value, "--name", maxChars, blank);
        CHECK(accepted == value);
    } catch (const InvalidValue& e) {
        return e.what();
    }
    return {};
}

std::string repeated(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

} // namespace

TEST_CASE("checkedText refuses what would corrupt a document, a header or the terminal") {
    struct Case {
        std::string value, messagePart; // "" = accepted
    };
    const std::vector<Case> cases = {
        {"Anne Ærø", ""},
        {"Åse Ødegård-Ægidius", ""},
        {"O'Brien \"Bob\" & Co", ""},
        {"日本語の名前", ""},
        {repeated("ø", 20), ""},                         // 20 characters, 40 bytes: within 20
        {repeated("ø", 21), "is 21 characters long — at most 20"},
        {"", "--name is empty — give a text"},
        {"   ", "--name is empty"},
        {"Anne\nBcc: x", "--name contains a line break — write it on one line"},
        {"Anne\r", "contains a line break"},
        {"Anne\tÆrø", "contains a tab at character 5"},
        {std::string("An\0ne", 5), "contains a NUL byte (U+0000) at character 3"},
        {"Anne\x1b[31m", "contains the control character ESC (U+001B, a terminal escape sequence) at character 5"},
        {"Anne\x7f", "contains the control character DEL (U+007F) at character 5"},
        {"Anne\xc2\x9b", "contains the control character CSI (U+009B"},
        {"Anne\xc2\x85", "contains the control character U+0085"},
        {"Anne\x01", "contains the control character U+0001"},
        {"Anne \xe6", "is not valid UTF-8 (byte 0xE6 at character 6)"},
        {"\xc3", "is not valid UTF-8"},                  // cut off
        {"\xc0\xaf", "is not valid UTF-8"},              // overlong '/'
        {"\xed\xa0\x80", "is not valid UTF-8"},          // a UTF-16 surrogate
        {"\xf4\x90\x80\x80", "is not valid UTF-8"},      // beyond U+10FFFF
        {"\x80", "is not valid UTF-8"},                  // a stray continuation byte
    };
    for (const auto& c : cases) {
        CAPTURE(c.value);
        const auto message = refusal(c.value);
        if (c.messagePart.empty()) {
            CHECK(message.empty());
            continue;
        }
        CHECK(message.find(c.messagePart) != std::string::npos);
        CHECK(message.find(" — ") != std::string::npos);
        // A message never carries the raw control character it complains about.
        for (char ch : message) CHECK((static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f));
    }
}

TEST_CASE("checkedText: blank allowed for optional texts; the limits of issue 11") {
    CHECK(refusal("", 20, Blank::allowed).empty());
    CHECK(refusal("   ", 20, Blank::allowed).empty());
    CHECK(refusal("a\x1b", 20, Blank::allowed).find("ESC") != std::string::npos);
    CHECK(text_limit::personName == 200);
    CHECK(text_limit::email == 254);
    CHECK(text_limit::title == 300);
    CHECK(text_limit::note == 2000);
    CHECK(refusal(repeated("x", 200), text_limit::personName).empty());
    CHECK(refusal(repeated("x", 201), text_limit::personName).find("201 characters long") != std::string::npos);
}

TEST_CASE("textProblem with line breaks allowed (multi-line input, CSV fields)") {
    CHECK_FALSE(textProblem("line one\nline two\r\n\ttabbed", true));
    CHECK(textProblem("line one\nline two", false) == std::string("contains a line break"));
    CHECK(textProblem("a\x1b", true)->find("ESC") != std::string::npos);
    CHECK(textProblem(std::string("a\0", 2), true)->find("NUL") != std::string::npos);
}

TEST_CASE("shown: quoted, escaped visibly, cut after 80 characters") {
    struct Case {
        std::string value, shownAs;
    };
    const std::vector<Case> cases = {
        {"Anne", "\"Anne\""},
        {"a\x1b[2Jb", "\"a\\x1b[2Jb\""},
        {"line\nbreak\ttab\r", "\"line\\nbreak\\ttab\\r\""},
        {"del\x7f", "\"del\\x7f\""},
        {"bad \xff byte", "\"bad \\xff byte\""},
        {"say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\""},
        {"Ærø", "\"Ærø\""},
        {repeated("x", 80), "\"" + repeated("x", 80) + "\""},
        {repeated("x", 81), "\"" + repeated("x", 80) + "…\""},
        {repeated("æ", 100), "\"" + repeated("æ", 80) + "…\""}, // counted in characters, not bytes
    };
    for (const auto& c : cases) {
        CAPTURE(c.value);
        CHECK(shown(c.value) == c.shownAs);
    }
    CHECK(printableText("a \"b\" \x1b") == "a \"b\" \\x1b");
    CHECK(characterCount("Ærø") == 3);
    CHECK(characterCount("a\xff") == 2);
}

TEST_CASE("UTF-16 is recognised by its byte order mark or by NUL bytes between letters") {
    struct Case {
        std::string bytes;
        bool utf16;
    };
    const std::vector<Case> cases = {
        {"\xff\xfen\0a\0", true},
        {"\xfe\xff\0n\0a", true},
        {std::string("n\0a\0m\0e\0", 8), true},
        {std::string("\0n\0a\0m\0e", 8), true},
        {"name,email\n", false},
        {"\xef\xbb\xbfname;email\n", false}, // UTF-8 with a byte order mark
        {std::string("name\0", 5), false},   // one NUL is not a pattern
        {"", false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.bytes);
        CHECK(looksLikeUtf16(c.bytes) == c.utf16);
    }
}

TEST_CASE("an input file must be a readable UTF-8 file") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("klynge-input-" + std::to_string(::getpid()));
    fs::create_directories(dir / "folder.csv");
    std::ofstream(dir / "utf16.csv", std::ios::binary) << std::string("\xff\xfen\0a\0", 6);
    std::ofstream(dir / "good.csv", std::ios::binary) << "name,email\n";
    std::ofstream(dir / "db", std::ios::binary) << std::string("SQLite format 3\0\0\0\0", 20);
    struct Case {
        std::string file, messagePart; // "" = accepted
        InputContents contents = InputContents::text;
    };
    const std::vector<Case> cases = {
        {"good.csv", ""},
        {"missing.csv", "no such file — check the path"},
        {"folder.csv", "it is a folder, not a file"},
        {"utf16.csv", "is UTF-16 — save it as UTF-8"},
        {"db", "", InputContents::binary},
    };
    for (const auto& c : cases) {
        CAPTURE(c.file);
        std::string message;
        try {
            checkInputFile(dir / c.file, "FILE", c.contents);
        } catch (const InvalidValue& e) {
            message = e.what();
        }
        if (c.messagePart.empty()) CHECK(message.empty());
        else CHECK(message.find(c.messagePart) != std::string::npos);
    }
    fs::remove_all(dir);
}

TEST_CASE("a date a person typed lies within 1900–2100") {
    CHECK(Date::parseInput("2026-03-10").iso() == "2026-03-10");
    CHECK(Date::parseInput("1.1.1900").iso() == "1900-01-01");
    CHECK(Date::parseInput("31.12.2100").iso() == "2100-12-31");
    for (const std::string bad : {"9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH_AS(Date::parseInput(bad), doctest::Contains("outside the years klynge works with"),
                             InvalidValue);
    }
    CHECK_THROWS_AS(Date::parseInput("0000-00-00"), InvalidValue);
    // Stored dates are read as they are.
    CHECK(Date::parse("9999-12-31").year() == 9999);
}

TEST_CASE("the audit log masks every CPR-shaped number completely") {
    struct Case {
        std::string text, masked;
    };
    const std::vector<Case> cases = {
        {"010190-1234", "******-****"},
        {"0101901234", "******-****"},
        {"010190 1234", "******-****"},
        {"--cpr=010190-1234", "--cpr=******-****"},
        {"cpr 320190-1234 (wrong date)", "cpr ******-**** (wrong date)"}, // a mistyped CPR too
        {"a 0101901234, b 020285-3456.", "a ******-****, b ******-****."},
        // Not CPRs: shorter or longer runs of digits stay.
        {"123456", "123456"},
        {"12345674", "12345674"},
        {"01019012345", "01019012345"},
        {"1010190-1234", "1010190-1234"},
        {"010190-12345", "010190-12345"},
        {"2026-03-10", "2026-03-10"},
        {"B-2026-017", "B-2026-017"},
        {"", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(maskCprNumbers(c.text) == c.masked);
    }
}
