// The ledger's rules: what may be recorded, the status flow and its
// refusals, reversals, and the balance (ledger.hpp).
#include "klynge/money/ledger.hpp"

#include "klynge/text/error.hpp"
#include "klynge/money/ledger_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace klynge {
namespace {

void notInFuture(Date date, Date today, std::string_view option, std::string_view what) {
    if (date > today)
        throw InvalidValue(fmt::format("{} {} is after today ({}) — record {} once it has happened", option,
                                       date.iso(), today.iso(), what));
}

Money checkedAmount(Money amount) {
    if (amount <= Money())
        throw InvalidValue(fmt::format("--amount {} is not more than 0 kr. — give the amount as a positive number; "
                                       "a mistake is corrected with `klynge ledger reverse`",
                                       amount.danish()));
    return amount;
}

void checkMeeting(Store& store, std::int64_t meetingId) {
    auto q = store.prepared("SELECT 1 FROM meeting WHERE id = ?");
    q.bind(1, meetingId);
    if (!q.executeStep())
        throw RuleViolation(fmt::format("there is no meeting #{} — `klynge meeting list` shows the meetings' numbers",
                                        meetingId));
}

const ExpenseCategory& allowedCategory(std::string_view key) {
    const auto* c = findExpenseCategory(key);
    if (!c)
        throw InvalidValue(fmt::format("unknown category \"{}\" — `klynge ledger categories` lists what cluster "
                                       "money may pay for",
                                       key));
    if (c->policy == CategoryPolicy::disallowed)
        throw RuleViolation(fmt::format("cluster money may not pay for {}: {} {} — the expense was not recorded; "
                                        "`klynge ledger categories` lists what it may pay for",
                                        c->key, c->meaning, c->source));
    return *c;
}

std::string noReceiptWarning(const LedgerEntry& e) {
    return fmt::format("{} has no receipt — keep every receipt [001 §13]; attach it with `klynge ledger attach {} "
                       "FILE`",
                       e.voucher, e.voucher);
}

// The last step an entry took: a later step cannot be dated before it.
Date lastStep(const LedgerEntry& e) {
    Date last = e.date;
    for (const auto& d : {e.approvedOn, e.rejectedOn, e.paidOn})
        if (d && *d > last) last = *d;
    return last;
}

void notBefore(Date date, Date earliest, std::string_view option, const LedgerEntry& e, std::string_view step) {
    if (date < earliest)
        throw InvalidValue(fmt::format("{} {} is before {} of {} ({}) — give a date on or after it", option,
                                       date.iso(), step, e.voucher, earliest.iso()));
}

// The refusals every status change shares: only an expense, not part of a
// reversal pair.
void changeable(const LedgerEntry& e, std::string_view verb) {
    if (e.kind == EntryKind::income)
        throw RuleViolation(fmt::format("{} is income — only expenses are {}", e.voucher, verb));
    if (e.status == EntryStatus::reversal)
        throw RuleViolation(fmt::format("{} is the reversal of {} — a reversal takes the original's status and "
                                        "cannot be {}",
                                        e.voucher, e.reversesVoucher, verb));
    if (e.status == EntryStatus::reversed)
        throw RuleViolation(fmt::format("{} was reversed by {} on {} — it can no longer be {}", e.voucher,
                                        e.reversedByVoucher, e.reversedOn->iso(), verb));
}

std::string rejectedNote(const LedgerEntry& e) {
    return fmt::format("{} was rejected on {} ({})", e.voucher, e.rejectedOn->iso(), e.rejectReason);
}

} // namespace

std::string checkedLedgerText(std::string_view text, std::string_view option, bool required, std::size_t maxChars) {
    if (required && text.find_first_not_of(" \t") == std::string::npos) {
        // An example of what each free-text option holds.
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> examples{{
            {"reason", "Dobbeltbogført"}, {"--ref", "kvittering 4711"}, {"--role", "koordinator"},
            {"--tasks", "Klyngens daglige ledelse"}, {"--task", "Generalforsamling"}, {"text", "Smørrebrød til GF"},
        }};
        std::string_view example = "Smørrebrød til generalforsamlingen";
        for (const auto& [name, e] : examples)
            if (option.find(name) != std::string_view::npos) {
                example = e;
                break;
            }
        throw InvalidValue(fmt::format("{} is empty — say what it is, e.g. {} \"{}\"", option, option, example));
    }
    return checkedText(text, option, maxChars, Blank::allowed);
}

