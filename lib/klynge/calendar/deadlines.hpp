// Statutory deadlines of a cluster's year: SKAT's B-income deadline, the KiAP
// roster, the grant's census and payment, the general assembly in Q1.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/text/date.hpp"

#include <string>
#include <vector>

namespace klynge {

// When B-income paid in `month` of `year` must be reported to eIndkomst
// (indkomstregisterloven § 4, stk. 1): the 10th of the next month; for
// December payouts 17 January. A deadline on a Saturday, Sunday or public
// holiday moves to the next weekday; bank closing days move it only when
// `bankClosingDaysMove` (skat.bank_closing_days_move_deadline).
Date bIncomeDeadline(int year, unsigned month, bool bankClosingDaysMove = false);

struct CalendarEntry {
    Date date;
    std::string what;   // for the terminal (English, as the CLI)
    std::string source;
    // The calendar event a member imports is a document (DANISH.md rule 1):
    // its title and text in Danish, with no setting names or commands.
    std::string summary;
    std::string description;
    bool bIncome = false; // SKAT's monthly deadline: due only when something was paid that month
    bool paid = false;    // with bIncome: B-income was paid in the month (calendarWithPayouts)
    // What the day is in the cluster's year (klynge calendar's KIND): a
    // statutory deadline, a planning item of the årshjul, or a meeting.
    std::string kind = "deadline";
};

// Every statutory deadline falling in `year`, by date.
std::vector<CalendarEntry> statutoryCalendar(int year, const Config& config);

} // namespace klynge
