// Rules about the cluster itself (DOMAIN.md, "The cluster").
#include "klynge/checks/check.hpp"
#include "klynge/checks/founding.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/practice.hpp"
#include "klynge/people/role.hpp"
#include "klynge/text/municipalities.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <map>
#include <optional>

namespace klynge {
namespace {

// [001]: the cluster must have a coordinator who signs for it — exactly one
// at any date after founding.
void exactlyOneCoordinator(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto founded = ctx.config.date("cluster.founded");
    if (founded && ctx.at < *founded) return;
    if (beingFounded(ctx.config) && !founded) return; // cluster.founding lists the coordinator as a step
    std::vector<std::string> holders;
    std::string suppleant;
    for (auto& a : listRoles(ctx.store, ctx.at)) {
        if (a.role == "koordinator") holders.push_back(a.holder);
        if (a.role == "suppleant") suppleant = a.holder;
    }
    if (holders.empty() && !suppleant.empty())
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("no coordinator on {} — the suppleant {} holds the post until the next ordinary "
                                   "general assembly [000 §7]: record it with `klynge role handover koordinator --to "
                                   "PERSON --date LAST-DAY`",
                                   ctx.at.iso(), suppleant)});
    else if (holders.empty())
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("no coordinator on {} — assign one with `klynge role assign koordinator PERSON "
                                   "--from DATE`",
                                   ctx.at.iso())});
    else if (holders.size() > 1)
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("{} coordinators on {} ({}) — end all but one with `klynge role end`",
                                   holders.size(), ctx.at.iso(), fmt::join(holders, ", "))});
}

// [000]: all doctors of one practice are in the same cluster, so members
// follow their practice in and out.
void practiceTogether(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto q = ctx.store.prepared(
        "SELECT m.name, p.ydernummer, p.left_on FROM member m JOIN practice p ON p.id = m.practice_id "
        "WHERE m.joined_on <= ?1 AND (m.left_on IS NULL OR m.left_on > ?1) "
        "AND p.left_on IS NOT NULL AND p.left_on <= ?1");
    q.bind(1, ctx.at.iso());
    while (q.executeStep())
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("{} is a member, but practice {} left the cluster on {} — record that they left "
                                   "with `klynge member leave`",
                                   q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString())});
    for (auto& p : ctx.practices()) {
        if (p.members == 0)
            out.push_back({std::string(rule.id), Severity::warning,
                           fmt::format("practice {} ({}) has no member doctors — add them with `klynge member add`, "
                                       "or record that the practice left",
                                       p.ydernummer, p.name)});
        else if (p.capacities && p.members < *p.capacities)
            out.push_back({std::string(rule.id), Severity::warning,
                           fmt::format("practice {} ({}) has {} doctor capacities but {} member doctor{} — all of a "
                                       "practice's doctors belong to the cluster",
                                       p.ydernummer, p.name, *p.capacities, p.members, p.members == 1 ? "" : "s")});
    }
}

// [000, 001, 002]: around 30.000 patients recommended; the real range is
// about 17.000–110.000. Outside the policy range: a warning.
void patientRange(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    std::int64_t total = 0;
    std::vector<std::string> uncounted;
    auto practices = ctx.practices();
    if (practices.empty()) return;
    for (auto& p : practices) {
        if (p.patients) total += *p.patients;
        else uncounted.push_back(p.ydernummer);
    }
    if (!uncounted.empty())
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("no patient count on or before {} for practice {} — record one with `klynge "
                                   "practice set YDERNR --patients N --as-of DATE`",
                                   ctx.at.iso(), fmt::join(uncounted, ", "))});
    auto min = ctx.config.integer("policy.patients_min");
    auto max = ctx.config.integer("policy.patients_max");
    if (total < min || total > max)
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("the cluster has {} registered patients, outside the usual {}–{} — check the "
                                   "practices' counts (policy.patients_min/max in klynge.toml)",
                                   total, min, max)});
}

// [000 §7]: a suppleant who took over holds the post until the next
// ordinary general assembly elects a coordinator.
void actingCoordinatorNamed(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    std::optional<RoleAssignment> coordinator, suppleant;
    for (auto& a : listRoles(ctx.store, ctx.at)) {
        if (a.role == "koordinator") coordinator = a;
        if (a.role == "suppleant") suppleant = a;
    }
    if (coordinator && suppleant && coordinator->memberId && coordinator->memberId == suppleant->memberId)
        out.push_back({std::string(rule.id), Severity::warning,
                       fmt::format("{} is acting coordinator as the suppleant since {} [000 §7] — the next ordinary "
                                   "general assembly elects a coordinator (or call an extraordinary one)",
                                   coordinator->holder, coordinator->from.iso())});
}

// DANISH.md rule 6: the documents name the municipality officially, from the
// table of the 98; a name that is not in it (a workspace made before init
// checked it) is printed as written.
void knownMunicipality(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const auto name = ctx.config.text("cluster.municipality");
    if (findMunicipality(name)) return;
    const auto near = closestMunicipality(name);
    out.push_back({std::string(rule.id), Severity::warning,
                   near ? fmt::format("cluster.municipality \"{}\" in klynge.toml is not a Danish municipality — did "
                                      "you mean {}? The documents print it as written",
                                      name, *near)
                        : fmt::format("cluster.municipality \"{}\" in klynge.toml is not one of the 98 Danish "
                                      "municipalities — correct it; the documents print it as written",
                                      name)});
}

// [000]: a cluster being founded gets its grant only when the founding
// assembly, the bylaws, the bank and the CVR number are in place, and
// registers at KiAP after the CVR. One warning while steps are open.
void foundingSteps(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    if (!beingFounded(ctx.config)) return;
    std::vector<std::string> open;
    for (auto& s : foundingChecklist(ctx.store, ctx.config, ctx.at))
        if (s.state == FoundingStep::State::open) open.emplace_back(s.what);
    if (open.empty()) return;
    out.push_back({std::string(rule.id), Severity::warning,
                   fmt::format("the cluster is being founded; still open: {} — the grant is paid once the founding "
                               "assembly, the bylaws, the bank account and the CVR number are in place "
                               "(`klynge status` shows each step)",
                               fmt::join(open, "; "))});
}

constexpr std::array rules{
    CheckRule{"cluster.founding", "a cluster being founded: the founding steps before the grant (warning)", "[000]",
              foundingSteps},
    CheckRule{"cluster.acting-coordinator", "the suppleant as acting coordinator until an election (warning)",
              "[000 §7]", actingCoordinatorNamed},
    CheckRule{"cluster.coordinator", "exactly one coordinator at any date after founding", "[001]",
              exactlyOneCoordinator},
    CheckRule{"cluster.practice-together", "a practice's doctors are members together", "[000]", practiceTogether},
    CheckRule{"cluster.patients", "registered patients within the usual range", "[000, 001, 002]", patientRange},
    CheckRule{"cluster.municipality", "the municipality is one of the 98, so documents name it officially",
              "[000]", knownMunicipality},
};

} // namespace

std::span<const CheckRule> clusterRules() { return rules; }

} // namespace klynge
