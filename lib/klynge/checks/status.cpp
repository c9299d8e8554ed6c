#include "klynge/checks/status.hpp"

#include "klynge/money/budget.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/practice.hpp"
#include "klynge/honoraria/skat.hpp"
#include "klynge/meetings/meeting.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace klynge {

StatusReport clusterStatus(Session& session, Date at) {
    auto& store = session.store();
    const auto& cfg = session.config();
    StatusReport r;
    r.name = cfg.clusterName();
    r.cvr = cfg.clusterCvr().value_or("");
    r.municipality = cfg.text("cluster.municipality");
    r.region = cfg.text("cluster.region");
    r.founded = cfg.date("cluster.founded");
    r.at = at;
    // The rules below read some of the same: once for both.
    CheckContext ctx{store, cfg, session.paths(), at};
    const auto& practices = ctx.practices();
    r.practices = static_cast<int>(practices.size());
    for (auto& p : practices) r.patients += p.patients.value_or(0);
    auto members = listMembers(store, {at, false, std::nullopt});
    r.members = static_cast<int>(members.size());
    for (auto pos : {Position::ejerlaege, Position::ansat, Position::uddannelseslaege, Position::vikar}) {
        int n = 0;
        for (auto& m : members)
            if (m.position == pos) ++n;
        r.membersByPosition.emplace_back(std::string(positionName(pos)), n);
        if (hasVotingRight(cfg, pos)) r.votingMembers += n;
    }
    r.roles = listRoles(store, at);
    r.lastRegistration = lastRegistration(store, at);
    r.changesSinceRegistration = static_cast<int>(
        rosterChanges(store, r.lastRegistration ? r.lastRegistration->date : Date(1900, 1, 1), at).size());
    auto money = ledgerBalance(store, at);
    r.ledgerEntries = money.entries;
    r.balance = money.balance;
    r.committed = money.committed;
    const auto& year = ctx.budget();
    r.spentThisYear = year.expenseActual;
    if (year.hasBudget) r.budgetThisYear = year.expenseBudget;
    for (const auto& s : ctx.meetings())
        if (s.meeting.status == MeetingStatus::indkaldt && s.meeting.start.date >= at) {
            r.nextMeeting = s;
            break;
        }
    r.themes = listThemes(store, at.year());
    for (auto& k : openTasks(store, at)) {
        ++r.openTasks;
        if (k.overdueAt(at)) ++r.overdueTasks;
    }
    for (const auto& b : unreportedBIncome(store, cfg, at)) {
        if (r.skatDue.empty() || r.skatDue.back().month != b.month.iso())
            r.skatDue.push_back({b.month.iso(), 0, Money(), b.deadline});
        ++r.skatDue.back().records;
        r.skatDue.back().amount += b.payout.amount;
    }
    r.anyBIncome = !r.skatDue.empty() || store.db().execAndGet("SELECT count(*) FROM b_income").getInt() > 0;
    for (int y : {at.year(), at.year() + 1})
        for (auto& e : statutoryCalendar(y, cfg))
            if (!e.bIncome && e.date >= at && (r.deadlines.empty() || at.daysUntil(e.date) <= 30))
                r.deadlines.push_back(std::move(e));
    // [000 §4]: an open demand for an extraordinary assembly has its own two
    // deadlines, whatever their distance: the notice, then the assembly.
    for (const auto& d : listDemands(store, cfg)) {
        if (d.received > at || d.meetingStatus == MeetingStatus::afholdt) continue;
        const bool called = d.meetingId && d.meetingCalledOn && *d.meetingCalledOn <= at;
        const auto source = std::string("[000 §4]");
        if (!called)
            r.deadlines.push_back({d.deadlines.noticeBy,
                                   fmt::format("Extraordinary assembly: last day to call it, as demanded on {} ({})",
                                               d.received.iso(), d.subject),
                                   source, "", "", false});
        if (d.deadlines.heldBy >= at)
            r.deadlines.push_back({d.deadlines.heldBy,
                                   fmt::format("Extraordinary assembly: last day to hold it{}",
                                               called ? fmt::format(" (meeting #{} on {})",
                                                                    getMeeting(store, *d.meetingId).number,
                                                                    d.meetingStart->date.iso())
                                                      : std::string()),
                                   source, "", "", false});
    }
    std::stable_sort(r.deadlines.begin(), r.deadlines.end(),
                     [](const CalendarEntry& a, const CalendarEntry& b) { return a.date < b.date; });
    if (beingFounded(cfg)) r.founding = foundingChecklist(store, cfg, at);
    r.findings = runChecks(ctx, CheckScope::quick);
    return r;
}

} // namespace klynge
