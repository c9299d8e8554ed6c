// `klynge ledger import`: the books a cluster kept before klynge (a
// spreadsheet), or a benchmark's million entries, in one transaction. Each
// row passes the same rules as `ledger add`/`income` and the status flow,
// and every record is hash-chained like any other. Every row is checked
// before the first is written, so the write lock is held only for writing.
#include "klynge/store/bulk.hpp"
#include "klynge/text/csv.hpp"
#include "klynge/text/error.hpp"
#include "klynge/money/ledger.hpp"
#include "klynge/money/ledger_store.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>

namespace klynge {
namespace {

constexpr std::array<std::string_view, 11> knownColumns{"date",  "amount",   "category", "text",   "kind", "payee",
                                                        "meeting", "approved", "rejected", "reason", "paid"};
// The same columns, in the same order, for looking a field up by index.
enum class Col : std::size_t { date, amount, category, text, kind, payee, meeting, approved, rejected, reason, paid };
constexpr std::size_t maxListedErrors = 20;

std::string trimmedLower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    auto first = s.find_first_not_of(' ');
    auto last = s.find_last_not_of(' ');
    return first == std::string::npos ? "" : s.substr(first, last - first + 1);
}

std::optional<Date> optionalDate(const std::string& text, std::string_view column, Date today) {
    if (text.empty()) return std::nullopt;
    Date d = Date::parseInput(text);
    if (d > today)
        throw InvalidValue(fmt::format("{} {} is after today ({})", column, d.iso(), today.iso()));
    return d;
}

void notBefore(const std::optional<Date>& later, Date earlier, std::string_view what, std::string_view than) {
    if (later && *later < earlier)
        throw InvalidValue(fmt::format("{} {} is before {} {}", what, later->iso(), than, earlier.iso()));
}

// A file names a handful of categories a million times: each spelling is
// looked up once.
struct CategoryLookup {
    const IncomeKind* income = nullptr;
    const ExpenseCategory* expense = nullptr;
};
const CategoryLookup& lookUp(std::unordered_map<std::string, CategoryLookup>& seen, const std::string& category) {
    auto it = seen.find(category);
    if (it == seen.end())
        it = seen.emplace(category, CategoryLookup{findIncomeKind(category), findExpenseCategory(category)}).first;
    return it->second;
}

// The bad rows of a file, listed as FILE:LINE: reason (the first few).
class RowErrors {
public:
    explicit RowErrors(const std::string& source) : source_(source) {}
    void bad(std::size_t line, std::string_view what) {
        ++count_;
        if (listed_.size() < maxListedErrors) listed_.push_back(fmt::format("{}:{}: {}", source_, line, what));
    }
    // Refused by the caller's rule: a file with no other fault is refused
    // by the rule, on its first such row.
    void refused(std::size_t line, std::string_view what) {
        if (!refusedCount_) firstRefusal_ = fmt::format("{}:{}: {}", source_, line, what);
        if (refusedLines_.size() < maxListedErrors) refusedLines_.push_back(line);
        ++refusedCount_;
        bad(line, what);
    }
    bool any() const { return count_ > 0; }
    [[noreturn]] void raise() const {
        if (count_ == refusedCount_) {
            std::string others;
            if (refusedCount_ > 1)
                others = fmt::format(" ({} rows refused by the same rule: lines {}{})", refusedCount_,
                                     fmt::join(refusedLines_, ", "), refusedCount_ > refusedLines_.size() ? ", ..." : "");
            throw RuleViolation(fmt::format("{}; nothing was imported{}", firstRefusal_, others));
        }
        std::string msg = fmt::format("{}: {} bad row{} — fix {} and run the import again; nothing was imported",
                                      source_, count_, count_ == 1 ? "" : "s", count_ == 1 ? "it" : "them");
        for (const auto& e : listed_) msg += "\n" + e;
        if (count_ > listed_.size())
            msg += fmt::format("\n... and {} more (the first {} are listed)", count_ - listed_.size(), listed_.size());
        throw InvalidValue(msg);
    }

private:
    const std::string& source_;
    std::vector<std::string> listed_;
    std::size_t count_ = 0;
    std::size_t refusedCount_ = 0;
    std::string firstRefusal_;
    std::vector<std::size_t> refusedLines_;
};

using MeetingIds = std::map<std::int64_t, std::int64_t>; // by number: the record id

MeetingIds meetingsByNumber(Store& store) {
    MeetingIds meetings;
    SQLite::Statement q(store.db(), "SELECT number, id FROM meeting");
    while (q.executeStep()) meetings.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
    return meetings;
}

// Changes whenever another connection commits (SQLite's PRAGMA data_version).
std::int64_t dataVersion(Store& store) { return store.db().execAndGet("PRAGMA data_version").getInt64(); }

} // namespace

