#include "klynge/text/municipalities.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace klynge {
namespace {

constexpr std::string_view H = "Hovedstaden", S = "Sjælland", D = "Syddanmark", M = "Midtjylland", N = "Nordjylland";

constexpr std::array<Municipality, 98> table{{
    {"Albertslund", "Albertslund Kommune", H},     {"Allerød", "Allerød Kommune", H},
    {"Ballerup", "Ballerup Kommune", H},           {"Bornholm", "Bornholms Regionskommune", H},
    {"Brøndby", "Brøndby Kommune", H},             {"Dragør", "Dragør Kommune", H},
    {"Egedal", "Egedal Kommune", H},               {"Fredensborg", "Fredensborg Kommune", H},
    {"Frederiksberg", "Frederiksberg Kommune", H}, {"Frederikssund", "Frederikssund Kommune", H},
    {"Furesø", "Furesø Kommune", H},               {"Gentofte", "Gentofte Kommune", H},
    {"Gladsaxe", "Gladsaxe Kommune", H},           {"Glostrup", "Glostrup Kommune", H},
    {"Gribskov", "Gribskov Kommune", H},           {"Halsnæs", "Halsnæs Kommune", H},
    {"Helsingør", "Helsingør Kommune", H},         {"Herlev", "Herlev Kommune", H},
    {"Hillerød", "Hillerød Kommune", H},           {"Hvidovre", "Hvidovre Kommune", H},
    {"Høje-Taastrup", "Høje-Taastrup Kommune", H}, {"Hørsholm", "Hørsholm Kommune", H},
    {"Ishøj", "Ishøj Kommune", H},                 {"København", "Københavns Kommune", H},
    {"Lyngby-Taarbæk", "Lyngby-Taarbæk Kommune", H}, {"Rudersdal", "Rudersdal Kommune", H},
    {"Rødovre", "Rødovre Kommune", H},             {"Tårnby", "Tårnby Kommune", H},
    {"Vallensbæk", "Vallensbæk Kommune", H},
    {"Faxe", "Faxe Kommune", S},                   {"Greve", "Greve Kommune", S},
    {"Guldborgsund", "Guldborgsund Kommune", S},   {"Holbæk", "Holbæk Kommune", S},
    {"Kalundborg", "Kalundborg Kommune", S},       {"Køge", "Køge Kommune", S},
    {"Lejre", "Lejre Kommune", S},                 {"Lolland", "Lolland Kommune", S},
    {"Næstved", "Næstved Kommune", S},             {"Odsherred", "Odsherred Kommune", S},
    {"Ringsted", "Ringsted Kommune", S},           {"Roskilde", "Roskilde Kommune", S},
    {"Slagelse", "Slagelse Kommune", S},           {"Solrød", "Solrød Kommune", S},
    {"Sorø", "Sorø Kommune", S},                   {"Stevns", "Stevns Kommune", S},
    {"Vordingborg", "Vordingborg Kommune", S},
    {"Assens", "Assens Kommune", D},               {"Billund", "Billund Kommune", D},
    {"Esbjerg", "Esbjerg Kommune", D},             {"Fanø", "Fanø Kommune", D},
    {"Fredericia", "Fredericia Kommune", D},       {"Faaborg-Midtfyn", "Faaborg-Midtfyn Kommune", D},
    {"Haderslev", "Haderslev Kommune", D},         {"Kerteminde", "Kerteminde Kommune", D},
    {"Kolding", "Kolding Kommune", D},             {"Langeland", "Langeland Kommune", D},
    {"Middelfart", "Middelfart Kommune", D},       {"Nordfyn", "Nordfyns Kommune", D},
    {"Nyborg", "Nyborg Kommune", D},               {"Odense", "Odense Kommune", D},
    {"Svendborg", "Svendborg Kommune", D},         {"Sønderborg", "Sønderborg Kommune", D},
    {"Tønder", "Tønder Kommune", D},               {"Varde", "Varde Kommune", D},
    {"Vejen", "Vejen Kommune", D},                 {"Vejle", "Vejle Kommune", D},
    {"Ærø", "Ærø Kommune", D},                     {"Aabenraa", "Aabenraa Kommune", D},
    {"Favrskov", "Favrskov Kommune", M},           {"Hedensted", "Hedensted Kommune", M},
    {"Herning", "Herning Kommune", M},             {"Holstebro", "Holstebro Kommune", M},
    {"Horsens", "Horsens Kommune", M},             {"Ikast-Brande", "Ikast-Brande Kommune", M},
    {"Lemvig", "Lemvig Kommune", M},               {"Norddjurs", "Norddjurs Kommune", M},
    {"Odder", "Odder Kommune", M},                 {"Randers", "Randers Kommune", M},
    {"Ringkøbing-Skjern", "Ringkøbing-Skjern Kommune", M}, {"Samsø", "Samsø Kommune", M},
    {"Silkeborg", "Silkeborg Kommune", M},         {"Skanderborg", "Skanderborg Kommune", M},
    {"Skive", "Skive Kommune", M},                 {"Struer", "Struer Kommune", M},
    {"Syddjurs", "Syddjurs Kommune", M},           {"Viborg", "Viborg Kommune", M},
    {"Aarhus", "Aarhus Kommune", M},
    {"Brønderslev", "Brønderslev Kommune", N},     {"Frederikshavn", "Frederikshavn Kommune", N},
    {"Hjørring", "Hjørring Kommune", N},           {"Jammerbugt", "Jammerbugt Kommune", N},
    {"Læsø", "Læsø Kommune", N},                   {"Mariagerfjord", "Mariagerfjord Kommune", N},
    {"Morsø", "Morsø Kommune", N},                 {"Rebild", "Rebild Kommune", N},
    {"Thisted", "Thisted Kommune", N},             {"Vesthimmerland", "Vesthimmerlands Kommune", N},
    {"Aalborg", "Aalborg Kommune", N},
}};

// Lower case, æ ø å as ae oe aa, spaces trimmed: "Københavns Kommune" → "koebenhavns kommune".
std::string fold(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xC3 && i + 1 < s.size()) {
            auto d = static_cast<unsigned char>(s[++i]);
            if (d == 0xA6 || d == 0x86) out += "ae";
            else if (d == 0xB8 || d == 0x98) out += "oe";
            else if (d == 0xA5 || d == 0x85) out += "aa";
            else if (d == 0xA9 || d == 0x89) out += "e"; // é
            else out += static_cast<char>(d);
            continue;
        }
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += static_cast<char>(c);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

} // namespace

std::span<const Municipality> municipalities() { return table; }

std::optional<Municipality> findMunicipality(std::string_view text) {
    const auto t = fold(text);
    for (const auto& m : table)
        if (t == fold(m.name) || t == fold(m.official) || t == fold(m.name) + " kommune") return m;
    return std::nullopt;
}

std::optional<std::string_view> closestMunicipality(std::string_view text) {
    auto t = fold(text);
    for (std::string_view suffix : {" regionskommune", "s kommune", " kommune"})
        if (t.size() > suffix.size() && t.ends_with(suffix)) {
            t.resize(t.size() - suffix.size());
            break;
        }
    std::optional<std::string_view> best;
    std::size_t bestDistance = 0;
    for (const auto& m : table) {
        const auto d = distance(t, fold(m.name));
        if (!best || d < bestDistance) {
            best = m.name;
            bestDistance = d;
        }
    }
    // Close means a few letters wrong, not another name altogether.
    if (best && bestDistance <= std::max<std::size_t>(2, t.size() / 4)) return best;
    return std::nullopt;
}

std::string officialMunicipalityName(std::string_view text) {
    if (auto m = findMunicipality(text)) return std::string(m->official);
    return std::string(text);
}

} // namespace klynge
