#include "klynge/text/numbers.hpp"

namespace klynge {

std::string danishCount(std::int64_t n) {
    // Via unsigned, so the most negative value has a magnitude too.
    auto magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
    std::string digits = std::to_string(magnitude);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

} // namespace klynge
