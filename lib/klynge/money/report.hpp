// The annual accounts (årsregnskab) the general assembly approves: carried
// over, income and expenses by category against the budget, the result, and
// the balance at 31 December [000 §8, 001 §13]. Unspent money is carried
// over to the next year [001 §11].
#pragma once

#include "klynge/money/budget.hpp"
#include "klynge/store/config.hpp"

#include <kainjow/mustache.hpp>

#include <optional>
#include <string>

namespace klynge {

struct AnnualAccounts {
    int year = 0;
    std::string cluster;
    std::string cvr; // "" while the cluster is being founded
    std::string treasurer; // the kasserer at the end of the year, or none
    FinanceModel model = FinanceModel::plo;
    std::string account;     // "Aktiver:PLO-konto" | "Aktiver:Bank"
    Money carriedOver;       // what was left at the end of the year before (egenkapital)
    BudgetReport lines;      // income and expenses against the budget
    Money result;            // income − expenses
    Money closingEquity;     // carried over + opening balances + result
    Balance closing;         // at 31 December: klyngesaldo, committed, equity
    std::int64_t vouchers = 0;
    std::string firstVoucher, lastVoucher;
};

AnnualAccounts annualAccounts(Store& store, const Config& config, int year);

// documents/regnskab-YYYY.md from templates/regnskab.md.mustache.
std::string renderAccountsDocument(const AnnualAccounts& a, const std::string& templateText, Date today);

// The budget of a year as the general assembly gets it [001 §13: "Fremlæggelse
// af budget for det kommende år"]: each line with, once the year before is
// over, what that year's accounts show, and what the cluster is expected to
// carry over. Refuses (RuleViolation) a year without a budget.
struct BudgetDocument {
    int year = 0;
    std::string cluster;
    std::string cvr;
    std::string treasurer;      // the kasserer today, or none
    BudgetReport budget;        // the year's budget lines (and the year's actual so far)
    std::optional<AnnualAccounts> previous; // the year before, once it is over
    Money budgetResult;         // budgeted income − budgeted expenses
};
BudgetDocument budgetDocument(Store& store, const Config& config, int year, Date today);
// documents/budget-YYYY.md from templates/budget.md.mustache.
std::string renderBudgetDocument(const BudgetDocument& b, const std::string& templateText, Date today);

// The values the accounts and the budget documents open with: the cluster,
// its CVR (none while being founded), the year and its neighbours, the day
// written and the kasserer.
void setYearDocumentHeader(kainjow::mustache::data& d, const std::string& cluster, const std::string& cvr, int year,
                           Date today, const std::string& treasurer);

// The account that holds the money in this model.
std::string moneyAccount(FinanceModel model);
inline constexpr std::string_view payablesAccount = "Passiver:Skyldige udgifter";

} // namespace klynge
