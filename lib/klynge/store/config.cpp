#include "klynge/store/config.hpp"

#include "klynge/text/error.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <fstream>
#include <map>
#include <sstream>

namespace klynge {
namespace {

std::vector<std::string_view> splitChoices(std::string_view choices) {
    std::vector<std::string_view> out;
    while (!choices.empty()) {
        auto bar = choices.find('|');
        out.push_back(choices.substr(0, bar));
        if (bar == std::string_view::npos) break;
        choices.remove_prefix(bar + 1);
    }
    return out;
}

bool isChoice(const SettingSpec& spec, std::string_view v) {
    for (auto c : splitChoices(spec.choices))
        if (c == v) return true;
    return false;
}

std::string expectedForm(const SettingSpec& s) {
    switch (s.type) {
    case SettingType::text: return "a quoted string";
    case SettingType::cvr: return "a CVR number in quotes, like \"12345674\" (8 digits, modulus 11)";
    case SettingType::integer:
        return fmt::format("a whole number from {} to {}", s.min, s.max);
    case SettingType::boolean: return "true or false";
    case SettingType::date: return "a date, like 2018-11-15";
    case SettingType::choice:
        return fmt::format("one of \"{}\"", fmt::join(splitChoices(s.choices), "\", \""));
    case SettingType::choiceList:
        return fmt::format("a list of \"{}\"", fmt::join(splitChoices(s.choices), "\", \""));
    }
    return {};
}

// One place builds the "FILE:LINE:COL: ..." message (ninja's Lexer::Error habit).
[[noreturn]] void fail(const std::string& file, const toml::source_region& at, const std::string& what) {
    throw ConfigError(fmt::format("{}:{}:{}: {}", file, at.begin.line, at.begin.column, what));
}

SettingValue convert(const SettingSpec& spec, const toml::node& node, const std::string& file) {
    auto wrong = [&](const std::string& why) -> SettingValue {
        fail(file, node.source(),
             fmt::format("{} {} — expected {}", spec.key, why, expectedForm(spec)));
    };
    switch (spec.type) {
    case SettingType::text: {
        auto s = node.value<std::string>();
        if (!s || node.type() != toml::node_type::string) return wrong("has the wrong type");
        if (spec.required && s->find_first_not_of(' ') == std::string::npos) return wrong("is empty");
        // Every text setting reaches documents, e-mail headers or the terminal.
        if (auto problem = textProblem(*s)) return wrong(fmt::format("{} {}", shown(*s), *problem));
        if (characterCount(*s) > text_limit::title)
            return wrong(fmt::format("is {} characters long (at most {})", characterCount(*s), text_limit::title));
        return *s;
    }
    case SettingType::cvr: {
        if (node.type() != toml::node_type::string) return wrong("has the wrong type");
        auto s = *node.value<std::string>();
        try {
            return Cvr::parse(s).str();
        } catch (const Error& e) {
            return wrong(fmt::format("is not valid ({})", e.what()));
        }
    }
    case SettingType::integer: {
        if (node.type() != toml::node_type::integer) return wrong("has the wrong type");
        auto v = *node.value<std::int64_t>();
        if (v < spec.min || v > spec.max) return wrong(fmt::format("is {}", v));
        return v;
    }
    case SettingType::boolean: {
        if (node.type() != toml::node_type::boolean) return wrong("has the wrong type");
        return *node.value<bool>();
    }
    case SettingType::date: {
        if (auto d = node.as_date()) {
            auto v = d->get();
            try {
                return Date(v.year, v.month, v.day);
            } catch (const Error&) {
                return wrong("is not a real date");
            }
        }
        if (auto s = node.as_string())
            if (auto d = Date::tryParse(s->get())) return *d;
        return wrong("is not a date");
    }
    case SettingType::choice: {
        auto s = node.as_string();
        if (!s) return wrong("has the wrong type");
        if (!isChoice(spec, s->get())) return wrong(fmt::format("is \"{}\"", s->get()));
        return s->get();
    }
    case SettingType::choiceList: {
        auto arr = node.as_array();
        if (!arr) return wrong("has the wrong type");
        std::vector<std::string> out;
        for (auto& el : *arr) {
            auto s = el.as_string();
            if (!s || !isChoice(spec, s->get()))
                fail(file, el.source(),
                     fmt::format("{} has an unknown entry — expected {}", spec.key, expectedForm(spec)));
            out.push_back(s->get());
        }
        return out;
    }
    }
    return wrong("has an unknown type");
}

} // namespace

namespace config_detail {
namespace {

// Whether a comment's bytes are ones toml++ takes: UTF-8, and no control
// character but a tab (a CR only before the line's LF).
bool plainComment(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    for (const char ch : line) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
    }
    return isValidUtf8(line);
}

enum class Open { none, basic, literal }; // the multi-line string a line ends in

// Where a line leaves the multi-line strings, read from `open`: a line of
// TOML's strings, comments and other text (whatever is wrong, toml++ says).
Open afterLine(std::string_view line, Open open) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (open == Open::basic) {
            if (c == '\\') ++i; // an escape: the next character is not a quote
            else if (line.compare(i, 3, "\"\"\"") == 0) open = Open::none, i += 2;
        } else if (open == Open::literal) {
            if (line.compare(i, 3, "'''") == 0) open = Open::none, i += 2;
        } else if (c == '#') {
            return open; // a comment to the end of the line
        } else if (line.compare(i, 3, "\"\"\"") == 0) {
            open = Open::basic, i += 2;
        } else if (line.compare(i, 3, "'''") == 0) {
            open = Open::literal, i += 2;
        } else if (c == '"') {
            for (++i; i < line.size() && line[i] != '"'; ++i)
                if (line[i] == '\\') ++i;
        } else if (c == '\'') {
            for (++i; i < line.size() && line[i] != '\''; ++i) {}
        }
    }
    return open;
}

} // namespace

