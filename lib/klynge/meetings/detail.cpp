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

} // namespace klynge::detail
