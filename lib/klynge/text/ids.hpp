// Identifiers validated at the edge (DOMAIN.md, "The cluster", "Personal data").
// Once you hold one, it is valid. Every parse throws InvalidValue with a
// message that names the value and the expected form.
#pragma once

#include <compare>
#include <string>
#include <string_view>

namespace klynge {

// A practice's provider number: exactly 6 digits.
class Ydernummer {
public:
    static Ydernummer parse(std::string_view text);
    const std::string& str() const { return value_; }
    auto operator<=>(const Ydernummer&) const = default;

private:
    explicit Ydernummer(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

// CVR: 8 digits, weights 2,7,6,5,4,3,2,1, weighted sum divisible by 11.
// Spaces are allowed on input ("1234 5674") and dropped.
class Cvr {
public:
    static Cvr parse(std::string_view text);
    const std::string& str() const { return value_; }
    auto operator<=>(const Cvr&) const = default;

private:
    explicit Cvr(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

// CPR: DDMMYY-SSSS (the dash optional on input). The date must exist once the
// century is read from the 7th digit (DOMAIN.md); modulus 11 is NOT required.
// The value never appears in error messages: a bad CPR is described, not echoed.
class Cpr {
public:
    static Cpr parse(std::string_view text);
    // "DDMMYY-SSSS"
    const std::string& str() const { return value_; }
    // "DDMMYY-****" — the only form that may leave private/.
    std::string masked() const;
    // Whether the number satisfies the old modulus-11 rule (informational).
    bool passesModulus11() const;
    // Birth year including the century.
    int birthYear() const;
    auto operator<=>(const Cpr&) const = default;

private:
    explicit Cpr(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

// Every CPR-shaped number in a text — ten digits, or six digits, a dash or
// a space and four digits, not part of a longer run of digits — replaced by
// "******-****". For the audit log, which keeps no part of a CPR, not even
// the birth date (DESIGN.md "Private data"); a mistyped CPR is masked too.
std::string maskCprNumbers(std::string_view text);
inline constexpr std::string_view maskedCpr = "******-****";

// A practical e-mail check: one '@', non-empty local part without spaces,
// a domain with at least one dot, no CR/LF. Stored lower-cased.
class Email {
public:
    static Email parse(std::string_view text);
    const std::string& str() const { return value_; }
    auto operator<=>(const Email&) const = default;

private:
    explicit Email(std::string v) : value_(std::move(v)) {}
    std::string value_;
};

} // namespace klynge
