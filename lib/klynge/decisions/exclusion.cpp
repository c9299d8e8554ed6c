// Exclusion of a member [000 §10; 001 §10]: "der skal foreligge
// dokumentation for medlemmets manglende overholdelse" and the member must
// "i tide er blevet varslet". The vote itself is a qualified-majority motion
// (store.cpp); this names the member, keeps the documentation and the
// warning, and ends the membership when the motion is adopted.
#include "klynge/decisions/vote.hpp"

#include "klynge/people/member.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

namespace klynge {

void checkExclusion(Store& store, const MotionRequest& r, Date meetingDay) {
    const bool names = !r.excludedMember.empty();
    if (r.kind != MotionKind::exclusion) {
        if (names || !r.documentation.empty() || r.warnedOn)
            throw InvalidValue("--member, --documentation and --warned belong to an exclusion — give --kind "
                               "exclusion, or leave them out");
        return;
    }
    if (!names) return; // an exclusion without a named member only records the vote
    if (r.documentation.empty() || !r.warnedOn)
        throw RuleViolation("an exclusion needs the documentation of the member's breach and the day they were "
                            "warned [001 §10] — give --documentation \"...\" and --warned DATE");
    checkedText(r.documentation, "--documentation", text_limit::note);
    auto member = findMember(store, r.excludedMember);
    if (!member.activeAt(meetingDay))
        throw RuleViolation(fmt::format("{} is not a member on {} — only a member can be excluded", member.name,
                                        meetingDay.iso()));
    if (*r.warnedOn >= meetingDay)
        throw RuleViolation(fmt::format("--warned {} is not before the meeting ({}) — the member must be warned in "
                                        "time before the vote [001 §10]",
                                        r.warnedOn->iso(), meetingDay.iso()));
}

std::string recordExclusion(Store& store, const MotionRequest& r, std::int64_t decisionId, bool adopted,
                            Date meetingDay) {
    if (r.kind != MotionKind::exclusion || r.excludedMember.empty()) return {};
    auto member = findMember(store, r.excludedMember);
    auto q = store.prepared("INSERT INTO exclusion(id, decision_id, member_id, documentation, warned_on) "
                            "VALUES (klynge_id(), ?, ?, ?, ?)");
    q.bind(1, decisionId);
    q.bind(2, member.id);
    q.bind(3, r.documentation);
    q.bind(4, r.warnedOn->iso());
    q.exec();
    if (!adopted) return fmt::format("{} remains a member: the exclusion was not adopted", member.name);
    // The membership ends from the meeting's day (the first day as a non-member).
    leaveMember(store, member.id, meetingDay);
    return fmt::format("{} is excluded: the membership ends on {}", member.name, meetingDay.iso());
}

std::optional<ExclusionRecord> exclusionOf(Store& store, std::int64_t decisionId) {
    auto q = store.prepared("SELECT coalesce(m.name, '(glemt #' || m.number || ')'), x.documentation, "
                            "x.warned_on FROM exclusion x JOIN member m ON m.id = x.member_id WHERE "
                            "x.decision_id = ?");
    q.bind(1, decisionId);
    if (!q.executeStep()) return std::nullopt;
    return ExclusionRecord{q.getColumn(0).getString(), q.getColumn(1).getString(),
                           Date::parse(q.getColumn(2).getString())};
}

} // namespace klynge
