#include "klynge/people/role.hpp"

#include "klynge/text/collate.hpp"
#include "klynge/text/error.hpp"
#include "klynge/people/member.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

namespace klynge {
namespace {

constexpr std::array roleSpecs{
    RoleSpec{"koordinator", true, false, "[001]: signs for the cluster; exactly one"},
    RoleSpec{"medkoordinator", false, false, "[000, 001]"},
    RoleSpec{"bestyrelse", false, false, "[001]: 1–4 members is common"},
    RoleSpec{"kasserer", true, false, "[001]"},
    RoleSpec{"sekretær", true, true, "[001]: may be a non-member such as a clinic secretary"},
    RoleSpec{"suppleant", true, false, "[000 §7]: substitute for the coordinator"},
    RoleSpec{"klyngeansvarlig", false, false, "[000]: one contact person per practice"},
};

constexpr const char* assignmentColumns =
    "SELECT r.id, r.role, r.member_id, coalesce(m.name, r.external_name, '(glemt #' || m.number || ')'), "
    "coalesce(p.ydernummer, ''), r.from_date, r.to_date FROM role_assignment r "
    "LEFT JOIN member m ON m.id = r.member_id LEFT JOIN practice p ON p.id = m.practice_id";

RoleAssignment readAssignment(SQLite::Statement& q) {
    RoleAssignment a;
    a.id = q.getColumn(0).getInt64();
    a.role = q.getColumn(1).getString();
    if (!q.getColumn(2).isNull()) a.memberId = q.getColumn(2).getInt64();
    a.holder = q.getColumn(3).getString();
    a.ydernummer = q.getColumn(4).getString();
    a.from = Date::parse(q.getColumn(5).getString());
    if (!q.getColumn(6).isNull()) a.to = Date::parse(q.getColumn(6).getString());
    return a;
}

std::vector<RoleAssignment> query(Store& store, const std::string& where, const std::vector<std::string>& args) {
    auto q = store.prepared(fmt::format("{} {}", assignmentColumns, where));
    for (std::size_t i = 0; i < args.size(); ++i) q.bind(static_cast<int>(i + 1), args[i]);
    std::vector<RoleAssignment> out;
    while (q.executeStep()) out.push_back(readAssignment(q));
    return out;
}

bool overlaps(const RoleAssignment& a, Date from, std::optional<Date> to) {
    bool startsBeforeEnd = !to || a.from <= *to;
    bool endsAfterStart = !a.to || *a.to >= from;
    return startsBeforeEnd && endsAfterStart;
}

std::string period(Date from, std::optional<Date> to) {
    return to ? fmt::format("{} – {}", from.iso(), to->iso()) : fmt::format("from {}", from.iso());
}

std::string holderWhere(const RoleHolder& h) {
    return h.memberId ? fmt::format("r.member_id = {}", *h.memberId) : "r.external_name = ?2";
}

// ?1 is the role; ?2 the external holder's name when there is one.
std::vector<std::string> holderArgs(std::string_view role, const RoleHolder& h) {
    if (h.memberId) return {std::string(role)};
    return {std::string(role), h.externalName};
}

} // namespace

const RoleSpec& findRole(std::string_view name) {
    for (auto& r : roleSpecs)
        if (r.name == name || (name == "sekretaer" && r.name == "sekretær")) return r;
    std::vector<std::string_view> names;
    for (auto& r : roleSpecs) names.push_back(r.name);
    throw InvalidValue(fmt::format("unknown role \"{}\" — use one of {}", name, fmt::join(names, ", ")));
}

AssignResult assignRole(Store& store, std::string_view roleName, const RoleHolder& holder, Date from,
                        std::optional<Date> to) {
    const RoleSpec& role = findRole(roleName);
    if (to && *to < from)
        throw InvalidValue(fmt::format("--to {} is before --from {} — give a later end date", to->iso(), from.iso()));
    std::string roleText(role.name);
    if (!holder.memberId && !role.externalAllowed)
        throw RuleViolation(fmt::format("the {} must be a member — give a member's id or e-mail", role.name));
    if (holder.memberId) {
        Member m = memberById(store, *holder.memberId);
        // The role may start before the member was recorded in klynge, but
        // not after they left.
        if (m.left && *m.left <= from)
            throw RuleViolation(fmt::format("{} left the cluster on {} — a role needs a member", m.name,
                                            m.left->iso()));
    }
    for (auto& a : query(store, "WHERE r.role = ?1 AND " + holderWhere(holder) + " ORDER BY r.from_date",
                         holderArgs(roleText, holder)))
        if (overlaps(a, from, to))
            throw RuleViolation(fmt::format("{} already holds the role {} ({}) — nothing to assign",
                                            a.holder, role.name, period(a.from, a.to)));
    AssignResult result;
    if (role.singleHolder) {
        for (auto& a : query(store, "WHERE r.role = ?1 ORDER BY r.from_date", {roleText})) {
            if (!overlaps(a, from, to)) continue;
            // Succession: an open-ended holder who started earlier hands over
            // the day before to a new open-ended holder. A limited (interim)
            // assignment inside someone's term is refused below.
            if (!to && !a.to && a.from < from) {
                auto end = store.prepared("UPDATE role_assignment SET to_date = ? WHERE id = ?");
                end.bind(1, from.addDays(-1).iso());
                end.bind(2, a.id);
                end.exec();
                a.to = from.addDays(-1);
                result.succeeded = a;
                continue;
            }
            throw RuleViolation(fmt::format("{} holds the role {} ({}) and there can be only one — end that "
                                            "assignment first with `klynge role end`",
                                            a.holder, role.name, period(a.from, a.to)));
        }
    }
    auto ins = store.prepared("INSERT INTO role_assignment(id, role, member_id, external_name, from_date, to_date) "
                              "VALUES (klynge_id(), ?, ?, ?, ?, ?)");
    ins.bind(1, roleText);
    if (holder.memberId) ins.bind(2, *holder.memberId);
    else ins.bind(3, checkedPersonName(holder.externalName));
    ins.bind(4, from.iso());
    if (to) ins.bind(5, to->iso());
    ins.exec();
    result.assignment =
        query(store, fmt::format("WHERE r.id = {}", store.db().getLastInsertRowid()), {}).front();
    return result;
}

RoleAssignment endRole(Store& store, std::string_view roleName, const RoleHolder& holder, Date to) {
    const RoleSpec& role = findRole(roleName);
    auto open = query(store, "WHERE r.role = ?1 AND r.to_date IS NULL AND " + holderWhere(holder),
                      holderArgs(role.name, holder));
    if (open.empty())
        throw RuleViolation(fmt::format("no open {} assignment for that person — `klynge role list` shows who holds "
                                        "what",
                                        role.name));
    auto a = open.front();
    if (to < a.from)
        throw InvalidValue(fmt::format("--date {} is before the assignment began ({}) — give a later date", to.iso(),
                                       a.from.iso()));
    auto q = store.prepared("UPDATE role_assignment SET to_date = ? WHERE id = ?");
    q.bind(1, to.iso());
    q.bind(2, a.id);
    q.exec();
    a.to = to;
    return a;
}

std::vector<RoleAssignment> listRoles(Store& store, std::optional<Date> at) {
    auto out = at ? query(store, "WHERE r.from_date <= ?1 AND (r.to_date IS NULL OR r.to_date >= ?1)", {at->iso()})
                  : query(store, "", {});
    auto rank = [](const std::string& role) {
        for (std::size_t i = 0; i < roleSpecs.size(); ++i)
            if (roleSpecs[i].name == role) return i;
        return roleSpecs.size();
    };
    std::stable_sort(out.begin(), out.end(), [&](const RoleAssignment& a, const RoleAssignment& b) {
        if (rank(a.role) != rank(b.role)) return rank(a.role) < rank(b.role);
        if (a.from != b.from) return a.from < b.from;
        return danishLess(a.holder, b.holder);
    });
    return out;
}

std::vector<RoleAssignment> rolesOf(Store& store, std::int64_t memberId) {
    return query(store, fmt::format("WHERE r.member_id = {} ORDER BY r.from_date, r.id", memberId), {});
}

} // namespace klynge
