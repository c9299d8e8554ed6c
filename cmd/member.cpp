// klynge member add | list | show | set | leave | import | export | diff |
// registered | forget (klynge-member(1)).
#include "cli.hpp"

#include "klynge/text/error.hpp"
#include "klynge/text/input_file.hpp"
#include "klynge/people/member.hpp"
#include "klynge/store/private_store.hpp"
#include "klynge/people/role.hpp"
#include "klynge/people/roster.hpp"
#include "klynge/store/templates.hpp"

#include <fmt/format.h>

#include <fstream>

namespace klynge::cli {
namespace {

Date dateOr(const std::string& value, std::string_view option, Date fallback) {
    return value.empty() ? fallback : parseDate(value, option);
}

out::Table memberTable(const std::vector<Member>& list, const Config& config) {
    out::Table t{{{"id", "ID"}, {"name", "NAME"}, {"email", "E-MAIL"}, {"ydernummer", "YDERNR"},
                  {"practice", "PRACTICE"}, {"position", "POSITION"}, {"voting_right", "VOTE"},
                  {"joined", "JOINED"}, {"left", "LEFT"}},
                 {}};
    for (auto& m : list)
        t.add({m.number, m.name, m.forgotten ? out::Cell() : out::Cell(m.email), m.ydernummer, m.practiceName, std::string(positionName(m.position)),
               hasVotingRight(config, m.position), m.joined, out::opt(m.left)});
    return t;
}

void registerAddListShow(CLI::App* grp, Context& ctx) {
    struct AddOptions {
        std::string name, email, practice, position, joined;
    };
    auto a = std::make_shared<AddOptions>();
    auto* add = grp->add_subcommand("add", "Add a member doctor");
    add->add_option("NAME", a->name, "Full name")->required();
    add->add_option("--email", a->email, "Personal e-mail (KiAP registers it)")->required();
    add->add_option("--practice", a->practice, "The practice's ydernummer")->required();
    add->add_option("--position", a->position, "ejerlæge, ansat, uddannelseslæge or vikar")->required();
    add->add_option("--joined", a->joined, "Date joined (default: today)")->type_name("DATE");
    add->callback([&ctx, a] {
        auto session = ctx.open();
        NewMember m{a->name, Email::parse(a->email), Ydernummer::parse(a->practice), parsePosition(a->position),
                    dateOr(a->joined, "--joined", Date::today())};
        ctx.write(session, [&] {
            auto added = addMember(session.store(), m);
            ctx.note(fmt::format("Added member #{} {} <{}>, {} in {}", added.number, added.name, added.email,
                                 positionName(added.position), added.ydernummer));
            return fmt::format("added member #{} {}", added.number, added.name);
        });
    });

    struct ListOptions {
        std::string at, position;
        bool all = false;
    };
    auto l = std::make_shared<ListOptions>();
    auto* list = grp->add_subcommand("list", "Members in Danish name order");
    list->add_option("--at", l->at, "Members on this date (default: today)")->type_name("DATE");
    list->add_option("--position", l->position, "Only this position");
    list->add_flag("--all", l->all, "Every member ever, including those who left");
    list->callback([&ctx, l] {
        auto session = ctx.open(Store::Mode::readOnly);
        MemberFilter f{dateOr(l->at, "--at", Date::today()), l->all, std::nullopt};
        if (!l->position.empty()) f.position = parsePosition(l->position);
        ctx.print(memberTable(listMembers(session.store(), f), session.config()));
    });

    auto who = std::make_shared<std::string>();
    auto* show = grp->add_subcommand("show", "One member: details, roles and change history");
    show->add_option("ID|EMAIL", *who, "Member id or e-mail")->required();
    show->callback([&ctx, who] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto m = findMember(session.store(), *who);
        std::vector<out::Field> f{{"id", "Id", m.number},
                                  {"name", "Name", m.name},
                                  {"email", "E-mail", m.email},
                                  {"ydernummer", "Ydernummer", m.ydernummer},
                                  {"practice", "Practice", m.practiceName},
                                  {"position", "Position", std::string(positionName(m.position))},
                                  {"voting_right", "Voting right", hasVotingRight(session.config(), m.position)},
                                  {"joined", "Joined", m.joined},
                                  {"left", "Left", out::opt(m.left)},
                                  {"forgotten", "Forgotten", out::opt(m.forgotten)}};
        auto roles = rolesOf(session.store(), m.id);
        auto history = memberHistory(session.store(), m.id);
        if (ctx.json()) {
            auto j = out::recordJson(f);
            out::Json r = out::Json::array();
            for (auto& ra : roles)
                r.push(out::Json::object().set("role", ra.role).set("from", ra.from.iso()).set("to", out::Json(out::opt(ra.to))));
            out::Json h = out::Json::array();
            for (auto& c : history)
                h.push(out::Json::object().set("date", c.changedOn.iso()).set("field", c.field).set("old", c.oldValue).set(
                    "new", c.newValue));
            j.set("roles", r).set("changes", h);
            return ctx.printJson(j);
        }
        ctx.printRecord(f);
        if (!ctx.table()) return;
        if (!roles.empty()) ctx.out << "\nRoles:\n";
        for (auto& ra : roles)
            ctx.out << fmt::format("  {:<16} {} – {}\n", ra.role, ra.from.iso(), ra.to ? ra.to->iso() : "");
        if (!history.empty()) ctx.out << "\nChanges:\n";
        for (auto& c : history)
            ctx.out << fmt::format("  {}  {}: {} → {}\n", c.changedOn.iso(), c.field, c.oldValue, c.newValue);
    });
}

void registerChanges(CLI::App* grp, Context& ctx) {
    struct SetOptions {
        std::string who;
        std::optional<std::string> name, email, practice, position;
    };
    auto s = std::make_shared<SetOptions>();
    auto* set = grp->add_subcommand("set", "Change a member's name, e-mail, practice or position (recorded)");
    set->add_option("ID|EMAIL", s->who, "Member id or e-mail")->required();
    set->add_option("--name", s->name, "New name");
    set->add_option("--email", s->email, "New e-mail");
    set->add_option("--practice", s->practice, "New practice (ydernummer)");
    set->add_option("--position", s->position, "New position");
    set->callback([&ctx, s] {
        if (!s->name && !s->email && !s->practice && !s->position)
            throw InvalidValue("nothing to change — give --name, --email, --practice or --position");
        MemberEdit edit;
        edit.name = s->name;
        if (s->email) edit.email = Email::parse(*s->email);
        if (s->practice) edit.practice = Ydernummer::parse(*s->practice);
        if (s->position) edit.position = parsePosition(*s->position);
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto m = findMember(session.store(), s->who);
            auto changes = editMember(session.store(), m.id, edit, Date::today());
            if (changes.empty()) ctx.note(fmt::format("{}: nothing changed", m.name));
            for (auto& c : changes) ctx.note(fmt::format("{}: {} {} → {}", m.name, c.field, c.oldValue, c.newValue));
            return fmt::format("member #{}: {} change(s)", m.number, changes.size());
        });
    });

    struct LeaveOptions {
        std::string who, date;
    };
    auto l = std::make_shared<LeaveOptions>();
    auto* leave = grp->add_subcommand("leave", "Record that a member left (history is kept; open roles end)");
    leave->add_option("ID|EMAIL", l->who, "Member id or e-mail")->required();
    leave->add_option("--date", l->date, "The date the member leaves")->type_name("DATE")->required();
    leave->callback([&ctx, l] {
        auto session = ctx.open();
        Date date = parseDate(l->date, "--date");
        ctx.write(session, [&] {
            auto m = findMember(session.store(), l->who);
            leaveMember(session.store(), m.id, date);
            ctx.note(fmt::format("{} left on {}", m.name, date.iso()));
            return fmt::format("member #{} left on {}", m.number, date.iso());
        });
    });

    auto f = std::make_shared<std::string>();
    auto* forget = grp->add_subcommand("forget", "Erase a former member's name and e-mail; keep that they existed");
    forget->add_option("ID|EMAIL", *f, "Member id or e-mail")->required();
    forget->callback([&ctx, f] {
        auto session = ctx.open();
        // A paid member's CPR is erased with the rest once retention allows.
        auto cprs = PrivateAttachment::ifPresent(session.store(), session.paths(), "member forget");
        ctx.write(session, [&] {
            auto m = findMember(session.store(), *f);
            forgetMember(session.store(), m.id, Date::today());
            ctx.note(fmt::format("Member #{} forgotten: name and e-mail erased from the records and the log", m.number));
            return fmt::format("member #{} forgotten", m.number);
        }, {*f});
        if (cprs) cprs->keep();
    });
}

