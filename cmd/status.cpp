// klynge status — the cluster at a glance (klynge-status(1)).
#include "cli.hpp"

#include "klynge/status.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace klynge::cli {
namespace {

out::Json statusJson(const StatusReport& r) {
    out::Json j = out::Json::object();
    j.set("name", r.name).set("cvr", r.cvr).set("municipality", r.municipality).set("region", r.region);
    j.set("founded", out::Json(out::opt(r.founded)));
    j.set("at", r.at.iso()).set("practices", r.practices).set("patients", r.patients);
    out::Json byPos = out::Json::object();
    for (auto& [pos, n] : r.membersByPosition) byPos.set(pos, n);
    j.set("members", r.members).set("members_by_position", byPos).set("voting_members", r.votingMembers);
    out::Json roles = out::Json::array();
    for (auto& a : r.roles)
        roles.push(out::Json::object().set("role", a.role).set("holder", a.holder).set("from", a.from.iso()).set(
            "to", out::Json(out::opt(a.to))));
    j.set("roles", roles);
    j.set("last_registration", r.lastRegistration ? out::Json(r.lastRegistration->date.iso()) : out::Json());
    j.set("changes_since_registration", r.changesSinceRegistration);
    out::Json findings = out::Json::array();
    for (auto& f : r.findings)
        findings.push(out::Json::object()
                          .set("rule", f.rule)
                          .set("severity", std::string(severityName(f.severity)))
                          .set("message", f.message));
    j.set("findings", findings);
    return j;
}

} // namespace

void registerStatus(CLI::App& app, Context& ctx) {
    auto at = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("status", "The cluster at a glance: people, practices, patients, roles, warnings");
    cmd->add_option("--at", *at, "As of this date (default: today, or $KLYNGE_TODAY)")->type_name("DATE");
    cmd->callback([&ctx, at] {
        auto session = ctx.open(Store::Mode::readOnly);
        Date when = at->empty() ? Date::today() : parseDate(*at, "--at");
        auto r = clusterStatus(session, when);
        if (ctx.json()) return ctx.printJson(statusJson(r));
        if (!ctx.table()) {
            std::vector<out::Field> f{{"name", "", r.name}, {"cvr", "", r.cvr}, {"at", "", r.at},
                                      {"practices", "", std::int64_t{r.practices}}, {"patients", "", r.patients},
                                      {"members", "", std::int64_t{r.members}},
                                      {"voting_members", "", std::int64_t{r.votingMembers}}};
            for (auto& [pos, n] : r.membersByPosition) f.push_back({pos, "", std::int64_t{n}});
            return ctx.printRecord(f);
        }
        auto& os = ctx.out;
        os << fmt::format("{} (CVR {}) — {}, Region {}\n", r.name, r.cvr, r.municipality, r.region);
        os << fmt::format("As of {}{}\n\n", r.at.iso(), r.founded ? fmt::format(", founded {}", r.founded->iso()) : "");
        std::vector<std::string> parts;
        for (auto& [pos, n] : r.membersByPosition)
            if (n) parts.push_back(fmt::format("{} {}", n, pos));
        os << fmt::format("Practices   {}, {} registered patients\n", r.practices, out::danishCount(r.patients));
        os << fmt::format("Members     {} doctor{} ({}), {} with voting right\n", r.members, r.members == 1 ? "" : "s",
                          parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", ")), r.votingMembers);
        std::string coordinator = "none";
        for (auto& a : r.roles)
            if (a.role == "koordinator") coordinator = a.holder;
        os << fmt::format("Coordinator {}\n", coordinator);
        std::vector<std::string> others;
        for (auto& a : r.roles)
            if (a.role != "koordinator") others.push_back(fmt::format("{} {}", a.role, a.holder));
        if (!others.empty()) os << fmt::format("Roles       {}\n", fmt::join(others, "; "));
        if (r.lastRegistration)
            os << fmt::format("KiAP        roster registered {}; {} change{} since\n", r.lastRegistration->date.iso(),
                              r.changesSinceRegistration, r.changesSinceRegistration == 1 ? "" : "s");
        else
            os << "KiAP        roster never registered (`klynge member registered --date DATE`)\n";
        if (r.findings.empty()) {
            os << "\nNo problems found.\n";
        } else {
            os << '\n';
            for (auto& f : r.findings) os << fmt::format("{}: {}\n", severityName(f.severity), f.message);
        }
    });
}

} // namespace klynge::cli
