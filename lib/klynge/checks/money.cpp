// Rules about the cluster's money (DOMAIN.md, "Money"; DESIGN.md "Nothing
// is lost"): the records are untouched, every receipt is kept, money is
// spent only on what it may pay for, and the budget holds.
#include "klynge/money/budget.hpp"
#include "klynge/checks/check.hpp"
#include "klynge/money/ledger.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace klynge {
namespace {

constexpr std::size_t listed = 8;

// "B-2026-001, B-2026-004 and 3 more"
std::string someVouchers(const std::vector<std::string>& vouchers) {
    std::vector<std::string> shown(vouchers.begin(), vouchers.begin() + std::min(listed, vouchers.size()));
    auto text = fmt::format("{}", fmt::join(shown, ", "));
    if (vouchers.size() > listed) text += fmt::format(" and {} more", vouchers.size() - listed);
    return text;
}

bool counts(const LedgerEntry& e) {
    return e.status == EntryStatus::pending || e.status == EntryStatus::approved || e.status == EntryStatus::paid;
}

// The day totals behind the balance and the accounts agree with the records.
void totalsAgree(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto wrong = verifyDayTotals(ctx.store);
    if (wrong.empty()) return;
    const auto& w = wrong.front();
    out.push_back({std::string(rule.id), Severity::error,
                   fmt::format("the stored {} total of {} {} on {} is {}, but the records give {}{} — the database "
                               "was changed behind klynge's back; restore klynge.db from git or a dump",
                               w.column, w.kind, w.category, w.day, w.stored.danish(), w.computed.danish(),
                               wrong.size() > 1 ? fmt::format(" ({} totals differ)", wrong.size()) : "")});
}

// [001 §13]: keep every receipt. Each receipt must be in receipts/ with its
// recorded hash; an expense without a receipt is a warning.
void receiptsKept(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    SQLite::Statement q(ctx.store.db(), "SELECT r.sha256, r.extension, e.voucher, r.file_name FROM ledger_receipt r "
                                        "JOIN ledger_entry e ON e.id = r.entry_id ORDER BY r.id");
    std::vector<std::string> missing, changed;
    while (q.executeStep()) {
        auto state = verifyReceipt(ctx.paths, q.getColumn(0).getString(), q.getColumn(1).getString());
        auto what = fmt::format("{} ({}, receipts/{}.{})", q.getColumn(2).getString(), q.getColumn(3).getString(),
                                q.getColumn(0).getString().substr(0, 12) + "…", q.getColumn(1).getString());
        if (state == ReceiptState::missing) missing.push_back(what);
        else if (state == ReceiptState::changed) changed.push_back(what);
    }
    if (!missing.empty())
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("{} receipt file{} missing from receipts/: {} — restore {} from git or attach the "
                                   "file again with `klynge ledger attach`",
                                   missing.size(), missing.size() == 1 ? " is" : "s are", someVouchers(missing),
                                   missing.size() == 1 ? "it" : "them")});
    if (!changed.empty())
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("{} receipt file{} no longer match{} {} hash: {} — restore the original from git",
                                   changed.size(), changed.size() == 1 ? "" : "s", changed.size() == 1 ? "es" : "",
                                   changed.size() == 1 ? "its" : "their", someVouchers(changed))});
    auto without = expensesWithoutReceipt(ctx.store, ctx.at, listed);
    if (without.count) {
        auto text = fmt::format("{}", fmt::join(without.first, ", "));
        if (without.count > listed) text += fmt::format(" and {} more", without.count - listed);
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("{} expense{} without a receipt: {} — attach {} with `klynge ledger attach "
                                   "VOUCHER FILE`",
                                   without.count, without.count == 1 ? "" : "s", text,
                                   without.count == 1 ? "it" : "them")});
    }
}

// [001 §12, 004]: a disallowed category is refused when recorded; here it
// can only come from behind klynge's back. A discouraged one warns.
// The day totals name every category in use, so only the entries of a
// suspect category are read one by one (status stays fast at any size).
void allowedUse(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    std::vector<std::string> bad, discouraged;
    SQLite::Statement used(ctx.store.db(), "SELECT DISTINCT category FROM ledger_day_total WHERE kind = 'expense' "
                                           "ORDER BY category");
    while (used.executeStep()) {
        const std::string category = used.getColumn(0).getString();
        const auto* c = findExpenseCategory(category);
        if (c && c->policy == CategoryPolicy::allowed) continue;
        const bool disallowed = !c || c->policy == CategoryPolicy::disallowed;
        LedgerFilter f;
        f.kind = EntryKind::expense;
        f.category = category;
        if (!disallowed) f.year = ctx.at.year(); // discouraged: this year's spending
        visitEntries(ctx.store, f, [&](const LedgerEntry& e) {
            if (counts(e)) (disallowed ? bad : discouraged).push_back(fmt::format("{} ({})", e.voucher, e.category));
        });
    }
    if (!bad.empty())
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("{} expense{} in a category cluster money may not pay for: {} — reverse {} with "
                                   "`klynge ledger reverse VOUCHER --reason R` [001 §12, 004]",
                                   bad.size(), bad.size() == 1 ? "" : "s", someVouchers(bad),
                                   bad.size() == 1 ? "it" : "them")});
    if (!discouraged.empty())
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("{} expense{} this year in a discouraged category: {} — the parties ask clusters "
                                   "to avoid expensive restaurants and advanced IT for the coordinator [001 §12]",
                                   discouraged.size(), discouraged.size() == 1 ? "" : "s",
                                   someVouchers(discouraged))});
}

// The klyngesaldo cannot be negative: PLO does not pay beyond it. A
// negative balance means income is missing from the books.
void balanceNotNegative(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto b = ledgerBalance(ctx.store, ctx.at);
    if (b.balance < Money())
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("the klyngesaldo on {} is {} — record the income that is missing with `klynge "
                                   "ledger income`",
                                   ctx.at.iso(), b.balance.danish())});
}

// [000 §8, 001 §13]: keep a budget; spending beyond a category's budget warns.
void withinBudget(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const auto& report = ctx.budget();
    std::vector<std::string> over;
    for (const auto& l : report.expenses)
        if (l.budget && l.actual > *l.budget)
            over.push_back(fmt::format("{} {} of {}", l.category, l.actual.danish(), l.budget->danish()));
    if (!over.empty())
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("{} spending is over budget: {} — adjust the budget with `klynge budget set` or "
                                   "explain it at the general assembly",
                                   ctx.at.year(), fmt::join(over, "; "))});
}

constexpr std::array rules{
    CheckRule{"money.totals", "the day totals agree with the ledger records", "DESIGN.md", totalsAgree,
              /*scansHistory=*/true},
    CheckRule{"money.receipts", "every receipt is kept and unchanged; expenses have receipts", "[001 §13]",
              receiptsKept, /*scansHistory=*/true},
    CheckRule{"money.category", "cluster money pays only for what it may", "[001 §12, 004]", allowedUse},
    CheckRule{"money.balance", "the klyngesaldo is not negative", "[002]", balanceNotNegative},
    CheckRule{"money.budget", "spending stays within the year's budget", "[000 §8, 001 §13]", withinBudget},
};

} // namespace

std::span<const CheckRule> moneyRules() { return rules; }

} // namespace klynge
