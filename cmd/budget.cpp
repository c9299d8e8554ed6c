// klynge budget set | show (klynge-budget(1)).
#include "cli.hpp"

#include "klynge/money/budget.hpp"

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

    auto year = std::make_shared<int>(0);
    auto* show = grp->add_subcommand("show", "Budget vs actual for a year, per category");
    show->add_option("--year", *year, "The year (default: this year)")->type_name("Y");
    show->callback([&ctx, year] {
        auto session = ctx.open(Store::Mode::readOnly);
        int y = *year ? *year : Date::today().year();
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
