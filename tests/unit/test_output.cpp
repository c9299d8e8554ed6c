// Output paths and temporaries (issue 11 §1): the guard every option that
// writes a file passes through, files written through a temporary, and the
// sweep of temporaries an interrupted klynge left.
#include "klynge/store/output_path.hpp"
#include "klynge/store/temporary.hpp"
#include "klynge/text/error.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

using namespace klynge;
namespace fs = std::filesystem;

namespace {

// A scratch folder with a workspace w/ (klynge.toml marks it), a second one
// w2/, and out/ outside both; removed at the end.
struct Scratch {
    fs::path root = fs::temp_directory_path() / ("klynge-output-" + std::to_string(::getpid()));
    Scratch() {
        fs::remove_all(root);
        for (auto dir : {"w/templates", "w/receipts", "w/private", "w/documents", "w/.git", "w2", "out"})
            fs::create_directories(root / dir);
        for (auto file : {"w/klynge.toml", "w/klynge.db", "w/private/cpr.db", "w2/klynge.toml", "out/input.csv"})
            std::ofstream(root / file) << "x";
        fs::create_symlink(root / "w/klynge.db", root / "out/link.sql");
    }
    ~Scratch() { fs::remove_all(root); }
};

std::string refusal(const OutputRequest& r) {
    try {
        checkedOutputPath(r);
    } catch (const InvalidValue& e) {
        return e.what();
    }
    return {};
}

std::vector<std::string> entriesOf(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    return names;
}

void makeOld(const fs::path& p) {
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::minutes(5));
}

} // namespace

TEST_CASE("the output guard: never the workspace's own files, never a folder") {
    Scratch s;
    const auto w = s.root / "w";
    struct Case {
        std::string given, messagePart; // "" = accepted
        OutputContents contents = OutputContents::ordinary;
        bool force = false;
    };
    const std::vector<Case> cases = {
        {(w / "klynge.db").string(), "that is klynge.db, the workspace's database"},
        {(w / "documents/../klynge.db").string(), "that is klynge.db"},
        {(w / "klynge.db-journal").string(), "the database's rollback journal"},
        {(w / "klynge.toml").string(), "the cluster's settings"},
        {(w / "klynge.head").string(), "the anchor of the hash chain's heads"},
        {(w / "rates.toml").string(), "rates.toml"},
        {(w / ".gitignore").string(), ".gitignore"},
        {(w / "templates/x.mustache").string(), "that is inside templates/"},
        {(w / "receipts/new.pdf").string(), "that is inside receipts/"},
        {(w / ".git/config").string(), "that is inside .git/"},
        {(w / "private/cpr.db").string(), "the private store of CPR numbers"},
        {(w / "private").string(), "that is a folder"},
        {(w / "documents").string(), "that is a folder"},
        {(s.root / "w2/klynge.toml").string(), "that is klynge.toml"},  // any workspace, not only the own
        {(s.root / "out/link.sql").string(), "that is klynge.db"},      // resolved through the link
        {(s.root / "out/nowhere/x.csv").string(), "does not exist — create it first"},
        {(s.root / "out/input.csv").string(), "that is the file this command reads"},
        {(s.root / "out/x.klynge-tmp").string(), "klynge's temporaries"},
        {"", "is empty"},
        {(w / "documents/ok.csv").string(), ""},
        {(w / "private/eindkomst.csv").string(), ""},
        {(w / "klynge.sql").string(), ""},
        {(s.root / "out/dump.sql").string(), ""},
        {"/dev/null", ""},
        // Full CPR numbers: private/ or outside git, unless --force.
        {(w / "eindkomst.csv").string(), "would hold full CPR numbers inside the workspace", OutputContents::fullCprs},
        {(w / "documents/e.csv").string(), "full CPR numbers", OutputContents::fullCprs},
        {(w / "eindkomst.csv").string(), "", OutputContents::fullCprs, true},
        {(w / "private/e.csv").string(), "", OutputContents::fullCprs},
        {(s.root / "out/e.csv").string(), "", OutputContents::fullCprs},
    };
    for (const auto& c : cases) {
        CAPTURE(c.given);
        OutputRequest r{.option = "-o", .given = c.given, .contents = c.contents, .force = c.force, .workspace = w,
                        .inputs = {s.root / "out/input.csv"}};
        const auto message = refusal(r);
        if (c.messagePart.empty()) {
            CHECK(message.empty());
        } else {
            CHECK(message.find(c.messagePart) != std::string::npos);
            // The target as the user gave it, never a temporary name.
            CHECK(message.find("-o " + c.given) == 0);
        }
    }
    SUBCASE("a folder output lies in documents/ or outside the workspace") {
        OutputRequest r{.option = "--outbox", .given = (w / "documents/outbox").string(), .kind = OutputKind::folder,
                        .workspace = w};
        CHECK(refusal(r).empty());
        r.given = (s.root / "out").string();
        CHECK(refusal(r).empty());
        r.given = (w / "templates").string();
        CHECK(refusal(r).find("that is templates, the workspace's document templates") != std::string::npos);
        r.given = w.string();
        CHECK(refusal(r).find("outside documents/") != std::string::npos);
        r.given = (w / "klynge.toml").string();
        CHECK(refusal(r).find("that is a file, not a folder") != std::string::npos);
    }
    SUBCASE("a link is followed, not replaced") {
        fs::create_symlink(w / "documents/real.csv", s.root / "out/alias.csv");
        CHECK(checkedOutputPath({.option = "-o", .given = (s.root / "out/alias.csv").string()}) ==
              fs::weakly_canonical(w / "documents/real.csv"));
    }
}

