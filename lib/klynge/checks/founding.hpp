// A cluster being founded: the steps seed 000 lists before the grant can be
// paid ("De fire ting er forudsætning for, at I kan få oprettet en
// foreningskonto i banken og få klyngetilskuddet udbetalt") and before the
// cluster registers at KiAP ("I skal have oprettet CVR, før I registrerer
// jeres klynge"). `klynge status` shows them while any is open.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/store/store.hpp"
#include "klynge/text/date.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace klynge {

struct FoundingStep {
    // done: the records show it; open: they show it is not; byHand: klynge
    // cannot know (a registration outside klynge), so the user checks it.
    enum class State { done, open, byHand };
    std::string_view id; // "assembly", "bylaws", "coordinator", "cvr", "account", "kiap", "b-income"
    std::string_view what;
    State state;
    std::string detail; // what the records say, or the command that does it
};
std::string_view foundingStateName(FoundingStep::State s); // "done", "open", "check by hand"

// A cluster is being founded until klynge.toml has both its CVR number and
// the date of its founding assembly.
bool beingFounded(const Config& config);

std::vector<FoundingStep> foundingChecklist(Store& store, const Config& config, Date at);

} // namespace klynge
