// The cluster's ledger (DOMAIN.md, "Money"): income and expenses with
// voucher numbers (bilag B-2026-017), the status flow PLO uses, the policy
// on what cluster money may pay for, and the balance (klyngesaldo).
//
// Entries are append-only: a status change is an appended event, a mistake
// is corrected by a reversing entry (DESIGN.md, "Nothing is lost"), and every
// record is hash-chained (chain.hpp).
//
// Bookkeeping basis. An expense counts as spent when it is recorded (unless
// it is rejected); it is a debt (skyldig udgift) until it is paid. The
// klyngesaldo is the money in the account: income received minus expenses
// paid. So: klyngesaldo − committed = what is left (egenkapital), which is
// what is carried over to the next year [001 §11].
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/text/date.hpp"
#include "klynge/text/money.hpp"
#include "klynge/text/validate.hpp"
#include "klynge/store/receipts.hpp"
#include "klynge/store/store.hpp"

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

// finance.model in klynge.toml. "plo": since 1 April 2023 the money sits in
// the cluster's account at PLO, which approves and pays [002]. "own-account":
// the cluster's own bank account (NemKonto); the treasurer pays, and an
// expense is recorded as paid on its date unless it is a bill still unpaid.
enum class FinanceModel { plo, ownAccount };
FinanceModel financeModel(const Config& config);

// ---- The policy: what cluster money may pay for [001 §12, 004] ----------

enum class CategoryPolicy { allowed, discouraged, disallowed };
std::string_view policyName(CategoryPolicy p);

struct ExpenseCategory {
    std::string_view key;     // "forplejning", as typed on the command line
    std::string_view account; // "Forplejning": Udgifter:Forplejning in exports
    CategoryPolicy policy;
    std::string_view meaning; // what it covers (or, if not allowed, why not)
    std::string_view source;
};
std::span<const ExpenseCategory> expenseCategories();
// Accepts ASCII spellings (moedeudstyr for mødeudstyr); nullptr if unknown.
const ExpenseCategory* findExpenseCategory(std::string_view key);

struct IncomeKind {
    std::string_view key;     // "driftstilskud"
    std::string_view account; // "Indtægter:Driftstilskud" (full name)
    std::string_view meaning;
    std::string_view source;
};
std::span<const IncomeKind> incomeKinds();
const IncomeKind* findIncomeKind(std::string_view key);
// The income kind for money that was in the account before the ledger was
// kept in klynge: equity, not income of the year.
inline constexpr std::string_view openingBalanceKind = "primo";

// ---- Records -------------------------------------------------------------

enum class EntryKind { income, expense };
std::string_view kindName(EntryKind k); // "income" | "expense"

enum class EntryStatus {
    received, // income
    pending,  // afventer godkendelse (own-account: afventer betaling)
    approved, // godkendt
    rejected, // afvist
    paid,     // udbetalt
    reversed, // tilbageført: a later entry reverses it
    reversal, // tilbageførsel: this entry reverses another
};
std::string_view statusKey(EntryStatus s);                     // "afventer", "godkendt", ...
std::string statusText(EntryStatus s, FinanceModel model);     // "afventer godkendelse"
EntryStatus parseStatus(std::string_view text);                // throws InvalidValue

struct LedgerEvent {
    std::int64_t id = 0;
    std::string event; // approved | rejected | paid
    Date date;
    Money amount;
    std::string note;
    Date recordedOn;
};

struct LedgerReceipt {
    std::int64_t id = 0;
    std::string sha256;
    std::string extension;
    std::string fileName;
    std::int64_t bytes = 0;
    Date addedOn;
    std::string path() const { return receiptRelativePath(sha256, extension); }
};

