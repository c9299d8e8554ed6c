#include "klynge/text/markdown.hpp"

#include <fmt/format.h>

#include <sstream>
#include <vector>

namespace klynge {
namespace {

std::vector<std::string> lines(std::string_view text) {
    std::vector<std::string> out;
    std::string line;
    std::istringstream in{std::string(text)};
    while (std::getline(in, line)) out.push_back(line);
    return out;
}

std::string stripInline(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.substr(i, 2) == "**") {
            ++i;
            continue;
        }
        if (s[i] == '`') continue;
        out += s[i];
    }
    return out;
}

std::string escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string inlineHtml(std::string_view s) {
    std::string out;
    bool bold = false, code = false;
    std::string e = escape(s);
    for (std::size_t i = 0; i < e.size(); ++i) {
        if (e.compare(i, 2, "**") == 0) {
            out += bold ? "</strong>" : "<strong>";
            bold = !bold;
            ++i;
        } else if (e[i] == '`') {
            out += code ? "</code>" : "<code>";
            code = !code;
        } else if (!code && e.compare(i, 8, "https://") == 0 && (i == 0 || e[i - 1] == ' ' || e[i - 1] == '(')) {
            // A web address (a meeting's --link) is a link to click; a
            // sentence's full stop or closing bracket after it is not part
            // of it. It is escaped already, so it goes into href as it is.
            auto end = e.find_first_of(" \t", i);
            if (end == std::string::npos) end = e.size();
            while (end > i + 8 && std::string_view(".,;:!?)").find(e[end - 1]) != std::string_view::npos) --end;
            const auto url = e.substr(i, end - i);
            out += "<a href=\"" + url + "\">" + url + "</a>";
            i = end - 1;
        } else {
            out += e[i];
        }
    }
    if (bold) out += "</strong>";
    if (code) out += "</code>";
    return out;
}

// Characters, not bytes, for underlining and padding UTF-8 text.
std::size_t width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::vector<std::string> cells(std::string_view row) {
    std::vector<std::string> out;
    std::string_view r = row;
    if (!r.empty() && r.front() == '|') r.remove_prefix(1);
    if (!r.empty() && r.back() == '|') r.remove_suffix(1);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= r.size(); ++i)
        if (i == r.size() || r[i] == '|') {
            std::string_view c = r.substr(start, i - start);
            while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
            while (!c.empty() && c.back() == ' ') c.remove_suffix(1);
            out.emplace_back(c);
            start = i + 1;
        }
    return out;
}

bool isSeparator(std::string_view row) {
    return row.find("---") != std::string_view::npos && row.find_first_not_of("|-: ") == std::string_view::npos;
}

bool numbered(std::string_view l) {
    std::size_t i = 0;
    while (i < l.size() && l[i] >= '0' && l[i] <= '9') ++i;
    return i > 0 && i + 1 < l.size() && l[i] == '.' && l[i + 1] == ' ';
}

} // namespace

std::string markdownToPlainText(std::string_view markdown) {
    std::string out;
    auto ls = lines(markdown);
    for (std::size_t i = 0; i < ls.size(); ++i) {
        const std::string& l = ls[i];
        if (l.starts_with("# ") || l.starts_with("## ") || l.starts_with("### ")) {
            const auto text = stripInline(l.substr(l.find(' ') + 1));
            out += text + "\n" + std::string(width(text), l.starts_with("# ") ? '=' : '-') + "\n";
        } else if (l.starts_with("|")) {
            // A table: columns padded to their widest cell.
            std::vector<std::vector<std::string>> rows;
            for (; i < ls.size() && ls[i].starts_with("|"); ++i)
                if (!isSeparator(ls[i])) {
                    auto cs = cells(ls[i]);
                    for (auto& c : cs) c = stripInline(c);
                    rows.push_back(cs);
                }
            --i;
            std::vector<std::size_t> widths;
            for (auto& r : rows)
                for (std::size_t c = 0; c < r.size(); ++c) {
                    if (widths.size() <= c) widths.push_back(0);
                    widths[c] = std::max(widths[c], width(r[c]));
                }
            for (auto& r : rows) {
                std::string line;
                for (std::size_t c = 0; c < r.size(); ++c) {
                    line += r[c];
                    if (c + 1 < r.size()) line += std::string(widths[c] - width(r[c]) + 3, ' ');
                }
                while (!line.empty() && line.back() == ' ') line.pop_back();
                out += "  " + line + "\n";
            }
        } else if (l.starts_with("- ")) {
            out += "• " + stripInline(l.substr(2)) + "\n";
        } else {
            out += stripInline(l) + "\n";
        }
    }
    return out;
}

std::string markdownToHtml(std::string_view markdown, std::string_view title) {
    std::string body;
    auto ls = lines(markdown);
    std::string paragraph;
    auto flush = [&] {
        if (!paragraph.empty()) body += "<p>" + paragraph + "</p>\n";
        paragraph.clear();
    };
    for (std::size_t i = 0; i < ls.size(); ++i) {
        const std::string& l = ls[i];
        if (l.empty()) {
            flush();
        } else if (l.size() >= 3 && l.find_first_not_of('-') == std::string::npos) {
            flush();
            body += "<hr>\n";
        } else if (l.starts_with("# ")) {
            flush();
            body += "<h1>" + inlineHtml(l.substr(2)) + "</h1>\n";
        } else if (l.starts_with("## ") || l.starts_with("### ")) {
            flush();
            body += "<h2>" + inlineHtml(l.substr(l.find(' ') + 1)) + "</h2>\n";
        } else if (l.starts_with("|")) {
            flush();
            body += "<table>\n";
            bool head = true;
            for (; i < ls.size() && ls[i].starts_with("|"); ++i) {
                if (isSeparator(ls[i])) continue;
                body += "<tr>";
                for (auto& c : cells(ls[i]))
                    body += fmt::format("<{0}>{1}</{0}>", head ? "th" : "td", inlineHtml(c));
                body += "</tr>\n";
                head = false;
            }
            --i;
            body += "</table>\n";
        } else if (l.starts_with("- ")) {
            flush();
            body += "<ul>\n";
            for (; i < ls.size() && ls[i].starts_with("- "); ++i) body += "<li>" + inlineHtml(ls[i].substr(2)) + "</li>\n";
            --i;
            body += "</ul>\n";
        } else {
            // Numbered items and their indented sub-items keep their own lines.
            if (!paragraph.empty()) paragraph += numbered(l) || l.starts_with(" ") ? "<br>\n" : "\n";
            std::string_view t = l;
            std::string indent;
            while (t.starts_with(" ")) {
                t.remove_prefix(1);
                indent += "&nbsp;";
            }
            paragraph += indent + inlineHtml(t);
        }
    }
    flush();
    return fmt::format("<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n"
                       "</head>\n<body style=\"font-family: sans-serif; max-width: 40em\">\n{}</body>\n</html>\n",
                       escape(title), body);
}

} // namespace klynge
