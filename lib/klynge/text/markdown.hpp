// The documents are Markdown files; an e-mail carries the same text as plain
// text a mail program shows as it is (no "#", "**" or "|") and as HTML.
// Only the Markdown klynge's templates write: headings (#, ##), paragraphs,
// bullets (- ), numbered items, indented sub-items, **bold**, `code` and
// pipe tables.
#pragma once

#include <string>
#include <string_view>

namespace klynge {

std::string markdownToPlainText(std::string_view markdown);
// The body of an HTML document (the caller adds nothing: a whole <html>).
std::string markdownToHtml(std::string_view markdown, std::string_view title);

} // namespace klynge
