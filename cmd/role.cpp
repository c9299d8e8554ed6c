// klynge role assign | end | list (klynge-role(1)).
#include "cli.hpp"

#include "klynge/text/error.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/role.hpp"

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
