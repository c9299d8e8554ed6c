// Calendar invitations (iCalendar, RFC 5545; scheduling methods, RFC 5546)
// that Outlook, Apple Calendar and Google Calendar accept: one VEVENT with a
// stable UID, SEQUENCE bumped on every change, times in Europe/Copenhagen
// with the VTIMEZONE that defines it, CRLF lines folded at 75 octets.
#pragma once

#include "klynge/text/danish_time.hpp"
#include "klynge/text/date.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

enum class IcsMethod { request, cancel };

struct CalendarPerson {
    std::string name;  // CN; may be empty
    std::string email; // a validated address
};

struct CalendarEvent {
    IcsMethod method = IcsMethod::request;
    std::string uid;
    int sequence = 0;
    std::chrono::sys_seconds stamp{}; // DTSTAMP: when this version was issued
    LocalDateTime start;
    LocalDateTime end;
    std::string summary;
    std::string location;
    std::string description; // plain text, may hold line breaks
    std::string url;         // URL (RFC 5545 §3.8.4.6), a URI: not TEXT-escaped; empty for none
    CalendarPerson organizer;
    std::vector<CalendarPerson> attendees; // each gets RSVP=TRUE
};

// The whole VCALENDAR (METHOD:REQUEST or METHOD:CANCEL), CRLF line ends.
std::string renderCalendar(const CalendarEvent& event);

// RFC 5545 §3.3.11 TEXT escaping: backslash, semicolon, comma, line breaks.
std::string escapeIcsText(std::string_view text);
// RFC 5545 §3.1: a content line longer than 75 octets is folded (CRLF and a
// space); a fold never splits a UTF-8 sequence. Returns the line with CRLF.
std::string foldIcsLine(std::string_view line);
// The VTIMEZONE for Europe/Copenhagen (EU rule since 1996).
std::string_view copenhagenVtimezone();

std::string_view icsMethodName(IcsMethod m);

// A day in a calendar to import (a year's deadlines, the public holidays):
// an all-day VEVENT with a reminder `remindDaysBefore` days ahead (none at 0).
struct AllDayEntry {
    std::string uid; // stable, so importing the file again updates, not duplicates
    Date date;
    std::string summary;
    std::string description;
    int remindDaysBefore = 0;
};
// The whole VCALENDAR, without METHOD (not a scheduling message: a file to
// import), named `name` for the calendar application (X-WR-CALNAME).
std::string renderDayCalendar(std::string_view name, const std::vector<AllDayEntry>& entries,
                              std::chrono::sys_seconds stamp);

} // namespace klynge
