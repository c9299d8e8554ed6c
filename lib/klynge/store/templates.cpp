#include "klynge/store/templates.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace klynge {

std::string loadTemplate(const std::filesystem::path& workspaceRoot, std::string_view name) {
    auto own = workspaceRoot / "templates" / std::string(name);
    if (std::ifstream in(own, std::ios::binary); in) {
        std::stringstream buf;
        buf << in.rdbuf();
        return buf.str();
    }
    for (const auto& t : builtinTemplates())
        if (t.name == name) return std::string(t.text);
    throw ConfigError(fmt::format("no template {} — restore templates/{} from git or a new `klynge init`",
                                  name, name));
}

std::string renderDocument(std::string_view name, const std::string& templateText,
                           const kainjow::mustache::data& data) {
    kainjow::mustache::mustache tmpl(templateText);
    if (!tmpl.is_valid())
        throw ConfigError(fmt::format("templates/{}: {} — fix the template, or delete it to use the "
                                      "built-in one",
                                      name, tmpl.error_message()));
    tmpl.set_custom_escape([](const std::string& s) { return s; });
    std::string out = tmpl.render(data);
    if (!tmpl.is_valid())
        throw ConfigError(fmt::format("templates/{}: {} — fix the template", name, tmpl.error_message()));
    return out;
}

std::string singleBlankLines(std::string text) {
    for (auto at = text.find("\n\n\n"); at != std::string::npos; at = text.find("\n\n\n", at)) text.erase(at, 1);
    return text;
}

} // namespace klynge