LedgerEntry findEntry(Store& store, std::string_view id) {
    std::string key(id);
    bool numeric = !key.empty() && key.size() < 16 && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
    for (auto& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto found = readEntries(store, numeric ? "e.number = ?1" : "e.voucher = ?1", [&](SQLite::Statement& q) {
        if (numeric) q.bind(1, static_cast<std::int64_t>(std::stoll(key)));
        else q.bind(1, key);
    });
    if (found.empty())
        throw RuleViolation(fmt::format("there is no ledger entry {} — `klynge ledger list` shows the entries' numbers "
                                        "and vouchers",
                                        numeric ? "#" + key : key));
    return found.front();
}

Recorded addExpense(Store& store, const Config& config, const NewExpense& x, Date today) {
    const auto& category = allowedCategory(x.category);
    checkedAmount(x.amount);
    notInFuture(x.date, today, "--date", "the expense");
    const auto model = financeModel(config);
    if (x.unpaid && model == FinanceModel::plo)
        throw InvalidValue("--unpaid is for finance.model = \"own-account\" — with PLO every expense waits for PLO's "
                           "approval and payment anyway");
    if (x.meetingId) checkMeeting(store, *x.meetingId);
    EntryRow row{EntryKind::expense, x.date, x.amount, std::string(category.key),
                 checkedLedgerText(x.text, "--text", true), checkedLedgerText(x.payee, "--payee", false, text_limit::personName),
                 x.meetingId, std::nullopt, {}};
    LedgerWriter w(store);
    auto [id, voucher] = w.insertEntry(row, today);
    for (const auto& r : x.receipts) w.insertReceipt(id, r, today);
    // Own account: the treasurer pays from the cluster's bank; what is
    // recorded has been paid unless it is a bill still to pay.
    if (model == FinanceModel::ownAccount && !x.unpaid)
        w.insertEvent(id, EntryKind::expense, row.category, "paid", x.date, x.amount, "", today);
    Recorded out{findEntry(store, voucher), {}};
    if (category.policy == CategoryPolicy::discouraged)
        out.warnings.push_back(fmt::format("{} is discouraged: {} {} — it was recorded, but be ready to explain it",
                                           category.key, category.meaning, category.source));
    if (x.receipts.empty()) out.warnings.push_back(noReceiptWarning(out.entry));
    return out;
}

Recorded addIncome(Store& store, const Config&, const NewIncome& x, Date today) {
    const auto* kind = findIncomeKind(x.kind);
    if (!kind)
        throw InvalidValue(fmt::format("unknown income kind \"{}\" — use driftstilskud, opstartstilskud, fap, "
                                       "indbetaling, andet or primo",
                                       x.kind));
    checkedAmount(x.amount);
    notInFuture(x.date, today, "--date", "the income");
    EntryRow row{EntryKind::income, x.date, x.amount, std::string(kind->key),
                 checkedLedgerText(x.text, "--text", true), checkedLedgerText(x.payee, "--payee", false, text_limit::personName),
                 std::nullopt, std::nullopt, {}};
    LedgerWriter w(store);
    auto [id, voucher] = w.insertEntry(row, today);
    return {findEntry(store, voucher), {}};
}

LedgerEntry approveEntry(Store& store, const Config&, std::string_view id, Date date, Date today) {
    auto e = findEntry(store, id);
    changeable(e, "approved");
    if (e.status == EntryStatus::approved)
        throw RuleViolation(fmt::format("{} was already approved on {} — pay it with `klynge ledger pay {} --date D`",
                                        e.voucher, e.approvedOn->iso(), e.voucher));
    if (e.status == EntryStatus::rejected)
        throw RuleViolation(fmt::format("{} — a rejected expense cannot be approved; record it anew if it is to be "
                                        "paid after all",
                                        rejectedNote(e)));
    if (e.status == EntryStatus::paid)
        throw RuleViolation(fmt::format("{} was already paid on {} — nothing to approve", e.voucher, e.paidOn->iso()));
    notInFuture(date, today, "--date", "the approval");
    notBefore(date, e.date, "--date", e, "the date");
    LedgerWriter(store).insertEvent(e.id, e.kind, e.category, "approved", date, e.amount, "", today);
    return findEntry(store, e.voucher);
}

LedgerEntry rejectEntry(Store& store, const Config&, std::string_view id, Date date, const std::string& reason,
                        Date today) {
    auto e = findEntry(store, id);
    changeable(e, "rejected");
    auto why = checkedLedgerText(reason, "--reason", true);
    if (e.status == EntryStatus::rejected)
        throw RuleViolation(fmt::format("{} — nothing more to do", rejectedNote(e)));
    if (e.status == EntryStatus::approved || e.status == EntryStatus::paid)
        throw RuleViolation(fmt::format("{} is already {} — if it must not count, reverse it with `klynge ledger "
                                        "reverse {} --reason R`",
                                        e.voucher, e.status == EntryStatus::paid ? "paid" : "approved", e.voucher));
    notInFuture(date, today, "--date", "the rejection");
    notBefore(date, e.date, "--date", e, "the date");
    LedgerWriter(store).insertEvent(e.id, e.kind, e.category, "rejected", date, e.amount, why, today);
    return findEntry(store, e.voucher);
}

LedgerEntry payEntry(Store& store, const Config& config, std::string_view id, Date date, Date today) {
    auto e = findEntry(store, id);
    changeable(e, "paid");
    if (e.status == EntryStatus::rejected)
        throw RuleViolation(fmt::format("{} — a rejected expense is not paid", rejectedNote(e)));
    if (e.status == EntryStatus::paid)
        throw RuleViolation(fmt::format("{} was already paid on {} — a payment is recorded once", e.voucher,
                                        e.paidOn->iso()));
    if (e.status == EntryStatus::pending && financeModel(config) == FinanceModel::plo)
        throw RuleViolation(fmt::format("{} is not approved yet — PLO approves an expense before it pays it: `klynge "
                                        "ledger approve {}` first",
                                        e.voucher, e.voucher));
    notInFuture(date, today, "--date", "the payment");
    notBefore(date, lastStep(e), "--date", e, "the last step");
    LedgerWriter(store).insertEvent(e.id, e.kind, e.category, "paid", date, e.amount, "", today);
    return findEntry(store, e.voucher);
}

LedgerEntry reverseEntry(Store& store, const Config&, std::string_view id, Date date, const std::string& reason,
                         Date today) {
    auto e = findEntry(store, id);
    if (e.status == EntryStatus::reversal)
        throw RuleViolation(fmt::format("{} is itself the reversal of {} — reversing it would bring the original "
                                        "back; record the entry anew instead",
                                        e.voucher, e.reversesVoucher));
    if (e.status == EntryStatus::reversed)
        throw RuleViolation(fmt::format("{} was already reversed by {} on {} — an entry is reversed once", e.voucher,
                                        e.reversedByVoucher, e.reversedOn->iso()));
    if (e.status == EntryStatus::rejected)
        throw RuleViolation(fmt::format("{} — it never counted, so there is nothing to reverse", rejectedNote(e)));
    auto why = checkedLedgerText(reason, "--reason", true);
    notInFuture(date, today, "--date", "the reversal");
    notBefore(date, lastStep(e), "--date", e, "the last step");
    LedgerWriter w(store);
    EntryRow row{e.kind, date, -e.amount, e.category, e.text, e.payee, e.meetingId, e.id, why};
    auto [rid, voucher] = w.insertEntry(row, today);
    // The reversal mirrors the original's steps, so each total nets to zero.
    if (e.approvedOn) w.insertEvent(rid, e.kind, e.category, "approved", date, -e.amount, "", today);
    if (e.paidOn) w.insertEvent(rid, e.kind, e.category, "paid", date, -e.amount, "", today);
    return findEntry(store, voucher);
}

LedgerEntry attachReceipts(Store& store, std::string_view id, const std::vector<StagedReceipt>& receipts, Date today) {
    auto e = findEntry(store, id);
    LedgerWriter w(store);
    int added = 0;
    for (const auto& r : receipts) added += w.insertReceipt(e.id, r, today);
    if (added == 0)
        throw RuleViolation(fmt::format("{} is already attached to {} — nothing to do", receipts.front().fileName,
                                        e.voucher));
    return findEntry(store, e.voucher);
}

std::vector<LedgerEvent> entryEvents(Store& store, std::int64_t id) {
    auto q = store.prepared("SELECT id, event, event_date, amount_ore, coalesce(note, ''), recorded_on "
                            "FROM ledger_event WHERE entry_id = ? ORDER BY id");
    q.bind(1, id);
    std::vector<LedgerEvent> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), Date::parse(q.getColumn(2).getString()),
                       Money::fromOre(q.getColumn(3).getInt64()), q.getColumn(4).getString(),
                       Date::parse(q.getColumn(5).getString())});
    return out;
}