struct LedgerEntry {
    std::int64_t id = 0;     // the record's id (record_id.hpp)
    std::int64_t number = 0; // what people type and see: entry 7 (or its voucher)
    std::string voucher; // B-2026-017
    EntryKind kind = EntryKind::expense;
    Date date;
    Money amount; // negative for a reversal of a positive entry
    std::string category;
    std::string account; // "Udgifter:Forplejning", "Indtægter:Driftstilskud"
    std::string text;
    std::string payee;
    std::optional<std::int64_t> meetingId;
    std::optional<std::int64_t> meetingNumber;
    std::optional<std::int64_t> reversesId;
    std::string reversesVoucher;
    std::string reason; // why it reverses
    std::optional<std::int64_t> reversedById;
    std::string reversedByVoucher;
    EntryStatus status = EntryStatus::pending;
    std::optional<Date> approvedOn, rejectedOn, paidOn, reversedOn;
    std::string rejectReason;
    int receipts = 0;
    Date recordedOn;
};

// ---- Writing (each in the caller's transaction) --------------------------

struct NewExpense {
    Date date;
    Money amount;
    std::string category;
    std::string text;
    std::string payee;
    std::optional<std::int64_t> meetingId;
    std::vector<StagedReceipt> receipts;
    bool unpaid = false; // own-account: a bill not paid yet
};

struct NewIncome {
    Date date;
    Money amount;
    std::string kind;
    std::string text;
    std::string payee; // who paid it in (Region Hovedstaden)
};

struct Recorded {
    LedgerEntry entry;
    std::vector<std::string> warnings; // a discouraged category, a missing receipt
};

// A disallowed or unknown category, a non-positive amount, a future date or
// an unknown meeting is refused.
Recorded addExpense(Store& store, const Config& config, const NewExpense& e, Date today);
Recorded addIncome(Store& store, const Config& config, const NewIncome& i, Date today);

// ID is an entry id (7) or its voucher (B-2026-007). The refusals: approving
// or rejecting anything but a pending expense; paying a rejected, unapproved
// (plo) or already paid expense; changing a reversed entry or a reversal;
// dates before the entry's last step or after today.
LedgerEntry approveEntry(Store& store, const Config& config, std::string_view id, Date date, Date today);
LedgerEntry rejectEntry(Store& store, const Config& config, std::string_view id, Date date,
                        const std::string& reason, Date today);
LedgerEntry payEntry(Store& store, const Config& config, std::string_view id, Date date, Date today);
// Appends the opposite entry (its own voucher in the year of `date`) with
// the original's approval and payment mirrored on `date`, so the pair nets
// to zero in every total. Refused for a reversal, an entry already
// reversed, and a rejected expense (it never counted). Returns the reversal.
LedgerEntry reverseEntry(Store& store, const Config& config, std::string_view id, Date date,
                         const std::string& reason, Date today);
LedgerEntry attachReceipts(Store& store, std::string_view id, const std::vector<StagedReceipt>& receipts, Date today);

// ---- Reading ---------------------------------------------------------------

LedgerEntry findEntry(Store& store, std::string_view id);
std::vector<LedgerEvent> entryEvents(Store& store, std::int64_t id);
std::vector<LedgerReceipt> entryReceipts(Store& store, std::int64_t id);

struct LedgerFilter {
    std::optional<int> year;
    std::optional<std::string> category; // expense category or income kind
    std::optional<EntryStatus> status;
    std::optional<EntryKind> kind;
    std::optional<std::int64_t> meetingId;
};
// In voucher order (year, then number).
std::vector<LedgerEntry> listEntries(Store& store, const LedgerFilter& filter);
// The same, one entry at a time, for passes over a million entries.
void visitEntries(Store& store, const LedgerFilter& filter, const std::function<void(const LedgerEntry&)>& visit);

struct Balance {
    Date at;
    Money income;    // received up to `at` (incl. opening balances)
    Money paid;      // expenses paid up to `at`
    Money balance;   // klyngesaldo = income − paid
    Money committed; // recorded, not rejected, not yet paid
    Money equity;    // balance − committed: what is left to spend
    std::int64_t entries = 0;
};
// From the day totals: fast for any number of entries.
Balance ledgerBalance(Store& store, Date at);

