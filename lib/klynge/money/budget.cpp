#include "klynge/money/budget.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace klynge {
namespace {

std::string lastComponent(std::string_view account) {
    auto colon = account.rfind(':');
    return std::string(colon == std::string_view::npos ? account : account.substr(colon + 1));
}

// The order of the lines: the policy table's.
int policyOrder(EntryKind kind, std::string_view category) {
    int i = 0;
    if (kind == EntryKind::income) {
        for (const auto& k : incomeKinds()) {
            if (k.key == category) return i;
            ++i;
        }
    } else {
        for (const auto& c : expenseCategories()) {
            if (c.key == category) return i;
            ++i;
        }
    }
    return 1000;
}

BudgetRow rowFor(EntryKind kind, const std::string& category) {
    BudgetRow r;
    r.kind = kind;
    r.category = category;
    if (kind == EntryKind::income) {
        const auto* k = findIncomeKind(category);
        r.account = k ? std::string(k->account) : "Indtægter:" + category;
    } else {
        const auto* c = findExpenseCategory(category);
        r.account = fmt::format("Udgifter:{}", c ? c->account : category);
    }
    r.label = lastComponent(r.account);
    return r;
}

} // namespace

BudgetLine setBudget(Store& store, int year, std::string_view category, Money amount, Date today) {
    if (year < 2000 || year > 2100) throw InvalidValue(fmt::format("--year {} is not a plausible year — give e.g. --year {}",
                                                                   year, today.year() + 1));
    if (amount < Money())
        throw InvalidValue(fmt::format("--amount {} is negative — a budget is 0 kr. or more", amount.danish()));
    BudgetLine line{year, EntryKind::expense, "", amount, today};
    if (const auto* c = findExpenseCategory(category)) {
        if (c->policy == CategoryPolicy::disallowed)
            throw RuleViolation(fmt::format("cluster money may not pay for {}: {} {} — it cannot have a budget",
                                            c->key, c->meaning, c->source));
        line.category = std::string(c->key);
    } else if (const auto* k = findIncomeKind(category); k && k->key != openingBalanceKind) {
        line.kind = EntryKind::income;
        line.category = std::string(k->key);
    } else {
        throw InvalidValue(fmt::format("unknown category \"{}\" — give an expense category or an income kind; `klynge "
                                       "ledger categories` lists them",
                                       category));
    }
    auto q = store.prepared("INSERT INTO budget(id, year, category, amount_ore, set_on) VALUES (klynge_id(), ?, ?, ?, ?)");
    q.bind(1, year);
    q.bind(2, line.category);
    q.bind(3, amount.ore());
    q.bind(4, today.iso());
    q.exec();
    return line;
}

std::vector<BudgetLine> budgetFor(Store& store, int year) {
    auto q = store.prepared("SELECT category, amount_ore, set_on FROM budget b WHERE year = ?1 AND id = "
                            "(SELECT max(id) FROM budget WHERE year = ?1 AND category = b.category)");
    q.bind(1, year);
    std::vector<BudgetLine> out;
    while (q.executeStep()) {
        BudgetLine l;
        l.year = year;
        l.category = q.getColumn(0).getString();
        l.kind = findExpenseCategory(l.category) ? EntryKind::expense : EntryKind::income;
        l.amount = Money::fromOre(q.getColumn(1).getInt64());
        l.setOn = Date::parse(q.getColumn(2).getString());
        out.push_back(std::move(l));
    }
    std::sort(out.begin(), out.end(), [](const BudgetLine& a, const BudgetLine& b) {
        return std::pair(a.kind == EntryKind::expense, policyOrder(a.kind, a.category)) <
               std::pair(b.kind == EntryKind::expense, policyOrder(b.kind, b.category));
    });
    return out;
}

BudgetReport budgetVsActual(Store& store, int year) {
    BudgetReport r;
    r.year = year;
    std::map<std::pair<int, std::string>, BudgetRow> rows; // (order, category)
    auto row = [&](EntryKind kind, const std::string& category) -> BudgetRow& {
        int order = policyOrder(kind, category) + (kind == EntryKind::expense ? 10000 : 0);
        auto [it, fresh] = rows.try_emplace({order, category});
        if (fresh) it->second = rowFor(kind, category);
        return it->second;
    };
    for (const auto& b : budgetFor(store, year)) {
        row(b.kind, b.category).budget = b.amount;
        r.hasBudget = true;
    }
    for (const auto& t : categoryTotals(store, Date(year, 1, 1), Date(year, 12, 31))) {
        if (t.kind == EntryKind::income && t.category == openingBalanceKind) {
            r.openingBalances += t.recorded;
            continue;
        }
        Money actual = t.kind == EntryKind::income ? t.recorded : t.recorded - t.rejected;
        if (actual == Money() && t.recorded == Money()) continue; // only payments of earlier years' entries
        row(t.kind, t.category).actual += actual;
    }
    for (auto& [key, line] : rows) {
        if (!line.budget && line.actual == Money()) continue; // e.g. recorded and rejected in the year
        if (line.kind == EntryKind::income) {
            r.incomeBudget += line.budget.value_or(Money());
            r.incomeActual += line.actual;
            r.income.push_back(line);
        } else {
            r.expenseBudget += line.budget.value_or(Money());
            r.expenseActual += line.actual;
            r.expenses.push_back(line);
        }
    }
    return r;
}

} // namespace klynge
