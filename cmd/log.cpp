// klynge log — the audit log (klynge-log(1)).
#include "cli.hpp"

namespace klynge::cli {

void registerLog(CLI::App& app, Context& ctx) {
    auto limit = std::make_shared<int>(20);
    auto* cmd = app.add_subcommand("log", "The audit log: every change, newest first (time, user, command, summary)");
    cmd->add_option("-n,--limit", *limit, "How many entries (0: all)")->capture_default_str()->check(countOrZero("0: all"));
    cmd->callback([&ctx, limit] {
        auto session = ctx.open(Store::Mode::readOnly);
        // "#" counts the entries from the first (record ids are long numbers).
        SQLite::Statement q(session.store().db(), "SELECT row_number() OVER (ORDER BY id), at, os_user, command, "
                                                  "summary FROM audit ORDER BY id DESC LIMIT ?");
        q.bind(1, *limit == 0 ? -1 : *limit);
        out::Table t{{{"id", "#"}, {"at", "TIME (UTC)"}, {"user", "USER"}, {"command", "COMMAND"},
                      {"summary", "SUMMARY"}},
                     {}};
        while (q.executeStep())
            t.add({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getString()});
        ctx.print(t);
    });
}

} // namespace klynge::cli
