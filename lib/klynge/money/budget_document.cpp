// The budget document (budget-YYYY.md) the ordinary general assembly gets
// with the accounts [000 §8, 001 §13].
#include "klynge/money/report.hpp"
#include "klynge/people/role.hpp"

#include "klynge/text/error.hpp"
#include "klynge/store/templates.hpp"

#include <fmt/format.h>

#include <map>

namespace klynge {
namespace {

using kainjow::mustache::data;

std::string amount(Money m) { return m.danishNumber(); }

// One table: the year's budget lines and, beside each, the year before's
// accounts for the same category (a category only the year before used is
// shown too, with no budget).
data linesData(const std::vector<BudgetRow>& budget, const std::vector<BudgetRow>* previous) {
    std::vector<std::pair<std::string, const BudgetRow*>> order;
    std::map<std::string, std::pair<const BudgetRow*, const BudgetRow*>> rows; // category -> (budget, previous)
    for (const auto& r : budget) {
        if (!r.budget) continue;
        rows[r.category].first = &r;
        order.push_back({r.category, &r});
    }
    if (previous)
        for (const auto& r : *previous) {
            auto [it, fresh] = rows.try_emplace(r.category);
            it->second.second = &r;
            if (fresh) order.push_back({r.category, &r});
        }
    data list{data::type::list};
    for (const auto& [category, first] : order) {
        const auto& [b, p] = rows[category];
        data d;
        d.set("navn", first->label);
        d.set("budget", b ? amount(*b->budget) : std::string("–"));
        d.set("regnskab", p ? amount(p->actual) : std::string("–"));
        list.push_back(d);
    }
    return list;
}

} // namespace

BudgetDocument budgetDocument(Store& store, const Config& config, int year, Date today) {
    if (year < 2000 || year > 2100)
        throw InvalidValue(fmt::format("--year {} is not a plausible year — give e.g. --year {}", year, today.year() + 1));
    BudgetDocument b;
    b.year = year;
    b.cluster = config.clusterName();
    b.cvr = config.clusterCvr().value_or("");
    for (const auto& r : listRoles(store, today))
        if (r.role == "kasserer") b.treasurer = r.holder;
    b.budget = budgetVsActual(store, year);
    if (!b.budget.hasBudget)
        throw RuleViolation(fmt::format("there is no budget for {} — set its lines first with `klynge budget set "
                                        "--year {} --category C --amount A`",
                                        year, year));
    if (Date(year - 1, 12, 31) < today) b.previous = annualAccounts(store, config, year - 1);
    b.budgetResult = b.budget.incomeBudget - b.budget.expenseBudget;
    return b;
}

std::string renderBudgetDocument(const BudgetDocument& b, const std::string& templateText, Date today) {
    data d;
    setYearDocumentHeader(d, b.cluster, b.cvr, b.year, today, b.treasurer);
    const auto* prev = b.previous ? &b.previous->lines : nullptr;
    d.set("med_regnskab", prev != nullptr);
    d.set("indtaegter", linesData(b.budget.income, prev ? &prev->income : nullptr));
    d.set("udgifter", linesData(b.budget.expenses, prev ? &prev->expenses : nullptr));
    d.set("indtaegter_budget", amount(b.budget.incomeBudget));
    d.set("udgifter_budget", amount(b.budget.expenseBudget));
    d.set("indtaegter_regnskab", prev ? amount(prev->incomeActual) : std::string());
    d.set("udgifter_regnskab", prev ? amount(prev->expenseActual) : std::string());
    d.set("resultat", amount(b.budgetResult));
    d.set("resultat_regnskab", b.previous ? amount(b.previous->result) : std::string());
    if (b.previous) {
        d.set("primo", amount(b.previous->closingEquity));
        d.set("forventet", amount(b.previous->closingEquity + b.budgetResult));
    }
    return renderDocument("budget.md.mustache", templateText, d);
}

} // namespace klynge
