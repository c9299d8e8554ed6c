// Inviting a member to a meeting already called (issue 15): a doctor who
// joined after the notice went out gets the same invitation — the same
// calendar UID and SEQUENCE, now with them among the ATTENDEEs. RFC 5545
// §3.8.7.4 asks for a higher SEQUENCE when the time, recurrence or status
// changes; an added attendee changes none of these, so the others' copies
// stay current and only the new invitee gets the REQUEST. The invitee row makes
// them part of the answers, the attendance and the reminders like everyone
// called with the meeting.
#include "klynge/meetings/meeting.hpp"
#include "klynge/meetings/detail.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

namespace klynge {

using detail::refuseIfOver;

InviteResult inviteToMeeting(Store& store, const Config& config, std::int64_t meetingId, std::string_view person,
                             Date today) {
    auto m = getMeeting(store, meetingId);
    refuseIfOver(m, "inviting someone to it");
    if (m.status == MeetingStatus::afholdt || today > m.start.date)
        throw RuleViolation(fmt::format("meeting #{} was on {} — an invitation is for a meeting to come", m.number,
                                        m.start.date.iso()));
    auto member = findMember(store, person);
    if (member.forgotten)
        throw RuleViolation(fmt::format("member #{} was forgotten on {} — there is nobody to invite; a new doctor is "
                                        "added with `klynge member add`",
                                        member.number, member.forgotten->iso()));
    // The member must belong to the cluster on the meeting's day: a doctor
    // who left is not invited as a member (a guest is invited at the call).
    if (!member.activeAt(m.start.date))
        throw RuleViolation(fmt::format("{} is not a member on {} (joined {}{}) — only the cluster's members are "
                                        "invited with `meeting invite`; check the dates with `klynge member show {}`",
                                        member.name, m.start.date.iso(), member.joined.iso(),
                                        member.left ? fmt::format(", left {}", member.left->iso()) : std::string(),
                                        member.number));
    auto q = store.prepared("SELECT 1 FROM meeting_invitee WHERE meeting_id = ? AND (member_id = ? OR "
                            "guest_email = ?)");
    q.bind(1, meetingId);
    q.bind(2, member.id);
    q.bind(3, member.email);
    if (q.executeStep())
        throw RuleViolation(fmt::format("{} is already invited to meeting #{} — `klynge meeting show {}` lists the "
                                        "invitees; `klynge meeting send {}` sends the invitation to anyone who has "
                                        "not got it",
                                        member.name, m.number, m.number, m.number));

    auto add = store.prepared("INSERT INTO meeting_invitee(id, meeting_id, member_id) VALUES (klynge_id(), ?, ?)");
    add.bind(1, meetingId);
    add.bind(2, member.id);
    add.exec();
    const auto inviteeId = store.db().getLastInsertRowid();

    InviteResult result;
    result.meeting = m;
    for (auto& i : meetingInvitees(store, config, meetingId))
        if (i.id == inviteeId) result.invitee = i;
    // [000 §4]: the bylaws' notice is counted from the day the notice reaches
    // the member; a late joiner may get less. Not refused — the member is
    // entitled to the invitation — but said, so the chair can note it.
    const auto policy = MeetingPolicy::from(config);
    if (auto n = checkNotice(m.type, today, m.start.date, policy); n && !n->ok)
        result.warnings.push_back(fmt::format("{} gets {}' notice; a general assembly is called at least {} days "
                                              "before (standard bylaws §4) — the other members were called on {}",
                                              member.name, n->days == 1 ? std::string("1 day") : fmt::format("{} days", n->days), n->required,
                                              m.calledOn.iso()));
    if (m.respondBy && today > *m.respondBy)
        result.warnings.push_back(fmt::format("the response deadline {} has passed — {}'s answer will be marked late",
                                              m.respondBy->iso(), member.name));
    return result;
}

} // namespace klynge