std::string withoutCommentLines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    Open open = Open::none;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto line = text.substr(0, end);
        const auto start = line.find_first_not_of(" \t");
        const bool comment = open == Open::none && start != std::string_view::npos && line[start] == '#';
        if (comment && plainComment(line)) {
            // left empty
        } else {
            out += line;
            if (!comment) open = afterLine(line, open);
        }
        if (end == std::string_view::npos) break;
        out += '\n';
        text.remove_prefix(end + 1);
    }
    return out;
}

} // namespace config_detail

namespace {

toml::table parseToml(std::string_view text, const std::string& file) {
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        fail(file, e.source(), fmt::format("{} — fix the TOML syntax", e.description()));
    }
}

// Defaults are TOML literals in the tables (settingSpecs, derivedDefaults),
// parsed the same way as the file: all of them as one document, once (one
// parse each was a tenth of `klynge status`'s own instructions).
struct BuiltInDefaults {
    std::map<std::string_view, SettingValue> plain;  // by key
    std::vector<SettingValue> derived;               // in derivedDefaults()'s order
};

const BuiltInDefaults& builtInDefaults() {
    static const BuiltInDefaults parsed = [] {
        std::string text;
        const auto specs = settingSpecs();
        for (std::size_t i = 0; i < specs.size(); ++i)
            if (!specs[i].defaultToml.empty()) text += fmt::format("s{} = {}\n", i, specs[i].defaultToml);
        const auto derived = derivedDefaults();
        for (std::size_t i = 0; i < derived.size(); ++i) text += fmt::format("d{} = {}\n", i, derived[i].defaultToml);
        auto doc = parseToml(text, "<built-in default>");
        BuiltInDefaults out;
        for (std::size_t i = 0; i < specs.size(); ++i)
            if (!specs[i].defaultToml.empty())
                out.plain.emplace(specs[i].key,
                                  convert(specs[i], *doc.get(fmt::format("s{}", i)), "<built-in default>"));
        for (std::size_t i = 0; i < derived.size(); ++i)
            out.derived.push_back(
                convert(*findSetting(derived[i].key), *doc.get(fmt::format("d{}", i)), "<built-in default>"));
        return out;
    }();
    return parsed;
}

