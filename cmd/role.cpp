// klynge role assign | end | list (klynge-role(1)).
#include "cli.hpp"

#include "klynge/text/error.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/role.hpp"
#include "klynge/documents/documents.hpp"
#include "klynge/honoraria/handover.hpp"

#include <fmt/format.h>

namespace klynge::cli {
namespace {

RoleHolder holderFrom(Store& store, const std::string& person, bool external) {
    if (external) return {std::nullopt, person};
    return {findMember(store, person).id, {}};
}

} // namespace

void registerRole(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("role", "Roles with from/to dates: koordinator, kasserer, sekretær, ...");
    grp->require_subcommand(1);

    struct AssignOptions {
        std::string role, person, from, to;
        bool external = false;
    };
    auto a = std::make_shared<AssignOptions>();
    auto* assign = grp->add_subcommand("assign", "Give a person a role from a date (a new coordinator succeeds the old)");
    assign->add_option("ROLE", a->role,
                       "koordinator, medkoordinator, bestyrelse, kasserer, sekretær, suppleant, klyngeansvarlig")
        ->required();
    assign->add_option("PERSON", a->person, "Member id or e-mail (with --external: a name)")->required();
    assign->add_option("--from", a->from, "First day in the role")->type_name("DATE")->required();
    assign->add_option("--to", a->to, "Last day in the role")->type_name("DATE");
    assign->add_flag("--external", a->external, "PERSON is not a member (only sekretær)");
    assign->callback([&ctx, a] {
        auto session = ctx.open();
        Date from = parseDate(a->from, "--from");
        auto to = parseOptionalDate(a->to, "--to");
        ctx.write(session, [&] {
            auto r = assignRole(session.store(), a->role, holderFrom(session.store(), a->person, a->external), from, to);
            if (r.succeeded)
                ctx.note(fmt::format("{} is {} until {}", r.succeeded->holder, r.succeeded->role, r.succeeded->to->iso()));
            ctx.note(fmt::format("{} is {} from {}{}", r.assignment.holder, r.assignment.role, from.iso(),
                                 to ? fmt::format(" to {}", to->iso()) : ""));
            return fmt::format("{} assigned to {} from {}", r.assignment.role, r.assignment.holder, from.iso());
        });
    });

    struct EndOptions {
        std::string role, person, date;
        bool external = false;
    };
    auto e = std::make_shared<EndOptions>();
    auto* end = grp->add_subcommand("end", "End a person's role on a date (the last day in it)");
    end->add_option("ROLE", e->role, "The role")->required();
    end->add_option("PERSON", e->person, "Member id or e-mail (with --external: a name)")->required();
    end->add_option("--date", e->date, "Last day in the role")->type_name("DATE")->required();
    end->add_flag("--external", e->external, "PERSON is not a member");
    end->callback([&ctx, e] {
        auto session = ctx.open();
        Date date = parseDate(e->date, "--date");
        ctx.write(session, [&] {
            auto r = endRole(session.store(), e->role, holderFrom(session.store(), e->person, e->external), date);
            ctx.note(fmt::format("{} is {} until {}", r.holder, r.role, date.iso()));
            return fmt::format("{} ended for {} on {}", r.role, r.holder, date.iso());
        });
    });

    struct HandoverOptions {
        std::string role, to, date;
    };
    auto h = std::make_shared<HandoverOptions>();
    auto* handover = grp->add_subcommand("handover", "Hand the coordinator's post to the suppleant or a newly elected "
                                                     "coordinator: role and contract end, the checklist is written");
    handover->add_option("ROLE", h->role, "koordinator")->required();
    handover->add_option("--to", h->to, "Who takes over: the suppleant (acting coordinator) or the new coordinator "
                                        "(member id or e-mail)")
        ->type_name("PERSON")
        ->required();
    handover->add_option("--date", h->date, "The outgoing coordinator's last day (default: today)")->type_name("DATE");
    handover->callback([&ctx, h] {
        if (h->role != "koordinator")
            throw InvalidValue(fmt::format("handover is for the koordinator — {} changes with `klynge role assign` and "
                                           "`klynge role end`",
                                           h->role));
        Date today = Date::today();
        Date last = h->date.empty() ? today : parseDate(h->date, "--date");
        auto session = ctx.open();
        PendingFiles files(session.paths().root);
        ctx.write(session, [&] {
            auto r = handOverCoordinator(session.store(), session.config(), session.paths(), h->to, last, today);
            files.stage(r.document, r.text);
            ctx.note(fmt::format("{} is koordinator until {}", r.outgoing.holder, last.iso()));
            for (const auto& c : r.ended) ctx.note(fmt::format("Contract #{} ({}) ends on {}", c.number, c.role, last.iso()));
            ctx.note(fmt::format("{} is {} from {}{}; checklist {}", r.incoming.holder,
                                 r.acting ? "acting koordinator (suppleant, [000 §7])" : "koordinator",
                                 r.incoming.from.iso(),
                                 r.acting ? " until the next ordinary general assembly elects a coordinator" : "",
                                 r.document));
            return fmt::format("koordinator handed over from {} to {} after {}", r.outgoing.holder, r.incoming.holder,
                               last.iso());
        });
        if (!ctx.globals.dryRun) files.commit();
    });

    struct ListOptions {
        std::string at;
        bool all = false;
    };
    auto l = std::make_shared<ListOptions>();
    auto* list = grp->add_subcommand("list", "Who holds which role on a date");
    list->add_option("--at", l->at, "On this date (default: today)")->type_name("DATE");
    list->add_flag("--all", l->all, "Every assignment ever, past and future");
    list->callback([&ctx, l] {
        auto session = ctx.open(Store::Mode::readOnly);
        std::optional<Date> at;
        if (!l->all) at = l->at.empty() ? Date::today() : parseDate(l->at, "--at");
        out::Table t{{{"role", "ROLE"}, {"holder", "HOLDER"}, {"ydernummer", "YDERNR"}, {"from", "FROM"}, {"to", "TO"}},
                     {}};
        for (auto& r : listRoles(session.store(), at))
            t.add({r.role, r.holder, r.ydernummer.empty() ? out::Cell() : out::Cell(r.ydernummer), r.from, out::opt(r.to)});
        ctx.print(t);
    });
}

} // namespace klynge::cli