std::vector<LedgerReceipt> entryReceipts(Store& store, std::int64_t id) {
    auto q = store.prepared("SELECT id, sha256, extension, file_name, bytes, added_on FROM ledger_receipt "
                            "WHERE entry_id = ? ORDER BY id");
    q.bind(1, id);
    std::vector<LedgerReceipt> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getString(), q.getColumn(4).getInt64(), Date::parse(q.getColumn(5).getString())});
    return out;
}

void visitEntries(Store& store, const LedgerFilter& f, const std::function<void(const LedgerEntry&)>& visit) {
    std::vector<std::string> where;
    std::string category;
    if (f.year) where.push_back("e.voucher_year = ?1");
    if (f.category) {
        if (auto* c = findExpenseCategory(*f.category)) category = c->key;
        else if (auto* k = findIncomeKind(*f.category)) category = k->key;
        else
            throw InvalidValue(fmt::format("unknown category \"{}\" — `klynge ledger categories` lists the categories "
                                           "and income kinds",
                                           *f.category));
        where.push_back("e.category = ?2");
    }
    if (f.kind) where.push_back(f.kind == EntryKind::income ? "e.kind = 'income'" : "e.kind = 'expense'");
    if (f.meetingId) where.push_back("e.meeting_id = ?3");
    std::string condition;
    for (const auto& w : where) condition += (condition.empty() ? "" : " AND ") + w;
    forEachEntry(
        store, condition,
        [&](SQLite::Statement& q) {
            if (f.year) q.bind(1, *f.year);
            if (f.category) q.bind(2, category);
            if (f.meetingId) q.bind(3, *f.meetingId);
        },
        [&](const LedgerEntry& e) {
            if (!f.status || e.status == *f.status) visit(e);
        });
}

