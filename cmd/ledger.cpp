// klynge ledger add | income | approve | reject | pay | reverse | attach |
// import (the writing commands; the reading ones are in ledger_view.cpp)
// (klynge-ledger(1)).
#include "ledger_view.hpp"
#include "klynge/honoraria/skat.hpp"

#include "klynge/text/error.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/money/ledger.hpp"
#include "klynge/store/receipts.hpp"
#include "klynge/text/input_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <memory>

namespace klynge::cli {
namespace {

std::vector<StagedReceipt> readReceipts(const std::vector<std::string>& files) {
    std::vector<StagedReceipt> out;
    for (const auto& f : files) out.push_back(readReceipt(f));
    return out;
}

// After a write: the entry as a record in machine formats, a note otherwise.
void reportEntry(const Context& ctx, const Config& config, const LedgerEntry& e, const std::string& line) {
    if (ctx.table()) return ctx.note(line);
    ctx.printRecord(entryFields(e, financeModel(config)));
}

void registerRecording(CLI::App* grp, Context& ctx) {
    struct AddOptions {
        std::string date, amount, category, text, payee;
        std::optional<std::int64_t> meeting;
        std::vector<std::string> receipts;
        bool unpaid = false;
    };
    auto a = std::make_shared<AddOptions>();
    auto* add = grp->add_subcommand("add", "Record an expense (refused if cluster money may not pay for it)");
    add->add_option("--date", a->date, "The expense's date (the receipt's)")->type_name("DATE")->required();
    add->add_option("--amount", a->amount, "Amount in kroner: 1234,50 or 1.234,50")->type_name("AMOUNT")->required();
    add->add_option("--category", a->category, "What it pays for (`klynge ledger categories`)")->required();
    add->add_option("--text", a->text, "What it is, e.g. \"Smørrebrød til generalforsamlingen\"")->required();
    add->add_option("--meeting", a->meeting, "The meeting it belongs to (for the claim pack)")
        ->type_name("ID")
        ->check(wholeNumber());
    add->add_option("--receipt", a->receipts, "The receipt or invoice (copied into receipts/); may be repeated")
        ->type_name("FILE")
        ->expected(1);
    add->add_option("--payee", a->payee, "Who is paid (shop, speaker, venue)");
    add->add_flag("--unpaid", a->unpaid, "finance.model = own-account: a bill not paid yet (default: paid on --date)");
    add->callback([&ctx, a] {
        NewExpense x{parseDate(a->date, "--date"), parseMoney(a->amount, "--amount"), a->category, a->text, a->payee,
                     std::nullopt, readReceipts(a->receipts), a->unpaid};
        auto session = ctx.open();
        if (a->meeting) x.meetingId = withOption("--meeting", [&] { return meetingIdOf(session.store(), *a->meeting); });
        ReceiptCopies copies(session.paths());
        ctx.write(session, [&] {
            ReportableExpenseRule(session.store()).refuse(x.category, x.payee);
            auto done = addExpense(session.store(), session.config(), x, Date::today());
            for (const auto& r : x.receipts) copies.prepare(r);
            for (const auto& w : done.warnings) ctx.warn(w);
            const auto& e = done.entry;
            reportEntry(ctx, session.config(), e,
                        fmt::format("Recorded {}: {} {} ({}) — {}", e.voucher, e.category, e.amount.danish(), e.text,
                                    statusText(e.status, financeModel(session.config()))));
            return fmt::format("recorded expense {} {} {}", e.voucher, e.category, e.amount.danish());
        });
        if (!ctx.globals.dryRun) copies.commit();
    });

    struct IncomeOptions {
        std::string date, amount, kind, text, payee;
    };
    auto i = std::make_shared<IncomeOptions>();
    auto* income = grp->add_subcommand("income", "Record money received (the grant, start-up grant, FAP, ...)");
    income->add_option("--date", i->date, "The date the money arrived")->type_name("DATE")->required();
    income->add_option("--amount", i->amount, "Amount in kroner")->type_name("AMOUNT")->required();
    income->add_option("--kind", i->kind, "driftstilskud, opstartstilskud, fap, indbetaling, andet or primo")
        ->required();
    income->add_option("--text", i->text, "What it is, e.g. \"Klyngemidler 2026\"")->required();
    income->add_option("--payee", i->payee, "Who paid it (e.g. Region Hovedstaden)");
    income->callback([&ctx, i] {
        NewIncome x{parseDate(i->date, "--date"), parseMoney(i->amount, "--amount"), i->kind, i->text, i->payee};
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto done = addIncome(session.store(), session.config(), x, Date::today());
            const auto& e = done.entry;
            reportEntry(ctx, session.config(), e,
                        fmt::format("Recorded {}: {} {} ({})", e.voucher, e.category, e.amount.danish(), e.text));
            return fmt::format("recorded income {} {} {}", e.voucher, e.category, e.amount.danish());
        });
    });
}

