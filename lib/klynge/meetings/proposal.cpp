// Proposal records [000 §5]: "Forslag, der ønskes behandlet, skal være
// bestyrelsen i hænde senest 14 dage før generalforsamlingen" (policy.proposal_days).
#include "klynge/meetings/meeting.hpp"
#include "klynge/meetings/detail.hpp"

#include "klynge/people/member.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

namespace klynge {
namespace {

std::vector<Proposal> query(Store& store, const Config& config, std::optional<std::int64_t> meetingId) {
    const auto policy = MeetingPolicy::from(config);
    auto q = store.prepared(
        std::string("SELECT p.id, p.number, m.number, p.text, coalesce(x.name, '(glemt #' || x.number "
                    "|| ')', p.proposer_name), p.received_on, substr(m.starts_at, 1, 10) FROM "
                    "proposal p JOIN meeting m ON m.id = p.meeting_id LEFT JOIN member x ON x.id = "
                    "p.proposer_member_id") +
        (meetingId ? " WHERE p.meeting_id = ?" : "") + " ORDER BY m.starts_at, p.received_on, p.number");
    if (meetingId) q.bind(1, *meetingId);
    std::vector<Proposal> out;
    while (q.executeStep()) {
        Proposal p;
        p.id = q.getColumn(0).getInt64();
        p.number = q.getColumn(1).getInt64();
        p.meetingNumber = q.getColumn(2).getInt64();
        p.text = q.getColumn(3).getString();
        p.proposer = q.getColumn(4).getString();
        p.received = Date::parse(q.getColumn(5).getString());
        p.deadline = proposalsDeadline(Date::parse(q.getColumn(6).getString()), policy);
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

Proposal recordProposal(Store& store, const Config& config, std::int64_t meetingId, const std::string& text,
                        const std::string& proposer, Date received, Date today) {
    auto m = getMeeting(store, meetingId);
    detail::refuseIfOver(m, "a proposal");
    if (!isGeneralAssembly(m.type))
        throw RuleViolation(fmt::format("meeting #{} is a {} — proposals are for a general assembly", m.number,
                                        meetingTypeName(m.type)));
    detail::oneLine("TEXT", text, text_limit::note);
    if (received > today || received > m.start.date)
        throw InvalidValue(fmt::format("--received {} is after today ({}) or the assembly ({}) — give the day the "
                                       "proposal reached the board",
                                       received.iso(), today.iso(), m.start.date.iso()));
    auto member = findMember(store, proposer);
    if (!member.activeAt(received))
        throw RuleViolation(fmt::format("{} is not a member on {} — proposals come from members [000 §5]",
                                        member.name, received.iso()));
    auto q = store.prepared("INSERT INTO proposal(id, number, meeting_id, text, proposer_member_id, "
                            "received_on, recorded_on) VALUES (klynge_id(), (SELECT coalesce(max(number), 0) "
                            "+ 1 FROM proposal), ?, ?, ?, ?, ?)");
    q.bind(1, meetingId);
    q.bind(2, text);
    q.bind(3, member.id);
    q.bind(4, received.iso());
    q.bind(5, today.iso());
    q.exec();
    const auto id = store.db().getLastInsertRowid();
    for (auto& p : query(store, config, meetingId))
        if (p.id == id) return p;
    throw StorageError("the proposal just recorded is missing — run `klynge check`");
}

std::vector<Proposal> meetingProposals(Store& store, const Config& config, std::int64_t meetingId) {
    return query(store, config, meetingId);
}

std::vector<Proposal> listProposals(Store& store, const Config& config) { return query(store, config, std::nullopt); }

} // namespace klynge
