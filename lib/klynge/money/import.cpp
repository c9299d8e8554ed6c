// `klynge ledger import`: the books a cluster kept before klynge (a
// spreadsheet), or a benchmark's million entries, in one transaction. Each
// row passes the same rules as `ledger add`/`income` and the status flow,
// and every record is hash-chained like any other.
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

struct Row {
    EntryRow entry;
    std::optional<Date> approved, rejected, paid;
    std::string reason;
};

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

} // namespace

LedgerImportReport importLedger(Store& store, const Config& config, std::istream& in, const std::string& source,
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

    const bool plo = financeModel(config) == FinanceModel::plo;
    std::map<std::int64_t, std::int64_t> meetings; // by number: the record id
    {
        SQLite::Statement q(store.db(), "SELECT number, id FROM meeting");
        while (q.executeStep()) meetings.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
    }
    useBulkPageCache(store);
    LedgerWriter writer(store, LedgerWriter::Mode::bulk);
    std::unordered_map<std::string, CategoryLookup> categories;
    static const std::string none;
    LedgerImportReport report;
    std::vector<std::string> errors;
    std::size_t errorCount = 0;
    // Rows the caller's rule refused (also counted and listed as errors): a
    // file with no other fault is refused by the rule, on its first such row.
    std::size_t refusedCount = 0;
    std::string firstRefusal;
    std::vector<std::size_t> refusedLines;
    std::map<std::string, std::int64_t> discouraged;
    std::int64_t withoutReceipt = 0;

    while (auto rec = csv.next()) {
        auto field = [&](Col c) -> const std::string& {
            const std::size_t index = col[static_cast<std::size_t>(c)];
            return index < rec->fields.size() ? rec->fields[index] : none;
        };
        Row row;
        const ExpenseCategory* c = nullptr; // an expense's category
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
                c = known.expense;
                if (!c) throw InvalidValue(fmt::format("unknown category \"{}\"", category));
                if (c->policy == CategoryPolicy::disallowed)
                    throw RuleViolation(fmt::format("cluster money may not pay for {}: {} {}", c->key, c->meaning,
                                                    c->source));
                if (c->policy == CategoryPolicy::discouraged) ++discouraged[std::string(c->key)];
                e.kind = EntryKind::expense;
                e.category = std::string(c->key);
            } else {
                throw InvalidValue(fmt::format("unknown kind \"{}\" — income or expense", kind));
            }
            e.text = checkedLedgerText(field(Col::text), "text", true);
            e.payee = checkedLedgerText(field(Col::payee), "payee", false, text_limit::personName);
            if (auto m = field(Col::meeting); !m.empty()) {
                auto number = std::stoll(m);
                auto found = meetings.find(number);
                if (found == meetings.end()) throw RuleViolation(fmt::format("there is no meeting #{}", number));
                e.meetingId = found->second;
            }
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
            ++errorCount;
            if (errors.size() < maxListedErrors)
                errors.push_back(fmt::format("{}:{}: meeting \"{}\" is not a number", source, rec->line, field(Col::meeting)));
            continue;
        } catch (const Error& e) {
            ++errorCount;
            if (errors.size() < maxListedErrors) errors.push_back(fmt::format("{}:{}: {}", source, rec->line, e.what()));
            continue;
        }
        if (c && expenseRule) {
            try {
                expenseRule(*c, row.entry.payee);
            } catch (const RuleViolation& e) {
                auto line = fmt::format("{}:{}: {}", source, rec->line, e.what());
                if (!refusedCount) firstRefusal = line;
                if (refusedLines.size() < maxListedErrors) refusedLines.push_back(rec->line);
                ++refusedCount;
                ++errorCount;
                if (errors.size() < maxListedErrors) errors.push_back(std::move(line));
                continue;
            }
        }
        if (errorCount) continue; // nothing will be kept; keep checking the rest
        auto [id, voucher] = writer.insertEntry(row.entry, today);
        ++report.entries;
        const auto& e = row.entry;
        if (row.approved) writer.insertEvent(id, e.kind, e.category, "approved", *row.approved, e.amount, "", today);
        if (row.rejected)
            writer.insertEvent(id, e.kind, e.category, "rejected", *row.rejected, e.amount, row.reason, today);
        if (row.paid) writer.insertEvent(id, e.kind, e.category, "paid", *row.paid, e.amount, "", today);
        report.events += row.approved.has_value() + row.rejected.has_value() + row.paid.has_value();
        withoutReceipt += e.kind == EntryKind::expense;
    }
    if (errorCount && errorCount == refusedCount) {
        std::string others;
        if (refusedCount > 1)
            others = fmt::format(" ({} rows refused by the same rule: lines {}{})", refusedCount,
                                 fmt::join(refusedLines, ", "), refusedCount > refusedLines.size() ? ", ..." : "");
        throw RuleViolation(fmt::format("{}; nothing was imported{}", firstRefusal, others));
    }
    if (errorCount) {
        std::string msg = fmt::format("{}: {} bad row{} — fix {} and run the import again; nothing was imported",
                                      source, errorCount, errorCount == 1 ? "" : "s", errorCount == 1 ? "it" : "them");
        for (auto& e : errors) msg += "\n" + e;
        if (errorCount > errors.size())
            msg += fmt::format("\n... and {} more (the first {} are listed)", errorCount - errors.size(), errors.size());
        throw InvalidValue(msg);
    }
    writer.flush();
    for (auto& [category, n] : discouraged)
        report.warnings.push_back(fmt::format("{} expense{} in the discouraged category {} — the parties ask clusters "
                                              "to spend with care [001 §12]",
                                              n, n == 1 ? "" : "s", category));
    if (withoutReceipt)
        report.warnings.push_back(fmt::format("{} imported expense{} without a receipt — attach receipts with `klynge "
                                              "ledger attach VOUCHER FILE`",
                                              withoutReceipt, withoutReceipt == 1 ? " is" : "s are"));
    return report;
}

} // namespace klynge
