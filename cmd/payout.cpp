// klynge payout — a contract's scheduled amount or a one-off honorarium or
// mileage: a ledger expense and, for a person, a B-income record
// (klynge-payout(1)).
#include "honoraria.hpp"

#include "klynge/text/error.hpp"
#include "klynge/store/private_store.hpp"
#include "klynge/honoraria/skat.hpp"

#include <fmt/format.h>

#include <memory>

namespace klynge::cli {

void registerPayout(CLI::App& app, Context& ctx) {
    struct Options {
        std::optional<std::int64_t> contract;
        std::string period, person, amount, kind, date, text, cpr;
        std::vector<std::string> receipts;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("payout", "Pay an honorarium or mileage: a ledger expense and the B-income record "
                                             "SKAT must get by the 10th of the next month");
    cmd->add_option("--contract", o->contract, "Pay the contract's scheduled amount for a period")
        ->type_name("ID")
        ->check(wholeNumber());
    cmd->add_option("--period", o->period, "With --contract: the period paid, e.g. 2026-K1, 2026-H2, 2026-03 "
                                           "(default: the period of --date)");
    cmd->add_option("--person", o->person, "Without a contract: who is paid (member id or e-mail, or a name)");
    cmd->add_option("--amount", o->amount, "Without a contract: the amount in kroner")->type_name("AMOUNT");
    cmd->add_option("--kind", o->kind, "Without a contract: honorar, kørsel (mileage at the state rate) or "
                                       "kørsel-i-honorar");
    cmd->add_option("--date", o->date, "The day it is paid: it decides the month reported")->type_name("DATE")->required();
    cmd->add_option("--text", o->text, "The ledger text (default: says what and to whom)");
    cmd->add_option("--cpr", o->cpr, "Record the payee's CPR number now, or - to read it from standard input")
        ->type_name("CPR|-");
    cmd->add_option("--receipt", o->receipts, "A receipt, invoice or mileage log; may be repeated (default with "
                                              "--contract: the contract document)")
        ->type_name("FILE")
        ->expected(1);
    cmd->callback([&ctx, o] {
        NewPayout p;

        p.period = o->period;
        p.person = o->person;
        if (!o->amount.empty()) p.amount = parseMoney(o->amount, "--amount");
        if (!o->kind.empty()) p.kind = parsePayoutKind(o->kind);
        p.date = parseDate(o->date, "--date");
        p.text = o->text;
        for (const auto& f : o->receipts) p.receipts.push_back(readReceipt(f));
        p.cpr = cprOption(o->cpr);
        auto session = ctx.open();
        // A payout to a person needs the CPR in private/; a company's does not.
        auto cprs = p.cpr ? std::make_unique<PrivateAttachment>(session.store(), session.paths(), "--cpr")
                          : PrivateAttachment::ifPresent(session.store(), session.paths(), "a payout");
        ReceiptCopies copies(session.paths());
        if (o->contract) p.contractId = contractIdOf(session.store(), *o->contract);
        ctx.write(session, [&] {
            auto done = recordPayout(session.store(), session.config(), session.paths(), p, Date::today());
            for (const auto& r : done.receipts) copies.prepare(r);
            for (const auto& w : done.warnings) ctx.warn(w);
            const auto& x = done.payout;
            const bool reportable = x.payee.person() || !x.payee.vat;
            std::string skat;
            if (!reportable) skat = "not B-income: a company's invoice with VAT";
            else if (x.paidOn)
                skat = fmt::format("B-income of {}{}, report by {} ({})", YearMonth::of(*x.paidOn).iso(),
                                   x.field ? fmt::format(" (eIndkomst field {})", *x.field) : "",
                                   deadlineOf(session.config(), YearMonth::of(*x.paidOn)).iso(),
                                   reporterDanish(session.config()));
            else
                skat = fmt::format("B-income in the month PLO pays it — record that with `klynge ledger approve {}` "
                                   "and `klynge ledger pay {} --date D`",
                                   x.voucher, x.voucher);
            std::optional<Date> deadline;
            if (reportable && x.paidOn) deadline = deadlineOf(session.config(), YearMonth::of(*x.paidOn));
            if (ctx.table())
                ctx.note(fmt::format("{} {} {} {}{} on {} ({}); {}", x.paidOn ? "Paid" : "Requested from PLO:",
                                     x.payee.name, payoutKindName(x.kind), x.amount.danish(),
                                     x.vat > Money() ? fmt::format(" + moms {}", x.vat.danish()) : "", x.date.iso(),
                                     x.voucher, skat));
            else
                ctx.printRecord({{"id", "", std::int64_t{x.id}},
                                 {"payee", "", x.payee.name},
                                 {"kind", "", std::string(payoutKindName(x.kind))},
                                 {"contract", "", out::opt(x.contractNumber)},
                                 {"period", "", x.period},
                                 {"date", "", x.date},
                                 {"paid_on", "", out::opt(x.paidOn)},
                                 {"amount", "", x.amount},
                                 {"vat", "", x.vat},
                                 {"voucher", "", x.voucher},
                                 {"b_income", "", reportable},
                                 {"eindkomst_field", "", x.field ? out::Cell(std::int64_t{*x.field}) : out::Cell()},
                                 {"deadline", "", out::opt(deadline)}});
            return fmt::format("payout {} to {}: {} {} on {}", x.voucher, x.payee.name, payoutKindName(x.kind),
                               x.amount.danish(), x.date.iso());
        });
        if (!ctx.globals.dryRun) {
            copies.commit();
            if (cprs) cprs->keep();
        }
    });
}

} // namespace klynge::cli
