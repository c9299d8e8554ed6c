// `klynge restore` reads a dump, which may come from anywhere (issue 11 §7):
// a line is one INSERT of literal values into one of the schema's tables,
// as `klynge dump` writes it, or the restore is refused with the line named
// and no database left behind. Found by tests/fuzz/fuzz_restore.
#include "klynge/store/dump.hpp"
#include "klynge/text/error.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <unistd.h>

using namespace klynge;
namespace fs = std::filesystem;

namespace {

struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("klynge-restore-" + std::to_string(::getpid()));
    Scratch() { fs::create_directories(dir); }
    ~Scratch() { fs::remove_all(dir); }
};

// Restores `dump`; returns "" on success, else the error's text.
std::string restoreText(const Scratch& s, const std::string& dump) {
    const auto file = s.dir / "in.sql", db = s.dir / "out.db";
    fs::remove(db);
    std::ofstream(file, std::ios::binary) << dump;
    try {
        restoreDatabase(file, db);
        return "";
    } catch (const InvalidValue& e) {
        CHECK_FALSE(fs::exists(db));
        return e.what();
    }
}

const std::string header = "PRAGMA user_version = 6;\n";
const std::string practice =
    "INSERT INTO practice(id,ydernummer,name,joined_on,left_on) VALUES(1,'123456','L'||char(10)||'H','2020-01-01',NULL);\n";

} // namespace

TEST_CASE("restore accepts the lines klynge dump writes") {
    Scratch s;
    CHECK(restoreText(s, header + practice) == "");
}

TEST_CASE("restore refuses a dump line that does more than insert literal values") {
    Scratch s;
    struct Case {
        const char* what;
        std::string line;
        const char* message;
    };
    const Case cases[] = {
        // Before: it inserted until the disk was full.
        {"a recursive WITH",
         "INSERT INTO audit(at, os_user, command, summary) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
         "SELECT x+1 FROM c) SELECT 'a','b','c','d' FROM c;",
         "in.sql:2: a SELECT is not allowed, only literal values"},
        {"a sub-select reading the database",
         "INSERT INTO audit(at, os_user, command, summary) VALUES((SELECT group_concat(sql) FROM sqlite_schema),"
         "'b','c','d');",
         "in.sql:2: the function group_concat() is not allowed"},
        {"another function", "INSERT INTO audit(at, os_user, command, summary) VALUES(randomblob(9),'b','c','d');",
         "in.sql:2: the function randomblob() is not allowed"},
        {"an upsert",
         "INSERT INTO practice(id,ydernummer,name,joined_on) VALUES(1,'123456','x','2020-01-01') "
         "ON CONFLICT(id) DO UPDATE SET name = 'y';",
         "in.sql:2: reading practice is not allowed"},
        {"a line that adds nothing",
         "INSERT INTO practice(id,ydernummer,name,joined_on) VALUES(1,'123456','x','2020-01-01') ON CONFLICT DO NOTHING;",
         "in.sql:3: the line did not add exactly one record"},
        {"text after a NUL byte", std::string("INSERT INTO audit(at, os_user, command, summary) VALUES('a','b','c','d');") +
                                      '\0' + "DROP TABLE member;",
         "in.sql:2: more than one statement on the line"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.what));
        std::string dump = header + c.line + "\n";
        if (std::string_view(c.what) == "a line that adds nothing") dump = header + practice + c.line + "\n";
        const auto start = std::chrono::steady_clock::now();
        const auto message = restoreText(s, dump);
        CAPTURE(message);
        CHECK(message.find(c.message) != std::string::npos);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    }
}
