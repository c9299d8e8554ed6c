// Rules about honoraria and SKAT (DOMAIN.md, "Honoraria and SKAT"): B-income
// reported by the deadline, payouts kept sporadic, a CPR on file for every
// person paid, and contracts that match the work.
#include "klynge/checks/check.hpp"
#include "klynge/store/private_store.hpp"
#include "klynge/honoraria/skat.hpp"
#include "klynge/people/role.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <fstream>
#include <iterator>
#include <map>

namespace klynge {
namespace {

// Due within this many days: a warning (DOMAIN.md).
constexpr int dueSoonDays = 3;

// indkomstregisterloven § 4, stk. 1: overdue is an error when the cluster
// reports (a warning when PLO does); due within 3 days a warning.
void reportedByDeadline(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    std::map<YearMonth, std::pair<int, Money>> months;
    std::map<YearMonth, Date> deadlines;
    for (const auto& b : unreportedBIncome(ctx.store, ctx.config, ctx.at)) {
        auto& [n, sum] = months[b.month];
        ++n;
        sum += b.payout.amount;
        deadlines[b.month] = b.deadline;
    }
    const bool plo = ploReports(ctx.config);
    for (const auto& [month, count] : months) {
        Date deadline = deadlines[month];
        int left = ctx.at.daysUntil(deadline);
        auto what = fmt::format("{} B-income record{} of {} ({})", count.first, count.first == 1 ? "" : "s",
                                month.iso(), count.second.danish());
        if (left < 0)
            out.push_back({std::string(rule.id), plo ? Severity::warning : Severity::error,
                           fmt::format("{} not reported to eIndkomst; the deadline was {} ({} day{} ago){} — report "
                                       "now, then `klynge skat mark-reported --month {} --ref REF`",
                                       what, deadline.iso(), -left, left == -1 ? "" : "s",
                                       plo ? " — PLO reports; check that it has" : "", month.iso())});
        else if (left <= dueSoonDays)
            out.push_back({std::string(rule.id), Severity::warning,
                           fmt::format("{} must reach eIndkomst by {} ({} day{} left) — `klynge skat report --month {}` "
                                       "shows what to report",
                                       what, deadline.iso(), left, left == 1 ? "" : "s", month.iso())});
    }
}

// [001 §14]: B-income should stay sporadic — a few payouts a year.
void payoutsSporadic(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const auto max = ctx.config.integer("finance.max_payouts_per_year");
    auto q = ctx.store.prepared(
        "SELECT coalesce(m.name, p.name), count(*) FROM payout o JOIN payee p ON p.id = o.payee_id "
        "LEFT JOIN member m ON m.id = p.member_id WHERE p.cvr IS NULL AND o.paid_on BETWEEN ? AND ? "
        "GROUP BY p.id HAVING count(*) > ? ORDER BY p.id");
    q.bind(1, Date(ctx.at.year(), 1, 1).iso());
    q.bind(2, ctx.at.iso());
    q.bind(3, max);
    while (q.executeStep())
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("{} has had {} payouts in {}, more than finance.max_payouts_per_year = {} — "
                                   "collect B-income into a few payouts a year (quarterly or half-yearly)",
                                   q.getColumn(0).getString(), q.getColumn(1).getInt(), ctx.at.year(), max)});
}

// indkomstregisterloven § 4, stk. 4: the payer needs the recipient's CPR to
// report. A person with a contract in force or a payout needs one on file.
void cprOnFile(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto q = ctx.store.prepared(
        "SELECT p.id, coalesce(m.name, p.name) FROM payee p LEFT JOIN member m ON m.id = p.member_id "
        "WHERE p.cvr IS NULL AND (EXISTS (SELECT 1 FROM payout o WHERE o.payee_id = p.id) OR EXISTS "
        "(SELECT 1 FROM contract c WHERE c.payee_id = p.id AND c.from_date <= ?1 AND "
        "(c.to_date IS NULL OR c.to_date >= ?1))) ORDER BY p.id");
    q.bind(1, ctx.at.iso());
    std::vector<std::string> missing;
    while (q.executeStep()) {
        const auto& cprs = ctx.cprs(); // read only when someone needs a CPR
        if (!cprs || !cprs->contains(q.getColumn(0).getInt64())) missing.push_back(q.getColumn(1).getString());
    }
    if (missing.empty()) return;
    auto names = fmt::format("{}", fmt::join(missing, ", "));
    if (!ctx.cprs())
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("this workspace has no private/ directory, so the CPR numbers of {} are not on "
                                   "file — copy private/ from the treasurer's machine",
                                   names)});
    else
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("no CPR on file for {} — B-income cannot be reported without it; record it with "
                                   "`klynge payout ... --cpr -`",
                                   names)});
}

// [001 §13]: the hours log shows whether the contract matches the work.
void hoursMatchContract(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (const auto& row : hoursReport(ctx.store, ctx.at.year())) {
        if (!row.estimatedMinutes || *row.estimatedMinutes == 0) continue;
        if (row.loggedMinutes * 100 > *row.estimatedMinutes * hoursWarningPercent)
            out.push_back({std::string(rule.id), Severity::warning,
                           fmt::format("{} has logged {} hours on contract #{} in {}, far above the estimate of {} "
                                       "hours — revise the contract (its fee or hours) at the next assembly",
                                       row.contract.payee.name, hoursText(row.loggedMinutes), row.contract.number,
                                       ctx.at.year(), hoursText(*row.estimatedMinutes))});
    }
}

