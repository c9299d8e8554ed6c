// klynge.toml (Config::parse). An accepted file's effective settings, written
// back as TOML the way `klynge config show` prints them, parse to the same
// settings.
#include "fuzz.hpp"

#include "klynge/store/config.hpp"

#include <optional>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace klynge;
    std::optional<Config> config;
    if (!FUZZ_PARSE(config.emplace(Config::parse(fuzz::text(data, size), "klynge.toml")))) return 0;
    const auto settings = config->effective();
    std::string written;
    for (const auto& s : settings)
        if (s.value) written += std::string(s.spec->key) + " = " + settingToToml(*s.value) + "\n";
    std::optional<Config> again;
    FUZZ_CHECK(FUZZ_PARSE(again.emplace(Config::parse(written, "shown.toml"))), written);
    const auto reread = again->effective();
    FUZZ_CHECK(reread.size() == settings.size());
    for (std::size_t i = 0; i < settings.size(); ++i)
        FUZZ_CHECK(reread[i].value == settings[i].value, std::string(settings[i].spec->key) + " in\n" + written);
    (void)config->clusterName();
    return 0;
}
