// Counts in Danish human form: 36721 -> "36.721" (DESIGN.md, "Input and output").
#pragma once

#include <cstdint>
#include <string>

namespace klynge {

std::string danishCount(std::int64_t n);

} // namespace klynge
