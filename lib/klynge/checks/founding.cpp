#include "klynge/checks/founding.hpp"

#include "klynge/honoraria/skat.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/people/role.hpp"
#include "klynge/people/roster.hpp"

#include <fmt/format.h>

namespace klynge {

std::string_view foundingStateName(FoundingStep::State s) {
    switch (s) {
    case FoundingStep::State::done: return "done";
    case FoundingStep::State::open: return "open";
    case FoundingStep::State::byHand: return "check by hand";
    }
    return "open";
}

bool beingFounded(const Config& config) { return !config.clusterCvr() || !config.date("cluster.founded"); }

std::vector<FoundingStep> foundingChecklist(Store& store, const Config& config, Date at) {
    using S = FoundingStep::State;
    std::vector<FoundingStep> steps;
    const auto founded = config.date("cluster.founded");

    // The founding assembly: recorded as cluster.founded, or as a founding
    // meeting held (or called) in klynge.
    std::optional<MeetingSummary> founding;
    for (auto& s : listMeetings(store))
        if (s.meeting.type == MeetingType::stiftende && s.meeting.status != MeetingStatus::aflyst &&
            s.meeting.status != MeetingStatus::kladde)
            founding = s;
    if (founded)
        steps.push_back({"assembly", "founding general assembly held", S::done,
                         fmt::format("on {} (cluster.founded)", founded->iso())});
    else if (founding && founding->meeting.status == MeetingStatus::afholdt)
        steps.push_back({"assembly", "founding general assembly held", S::done,
                         fmt::format("meeting {} on {}; record the date: klynge config set cluster.founded {}",
                                     founding->meeting.number, founding->meeting.start.date.iso(),
                                     founding->meeting.start.date.iso())});
    else if (founding)
        steps.push_back({"assembly", "founding general assembly held", S::open,
                         fmt::format("called as meeting {} for {}", founding->meeting.number,
                                     founding->meeting.start.date.iso())});
    else
        steps.push_back({"assembly", "founding general assembly held", S::open,
                         "call it with 14 days' notice: klynge meeting call --type stiftende ... [000]"});

    // The bylaws are adopted at the founding assembly, with its minutes [000].
    const bool assemblyHeld = steps.back().state == S::done;
    steps.push_back({"bylaws", "bylaws adopted and minutes written", assemblyHeld ? S::done : S::open,
                     assemblyHeld ? "klynge meeting bylaws and klynge meeting minutes write them"
                                  : "the draft for the assembly: klynge meeting bylaws"});

    std::string coordinator;
    for (auto& a : listRoles(store, at))
        if (a.role == "koordinator") coordinator = a.holder;
    steps.push_back({"coordinator", "coordinator chosen", coordinator.empty() ? S::open : S::done,
                     coordinator.empty() ? "klynge role assign koordinator PERSON --from DATE" : coordinator});

    auto cvr = config.clusterCvr();
    steps.push_back({"cvr", "CVR number registered at virk.dk", cvr ? S::done : S::open,
                     cvr ? *cvr
                         : "register an \"almindelig forening\" at virk.dk with the minutes and bylaws, then: "
                           "klynge config set cluster.cvr NNNNNNNN"});

    auto account = config.text("cluster.bank_account");
    steps.push_back({"account", "bank chosen and the association's account opened",
                     account.empty() ? S::open : S::done,
                     account.empty() ? "klynge config set cluster.bank_account \"REG KONTO\"" : account});

    // B-income paid by the cluster itself needs its registration at SKAT [000].
    if (!ploReports(config))
        steps.push_back({"b-income", "registered at SKAT to pay B-income", S::byHand,
                         "the cluster reports itself (skat.reporter = \"cluster\"): register at skat.dk [000]"});

    auto registration = lastRegistration(store, at);
    steps.push_back({"kiap", "cluster registered at KiAP", registration ? S::done : S::open,
                     registration ? fmt::format("on {}", registration->date.iso())
                                  : "after the CVR number: klynge member export --kiap, then klynge member registered "
                                    "--date DATE"});
    return steps;
}

} // namespace klynge
