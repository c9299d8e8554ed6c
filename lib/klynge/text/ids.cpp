// Identifier validation (DOMAIN.md, "The cluster" and "Personal data").
#include "klynge/text/ids.hpp"

#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>

namespace klynge {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool allDigits(std::string_view s) { return std::all_of(s.begin(), s.end(), isDigit); }

int digitAt(std::string_view s, std::size_t i) { return s[i] - '0'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// DOMAIN.md: CVR weights 2,7,6,5,4,3,2,1; the weighted sum is divisible by 11.
bool cvrChecksumOk(std::string_view digits) {
    constexpr std::array<int, 8> weights = {2, 7, 6, 5, 4, 3, 2, 1};
    int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) sum += weights[i] * digitAt(digits, i);
    return sum % 11 == 0;
}

// DOMAIN.md, "Personal data": the 7th digit and YY give the century.
//   0-3 → 1900s; 4 or 9 → 2000-2036 for YY 00-36, else 1937-1999;
//   5-8 → 2000-2057 for YY 00-57, else 1858-1899.
int cprBirthYear(int seventh, int yy) {
    if (seventh <= 3) return 1900 + yy;
    if (seventh == 4 || seventh == 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
    return yy <= 57 ? 2000 + yy : 1800 + yy;
}

// "DDMMYY-SSSS" → the 10 digits; the dash is optional on input.
std::string cprDigits(std::string_view s) {
    if (s.size() == 11 && s[6] == '-')
        return std::string(s.substr(0, 6)) + std::string(s.substr(7));
    return std::string(s);
}

} // namespace

Ydernummer Ydernummer::parse(std::string_view text) {
    const auto s = trim(text);
    if (s.size() != 6 || !allDigits(s))
        throw InvalidValue(fmt::format("invalid ydernummer {:?}: a ydernummer has exactly 6 "
                                       "digits — copy it from the practice's agreement with "
                                       "the region",
                                       text));
    return Ydernummer(std::string(s));
}

Cvr Cvr::parse(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c != ' ' && c != '\t') digits += c;
    }
    if (digits.size() != 8 || !allDigits(digits))
        throw InvalidValue(fmt::format("invalid CVR number {:?}: a CVR number has 8 digits — "
                                       "look it up on datacvr.virk.dk",
                                       text));
    if (!cvrChecksumOk(digits))
        throw InvalidValue(fmt::format("invalid CVR number {:?}: the check digit does not match "
                                       "(weights 2,7,6,5,4,3,2,1 must give a sum divisible by "
                                       "11) — check for a typing error; a P-number is not a "
                                       "CVR number",
                                       text));
    return Cvr(std::move(digits));
}

// The number is confidential (DOMAIN.md, "Personal data"): messages describe
// what is wrong and never repeat any of the digits.
Cpr Cpr::parse(std::string_view text) {
    const std::string digits = cprDigits(trim(text));
    if (digits.size() != 10 || !allDigits(digits))
        throw InvalidValue("invalid CPR number: expected 10 digits written DDMMYY-SSSS (the dash "
                           "may be left out) — check the number on the person's health card");
    const int year = cprBirthYear(digitAt(digits, 6), digitAt(digits, 4) * 10 + digitAt(digits, 5));
    const auto month = static_cast<unsigned>(digitAt(digits, 2) * 10 + digitAt(digits, 3));
    const auto day = static_cast<unsigned>(digitAt(digits, 0) * 10 + digitAt(digits, 1));
    const std::chrono::year_month_day birth{std::chrono::year{year}, std::chrono::month{month},
                                            std::chrono::day{day}};
    if (!birth.ok())
        throw InvalidValue("invalid CPR number: the first six digits are not a real birth date "
                           "(DDMMYY, century read from the 7th digit) — check the number on the "
                           "person's health card");
    return Cpr(digits.substr(0, 6) + "-" + digits.substr(6));
}

std::string maskCprNumbers(std::string_view text) {
    const auto digitAt = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
    const auto digitsFrom = [&](std::size_t i, std::size_t n) {
        for (std::size_t k = 0; k < n; ++k)
            if (!digitAt(i + k)) return false;
        return true;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const bool startsRun = digitAt(i) && (i == 0 || !digitAt(i - 1));
        if (startsRun && digitsFrom(i, 10) && !digitAt(i + 10)) {
            out += maskedCpr;
            i += 10;
        } else if (startsRun && digitsFrom(i, 6) && !digitAt(i + 6) && i + 6 < text.size() &&
                   (text[i + 6] == '-' || text[i + 6] == ' ') && digitsFrom(i + 7, 4) && !digitAt(i + 11)) {
            out += maskedCpr;
            i += 11;
        } else {
            // Copy the whole run of digits (or one other character) unchanged.
            std::size_t end = i + 1;
            if (startsRun)
                while (digitAt(end)) ++end;
            out.append(text.substr(i, end - i));
            i = end;
        }
    }
    return out;
}

std::string Cpr::masked() const { return value_.substr(0, 6) + "-****"; }

// The old control rule: weights 4,3,2,7,6,5,4,3,2,1, sum divisible by 11.
// Numbers without it are issued since 1 October 2007, so this only informs.
bool Cpr::passesModulus11() const {
    constexpr std::array<int, 10> weights = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
    const std::string digits = value_.substr(0, 6) + value_.substr(7);
    int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) sum += weights[i] * digitAt(digits, i);
    return sum % 11 == 0;
}

int Cpr::birthYear() const {
    return cprBirthYear(digitAt(value_, 7), digitAt(value_, 4) * 10 + digitAt(value_, 5));
}

Email Email::parse(std::string_view text) {
    const auto s = trim(text);
    auto refuse = [&](std::string_view why) {
        return InvalidValue(fmt::format("invalid e-mail address {}: {} — write it as "
                                        "name@example.dk",
                                        shown(text), why));
    };
    // A CR or LF in an address could add headers to an outgoing mail.
    const auto isControl = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; };
    if (std::any_of(s.begin(), s.end(), isControl))
        throw refuse("it contains a line break or another control character");
    if (s.find(' ') != std::string_view::npos) throw refuse("it contains a space");
    if (!isValidUtf8(s)) throw refuse("it is not valid UTF-8");
    if (s.size() > text_limit::email)
        throw refuse(fmt::format("it is {} characters long, and an address has at most {} (RFC 5321)", s.size(),
                                 text_limit::email));
    const auto at = s.find('@');
    if (at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos)
        throw refuse("it must contain exactly one @");
    const auto local = s.substr(0, at);
    const auto domain = s.substr(at + 1);
    if (local.empty()) throw refuse("there is nothing before the @");
    if (domain.find('.') == std::string_view::npos || domain.front() == '.' ||
        domain.back() == '.' || domain.find("..") != std::string_view::npos)
        throw refuse("the part after the @ must be a domain such as example.dk");
    std::string lowered(s);
    for (char& c : lowered) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return Email(std::move(lowered));
}

} // namespace klynge
