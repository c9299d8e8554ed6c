// klynge contract add | list | show, and klynge hours log | report
// (klynge-contract(1), klynge-hours(1)).
#include "honoraria.hpp"

#include "klynge/documents/documents.hpp"
#include "klynge/text/error.hpp"
#include "klynge/store/private_store.hpp"
#include "klynge/honoraria/skat.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace klynge::cli {

std::optional<Cpr> cprOption(const std::string& value) {
    if (value.empty()) return std::nullopt;
    std::string text = value;
    if (value == "-") {
        if (!std::getline(std::cin, text) || text.find_first_not_of(" \t\r") == std::string::npos)
            throw InvalidValue("--cpr -: no CPR number on standard input — pipe it in, e.g. `read -rs CPR; "
                               "printf '%s\\n' \"$CPR\" | klynge ...`");
        while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.pop_back();
    }
    try {
        return Cpr::parse(text);
    } catch (const InvalidValue& e) {
        throw InvalidValue(fmt::format("--cpr: {}", e.what()));
    }
}

std::string cprCell(const Payee& p, const std::optional<std::map<std::int64_t, Cpr>>& cprs, bool reveal) {
    if (!p.person() || !cprs) return "";
    auto it = cprs->find(p.id);
    if (it == cprs->end()) return "";
    return reveal ? it->second.str() : it->second.masked();
}

std::string payeeId(const Payee& p, const std::optional<std::map<std::int64_t, Cpr>>& cprs, bool reveal) {
    if (p.cvr) return fmt::format("CVR {}{}", p.cvr->str(), p.vat ? " (moms)" : " (uden moms)");
    if (!cprs) return "CPR in private/ (missing here)";
    auto cell = cprCell(p, cprs, reveal);
    return cell.empty() ? "CPR missing" : "CPR " + cell;
}

namespace {

std::vector<out::Field> contractFields(const Contract& c, const std::string& id) {
    return {{"id", "Contract", std::int64_t{c.number}},
            {"payee", "Payee", c.payee.name},
            {"identification", "Paid on", id},
            {"role", "Role", c.role},
            {"tasks", "Tasks", c.tasks},
            {"hours_per_year", "Hours a year", c.hoursPerYear ? out::Cell(std::int64_t{*c.hoursPerYear}) : out::Cell()},
            {"fee_per_year", "Fee a year", c.feePerYear},
            {"vat_per_year", "VAT a year", c.payee.vat ? out::Cell(vatOf(c.feePerYear)) : out::Cell()},
            {"schedule", "Schedule", std::string(scheduleName(c.schedule))},
            {"from", "From", c.from},
            {"to", "To", out::opt(c.to)},
            {"document", "Document", c.document}};
}

void registerAdd(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string person, role, tasks, fee, schedule, from, to, cpr, cvr;
        std::optional<int> hours;
        bool noVat = false;
    };
    auto o = std::make_shared<Options>();
    auto* add = grp->add_subcommand("add", "Record a written honorarium contract and write its Danish document");
    add->add_option("PERSON", o->person, "A member's id or e-mail, an external person's name, or a company's name")
        ->required();
    add->add_option("--role", o->role, "The role paid for: koordinator, kasserer, sekretær, oplægsholder, ...")
        ->required();
    add->add_option("--fee-per-year", o->fee, "The fixed yearly fee in kroner, without VAT")
        ->type_name("AMOUNT")
        ->required();
    add->add_option("--schedule", o->schedule, "monthly, quarterly, half-yearly or yearly")->required();
    add->add_option("--from", o->from, "First day of the contract")->type_name("DATE")->required();
    add->add_option("--to", o->to, "Last day of the contract (default: until ended)")->type_name("DATE");
    add->add_option("--hours", o->hours, "Estimated hours a year")->type_name("N")->check(wholeNumber(366 * 24, "hours in a year"));
    add->add_option("--tasks", o->tasks, "The tasks, in Danish, for the contract document");
    add->add_option("--cpr", o->cpr, "The person's CPR number, or - to read it from standard input (kept in "
                                     "private/ only)")
        ->type_name("CPR|-");
    add->add_option("--cvr", o->cvr, "A company's CVR number: it invoices, with 25 % VAT unless --no-vat")
        ->type_name("CVR");
    add->add_flag("--no-vat", o->noVat, "The company does not charge VAT (its payments are reported on the CVR)");
    add->callback([&ctx, o] {
        NewContract c;
        c.person = o->person;
        c.role = o->role;
        c.tasks = o->tasks;
        c.hoursPerYear = o->hours;
        c.feePerYear = parseMoney(o->fee, "--fee-per-year");
        c.schedule = parseSchedule(o->schedule);
        c.from = parseDate(o->from, "--from");
        c.to = parseOptionalDate(o->to, "--to");
        if (!o->cvr.empty()) c.cvr = Cvr::parse(o->cvr);
        if (o->noVat && !c.cvr) throw InvalidValue("--no-vat goes with --cvr — a person's fee has no VAT");
        c.vat = !o->noVat;
        c.cpr = cprOption(o->cpr);
        auto session = ctx.open();
        std::unique_ptr<PrivateAttachment> cprs;
        if (c.cpr) cprs = std::make_unique<PrivateAttachment>(session.store(), session.paths(), "--cpr");
        PendingFiles files(session.paths().root);
        ctx.write(session, [&] {
            auto done = addContract(session.store(), session.config(), session.paths(), c, Date::today());
            files.stage(done.contract.document, done.document);
            for (const auto& w : done.warnings) ctx.warn(w);
            const auto& k = done.contract;
            if (ctx.table())
                ctx.note(fmt::format("Contract #{}: {} as {}, {} a year{} paid {} from {}; document {}", k.number,
                                     k.payee.name, k.role, k.feePerYear.danish(),
                                     k.payee.vat ? fmt::format(" + VAT {}", vatOf(k.feePerYear).danish()) : "",
                                     scheduleName(k.schedule), k.from.iso(), k.document));
            else
                ctx.printRecord(contractFields(k, k.payee.cvr ? payeeId(k.payee, {}, false) : "CPR"));
            return fmt::format("contract #{} {} {} {}", k.number, k.role, k.feePerYear.danish(), scheduleName(k.schedule));
        });
        if (!ctx.globals.dryRun) {
            files.commit();
            if (cprs) cprs->keep();
        }
    });
}