std::vector<LedgerEntry> listEntries(Store& store, const LedgerFilter& f) {
    std::vector<LedgerEntry> out;
    visitEntries(store, f, [&](const LedgerEntry& e) { out.push_back(e); });
    return out;
}

Balance ledgerBalance(Store& store, Date at) {
    auto q = store.prepared("SELECT coalesce(sum(CASE WHEN kind = 'income' THEN recorded_ore END), 0), "
                            "coalesce(sum(CASE WHEN kind = 'expense' THEN paid_ore END), 0), "
                            "coalesce(sum(CASE WHEN kind = 'expense' THEN recorded_ore - rejected_ore - paid_ore END), 0), "
                            "coalesce(sum(entries), 0) FROM ledger_day_total WHERE day <= ?");
    q.bind(1, at.iso());
    q.executeStep();
    Balance b;
    b.at = at;
    b.income = Money::fromOre(q.getColumn(0).getInt64());
    b.paid = Money::fromOre(q.getColumn(1).getInt64());
    b.balance = b.income - b.paid;
    b.committed = Money::fromOre(q.getColumn(2).getInt64());
    b.equity = b.balance - b.committed;
    b.entries = q.getColumn(3).getInt64();
    return b;
}

std::vector<DayBalance> balanceByDay(Store& store, Date from, Date to) {
    const Date before = from.addDays(-1);
    std::vector<DayBalance> out{{before, ledgerBalance(store, before).balance}};
    auto q = store.prepared("SELECT day, coalesce(sum(CASE WHEN kind = 'income' THEN recorded_ore "
                            "ELSE -paid_ore END), 0) FROM ledger_day_total "
                            "WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day");
    q.bind(1, from.iso());
    q.bind(2, to.iso());
    while (q.executeStep()) {
        const auto change = Money::fromOre(q.getColumn(1).getInt64());
        if (change != Money()) out.push_back({Date::parse(q.getColumn(0).getString()), out.back().balance + change});
    }
    return out;
}

std::vector<CategoryTotal> categoryTotals(Store& store, Date from, Date to) {
    auto q = store.prepared("SELECT kind, category, sum(recorded_ore), sum(rejected_ore), sum(paid_ore) "
                            "FROM ledger_day_total WHERE day >= ? AND day <= ? GROUP BY kind, category");
    q.bind(1, from.iso());
    q.bind(2, to.iso());
    std::vector<CategoryTotal> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString() == "income" ? EntryKind::income : EntryKind::expense,
                       q.getColumn(1).getString(), Money::fromOre(q.getColumn(2).getInt64()),
                       Money::fromOre(q.getColumn(3).getInt64()), Money::fromOre(q.getColumn(4).getInt64())});
    return out;
}

} // namespace klynge
