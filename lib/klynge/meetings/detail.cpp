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

std::string oneLine(std::string_view what, const std::string& value) {
    refuseHeaderInjection(what, value);
    auto first = value.find_first_not_of(' ');
    if (first == std::string::npos)
        throw InvalidValue(fmt::format("{} is empty — give a text", what));
    return value;
}

void refuseIfOver(const Meeting& m, std::string_view doing) {
    if (m.status == MeetingStatus::aflyst)
        throw RuleViolation(fmt::format("meeting #{} was cancelled on {} — {} is not possible", m.number,
                                        m.cancelledOn ? m.cancelledOn->iso() : "?", doing));
}

} // namespace klynge::detail
