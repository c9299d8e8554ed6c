// The themes and follow-up section of a meeting's notice, agenda and
// minutes (issue 15): which quality themes the meeting works on, the tasks
// still open when it was called ("Opfølgning": the coordinator follows up on
// the meetings [002]) and, in the minutes, the tasks it agreed on.
#include "klynge/documents/documents.hpp"

#include "klynge/quality/quality.hpp"
#include "klynge/store/templates.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace klynge {
namespace {

using kainjow::mustache::data;

data themeList(const std::vector<Theme>& themes) {
    data list{data::type::list};
    for (auto& t : themes) {
        data e;
        e.set("titel", t.title);
        e.set("har_data", !t.dataSources.empty());
        e.set("data", fmt::format("{}", fmt::join(t.dataSources, ", ")));
        e.set("har_maal", !t.goals.empty());
        e.set("maal", t.goals);
        list.push_back(e);
    }
    return list;
}

data taskList(const std::vector<Task>& tasks) {
    data list{data::type::list};
    for (auto& k : tasks) {
        data e;
        e.set("tekst", k.text);
        e.set("ansvarlig", k.owner);
        e.set("frist", k.due.danishLong());
        list.push_back(e);
    }
    return list;
}

} // namespace

std::string qualitySection(Store& store, const Config& config, const Meeting& m, const fs::path& root, bool minutes) {
    const auto themes = meetingThemes(store, m.id);
    // As called: the tasks open on the day of the call that other meetings
    // agreed on, so the document reads the same every time it is made.
    std::vector<Task> open;
    for (auto& k : openTasks(store, m.calledOn))
        if (k.meetingNumber != m.number) open.push_back(k);
    const auto agreed = minutes ? meetingTasks(store, m.id) : std::vector<Task>{};
    const auto proposals = meetingProposals(store, config, m.id);
    if (themes.empty() && open.empty() && agreed.empty() && proposals.empty()) return {};
    data d;
    data received{data::type::list};
    for (auto& p : proposals) {
        data e;
        e.set("tekst", p.text);
        e.set("forslagsstiller", p.proposer);
        e.set("modtaget", p.received.danishLong());
        e.set("for_sent", p.late());
        received.push_back(e);
    }
    d.set("har_forslag", !proposals.empty());
    d.set("forslag", received);
    d.set("forslagsfrist", proposalsDeadline(m.start.date, MeetingPolicy::from(config)).danishLong());
    d.set("har_temaer", !themes.empty());
    d.set("temaer", themeList(themes));
    d.set("har_opfoelgning", !open.empty());
    d.set("opfoelgning", taskList(open));
    d.set("har_aftalt", !agreed.empty());
    d.set("aftalt", taskList(agreed));
    auto text = renderDocument("kvalitet.md.mustache", loadTemplate(root, "kvalitet.md.mustache"), d);
    // Sections on their own lines leave blank lines behind; one is enough.
    std::string out;
    std::size_t newlines = 0;
    for (char c : text) {
        newlines = c == '\n' ? newlines + 1 : 0;
        if (newlines <= 2) out += c;
    }
    return out;
}

} // namespace klynge
