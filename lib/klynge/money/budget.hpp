// Budget and budget vs actual: the cluster keeps a budget and presents the
// accounts and next year's budget at the annual assembly [000 §8, 001 §13].
// A budget line is set per year and category (an expense category or an
// income kind); setting it again appends a row, and the latest applies.
#pragma once

#include "klynge/money/ledger.hpp"

#include <optional>
#include <string>
#include <vector>

namespace klynge {

struct BudgetLine {
    int year = 0;
    EntryKind kind = EntryKind::expense;
    std::string category;
    Money amount;
    Date setOn;
};

// Refuses a disallowed or unknown category, a negative amount, a year
// outside 2000–2100, and the opening-balance kind (it is not budgeted).
BudgetLine setBudget(Store& store, int year, std::string_view category, Money amount, Date today);
// The latest line per category for the year, in policy-table order.
std::vector<BudgetLine> budgetFor(Store& store, int year);

// One line of budget vs actual. Actual: for income, what was received in
// the year; for an expense category, what was recorded in the year minus
// what was rejected in it (reversals count in their own year).
struct BudgetRow {
    EntryKind kind = EntryKind::expense;
    std::string category; // key: "forplejning"
    std::string label;    // Danish name: "Forplejning", "Driftstilskud"
    std::string account;  // "Udgifter:Forplejning"
    std::optional<Money> budget;
    Money actual;
    Money difference() const { return actual - budget.value_or(Money()); }
};

struct BudgetReport {
    int year = 0;
    std::vector<BudgetRow> income, expenses; // lines with a budget or an amount
    Money incomeBudget, incomeActual, expenseBudget, expenseActual;
    Money openingBalances; // primo entries dated in the year (equity, not income)
    bool hasBudget = false;
};
// From the day totals: fast for any number of entries.
BudgetReport budgetVsActual(Store& store, int year);

} // namespace klynge