// The klyngesaldo at the end of each day in from..to on which it moved (and
// on the day before `from`, where the line starts), from the day totals.
struct DayBalance {
    Date day;
    Money balance;
};
std::vector<DayBalance> balanceByDay(Store& store, Date from, Date to);

// Sums per category over a period, from the day totals.
struct CategoryTotal {
    EntryKind kind;
    std::string category;
    Money recorded; // entries dated in the period
    Money rejected; // rejections dated in the period
    Money paid;     // payments dated in the period
};
std::vector<CategoryTotal> categoryTotals(Store& store, Date from, Date to);

// ---- Import (documented bulk path; every record is still chained) ------

struct LedgerImportReport {
    std::int64_t entries = 0;
    std::int64_t events = 0;
    std::vector<std::string> warnings;
};
// A rule from a layer above the ledger that every expense row must pass, as
// `ledger add` does: cmd/ledger.cpp passes the honoraria rule that pay to a
// person goes through `klynge payout` (ReportableExpenseRule). It throws
// RuleViolation to refuse the row.
using ImportExpenseRule = std::function<void(const ExpenseCategory& category, std::string_view payee)>;

// CSV with a header: date, amount, category, text (required); kind,
// payee, meeting, approved, rejected, reason, paid (optional). All rows or
// none: bad rows are listed "FILE:LINE: ..." in one InvalidValue; a file
// whose only faults are rows `expenseRule` refuses is one RuleViolation
// "FILE:LINE: ..." naming the first of them.
//
// In two steps, so that a big file holds the write lock only while it is
// written (issue 11 §3): read() parses and checks every row without
// writing, before the caller takes the lock; write() runs in the caller's
// transaction. A row can then fail only with the store (a crash, a full
// disk), and the one transaction leaves nothing of the import behind.
class LedgerImport {
public:
    struct Row;
    static LedgerImport read(Store& store, const Config& config, std::istream& in, const std::string& source,
                             Date today, const ImportExpenseRule& expenseRule = {});
    // If another command wrote to the store since read(), what the rows
    // take from it (meeting numbers; the payees `expenseRule` knows) is
    // checked again first, under the write lock, and refused as read()
    // would refuse it.
    LedgerImportReport write(Store& store, const ImportExpenseRule& expenseRule = {});

    LedgerImport(LedgerImport&&) noexcept;
    LedgerImport& operator=(LedgerImport&&) noexcept;
    ~LedgerImport();

private:
    LedgerImport();
    std::string source_;
    Date today_;
    std::int64_t dataVersion_ = 0; // PRAGMA data_version when the rows were checked
    std::vector<Row> rows_;
    std::vector<std::string> warnings_;
};

// read() and write() at once (tests, the fuzz target).
LedgerImportReport importLedger(Store& store, const Config& config, std::istream& in, const std::string& source,
                                Date today, const ImportExpenseRule& expenseRule = {});

// ---- Day totals (derived; see schema v3) ---------------------------------

struct TotalsMismatch {
    std::string day, kind, category;
    Money stored, computed;
    std::string column;
};
// Recomputes the day totals from the records; empty when they agree.
std::vector<TotalsMismatch> verifyDayTotals(Store& store);
// Writes the day totals anew from the records (resolving a merge conflict
// adds records by the table rather than through the ledger).
void rebuildDayTotals(SQLite::Database& db);

// The expenses dated up to `at` that still count (neither rejected nor
// reversed, nor a reversal) and have no receipt: how many, and the first
// `listed` vouchers. One query, not a walk over every entry.
struct VoucherSample {
    std::size_t count = 0;
    std::vector<std::string> first;
};
VoucherSample expensesWithoutReceipt(Store& store, Date at, std::size_t listed);

// The text of a free-text field: not empty when required, one line, no
// control character, at most `maxChars` characters (text/validate.hpp).
std::string checkedLedgerText(std::string_view text, std::string_view option, bool required,
                              std::size_t maxChars = text_limit::note);

} // namespace klynge
