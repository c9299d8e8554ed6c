// Wall-clock time in Denmark (Europe/Copenhagen). Meeting times are local
// Danish time (DESIGN.md, "Input and output"); the UTC offset is computed
// from the EU summer-time rule here, never from the machine's TZ database.
#pragma once

#include "klynge/text/date.hpp"

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

namespace klynge {

struct LocalDateTime {
    Date date;
    int hour = 0;
    int minute = 0;

    // "2026-02-20 17:00" (also "2026-02-20T17:00" and the Danish date forms
    // "20.02.2026 17:00"). Throws InvalidValue naming the text and the form.
    static LocalDateTime parse(std::string_view text);
    // "17:00" or "17.00" on a given date.
    static LocalDateTime parseTimeOn(Date date, std::string_view text);

    std::string iso() const;       // 2026-02-20 17:00
    std::string clock() const;     // 17:00
    std::string icsLocal() const;  // 20260220T170000
    int minutesOfDay() const { return hour * 60 + minute; }

    auto operator<=>(const LocalDateTime&) const = default;
    bool operator==(const LocalDateTime&) const = default;
};

// Directive 2000/84/EC: summer time from the last Sunday of March, 01:00 UTC,
// to the last Sunday of October, 01:00 UTC. Denmark: CET (+01:00), CEST (+02:00).
Date lastSundayOf(int year, unsigned month);

// The offset from UTC in minutes (60 or 120) of a Danish wall-clock time.
// A time in the hour skipped in spring (02:00–02:59 on the last Sunday of
// March) does not exist: InvalidValue. A time in the hour repeated in autumn
// means its first occurrence (summer time), as RFC 5545 §3.3.5 reads it.
int copenhagenOffsetMinutes(const LocalDateTime& t);

// The instant of a Danish wall-clock time.
std::chrono::sys_seconds toUtc(const LocalDateTime& t);

// UTC instants as text: "2026-02-20T16:00:00Z" and the iCalendar form
// "20260220T160000Z"; RFC 5322 "Fri, 20 Feb 2026 16:00:00 +0000".
std::string utcIso(std::chrono::sys_seconds t);
std::string utcIcs(std::chrono::sys_seconds t);
std::string rfc5322Date(std::chrono::sys_seconds t);
// Parses utcIso's form back (stored timestamps).
std::chrono::sys_seconds parseUtcIso(std::string_view text);
std::chrono::sys_seconds utcNow();

} // namespace klynge
