// klynge dump [DBFILE] [-o FILE] | klynge restore FILE (klynge-dump(1)).
#include "cli.hpp"

#include "klynge/store/chain.hpp"
#include "klynge/store/dump.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <fstream>
#include <random>

namespace klynge::cli {
namespace {

// Writes through a temporary file renamed into place: -o never leaves half a file.
void writeAtomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& fill) {
    auto tmp = target;
    tmp += fmt::format(".{:x}.klynge-tmp", std::random_device{}());
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw InvalidValue(fmt::format("cannot write {} — check the directory", target.string()));
        try {
            fill(f);
        } catch (...) {
            f.close();
            std::filesystem::remove(tmp);
            throw;
        }
        if (!f.flush()) {
            std::filesystem::remove(tmp);
            throw StorageError(fmt::format("cannot write {} — is the disk full?", target.string()));
        }
    }
    std::filesystem::rename(tmp, target);
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
        std::string dbFile, output;
    };
    auto d = std::make_shared<DumpOptions>();
    auto* dump = app.add_subcommand("dump", "Print every record as deterministic text (same database, same bytes)");
    dump->add_option("DBFILE", d->dbFile, "A klynge.db to dump instead of the workspace's (git's textconv uses this)");
    dump->add_option("-o,--output", d->output, "Write to FILE (atomically) instead of stdout");
    dump->callback([&ctx, d] {
        auto dumpStore = [&](Store& store) {
            if (d->output.empty()) dumpDatabase(store, ctx.out);
            else if (ctx.globals.dryRun) ctx.err << fmt::format("dry run: would write {}\n", d->output);
            else writeAtomically(d->output, [&](std::ostream& os) { dumpDatabase(store, os); });
        };
        if (!d->dbFile.empty()) {
            // Needs no workspace: git runs it on a temporary copy of the blob.
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
        std::error_code ec;
        if (std::filesystem::exists(paths.database(), ec) && !r->force) {
            Store current = Store::open(paths.database(), Store::Mode::readOnly);
            if (holdsRecords(current))
                throw RuleViolation("klynge.db already holds records — give --force to replace it (dump it first "
                                    "with `klynge dump -o FILE` if you may need it)");
        }
        auto tmp = paths.database();
        tmp += fmt::format(".{:x}.klynge-tmp", std::random_device{}());
        auto result = restoreDatabase(r->file, tmp);
        if (ctx.globals.dryRun) {
            std::filesystem::remove(tmp);
            ctx.err << fmt::format("dry run: {} records would be restored\n", result.records);
            return;
        }
        // No audit record is added: the restored log is the dump's own, so
        // dump → restore → dump stays byte-identical.
        std::filesystem::rename(tmp, paths.database());
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