// Settings with a default always have a value; asking for an unknown key or
// the wrong type is a programming error, reported rather than crashed on.
template <class T>
const T& typed(const SettingValue* v, std::string_view key) {
    if (v)
        if (const T* t = std::get_if<T>(v)) return *t;
    throw ConfigError(fmt::format("setting {} has no value of the expected type — please report this", key));
}

// What a derived default is when the setting it follows has its own default
// (the commented line init writes).
std::string_view derivedDefaultToml(std::string_view key) {
    for (const auto& d : derivedDefaults()) {
        if (d.key != key) continue;
        const auto* from = findSetting(d.from);
        if (from && from->defaultToml == fmt::format("\"{}\"", d.fromValue)) return d.defaultToml;
    }
    return {};
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

// "name = ..." (or "name=...") for the bare key `name`.
bool setsKey(std::string_view line, std::string_view name) {
    line = trimmed(line);
    if (line.substr(0, name.size()) != name) return false;
    return trimmed(line.substr(name.size())).substr(0, 1) == "=";
}

// The section a "[section]" line opens, or "" for any other line.
std::string_view sectionOf(std::string_view line) {
    line = trimmed(line);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = trimmed(line.substr(0, hash));
    if (line.size() < 3 || line.front() != '[' || line.back() != ']' || line[1] == '[') return {};
    return trimmed(line.substr(1, line.size() - 2));
}

} // namespace

std::string withSetting(std::string_view text, const SettingSpec& spec, std::string_view toml) {
    auto dot = spec.key.find('.');
    auto section = spec.key.substr(0, dot);
    auto name = spec.key.substr(dot + 1);
    std::vector<std::string_view> lines;
    for (std::string_view rest = text; !rest.empty();) {
        auto nl = rest.find('\n');
        lines.push_back(rest.substr(0, nl == std::string_view::npos ? rest.size() : nl + 1));
        rest.remove_prefix(lines.back().size());
    }
    const std::string newLine = fmt::format("{} = {}\n", name, toml);
    std::optional<std::size_t> set, commented, lastInSection, header;
    std::size_t setEnd = 0;
    std::string_view current;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (auto sec = sectionOf(lines[i]); !sec.empty()) {
            current = sec;
            if (sec == section) header = lastInSection = i;
            continue;
        }
        if (current != section) continue;
        if (!trimmed(lines[i]).empty()) lastInSection = i;
        if (!set && setsKey(lines[i], name)) {
            set = i;
            setEnd = i + 1;
            // A list written over several lines ends with the line that closes it.
            auto value = trimmed(lines[i].substr(lines[i].find('=') + 1));
            if (value.substr(0, 1) == "[" && value.find(']') == std::string_view::npos)
                while (setEnd < lines.size() && lines[setEnd - 1].find(']') == std::string_view::npos) ++setEnd;
        } else if (!commented && trimmed(lines[i]).substr(0, 1) == "#") {
            auto after = trimmed(trimmed(lines[i]).substr(1));
            if (setsKey(after, name)) commented = i;
        }
    }
    std::string out;
    auto keep = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) out += lines[i];
    };
    if (set) {
        keep(0, *set);
        out += newLine;
        keep(setEnd, lines.size());
    } else if (commented) {
        // The comment above it (help and source) stays; the default line becomes the setting.
        keep(0, *commented);
        out += newLine;
        keep(*commented + 1, lines.size());
    } else if (header) {
        keep(0, *lastInSection + 1);
        if (!out.empty() && out.back() != '\n') out += '\n';
        out += newLine;
        keep(*lastInSection + 1, lines.size());
    } else {
        out = std::string(text);
        if (!out.empty() && out.back() != '\n') out += '\n';
        out += fmt::format("\n[{}]\n{}", section, newLine);
    }
    return out;
}

