// The e-mail's plain text and HTML from the Markdown documents (lib/klynge/text/markdown).
#include "klynge/text/markdown.hpp"

#include <doctest/doctest.h>

#include <string>

using klynge::markdownToHtml;
using klynge::markdownToPlainText;

TEST_CASE("plain text has no Markdown syntax") {
    const std::string md = "# Indkaldelse: Møde\n\n- **Tid:** Fredag kl. 17.00\n\n## Dagsorden\n\n1. Velkomst\n"
                           "    a. Præsentation\n\n| Læge | Stemmeret |\n|---|---|\n| Anne Ærø | ja |\n| Bo | nej |\n";
    const auto text = markdownToPlainText(md);
    CHECK(text == "Indkaldelse: Møde\n=================\n\n• Tid: Fredag kl. 17.00\n\nDagsorden\n---------\n\n"
                  "1. Velkomst\n    a. Præsentation\n\n  Læge       Stemmeret\n  Anne Ærø   ja\n  Bo         nej\n");
    CHECK(text.find("**") == std::string::npos);
    CHECK(text.find('|') == std::string::npos);
}

TEST_CASE("HTML: headings, bullets, items, tables, escaping") {
    const auto html = markdownToHtml("# A & B\n\n- **Tid:** 17.00\n\n1. Et\n2. To <x>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
                                     "\n----\n",
                                     "Emne \"x\"");
    CHECK(html.find("<title>Emne &quot;x&quot;</title>") != std::string::npos);
    CHECK(html.find("<h1>A &amp; B</h1>") != std::string::npos);
    CHECK(html.find("<li><strong>Tid:</strong> 17.00</li>") != std::string::npos);
    CHECK(html.find("<p>1. Et<br>\n2. To &lt;x&gt;</p>") != std::string::npos);
    CHECK(html.find("<tr><th>a</th><th>b</th></tr>\n<tr><td>1</td><td>2</td></tr>") != std::string::npos);
    CHECK(html.find("<hr>") != std::string::npos);
    CHECK(html.find("<html lang=\"da\">") != std::string::npos);
}

TEST_CASE("HTML: a web address is a link, without the sentence's punctuation, not inside code") {
    const auto html = markdownToHtml("Du kan deltage online via https://meet.example.dk/k?a=1&b=2.\n\n"
                                     "- **Link til mødet:** https://meet.example.dk/kol (kl. 17)\n\n"
                                     "Se `https://ikke.et.link` og xhttps://heller.ikke\n",
                                     "Møde");
    CHECK(html.find("via <a href=\"https://meet.example.dk/k?a=1&amp;b=2\">https://meet.example.dk/k?a=1&amp;b=2</a>."
                    "</p>") != std::string::npos);
    CHECK(html.find("<strong>Link til mødet:</strong> <a href=\"https://meet.example.dk/kol\">"
                    "https://meet.example.dk/kol</a> (kl. 17)") != std::string::npos);
    CHECK(html.find("<code>https://ikke.et.link</code>") != std::string::npos);
    CHECK(html.find("href=\"https://heller.ikke") == std::string::npos);
    CHECK(html.find("href=\"https://ikke") == std::string::npos);
}
