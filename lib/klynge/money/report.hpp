// The annual accounts (årsregnskab) the general assembly approves: carried
// over, income and expenses by category against the budget, the result, and
// the balance at 31 December [000 §8, 001 §13]. Unspent money is carried
// over to the next year [001 §11].
#pragma once

#include "klynge/money/budget.hpp"
#include "klynge/store/config.hpp"

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

// The account that holds the money in this model.
std::string moneyAccount(FinanceModel model);
inline constexpr std::string_view payablesAccount = "Passiver:Skyldige udgifter";

} // namespace klynge
