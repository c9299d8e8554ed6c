// Written demands for an extraordinary general assembly [000 §4]: who
// signed, whether they are enough, and the deadlines they set.
#include "klynge/meetings/meeting.hpp"
#include "klynge/meetings/detail.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace klynge {

using detail::oneLine;
using detail::optionalDate;

ExtraordinaryDemand recordDemand(Store& store, const Config& config, const std::vector<std::string>& signers,
                                 Date received, const std::string& subject, Date today) {
    oneLine("--subject", subject);
    if (received > today)
        throw InvalidValue(fmt::format("--date {} is in the future — give the date the demand was received",
                                       received.iso()));
    const auto policy = MeetingPolicy::from(config);
    std::vector<Member> base;
    for (auto& m : listMembers(store, {received, false, std::nullopt}))
        if (countsForDemand(m.position)) base.push_back(m);
    std::set<std::int64_t> ids;
    for (auto& who : signers) {
        auto m = findMember(store, who);
        bool counted = std::any_of(base.begin(), base.end(), [&](const Member& b) { return b.id == m.id; });
        if (!counted)
            throw RuleViolation(fmt::format("{} was not a member with a seat at the general assembly on {} — only "
                                            "members can demand an extraordinary assembly (doctors in training "
                                            "observe)",
                                            m.name, received.iso()));
        ids.insert(m.id);
    }
    const int members = static_cast<int>(base.size());
    const int needed = signersNeeded(members, policy);
    if (static_cast<int>(ids.size()) < needed)
        throw RuleViolation(fmt::format("{} of {} members demand it, but the bylaws need at least {} % ({} member{}) "
                                        "(policy.extraordinary_share_percent, standard bylaws §4) — collect more "
                                        "signatures and give each with --by",
                                        ids.size(), members, policy.extraordinarySharePercent, needed,
                                        needed == 1 ? "" : "s"));
    auto q = store.prepared("INSERT INTO extraordinary_demand(id, received_on, subject, members_counted, "
                            "recorded_on) VALUES (klynge_id(), ?, ?, ?, ?)");
    q.bind(1, received.iso());
    q.bind(2, subject);
    q.bind(3, members);
    q.bind(4, today.iso());
    q.exec();
    auto id = store.db().getLastInsertRowid();
    for (auto member : ids) {
        auto s = store.prepared(
            "INSERT INTO extraordinary_demand_member(id, demand_id, member_id) VALUES (klynge_id(), ?, ?)");
        s.bind(1, id);
        s.bind(2, member);
        s.exec();
    }
    for (auto& d : listDemands(store, config))
        if (d.id == id) return d;
    throw StorageError("the demand just recorded is missing — run `klynge check`");
}

std::vector<ExtraordinaryDemand> listDemands(Store& store, const Config& config) {
    const auto policy = MeetingPolicy::from(config);
    auto q = store.prepared("SELECT d.id, d.received_on, d.subject, d.members_counted, m.id, m.starts_at, m.called_on, "
                            "m.status FROM extraordinary_demand d LEFT JOIN meeting m ON m.id = d.meeting_id AND "
                            "m.status <> 'aflyst' ORDER BY d.received_on, d.id");
    std::vector<ExtraordinaryDemand> out;
    while (q.executeStep()) {
        ExtraordinaryDemand d;
        d.id = q.getColumn(0).getInt64();
        d.received = Date::parse(q.getColumn(1).getString());
        d.subject = q.getColumn(2).getString();
        d.members = q.getColumn(3).getInt();
        if (!q.getColumn(4).isNull()) {
            d.meetingId = q.getColumn(4).getInt64();
            d.meetingStart = LocalDateTime::parse(q.getColumn(5).getString());
            d.meetingCalledOn = Date::parse(q.getColumn(6).getString());
            d.meetingStatus = parseMeetingStatus(q.getColumn(7).getString());
        }
        d.deadlines = demandDeadlines(d.received, policy);
        out.push_back(std::move(d));
    }
    auto s = store.prepared("SELECT coalesce(m.name, '(glemt #' || m.number || ')') FROM "
                            "extraordinary_demand_member x JOIN member m ON m.id = x.member_id "
                            "WHERE x.demand_id = ? ORDER BY m.id");
    for (auto& d : out) {
        s.reset();
        s.bind(1, d.id);
        while (s.executeStep()) d.signers.push_back(s.getColumn(0).getString());
    }
    return out;
}

} // namespace klynge