// approve | reject | pay | reverse: one entry changes status (an appended event).
void registerStatusChanges(CLI::App* grp, Context& ctx) {
    struct StepOptions {
        std::string id, date, reason;
    };
    using Step = std::function<LedgerEntry(Session&, const StepOptions&, Date)>;
    auto step = [&ctx](CLI::App* cmd, std::shared_ptr<StepOptions> o, std::string_view done, Step apply) {
        cmd->callback([&ctx, o, done, apply] {
            Date today = Date::today();
            Date date = o->date.empty() ? today : parseDate(o->date, "--date");
            auto session = ctx.open();
            ctx.write(session, [&] {
                auto e = apply(session, *o, date);
                auto model = financeModel(session.config());
                std::string line = e.status == EntryStatus::reversal
                                       ? fmt::format("Recorded {} reversing {} ({}) on {}", e.voucher,
                                                     e.reversesVoucher, e.amount.danish(), date.iso())
                                       : fmt::format("{} {} on {}: {} {} — {}", e.voucher, done, date.iso(),
                                                     e.category, e.amount.danish(), statusText(e.status, model));
                reportEntry(ctx, session.config(), e, line);
                return fmt::format("{} {} on {}", e.voucher, done, date.iso());
            });
        });
    };
    auto idOption = [](CLI::App* cmd, StepOptions& o) {
        cmd->add_option("ID", o.id, "The entry: its number (7) or voucher (B-2026-007)")->required();
    };

    auto ap = std::make_shared<StepOptions>();
    auto* approve = grp->add_subcommand("approve", "Record that an expense was approved (by PLO)");
    idOption(approve, *ap);
    approve->add_option("--date", ap->date, "Date of the approval (default: today)")->type_name("DATE");
    step(approve, ap, "approved", [](Session& s, const StepOptions& o, Date d) {
        return approveEntry(s.store(), s.config(), o.id, d, Date::today());
    });

    auto rj = std::make_shared<StepOptions>();
    auto* reject = grp->add_subcommand("reject", "Record that an expense was rejected; it no longer counts");
    idOption(reject, *rj);
    reject->add_option("--reason", rj->reason, "Why, e.g. \"Ikke tilladt: transport\"")->required();
    reject->add_option("--date", rj->date, "Date of the rejection (default: today)")->type_name("DATE");
    step(reject, rj, "rejected", [](Session& s, const StepOptions& o, Date d) {
        return rejectEntry(s.store(), s.config(), o.id, d, o.reason, Date::today());
    });

    auto py = std::make_shared<StepOptions>();
    auto* pay = grp->add_subcommand("pay", "Record that an expense was paid out of the cluster's account");
    idOption(pay, *py);
    pay->add_option("--date", py->date, "Date of the payment (from the account statement)")
        ->type_name("DATE")
        ->required();
    step(pay, py, "paid", [](Session& s, const StepOptions& o, Date d) {
        return payEntry(s.store(), s.config(), o.id, d, Date::today());
    });

    auto rv = std::make_shared<StepOptions>();
    auto* reverse = grp->add_subcommand("reverse", "Correct a mistake: record the opposite entry (its own voucher)");
    idOption(reverse, *rv);
    reverse->add_option("--reason", rv->reason, "Why, e.g. \"Dobbeltbogført\"")->required();
    reverse->add_option("--date", rv->date, "Date of the reversal (default: today)")->type_name("DATE");
    step(reverse, rv, "reversed", [](Session& s, const StepOptions& o, Date d) {
        return reverseEntry(s.store(), s.config(), o.id, d, o.reason, Date::today());
    });
}

void registerFiles(CLI::App* grp, Context& ctx) {
    struct AttachOptions {
        std::string id;
        std::vector<std::string> files;
    };
    auto a = std::make_shared<AttachOptions>();
    auto* attach = grp->add_subcommand("attach", "Attach receipts to an entry (copied into receipts/)");
    attach->add_option("ID", a->id, "The entry: its number or voucher")->required();
    attach->add_option("FILE", a->files, "Receipt files")->required();
    attach->callback([&ctx, a] {
        auto receipts = readReceipts(a->files);
        auto session = ctx.open();
        ReceiptCopies copies(session.paths());
        ctx.write(session, [&] {
            auto e = attachReceipts(session.store(), a->id, receipts, Date::today());
            for (const auto& r : receipts) copies.prepare(r);
            reportEntry(ctx, session.config(), e,
                        fmt::format("{} has {} receipt{}", e.voucher, e.receipts, e.receipts == 1 ? "" : "s"));
            return fmt::format("attached {} receipt(s) to {}", receipts.size(), e.voucher);
        });
        if (!ctx.globals.dryRun) copies.commit();
    });

    auto file = std::make_shared<std::string>();
    auto* imp = grp->add_subcommand("import", "Import entries from a CSV file (all rows or none; every record chained)");
    imp->add_option("FILE", *file, "CSV: date,amount,category,text[,kind,payee,meeting,approved,rejected,reason,paid]")
        ->required();
    imp->callback([&ctx, file] {
        auto in = openInputFile(*file, "");
        auto session = ctx.open();
        auto name = std::filesystem::path(*file).filename().string();
        // The rule `ledger add` applies, for every row (honoraria and
        // mileage to a person go through `klynge payout`), as the store
        // knows the payees at the time.
        auto reportable = [](Store& store) {
            return [rule = std::make_shared<const ReportableExpenseRule>(store)](const ExpenseCategory& c,
                                                                               std::string_view payee) {
                rule->refuse(c, payee);
            };
        };
        // Every row is read and checked before the write lock is taken: a
        // concurrent command waits only while the rows are written.
        auto books = LedgerImport::read(session.store(), session.config(), in, name, Date::today(),
                                        reportable(session.store()));
        ctx.write(session, [&] {
            auto report = books.write(session.store(), reportable(session.store()));
            for (const auto& w : report.warnings) ctx.warn(w);
            ctx.note(fmt::format("Imported {} entr{} and {} status event{} from {}", report.entries,
                                 report.entries == 1 ? "y" : "ies", report.events, report.events == 1 ? "" : "s", name));
            return fmt::format("imported {} ledger entries from {}", report.entries, name);
        });
    });
}

} // namespace

void registerLedger(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("ledger", "The cluster's money: income, expenses, receipts, balance, accounts");
    grp->require_subcommand(1);
    registerRecording(grp, ctx);
    registerStatusChanges(grp, ctx);
    registerFiles(grp, ctx);
    registerLedgerViews(grp, ctx);
}

} // namespace klynge::cli
