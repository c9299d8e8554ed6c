// klynge ledger list | show | balance | report | export | claim | categories
// (klynge-ledger(1)).
#include "ledger_view.hpp"

#include "klynge/text/error.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/money/claim.hpp"
#include "klynge/money/export.hpp"
#include "klynge/money/report.hpp"
#include "klynge/store/templates.hpp"

#include <fmt/format.h>

#include <fstream>

namespace klynge::cli {
namespace {

std::string statusCell(const LedgerEntry& e, FinanceModel model) {
    auto text = statusText(e.status, model);
    switch (e.status) {
    case EntryStatus::reversal: return fmt::format("{} af {}", text, e.reversesVoucher);
    case EntryStatus::reversed: return fmt::format("{} ({})", text, e.reversedByVoucher);
    case EntryStatus::rejected: return fmt::format("{} {}", text, e.rejectedOn->iso());
    case EntryStatus::paid: return fmt::format("{} {}", text, e.paidOn->iso());
    case EntryStatus::approved: return fmt::format("{} {}", text, e.approvedOn->iso());
    default: return text;
    }
}

out::Cell optId(const std::optional<std::int64_t>& v) { return v ? out::Cell(*v) : out::Cell(); }
out::Cell optText(const std::string& s) { return s.empty() ? out::Cell() : out::Cell(s); }

out::Table entryTable(const std::vector<LedgerEntry>& entries, FinanceModel model, bool human) {
    out::Table t;
    if (human) {
        t.columns = {{"id", "ID"},         {"voucher", "BILAG"}, {"date", "DATE"},     {"category", "CATEGORY"},
                     {"text", "TEXT"},     {"amount", "AMOUNT"}, {"status", "STATUS"}};
        for (const auto& e : entries)
            t.add({e.number, e.voucher, e.date, e.category, e.text, e.amount, statusCell(e, model)});
        return t;
    }
    t.columns = {{"id", ""},       {"voucher", ""},     {"date", ""},        {"kind", ""},        {"category", ""},
                 {"account", ""},  {"text", ""},        {"payee", ""},       {"meeting", ""},     {"amount", ""},
                 {"status", ""},   {"status_text", ""}, {"approved", ""},    {"rejected", ""},    {"reject_reason", ""},
                 {"paid", ""},     {"reverses", ""},    {"reversed_by", ""}, {"reason", ""},      {"receipts", ""}};
    for (const auto& e : entries)
        t.add({e.number, e.voucher, e.date, std::string(kindName(e.kind)), e.category, e.account, e.text, optText(e.payee),
               optId(e.meetingNumber), e.amount, std::string(statusKey(e.status)), statusText(e.status, model),
               out::opt(e.approvedOn), out::opt(e.rejectedOn), optText(e.rejectReason), out::opt(e.paidOn),
               optText(e.reversesVoucher), optText(e.reversedByVoucher), optText(e.reason),
               std::int64_t{e.receipts}});
    return t;
}

void registerList(CLI::App* grp, Context& ctx) {
    struct ListOptions {
        std::optional<int> year;
        std::optional<std::int64_t> meeting;
        std::string category, status, kind;
    };
    auto o = std::make_shared<ListOptions>();
    auto* list = grp->add_subcommand("list", "Entries in voucher order, with their status");
    list->add_option("--year", o->year, "Only this year's vouchers")->type_name("Y");
    list->add_option("--category", o->category, "Only this expense category or income kind");
    list->add_option("--status", o->status, "afventer, godkendt, afvist, udbetalt, modtaget, tilbageført, tilbageførsel");
    list->add_option("--kind", o->kind, "income or expense")->check(CLI::IsMember({"income", "expense"}));
    list->add_option("--meeting", o->meeting, "Only this meeting's entries")->type_name("ID")->check(wholeNumber());
    list->callback([&ctx, o] {
        LedgerFilter f;
        f.year = o->year;
        if (!o->category.empty()) f.category = o->category;
        if (!o->status.empty()) f.status = parseStatus(o->status);
        if (!o->kind.empty()) f.kind = o->kind == "income" ? EntryKind::income : EntryKind::expense;
        auto session = ctx.open(Store::Mode::readOnly);
        if (o->meeting) f.meetingId = withOption("--meeting", [&] { return meetingIdOf(session.store(), *o->meeting); });
        auto entries = listEntries(session.store(), f);
        auto model = financeModel(session.config());
        ctx.print(entryTable(entries, model, ctx.table()));
        if (ctx.table() && !ctx.globals.quiet)
            ctx.out << fmt::format("{} entr{}\n", entries.size(), entries.size() == 1 ? "y" : "ies");
    });
}

void registerShow(CLI::App* grp, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* show = grp->add_subcommand("show", "One entry: details, status history, receipts and its chain hash");
    show->add_option("ID", *id, "The entry: its number or voucher")->required();
    show->callback([&ctx, id] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto& store = session.store();
        auto e = findEntry(store, *id);
        auto model = financeModel(session.config());
        auto fields = entryFields(e, model);
        SQLite::Statement h(store.db(), "SELECT lower(hex(hash)) FROM chain WHERE record_table = 'ledger_entry' AND "
                                        "record_id = ? ORDER BY id DESC LIMIT 1");
        h.bind(1, e.id);
        fields.push_back({"hash", "Chain hash", h.executeStep() ? out::Cell(h.getColumn(0).getString()) : out::Cell()});
        auto events = entryEvents(store, e.id);
        auto receipts = entryReceipts(store, e.id);
        if (ctx.json()) {
            auto j = out::recordJson(fields);
            out::Json ev = out::Json::array();
            for (const auto& v : events)
                ev.push(out::Json::object()
                            .set("event", v.event)
                            .set("date", v.date.iso())
                            .set("amount", out::Json(out::Cell(v.amount)))
                            .set("note", v.note)
                            .set("recorded_on", v.recordedOn.iso()));
            out::Json rs = out::Json::array();
            for (const auto& r : receipts)
                rs.push(out::Json::object()
                            .set("path", r.path())
                            .set("file_name", r.fileName)
                            .set("sha256", r.sha256)
                            .set("bytes", r.bytes)
                            .set("added_on", r.addedOn.iso()));
            j.set("events", ev).set("receipts_attached", rs);
            return ctx.printJson(j);
        }
        ctx.printRecord(fields);
        if (!ctx.table()) return;
        if (!events.empty()) ctx.out << "\nHistory:\n";
        ctx.out << fmt::format("  {}  recorded{}\n", e.recordedOn.iso(),
                               e.kind == EntryKind::expense ? fmt::format(" ({})", statusText(EntryStatus::pending, model))
                                                            : "");
        for (const auto& v : events)
            ctx.out << fmt::format("  {}  {}{}\n", v.date.iso(), v.event, v.note.empty() ? "" : ": " + v.note);
        if (!receipts.empty()) ctx.out << "\nReceipts:\n";
        for (const auto& r : receipts) ctx.out << fmt::format("  {}  ({}, {} bytes)\n", r.path(), r.fileName, r.bytes);
    });
}

void registerBalance(CLI::App* grp, Context& ctx) {
    auto at = std::make_shared<std::string>();
    auto* bal = grp->add_subcommand("balance", "The klyngesaldo and what is recorded but not yet paid");
    bal->add_option("--at", *at, "As of this date (default: today)")->type_name("DATE");
    bal->callback([&ctx, at] {
        Date when = at->empty() ? Date::today() : parseDate(*at, "--at");
        auto session = ctx.open(Store::Mode::readOnly);
        auto b = ledgerBalance(session.store(), when);
        auto account = moneyAccount(financeModel(session.config()));
        std::vector<out::Field> f{{"at", "As of", b.at},
                                  {"account", "Account", account},
                                  {"income", "Received", b.income},
                                  {"paid", "Paid out", b.paid},
                                  {"balance", "Klyngesaldo", b.balance},
                                  {"committed", "Recorded, not yet paid", b.committed},
                                  {"available", "Left to spend", b.equity},
                                  {"entries", "Entries", b.entries}};
        ctx.printRecord(f);
    });
}

out::Json linesJson(const std::vector<BudgetRow>& rows) {
    out::Json list = out::Json::array();
    for (const auto& r : rows)
        list.push(out::Json::object()
                      .set("category", r.category)
                      .set("label", r.label)
                      .set("account", r.account)
                      .set("budget", r.budget ? out::Json(out::Cell(*r.budget)) : out::Json())
                      .set("actual", out::Json(out::Cell(r.actual)))
                      .set("difference", r.budget ? out::Json(out::Cell(r.difference())) : out::Json()));
    return list;
}

out::Json accountsJson(const AnnualAccounts& a) {
    auto m = [](Money v) { return out::Json(out::Cell(v)); };
    return out::Json::object()
        .set("year", a.year)
        .set("cluster", a.cluster)
        .set("model", a.model == FinanceModel::plo ? "plo" : "own-account")
        .set("account", a.account)
        .set("carried_over", m(a.carriedOver))
        .set("opening_balances", m(a.lines.openingBalances))
        .set("income", linesJson(a.lines.income))
        .set("income_budget", m(a.lines.incomeBudget))
        .set("income_total", m(a.lines.incomeActual))
        .set("expenses", linesJson(a.lines.expenses))
        .set("expense_budget", m(a.lines.expenseBudget))
        .set("expense_total", m(a.lines.expenseActual))
        .set("result", m(a.result))
        .set("carried_forward", m(a.closingEquity))
        .set("closing", out::Json::object()
                            .set("date", Date(a.year, 12, 31).iso())
                            .set("balance", m(a.closing.balance))
                            .set("committed", m(a.closing.committed))
                            .set("equity", m(a.closing.equity)))
        .set("vouchers", a.vouchers)
        .set("first_voucher", a.firstVoucher.empty() ? out::Json() : out::Json(a.firstVoucher))
        .set("last_voucher", a.lastVoucher.empty() ? out::Json() : out::Json(a.lastVoucher));
}

out::Table accountsTable(const AnnualAccounts& a) {
    out::Table t{{{"section", "SECTION"}, {"category", "CATEGORY"}, {"account", "ACCOUNT"}, {"budget", "BUDGET"},
                  {"actual", "ACTUAL"}, {"difference", "DIFFERENCE"}},
                 {}};
    auto line = [&](const char* section, const BudgetRow& r) {
        t.add({std::string(section), r.category, r.account, r.budget ? out::Cell(*r.budget) : out::Cell(), r.actual,
               r.budget ? out::Cell(r.difference()) : out::Cell()});
    };
    auto sum = [&](const char* section, const char* what, Money actual) {
        t.add({std::string(section), std::string(what), out::Cell(), out::Cell(), actual, out::Cell()});
    };
    sum("summary", "carried_over", a.carriedOver);
    if (a.lines.openingBalances != Money()) sum("summary", "opening_balances", a.lines.openingBalances);
    for (const auto& r : a.lines.income) line("income", r);
    for (const auto& r : a.lines.expenses) line("expenses", r);
    sum("summary", "result", a.result);
    sum("summary", "carried_forward", a.closingEquity);
    sum("closing", "balance", a.closing.balance);
    sum("closing", "committed", a.closing.committed);
    return t;
}

void printAccounts(const Context& ctx, const AnnualAccounts& a) {
    auto& os = ctx.out;
    os << fmt::format("Annual accounts {} — {}{}\n\n", a.year, a.cluster, a.cvr.empty() ? "" : fmt::format(" (CVR {})", a.cvr));
    os << fmt::format("Carried over from {}: {}\n", a.year - 1, a.carriedOver.danish());
    if (a.lines.openingBalances != Money())
        os << fmt::format("Opening balance recorded in {}: {}\n", a.year, a.lines.openingBalances.danish());
    auto section = [&](const char* title, const std::vector<BudgetRow>& rows, Money budget, Money actual) {
        out::Table t{{{"c", title}, {"b", "BUDGET"}, {"a", "ACTUAL"}, {"d", "DIFFERENCE"}}, {}};
        for (const auto& r : rows)
            t.add({r.label, r.budget ? out::Cell(*r.budget) : out::Cell(), r.actual,
                   r.budget ? out::Cell(r.difference()) : out::Cell()});
        t.add({std::string("Total"), a.lines.hasBudget ? out::Cell(budget) : out::Cell(), actual,
               a.lines.hasBudget ? out::Cell(actual - budget) : out::Cell()});
        os << '\n';
        ctx.print(t);
    };
    section("INCOME", a.lines.income, a.lines.incomeBudget, a.lines.incomeActual);
    section("EXPENSES", a.lines.expenses, a.lines.expenseBudget, a.lines.expenseActual);
    os << fmt::format("\nResult (income − expenses): {}\n", a.result.danish());
    os << fmt::format("Carried over to {}:         {}\n", a.year + 1, a.closingEquity.danish());
    os << fmt::format("\n31 December {}: klyngesaldo {} ({}); recorded, not yet paid {}\n", a.year,
                      a.closing.balance.danish(), a.account, a.closing.committed.danish());
    os << fmt::format("{} voucher{}{}\n", a.vouchers, a.vouchers == 1 ? "" : "s",
                      a.firstVoucher.empty() ? "" : fmt::format(", {} – {}", a.firstVoucher, a.lastVoucher));
}

void registerReport(CLI::App* grp, Context& ctx) {
    struct ReportOptions {
        int year = 0;
        bool document = false;
    };
    auto o = std::make_shared<ReportOptions>();
    auto* report = grp->add_subcommand("report", "Annual accounts: carried over, income, expenses, budget vs actual");
    report->add_option("--year", o->year, "The fiscal (calendar) year")->type_name("Y")->required();
    report->add_flag("--document", o->document, "Also write the Danish accounts to documents/regnskab-YEAR.md");
    report->callback([&ctx, o] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto a = annualAccounts(session.store(), session.config(), o->year);
        if (o->document) {
            auto text = renderAccountsDocument(a, loadTemplate(session.paths().root, "regnskab.md.mustache"),
                                               Date::today());
            auto file = session.paths().documents() / fmt::format("regnskab-{}.md", a.year);
            std::error_code ec;
            if (!ctx.globals.dryRun) std::filesystem::create_directories(file.parent_path(), ec);
            writeFileAtomically(ctx, {.option = "--document", .given = file.string(), .workspace = session.paths().root},
                                [&](std::ostream& os) { os << text; });
            if (!ctx.globals.dryRun)
                ctx.err << fmt::format("Wrote documents/regnskab-{}.md\n", a.year);
        }
        if (ctx.json()) return ctx.printJson(accountsJson(a));
        if (!ctx.table()) return ctx.print(accountsTable(a));
        printAccounts(ctx, a);
    });
}

