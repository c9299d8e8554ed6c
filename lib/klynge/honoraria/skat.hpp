// Payouts and what SKAT must be told about them (DOMAIN.md, "Honoraria and
// SKAT"): each payout is a ledger expense (honorar / kørsel) and, for a
// person (CPR), a B-income record for eIndkomst, due by the 10th of the
// month after the payout (bIncomeDeadline). Payouts, B-income records and
// the marks that they were reported are append-only and hash-chained.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/calendar/deadlines.hpp"
#include "klynge/honoraria/honoraria.hpp"
#include "klynge/money/ledger.hpp"
#include "klynge/store/receipts.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace klynge {

// ---- What is reported (eIndkomst, indberetningsvejledning section 8.6) ----

enum class PayoutKind {
    honorar,        // a fee: field 36, B-income with AM-bidrag
    koersel,        // mileage on top of the fee at the state rate: field 38, without AM-bidrag
    koerselIHonorar // mileage not at the state rate, or folded into the fee: field 36
};
PayoutKind parsePayoutKind(std::string_view text); // accepts "korsel"; throws InvalidValue
std::string_view payoutKindName(PayoutKind k);     // "kørsel"

struct ReportRule {
    PayoutKind kind;
    std::optional<int> field; // eIndkomst field
    std::string_view meaning;
    std::string_view source;
};
const ReportRule& reportRule(PayoutKind k);
// The ledger category a payout is recorded under (policy.cpp).
std::string_view payoutCategory(PayoutKind k);

// "2026-03"
struct YearMonth {
    int year = 0;
    unsigned month = 1;
    static YearMonth parse(std::string_view text); // throws InvalidValue
    static YearMonth of(Date d) { return {d.year(), d.month()}; }
    std::string iso() const;
    auto operator<=>(const YearMonth&) const = default;
};
Date deadlineOf(const Config& config, YearMonth m);

// ---- Payouts ----------------------------------------------------------------

struct NewPayout {
    std::optional<std::int64_t> contractId; // the schedule's amount for a period
    std::string period;                     // with a contract: "2026-K1" (default: the period of `date`)
    std::string person;                     // without a contract
    std::optional<Money> amount;
    std::optional<PayoutKind> kind;
    Date date;
    std::string text;
    std::optional<Cpr> cpr; // recorded in the attached private store
    std::vector<StagedReceipt> receipts;
};

struct Payout {
    std::int64_t id = 0;
    Payee payee;
    std::optional<std::int64_t> contractId;
    std::optional<std::int64_t> contractNumber;
    std::string period;
    PayoutKind kind = PayoutKind::honorar;
    // The payout's own date: under finance.model = "plo" the day the request
    // went to PLO, under "own-account" the day the cluster paid.
    Date date;
    // The day the money was paid: the ledger entry's payment. It decides the
    // B-income month (DOMAIN.md: the payment date, not the request's).
    std::optional<Date> paidOn;
    bool reversed = false; // its ledger entry was reversed (a correction)
    Money amount; // without VAT
    Money vat;
    std::string voucher;
    std::optional<std::int64_t> bIncomeId;
    std::optional<int> field;
};

struct PayoutDone {
    Payout payout;
    std::vector<StagedReceipt> receipts; // what the ledger entry got (copy them into receipts/)
    std::vector<std::string> warnings;
};

// In the caller's transaction, with private/ attached when the payee is a
// person. Under "own-account" the payout is paid on its date and gets its
// B-income record at once; under "plo" it is a request to PLO (a pending
// ledger expense) whose B-income follows the day PLO pays it
// (`klynge ledger pay`). Refused: a person without a CPR on file (give
// --cpr), an honorarium or mileage to a person without a contract or a paid
// role on the day [004], a period already paid or outside the contract, a
// payout before today's records allow (the ledger's rules apply).
PayoutDone recordPayout(Store& store, const Config& config, const WorkspacePaths& paths, const NewPayout& p,
                        Date today);
std::vector<Payout> listPayouts(Store& store, std::optional<int> year);