SettingLiteral settingLiteral(const SettingSpec& spec, std::string_view value) {
    auto bad = [&](const std::string& why) {
        return InvalidValue(fmt::format("{} {} — expected {}", spec.key, why, expectedForm(spec)));
    };
    std::string literal;
    switch (spec.type) {
    case SettingType::integer: {
        auto digits = value.substr(value.substr(0, 1) == "-" ? 1 : 0);
        if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string_view::npos)
            throw bad(fmt::format("cannot be \"{}\"", value));
        literal = std::string(value);
        break;
    }
    case SettingType::boolean:
        if (value != "true" && value != "false") throw bad(fmt::format("cannot be \"{}\"", value));
        literal = std::string(value);
        break;
    case SettingType::date:
        if (auto d = Date::tryParse(value)) literal = d->iso();
        else throw bad(fmt::format("cannot be \"{}\"", value));
        break;
    case SettingType::choiceList: {
        std::vector<std::string> items;
        for (std::string_view rest = value; !rest.empty();) {
            auto comma = rest.find(',');
            auto item = trimmed(rest.substr(0, comma));
            if (!item.empty()) items.emplace_back(item);
            rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
        }
        literal = settingToToml(SettingValue(items));
        break;
    }
    case SettingType::text:
    case SettingType::cvr:
    case SettingType::choice: literal = settingToToml(SettingValue(std::string(value))); break;
    }
    // The same validation as the file's: a value that set would write is one load accepts.
    try {
        auto doc = parseToml(fmt::format("v = {}", literal), "<value>");
        auto v = convert(spec, *doc.get("v"), "<value>");
        return {settingToToml(v), v}; // as klynge.toml would normally write it: "12345674", not "1234 5674"
    } catch (const ConfigError& e) {
        std::string_view msg = e.what();
        auto at = msg.find(spec.key);
        throw InvalidValue(std::string(at == std::string_view::npos ? msg : msg.substr(at)));
    }
}

std::string readSettingsFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ConfigError(fmt::format("cannot read {} — check that it exists and is readable",
                                      file.string()));
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

Config Config::load(const std::filesystem::path& file) {
    return parse(readSettingsFile(file), file.filename().string());
}

Config Config::parse(std::string_view text, const std::string& file) {
    auto doc = parseToml(config_detail::withoutCommentLines(text), file);
    Config cfg;
    for (auto&& [section, node] : doc) {
        auto* table = node.as_table();
        if (!table)
            fail(file, section.source(),
                 fmt::format("\"{}\" is not a known section — settings live in sections such as "
                             "[cluster] and [policy]; see `klynge config show`",
                             section.str()));
        for (auto&& [key, value] : *table) {
            std::string full = fmt::format("{}.{}", section.str(), key.str());
            const SettingSpec* spec = findSetting(full);
            if (!spec)
                fail(file, key.source(),
                     fmt::format("unknown setting \"{}\" — check the spelling; `klynge config show` "
                                 "lists every setting",
                                 full));
            cfg.values_[full] = convert(*spec, value, file);
            cfg.fromFile_[full] = true;
        }
    }
    for (const auto& spec : settingSpecs()) {
        if (cfg.values_.count(spec.key)) continue;
        if (spec.required)
            throw ConfigError(fmt::format("{}: the required setting {} is missing — add it, {}",
                                          file, spec.key, expectedForm(spec)));
        if (!spec.defaultToml.empty()) cfg.values_[std::string(spec.key)] = builtInDefaults().plain.at(spec.key);
    }
    const auto derived = derivedDefaults();
    for (std::size_t i = 0; i < derived.size(); ++i) {
        const auto& d = derived[i];
        if (cfg.fromFile_.count(d.key)) continue;
        auto* from = cfg.find(d.from);
        if (!from || !std::holds_alternative<std::string>(*from) || std::get<std::string>(*from) != d.fromValue)
            continue;
        cfg.values_[std::string(d.key)] = builtInDefaults().derived[i];
        cfg.follows_[std::string(d.key)] = d.from;
    }
    return cfg;
}

std::optional<std::string> Config::clusterCvr() const {
    auto v = optionalText("cluster.cvr");
    if (!v || v->empty()) return std::nullopt;
    return v;
}

std::string Config::requireCvr(std::string_view what) const {
    if (auto v = clusterCvr()) return *v;
    throw ConfigError(fmt::format("{}, and the cluster has no CVR number yet — once virk.dk has registered the "
                                  "association, record it: klynge config set cluster.cvr NNNNNNNN",
                                  what));
}