struct LedgerImport::Row {
    EntryRow entry;
    std::optional<Date> approved, rejected, paid;
    std::string reason;
    std::size_t line = 0;
    std::optional<std::int64_t> meeting;      // the number the file gives
    const ExpenseCategory* expense = nullptr; // an expense's category
};

namespace {

// What a row takes from the store: its meeting, and the caller's rule
// (honoraria to a person go through `klynge payout`). False when refused.
bool checkAgainstStore(LedgerImport::Row& row, const MeetingIds& meetings, const ImportExpenseRule& rule,
                       RowErrors& errors) {
    if (row.meeting) {
        auto found = meetings.find(*row.meeting);
        if (found == meetings.end()) {
            errors.bad(row.line, fmt::format("there is no meeting #{}", *row.meeting));
            return false;
        }
        row.entry.meetingId = found->second;
    }
    if (row.expense && rule) {
        try {
            rule(*row.expense, row.entry.payee);
        } catch (const RuleViolation& e) {
            errors.refused(row.line, e.what());
            return false;
        }
    }
    return true;
}

} // namespace

LedgerImport::LedgerImport() = default;
LedgerImport::LedgerImport(LedgerImport&&) noexcept = default;
LedgerImport& LedgerImport::operator=(LedgerImport&&) noexcept = default;
LedgerImport::~LedgerImport() = default;

LedgerImport LedgerImport::read(Store& store, const Config& config, std::istream& in, const std::string& source,
                                Date today, const ImportExpenseRule& expenseRule) {
    CsvReader csv(in, source);
    auto header = csv.next();
    if (!header)
        throw InvalidValue(fmt::format("{} is empty — it needs a header row: date,amount,category,text", source));
    // The field index of each known column (npos: absent).
    std::array<std::size_t, knownColumns.size()> col;
    col.fill(std::string::npos);
    for (std::size_t i = 0; i < header->fields.size(); ++i) {
        auto name = trimmedLower(header->fields[i]);
        auto known = std::find(knownColumns.begin(), knownColumns.end(), name);
        if (known == knownColumns.end())
            throw InvalidValue(fmt::format("{}:{}: unknown column \"{}\" — the columns are {}", source, header->line,
                                           header->fields[i], fmt::join(knownColumns, ", ")));
        col[static_cast<std::size_t>(known - knownColumns.begin())] = i;
    }
    for (auto required : {Col::date, Col::amount, Col::category, Col::text})
        if (col[static_cast<std::size_t>(required)] == std::string::npos)
            throw InvalidValue(fmt::format("{}:{}: the header has no \"{}\" column — date, amount, category and text "
                                           "are required",
                                           source, header->line, knownColumns[static_cast<std::size_t>(required)]));

    LedgerImport books;
    books.source_ = source;
    books.today_ = today;
    // Read before the store is: a command that commits after this is seen
    // by write(), which then checks the rows against the store again.
    books.dataVersion_ = dataVersion(store);
    const bool plo = financeModel(config) == FinanceModel::plo;
    const MeetingIds meetings = meetingsByNumber(store);
    std::unordered_map<std::string, CategoryLookup> categories;
    static const std::string none;
    RowErrors errors(source);
    std::map<std::string, std::int64_t> discouraged;
    std::int64_t withoutReceipt = 0;

    while (auto rec = csv.next()) {
        auto field = [&](Col c) -> const std::string& {
            const std::size_t index = col[static_cast<std::size_t>(c)];
            return index < rec->fields.size() ? rec->fields[index] : none;
        };
        Row row;
        row.line = rec->line;
        try {
            if (rec->fields.size() < header->fields.size())
                throw InvalidValue(fmt::format("{} fields where the header has {}", rec->fields.size(),
                                               header->fields.size()));
            auto& e = row.entry;
            e.date = Date::parseInput(field(Col::date));
            if (e.date > today) throw InvalidValue(fmt::format("date {} is after today ({})", e.date.iso(), today.iso()));
            e.amount = Money::parse(field(Col::amount));
            if (e.amount <= Money()) throw InvalidValue(fmt::format("amount {} is not more than 0", e.amount.danish()));
            auto kind = trimmedLower(field(Col::kind));
            auto category = trimmedLower(field(Col::category));
            const auto& known = lookUp(categories, category);
            const IncomeKind* income = known.income;
            if (kind.empty()) kind = income && !known.expense ? "income" : "expense";
            if (kind == "income" || kind == "indtægt") {
                if (!income) throw InvalidValue(fmt::format("unknown income kind \"{}\"", category));
                e.kind = EntryKind::income;
                e.category = std::string(income->key);
            } else if (kind == "expense" || kind == "udgift") {
                const ExpenseCategory* c = known.expense;
                if (!c) throw InvalidValue(fmt::format("unknown category \"{}\"", category));
                if (c->policy == CategoryPolicy::disallowed)
                    throw RuleViolation(fmt::format("cluster money may not pay for {}: {} {}", c->key, c->meaning,
                                                    c->source));
                e.kind = EntryKind::expense;
                e.category = std::string(c->key);
                row.expense = c;
            } else {
                throw InvalidValue(fmt::format("unknown kind \"{}\" — income or expense", kind));
            }
            e.text = checkedLedgerText(field(Col::text), "text", true);
            e.payee = checkedLedgerText(field(Col::payee), "payee", false, text_limit::personName);
            if (auto m = field(Col::meeting); !m.empty()) row.meeting = std::stoll(m);
            row.approved = optionalDate(field(Col::approved), "approved", today);
            row.rejected = optionalDate(field(Col::rejected), "rejected", today);
            row.paid = optionalDate(field(Col::paid), "paid", today);
            row.reason = checkedLedgerText(field(Col::reason), "reason", false);
            if (e.kind == EntryKind::income && (row.approved || row.rejected || row.paid))
                throw InvalidValue("income has no approval, rejection or payment — leave those columns empty");
            if (row.rejected && (row.approved || row.paid))
                throw InvalidValue("a rejected expense is neither approved nor paid");
            if (row.rejected && row.reason.empty()) throw InvalidValue("a rejected expense needs a reason");
            if (!row.rejected && !row.reason.empty()) throw InvalidValue("reason is only for a rejected expense");
            if (row.paid && !row.approved && plo)
                throw InvalidValue("paid but not approved — PLO approves before it pays; give the approved date");
            notBefore(row.approved, e.date, "approved", "the date");
            notBefore(row.rejected, e.date, "rejected", "the date");
            notBefore(row.paid, row.approved.value_or(e.date), "paid", row.approved ? "approved" : "the date");
        } catch (const std::logic_error&) { // std::stoll: not a number, or out of range
            errors.bad(rec->line, fmt::format("meeting \"{}\" is not a number", field(Col::meeting)));
            continue;
        } catch (const Error& e) {
            errors.bad(rec->line, e.what());
            continue;
        }
        if (!checkAgainstStore(row, meetings, expenseRule, errors)) continue;
        if (errors.any()) continue; // nothing will be kept; keep checking the rest
        if (row.expense && row.expense->policy == CategoryPolicy::discouraged)
            ++discouraged[std::string(row.expense->key)];
        withoutReceipt += row.entry.kind == EntryKind::expense;
        books.rows_.push_back(std::move(row));
    }
    if (errors.any()) errors.raise();
    for (auto& [category, n] : discouraged)
        books.warnings_.push_back(fmt::format("{} expense{} in the discouraged category {} — the parties ask clusters "
                                              "to spend with care [001 §12]",
                                              n, n == 1 ? "" : "s", category));
    if (withoutReceipt)
        books.warnings_.push_back(fmt::format("{} imported expense{} without a receipt — attach receipts with `klynge "
                                              "ledger attach VOUCHER FILE`",
                                              withoutReceipt, withoutReceipt == 1 ? " is" : "s are"));
    return books;
}

