// Danish alphabetical order for names (DESIGN.md: "... Z, Æ, Ø, Å").
//
// The key is a sequence of primary weights (letters case-folded, accents
// dropped, Danish letters after z), a 0x00 separator, then the original bytes.
// Byte order of the keys is therefore: Danish order first, and among names
// that are equal at that level, the plain byte order — total and deterministic.
#include "klynge/text/collate.hpp"

#include <string_view>

namespace klynge {
namespace {

constexpr char32_t invalidByte = 0xFFFD;

// Decodes one UTF-8 code point at `pos` and advances past it. An invalid or
// truncated sequence yields U+FFFD and consumes one byte, so no input is fatal.
char32_t decode(std::string_view s, std::size_t& pos) {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    const std::size_t len = b0 < 0x80            ? 1
                            : (b0 >> 5) == 0x06  ? 2
                            : (b0 >> 4) == 0x0E  ? 3
                            : (b0 >> 3) == 0x1E  ? 4
                                                 : 0;
    if (len == 0 || pos + len > s.size()) {
        ++pos;
        return invalidByte;
    }
    char32_t cp = len == 1 ? b0 : b0 & (0x7F >> len);
    for (std::size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[pos + i]);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return invalidByte;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    pos += len;
    return cp;
}

// Base letters with '{' '|' '}' standing for æ ø å (the three ASCII codes
// after 'z', so the weight is simply c - 'a'). '?' means "not folded here".
// U+00C0..U+00FF. Danish convention: Ä as Æ, Ö as Ø, Ü as Y.
constexpr std::string_view latin1 =
    "aaaa{}{ceeeeiiii" "dnoooo|?|uuuyy??"
    "aaaa{}{ceeeeiiii" "dnoooo|?|uuuyy?y";
// U+0100..U+017F (Latin Extended-A: Polish, Czech, Turkish, Baltic names ...).
constexpr std::string_view latinExtA =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "??" "jj" "kkk"
    "llllllllll" "nnnnnnnnn" "oooooo" "??" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww"
    "yyy" "zzzzzz" "s";
static_assert(latin1.size() == 64 && latinExtA.size() == 128);

// Primary weights. All are below 0x80 except the bytes of "other" code points.
constexpr char space = 0x01;
constexpr char punctuation = 0x02;
constexpr char digit0 = 0x10;
constexpr char letterA = 0x20; // a..z, then æ ø å
constexpr char other = 0x50;   // followed by the code point in three 7-bit bytes

constexpr char letterWeight(char base) { return static_cast<char>(letterA + (base - 'a')); }
constexpr char weightAe = letterWeight('{');
constexpr char weightOe = letterWeight('|');
constexpr char weightAa = letterWeight('}');

// Several letters for one code point: ß → ss, Æ-like ligatures, thorn.
std::string_view expansion(char32_t cp) {
    switch (cp) {
    case 0xDF: return "ss";
    case 0xDE: case 0xFE: return "th";
    case 0x132: case 0x133: return "ij";
    case 0x152: case 0x153: return "|"; // œ sorts as ø in Danish
    default: return {};
    }
}

void appendOther(std::string& key, char32_t cp) {
    key += other;
    key += static_cast<char>(0x80 | ((cp >> 14) & 0x7F));
    key += static_cast<char>(0x80 | ((cp >> 7) & 0x7F));
    key += static_cast<char>(0x80 | (cp & 0x7F));
}

// Combining marks (decomposed input, as macOS produces) change the letter
// before them: A + ring is Å, o + stroke or diaeresis is Ø, ...; the rest
// are accents and are ignored at the primary level.
void applyCombining(std::string& key, char32_t mark) {
    if (key.empty()) return;
    char& last = key.back();
    const bool ring = mark == 0x30A, diaeresis = mark == 0x308, stroke = mark == 0x338;
    if (last == letterWeight('a') && ring) last = weightAa;
    else if (last == letterWeight('a') && diaeresis) last = weightAe;
    else if (last == letterWeight('o') && (diaeresis || stroke)) last = weightOe;
    else if (last == letterWeight('u') && diaeresis) last = letterWeight('y');
}

// The folded base letter of cp ('a'..'z', '{' '|' '}'), or 0.
char baseLetter(char32_t cp) {
    if (cp >= 'a' && cp <= 'z') return static_cast<char>(cp);
    if (cp >= 'A' && cp <= 'Z') return static_cast<char>(cp - 'A' + 'a');
    char c = '?';
    if (cp >= 0xC0 && cp <= 0xFF) c = latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) c = latinExtA[cp - 0x100];
    return c == '?' ? 0 : c;
}

bool isPlainA(std::string_view s, std::size_t pos) {
    return pos < s.size() && (s[pos] == 'a' || s[pos] == 'A');
}

} // namespace

std::string danishSortKey(std::string_view utf8) {
    std::string key;
    key.reserve(utf8.size() * 2 + 1);
    for (std::size_t pos = 0; pos < utf8.size();) {
        // Danish spelling before 1948, still in names: "Aa" is Å (Aagaard, Aabenraa).
        if (isPlainA(utf8, pos) && isPlainA(utf8, pos + 1)) {
            key += weightAa;
            pos += 2;
            continue;
        }
        const char32_t cp = decode(utf8, pos);
        if (cp >= 0x300 && cp <= 0x36F) {
            applyCombining(key, cp);
        } else if (auto exp = expansion(cp); !exp.empty()) {
            for (char c : exp) key += letterWeight(c);
        } else if (char base = baseLetter(cp); base != 0) {
            key += letterWeight(base);
        } else if (cp >= '0' && cp <= '9') {
            key += static_cast<char>(digit0 + (cp - '0'));
        } else if (cp == ' ' || cp == '\t' || cp == 0xA0) {
            key += space;
        } else if (cp < 0x80 || (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7) {
            key += punctuation;
        } else {
            appendOther(key, cp);
        }
    }
    key += '\0';
    key.append(utf8);
    return key;
}

bool danishLess(std::string_view a, std::string_view b) {
    return danishSortKey(a) < danishSortKey(b);
}

std::size_t displayWidth(std::string_view utf8) {
    std::size_t width = 0;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t cp = decode(utf8, pos);
        // Combining marks share the column of the letter before them.
        if (cp < 0x300 || cp > 0x36F) ++width;
    }
    return width;
}

} // namespace klynge
