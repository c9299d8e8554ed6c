// Helpers shared by the files that keep meeting records (store.cpp,
// answers.cpp, demand.cpp); not part of the library's interface.
#pragma once

#include "klynge/meetings/meeting.hpp"
#include "klynge/text/validate.hpp"

#include <SQLiteCpp/Column.h>

#include <optional>
#include <string>
#include <string_view>

namespace klynge::detail {

std::optional<Date> optionalDate(const SQLite::Column& c);
// A one-line text value: not blank, without a line break (it may reach an
// e-mail header) or another control character, at most `maxChars`
// characters (text/validate.hpp). Throws InvalidValue naming `what`.
std::string oneLine(std::string_view what, const std::string& value, std::size_t maxChars = text_limit::title);
// Refuses `doing` on a cancelled meeting (RuleViolation).
void refuseIfOver(const Meeting& m, std::string_view doing);

} // namespace klynge::detail
