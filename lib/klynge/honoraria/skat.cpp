// Payouts, B-income records and the report marks (skat.hpp).
#include "klynge/honoraria/skat.hpp"

#include "klynge/calendar/deadlines.hpp"
#include "klynge/text/error.hpp"
#include "klynge/money/ledger.hpp"
#include "klynge/store/private_store.hpp"

#include <fmt/format.h>

#include <array>
#include <functional>

namespace klynge {
namespace {

// DOMAIN.md, "Honoraria and SKAT": what is reported, by kind of payout.
constexpr std::array reportRules{
    ReportRule{PayoutKind::honorar, 36, "honorarium: B-indkomst with AM-bidrag, indkomsttype 05",
               "eIndkomst indberetningsvejledning 8.6; [001 §9]"},
    ReportRule{PayoutKind::koersel, 38,
               "mileage paid on top of the fee at the state rate: B-indkomst without AM-bidrag",
               "eIndkomst indberetningsvejledning 8.6; [001 §14]"},
    ReportRule{PayoutKind::koerselIHonorar, 36, "mileage not at the state rate, or folded into the fee: part of the fee",
               "eIndkomst indberetningsvejledning 8.6"},
};

// A payout with its ledger entry's payment (pe) and, once written, its
// B-income record (b). The B-income month is the payment's month.
#define KLYNGE_PAYOUT_SELECT                                                                                   \
    "SELECT o.id, o.contract_id, o.period, o.kind, o.paid_on, o.amount_ore, o.vat_ore, e.voucher, b.id, b.field, "  \
    "p.id, p.member_id, coalesce(m.name, p.name), p.cvr, p.vat, "                                              \
    "(SELECT number FROM contract WHERE id = o.contract_id), pe.event_date, "                                 \
    "EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reverses_id = e.id) "
#define KLYNGE_PAYOUT_FROM                                                                                     \
    "FROM payout o JOIN payee p ON p.id = o.payee_id LEFT JOIN member m ON m.id = p.member_id "               \
    "JOIN ledger_entry e ON e.id = o.ledger_entry_id LEFT JOIN b_income b ON b.payout_id = o.id "             \
    "LEFT JOIN ledger_event pe ON pe.entry_id = e.id AND pe.event = 'paid' "
constexpr const char* payoutColumns = KLYNGE_PAYOUT_SELECT KLYNGE_PAYOUT_FROM;
// B-income: paid payouts to a person or to a CVR without VAT, with the mark
// once reported. The payouts drive the query (CROSS JOIN keeps them SQLite's
// outer loop): left to itself, the planner reads every payment event of the
// ledger to find the few that pay a payout — a second at a million entries,
// in every `klynge status`.
constexpr const char* bIncomeColumns =
    KLYNGE_PAYOUT_SELECT ", r.reference, r.reported_on "
    "FROM payout o CROSS JOIN ledger_event pe ON pe.entry_id = o.ledger_entry_id AND pe.event = 'paid' "
    "JOIN payee p ON p.id = o.payee_id LEFT JOIN member m ON m.id = p.member_id "
    "JOIN ledger_entry e ON e.id = o.ledger_entry_id LEFT JOIN b_income b ON b.payout_id = o.id "
    "LEFT JOIN skat_report_item i ON i.b_income_id = b.id LEFT JOIN skat_report r ON r.id = i.report_id "
    "WHERE (p.cvr IS NULL OR p.vat = 0) AND ";

// The eIndkomst field of a payout to this payee: a person's by kind, a CVR
// without VAT in a field the sources do not settle (none).
std::optional<int> fieldOf(const Payee& payee, PayoutKind kind) {
    if (!payee.person()) return std::nullopt;
    return reportRule(kind).field;
}

Payout readPayout(SQLite::Statement& q) {
    Payout o;
    o.id = q.getColumn(0).getInt64();
    if (!q.getColumn(1).isNull()) o.contractId = q.getColumn(1).getInt64();
    if (!q.getColumn(15).isNull()) o.contractNumber = q.getColumn(15).getInt64();
    if (!q.getColumn(2).isNull()) o.period = q.getColumn(2).getString();
    o.kind = parsePayoutKind(q.getColumn(3).getString());
    o.date = Date::parse(q.getColumn(4).getString());
    if (!q.getColumn(16).isNull()) o.paidOn = Date::parse(q.getColumn(16).getString());
    o.reversed = q.getColumn(17).getInt() != 0;
    o.amount = Money::fromOre(q.getColumn(5).getInt64());
    o.vat = Money::fromOre(q.getColumn(6).getInt64());
    o.voucher = q.getColumn(7).getString();
    o.payee.id = q.getColumn(10).getInt64();
    if (!q.getColumn(11).isNull()) o.payee.memberId = q.getColumn(11).getInt64();
    o.payee.name = q.getColumn(12).isNull() ? std::string("(glemt)") : q.getColumn(12).getString();
    if (!q.getColumn(13).isNull()) o.payee.cvr = Cvr::parse(q.getColumn(13).getString());
    o.payee.vat = q.getColumn(14).getInt() != 0;
    if (!q.getColumn(8).isNull()) {
        o.bIncomeId = q.getColumn(8).getInt64();
        if (!q.getColumn(9).isNull()) o.field = q.getColumn(9).getInt();
    } else if (o.paidOn && (o.payee.person() || !o.payee.vat)) {
        o.field = fieldOf(o.payee, o.kind);
    }
    return o;
}

bool cprOnFile(Store& store, std::int64_t payeeId) {
    store.db().exec("CREATE TABLE IF NOT EXISTS private.payee_cpr (payee_id INTEGER PRIMARY KEY, "
                    "cpr TEXT NOT NULL CHECK (length(cpr) = 11), recorded_on TEXT NOT NULL)");
    auto q = store.prepared("SELECT 1 FROM private.payee_cpr WHERE payee_id = ?");
    q.bind(1, payeeId);
    return q.executeStep();
}

int payoutsInYear(Store& store, std::int64_t payeeId, int year) {
    // A range, not LIKE 'YYYY-%': SQLite's LIKE is case-insensitive, so it
    // cannot use the (payee_id, paid_on) index and reads every payout of the payee.
    auto q = store.prepared("SELECT count(*) FROM payout WHERE payee_id = ? AND paid_on >= ? AND paid_on < ?");
    q.bind(1, payeeId);
    q.bind(2, fmt::format("{:04}-01-01", year));
    q.bind(3, fmt::format("{:04}-01-01", year + 1));
    q.executeStep();
    return q.getColumn(0).getInt();
}

struct Planned {
    Payee payee;
    std::optional<Contract> contract;
    std::optional<Period> period;
    std::optional<ProRata> share; // a period only partly within the contract
    PayoutKind kind = PayoutKind::honorar;
    Money amount;
};

Planned planContractPayout(Store& store, const NewPayout& p) {
    if (p.amount || (p.kind && *p.kind != PayoutKind::honorar) || !p.person.empty())
        throw InvalidValue("--contract pays the schedule's amount to the contract's holder — leave out --person, "
                           "--amount and --kind, or pay a one-off amount with --person --amount --kind");
    auto c = findContract(store, *p.contractId);
    auto period = p.period.empty() ? periodOf(c.schedule, p.date) : parsePeriod(c.schedule, p.period);
    auto share = proRata(store, c, period);
    if (!share)
        throw RuleViolation(fmt::format("contract #{} runs {}–{}{}, which does not cover the period {} ({}–{}) — "
                                        "give --period within the contract",
                                        c.number, c.from.iso(), c.to ? c.to->iso() : "",
                                        !c.to && period.last >= c.from
                                            ? fmt::format(" (the role {} ended before)", c.role)
                                            : "",
                                        period.label,
                                        period.first.iso(), period.last.iso()));
    auto paid = store.prepared("SELECT o.paid_on, e.voucher FROM payout o JOIN ledger_entry e ON e.id = "
                               "o.ledger_entry_id WHERE o.contract_id = ? AND o.period = ?");
    paid.bind(1, c.id);
    paid.bind(2, period.label);
    if (paid.executeStep())
        throw RuleViolation(fmt::format("the period {} of contract #{} was already paid on {} ({}) — pay the next "
                                        "period with --period, or correct a mistake with `klynge ledger reverse`",
                                        period.label, c.number, paid.getColumn(0).getString(),
                                        paid.getColumn(1).getString()));
    Planned plan{c.payee, c, period, std::nullopt, PayoutKind::honorar, share->amount};
    if (share->partial()) plan.share = share;
    return plan;
}

Planned planFreePayout(Store& store, const NewPayout& p, Date today) {
    if (p.person.empty() || !p.amount || !p.kind)
        throw InvalidValue("a payout needs --contract ID, or --person P --amount A --kind honorar|kørsel|"
                           "kørsel-i-honorar — see `klynge payout --help`");
    if (!p.period.empty()) throw InvalidValue("--period goes with --contract — leave it out for a one-off payout");
    if (*p.amount <= Money())
        throw InvalidValue(fmt::format("--amount {} is not more than 0 kr. — give the amount paid", p.amount->danish()));
    auto existing = lookupPayee(store, p.person);
    Payee payee = existing ? *existing : ensurePayee(store, p.person, std::nullopt, false, today);
    // [004]: cluster work is unpaid for members; only a contract or a paid
    // role allows an honorarium or mileage (DOMAIN.md, "Who may be paid").
    if (payee.person() && !paymentBasis(store, payee, p.date))
        throw RuleViolation(fmt::format(
            "{} has no contract and no paid role on {} — \"Klyngearbejdet er uhonoreret for klyngemedlemmerne\" "
            "[004]: only the coordinator, board, treasurer, secretary or someone with a contract (a speaker) may be "
            "paid; add a contract with `klynge contract add` or a role with `klynge role assign` first",
            payee.name, p.date.iso()));
    return {payee, std::nullopt, std::nullopt, std::nullopt, *p.kind, *p.amount};
}

std::string ledgerText(const Planned& plan, Money vat, const std::string& given) {
    std::string text = given;
    if (text.empty()) {
        if (plan.contract)
            text = fmt::format("Honorar {} til {}, {} (kontrakt #{}){}", plan.period->label, plan.payee.name,
                               plan.contract->role, plan.contract->number,
                               plan.share ? fmt::format("; forholdsmæssigt {}/{} dage", plan.share->days,
                                                        plan.share->periodDays)
                                          : "");
        else
            text = fmt::format("{} til {}", plan.kind == PayoutKind::honorar ? "Honorar" : "Kørselsgodtgørelse",
                               plan.payee.name);
    }
    if (vat > Money()) text += fmt::format("; heraf moms 25 % {}", vat.danish());
    return text;
}

} // namespace

PayoutKind parsePayoutKind(std::string_view text) {
    if (text == "honorar") return PayoutKind::honorar;
    if (text == "kørsel" || text == "korsel" || text == "koersel") return PayoutKind::koersel;
    if (text == "kørsel-i-honorar" || text == "korsel-i-honorar" || text == "koersel-i-honorar")
        return PayoutKind::koerselIHonorar;
    throw InvalidValue(fmt::format("unknown --kind \"{}\" — use honorar, kørsel (mileage at the state rate) or "
                                   "kørsel-i-honorar (mileage not at the state rate)",
                                   text));
}

std::string_view payoutKindName(PayoutKind k) {
    switch (k) {
    case PayoutKind::honorar: return "honorar";
    case PayoutKind::koersel: return "kørsel";
    case PayoutKind::koerselIHonorar: return "kørsel-i-honorar";
    }
    return "";
}

const ReportRule& reportRule(PayoutKind k) {
    for (const auto& r : reportRules)
        if (r.kind == k) return r;
    return reportRules.front();
}

std::string_view payoutCategory(PayoutKind k) { return k == PayoutKind::honorar ? "honorar" : "kørsel"; }

YearMonth YearMonth::parse(std::string_view text) {
    auto bad = [&] { return InvalidValue(fmt::format("--month \"{}\" is not a month — write it as YYYY-MM, e.g. 2026-03", text)); };
    if (text.size() != 7 || text[4] != '-') throw bad();
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
        if (text[i] < '0' || text[i] > '9') throw bad();
    YearMonth m{std::stoi(std::string(text.substr(0, 4))), static_cast<unsigned>(std::stoi(std::string(text.substr(5))))};
    if (m.month < 1 || m.month > 12 || m.year < 1900) throw bad();
    return m;
}

std::string YearMonth::iso() const { return fmt::format("{:04}-{:02}", year, month); }

Date deadlineOf(const Config& config, YearMonth m) {
    return bIncomeDeadline(m.year, m.month, config.boolean("skat.bank_closing_days_move_deadline"));
}

// skat.reporter's default follows finance.model (settings.cpp, derivedDefaults).
bool ploReports(const Config& config) { return config.text("skat.reporter") == "plo"; }

std::string_view reporterDanish(const Config& config) {
    return ploReports(config) ? "PLO indberetter som udbetaler" : "Klyngen indberetter";
}

namespace {
// Writes the B-income record of a paid payout (its month: the payment's).
std::int64_t writeBIncome(Store& store, const Payout& o, Date today) {
    auto b = store.prepared("INSERT INTO b_income(id, payout_id, payee_id, month, field, amount_ore, "
                            "recorded_on) VALUES (klynge_id(), ?, ?, ?, ?, ?, ?)");
    b.bind(1, o.id);
    b.bind(2, o.payee.id);
    b.bind(3, YearMonth::of(*o.paidOn).iso());
    // A plain int: GCC 12 warns falsely about an optional<int> here in Release builds.
    const int field = o.field.value_or(0);
    if (field != 0) b.bind(4, field);
    b.bind(5, o.amount.ore());
    b.bind(6, today.iso());
    b.exec();
    return store.db().getLastInsertRowid();
}

Payout payoutById(Store& store, std::int64_t id) {
    auto q = store.prepared(std::string(payoutColumns) + "WHERE o.id = ?");
    q.bind(1, id);
    q.executeStep();
    return readPayout(q);
}
} // namespace

PayoutDone recordPayout(Store& store, const Config& config, const WorkspacePaths& paths, const NewPayout& p,
                        Date today) {
    Planned plan = p.contractId ? planContractPayout(store, p) : planFreePayout(store, p, today);
    PayoutDone out;
    if (p.cpr) {
        if (!plan.payee.person())
            throw InvalidValue(fmt::format("{} is a company (CVR {}) — a company has no CPR; leave out --cpr",
                                           plan.payee.name, plan.payee.cvr->str()));
        storeOwnCpr(store, plan.payee, *p.cpr, today);
    }
    if (plan.payee.person()) {
        if (!hasPrivateDir(paths))
            throw ConfigError(fmt::format("this workspace has no private/ directory, and a payout to {} needs the "
                                          "CPR number kept there for the B-income report — copy private/ from the "
                                          "treasurer's machine, or create it with `mkdir -m 700 private`",
                                          plan.payee.name));
        if (!privateAttached(store) || !cprOnFile(store, plan.payee.id))
            throw RuleViolation(fmt::format("no CPR on file for {} — the B-income report needs it; give it with "
                                            "--cpr - (read from stdin, kept only in private/)",
                                            plan.payee.name));
    }
    Money vat = plan.payee.vat ? vatOf(plan.amount) : Money();
    out.receipts = p.receipts;
    if (out.receipts.empty() && plan.contract) {
        // The signed contract documents a fixed honorarium [001 §9, §13].
        auto document = paths.root / plan.contract->document;
        std::error_code ec;
        if (fs::is_regular_file(document, ec)) out.receipts.push_back(readReceipt(document));
    }
    NewExpense expense{p.date,           plan.amount + vat, std::string(payoutCategory(plan.kind)),
                       ledgerText(plan, vat, p.text), plan.payee.name, std::nullopt, out.receipts, false};
    auto recorded = addExpense(store, config, expense, today);
    out.warnings = recorded.warnings;
    if (plan.share)
        out.warnings.push_back(fmt::format("{} is paid pro rata by day, {}–{} ({}): {}", plan.period->label,
                                           plan.share->first.iso(), plan.share->last.iso(), plan.share->endsWhy,
                                           plan.share->arithmetic()));

    auto ins = store.prepared("INSERT INTO payout(id, payee_id, contract_id, period, kind, paid_on, amount_ore, "
                              "vat_ore, ledger_entry_id, recorded_on) VALUES (klynge_id(), ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, plan.payee.id);
    if (plan.contract) ins.bind(2, plan.contract->id);
    if (plan.period) ins.bind(3, plan.period->label);
    ins.bind(4, std::string(payoutKindName(plan.kind)));
    ins.bind(5, p.date.iso());
    ins.bind(6, plan.amount.ore());
    ins.bind(7, vat.ore());
    ins.bind(8, recorded.entry.id);
    ins.bind(9, today.iso());
    ins.exec();
    auto payoutId = store.db().getLastInsertRowid();

    // A person's pay is B-income; a company's invoice with VAT is not
    // reported (skatteindberetningsloven § 4, stk. 3); without VAT it is
    // reported on the CVR, in a field the sources do not settle. The record
    // belongs to the month the money is paid: now under own-account, when
    // PLO pays under plo (written when the month is marked reported).
    auto payout = payoutById(store, payoutId);
    const bool reportable = plan.payee.person() || !plan.payee.vat;
    if (reportable && payout.paidOn) {
        writeBIncome(store, payout, today);
        if (!payout.field)
            out.warnings.push_back(fmt::format("{} invoices without VAT: the payment is reported on its CVR, in an "
                                               "eIndkomst field the sources do not settle — ask SKAT before {}",
                                               plan.payee.name, deadlineOf(config, YearMonth::of(p.date)).iso()));
    }
    int max = static_cast<int>(config.integer("finance.max_payouts_per_year"));
    if (plan.payee.person() && payoutsInYear(store, plan.payee.id, p.date.year()) > max)
        out.warnings.push_back(fmt::format("{} has had {} payouts in {}, more than finance.max_payouts_per_year = {} — "
                                           "B-income should stay sporadic: collect payouts into a few a year [001 §14]",
                                           plan.payee.name, payoutsInYear(store, plan.payee.id, p.date.year()),
                                           p.date.year(), max));
    out.payout = payoutById(store, payoutId);
    return out;
}

ReportableExpenseRule::ReportableExpenseRule(Store& store) {
    auto q = store.prepared("SELECT name FROM payee WHERE member_id IS NULL AND cvr IS NOT NULL");
    while (q.executeStep()) companies_.insert(q.getColumn(0).getString());
}

void ReportableExpenseRule::refuse(const ExpenseCategory& c, std::string_view payee) const {
    if (c.key != "honorar" && c.key != "kørsel") return;
    if (!payee.empty() && companies_.contains(payee)) return;
    throw RuleViolation(fmt::format(
        "{} to a person is B-income that SKAT must be told about — record it with `klynge payout --person P --amount "
        "A --kind {}` (or `--contract ID`), which gives it its B-income record [001 §14: \"omfattet af "
        "indberetningspligt\"]; a company's invoice: record the company with `klynge contract add NAME --cvr CVR`",
        c.key, c.key));
}

void ReportableExpenseRule::refuse(std::string_view category, std::string_view payee) const {
    if (const auto* c = findExpenseCategory(category)) refuse(*c, payee);
}

std::vector<Payout> listPayouts(Store& store, std::optional<int> year) {
    auto q = store.prepared(std::string(payoutColumns) + "WHERE ?1 IS NULL OR o.paid_on LIKE ?1 "
                                                         "ORDER BY o.paid_on, o.id");
    if (year) q.bind(1, fmt::format("{}-%", *year));
    std::vector<Payout> out;
    while (q.executeStep()) out.push_back(readPayout(q));
    return out;
}

std::string_view reportStatusName(ReportStatus s) {
    switch (s) {
    case ReportStatus::reported: return "reported";
    case ReportStatus::pending: return "pending";
    case ReportStatus::overdue: return "overdue";
    }
    return "";
}

namespace {

std::vector<BIncome> readBIncome(Store& store, const Config& config, const std::string& where, Date today,
                                 const std::function<void(SQLite::Statement&)>& bind) {
    auto q = store.prepared(std::string(bIncomeColumns) + where);
    bind(q);
    std::vector<BIncome> out;
    while (q.executeStep()) {
        BIncome b;
        b.payout = readPayout(q);
        b.id = b.payout.bIncomeId.value_or(0);
        b.month = YearMonth::of(*b.payout.paidOn);
        b.deadline = deadlineOf(config, b.month);
        if (!q.getColumn(18).isNull()) {
            b.status = ReportStatus::reported;
            b.reference = q.getColumn(18).getString();
            b.reportedOn = Date::parse(q.getColumn(19).getString());
        } else {
            b.status = today > b.deadline ? ReportStatus::overdue : ReportStatus::pending;
        }
        out.push_back(std::move(b));
    }
    return out;
}

} // namespace

std::vector<BIncome> bIncomeOfMonth(Store& store, const Config& config, YearMonth m, Date today) {
    return readBIncome(store, config,
                       "pe.event_date >= ?1 AND pe.event_date < ?2 ORDER BY coalesce(m.name, p.name), pe.event_date, o.id",
                       today, [&](SQLite::Statement& q) {
                           Date first(m.year, m.month, 1);
                           q.bind(1, first.iso());
                           q.bind(2, first.addMonths(1).iso());
                       });
}

std::vector<BIncome> unreportedBIncome(Store& store, const Config& config, Date at) {
    return readBIncome(store, config, "i.id IS NULL AND pe.event_date <= ? ORDER BY pe.event_date, o.id", at,
                       [&](SQLite::Statement& q) { q.bind(1, at.iso()); });
}

std::vector<BIncome> bIncomeOfYear(Store& store, const Config& config, int year, Date today) {
    return readBIncome(store, config, "pe.event_date >= ? AND pe.event_date < ? ORDER BY pe.event_date, o.id", today,
                       [&](SQLite::Statement& q) {
                           q.bind(1, fmt::format("{:04}-01-01", year));
                           q.bind(2, fmt::format("{:04}-01-01", year + 1));
                       });
}

std::vector<Payout> unpaidPayouts(Store& store, std::optional<Date> at) {
    auto q = store.prepared(std::string(payoutColumns) +
                            "WHERE pe.id IS NULL AND e.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM "
                            "ledger_entry r WHERE r.reverses_id = e.id) AND NOT EXISTS (SELECT 1 FROM "
                            "ledger_event x WHERE x.entry_id = e.id AND x.event = 'rejected') AND "
                            "(?1 IS NULL OR o.paid_on <= ?1) ORDER BY o.paid_on, o.id");
    if (at) q.bind(1, at->iso());
    std::vector<Payout> out;
    while (q.executeStep()) out.push_back(readPayout(q));
    return out;
}

std::vector<Payout> correctionsOfMonth(Store& store, YearMonth m) {
    Date first(m.year, m.month, 1);
    auto q = store.prepared(std::string(payoutColumns) +
                            "WHERE pe.event_date >= ? AND pe.event_date < ? AND EXISTS (SELECT 1 FROM "
                            "ledger_entry r WHERE r.reverses_id = e.id) ORDER BY pe.event_date, o.id");
    q.bind(1, first.iso());
    q.bind(2, first.addMonths(1).iso());
    std::vector<Payout> out;
    while (q.executeStep()) out.push_back(readPayout(q));
    return out;
}

std::vector<std::string> payoutDisagreements(Store& store) {
    std::vector<std::string> out;
    // The payout's columns, then its B-income record's month and amount.
    auto r = store.prepared(std::string(KLYNGE_PAYOUT_SELECT) + ", b.month, b.amount_ore " + KLYNGE_PAYOUT_FROM +
                            "ORDER BY o.paid_on, o.id");
    while (r.executeStep()) {
        auto o = readPayout(r);
        const bool reportable = o.payee.person() || !o.payee.vat;
        if (!o.bIncomeId) continue;
        auto month = r.getColumn(18).getString();
        auto amount = Money::fromOre(r.getColumn(19).getInt64());
        if (!reportable)
            out.push_back(fmt::format("payout {} to {} has a B-income record, but a VAT-registered company's invoice "
                                      "is not reported (skatteindberetningsloven § 4, stk. 3)",
                                      o.voucher, o.payee.name));
        else if (!o.paidOn)
            out.push_back(fmt::format("payout {} to {} is B-income of {} for SKAT, but the ledger has not paid it — "
                                      "the accounts list it as not yet paid; record the payment with `klynge ledger "
                                      "pay {} --date D` (the day PLO paid), or reverse it",
                                      o.voucher, o.payee.name, month, o.voucher));
        else if (YearMonth::of(*o.paidOn).iso() != month)
            out.push_back(fmt::format("payout {} to {} is B-income of {} for SKAT, but the ledger paid it on {} — the "
                                      "B-income month is the payment's; correct the report for {} in eIndkomst",
                                      o.voucher, o.payee.name, month, o.paidOn->iso(), month));
        if (amount != o.amount)
            out.push_back(fmt::format("payout {} to {} is {} in the books but {} in its B-income record", o.voucher,
                                      o.payee.name, o.amount.danish(), amount.danish()));
    }
    return out;
}

ReportMark markReported(Store& store, const Config& config, YearMonth m, const std::string& reference,
                        Date reportedOn, Date today) {
    auto ref = checkedLedgerText(reference, "--ref", true, text_limit::title);
    if (reportedOn > today)
        throw InvalidValue(fmt::format("--date {} is after today ({}) — mark a report once it is made",
                                       reportedOn.iso(), today.iso()));
    auto records = bIncomeOfMonth(store, config, m, today);
    if (records.empty())
        throw RuleViolation(fmt::format("no B-income was paid in {} — nothing to report; a B-income-only payer "
                                        "makes no zero report (skat.dk oid=2045885)",
                                        m.iso()));
    ReportMark mark{0, m, ref, reportedOn, 0, Money()};
    std::vector<BIncome*> open;
    for (auto& b : records)
        if (b.status != ReportStatus::reported) open.push_back(&b);
    if (open.empty()) {
        const auto& last = records.back();
        throw RuleViolation(fmt::format("every B-income record of {} was already marked reported ({} on {}) — "
                                        "nothing to mark; `klynge skat report --month {}` shows them",
                                        m.iso(), last.reference, last.reportedOn->iso(), m.iso()));
    }
    if (reportedOn < *open.front()->payout.paidOn)
        throw InvalidValue(fmt::format("--date {} is before the payment on {} — a report follows the payment",
                                       reportedOn.iso(), open.front()->payout.paidOn->iso()));
    // Under plo the record is written now, in the month PLO paid.
    for (auto* b : open)
        if (b->id == 0) b->id = writeBIncome(store, b->payout, today);
    auto ins = store.prepared("INSERT INTO skat_report(id, month, reference, reported_on, recorded_on) "
                              "VALUES (klynge_id(), ?, ?, ?, ?)");
    ins.bind(1, m.iso());
    ins.bind(2, ref);
    ins.bind(3, reportedOn.iso());
    ins.bind(4, today.iso());
    ins.exec();
    mark.id = store.db().getLastInsertRowid();
    auto item = store.prepared("INSERT INTO skat_report_item(id, report_id, b_income_id) VALUES (klynge_id(), ?, ?)");
    for (const auto* b : open) {
        item.bind(1, mark.id);
        item.bind(2, b->id);
        item.exec();
        item.reset();
        ++mark.records;
        mark.amount += b->payout.amount;
    }
    return mark;
}

std::vector<CalendarEntry> calendarWithPayouts(Store& store, const Config& config, int year, Date today) {
    auto calendar = statutoryCalendar(year, config);
    std::vector<YearMonth> months{{year - 1, 12}};
    for (unsigned m = 1; m <= 11; ++m) months.push_back({year, m});
    for (const auto& month : months) {
        auto records = bIncomeOfMonth(store, config, month, today);
        if (records.empty()) continue;
        Money sum;
        int open = 0;
        bool overdue = false;
        for (const auto& b : records) {
            sum += b.payout.amount;
            if (b.status != ReportStatus::reported) ++open;
            overdue = overdue || b.status == ReportStatus::overdue;
        }
        auto note = fmt::format(" — {} payout{}, {}: {}", records.size(), records.size() == 1 ? "" : "s", sum.danish(),
                                open == 0 ? "reported"
                                          : fmt::format("{} not reported{}", open, overdue ? ", OVERDUE" : ""));
        const auto noteDa = fmt::format(" — {} udbetaling{}, {}: {}", records.size(), records.size() == 1 ? "" : "er",
                                        sum.danish(),
                                        open == 0 ? std::string("indberettet")
                                                  : fmt::format("{} ikke indberettet{}", open,
                                                                overdue ? ", fristen er overskredet" : ""));
        Date deadline = deadlineOf(config, month);
        for (auto& e : calendar)
            if (e.date == deadline && e.bIncome) {
                e.what += note;
                e.summary += noteDa;
                e.paid = true;
            }
    }
    return calendar;
}

std::optional<std::string> forgetRefusal(Store& store, std::int64_t memberId, Date today) {
    auto q = store.prepared("SELECT p.id, max(o.paid_on) FROM payee p LEFT JOIN payout o ON o.payee_id = p.id "
                            "WHERE p.member_id = ? GROUP BY p.id");
    q.bind(1, memberId);
    if (!q.executeStep()) return std::nullopt;
    auto payeeId = q.getColumn(0).getInt64();
    for (const auto& c : contractsOf(store, payeeId, std::nullopt))
        if (!c.to || *c.to >= today)
            return fmt::format("member #{} holds contract #{} ({}), which is still in force — end the contract first; "
                               "its payouts are bookkeeping records",
                               memberId, c.number, c.role);
    if (q.getColumn(1).isNull()) return std::nullopt;
    // Records are kept 5 years after the end of the year of the last payout.
    Date last = Date::parse(q.getColumn(1).getString());
    Date erasable(last.year() + 6, 1, 1);
    if (today < erasable)
        return fmt::format("member #{} was paid on {}; payouts and the CPR for their B-income report are "
                           "bookkeeping records kept 5 years after the year ends (DOMAIN.md, \"Personal data\") — "
                           "forget the member on or after {}",
                           memberId, last.iso(), erasable.iso());
    return std::nullopt;
}

void forgetPayee(Store& store, std::int64_t memberId) {
    auto q = store.prepared("SELECT id FROM payee WHERE member_id = ?");
    q.bind(1, memberId);
    if (!q.executeStep()) return;
    auto payeeId = q.getColumn(0).getInt64();
    auto u = store.prepared("UPDATE payee SET name = '[glemt]' WHERE id = ?");
    u.bind(1, payeeId);
    u.exec();
    if (privateAttached(store)) deleteCpr(store, payeeId);
}

} // namespace klynge