const SettingValue* Config::find(std::string_view key) const {
    auto it = values_.find(key);
    return it == values_.end() ? nullptr : &it->second;
}

std::string Config::text(std::string_view key) const {
    auto v = optionalText(key);
    return v ? *v : std::string();
}

std::optional<std::string> Config::optionalText(std::string_view key) const {
    auto* v = find(key);
    if (!v) return std::nullopt;
    return typed<std::string>(v, key);
}

std::int64_t Config::integer(std::string_view key) const { return typed<std::int64_t>(find(key), key); }
bool Config::boolean(std::string_view key) const { return typed<bool>(find(key), key); }

std::optional<Date> Config::date(std::string_view key) const {
    auto* v = find(key);
    if (!v) return std::nullopt;
    return typed<Date>(v, key);
}

std::vector<std::string> Config::list(std::string_view key) const {
    auto* v = find(key);
    return v ? typed<std::vector<std::string>>(v, key) : std::vector<std::string>{};
}

std::vector<EffectiveSetting> Config::effective() const {
    std::vector<EffectiveSetting> out;
    for (const auto& spec : settingSpecs()) {
        auto* v = find(spec.key);
        auto f = follows_.find(spec.key);
        out.push_back({&spec, v ? std::optional<SettingValue>(*v) : std::nullopt, fromFile_.count(spec.key) > 0,
                       f == follows_.end() ? std::string_view() : f->second});
    }
    return out;
}

std::string settingToToml(const SettingValue& v) {
    struct Visitor {
        // A TOML basic string: double quotes, with the escapes TOML requires.
        std::string operator()(const std::string& s) const {
            std::string out = "\"";
            for (unsigned char c : s) {
                if (c == '"' || c == '\\') out += {'\\', static_cast<char>(c)};
                else if (c == '\n') out += "\\n";
                else if (c == '\t') out += "\\t";
                else if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04X}", c);
                else out += static_cast<char>(c);
            }
            return out + "\"";
        }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const Date& d) const { return d.iso(); }
        std::string operator()(const std::vector<std::string>& l) const {
            std::vector<std::string> q;
            for (auto& s : l) q.push_back((*this)(s));
            return fmt::format("[{}]", fmt::join(q, ", "));
        }
    };
    return std::visit(Visitor{}, v);
}

std::string initialConfigText(const ClusterIdentity& id) {
    std::string out =
        "# klynge.toml — this cluster's identity and policy.\n"
        "# Written by `klynge init`; from now on it is yours to edit, by hand or one line\n"
        "# at a time with `klynge config set KEY VALUE`. Commented lines show the default\n"
        "# that applies (the standard bylaws); uncomment and change a line where your\n"
        "# bylaws differ. `klynge config show` prints the effective settings.\n";
    std::string_view section;
    auto quoted = [](const std::string& s) { return settingToToml(SettingValue(s)); };
    for (const auto& spec : settingSpecs()) {
        auto dot = spec.key.find('.');
        auto sec = spec.key.substr(0, dot);
        auto name = spec.key.substr(dot + 1);
        if (sec != section) {
            out += fmt::format("\n[{}]\n", sec);
            section = sec;
        }
        out += fmt::format("# {} {}\n", spec.help, spec.source);
        std::string value;
        if (spec.key == "cluster.name") value = quoted(id.name);
        else if (spec.key == "cluster.cvr" && !id.cvr.empty()) value = quoted(id.cvr);
        else if (spec.key == "cluster.municipality") value = quoted(id.municipality);
        else if (spec.key == "cluster.region") value = quoted(id.region);
        else if (spec.key == "cluster.founded" && id.founded) value = id.founded->iso();
        if (!value.empty())
            out += fmt::format("{} = {}\n", name, value);
        else if (!spec.defaultToml.empty())
            out += fmt::format("# {} = {}\n", name, spec.defaultToml);
        else if (auto d = derivedDefaultToml(spec.key); !d.empty())
            out += fmt::format("# {} = {}\n", name, d);
        else
            out += fmt::format("# {} = {}\n", name, spec.type == SettingType::date ? "YYYY-MM-DD" : "\"\"");
    }
    return out;
}

} // namespace klynge
