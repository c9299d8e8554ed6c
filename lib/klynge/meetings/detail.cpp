// Helpers shared by the meeting record files.
#include "klynge/meetings/detail.hpp"

#include "klynge/text/error.hpp"
#include "klynge/meetings/mail.hpp"

#include <fmt/format.h>

namespace klynge::detail {

std::optional<Date> optionalDate(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return Date::parse(c.getString());
}

std::string oneLine(std::string_view what, const std::string& value, std::size_t maxChars) {
    refuseHeaderInjection(what, value);
    return checkedText(value, what, maxChars);
}

void refuseIfOver(const Meeting& m, std::string_view doing) {
    if (m.status == MeetingStatus::aflyst)
        throw RuleViolation(fmt::format("meeting #{} was cancelled on {} — {} is not possible", m.number,
                                        m.cancelledOn ? m.cancelledOn->iso() : "?", doing));
}

std::optional<std::string> noticeProblem(const Meeting& m, const MeetingPolicy& policy, Date sentOn) {
    auto n = checkNotice(m.type, sentOn, m.start.date, policy);
    if (!n || n->ok) return std::nullopt;
    return fmt::format("the notice is {} day{} but a general assembly needs at least {} (policy.notice_days, "
                       "standard bylaws §4): the earliest date is {}",
                       n->days, n->days == 1 ? "" : "s", n->required, n->earliestMeeting.iso());
}

void refuseIfDraft(const Meeting& m, std::string_view doing) {
    if (m.status == MeetingStatus::kladde)
        throw RuleViolation(fmt::format("meeting #{} is a draft and not called yet — {} waits until it is sent: "
                                        "`klynge meeting send {}` calls it",
                                        m.number, doing, m.number));
}

} // namespace klynge::detail
