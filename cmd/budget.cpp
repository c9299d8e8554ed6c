// klynge budget set | show (klynge-budget(1)).
#include "cli.hpp"

#include "klynge/money/budget.hpp"
#include "klynge/money/report.hpp"
#include "klynge/store/templates.hpp"

#include <fmt/format.h>

namespace klynge::cli {

void registerBudget(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("budget", "The year's budget per category, and budget vs actual");
    grp->require_subcommand(1);

    struct SetOptions {
        int year = 0;
        std::string category, amount;
    };
    auto s = std::make_shared<SetOptions>();
    auto* set = grp->add_subcommand("set", "Set the budget of one category (or income kind) for a year");
    set->add_option("--year", s->year, "The budget year")->type_name("Y")->required();
    set->add_option("--category", s->category, "An expense category or an income kind (`klynge ledger categories`)")
        ->required();
    set->add_option("--amount", s->amount, "The budgeted amount in kroner (0 removes the line)")
        ->type_name("AMOUNT")
        ->required();
    set->callback([&ctx, s] {
        Money amount = parseMoney(s->amount, "--amount");
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto line = setBudget(session.store(), s->year, s->category, amount, Date::today());
            ctx.note(fmt::format("Budget {} for {}: {}", line.year, line.category, line.amount.danish()));
            return fmt::format("budget {} {} set to {}", line.year, line.category, line.amount.danish());
        });
    });

    struct ShowOptions {
        int year = 0;
        bool document = false;
    };
    auto o = std::make_shared<ShowOptions>();
    auto* show = grp->add_subcommand("show", "Budget vs actual for a year, per category");
    show->add_option("--year", o->year, "The year (default: this year)")->type_name("Y");
    show->add_flag("--document", o->document,
                   "Also write the Danish budget for the general assembly to documents/budget-YEAR.md");
    show->callback([&ctx, o] {
        auto session = ctx.open(Store::Mode::readOnly);
        int y = o->year ? o->year : Date::today().year();
        if (o->document) {
            auto b = budgetDocument(session.store(), session.config(), y, Date::today());
            auto text = renderBudgetDocument(b, loadTemplate(session.paths().root, "budget.md.mustache"), Date::today());
            auto file = session.paths().documents() / fmt::format("budget-{}.md", y);
            std::error_code ec;
            if (!ctx.globals.dryRun) std::filesystem::create_directories(file.parent_path(), ec);
            writeFileAtomically(ctx, {.option = "--document", .given = file.string(), .workspace = session.paths().root},
                                [&](std::ostream& os) { os << text; });
            if (!ctx.globals.dryRun) ctx.err << fmt::format("Wrote documents/budget-{}.md\n", y);
        }
        auto r = budgetVsActual(session.store(), y);
        out::Table t{{{"kind", "KIND"}, {"category", "CATEGORY"}, {"account", "ACCOUNT"}, {"budget", "BUDGET"},
                      {"actual", "ACTUAL"}, {"remaining", "REMAINING"}, {"used_percent", "USED %"}},
                     {}};
        for (const auto* lines : {&r.income, &r.expenses})
            for (const auto& l : *lines) {
                out::Cell used;
                if (l.budget && *l.budget > Money()) used = l.actual.ore() * 100 / l.budget->ore();
                t.add({std::string(kindName(l.kind)), l.category, l.account,
                       l.budget ? out::Cell(*l.budget) : out::Cell(),
                       l.actual, l.budget ? out::Cell(*l.budget - l.actual) : out::Cell(), used});
            }
        if (ctx.table() && t.rows.empty()) {
            ctx.out << fmt::format("No budget and no entries for {} — set one with `klynge budget set --year {} "
                                   "--category C --amount A`\n",
                                   y, y);
            return;
        }
        ctx.print(t);
        if (ctx.table() && !ctx.globals.quiet)
            ctx.out << fmt::format("\n{}: income {} of budgeted {}; expenses {} of budgeted {}\n", y,
                                   r.incomeActual.danish(), r.incomeBudget.danish(), r.expenseActual.danish(),
                                   r.expenseBudget.danish());
    });
}

} // namespace klynge::cli
