#include "klynge/money/report.hpp"
#include "klynge/people/role.hpp"

#include "klynge/text/error.hpp"
#include "klynge/money/ledger_store.hpp"
#include "klynge/store/templates.hpp"

#include <fmt/format.h>

namespace klynge {
namespace {

std::string amount(Money m) { return m.danishNumber(); }

kainjow::mustache::data linesData(const std::vector<BudgetRow>& rows) {
    kainjow::mustache::data list{kainjow::mustache::data::type::list};
    for (const auto& r : rows) {
        kainjow::mustache::data d;
        d.set("navn", r.label);
        d.set("konto", r.account);
        d.set("budget", r.budget ? amount(*r.budget) : std::string("–"));
        d.set("faktisk", amount(r.actual));
        d.set("afvigelse", r.budget ? amount(r.difference()) : std::string("–"));
        list.push_back(d);
    }
    return list;
}

// The first and last voucher numbers of a year (two index lookups: one
// min() and max() together would scan the year's entries).
std::pair<std::string, std::string> voucherRange(Store& store, int year) {
    auto edge = [&](const char* order) -> std::string {
        auto q = store.prepared(fmt::format("SELECT voucher_seq FROM ledger_entry WHERE voucher_year = ? "
                                            "ORDER BY voucher_seq {} LIMIT 1",
                                            order));
        q.bind(1, year);
        return q.executeStep() ? voucherName(year, q.getColumn(0).getInt64()) : std::string();
    };
    return {edge("ASC"), edge("DESC")};
}

} // namespace

std::string moneyAccount(FinanceModel model) {
    return model == FinanceModel::plo ? "Aktiver:PLO-konto" : "Aktiver:Bank";
}

AnnualAccounts annualAccounts(Store& store, const Config& config, int year) {
    if (year < 2000 || year > 2100)
        throw InvalidValue(fmt::format("--year {} is not a plausible year — give e.g. --year 2026", year));
    AnnualAccounts a;
    a.year = year;
    a.cluster = config.clusterName();
    a.cvr = config.clusterCvr().value_or("");
    for (const auto& r : listRoles(store, Date(year, 12, 31)))
        if (r.role == "kasserer") a.treasurer = r.holder;
    a.model = financeModel(config);
    a.account = moneyAccount(a.model);
    a.carriedOver = ledgerBalance(store, Date(year - 1, 12, 31)).equity;
    a.lines = budgetVsActual(store, year);
    a.result = a.lines.incomeActual - a.lines.expenseActual;
    a.closingEquity = a.carriedOver + a.lines.openingBalances + a.result;
    a.closing = ledgerBalance(store, Date(year, 12, 31));
    a.vouchers = a.closing.entries - ledgerBalance(store, Date(year - 1, 12, 31)).entries;
    std::tie(a.firstVoucher, a.lastVoucher) = voucherRange(store, year);
    return a;
}

void setYearDocumentHeader(kainjow::mustache::data& d, const std::string& cluster, const std::string& cvr, int year,
                           Date today, const std::string& treasurer) {
    d.set("klynge", cluster);
    if (!cvr.empty()) d.set("cvr", cvr);
    d.set("aar", std::to_string(year));
    d.set("forrige_aar", std::to_string(year - 1));
    d.set("naeste_aar", std::to_string(year + 1));
    d.set("dato", today.danishLong());
    d.set("har_kasserer", !treasurer.empty());
    d.set("kasserer", treasurer);
}

std::string renderAccountsDocument(const AnnualAccounts& a, const std::string& templateText, Date today) {
    kainjow::mustache::data d;
    setYearDocumentHeader(d, a.cluster, a.cvr, a.year, today, a.treasurer);
    d.set("konto", a.model == FinanceModel::plo ? "klyngens konto hos PLO" : "klyngens bankkonto");
    d.set("plo", a.model == FinanceModel::plo ? kainjow::mustache::data::type::bool_true
                                              : kainjow::mustache::data::type::bool_false);
    // One opening balance: what was carried over and what was brought into the
    // books when they were first kept here are the same money (DANISH.md).
    d.set("overfoert", amount(a.carriedOver + a.lines.openingBalances));
    d.set("indtaegter", linesData(a.lines.income));
    d.set("indtaegter_budget", amount(a.lines.incomeBudget));
    d.set("indtaegter_i_alt", amount(a.lines.incomeActual));
    d.set("indtaegter_afvigelse", amount(a.lines.incomeActual - a.lines.incomeBudget));
    d.set("udgifter", linesData(a.lines.expenses));
    d.set("udgifter_budget", amount(a.lines.expenseBudget));
    d.set("udgifter_i_alt", amount(a.lines.expenseActual));
    d.set("udgifter_afvigelse", amount(a.lines.expenseActual - a.lines.expenseBudget));
    d.set("resultat", amount(a.result));
    d.set("egenkapital", amount(a.closingEquity));
    d.set("saldo", amount(a.closing.balance));
    d.set("skyldige", amount(-a.closing.committed));
    d.set("bilag", std::to_string(a.vouchers));
    if (!a.firstVoucher.empty()) d.set("bilag_fra_til", fmt::format("{} – {}", a.firstVoucher, a.lastVoucher));
    return renderDocument("regnskab.md.mustache", templateText, d);
}

} // namespace klynge