void registerExport(CLI::App* grp, Context& ctx) {
    struct ExportOptions {
        std::string to;
        std::optional<std::string> output;
    };
    auto o = std::make_shared<ExportOptions>();
    auto* exp = grp->add_subcommand("export", "The books for hledger, ledger, beancount or a spreadsheet");
    exp->add_option("--to", o->to, "hledger, ledger, beancount or csv")
        ->check(CLI::IsMember({"hledger", "ledger", "beancount", "csv"}))
        ->required();
    exp->add_option("-o,--output", o->output, "Write to FILE (atomically) instead of standard output")
        ->type_name("FILE");
    exp->callback([&ctx, o] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto write = [&](std::ostream& os) {
            if (o->to == "csv") {
                auto style = ctx.style();
                style.format = out::Format::csv;
                out::render(os, entryTable(listEntries(session.store(), {}), financeModel(session.config()), false),
                            style);
                return;
            }
            auto summary = exportJournal(session.store(), session.config(), parseExportFormat(o->to), os, Date::today());
            if (o->output && !ctx.globals.quiet)
                ctx.err << fmt::format("{} entries, {} transactions\n", summary.entries, summary.transactions);
        };
        if (!o->output) return write(ctx.out);
        writeFileAtomically(ctx, {.option = "-o", .given = *o->output, .workspace = session.paths().root}, write);
        if (!ctx.globals.dryRun && !ctx.globals.quiet) ctx.err << fmt::format("Wrote {}\n", *o->output);
    });
}

