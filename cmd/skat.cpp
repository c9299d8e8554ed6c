// klynge skat report | mark-reported | pending (klynge-skat(1)).
#include "honoraria.hpp"

#include "klynge/text/error.hpp"
#include "klynge/store/private_store.hpp"
#include "klynge/honoraria/skat.hpp"
#include "klynge/honoraria/eindkomst.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

namespace klynge::cli {
namespace {

std::string fieldText(const std::optional<int>& field) {
    return field ? std::to_string(*field) : "? (CVR without VAT)";
}

// One row per payee and eIndkomst field: what is keyed in for the month.
struct ReportRow {
    Payee payee;
    std::optional<int> field;
    Money amount;
    std::vector<std::string> kinds;
    int payouts = 0;
    Date deadline;
    ReportStatus status = ReportStatus::reported;
    std::vector<std::string> references;
};

std::vector<ReportRow> reportRows(const std::vector<BIncome>& records) {
    std::vector<ReportRow> rows;
    for (const auto& b : records) {
        auto it = std::find_if(rows.begin(), rows.end(), [&](const ReportRow& r) {
            return r.payee.id == b.payout.payee.id && r.field == b.payout.field;
        });
        if (it == rows.end()) {
            rows.push_back({b.payout.payee, b.payout.field, Money(), {}, 0, b.deadline, ReportStatus::reported, {}});
            it = rows.end() - 1;
        }
        it->amount += b.payout.amount;
        ++it->payouts;
        std::string kind(payoutKindName(b.payout.kind));
        if (std::find(it->kinds.begin(), it->kinds.end(), kind) == it->kinds.end()) it->kinds.push_back(kind);
        if (b.status != ReportStatus::reported) it->status = b.status;
        else if (std::find(it->references.begin(), it->references.end(), b.reference) == it->references.end())
            it->references.push_back(b.reference);
    }
    return rows;
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// The upload file (DOMAIN.md, "The upload file"): full CPR numbers, so it
// is written 0600 and only into private/ unless --force.
void writeEIndkomst(Context& ctx, const std::string& monthText, const std::optional<std::string>& output, bool force,
                    bool reveal) {
    if (reveal) throw InvalidValue("--eindkomst writes the full CPR numbers anyway — leave out --reveal-cpr");
    if (!output)
        throw InvalidValue("--eindkomst needs -o FILE, e.g. -o private/eindkomst-" + monthText +
                           ".csv — the file holds full CPR numbers and is never printed");
    auto month = YearMonth::parse(monthText);
    auto session = ctx.open(Store::Mode::readOnly);
    const auto& paths = session.paths();
    auto cprs = readCprs(paths);
    if (!cprs)
        throw ConfigError("--eindkomst: this workspace has no private/ directory, where the CPR numbers are kept — "
                          "write the file on the treasurer's machine, or copy private/ here");
    if (!force) {
        std::error_code ec;
        auto target = fs::weakly_canonical(fs::absolute(*output), ec);
        auto priv = fs::weakly_canonical(paths.privateDir(), ec);
        auto rel = target.lexically_relative(priv);
        if (rel.empty() || rel.native().starts_with(".."))
            throw InvalidValue(fmt::format("-o {}: the upload file holds full CPR numbers and goes into the "
                                           "workspace's private/ (e.g. -o private/eindkomst-{}.csv) — --force writes "
                                           "it elsewhere",
                                           *output, month.iso()));
    }
    auto payments = eIndkomstPayments(session.store(), session.config(), month, *cprs, Date::today());
    auto file = eIndkomstFile(Cvr::parse(session.config().requireCvr(
                                  "the upload file names the payer by the cluster's CVR (SE) number")),
                              payments);
    if (file.rows == 0 && file.elsewhere.empty())
        throw RuleViolation(fmt::format("no B-income was paid in {} — nothing to upload; a B-income-only payer makes "
                                        "no zero report (skat.dk oid=2045885)",
                                        month.iso()));
    for (const auto& e : file.elsewhere) ctx.warn("not in the file: " + e);
    if (file.rows == 0)
        throw RuleViolation(fmt::format("nothing in {} can be uploaded as a file — report it online as said above",
                                        month.iso()));
    writeFileAtomically(ctx,
                        {.option = "-o",
                         .given = *output,
                         .contents = OutputContents::fullCprs,
                         .force = force,
                         .workspace = paths.root},
                        [&](std::ostream& os) { os << file.text; });
    if (!ctx.globals.dryRun && !ctx.globals.quiet)
        ctx.err << fmt::format("Wrote {}: {} row{}, {} for {}; deadline {}. Upload it in TastSelv Erhverv, "
                               "\"Indberet lønoplysninger – filupload\"; check the column IDs first (klynge-skat(1)).\n",
                               *output, file.rows, file.rows == 1 ? "" : "s", file.total.danish(), month.iso(),
                               deadlineOf(session.config(), month).iso());
}

void registerReport(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string month;
        std::optional<std::string> output;
        bool reveal = false, force = false, eindkomst = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = grp->add_subcommand("report", "What must be reported to eIndkomst for a month, per payee, with the "
                                              "deadline and status");
    cmd->add_option("--month", o->month, "The month of the payouts")->type_name("YYYY-MM")->required();
    cmd->add_flag("--reveal-cpr", o->reveal, "Show CPR numbers in full, for keying in (default: 010180-****)");
    cmd->add_option("-o,--output", o->output, "Write to FILE (atomically) instead of standard output")
        ->type_name("FILE");
    cmd->add_flag("--eindkomst", o->eindkomst, "With -o: write the upload file for TastSelv Erhverv (semicolons, "
                                               "full CPR numbers; 0600, into private/)");
    cmd->add_flag("--force", o->force, "With --reveal-cpr or --eindkomst and -o: write the full CPR numbers outside "
                                       "private/");
    cmd->callback([&ctx, o] {
        if (o->eindkomst) return writeEIndkomst(ctx, o->month, o->output, o->force, o->reveal);
        if (o->force && (!o->reveal || !o->output))
            throw InvalidValue("--force is only for --reveal-cpr or --eindkomst with -o FILE — leave it out");
        auto month = YearMonth::parse(o->month);
        auto session = ctx.open(Store::Mode::readOnly);
        auto records = bIncomeOfMonth(session.store(), session.config(), month, Date::today());
        auto cprs = readCprs(session.paths());
        if (o->reveal && !cprs)
            throw ConfigError("--reveal-cpr: this workspace has no private/ directory, where the CPR numbers are kept "
                              "— run the report on the treasurer's machine, or copy private/ here");
        out::Table t{{{"payee", "PAYEE"},
                      {"cpr", "CPR"},
                      {"cvr", "CVR"},
                      {"amount", "AMOUNT"},
                      {"kind", "KIND"},
                      {"field", "FIELD"},
                      {"payouts", "PAYOUTS"},
                      {"deadline", "DEADLINE"},
                      {"status", "STATUS"},
                      {"reference", "REFERENCE"}},
                     {}};
        for (const auto& r : reportRows(records)) {
            std::string cpr = r.payee.person() ? cprCell(r.payee, cprs, o->reveal) : "";
            if (r.payee.person() && cpr.empty()) cpr = cprs ? "missing" : "in private/";
            t.add({r.payee.name, cpr, r.payee.cvr ? r.payee.cvr->str() : "", r.amount, joined(r.kinds),
                   r.field ? out::Cell(std::int64_t{*r.field}) : out::Cell(fieldText(r.field)),
                   std::int64_t{r.payouts}, r.deadline, std::string(reportStatusName(r.status)),
                   joined(r.references)});
        }
        Date monthEnd = Date(month.year, month.month, 1).addMonths(1).addDays(-1);
        auto unpaid = unpaidPayouts(session.store(), monthEnd);
        auto corrections = correctionsOfMonth(session.store(), month);
        auto write = [&](std::ostream& os) {
            auto style = ctx.style();
            style.color = style.color && !o->output;
            const bool table = style.format == out::Format::table;
            if (t.rows.empty() && table)
                os << fmt::format("No B-income paid in {}: nothing to report (no zero report for B-income "
                                  "payers).\n",
                                  month.iso());
            else
                out::render(os, t, style);
            if (!table) return;
            if (!t.rows.empty()) {
                Money total;
                std::set<std::int64_t> payees;
                for (const auto& b : records) {
                    total += b.payout.amount;
                    payees.insert(b.payout.payee.id);
                }
                os << fmt::format("\n{} payee{}, {} in {}; deadline {} (indkomstregisterloven § 4, stk. 1).\n",
                                  payees.size(), payees.size() == 1 ? "" : "s", total.danish(), month.iso(),
                                  deadlineOf(session.config(), month).iso());
                os << (ploReports(session.config())
                           ? "PLO indberetter som udbetaler: PLO's cluster secretariat paid and reports this — check it "
                             "against PLO's statement, then mark it.\n"
                           : "Klyngen indberetter: the cluster paid and reports this itself, in TastSelv Erhverv.\n");
            }
            for (const auto& p : unpaid)
                os << fmt::format("Not B-income yet: {} {} {} {} requested on {}, not paid — it is reported in the "
                                  "month it is paid (`klynge ledger pay {} --date D`).\n",
                                  p.voucher, p.payee.name, payoutKindName(p.kind), p.amount.danish(), p.date.iso(),
                                  p.voucher);
            for (const auto& p : corrections)
                os << fmt::format("Correction: {} to {} ({}) was reversed after it was paid — the file upload cannot "
                                  "carry a correction; correct the report for {} in eIndkomst's own form.\n",
                                  p.voucher, p.payee.name, p.amount.danish(), month.iso());
        };
        if (!o->output) return write(ctx.out);
        writeFileAtomically(ctx,
                            {.option = "-o",
                             .given = *o->output,
                             .contents = o->reveal ? OutputContents::fullCprs : OutputContents::ordinary,
                             .force = o->force,
                             .workspace = session.paths().root},
                            write);
        if (!ctx.globals.dryRun && !ctx.globals.quiet) ctx.err << fmt::format("Wrote {}\n", *o->output);
    });
}

void registerMark(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string month, ref, date;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = grp->add_subcommand("mark-reported", "Record that a month's B-income was reported to eIndkomst");
    cmd->add_option("--month", o->month, "The month of the payouts")->type_name("YYYY-MM")->required();
    cmd->add_option("--ref", o->ref, "SKAT's receipt (kvittering) or another reference")->required();
    cmd->add_option("--date", o->date, "The day it was reported (default: today)")->type_name("DATE");
    cmd->callback([&ctx, o] {
        auto month = YearMonth::parse(o->month);
        Date today = Date::today();
        Date on = o->date.empty() ? today : parseDate(o->date, "--date");
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto m = markReported(session.store(), session.config(), month, o->ref, on, today);
            if (ctx.table())
                ctx.note(fmt::format("Marked {} B-income record{} of {} ({}) reported on {}: {}", m.records,
                                     m.records == 1 ? "" : "s", month.iso(), m.amount.danish(), on.iso(), m.reference));
            else
                ctx.printRecord({{"id", "", std::int64_t{m.id}},
                                 {"month", "", month.iso()},
                                 {"reference", "", m.reference},
                                 {"reported_on", "", on},
                                 {"records", "", std::int64_t{m.records}},
                                 {"amount", "", m.amount}});
            return fmt::format("SKAT report of {} marked: {} records, {}", month.iso(), m.records, m.amount.danish());
        });
    });
}

void registerPending(CLI::App* grp, Context& ctx) {
    auto at = std::make_shared<std::string>();
    auto* cmd = grp->add_subcommand("pending", "Every payout not yet reported, oldest first, with the days left; "
                                               "exit 1 if there is any (for cron)");
    cmd->add_option("--at", *at, "As of this date (default: today, or $KLYNGE_TODAY)")->type_name("DATE");
    cmd->callback([&ctx, at] {
        Date when = at->empty() ? Date::today() : parseDate(*at, "--at");
        auto session = ctx.open(Store::Mode::readOnly);
        auto records = unreportedBIncome(session.store(), session.config(), when);
        out::Table t{{{"month", "MONTH"},
                      {"paid_on", "PAID"},
                      {"payee", "PAYEE"},
                      {"amount", "AMOUNT"},
                      {"kind", "KIND"},
                      {"field", "FIELD"},
                      {"voucher", "VOUCHER"},
                      {"deadline", "DEADLINE"},
                      {"days_left", "DAYS LEFT"},
                      {"status", "STATUS"}},
                     {}};
        int overdue = 0;
        for (const auto& b : records) {
            auto status = when > b.deadline ? ReportStatus::overdue : ReportStatus::pending;
            if (status == ReportStatus::overdue) ++overdue;
            t.add({b.month.iso(), *b.payout.paidOn, b.payout.payee.name, b.payout.amount,
                   std::string(payoutKindName(b.payout.kind)),
                   b.payout.field ? out::Cell(std::int64_t{*b.payout.field}) : out::Cell(fieldText(b.payout.field)),
                   b.payout.voucher, b.deadline, std::int64_t{when.daysUntil(b.deadline)},
                   std::string(reportStatusName(status))});
        }
        if (records.empty()) {
            if (ctx.table()) ctx.out << "Nothing to report to SKAT: every B-income payout is marked reported.\n";
            else ctx.print(t);
            return;
        }
        ctx.print(t);
        const auto& first = records.front();
        throw Error(ExitCode::rule,
                    fmt::format("{} payout{} not reported to eIndkomst{}; the first deadline is {} — report them, then "
                                "`klynge skat mark-reported --month {} --ref REF`",
                                records.size(), records.size() == 1 ? "" : "s",
                                overdue ? fmt::format(", {} overdue", overdue) : "",
                                first.deadline.iso(), first.month.iso()));
    });
}

} // namespace

void registerSkat(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("skat", "B-income for SKAT's eIndkomst: the monthly report, marks, what is pending");
    grp->require_subcommand(1);
    registerReport(grp, ctx);
    registerMark(grp, ctx);
    registerPending(grp, ctx);
}

} // namespace klynge::cli
