// The cluster's year at a glance (årshjul, issue 15 §6; klynge-calendar(1)):
// the statutory deadlines, and the cluster's own planning items with dates
// derived from its policy and records — the accounts closed and the budget
// ready in time for the ordinary assembly's notice [000 §8, 001 §13], the
// honoraria its contracts pay [001 §9: "Planlæg gerne efter faste tidspunkter
// for udbetaling af honorarer"], and its meetings. SKAT's monthly deadline is
// listed only for a month with B-income paid or a contract's payout due.
#pragma once

#include "klynge/calendar/deadlines.hpp"
#include "klynge/store/store.hpp"

#include <vector>

namespace klynge {

std::vector<CalendarEntry> yearWheel(Store& store, const Config& config, int year, Date today);

} // namespace klynge
