// klynge config show | get KEY | set KEY VALUE (klynge-config(1)).
#include "cli.hpp"

#include "klynge/store/temporary.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

namespace klynge::cli {
namespace {

out::Json settingJson(const SettingValue& v) {
    struct V {
        out::Json operator()(const std::string& s) const { return out::Json(s); }
        out::Json operator()(std::int64_t n) const { return out::Json(n); }
        out::Json operator()(bool b) const { return out::Json(b); }
        out::Json operator()(const Date& d) const { return out::Json(d.iso()); }
        out::Json operator()(const std::vector<std::string>& l) const {
            out::Json arr = out::Json::array();
            for (auto& s : l) arr.push(out::Json(s));
            return arr;
        }
    };
    return std::visit(V{}, v);
}

// Where a value comes from: "klynge.toml", "default", or the setting its
// default follows ("finance.model").
std::string fromText(const EffectiveSetting& s) {
    if (s.fromFile) return "klynge.toml";
    if (!s.follows.empty()) return fmt::format("default (follows {})", s.follows);
    return "default";
}

const SettingSpec& knownSetting(const std::string& key) {
    const auto* spec = findSetting(key);
    if (!spec) throw InvalidValue(fmt::format("unknown setting \"{}\" — `klynge config show` lists them", key));
    return *spec;
}

} // namespace

void registerConfig(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("config", "Show the effective settings of klynge.toml, with their defaults");
    grp->require_subcommand(1);

    grp->add_subcommand("show", "Every setting: its value, and whether it comes from klynge.toml or the default")
        ->callback([&ctx] {
            auto session = ctx.open(Store::Mode::readOnly);
            if (ctx.json()) {
                out::Json all = out::Json::array();
                for (auto& s : session.config().effective())
                    all.push(out::Json::object()
                                 .set("key", std::string(s.spec->key))
                                 .set("value", s.value ? settingJson(*s.value) : out::Json())
                                 .set("from", fromText(s))
                                 .set("source", std::string(s.spec->source)));
                return ctx.printJson(all);
            }
            out::Table t{{{"key", "SETTING"}, {"value", "VALUE"}, {"from", "FROM"}, {"source", "RULE"}}, {}};
            for (auto& s : session.config().effective())
                t.add({std::string(s.spec->key), s.value ? settingToToml(*s.value) : std::string("(not set)"),
                       fromText(s), std::string(s.spec->source)});
            ctx.print(t);
        });

    auto key = std::make_shared<std::string>();
    auto* get = grp->add_subcommand("get", "Print one setting's effective value (strings without quotes)");
    get->add_option("KEY", *key, "e.g. policy.voting_positions")->required();
    get->callback([&ctx, key] {
        auto session = ctx.open(Store::Mode::readOnly);
        knownSetting(*key);
        for (auto& s : session.config().effective())
            if (s.spec->key == *key) {
                if (!s.value)
                    throw RuleViolation(
                        fmt::format("{} is not set — set it with `klynge config set {} VALUE`", *key, *key));
                // Plain text for scripts (NAME=$(klynge config get cluster.name)); lists as TOML.
                const auto& v = *s.value;
                std::string plain = std::holds_alternative<std::string>(v) ? std::get<std::string>(v)
                                                                          : settingToToml(v);
                if (ctx.json()) ctx.printJson(settingJson(v));
                else ctx.out << plain << '\n';
            }
    });

    struct SetOptions {
        std::string key, value;
    };
    auto so = std::make_shared<SetOptions>();
    auto* set = grp->add_subcommand("set", "Change one setting in klynge.toml, keeping every other line as it is");
    set->add_option("KEY", so->key, "e.g. cluster.cvr or policy.notice_days")->required();
    set->add_option("VALUE", so->value, "The value as you would say it: 12345674, 14, true, 2026-03-01, "
                                        "ejerlæge,ansat (a list)")
        ->required();
    set->callback([&ctx, so] {
        auto session = ctx.open(Store::Mode::readWrite);
        const auto& spec = knownSetting(so->key);
        const auto literal = settingLiteral(spec, so->value);
        const auto file = session.paths().toml();
        const auto before = readSettingsFile(file);
        const auto after = withSetting(before, spec, literal.toml);
        // The whole file must still load, and hold the new value: a klynge.toml
        // written in a form set cannot edit line by line is left to the hand.
        const auto byHand = ConfigError(fmt::format("klynge.toml sets {} in a form `klynge config set` cannot "
                                                    "change line by line — edit klynge.toml by hand",
                                                    spec.key));
        std::optional<Config> changed;
        try {
            changed = Config::parse(after, "klynge.toml");
        } catch (const ConfigError&) {
            throw byHand;
        }
        const auto* now = changed->value(spec.key);
        if (!changed->fromFile(spec.key) || !now || settingToToml(*now) != settingToToml(literal.value)) throw byHand;
        if (after == before) return ctx.note(fmt::format("{} is already {}", spec.key, literal.toml));
        if (ctx.globals.dryRun) {
            ctx.err << fmt::format("dry run: would set {} = {} in klynge.toml\n", spec.key, literal.toml);
            return;
        }
        ctx.write(session, [&] {
            AtomicFile out(file, "klynge.toml", std::filesystem::status(file).permissions());
            out.stream() << after;
            out.commit();
            return fmt::format("set {} = {}", spec.key, literal.toml);
        });
        ctx.note(fmt::format("klynge.toml: {} = {}", spec.key, literal.toml));
    });
}

} // namespace klynge::cli
