// klynge dump [DBFILE] [-o FILE] | klynge restore FILE (klynge-dump(1)).
#include "cli.hpp"

#include "klynge/store/chain.hpp"
#include "klynge/store/dump.hpp"
#include "klynge/store/temporary.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/input_file.hpp"

#include <fmt/format.h>

#include <fstream>

namespace klynge::cli {
namespace {

// DBFILE must be a database; a dump or CSV given by mistake is named so,
// not reported as a damaged klynge.db.
void refuseIfNotSqlite(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::string head(16, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    if (in.gcount() == 16 && head == std::string_view("SQLite format 3\0", 16)) return;
    throw InvalidValue(fmt::format("DBFILE {} is not a klynge database (not an SQLite file) — give the path of a "
                                   "klynge.db; a dump is read with `klynge restore FILE`",
                                   file));
}

// Any record outside the audit log (a fresh init has only its own audit line).
bool holdsRecords(Store& store) {
    SQLite::Statement tables(store.db(), "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' AND name <> 'audit'");
    while (tables.executeStep()) {
        SQLite::Statement any(store.db(), fmt::format("SELECT EXISTS (SELECT 1 FROM \"{}\")", tables.getColumn(0).getString()));
        any.executeStep();
        if (any.getColumn(0).getInt()) return true;
    }
    return false;
}

} // namespace

void registerDump(CLI::App& app, Context& ctx) {
    struct DumpOptions {
        std::string dbFile;
        std::optional<std::string> output;
    };
    auto d = std::make_shared<DumpOptions>();
    auto* dump = app.add_subcommand("dump", "Print every record as deterministic text (same database, same bytes)");
    dump->add_option("DBFILE", d->dbFile, "A klynge.db to dump instead of the workspace's (git's textconv uses this)");
    dump->add_option("-o,--output", d->output, "Write to FILE (atomically) instead of stdout");
    dump->callback([&ctx, d] {
        auto dumpStore = [&](Store& store) {
            if (!d->output) return dumpDatabase(store, ctx.out);
            OutputRequest output{.option = "-o", .given = *d->output};
            if (!d->dbFile.empty()) output.inputs.push_back(d->dbFile);
            writeFileAtomically(ctx, output, [&](std::ostream& os) { dumpDatabase(store, os); });
        };
        if (!d->dbFile.empty()) {
            // Needs no workspace: git runs it on a temporary copy of the blob.
            checkInputFile(d->dbFile, "DBFILE", InputContents::binary);
            refuseIfNotSqlite(d->dbFile);
            Store store = Store::open(d->dbFile, Store::Mode::readOnly);
            dumpStore(store);
        } else {
            auto session = ctx.open(Store::Mode::readOnly);
            dumpStore(session.store());
        }
    });

    struct RestoreOptions {
        std::string file;
        bool force = false;
    };
    auto r = std::make_shared<RestoreOptions>();
    auto* restore = app.add_subcommand("restore", "Rebuild klynge.db from a dump (dump → restore → dump is identical)");
    restore->add_option("FILE", r->file, "A file written by `klynge dump`")->required();
    restore->add_flag("--force", r->force, "Replace a klynge.db that already holds records");
    restore->callback([&ctx, r] {
        auto paths = locateWorkspace(ctx.globals.dir ? std::optional<std::filesystem::path>(*ctx.globals.dir)
                                                     : std::nullopt);
        Config::load(paths.toml());
        checkInputFile(r->file, "the dump");
        std::error_code ec;
        if (std::filesystem::exists(paths.database(), ec) && !r->force) {
            Store current = Store::open(paths.database(), Store::Mode::readOnly);
            if (holdsRecords(current))
                throw RuleViolation("klynge.db already holds records — give --force to replace it (dump it first "
                                    "with `klynge dump -o FILE` if you may need it)");
        }
        // Built beside klynge.db under a locked temporary name, removed on any failure.
        TemporaryPath tmp(temporaryNameFor(paths.database()), TemporaryPath::Kind::file, "klynge.db");
        auto result = restoreDatabase(r->file, tmp.path());
        if (ctx.globals.dryRun) {
            ctx.err << fmt::format("dry run: {} records would be restored\n", result.records);
            return;
        }
        // No audit record is added: the restored log is the dump's own, so
        // dump → restore → dump stays byte-identical.
        std::filesystem::rename(tmp.path(), paths.database(), ec);
        if (ec)
            throw StorageError(fmt::format("cannot replace klynge.db: {} — check the workspace folder's permissions; "
                                           "nothing was changed",
                                           ec.message()));
        tmp.release();
        {
            // The restored chain's heads are the anchor from now on.
            Store restored = Store::open(paths.database(), Store::Mode::readOnly);
            writeChainAnchor(restored.db(), paths.database());
        }
        ctx.note(fmt::format("Restored {} records (dump schema {}) into {}", result.records, result.dumpVersion,
                             paths.database().string()));
    });
}

} // namespace klynge::cli
