// Rules about the quality work (DOMAIN.md: "The work itself is data-driven
// quality development on themes the cluster chooses ..., followed up over
// several meetings" [001 §17, §24; 002; 003]).
#include "klynge/checks/check.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/quality/quality.hpp"

#include <fmt/format.h>

#include <array>

namespace klynge {
namespace {

void add(std::vector<Finding>& out, const CheckRule& rule, std::string message) {
    out.push_back({std::string(rule.id), Severity::warning, std::move(message)});
}

// [003, 001 §24]: an active theme has had a meeting within
// policy.follow_up_months (counted from its start when it has none yet).
void themeFollowedUp(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const auto policy = QualityPolicy::from(ctx.config);
    for (auto& t : ctx.themes()) {
        if (t.status == ThemeStatus::closed || t.status == ThemeStatus::planned || t.startsOn > ctx.at) continue;
        // A follow-up scheduled for later is the plan; quality.follow-up-due watches it.
        if (t.status == ThemeStatus::followUp && t.followUpBy && *t.followUpBy >= ctx.at) continue;
        Date last = t.startsOn;
        for (auto& m : t.meetings)
            if (m.date <= ctx.at) last = m.date;
        const Date due = last.addMonths(policy.followUpMonths);
        // A meeting already called on the theme is its follow-up.
        const bool called = t.meetings.size() > 0 && t.meetings.back().date > ctx.at;
        if (due < ctx.at && !called)
            add(out, rule,
                fmt::format("theme #{} {} has had no meeting since {} ({} months, policy.follow_up_months) — call a "
                            "meeting on it with `klynge meeting call --theme {}`, or close it",
                            t.number, t.title, last.iso(), policy.followUpMonths, t.number));
    }
}

// Seed 003: "et opfølgende møde" — a scheduled follow-up is met by its date.
void followUpMet(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (auto& t : ctx.themes()) {
        if (t.status != ThemeStatus::followUp || !t.followUpBy || *t.followUpBy >= ctx.at) continue;
        bool met = false;
        for (auto& m : t.meetings) met = met || (m.date >= *t.followUpSet && m.date <= *t.followUpBy);
        if (!met)
            add(out, rule,
                fmt::format("theme #{} {} was to be followed up by {} — no meeting on it was held by then; call one "
                            "with `klynge meeting call --theme {}`",
                            t.number, t.title, t.followUpBy->iso(), t.number));
    }
}

int meetingsIn(CheckContext& ctx, int year) {
    int n = 0;
    for (const auto& s : ctx.meetings())
        if (s.meeting.start.date.year() == year && s.meeting.status != MeetingStatus::aflyst &&
            s.meeting.status != MeetingStatus::kladde && s.meeting.type != MeetingType::bestyrelsesmoede &&
            s.meeting.calledOn <= ctx.at)
            ++n;
    return n;
}

// Whether klynge kept the cluster's meetings for all of `year`: a meeting was
// recorded before it began (a workspace started mid-year, or used for
// money only, knows too little to count).
bool meetingsKeptThrough(CheckContext& ctx, int year) {
    const auto& all = ctx.meetings();
    return !all.empty() && all.front().meeting.start.date.year() < year;
}

// Seed 003: "Klyngerne mødes 2-4 gange om året". The year before the date
// checked; and this year from 1 October, counting the meetings already called.
void meetingsPerYear(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const auto policy = QualityPolicy::from(ctx.config);
    const int lastYear = ctx.at.year() - 1;
    if (meetingsKeptThrough(ctx, lastYear))
        if (int n = meetingsIn(ctx, lastYear); n < policy.meetingsPerYear)
            add(out, rule,
                fmt::format("the cluster met {} time{} in {} — clusters meet 2–4 times a year [003]", n,
                            n == 1 ? "" : "s", lastYear));
    if (ctx.at.month() >= 10 && meetingsKeptThrough(ctx, ctx.at.year()))
        if (int n = meetingsIn(ctx, ctx.at.year()); n < policy.meetingsPerYear)
            add(out, rule,
                fmt::format("{} meeting{} held or called in {} so far — clusters meet 2–4 times a year [003]; call "
                            "the next one",
                            n, n == 1 ? "" : "s", ctx.at.year()));
}

// [002]: the coordinator follows up on the meetings; a task past its date is.
void tasksOverdue(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (auto& k : openTasks(ctx.store, ctx.at))
        if (k.overdueAt(ctx.at))
            add(out, rule,
                fmt::format("task #{} ({}) for {} was due {} — mark it done with `klynge task done {}`, or follow "
                            "it up",
                            k.number, k.text, k.owner, k.due.iso(), k.number));
}

// [000 §5]: members' proposals reach the board policy.proposal_days before
// the assembly; a later one is flagged while the assembly is ahead.
void proposalsInTime(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (auto& p : listProposals(ctx.store, ctx.config)) {
        auto m = getMeeting(ctx.store, meetingIdOf(ctx.store, p.meetingNumber));
        if (!p.late() || m.status != MeetingStatus::indkaldt || m.start.date < ctx.at) continue;
        out.push_back({std::string(rule.id), Severity::error,
                       fmt::format("proposal #{} ({}) from {} reached the board on {}, after the deadline {} "
                                   "(policy.proposal_days, standard bylaws §5) — tell {} it cannot be treated as a "
                                   "proposal for meeting #{}, or take it up under \"Eventuelt\" without a decision",
                                   p.number, p.text, p.proposer, p.received.iso(), p.deadline.iso(), p.proposer,
                                   p.meetingNumber)});
    }
}

constexpr std::array rules{
    CheckRule{"quality.follow-up", "an active theme has a meeting within policy.follow_up_months", "[003]; [001 §24]",
              themeFollowedUp},
    CheckRule{"quality.follow-up-due", "a theme's scheduled follow-up is held by its date", "[003]", followUpMet},
    CheckRule{"quality.meetings-per-year", "the cluster meets at least twice a year", "[003]", meetingsPerYear},
    CheckRule{"quality.task-overdue", "no task is past its due date", "[002]", tasksOverdue},
    CheckRule{"meeting.proposal-deadline", "members' proposals reach the board in time for the assembly", "[000 §5]",
              proposalsInTime},
};

} // namespace

std::span<const CheckRule> qualityRules() { return rules; }

} // namespace klynge
