#include "klynge/text/danish.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>

namespace klynge::danish {
namespace {

constexpr std::array<std::string_view, 7> weekdays{"mandag", "tirsdag", "onsdag", "torsdag",
                                                   "fredag", "lørdag",  "søndag"};
constexpr std::array<std::string_view, 12> months{"januar", "februar", "marts",     "april",   "maj",      "juni",
                                                  "juli",   "august",  "september", "oktober", "november", "december"};
constexpr std::array<std::string_view, 21> cardinals{
    "nul",  "en",   "to",     "tre",     "fire",    "fem",     "seks",     "syv",    "otte",   "ni",  "ti",
    "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tyve"};
// Denominators as parts: "tredjedel", "fjerdedel" (the plural adds -e).
constexpr std::array<std::string_view, 11> parts{"",          "",          "halvdel",   "tredjedel",
                                                 "fjerdedel", "femtedel",  "sjettedel", "syvendedel",
                                                 "ottendedel", "niendedel", "tiendedel"};

} // namespace

std::string_view weekday(Date d) { return weekdays[d.isoWeekday() - 1]; }

std::string_view monthName(unsigned month) {
    if (month < 1 || month > 12) throw InvalidValue(fmt::format("month {} is not 1–12", month));
    return months[month - 1];
}

std::string date(Date d) { return fmt::format("{}. {} {}", d.day(), monthName(d.month()), d.year()); }

std::string longDate(Date d) { return fmt::format("{} den {}", weekday(d), date(d)); }

std::string clock(int hour, int minute) { return fmt::format("{}.{:02}", hour, minute); }

std::string clock(const LocalDateTime& t) { return clock(t.hour, t.minute); }

std::string at(const LocalDateTime& t) { return fmt::format("{} kl. {}", longDate(t.date), clock(t)); }

std::string span(const LocalDateTime& start, const LocalDateTime& end) {
    if (start.date == end.date) return fmt::format("{} kl. {}–{}", longDate(start.date), clock(start), clock(end));
    return fmt::format("fra {} til {}", at(start), at(end));
}

std::string spanCapitalised(const LocalDateTime& start, const LocalDateTime& end) {
    return capitalised(span(start, end));
}

std::string kroner(Money m) { return m.danish(); }

std::string count(long long n) {
    const bool negative = n < 0;
    std::string digits = std::to_string(negative ? -n : n);
    if (digits.size() > 4)
        for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
            digits.insert(static_cast<std::size_t>(i), ".");
    return negative ? "-" + digits : digits;
}

std::string number(long long n) {
    if (n >= 0 && n <= 20) return std::string(cardinals[static_cast<std::size_t>(n)]);
    return count(n);
}

std::string fraction(int numerator, int denominator) {
    if (denominator < 2 || denominator > 10 || numerator < 1 || numerator >= denominator)
        throw InvalidValue(fmt::format("{}/{} is not a share klynge can write in words — use a share such as 2/3 "
                                       "or 3/4",
                                       numerator, denominator));
    if (denominator == 2) return "halvdelen";
    const auto part = parts[static_cast<std::size_t>(denominator)];
    if (numerator == 1) return fmt::format("en {}", part);
    return fmt::format("{} {}e", cardinals[static_cast<std::size_t>(numerator)], part);
}

std::string majority(std::string_view share) {
    if (share == "simple" || share == "1/2+" || share.empty()) return "simpelt flertal";
    const auto slash = share.find('/');
    int n = 0, d = 0;
    const bool ok = slash != std::string_view::npos &&
                    std::from_chars(share.data(), share.data() + slash, n).ec == std::errc() &&
                    std::from_chars(share.data() + slash + 1, share.data() + share.size(), d).ec == std::errc();
    if (!ok)
        throw InvalidValue(fmt::format("{:?} is not a majority such as \"2/3\" or \"simple\"", share));
    return fraction(n, d);
}

std::string capitalised(std::string_view s) {
    std::string out(s);
    if (out.empty()) return out;
    if (out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    } else if (out.size() >= 2 && static_cast<unsigned char>(out[0]) == 0xC3) {
        // æ ø å (U+00E6, U+00F8, U+00E5) → Æ Ø Å: the second byte less 0x20.
        auto c = static_cast<unsigned char>(out[1]);
        if (c == 0xA6 || c == 0xB8 || c == 0xA5) out[1] = static_cast<char>(c - 0x20);
    }
    return out;
}

} // namespace klynge::danish
