// A small cluster in an in-memory database, made once per fuzz process, for
// the targets whose parsers write records (member import, ledger import).
// Each input runs in a write transaction that is rolled back, so every input
// sees the same cluster.
#pragma once

#include "klynge/people/member.hpp"
#include "klynge/people/practice.hpp"
#include "klynge/people/role.hpp"
#include "klynge/store/config.hpp"
#include "klynge/store/store.hpp"

namespace klynge::fuzz {

inline Store& fixtureStore() {
    static Store store = [] {
        Store s = Store::create(":memory:");
        WriteTransaction tx(s, "fuzz fixture");
        const Date start = Date::parse("2020-01-01");
        for (auto [y, name] : {std::pair{"123456", "Lægerne Østerbro"}, {"234567", "Klinikken"},
                               {"345678", "Den gamle praksis"}})
            addPractice(s, {Ydernummer::parse(y), name, 5000, 3, start, start});
        leavePractice(s, Ydernummer::parse("345678"), Date::parse("2024-06-30"));
        auto anne = addMember(s, {"Anne Ærø", Email::parse("anne@example.dk"), Ydernummer::parse("123456"),
                                  Position::ejerlaege, Date::parse("2021-01-01")});
        addMember(s, {"Bo Berg", Email::parse("bo@example.dk"), Ydernummer::parse("234567"), Position::ansat,
                      Date::parse("2021-01-01")});
        auto carl = addMember(s, {"Carl Åberg", Email::parse("carl@example.dk"), Ydernummer::parse("123456"),
                                  Position::vikar, Date::parse("2021-01-01")});
        leaveMember(s, carl.id, Date::parse("2023-12-31"));
        assignRole(s, "koordinator", {anne.id, ""}, Date::parse("2022-01-01"), std::nullopt);
        tx.commit("fuzz fixture");
        return s;
    }();
    return store;
}

// The cluster's klynge.toml as init writes it: finance.model = "plo".
inline const Config& fixtureConfig() {
    static const Config config = Config::parse(
        initialConfigText({"Fuzzklyngen", "12345674", "København", "Hovedstaden", Date::parse("2020-01-01")}),
        "klynge.toml");
    return config;
}

// The same cluster keeping its own bank account (no PLO approval step).
inline const Config& ownAccountConfig() {
    static const Config config = [] {
        auto text =
            initialConfigText({"Fuzzklyngen", "12345674", "København", "Hovedstaden", Date::parse("2020-01-01")});
        text.insert(text.find("[finance]\n") + 10, "model = \"own-account\"\n");
        return Config::parse(text, "klynge.toml");
    }();
    return config;
}

// "today" for every rule, as KLYNGE_TODAY would fix it.
inline Date fixtureToday() { return Date::parse("2026-06-15"); }

} // namespace klynge::fuzz
