// Money is integer øre. Never floating point (DESIGN.md, "Input and output").
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace klynge {

class Money {
public:
    constexpr Money() = default;
    static constexpr Money fromOre(std::int64_t ore) { return Money(ore); }

    // Accepts the forms in DESIGN.md: "1234", "1234.50", "1234,50",
    // "1.234,50", "1 234,50", "1.234.567" (several dots: thousands), "1234,5",
    // an optional leading '-' and an optional trailing "kr", "kr." or "DKK".
    // Thousands groups must have three digits; at most two decimals.
    // "1.234" has two readings (1.234,00 kr. with a thousands dot, or 1,234 kr.
    // with a decimal point) and is refused with both shown; so is the English
    // "1,234.50". Throws InvalidValue.
    static Money parse(std::string_view text);

    constexpr std::int64_t ore() const { return ore_; }

    // "1.234,50 kr." — Danish human form.
    std::string danish() const;
    // "1.234,50" — Danish form without the currency.
    std::string danishNumber() const;
    // "1234.50" — the machine form for JSON and CSV.
    std::string plain() const;
    // "1234,50" — the machine form with a decimal comma (CSV excel-da).
    std::string plainComma() const;

    constexpr Money operator+(Money o) const { return Money(ore_ + o.ore_); }
    constexpr Money operator-(Money o) const { return Money(ore_ - o.ore_); }
    constexpr Money operator-() const { return Money(-ore_); }
    constexpr Money& operator+=(Money o) { ore_ += o.ore_; return *this; }
    constexpr Money& operator-=(Money o) { ore_ -= o.ore_; return *this; }
    constexpr auto operator<=>(const Money&) const = default;

private:
    constexpr explicit Money(std::int64_t ore) : ore_(ore) {}
    std::int64_t ore_ = 0;
};

} // namespace klynge
