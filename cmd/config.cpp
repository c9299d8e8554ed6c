// klynge config show | get KEY (klynge-config(1)).
#include "cli.hpp"

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
                                 .set("from", std::string(s.fromFile ? "klynge.toml" : "default"))
                                 .set("source", std::string(s.spec->source)));
                return ctx.printJson(all);
            }
            out::Table t{{{"key", "SETTING"}, {"value", "VALUE"}, {"from", "FROM"}, {"source", "RULE"}}, {}};
            for (auto& s : session.config().effective())
                t.add({std::string(s.spec->key), s.value ? settingToToml(*s.value) : std::string("(not set)"),
                       std::string(s.fromFile ? "klynge.toml" : "default"), std::string(s.spec->source)});
            ctx.print(t);
        });

    auto key = std::make_shared<std::string>();
    auto* get = grp->add_subcommand("get", "Print one setting's effective value (strings without quotes)");
    get->add_option("KEY", *key, "e.g. policy.voting_positions")->required();
    get->callback([&ctx, key] {
        auto session = ctx.open(Store::Mode::readOnly);
        if (!findSetting(*key))
            throw InvalidValue(fmt::format("unknown setting \"{}\" — `klynge config show` lists them", *key));
        for (auto& s : session.config().effective())
            if (s.spec->key == *key) {
                if (!s.value) throw RuleViolation(fmt::format("{} is not set — set it in klynge.toml", *key));
                // Plain text for scripts (NAME=$(klynge config get cluster.name)); lists as TOML.
                const auto& v = *s.value;
                std::string plain = std::holds_alternative<std::string>(v) ? std::get<std::string>(v)
                                                                          : settingToToml(v);
                if (ctx.json()) ctx.printJson(settingJson(v));
                else ctx.out << plain << '\n';
            }
    });
}

} // namespace klynge::cli
