// Parsing and formatting of kroner amounts. Money is integer øre (DESIGN.md,
// "Input and output"); the parser accepts the forms people type in Denmark and
// refuses the ones that could be read two ways rather than guess.
#include "klynge/text/money.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace klynge {
namespace {

// No association handles 10 trillion kroner; the bound keeps øre far inside int64.
constexpr std::int64_t maxKroner = 10'000'000'000'000;

constexpr std::string_view howToWrite = "write it like 1234,50 or 1.234,50 (or 1234.50)";

[[noreturn]] void refuse(std::string_view text, std::string_view what, std::string_view how) {
    throw InvalidValue(fmt::format("invalid amount {:?}: {} — {}", text, what, how));
}

// Spaces inside an amount: ASCII space, no-break space U+00A0 and narrow
// no-break space U+202F (what Danish locale settings in spreadsheets produce).
std::string normalizeSpaces(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 2) == "\xC2\xA0") {
            out += ' ';
            i += 1;
        } else if (s.substr(i, 3) == "\xE2\x80\xAF") {
            out += ' ';
            i += 2;
        } else if (s[i] == '\t') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

bool iequalsAscii(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// Removes one currency marker ("kr.", "kr", "DKK"), written after the number
// ("12 kr.") or before it ("kr. 12", "DKK 12", as on bank statements).
std::string_view stripCurrency(std::string_view s) {
    for (std::string_view unit : {"kr.", "kr", "dkk"}) {
        if (s.size() >= unit.size() && iequalsAscii(s.substr(s.size() - unit.size()), unit))
            return trim(s.substr(0, s.size() - unit.size()));
        if (s.size() >= unit.size() && iequalsAscii(s.substr(0, unit.size()), unit))
            return trim(s.substr(unit.size()));
    }
    return s;
}

bool allDigits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t pos; (pos = s.find(sep, start)) != std::string_view::npos; start = pos + 1)
        parts.push_back(s.substr(start, pos - start));
    parts.push_back(s.substr(start));
    return parts;
}

// Whole kroner from digits grouped by `thousands` (or not grouped, when the
// separator does not occur): the first group 1-3 digits, every later one 3.
std::int64_t parseKroner(std::string_view text, std::string_view digits, char thousands) {
    std::string plain;
    auto groups = split(digits, thousands);
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const auto g = groups[i];
        const bool goodSize = groups.size() == 1 || (i == 0 ? g.size() <= 3 : g.size() == 3);
        if (!allDigits(g) || !goodSize)
            refuse(text, "thousands groups must have three digits, as in 1.234.567", howToWrite);
        plain += g;
    }
    plain.erase(0, std::min(plain.find_first_not_of('0'), plain.size() - 1));
    if (plain.size() > 14)
        refuse(text, "that is more than 10.000.000.000.000 kr.", "check the number of digits");
    std::int64_t kr = 0;
    for (char c : plain) kr = kr * 10 + (c - '0');
    if (kr > maxKroner)
        refuse(text, "that is more than 10.000.000.000.000 kr.", "check the number of digits");
    return kr;
}

std::string format(std::int64_t ore, char thousands, char decimal);

// The øre after the decimal sign; `kroner` only serves the suggestion.
std::int64_t parseOre(std::string_view text, std::int64_t kroner, std::string_view decimals,
                      char mark) {
    const std::string_view name = mark == ',' ? "comma" : "point";
    if (decimals.empty())
        refuse(text, fmt::format("no øre after the decimal {}", name), "write 12,00 or just 12");
    if (!allDigits(decimals))
        refuse(text, fmt::format("only digits may follow the decimal {}", name), howToWrite);
    const auto digit = [&](std::size_t i) { return i < decimals.size() ? decimals[i] - '0' : 0; };
    if (decimals.size() > 2) {
        const std::int64_t thousandths = digit(0) * 100 + digit(1) * 10 + digit(2);
        refuse(text,
               fmt::format("{} digits after the decimal {}, but øre have at most two",
                           decimals.size(), name),
               fmt::format("write {} (rounded to whole øre), or leave out the {} if it separates "
                           "thousands",
                           format(kroner * 100 + (thousandths + 5) / 10, '.', ','), name));
    }
    return digit(0) * 10 + digit(1);
}

// "1.234": a thousands dot (1.234,00 kr.) or a decimal point (1,234 kr.,
// which rounds to 1,23 kr.). Both readings are shown; neither is guessed.
[[noreturn]] void refuseAmbiguous(std::string_view text, std::string_view before,
                                  std::string_view after) {
    const std::int64_t thousandths =
        std::stoll(std::string(before)) * 1000 + std::stoll(std::string(after));
    refuse(text,
           fmt::format("it could mean {0}.{1},00 kr. (thousands dot) or {0},{1} kr. "
                       "(decimal point)",
                       before, after),
           fmt::format("write {0}.{1},00 or {0}{1} for {0}{1} kroner, or {2} for kroner and øre",
                       before, after, format((thousandths + 5) / 10, '.', ',')));
}