LedgerImportReport LedgerImport::write(Store& store, const ImportExpenseRule& expenseRule) {
    if (dataVersion(store) != dataVersion_) {
        const MeetingIds meetings = meetingsByNumber(store);
        RowErrors errors(source_);
        for (auto& row : rows_) checkAgainstStore(row, meetings, expenseRule, errors);
        if (errors.any()) errors.raise();
    }
    useBulkPageCache(store);
    LedgerWriter writer(store, LedgerWriter::Mode::bulk);
    LedgerImportReport report;
    for (const auto& row : rows_) {
        const auto& e = row.entry;
        auto [id, voucher] = writer.insertEntry(e, today_);
        if (row.approved) writer.insertEvent(id, e.kind, e.category, "approved", *row.approved, e.amount, "", today_);
        if (row.rejected)
            writer.insertEvent(id, e.kind, e.category, "rejected", *row.rejected, e.amount, row.reason, today_);
        if (row.paid) writer.insertEvent(id, e.kind, e.category, "paid", *row.paid, e.amount, "", today_);
        report.events += row.approved.has_value() + row.rejected.has_value() + row.paid.has_value();
    }
    writer.flush();
    report.entries = static_cast<std::int64_t>(rows_.size());
    report.warnings = warnings_;
    return report;
}

LedgerImportReport importLedger(Store& store, const Config& config, std::istream& in, const std::string& source,
                                Date today, const ImportExpenseRule& expenseRule) {
    auto books = LedgerImport::read(store, config, in, source, today, expenseRule);
    return books.write(store, expenseRule);
}

} // namespace klynge