void registerClaim(CLI::App* grp, Context& ctx) {
    auto meeting = std::make_shared<std::int64_t>(0);
    auto* claim = grp->add_subcommand("claim", "The pack PLO wants after a meeting: expenses, receipts, participants");
    claim->add_option("MEETING", *meeting, "The meeting's number")->required();
    claim->callback([&ctx, meeting] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto pack = claimPack(session.store(), meetingIdOf(session.store(), *meeting));
        for (const auto& w : pack.warnings) ctx.warn(w);
        auto folder = claimFolder(pack).string();
        auto model = financeModel(session.config());
        if (ctx.globals.dryRun) {
            ctx.err << fmt::format("dry run: would write {}/\n", folder);
        } else {
            writeClaimPack(session.paths(), pack, model);
        }
        if (ctx.json()) {
            out::Json j = out::Json::object();
            j.set("meeting", pack.meetingNumber)
                .set("title", pack.title)
                .set("starts_at", pack.startsAt)
                .set("folder", folder)
                .set("total", out::Json(out::Cell(pack.total)))
                .set("participants", static_cast<std::int64_t>(pack.participants.size()))
                .set("expenses", out::toJson(entryTable(pack.expenses, model, false)));
            return ctx.printJson(j);
        }
        ctx.print(entryTable(pack.expenses, model, ctx.table()));
        if (ctx.table() && !ctx.globals.quiet) {
            std::size_t receipts = 0;
            for (const auto& r : pack.receipts) receipts += r.size();
            ctx.out << fmt::format("\nMeeting #{} {} ({}, {}): {} expense{}, {} in all; {} receipt{}; {} "
                                   "participant{}\n",
                                   pack.meetingNumber, pack.title, pack.startsAt, pack.place, pack.expenses.size(),
                                   pack.expenses.size() == 1 ? "" : "s", pack.total.danish(), receipts,
                                   receipts == 1 ? "" : "s", pack.participants.size(),
                                   pack.participants.size() == 1 ? "" : "s");
            if (!ctx.globals.dryRun)
                ctx.out << fmt::format("Wrote {}/ (udgifter.csv, deltagere.csv, bilag/) — send it to PLO's cluster "
                                       "secretariat\n",
                                       folder);
        }
    });
}