TEST_CASE("AtomicFile: the target appears whole at commit, and no temporary is left on any path") {
    Scratch s;
    const auto dir = s.root / "out";
    const auto target = dir / "report.csv";
    SUBCASE("commit") {
        {
            AtomicFile f(target, "-o report.csv");
            f.stream() << "a,b\n";
            CHECK_FALSE(fs::exists(target)); // nothing visible before commit
            f.commit();
        }
        std::ifstream in(target);
        std::string line;
        std::getline(in, line);
        CHECK(line == "a,b");
        CHECK(entriesOf(dir).size() == 3); // input.csv, link.sql, report.csv
    }
    SUBCASE("an exception before commit") {
        try {
            AtomicFile f(target, "-o report.csv");
            f.stream() << "half";
            throw InvalidValue("the command failed half-way");
        } catch (const InvalidValue&) {
        }
        CHECK_FALSE(fs::exists(target));
        CHECK(entriesOf(dir).size() == 2);
    }
    SUBCASE("a rename that fails") {
        fs::create_directory(target); // rename(2) cannot replace a folder with a file
        {
            AtomicFile f(target, "-o report.csv");
            f.stream() << "x";
            CHECK_THROWS_WITH_AS(f.commit(), doctest::Contains("cannot write -o report.csv"), StorageError);
        }
        CHECK(entriesOf(dir).size() == 3); // input.csv, link.sql, the folder: no temporary
    }
    SUBCASE("full CPR numbers: mode 0600 from the start") {
        AtomicFile f(target, "-o report.csv", AtomicFile::privateMode);
        for (const auto& e : fs::directory_iterator(dir))
            if (isKlyngeTemporary(e.path().filename().string()))
                CHECK((fs::status(e).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
        f.stream() << "010190-1234";
        f.commit();
        CHECK((fs::status(target).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    }
    SUBCASE("a folder that cannot be written in") {
        CHECK_THROWS_WITH_AS(AtomicFile(s.root / "nowhere/x.csv", "-o nowhere/x.csv"),
                             doctest::Contains("cannot write -o nowhere/x.csv"), InvalidValue);
    }
}

TEST_CASE("the sweep removes only klynge's own stale, unlocked temporaries") {
    Scratch s;
    const auto w = s.root / "w";
    auto make = [](const fs::path& p) { std::ofstream(p) << "half"; };
    make(w / "documents/referat.md.1a2b3c4d.klynge-tmp");     // stale
    make(w / "klynge.db.5e6f.klynge-tmp-journal");             // stale, SQLite's journal of a temporary db
    fs::create_directories(w / "documents/meetings/afregning.9a8b.klynge-tmp/bilag"); // a stale staging folder
    fs::create_directories(s.root / ".w.77aa.klynge-tmp");     // init's staging beside the workspace
    make(w / "documents/fresh.md.abcd.klynge-tmp");            // too young: may be being written
    make(w / "documents/locked.md.ef01.klynge-tmp");           // old, but a running klynge holds it
    make(w / "documents/notes.md");                            // the user's file
    make(w / "documents/my-klynge-tmp-notes.md");              // the user's, despite the name
    make(w / ".git/x.klynge-tmp");                             // git's business
    for (auto p : {"documents/referat.md.1a2b3c4d.klynge-tmp", "klynge.db.5e6f.klynge-tmp-journal",
                   "documents/meetings/afregning.9a8b.klynge-tmp", "documents/locked.md.ef01.klynge-tmp",
                   "documents/notes.md", ".git/x.klynge-tmp"})
        makeOld(w / p);
    makeOld(s.root / ".w.77aa.klynge-tmp");
    int lock = ::open((w / "documents/locked.md.ef01.klynge-tmp").c_str(), O_RDONLY);
    REQUIRE(lock >= 0);
    REQUIRE(::flock(lock, LOCK_EX) == 0);

    auto found = findTemporaries(w);
    CHECK(found.stale.size() == 4);
    CHECK(found.inUse.size() == 2);
    auto removed = sweepTemporaries(w);
    std::sort(removed.begin(), removed.end());
    CHECK(removed == std::vector<std::string>{"../.w.77aa.klynge-tmp", "documents/meetings/afregning.9a8b.klynge-tmp",
                                              "documents/referat.md.1a2b3c4d.klynge-tmp",
                                              "klynge.db.5e6f.klynge-tmp-journal"});
    CHECK(fs::exists(w / "documents/fresh.md.abcd.klynge-tmp"));
    CHECK(fs::exists(w / "documents/locked.md.ef01.klynge-tmp"));
    CHECK(fs::exists(w / "documents/notes.md"));
    CHECK(fs::exists(w / "documents/my-klynge-tmp-notes.md"));
    CHECK(fs::exists(w / ".git/x.klynge-tmp"));
    CHECK_FALSE(fs::exists(s.root / ".w.77aa.klynge-tmp"));
    ::close(lock);
    CHECK(sweepTemporaries(w) == std::vector<std::string>{"documents/locked.md.ef01.klynge-tmp"});
}

TEST_CASE("the walk for temporaries follows no link and stops at each temporary it finds") {
    Scratch s;
    const auto w = s.root / "w";
    const auto elsewhere = s.root / "elsewhere";
    fs::create_directories(w / "documents");
    fs::create_directories(elsewhere / "deep");
    auto make = [](const fs::path& p) { std::ofstream(p) << "half"; };
    make(elsewhere / "deep/outside.md.1111.klynge-tmp");
    make(w / "documents/real.md.2222.klynge-tmp");
    fs::create_directories(w / "receipts/staged.3333.klynge-tmp/inner.4444.klynge-tmp");
    fs::create_directory_symlink(elsewhere, w / "documents/linked");              // not followed
    fs::create_symlink(elsewhere / "deep/outside.md.1111.klynge-tmp", w / "a.5555.klynge-tmp"); // a link, the user's
    make(w / "documents/.git");                                                    // a file, not git's folder
    fs::create_directories(w / "templates/.git");                                  // only the top .git is skipped
    make(w / "templates/.git/t.6666.klynge-tmp");
    for (auto p : {"documents/real.md.2222.klynge-tmp", "receipts/staged.3333.klynge-tmp", "templates/.git/t.6666.klynge-tmp"})
        makeOld(w / p);
    auto found = findTemporaries(w);
    std::sort(found.stale.begin(), found.stale.end());
    CHECK(found.stale == std::vector<std::string>{"documents/real.md.2222.klynge-tmp", "receipts/staged.3333.klynge-tmp",
                                                  "templates/.git/t.6666.klynge-tmp"});
    CHECK(found.inUse.empty());
    CHECK(findTemporaries(s.root / "missing").stale.empty()); // no workspace there: nothing, no error
}
