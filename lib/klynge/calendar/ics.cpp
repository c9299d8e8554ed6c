#include "klynge/calendar/ics.hpp"

#include <fmt/format.h>

namespace klynge {
namespace {

// RFC 5545 §3.2: a parameter value with ':', ';' or ',' must be quoted, and a
// quoted value cannot hold DQUOTE or control characters. Names are always
// quoted; a double quote in a name becomes a single one.
std::string quotedParam(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '\'';
        else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
    }
    return out + "\"";
}

std::string person(std::string_view property, const CalendarPerson& p, std::string_view extra) {
    std::string line(property);
    if (!p.name.empty()) line += ";CN=" + quotedParam(p.name);
    line += extra;
    return line + ":mailto:" + p.email;
}

// A UTF-8 continuation byte has the top bits 10.
bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

} // namespace

std::string_view icsMethodName(IcsMethod m) { return m == IcsMethod::request ? "REQUEST" : "CANCEL"; }

std::string escapeIcsText(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\r':
            if (i + 1 < text.size() && text[i + 1] == '\n') break; // CRLF: the LF makes the break
            out += "\\n";
            break;
        case '\n': out += "\\n"; break;
        default:
            // Other control characters are not allowed in TEXT.
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
        }
    }
    return out;
}

std::string foldIcsLine(std::string_view line) {
    std::string out;
    std::size_t limit = 75; // octets on the first line; 74 after the leading space
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && continuation(static_cast<unsigned char>(line[cut]))) --cut;
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = 74;
    }
    out.append(line);
    return out + "\r\n";
}

std::string_view copenhagenVtimezone() {
    // DTSTART is the local time of the first change under the old offset:
    // 02:00 CET on the last Sunday of March, 03:00 CEST on the last Sunday
    // of October (both 01:00 UTC).
    return "BEGIN:VTIMEZONE\r\n"
           "TZID:Europe/Copenhagen\r\n"
           "BEGIN:DAYLIGHT\r\n"
           "TZOFFSETFROM:+0100\r\n"
           "TZOFFSETTO:+0200\r\n"
           "TZNAME:CEST\r\n"
           "DTSTART:19700329T020000\r\n"
           "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
           "END:DAYLIGHT\r\n"
           "BEGIN:STANDARD\r\n"
           "TZOFFSETFROM:+0200\r\n"
           "TZOFFSETTO:+0100\r\n"
           "TZNAME:CET\r\n"
           "DTSTART:19701025T030000\r\n"
           "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
           "END:STANDARD\r\n"
           "END:VTIMEZONE\r\n";
}

std::string renderCalendar(const CalendarEvent& e) {
    // Both times must exist in Danish time (throws for the skipped spring hour).
    copenhagenOffsetMinutes(e.start);
    copenhagenOffsetMinutes(e.end);
    const bool cancel = e.method == IcsMethod::cancel;
    std::string out;
    auto line = [&out](std::string_view l) { out += foldIcsLine(l); };
    line("BEGIN:VCALENDAR");
    line(fmt::format("PRODID:-//klynge//klynge {}//DA", KLYNGE_VERSION));
    line("VERSION:2.0");
    line("CALSCALE:GREGORIAN");
    line(fmt::format("METHOD:{}", icsMethodName(e.method)));
    out += copenhagenVtimezone();
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line(fmt::format("SEQUENCE:{}", e.sequence));
    line("DTSTAMP:" + utcIcs(e.stamp));
    line("DTSTART;TZID=Europe/Copenhagen:" + e.start.icsLocal());
    line("DTEND;TZID=Europe/Copenhagen:" + e.end.icsLocal());
    line("SUMMARY:" + escapeIcsText(e.summary));
    if (!e.location.empty()) line("LOCATION:" + escapeIcsText(e.location));
    if (!e.description.empty()) line("DESCRIPTION:" + escapeIcsText(e.description));
    if (!e.url.empty()) line("URL:" + e.url);
    line(person("ORGANIZER", e.organizer, ""));
    for (const auto& a : e.attendees)
        line(person("ATTENDEE", a,
                    cancel ? ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT"
                           : ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE"));
    line(cancel ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    line("TRANSP:OPAQUE");
    line("END:VEVENT");
    line("END:VCALENDAR");
    return out;
}

std::string renderDayCalendar(std::string_view name, const std::vector<AllDayEntry>& entries,
                              std::chrono::sys_seconds stamp) {
    std::string out;
    auto line = [&out](std::string_view l) { out += foldIcsLine(l); };
    auto icsDate = [](Date d) { return fmt::format("{:04}{:02}{:02}", d.year(), d.month(), d.day()); };
    line("BEGIN:VCALENDAR");
    line(fmt::format("PRODID:-//klynge//klynge {}//DA", KLYNGE_VERSION));
    line("VERSION:2.0");
    line("CALSCALE:GREGORIAN");
    line("X-WR-CALNAME:" + escapeIcsText(name));
    for (const auto& e : entries) {
        line("BEGIN:VEVENT");
        line("UID:" + e.uid);
        line("DTSTAMP:" + utcIcs(stamp));
        // RFC 5545 §3.6.1: an all-day event ends (exclusive) the next day.
        line("DTSTART;VALUE=DATE:" + icsDate(e.date));
        line("DTEND;VALUE=DATE:" + icsDate(e.date.addDays(1)));
        line("SUMMARY:" + escapeIcsText(e.summary));
        if (!e.description.empty()) line("DESCRIPTION:" + escapeIcsText(e.description));
        line("TRANSP:TRANSPARENT");
        if (e.remindDaysBefore > 0) {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line("DESCRIPTION:" + escapeIcsText(e.summary));
            line(fmt::format("TRIGGER:-P{}D", e.remindDaysBefore));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

} // namespace klynge
