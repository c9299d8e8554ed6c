// Danish sort order for names: ... X, Y, Z, Æ, Ø, Å (DESIGN.md).
#pragma once

#include <string>
#include <string_view>

namespace klynge {

// A key whose byte order is Danish alphabetical order: case-insensitive at
// the first level (ties broken by the original text), Æ Ø Å after Z, Ä sorted
// as Æ, Ö as Ø, "Aa"/"aa" as Å, accented Latin letters (é, ü, ...) as their
// base letter.
std::string danishSortKey(std::string_view utf8);

// a < b in Danish order.
bool danishLess(std::string_view a, std::string_view b);

// Number of terminal columns a UTF-8 string takes (code points; no wide chars).
std::size_t displayWidth(std::string_view utf8);

} // namespace klynge
