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
// [000 §4]: what is wrong with a general assembly's notice sent on `sentOn`,
// if anything (the message call and send refuse with).
std::optional<std::string> noticeProblem(const Meeting& m, const MeetingPolicy& policy, Date sentOn);
// Refuses `doing` on a draft (issue 15): nobody is invited until it is sent.
void refuseIfDraft(const Meeting& m, std::string_view doing);
// [002]: the practice that hosts the meeting, by ydernummer or name (any
// case), a practice of the cluster on the meeting's day (RuleViolation).
void setHost(Store& store, Meeting& m, const std::string& host);

} // namespace klynge::detail
