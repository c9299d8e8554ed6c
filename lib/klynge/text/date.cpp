// Calendar dates. Input forms and KLYNGE_TODAY are in DESIGN.md, "Input and output".
#include "klynge/text/date.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <ctime>

namespace klynge {
namespace {

namespace chrono = std::chrono;

constexpr std::string_view acceptedForms = "write 2026-03-10, 10-03-2026 or 10.03.2026";

constexpr std::array<std::string_view, 12> danishMonths = {
    "januar", "februar", "marts",     "april",   "maj",      "juni",
    "juli",   "august",  "september", "oktober", "november", "december"};

bool isDigit(char c) { return c >= '0' && c <= '9'; }

constexpr std::array<std::string_view, 12> englishMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Reads a run of digits of length [minLen, maxLen] at `pos`; advances `pos`.
std::optional<unsigned> readNumber(std::string_view s, std::size_t& pos, std::size_t minLen,
                                   std::size_t maxLen) {
    std::size_t len = 0;
    unsigned value = 0;
    while (pos + len < s.size() && isDigit(s[pos + len]) && len < maxLen) {
        value = value * 10 + static_cast<unsigned>(s[pos + len] - '0');
        ++len;
    }
    if (len < minLen || (pos + len < s.size() && isDigit(s[pos + len]))) return std::nullopt;
    pos += len;
    return value;
}

bool readChar(std::string_view s, std::size_t& pos, char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
}

struct Fields {
    int year;
    unsigned month;
    unsigned day;
};

// ISO 8601: exactly YYYY-MM-DD.
std::optional<Fields> readIso(std::string_view s) {
    std::size_t pos = 0;
    auto y = readNumber(s, pos, 4, 4);
    if (!y || !readChar(s, pos, '-')) return std::nullopt;
    auto m = readNumber(s, pos, 2, 2);
    if (!m || !readChar(s, pos, '-')) return std::nullopt;
    auto d = readNumber(s, pos, 2, 2);
    if (!d || pos != s.size()) return std::nullopt;
    return Fields{static_cast<int>(*y), *m, *d};
}

// Danish day-first: D.M.YYYY or D-M-YYYY, one or two digits for day and
// month ("1.3.2026"), the same separator twice.
std::optional<Fields> readDanish(std::string_view s) {
    std::size_t pos = 0;
    auto d = readNumber(s, pos, 1, 2);
    if (!d || pos >= s.size() || (s[pos] != '.' && s[pos] != '-')) return std::nullopt;
    const char sep = s[pos++];
    auto m = readNumber(s, pos, 1, 2);
    if (!m || !readChar(s, pos, sep)) return std::nullopt;
    auto y = readNumber(s, pos, 4, 4);
    if (!y || pos != s.size()) return std::nullopt;
    return Fields{static_cast<int>(*y), *m, *d};
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Why a y-m-d triple is not a date, in words; empty if it is one.
std::string whyNotReal(int y, unsigned m, unsigned d) {
    if (y < 1 || y > 9999) return fmt::format("the year {} is out of range", y);
    if (m < 1 || m > 12) return fmt::format("there is no month {}", m);
    const auto ym = chrono::year{y} / chrono::month{m};
    const unsigned lastDay = static_cast<unsigned>((ym / chrono::last).day());
    if (d < 1 || d > lastDay)
        return fmt::format("{} {} has {} days", englishMonths[m - 1], y, lastDay);
    return {};
}

} // namespace

Date::Date(int y, unsigned m, unsigned d) {
    if (auto why = whyNotReal(y, m, d); !why.empty())
        throw InvalidValue(fmt::format("{:04}-{:02}-{:02} is not a real date: {} — check the "
                                       "day and month", y, m, d, why));
    days_ = chrono::sys_days{chrono::year{y} / chrono::month{m} / chrono::day{d}};
}

Date Date::parse(std::string_view text) {
    const auto s = trim(text);
    auto f = readIso(s);
    if (!f) f = readDanish(s);
    if (!f)
        throw InvalidValue(fmt::format("invalid date {:?}: not a date in a known form — {}",
                                       text, acceptedForms));
    if (auto why = whyNotReal(f->year, f->month, f->day); !why.empty())
        throw InvalidValue(fmt::format("invalid date {:?}: it is not a real date ({}) — check "
                                       "the day and month",
                                       text, why));
    return Date(f->year, f->month, f->day);
}

Date Date::parseInput(std::string_view text) {
    Date d = parse(text);
    if (d.year() < firstYear || d.year() > lastYear)
        throw InvalidValue(fmt::format("{} is outside the years klynge works with ({}–{}) — check the year",
                                       d.iso(), firstYear, lastYear));
    return d;
}

std::optional<Date> Date::tryParse(std::string_view text) {
    try {
        return parse(text);
    } catch (const InvalidValue&) {
        return std::nullopt;
    }
}

// DESIGN.md: KLYNGE_TODAY=YYYY-MM-DD overrides today's date for every rule.
// Only the ISO form is accepted there; an empty value counts as unset.
Date Date::today() {
    if (const char* env = std::getenv("KLYNGE_TODAY"); env != nullptr && *env != '\0') {
        auto f = readIso(env);
        if (!f || !whyNotReal(f->year, f->month, f->day).empty())
            throw InvalidValue(fmt::format("KLYNGE_TODAY={:?} is not a date — use YYYY-MM-DD, "
                                           "e.g. KLYNGE_TODAY=2026-03-10",
                                           env));
        return Date(f->year, f->month, f->day);
    }
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                static_cast<unsigned>(local.tm_mday));
}

int Date::year() const { return static_cast<int>(chrono::year_month_day{days_}.year()); }
unsigned Date::month() const {
    return static_cast<unsigned>(chrono::year_month_day{days_}.month());
}
unsigned Date::day() const { return static_cast<unsigned>(chrono::year_month_day{days_}.day()); }
unsigned Date::isoWeekday() const { return chrono::weekday{days_}.iso_encoding(); }

// Bound to SQL for every dated record (a million in a ledger import): one
// calendar conversion and no format string.
std::string Date::iso() const {
    const chrono::year_month_day ymd{days_};
    const int y = static_cast<int>(ymd.year());
    const auto m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
    if (y < 0 || y > 9999) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
    auto digit = [](unsigned v) { return static_cast<char>('0' + v % 10); };
    const auto uy = static_cast<unsigned>(y);
    return {digit(uy / 1000), digit(uy / 100), digit(uy / 10), digit(uy), '-', digit(m / 10), digit(m),
            '-',              digit(d / 10),   digit(d)};
}
std::string Date::danish() const {
    return fmt::format("{:02}.{:02}.{:04}", day(), month(), year());
}
std::string Date::danishLong() const {
    return fmt::format("{}. {} {}", day(), danishMonths[month() - 1], year());
}

Date Date::addDays(int n) const { return fromSysDays(days_ + chrono::days{n}); }

// 31 January + 1 month = the last day of February (the day is clamped).
Date Date::addMonths(int n) const {
    const chrono::year_month_day ymd{days_};
    const auto ym = chrono::year_month{ymd.year(), ymd.month()} + chrono::months{n};
    const chrono::day lastDay = (ym / chrono::last).day();
    return fromSysDays(chrono::sys_days{ym / std::min(ymd.day(), lastDay)});
}

int Date::daysUntil(const Date& other) const {
    return static_cast<int>((other.days_ - days_).count());
}

Date Date::fromSysDays(chrono::sys_days d) {
    Date out;
    out.days_ = d;
    return out;
}

} // namespace klynge