void registerRoster(CLI::App* grp, Context& ctx) {
    struct ImportOptions_ {
        std::string file, leaveMissing;
        bool force = false;
    };
    auto i = std::make_shared<ImportOptions_>();
    auto* imp = grp->add_subcommand("import", "Add and update members from a roster CSV (idempotent, by e-mail)");
    imp->add_option("FILE", i->file, "CSV: name,email,ydernummer,position[,joined][,left] (',' or ';')")->required();
    imp->add_option("--leave-missing", i->leaveMissing, "Members not in the file leave on this date")->type_name("DATE");
    imp->add_flag("--force", i->force, "With --leave-missing: let more than half of the members leave");
    imp->callback([&ctx, i] {
        auto in = openInputFile(i->file, "");
        auto session = ctx.open();
        if (i->force && i->leaveMissing.empty())
            throw InvalidValue("--force is only for --leave-missing — leave it out");
        ImportOptions opt{Date::today(), parseOptionalDate(i->leaveMissing, "--leave-missing"), i->force};
        auto name = std::filesystem::path(i->file).filename().string();
        ImportReport report;
        ctx.write(session, [&] {
            report = importRoster(session.store(), in, name, opt);
            return fmt::format("imported {}: {} change(s)", name, report.actions.size());
        });
        // Printed after the commit: a slow reader of stdout does not hold the write lock.
        out::Table t{{{"line", "LINE"}, {"action", "ACTION"}, {"name", "NAME"}, {"detail", "DETAIL"}}, {}};
        for (auto& a : report.actions)
            t.add({a.line ? out::Cell(std::int64_t(a.line)) : out::Cell(), a.kind, a.who, a.detail});
        // Machine formats always print (an empty array when nothing changed).
        if (!ctx.table() || (!t.rows.empty() && !ctx.globals.quiet)) ctx.print(t);
        ctx.note(fmt::format("{}: {} change{}, {} member{} unchanged", name, report.actions.size(),
                             report.actions.size() == 1 ? "" : "s", report.unchanged, report.unchanged == 1 ? "" : "s"));
    });

    struct ExportOptions {
        bool kiap = false;
        std::string at;
        std::optional<std::string> document;
    };
    auto e = std::make_shared<ExportOptions>();
    auto* exp = grp->add_subcommand("export", "The roster; --kiap: what KiAP's registration asks for");
    exp->add_flag("--kiap", e->kiap, "KiAP's fields: cluster, CVR, coordinator, ydernumre, names, e-mails");
    exp->add_option("--at", e->at, "The roster on this date (default: today)")->type_name("DATE");
    exp->add_option("--document", e->document, "With --kiap: also write the Danish registration sheet (Markdown) to FILE");
    exp->callback([&ctx, e] {
        auto session = ctx.open(Store::Mode::readOnly);
        Date at = dateOr(e->at, "--at", Date::today());
        if (!e->kiap) {
            if (e->document) throw InvalidValue("--document needs --kiap — give both, or leave --document out");
            return ctx.print(memberTable(listMembers(session.store(), {at, false, std::nullopt}), session.config()));
        }
        auto sheet = kiapSheet(session.store(), session.config(), at);
        if (e->document) {
            auto text = renderKiapDocument(sheet, loadTemplate(session.paths().root, "kiap-registrering.md.mustache"));
            writeFileAtomically(ctx, {.option = "--document", .given = *e->document, .workspace = session.paths().root},
                                [&](std::ostream& os) { os << text; });
            if (!ctx.globals.dryRun) ctx.err << fmt::format("Wrote the KiAP registration sheet to {}\n", *e->document);
        }
        out::Table t{{{"cluster", "KLYNGE"}, {"cvr", "CVR"}, {"coordinator", "KOORDINATOR"}, {"ydernummer", "YDERNR"},
                      {"practice", "PRAKSIS"}, {"name", "NAVN"}, {"email", "E-MAIL"}, {"position", "STILLING"}},
                     {}};
        for (auto& r : sheet.rows)
            t.add({sheet.clusterName, sheet.cvr, sheet.coordinator, r.ydernummer, r.practiceName, r.name, r.email,
                   r.position});
        ctx.print(t);
    });

    struct DiffOptions {
        std::string since, until;
    };
    auto d = std::make_shared<DiffOptions>();
    auto* diff = grp->add_subcommand("diff", "Who joined, left or changed since a date (default: the last registration)");
    diff->add_option("--since", d->since, "After this date (default: the last `member registered`)")->type_name("DATE");
    diff->add_option("--until", d->until, "Up to and including this date (default: today)")->type_name("DATE");
    diff->callback([&ctx, d] {
        auto session = ctx.open(Store::Mode::readOnly);
        Date until = dateOr(d->until, "--until", Date::today());
        Date since;
        if (!d->since.empty()) {
            since = parseDate(d->since, "--since");
        } else if (auto last = lastRegistration(session.store(), until)) {
            since = last->date;
        } else {
            throw InvalidValue("no registration is recorded — give --since DATE, or record one with `klynge member "
                               "registered --date DATE`");
        }
        if (until < since)
            throw InvalidValue(fmt::format("--until {} is before --since {} — give the earlier date as --since",
                                           until.iso(), since.iso()));
        auto changes = rosterChanges(session.store(), since, until);
        out::Table t{{{"date", "DATE"}, {"change", "CHANGE"}, {"member_id", "ID"}, {"name", "NAME"},
                      {"ydernummer", "YDERNR"}, {"detail", "DETAIL"}},
                     {}};
        for (auto& c : changes) t.add({c.date, c.kind, c.memberId, c.name, c.ydernummer, c.detail});
        if (ctx.table() && changes.empty()) {
            ctx.out << fmt::format("No changes after {} up to {}.\n", since.iso(), until.iso());
            return;
        }
        ctx.print(t);
    });

    struct RegisteredOptions {
        std::string date, note;
    };
    auto r = std::make_shared<RegisteredOptions>();
    auto* reg = grp->add_subcommand("registered", "Record that the roster was registered at KiAP on a date");
    reg->add_option("--date", r->date, "The date it was registered")->type_name("DATE")->required();
    reg->add_option("--note", r->note, "e.g. a receipt or reference from KiAP");
    reg->callback([&ctx, r] {
        auto session = ctx.open();
        Date date = parseDate(r->date, "--date");
        ctx.write(session, [&] {
            auto done = recordRegistration(session.store(), date, r->note, Date::today());
            auto members = fmt::format("{} member{}", done.members, done.members == 1 ? "" : "s");
            ctx.note(fmt::format("Recorded the KiAP registration of {} on {}", members, done.date.iso()));
            return fmt::format("roster of {} registered at KiAP on {}", members, done.date.iso());
        });
    });
}

} // namespace

void registerMember(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("member", "Member doctors: the roster KiAP registers before 1 January");
    grp->require_subcommand(1);
    registerAddListShow(grp, ctx);
    registerChanges(grp, ctx);
    registerRoster(grp, ctx);
}

} // namespace klynge::cli