// SKAT (info.skat.dk oid=112711): pay for board work is A-income.
void boardHonorarium(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (const auto& c : ctx.contracts())
        if (c.activeOn(ctx.at) && isBoardRole(c.role) && c.feePerYear > Money::fromOre(150000))
            out.push_back({std::string(rule.id), Severity::warning,
                           fmt::format("contract #{} pays {} {} a year for board work, which SKAT treats as A-income "
                                       "above 1.500 kr. — klynge follows the consultancy-contract model; check with "
                                       "SKAT or the accountant",
                                       c.number, c.payee.name, c.feePerYear.danish())});
}

// DOMAIN.md: the B-income month is the payment's; the accounts, the ledger
// export and the SKAT report use the same date — one story per payout.
void oneStory(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (auto& message : payoutDisagreements(ctx.store))
        out.push_back({std::string(rule.id), Severity::error, std::move(message)});
}

// DOMAIN.md: one CPR number belongs to one person.
void cprBelongsToOne(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (auto& message : sharedCprs(ctx.store, ctx.cprs()))
        out.push_back({std::string(rule.id), Severity::error, std::move(message)});
}

// [001 §6]: "der skal udarbejdes en kontrakt" for the coordinator.
void coordinatorContract(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (const auto& r : listRoles(ctx.store, ctx.at)) {
        if (r.role != "koordinator" || !r.memberId) continue;
        bool found = false;
        auto q = ctx.store.prepared("SELECT id FROM payee WHERE member_id = ?");
        q.bind(1, *r.memberId);
        if (q.executeStep())
            for (const auto& c : contractsOf(ctx.store, q.getColumn(0).getInt64(), ctx.at))
                found = found || c.role == "koordinator";
        if (!found)
            out.push_back({std::string(rule.id), Severity::warning,
                           fmt::format("the coordinator {} has no contract in force on {} — \"der skal udarbejdes en "
                                       "kontrakt\" [001 §6]: add one with `klynge contract add PERSON --role koordinator "
                                       "...`",
                                       r.holder, ctx.at.iso())});
    }
}

// [001 §9]: the task is bounded in time and content — an end date, or a
// notice period in the contract's text.
void contractBounded(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (const auto& c : ctx.contracts()) {
        if (c.to || !c.activeOn(ctx.at)) continue;
        std::ifstream in(ctx.paths.root / c.document);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // "... kan opsiges af begge parter med én måneds varsel" (the template).
        if (text.find("varsel") != std::string::npos) continue;
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("contract #{} ({} as {}) has no end date, and {} states no notice period — the task "
                                   "must be bounded in time [001 §9]: give it an end date with `klynge contract end "
                                   "{} --date D`, or re-issue the contract from the current template",
                                   c.number, c.payee.name, c.role, c.document, c.number)});
    }
}

// DOMAIN.md: a contract ends with the role it pays for.
void contractEndsWithRole(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (const auto& c : ctx.contracts()) {
        if (!c.payee.memberId || !c.activeOn(ctx.at) || !findPaidRole(c.role)) continue;
        std::optional<Date> last;
        bool open = false, any = false;
        for (const auto& a : rolesOf(ctx.store, *c.payee.memberId)) {
            if (a.role != c.role) continue;
            any = true;
            if (!a.to) open = true;
            else if (!last || *a.to > *last) last = a.to;
        }
        if (any && !open && last && *last < ctx.at)
            out.push_back({std::string(rule.id), Severity::warning,
                           fmt::format("contract #{} pays {} as {}, but the role ended on {} — a contract ends with "
                                       "its role: `klynge contract end {} --date {}`",
                                       c.number, c.payee.name, c.role, last->iso(), c.number, last->iso())});
    }
}

constexpr std::array rules{
    CheckRule{"skat.shared-cpr", "one CPR number belongs to one payee", "DOMAIN.md \"Honoraria and SKAT\"",
              cprBelongsToOne},
    CheckRule{"skat.coordinator-contract", "the coordinator has a contract (warning)", "[001 §6]",
              coordinatorContract},
    CheckRule{"skat.contract-bounded", "a contract has an end date or a notice period (warning)", "[001 §9]",
              contractBounded},
    CheckRule{"skat.contract-role", "a contract ends with the role it pays for (warning)", "DOMAIN.md",
              contractEndsWithRole},
    CheckRule{"skat.one-story", "every payout's B-income record has the month and amount the ledger paid",
              "indkomstregisterloven § 4; DOMAIN.md \"Honoraria and SKAT\"", oneStory},
    CheckRule{"skat.deadline", "B-income reported to eIndkomst by the 10th of the next month; warns 3 days before",
              "indkomstregisterloven § 4, stk. 1; [001 §14]", reportedByDeadline},
    CheckRule{"skat.sporadic", "at most finance.max_payouts_per_year payouts to one person a year (warning)",
              "[001 §14]", payoutsSporadic},
    CheckRule{"skat.cpr", "every person paid has a CPR on file in private/", "indkomstregisterloven § 4, stk. 4",
              cprOnFile},
    CheckRule{"skat.hours", "logged hours not far above the contract's estimate (warning)", "[001 §13]",
              hoursMatchContract},
    CheckRule{"skat.board-pay", "board work paid above 1.500 kr. a year is A-income (warning)",
              "info.skat.dk oid=112711", boardHonorarium},
};

} // namespace

std::span<const CheckRule> skatRules() { return rules; }

} // namespace klynge