void registerEnd(CLI::App* grp, Context& ctx) {
    struct Options {
        std::int64_t id = 0;
        std::string date;
    };
    auto o = std::make_shared<Options>();
    auto* end = grp->add_subcommand("end", "End a contract: its last day");
    end->add_option("ID", o->id, "The contract's number")->required();
    end->add_option("--date", o->date, "The contract's last day")->type_name("DATE")->required();
    end->callback([&ctx, o] {
        Date last = parseDate(o->date, "--date");
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto c = endContract(session.store(), contractIdOf(session.store(), o->id), last);
            ctx.note(fmt::format("Contract #{} ({} as {}) ends on {}", c.number, c.payee.name, c.role, last.iso()));
            return fmt::format("contract #{} ends on {}", c.number, last.iso());
        });
    });
}

void registerViews(CLI::App* grp, Context& ctx) {
    auto reveal = std::make_shared<bool>(false);
    auto* list = grp->add_subcommand("list", "Every contract: payee, role, fee, schedule, period");
    list->add_flag("--reveal-cpr", *reveal, "Show CPR numbers in full (default: 010180-****)");
    list->callback([&ctx, reveal] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto cprs = readCprs(session.paths());
        out::Table t{{{"id", "ID"},
                      {"payee", "PAYEE"},
                      {"identification", "PAID ON"},
                      {"role", "ROLE"},
                      {"fee_per_year", "FEE/YEAR"},
                      {"schedule", "SCHEDULE"},
                      {"from", "FROM"},
                      {"to", "TO"},
                      {"hours_per_year", "HOURS"}},
                     {}};
        for (const auto& c : listContracts(session.store()))
            t.add({std::int64_t{c.number}, c.payee.name, payeeId(c.payee, cprs, *reveal), c.role, c.feePerYear,
                   std::string(scheduleName(c.schedule)), c.from, out::opt(c.to),
                   c.hoursPerYear ? out::Cell(std::int64_t{*c.hoursPerYear}) : out::Cell()});
        ctx.print(t);
    });

    struct ShowOptions {
        std::int64_t id = 0;
        bool reveal = false;
    };
    auto s = std::make_shared<ShowOptions>();
    auto* show = grp->add_subcommand("show", "One contract: its terms, the schedule's amounts and the payouts made");
    show->add_option("ID", s->id, "The contract's number")->required();
    show->add_flag("--reveal-cpr", s->reveal, "Show the CPR number in full (default: 010180-****)");
    show->callback([&ctx, s] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto c = findContract(session.store(), contractIdOf(session.store(), s->id));
        auto cprs = readCprs(session.paths());
        auto fields = contractFields(c, payeeId(c.payee, cprs, s->reveal));
        std::vector<Payout> paid;
        for (auto& p : listPayouts(session.store(), std::nullopt))
            if (p.contractId == c.id) paid.push_back(p);
        if (ctx.json()) {
            auto j = out::recordJson(fields);
            auto rates = out::Json::array();
            for (int i = 1; i <= periodsPerYear(c.schedule); ++i)
                rates.push(out::Json::object().set("index", i).set(
                    "amount", out::Json(out::Cell(periodAmount(c.feePerYear, c.schedule, i)))));
            j.set("schedule_amounts", rates);
            auto payouts = out::Json::array();
            for (auto& p : paid)
                payouts.push(out::Json::object()
                                 .set("period", p.period)
                                 .set("date", p.date.iso())
                                 .set("paid_on", p.paidOn ? out::Json(p.paidOn->iso()) : out::Json())
                                 .set("amount", out::Json(out::Cell(p.amount)))
                                 .set("vat", out::Json(out::Cell(p.vat)))
                                 .set("voucher", p.voucher));
            j.set("payouts", payouts);
            return ctx.printJson(j);
        }
        if (!ctx.table()) return ctx.printRecord(fields);
        ctx.printRecord(fields);
        ctx.out << "\nSchedule (each year):";
        for (int i = 1; i <= periodsPerYear(c.schedule); ++i)
            ctx.out << (i == 1 ? " " : ", ") << periodAmount(c.feePerYear, c.schedule, i).danish();
        ctx.out << "\n";
        if (paid.empty()) ctx.out << "No payouts yet (`klynge payout --contract " << c.number << " --date D`).\n";
        for (auto& p : paid)
            ctx.out << fmt::format("{} {}: {}{} ({})\n", p.period,
                                   p.paidOn ? "paid on " + p.paidOn->iso()
                                            : "requested on " + p.date.iso() + ", not paid yet",
                                   p.amount.danish(), p.vat > Money() ? fmt::format(" + moms {}", p.vat.danish()) : "",
                                   p.voucher);
    });
}

} // namespace

