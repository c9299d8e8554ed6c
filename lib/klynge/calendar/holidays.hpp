// Danish public holidays (helligdage) and bank closing days, computed from
// Easter (DOMAIN.md, "Honoraria and SKAT"). A table with its source, not an
// if chain.
#pragma once

#include "klynge/text/date.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace klynge {

// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm).
Date easterSunday(int year);

struct Holiday {
    Date date;
    std::string_view name; // Danish: "Langfredag"
};

// The public holidays of a year, in date order; Store Bededag only up to
// 2023 (it was abolished as a public holiday from 2024).
std::vector<Holiday> publicHolidays(int year);
std::optional<std::string_view> publicHoliday(Date d);

// Days the banks are closed that are not public holidays: the Friday after
// Ascension, Grundlovsdag (5 June), 24 and 31 December.
std::optional<std::string_view> bankClosingDay(Date d);

// A weekday (hverdag): Monday–Friday and not a public holiday; with
// `bankDays`, bank closing days do not count as weekdays either.
bool isWeekday(Date d, bool bankDays = false);
// `d` itself when it is a weekday, else the next one.
Date onOrNextWeekday(Date d, bool bankDays = false);

} // namespace klynge
