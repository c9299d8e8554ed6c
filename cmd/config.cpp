// klynge config show | get KEY (klynge-config(1)).
#include "cli.hpp"

#include "klynge/error.hpp"

#include <fmt/format.h>

namespace klynge::cli {

void registerConfig(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("config", "Show the effective settings of klynge.toml, with their defaults");
    grp->require_subcommand(1);

    grp->add_subcommand("show", "Every setting: its value, and whether it comes from klynge.toml or the default")
        ->callback([&ctx] {
            auto session = ctx.open(Store::Mode::readOnly);
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
                if (ctx.json()) ctx.printJson(out::Json(plain));
                else ctx.out << plain << '\n';
            }
    });
}

} // namespace klynge::cli