// `klynge ledger add` and each row of `ledger import` of an honorarium or
// mileage: every reportable payment to a person goes through `klynge payout`,
// so that it gets its B-income record [001 §14]. Refused (RuleViolation)
// unless the payee is a company recorded with its CVR (not a member; the name
// exactly as recorded). The companies are read once, when the rule is made:
// an import checks a million rows against them without a query per row.
class ReportableExpenseRule {
public:
    explicit ReportableExpenseRule(Store& store);
    void refuse(const ExpenseCategory& category, std::string_view payee) const;
    // A category as typed (`ledger add --category`); an unknown one is left
    // to addExpense to refuse.
    void refuse(std::string_view category, std::string_view payee) const;

private:
    std::set<std::string, std::less<>> companies_;
};

// ---- B-income and the report --------------------------------------------------

enum class ReportStatus { reported, pending, overdue };
std::string_view reportStatusName(ReportStatus s); // "reported" | "pending" | "overdue"

// A payout's B-income exists once it is paid (its ledger entry's payment);
// `id` is 0 until the record is written (at once under own-account, when the
// month is marked reported under plo).
struct BIncome {
    std::int64_t id = 0;
    Payout payout;
    YearMonth month;
    Date deadline;
    ReportStatus status = ReportStatus::pending;
    std::string reference; // when reported
    std::optional<Date> reportedOn;
};
// The month's records, by payee then payout.
std::vector<BIncome> bIncomeOfMonth(Store& store, const Config& config, YearMonth m, Date today);
// Every unreported record paid on or before `at`, oldest first.
std::vector<BIncome> unreportedBIncome(Store& store, const Config& config, Date at);
// Every record paid in `year`.
std::vector<BIncome> bIncomeOfYear(Store& store, const Config& config, int year, Date today);
// Payouts recorded on or before `at` and not paid yet (plo: requests PLO has
// not paid): no B-income until they are.
std::vector<Payout> unpaidPayouts(Store& store, std::optional<Date> at);
// Payouts whose ledger entry was reversed after it was paid in `m`: a
// correction, which eIndkomst's file upload cannot carry.
std::vector<Payout> correctionsOfMonth(Store& store, YearMonth m);

// Where the books and the B-income records tell different stories (older
// workspaces: a B-income record for a payout PLO never paid, or for another
// month than the payment's). Each is one line saying what and how to fix.
std::vector<std::string> payoutDisagreements(Store& store);

struct ReportMark {
    std::int64_t id = 0;
    YearMonth month;
    std::string reference;
    Date reportedOn;
    int records = 0;
    Money amount;
};
// Marks every unreported record of the month as reported. Refused: a month
// without B-income, one already reported in full, a date in the future.
ReportMark markReported(Store& store, const Config& config, YearMonth m, const std::string& reference,
                        Date reportedOn, Date today);

// skat.reporter: "cluster" reports itself (an overdue month is an error);
// "plo" — PLO's cluster secretariat pays and reports [002] (a warning).
// Unless klynge.toml sets it, it follows finance.model: plo → "plo",
// own-account → "cluster" (DOMAIN.md).
bool ploReports(const Config& config);
// "PLO indberetter som udbetaler" / "Klyngen indberetter".
std::string_view reporterDanish(const Config& config);

// The statutory calendar of `year` (deadlines.hpp) with each SKAT deadline
// saying what was paid in its month and whether it is reported.
std::vector<CalendarEntry> calendarWithPayouts(Store& store, const Config& config, int year, Date today);

// `member forget` of a member who was paid (DOMAIN.md, "Personal data"):
// bookkeeping records are kept 5 years after the year of the last payout, and
// a contract in force needs its payee. Returns why forgetting must wait, or
// nullopt. Once it may, forgetPayee erases the payee's name and (with
// private/ attached) the CPR.
std::optional<std::string> forgetRefusal(Store& store, std::int64_t memberId, Date today);
void forgetPayee(Store& store, std::int64_t memberId);

} // namespace klynge
