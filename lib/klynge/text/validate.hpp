// Free text at the edge (issue 11 §6): every name, e-mail, title, place,
// note, text, reason, motion, candidate, idea, task and agenda item, from the
// command line or from a CSV file, passes through here before it is stored.
// Text that is stored reaches documents, e-mail headers, .ics files, CSV
// exports and the terminal; a control character would corrupt each of them,
// and an escape sequence would let a roster file repaint the user's terminal.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace klynge {

// How long a text value may be, in characters (Unicode code points).
// The limits are generous for real values and small enough that one value
// cannot fill a document, a terminal or an e-mail header by itself.
namespace text_limit {
// A person's name: the CPR register keeps up to 34+34 characters for first
// and last names; 200 leaves room for double names, titles and a note in
// parentheses.
inline constexpr std::size_t personName = 200;
// RFC 5321 §4.5.3.1.3: a path is at most 256 octets including "<" and ">".
inline constexpr std::size_t email = 254;
// A title, place, motion, subject, practice or cluster name: one line in a
// document heading; 300 is four full lines of a printed notice.
inline constexpr std::size_t title = 300;
// A note, ledger text, reason, task description or agenda item: a paragraph.
inline constexpr std::size_t note = 2000;
// A short word-like value (a role, an office, a reference from SKAT).
inline constexpr std::size_t word = 100;
// The most characters of a bad value an error message shows.
inline constexpr std::size_t shown = 80;
} // namespace text_limit

enum class Blank { refused, allowed };

// Checks one line of text: valid UTF-8; no control character (C0 — which
// includes NUL, tab and line breaks —, DEL, or C1); not blank unless
// allowed; at most `maxChars` characters. Returns the value unchanged.
// Throws InvalidValue "WHAT ... — HOW", where `what` names the option or
// the CSV column ("--name", "name"); the value is shown escaped and cut to
// text_limit::shown characters.
std::string checkedText(std::string_view value, std::string_view what, std::size_t maxChars,
                        Blank blank = Blank::refused);

// What is wrong with a text, if anything: a sentence fragment such as
// `contains a line break` or `is not valid UTF-8 (byte 0xE6 at character 6)`.
// With `lineBreaks` true, LF, CR and tab are allowed (multi-line input).
std::optional<std::string> textProblem(std::string_view value, bool lineBreaks = false);

// Strict UTF-8: no stray continuation bytes, overlong forms or surrogates.
bool isValidUtf8(std::string_view s);
// Characters (code points) in valid UTF-8; invalid bytes count one each.
std::size_t characterCount(std::string_view utf8);

// A value as an error message may show it: in double quotes, control
// characters and invalid bytes escaped visibly (\n, \t, \x1b, \xff), and cut
// after `maxChars` characters with "…".
std::string shown(std::string_view value, std::size_t maxChars = text_limit::shown);
// The same without the quotes and without escaping '"' or '\\': only control
// characters and invalid bytes are escaped (for a whole message line).
std::string printableText(std::string_view value, std::size_t maxChars = std::string_view::npos);

// Whether the first bytes of a file say it is UTF-16 (a byte order mark
// FF FE or FE FF, or NUL bytes between ASCII letters).
bool looksLikeUtf16(std::string_view firstBytes);

} // namespace klynge
