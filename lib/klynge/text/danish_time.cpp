#include "klynge/text/danish_time.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <array>

namespace klynge {
namespace {

namespace chrono = std::chrono;

constexpr std::string_view timeForm = "write \"2026-02-20 17:00\" (date, a space, 24-hour time)";

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// "17:00", "17.00", "9:30": hours 0–23, minutes 00–59.
bool readClock(std::string_view s, int& hour, int& minute) {
    std::size_t sep = s.find_first_of(":.");
    if (sep == std::string_view::npos || sep == 0 || sep > 2 || s.size() != sep + 3) return false;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (i != sep && !digit(s[i])) return false;
    hour = std::stoi(std::string(s.substr(0, sep)));
    minute = std::stoi(std::string(s.substr(sep + 1)));
    return hour < 24 && minute < 60;
}

chrono::sys_seconds wallAsUtc(const LocalDateTime& t) {
    return chrono::sys_seconds{t.date.sysDays()} + chrono::hours{t.hour} + chrono::minutes{t.minute};
}

constexpr std::array<std::string_view, 7> weekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Parts {
    Date date;
    int h, m, s;
};
Parts split(chrono::sys_seconds t) {
    auto day = chrono::floor<chrono::days>(t);
    auto secs = (t - day).count();
    return {Date::fromSysDays(day), static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
            static_cast<int>(secs % 60)};
}

} // namespace

LocalDateTime LocalDateTime::parse(std::string_view text) {
    auto s = trim(text);
    auto sep = s.find_first_of(" T");
    LocalDateTime t;
    if (sep == std::string_view::npos)
        throw InvalidValue(fmt::format("invalid time {:?}: no time of day — {}", text, timeForm));
    auto date = Date::tryParse(s.substr(0, sep));
    if (!date) throw InvalidValue(fmt::format("invalid time {:?}: the date is not a date — {}", text, timeForm));
    t.date = *date;
    if (!readClock(trim(s.substr(sep + 1)), t.hour, t.minute))
        throw InvalidValue(fmt::format("invalid time {:?}: the time of day is not HH:MM — {}", text, timeForm));
    return t;
}

LocalDateTime LocalDateTime::parseTimeOn(Date date, std::string_view text) {
    LocalDateTime t;
    t.date = date;
    if (!readClock(trim(text), t.hour, t.minute))
        throw InvalidValue(fmt::format("invalid time {:?}: not HH:MM — write e.g. 19:00, or a date and time", text));
    return t;
}

std::string LocalDateTime::iso() const { return fmt::format("{} {:02}:{:02}", date.iso(), hour, minute); }
std::string LocalDateTime::clock() const { return fmt::format("{:02}:{:02}", hour, minute); }
std::string LocalDateTime::icsLocal() const {
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}00", date.year(), date.month(), date.day(), hour, minute);
}

Date lastSundayOf(int year, unsigned month) {
    Date last = Date(year, month, 1).addMonths(1).addDays(-1);
    return last.addDays(-static_cast<int>(last.isoWeekday() % 7));
}

int copenhagenOffsetMinutes(const LocalDateTime& t) {
    const Date springForward = lastSundayOf(t.date.year(), 3);
    const Date fallBack = lastSundayOf(t.date.year(), 10);
    const int clock = t.minutesOfDay();
    if (t.date == springForward) {
        // 02:00 CET becomes 03:00 CEST (01:00 UTC).
        if (clock < 2 * 60) return 60;
        if (clock >= 3 * 60) return 120;
        throw InvalidValue(fmt::format("{} does not exist in Danish time: the clocks go from 02:00 to 03:00 "
                                       "that night — choose another time",
                                       t.iso()));
    }
    if (t.date == fallBack) return clock < 3 * 60 ? 120 : 60; // 03:00 CEST becomes 02:00 CET
    return (t.date > springForward && t.date < fallBack) ? 120 : 60;
}

chrono::sys_seconds toUtc(const LocalDateTime& t) {
    return wallAsUtc(t) - chrono::minutes{copenhagenOffsetMinutes(t)};
}

std::string utcIso(chrono::sys_seconds t) {
    auto p = split(t);
    return fmt::format("{}T{:02}:{:02}:{:02}Z", p.date.iso(), p.h, p.m, p.s);
}

std::string utcIcs(chrono::sys_seconds t) {
    auto p = split(t);
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", p.date.year(), p.date.month(), p.date.day(), p.h, p.m,
                       p.s);
}

std::string rfc5322Date(chrono::sys_seconds t) {
    auto p = split(t);
    return fmt::format("{}, {} {} {:04} {:02}:{:02}:{:02} +0000", weekdays[p.date.isoWeekday() - 1], p.date.day(),
                       months[p.date.month() - 1], p.date.year(), p.h, p.m, p.s);
}

chrono::sys_seconds parseUtcIso(std::string_view text) {
    // 2026-02-20T16:00:00Z, or the iCalendar form 20260220T160000Z.
    std::string t(text);
    if (t.size() == 16 && t[8] == 'T')
        t = fmt::format("{}-{}-{}T{}:{}:{}Z", t.substr(0, 4), t.substr(4, 2), t.substr(6, 2), t.substr(9, 2),
                        t.substr(11, 2), t.substr(13, 2));
    bool ok = t.size() == 20 && t[10] == 'T' && t[19] == 'Z' && t[13] == ':' && t[16] == ':';
    for (std::size_t i : {11, 12, 14, 15, 17, 18}) ok = ok && digit(t[i]);
    auto date = ok ? Date::tryParse(t.substr(0, 10)) : std::nullopt;
    if (!date)
        throw StorageError(fmt::format("stored timestamp {:?} is not YYYY-MM-DDTHH:MM:SSZ — correct the record, "
                                       "or restore klynge.db from git",
                                       text));
    auto num = [&](std::size_t at) { return std::stoi(t.substr(at, 2)); };
    return chrono::sys_seconds{date->sysDays()} + chrono::hours{num(11)} + chrono::minutes{num(14)} +
           chrono::seconds{num(17)};
}

chrono::sys_seconds utcNow() { return chrono::floor<chrono::seconds>(chrono::system_clock::now()); }

} // namespace klynge