// Splits the unsigned body into kroner and øre. Danish: ',' is the decimal
// sign and '.' or ' ' groups thousands; a lone '.' followed by one or two
// digits is a decimal point (machine form "1234.50").
Money parseUnsigned(std::string_view text, std::string_view body) {
    const auto commas = std::count(body.begin(), body.end(), ',');
    const auto dots = std::count(body.begin(), body.end(), '.');
    const bool spaces = body.find(' ') != std::string_view::npos;

    char decimal = 0;
    char thousands = spaces ? ' ' : '.';
    if (commas > 0 && dots > 0) {
        if (body.rfind('.') > body.rfind(','))
            refuse(text, "this is the English notation (comma for thousands, point for decimals)",
                   "write 1.234,50 or 1234.50");
        decimal = ',';
        if (spaces) refuse(text, "it mixes spaces and dots as thousands separators", howToWrite);
    } else if (commas > 0) {
        decimal = ',';
    } else if (dots == 1 && !spaces) {
        const auto after = body.substr(body.find('.') + 1);
        const auto before = body.substr(0, body.find('.'));
        if (after.size() == 3 && allDigits(before) && allDigits(after) && before.size() <= 3 &&
            before[0] != '0')
            refuseAmbiguous(text, before, after);
        decimal = '.';
    } else if (dots > 0 && spaces) {
        if (dots > 1) refuse(text, "it mixes spaces and dots as thousands separators", howToWrite);
        decimal = '.';
    }

    if (decimal == ',' && commas > 1)
        refuse(text, "more than one decimal comma", "write 1.234.567,89 or 1234567,89");
    std::string_view whole = body;
    std::string_view decimals;
    if (decimal != 0) {
        whole = body.substr(0, body.rfind(decimal));
        decimals = body.substr(body.rfind(decimal) + 1);
    }
    if (whole.empty()) refuse(text, "no kroner before the decimal sign", "write 0,50");
    const std::int64_t kroner = parseKroner(text, whole, thousands);
    const std::int64_t ore = decimal != 0 ? parseOre(text, kroner, decimals, decimal) : 0;
    return Money::fromOre(kroner * 100 + ore);
}

std::string group(std::uint64_t kroner, char sep) {
    std::string digits = fmt::format("{}", kroner);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

// Magnitude as unsigned, so that even INT64_MIN formats without overflow.
std::uint64_t magnitude(std::int64_t ore) {
    return ore < 0 ? 0 - static_cast<std::uint64_t>(ore) : static_cast<std::uint64_t>(ore);
}

std::string format(std::int64_t ore, char thousands, char decimal) {
    const auto m = magnitude(ore);
    std::string kr = thousands ? group(m / 100, thousands) : fmt::format("{}", m / 100);
    return fmt::format("{}{}{}{:02}", ore < 0 ? "-" : "", kr, decimal, m % 100);
}

} // namespace

Money Money::parse(std::string_view text) {
    const std::string normalized = normalizeSpaces(text);
    std::string_view s = trim(normalized);
    if (s.empty()) throw InvalidValue("empty amount — write an amount such as 1234,50");
    s = stripCurrency(s);
    // "-12,50", "- 12,50" and "kr. -12,50" are all one negative amount; a
    // space after the sign cannot be read any other way.
    bool negative = false;
    if (!s.empty() && s.front() == '-') {
        negative = true;
        s = trim(s.substr(1));
    } else if (s.substr(0, 3) == "\xE2\x88\x92") { // U+2212 MINUS SIGN
        negative = true;
        s = trim(s.substr(3));
    }
    // "100,-" is the Danish way of writing whole kroner on price tags.
    if (s.size() > 2 && s.substr(s.size() - 2) == ",-") s.remove_suffix(2);
    if (s.empty()) refuse(text, "there is no number in it", howToWrite);
    for (char c : s) {
        if (!(c >= '0' && c <= '9') && c != '.' && c != ',' && c != ' ')
            refuse(text, "it is not a number of kroner", howToWrite);
    }
    const Money m = parseUnsigned(text, s);
    return negative ? -m : m;
}

std::string Money::danish() const { return danishNumber() + " kr."; }
std::string Money::danishNumber() const { return format(ore_, '.', ','); }
std::string Money::plain() const { return format(ore_, 0, '.'); }
std::string Money::plainComma() const { return format(ore_, 0, ','); }

} // namespace klynge