void registerCategories(CLI::App* grp, Context& ctx) {
    auto* cat = grp->add_subcommand("categories", "What cluster money may pay for, and the income kinds, with sources");
    cat->callback([&ctx] {
        out::Table t{{{"kind", "KIND"}, {"category", "CATEGORY"}, {"policy", "POLICY"}, {"account", "ACCOUNT"},
                      {"meaning", "WHAT"}, {"source", "SOURCE"}},
                     {}};
        for (const auto& c : expenseCategories())
            t.add({std::string("expense"), std::string(c.key), std::string(policyName(c.policy)),
                   fmt::format("Udgifter:{}", c.account), std::string(c.meaning), std::string(c.source)});
        for (const auto& k : incomeKinds())
            t.add({std::string("income"), std::string(k.key), std::string(), std::string(k.account),
                   std::string(k.meaning), std::string(k.source)});
        ctx.print(t);
    });
}

} // namespace

std::vector<out::Field> entryFields(const LedgerEntry& e, FinanceModel model) {
    return {{"id", "Id", e.number},
            {"voucher", "Voucher (bilag)", e.voucher},
            {"date", "Date", e.date},
            {"kind", "Kind", std::string(kindName(e.kind))},
            {"category", "Category", e.category},
            {"account", "Account", e.account},
            {"text", "Text", e.text},
            {"payee", "Payee", optText(e.payee)},
            {"meeting", "Meeting", optId(e.meetingNumber)},
            {"amount", "Amount", e.amount},
            {"status", "Status", std::string(statusKey(e.status))},
            {"status_text", "Status (Danish)", statusCell(e, model)},
            {"approved", "Approved", out::opt(e.approvedOn)},
            {"rejected", "Rejected", out::opt(e.rejectedOn)},
            {"reject_reason", "Rejected because", optText(e.rejectReason)},
            {"paid", "Paid", out::opt(e.paidOn)},
            {"reverses", "Reverses", optText(e.reversesVoucher)},
            {"reversed_by", "Reversed by", optText(e.reversedByVoucher)},
            {"reason", "Reversed because", optText(e.reason)},
            {"receipts", "Receipts", std::int64_t{e.receipts}},
            {"recorded_on", "Recorded on", e.recordedOn}};
}

void registerLedgerViews(CLI::App* grp, Context& ctx) {
    registerList(grp, ctx);
    registerShow(grp, ctx);
    registerBalance(grp, ctx);
    registerReport(grp, ctx);
    registerExport(grp, ctx);
    registerClaim(grp, ctx);
    registerCategories(grp, ctx);
}

} // namespace klynge::cli
