#include "klynge/text/validate.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

namespace klynge {
namespace {

// One decoded code point, or an invalid byte (valid == false, length 1).
struct CodePoint {
    char32_t value = 0;
    std::size_t length = 1;
    bool valid = true;
};

CodePoint decode(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return {b, 1, true};
    std::size_t len = 0;
    char32_t cp = 0, min = 0;
    if ((b >> 5) == 0x06) { len = 2; cp = b & 0x1Fu; min = 0x80; }
    else if ((b >> 4) == 0x0E) { len = 3; cp = b & 0x0Fu; min = 0x800; }
    else if ((b >> 3) == 0x1E) { len = 4; cp = b & 0x07u; min = 0x10000; }
    else return {b, 1, false};
    if (i + len > s.size()) return {b, 1, false};
    for (std::size_t k = 1; k < len; ++k) {
        const auto cont = static_cast<unsigned char>(s[i + k]);
        if ((cont & 0xC0) != 0x80) return {b, 1, false};
        cp = (cp << 6) | (cont & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {b, 1, false};
    return {cp, len, true};
}

bool isControl(char32_t cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F); }

// The names people know control characters by; the rest by code point.
std::string controlName(char32_t cp) {
    switch (cp) {
    case 0x00: return "a NUL byte (U+0000)";
    case 0x09: return "a tab";
    case 0x0A: return "a line break";
    case 0x0D: return "a line break (carriage return)";
    case 0x1B: return "the control character ESC (U+001B, a terminal escape sequence)";
    case 0x7F: return "the control character DEL (U+007F)";
    case 0x9B: return "the control character CSI (U+009B, a terminal escape sequence)";
    default: return fmt::format("the control character U+{:04X}", static_cast<std::uint32_t>(cp));
    }
}

std::string escaped(char32_t cp) {
    switch (cp) {
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return fmt::format("\\x{:02x}", static_cast<std::uint32_t>(cp));
    }
}

} // namespace

bool isValidUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = decode(s, i);
        if (!c.valid) return false;
        i += c.length;
    }
    return true;
}

std::size_t characterCount(std::string_view utf8) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < utf8.size(); ++n) i += decode(utf8, i).length;
    return n;
}

std::optional<std::string> textProblem(std::string_view value, bool lineBreaks) {
    std::size_t character = 0;
    for (std::size_t i = 0; i < value.size(); ++character) {
        auto c = decode(value, i);
        if (!c.valid)
            return fmt::format("is not valid UTF-8 (byte 0x{:02X} at character {})",
                               static_cast<unsigned>(static_cast<unsigned char>(value[i])), character + 1);
        const bool allowed = lineBreaks && (c.value == '\n' || c.value == '\r' || c.value == '\t');
        if (isControl(c.value) && !allowed) {
            if (c.value == '\n' || c.value == '\r') return std::string("contains a line break");
            return fmt::format("contains {} at character {}", controlName(c.value), character + 1);
        }
        i += c.length;
    }
    return std::nullopt;
}

namespace {

std::string escapedText(std::string_view value, std::size_t maxChars, bool quoteSafe) {
    std::string out;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < value.size(); ++characters) {
        if (characters == maxChars) {
            out += "…";
            break;
        }
        auto c = decode(value, i);
        if (!c.valid) out += fmt::format("\\x{:02x}", static_cast<unsigned>(static_cast<unsigned char>(value[i])));
        else if (isControl(c.value)) out += escaped(c.value);
        else if (quoteSafe && (c.value == '"' || c.value == '\\')) out += std::string("\\") + static_cast<char>(c.value);
        else out.append(value.substr(i, c.length));
        i += c.length;
    }
    return out;
}

} // namespace

std::string shown(std::string_view value, std::size_t maxChars) {
    return "\"" + escapedText(value, maxChars, true) + "\"";
}

std::string printableText(std::string_view value, std::size_t maxChars) {
    return escapedText(value, maxChars, false);
}

std::string checkedText(std::string_view value, std::string_view what, std::size_t maxChars, Blank blank) {
    if (auto problem = textProblem(value)) {
        if (*problem == "contains a line break")
            throw InvalidValue(fmt::format("{} contains a line break — write it on one line", what));
        throw InvalidValue(fmt::format("{} {} {} — {}", what, shown(value), *problem,
                                       problem->starts_with("is not valid UTF-8")
                                           ? "give the text as UTF-8 (a file from Windows: save it as UTF-8)"
                                           : "remove it; only printable characters belong in a text"));
    }
    if (blank == Blank::refused && value.find_first_not_of(" ") == std::string_view::npos)
        throw InvalidValue(fmt::format("{} is empty — give a text", what));
    if (auto n = characterCount(value); n > maxChars)
        throw InvalidValue(fmt::format("{} {} is {} characters long — at most {} are allowed; shorten it", what,
                                       shown(value, 40), n, maxChars));
    return std::string(value);
}

bool looksLikeUtf16(std::string_view firstBytes) {
    if (firstBytes.starts_with("\xFF\xFE") || firstBytes.starts_with("\xFE\xFF")) return true;
    // Without a byte order mark: ASCII text in UTF-16 has a NUL beside every
    // letter. Two such pairs among the first bytes are enough to tell.
    int pairs = 0;
    for (std::size_t i = 0; i + 1 < firstBytes.size() && i < 64; i += 2) {
        const char a = firstBytes[i], b = firstBytes[i + 1];
        if ((a == '\0') != (b == '\0')) ++pairs;
    }
    return pairs >= 2;
}

} // namespace klynge
