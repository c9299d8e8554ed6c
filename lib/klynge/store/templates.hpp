// The Danish document templates (templates/*.mustache), compiled in.
// A workspace's own templates/ copy wins over the built-in one.
#pragma once

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

struct BuiltinTemplate {
    std::string_view name; // file name, e.g. "kiap-registrering.md.mustache"
    std::string_view text;
};

const std::vector<BuiltinTemplate>& builtinTemplates();

// The template text: the workspace's templates/NAME if present, else built in.
// Throws ConfigError if neither exists.
std::string loadTemplate(const std::filesystem::path& workspaceRoot, std::string_view name);

// Renders a template for a Markdown or plain-text document. kainjow's
// default HTML escaping ("Bo & Co" -> "Bo &amp; Co") is wrong for these
// formats; values are inserted as written. Throws ConfigError naming the
// template when it does not parse.
std::string renderDocument(std::string_view name, const std::string& templateText,
                           const kainjow::mustache::data& data);

// Sections a template leaves out leave empty lines behind: at most one empty
// line between paragraphs.
std::string singleBlankLines(std::string text);

} // namespace klynge