void registerContract(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("contract", "Honorarium contracts: who is paid what for which tasks");
    grp->require_subcommand(1);
    registerAdd(grp, ctx);
    registerEnd(grp, ctx);
    registerViews(grp, ctx);
}

void registerHours(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("hours", "The hours contract holders work, against the contract's estimate");
    grp->require_subcommand(1);
    struct LogOptions {
        std::string person, date, hours, task;
        std::optional<std::int64_t> contract;
    };
    auto o = std::make_shared<LogOptions>();
    auto* log = grp->add_subcommand("log", "Log hours worked on a task");
    log->add_option("PERSON", o->person, "The contract holder: member id or e-mail, or the payee's name")->required();
    log->add_option("--date", o->date, "The day worked")->type_name("DATE")->required();
    log->add_option("--hours", o->hours, "Hours: 3, 3,5, 3.5 or 3:30")->type_name("H")->required();
    log->add_option("--task", o->task, "What was done, e.g. \"Generalforsamling\"")->required();
    log->add_option("--contract", o->contract, "The contract, when PERSON has several in force")
        ->type_name("ID")
        ->check(wholeNumber());
    log->callback([&ctx, o] {
        Date date = parseDate(o->date, "--date");
        int minutes = parseHours(o->hours);
        auto session = ctx.open();
        ctx.write(session, [&] {
            std::optional<std::int64_t> contract;
            if (o->contract) contract = contractIdOf(session.store(), *o->contract);
            auto h = logHours(session.store(), o->person, contract, date, minutes, o->task, Date::today());
            if (ctx.table())
                ctx.note(fmt::format("Logged {} hours for {} on {} (contract #{}): {}; {} hours in {}", hoursText(minutes),
                                     h.contract.payee.name, date.iso(), h.contract.number, h.task,
                                     hoursText(h.minutesThisYear), date.year()));
            else
                ctx.printRecord({{"id", "", std::int64_t{h.id}},
                                 {"contract", "", std::int64_t{h.contract.number}},
                                 {"date", "", date},
                                 {"hours", "", hoursText(minutes)},
                                 {"task", "", h.task},
                                 {"hours_this_year", "", hoursText(h.minutesThisYear)}});
            return fmt::format("logged {} hours on contract #{} on {}", hoursText(minutes), h.contract.number, date.iso());
        });
    });

    auto year = std::make_shared<int>(0);
    auto* report = grp->add_subcommand("report", "Logged hours against each contract's estimate for a year");
    report->add_option("--year", *year, "The year (default: this year)")->type_name("YEAR")->check(yearBetween(1990, 2100));
    report->callback([&ctx, year] {
        auto session = ctx.open(Store::Mode::readOnly);
        int y = *year ? *year : Date::today().year();
        out::Table t{{{"contract", "CONTRACT"},
                      {"payee", "PAYEE"},
                      {"role", "ROLE"},
                      {"estimate", "ESTIMATE"},
                      {"logged", "LOGGED"},
                      {"percent", "%"},
                      {"entries", "ENTRIES"}},
                     {}};
        for (const auto& r : hoursReport(session.store(), y))
            t.add({std::int64_t{r.contract.number}, r.contract.payee.name, r.contract.role,
                   r.estimatedMinutes ? out::Cell(hoursText(*r.estimatedMinutes)) : out::Cell(),
                   hoursText(r.loggedMinutes),
                   r.estimatedMinutes && *r.estimatedMinutes > 0
                       ? out::Cell(std::int64_t{r.loggedMinutes * 100LL / *r.estimatedMinutes})
                       : out::Cell(),
                   std::int64_t{r.entries}});
        ctx.print(t);
    });
}

} // namespace klynge::cli
