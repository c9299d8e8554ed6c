// Dot vote records [000]: every doctor present places policy.dots_per_member
// dots, stacking allowed; the ideas with most dots are chosen, the others stay
// in the pool.
#include "klynge/decisions/vote.hpp"
#include "klynge/decisions/detail.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace klynge {

using namespace vote_detail;

RecordedDecision recordDots(Store& store, const Config& config, const DotsRequest& r, Date today) {
    auto m = decidingMeeting(store, r.meetingId);
    const auto policy = VotePolicy::from(config);
    oneLine("--question", r.question);
    checkSupersedes(store, r.supersedes, m, false, DecisionKind::dots);
    if (r.ideas.size() < 2) throw InvalidValue("give at least two --idea — dot voting chooses between ideas");
    if (r.choose < 1 || static_cast<std::size_t>(r.choose) >= r.ideas.size())
        throw InvalidValue(fmt::format("--choose {} — choose at least 1 and fewer than the {} ideas", r.choose,
                                       r.ideas.size()));
    if (r.dots.empty()) throw InvalidValue("no --dots — give each doctor's dots, e.g. --dots anne@example.dk=KOL:2");
    std::vector<std::string> ideas;
    for (auto& idea : r.ideas) {
        oneLine("--idea", idea);
        if (std::find(ideas.begin(), ideas.end(), idea) != ideas.end())
            throw InvalidValue(fmt::format("--idea \"{}\" is given twice — give each idea once", idea));
        ideas.push_back(idea);
    }
    auto ideaIndex = [&](const std::string& title, std::string_view option) -> std::size_t {
        auto it = std::find(ideas.begin(), ideas.end(), title);
        if (it == ideas.end())
            throw InvalidValue(fmt::format("{}: \"{}\" is not one of the ideas — give it with --idea, spelt the same",
                                           option, title));
        return static_cast<std::size_t>(it - ideas.begin());
    };
    auto present = attendance(store, config, m.id);

    // Every doctor present gets policy.dots_per_member stickers and may put
    // several on one idea [000].
    struct Placed {
        std::int64_t memberId;
        std::size_t idea;
        int dots;
    };
    std::vector<Placed> placed;
    std::map<std::int64_t, int> used;
    std::vector<int> totals(ideas.size(), 0);
    for (auto& d : r.dots) {
        auto [person, rest] = splitAssignment(d, "--dots", "PERSON=IDEA:N");
        auto colon = rest.rfind(':');
        if (colon == std::string::npos || colon == 0)
            throw InvalidValue(fmt::format("--dots \"{}\" is not PERSON=IDEA:N — e.g. --dots anne@example.dk=KOL:2", d));
        auto i = ideaIndex(rest.substr(0, colon), "--dots");
        int n = parseCount(std::string_view(rest).substr(colon + 1), "--dots");
        if (n == 0) throw InvalidValue(fmt::format("--dots \"{}\": 0 dots — leave it out", d));
        const auto& who = presentPerson(store, present.members, person, m, "--dots");
        used[*who.memberId] += n;
        if (used[*who.memberId] > policy.dotsPerMember)
            throw RuleViolation(fmt::format("--dots: {} has placed {} dots but each doctor has {} "
                                            "(policy.dots_per_member) — take {} off",
                                            who.name, used[*who.memberId], policy.dotsPerMember,
                                            used[*who.memberId] - policy.dotsPerMember));
        auto same = std::find_if(placed.begin(), placed.end(),
                                 [&](const Placed& p) { return p.memberId == *who.memberId && p.idea == i; });
        if (same != placed.end()) same->dots += n; // stacking given in two parts
        else placed.push_back({*who.memberId, i, n});
        totals[i] += n;
    }

    // The ranking: most dots first; a tie across the line of chosen ideas
    // needs a new round or a draw (--lot).
    std::vector<std::size_t> order(ideas.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return totals[a] > totals[b]; });
    const auto choose = static_cast<std::size_t>(r.choose);
    const int line = totals[order[choose - 1]];
    const bool tie = totals[order[choose]] == line;
    std::vector<bool> chosen(ideas.size(), false);
    bool byLot = false;
    for (std::size_t k = 0; k < choose; ++k)
        if (totals[order[k]] > line) chosen[order[k]] = true;
    if (!tie) {
        for (std::size_t k = 0; k < choose; ++k) chosen[order[k]] = true;
        if (!r.lot.empty()) throw InvalidValue("--lot: there is no tie — the dots decide; leave --lot out");
    } else if (!r.lot.empty()) {
        auto i = ideaIndex(r.lot, "--lot");
        std::size_t room = choose - static_cast<std::size_t>(std::count(chosen.begin(), chosen.end(), true));
        if (totals[i] != line || room != 1)
            throw InvalidValue(fmt::format("--lot \"{}\": only one place is drawn between the ideas tied at {} dots "
                                           "— give one of them, or hold a new round",
                                           r.lot, line));
        for (std::size_t k = 0; k < ideas.size(); ++k)
            if (totals[k] > line) chosen[k] = true;
        chosen[i] = true;
        byLot = true;
    }

    // The ranking as recorded: an idea drawn by lot goes before those it tied with.
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
        return totals[a] != totals[b] ? totals[a] > totals[b] : chosen[a] && !chosen[b];
    });

    RecordedDecision out;
    std::vector<std::int64_t> ideaIds;
    for (std::size_t i = 0; i < ideas.size(); ++i) {
        const std::string& title = ideas[i];
        auto q = store.prepared("SELECT id FROM idea WHERE title = ?");
        q.bind(1, title);
        if (q.executeStep()) {
            ideaIds.push_back(q.getColumn(0).getInt64());
            continue;
        }
        auto ins = store.prepared("INSERT INTO idea(id, title, meeting_id, added_on) VALUES (klynge_id(), ?, ?, ?)");
        ins.bind(1, title);
        ins.bind(2, m.id);
        ins.bind(3, m.start.date.iso());
        ins.exec();
        ideaIds.push_back(store.db().getLastInsertRowid());
        if (!chosen[i]) out.notes.push_back(fmt::format("new idea, kept in the pool for later meetings: {}", title));
    }
    DecisionRow row;
    row.meetingId = m.id;
    row.kind = DecisionKind::dots;
    row.subject = r.question;
    row.eligiblePresent = static_cast<int>(present.members.size());
    row.outcome = tie && !byLot ? Outcome::tie : Outcome::chosen;
    row.byLot = byLot;
    row.supersedes = r.supersedes;
    row.decidedOn = m.start.date;
    row.recordedOn = today;
    auto id = insertDecision(store, row);
    for (auto k : order) {
        auto q = store.prepared(
            "INSERT INTO dot_result(id, decision_id, idea_id, dots, chosen) VALUES (klynge_id(), ?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, ideaIds[k]);
        q.bind(3, totals[k]);
        q.bind(4, chosen[k] ? 1 : 0); // on a tie: only the ideas above the line
        q.exec();
    }
    for (auto& p : placed) {
        auto q = store.prepared(
            "INSERT INTO dot_allocation(id, decision_id, member_id, idea_id, dots) VALUES (klynge_id(), ?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, p.memberId);
        q.bind(3, ideaIds[p.idea]);
        q.bind(4, p.dots);
        q.exec();
    }
    if (row.outcome == Outcome::tie)
        out.notes.push_back(fmt::format("a tie at {} dots across the line — hold a new round or record the draw with "
                                        "--lot",
                                        line));
    out.decision = getDecision(store, id);
    return out;
}

} // namespace klynge
