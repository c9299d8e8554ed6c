// The coordinator changes (handover.hpp).
#include "klynge/honoraria/handover.hpp"

#include "klynge/money/ledger.hpp"
#include "klynge/people/member.hpp"
#include "klynge/store/templates.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

namespace klynge {
namespace {

std::optional<RoleAssignment> holderOf(Store& store, std::string_view role, Date d) {
    for (auto& a : listRoles(store, d))
        if (a.role == role) return a;
    return std::nullopt;
}

} // namespace

std::optional<RoleAssignment> actingCoordinator(Store& store, Date d) {
    auto coordinator = holderOf(store, "koordinator", d);
    auto suppleant = holderOf(store, "suppleant", d);
    if (coordinator && suppleant && coordinator->memberId && coordinator->memberId == suppleant->memberId)
        return coordinator;
    return std::nullopt;
}

Handover handOverCoordinator(Store& store, const Config& config, const WorkspacePaths& paths,
                             std::string_view incoming, Date lastDay, Date today) {
    auto member = findMember(store, std::string(incoming));
    auto current = holderOf(store, "koordinator", lastDay);
    if (!current)
        throw RuleViolation(fmt::format("no coordinator on {} — nobody to hand over from; assign one with `klynge "
                                        "role assign koordinator {} --from DATE`",
                                        lastDay.iso(), incoming));
    if (current->memberId == member.id)
        throw RuleViolation(fmt::format("{} is the coordinator on {} already — hand over to someone else",
                                        member.name, lastDay.iso()));
    if (current->to && *current->to < lastDay)
        throw RuleViolation(fmt::format("{}'s term as coordinator ends on {} — give --date on or before it",
                                        current->holder, current->to->iso()));
    Handover out;
    const Date first = lastDay.addDays(1);
    if (!current->to || *current->to > lastDay) {
        if (current->to)
            throw RuleViolation(fmt::format("{}'s term as coordinator is set to end on {} — end it with `klynge role "
                                            "end` first, or hand over on that day",
                                            current->holder, current->to->iso()));
        out.outgoing = endRole(store, "koordinator", {current->memberId, current->memberId ? "" : current->holder},
                               lastDay);
    } else {
        out.outgoing = *current;
    }
    out.incoming = assignRole(store, "koordinator", {member.id, {}}, first, std::nullopt).assignment;
    auto suppleant = holderOf(store, "suppleant", first);
    out.acting = suppleant && suppleant->memberId == member.id;

    // A contract ends with the role it pays for (DOMAIN.md).
    if (out.outgoing.memberId) {
        auto q = store.prepared("SELECT id FROM payee WHERE member_id = ?");
        q.bind(1, *out.outgoing.memberId);
        if (q.executeStep())
            for (const auto& c : contractsOf(store, q.getColumn(0).getInt64(), lastDay)) {
                if (c.role != "koordinator") continue;
                out.ended.push_back(c.to && *c.to == lastDay ? c : endContract(store, c.id, lastDay));
            }
    }

    using kainjow::mustache::data;
    data d;
    d.set("klynge", config.clusterName());
    if (auto cvr = config.optionalText("cluster.cvr"); cvr && !cvr->empty()) d.set("klynge_cvr", *cvr);
    d.set("fra", out.outgoing.holder);
    d.set("til", out.incoming.holder);
    d.set("sidste_dag", lastDay.danishLong());
    d.set("foerste_dag", first.danishLong());
    d.set("dato", today.danishLong());
    if (out.acting) d.set("fungerende", true);
    if (financeModel(config) == FinanceModel::plo) d.set("plo", true);
    data contracts(data::type::list);
    for (const auto& c : out.ended) {
        data k;
        k.set("nummer", std::to_string(c.number));
        contracts.push_back(k);
    }
    d.set("kontrakter", contracts);
    out.text = singleBlankLines(renderDocument("overdragelse-koordinator.md.mustache",
                                               loadTemplate(paths.root, "overdragelse-koordinator.md.mustache"), d));
    out.document = fmt::format("documents/skift-af-koordinator-{}.md", first.iso());
    return out;
}

} // namespace klynge
