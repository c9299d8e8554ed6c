#include "klynge/calendar/holidays.hpp"

#include <algorithm>
#include <array>

namespace klynge {
namespace {

// Holidays that move with Easter: offset in days from Easter Sunday, and the
// last year it applies (Store Bededag was abolished from 2024).
struct EasterHoliday {
    int offset;
    std::string_view name;
    int lastYear;
};
constexpr std::array easterHolidays{
    EasterHoliday{-3, "Skærtorsdag", 9999},   // Maundy Thursday
    EasterHoliday{-2, "Langfredag", 9999},    // Good Friday
    EasterHoliday{0, "Påskedag", 9999},       // Easter Sunday
    EasterHoliday{1, "2. påskedag", 9999},    // Easter Monday
    EasterHoliday{26, "Store bededag", 2023}, // 4th Friday after Easter; abolished from 2024
    EasterHoliday{39, "Kristi himmelfartsdag", 9999},
    EasterHoliday{49, "Pinsedag", 9999},
    EasterHoliday{50, "2. pinsedag", 9999},
};

struct FixedHoliday {
    unsigned month, day;
    std::string_view name;
};
constexpr std::array fixedHolidays{
    FixedHoliday{1, 1, "Nytårsdag"},
    FixedHoliday{12, 25, "Juledag"},
    FixedHoliday{12, 26, "2. juledag"},
};

} // namespace

Date easterSunday(int year) {
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return Date(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<Holiday> publicHolidays(int year) {
    std::vector<Holiday> out;
    for (auto& f : fixedHolidays) out.push_back({Date(year, f.month, f.day), f.name});
    Date easter = easterSunday(year);
    for (auto& e : easterHolidays)
        if (year <= e.lastYear) out.push_back({easter.addDays(e.offset), e.name});
    std::sort(out.begin(), out.end(), [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
    return out;
}

std::optional<std::string_view> publicHoliday(Date d) {
    for (auto& h : publicHolidays(d.year()))
        if (h.date == d) return h.name;
    return std::nullopt;
}

std::optional<std::string_view> bankClosingDay(Date d) {
    if (d == easterSunday(d.year()).addDays(40)) return "Fredag efter Kristi himmelfartsdag";
    if (d.month() == 6 && d.day() == 5) return "Grundlovsdag";
    if (d.month() == 12 && d.day() == 24) return "Juleaftensdag";
    if (d.month() == 12 && d.day() == 31) return "Nytårsaftensdag";
    return std::nullopt;
}

bool isWeekday(Date d, bool bankDays) {
    if (d.isoWeekday() >= 6) return false;
    if (publicHoliday(d)) return false;
    return !(bankDays && bankClosingDay(d));
}

Date onOrNextWeekday(Date d, bool bankDays) {
    while (!isWeekday(d, bankDays)) d = d.addDays(1);
    return d;
}

} // namespace klynge
