// The 98 Danish municipalities (kommuner) with their official names, which
// are not a regular genitive ("Københavns Kommune" but "Frederiksberg
// Kommune", "Bornholms Regionskommune"), and their regions (DANISH.md rule 6).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace klynge {

struct Municipality {
    std::string_view name;     // as klynge.toml holds it: "København"
    std::string_view official; // "Københavns Kommune"
    std::string_view region;   // "Hovedstaden" (the official name is "Region Hovedstaden")
};

std::span<const Municipality> municipalities();

// "København", "københavn", "Koebenhavn", "Københavns Kommune": the same
// municipality; nullopt for none.
std::optional<Municipality> findMunicipality(std::string_view text);

// The closest name to a typing error ("Kobenhvn" → "København"), if one is close.
std::optional<std::string_view> closestMunicipality(std::string_view text);

// The official name of the municipality klynge.toml names; the text itself
// when it names none (a workspace made before the table; `check` warns).
std::string officialMunicipalityName(std::string_view text);

} // namespace klynge
