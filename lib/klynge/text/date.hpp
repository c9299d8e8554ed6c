// Calendar dates (no time of day), proleptic Gregorian, stored as ISO text.
#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace klynge {

class Date {
public:
    Date() = default; // 1970-01-01
    Date(int year, unsigned month, unsigned day); // throws InvalidValue if not a real date

    // ISO "2026-03-10", Danish "10-03-2026" and "10.03.2026", also "10/3-2026"
    // is NOT accepted. Throws InvalidValue naming the text and the accepted forms.
    static Date parse(std::string_view text);
    static std::optional<Date> tryParse(std::string_view text);
    // A date a person typed (an option, a CSV cell): parse(), and a year
    // within firstYear..lastYear — clusters exist since 2018, so 0001 or
    // 9999 is a typing error, never a date to record or query.
    static Date parseInput(std::string_view text);
    static constexpr int firstYear = 1900, lastYear = 2100;

    // Today: $KLYNGE_TODAY (YYYY-MM-DD) if set, else the local date.
    // A malformed KLYNGE_TODAY throws InvalidValue.
    static Date today();

    int year() const;
    unsigned month() const;
    unsigned day() const;
    // 1 = Monday ... 7 = Sunday (ISO).
    unsigned isoWeekday() const;

    std::string iso() const;    // 2026-03-10
    std::string danish() const; // 10.03.2026
    // Long Danish form for documents: "10. marts 2026".
    std::string danishLong() const;

    Date addDays(int days) const;
    // Adds months, clamping the day to the month's end (31 Jan + 1 = 28/29 Feb).
    Date addMonths(int months) const;
    // Whole days from *this to other (other - this).
    int daysUntil(const Date& other) const;

    auto operator<=>(const Date&) const = default;
    bool operator==(const Date&) const = default;

    std::chrono::sys_days sysDays() const { return days_; }
    static Date fromSysDays(std::chrono::sys_days d);

private:
    std::chrono::sys_days days_{};
};

} // namespace klynge
