// Rules about meetings and general assemblies (DOMAIN.md, "Meetings and
// general assemblies"). Periods come from klynge.toml (MeetingPolicy).
#include "klynge/checks/check.hpp"
#include "klynge/meetings/meeting.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

namespace klynge {
namespace {

std::string label(const Meeting& m) { return fmt::format("meeting #{} ({}, {})", m.number, m.title, m.start.date.iso()); }

// Meetings known on the date checked: called by then and not cancelled (a
// draft is not called).
std::vector<MeetingSummary> calledBy(CheckContext& ctx) {
    std::vector<MeetingSummary> out;
    for (const auto& s : ctx.meetings())
        if (s.meeting.calledOn <= ctx.at && s.meeting.status != MeetingStatus::aflyst &&
            s.meeting.status != MeetingStatus::kladde)
            out.push_back(s);
    return out;
}

bool upcoming(const Meeting& m, Date at) { return m.status == MeetingStatus::indkaldt && m.start.date >= at; }

void add(std::vector<Finding>& out, const CheckRule& rule, Severity s, std::string message) {
    out.push_back({std::string(rule.id), s, std::move(message)});
}

// [000 §4]: a general assembly is called at least policy.notice_days before.
void noticePeriod(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto policy = MeetingPolicy::from(ctx.config);
    for (auto& s : calledBy(ctx)) {
        const auto& m = s.meeting;
        auto n = checkNotice(m.type, m.calledOn, m.start.date, policy);
        if (!upcoming(m, ctx.at) || !n || n->ok) continue;
        if (!m.forcedReason.empty())
            add(out, rule, Severity::warning,
                fmt::format("{} was called with {} days' notice, less than the {} the bylaws require — called with "
                            "--force: {}",
                            label(m), n->days, n->required, m.forcedReason));
        else
            add(out, rule, Severity::error,
                fmt::format("{} was called with {} days' notice, less than the {} the bylaws require — cancel it "
                            "and call it again for {} or later",
                            label(m), n->days, n->required, n->earliestMeeting.iso()));
    }
}

// [000 §5]: the ordinary assembly's agenda has the required items.
void ordinaryAgenda(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (auto& s : calledBy(ctx)) {
        const auto& m = s.meeting;
        if (m.type != MeetingType::generalforsamling || !upcoming(m, ctx.at)) continue;
        std::vector<std::string_view> missing;
        for (auto* r : missingAgendaItems(m.agenda)) missing.push_back(r->what);
        if (missing.empty()) continue;
        add(out, rule, m.forcedReason.empty() ? Severity::error : Severity::warning,
            fmt::format("the agenda of {} lacks {} — cancel it and call it again with an agenda that has them "
                        "(`--agenda generalforsamling`)",
                        label(m), fmt::join(missing, "; ")));
    }
}

// [000 §4]: the ordinary assembly is held in the first quarter (by the end of
// policy.ordinary_assembly_by_month). From the first day of that month a
// reminder; after it, a warning for the year.
void ordinaryInFirstQuarter(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    auto policy = MeetingPolicy::from(ctx.config);
    const int year = ctx.at.year();
    auto founded = ctx.config.date("cluster.founded");
    if (founded && founded->year() >= year) return; // the founding assembly's year
    if (!founded && !ctx.config.clusterCvr()) return; // being founded: the founding assembly comes first
    const Date deadline = ordinaryAssemblyDeadline(year, policy);
    const Date remindFrom = Date(year, static_cast<unsigned>(policy.ordinaryAssemblyLastMonth), 1);
    if (ctx.at < remindFrom) return;
    for (auto& s : calledBy(ctx))
        if (s.meeting.type == MeetingType::generalforsamling && s.meeting.start.date.year() == year &&
            s.meeting.start.date <= deadline)
            return;
    const Date lastCall = ordinaryAssemblyLastCallDate(year, policy);
    if (ctx.at > deadline)
        add(out, rule, Severity::warning,
            fmt::format("no ordinary general assembly was held by {} as the bylaws require — call it now with "
                        "`klynge meeting call --type generalforsamling ...`",
                        deadline.iso()));
    else if (ctx.at <= lastCall)
        add(out, rule, Severity::warning,
            fmt::format("the ordinary general assembly of {} is not called yet — call it by {} to hold it by {} "
                        "with {} days' notice",
                        year, lastCall.iso(), deadline.iso(), policy.noticeDays));
    else
        add(out, rule, Severity::warning,
            fmt::format("the ordinary general assembly of {} is not called, and {} days' notice no longer reaches "
                        "{} — call it as soon as possible",
                        year, policy.noticeDays, deadline.iso()));
}

// [000 §4]: an open demand is answered with a notice within
// policy.extraordinary_notice_days and an assembly within
// policy.extraordinary_held_within_days after that.
void extraordinaryDemands(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (auto& d : listDemands(ctx.store, ctx.config)) {
        if (d.received > ctx.at) continue;
        auto what = fmt::format("the demand of {} for an extraordinary assembly ({})", d.received.iso(), d.subject);
        bool called = d.meetingId && d.meetingCalledOn && *d.meetingCalledOn <= ctx.at &&
                      d.meetingStatus != MeetingStatus::kladde;
        if (!called) {
            if (ctx.at <= d.deadlines.noticeBy)
                add(out, rule, Severity::warning,
                    fmt::format("{} must be answered: call the assembly by {} and hold it by {} — `klynge meeting "
                                "call --type ekstraordinær ...`",
                                what, d.deadlines.noticeBy.iso(), d.deadlines.heldBy.iso()));
            else
                add(out, rule, Severity::error,
                    fmt::format("{} was not answered with a notice by {} as the bylaws require — call the assembly "
                                "now",
                                what, d.deadlines.noticeBy.iso()));
            continue;
        }
        if (d.meetingStatus == MeetingStatus::afholdt) continue;
        if (d.meetingStart && d.meetingStart->date > d.deadlines.heldBy)
            add(out, rule, Severity::error,
                fmt::format("{} is answered by meeting #{} on {}, after {}, the last day the bylaws allow — move the "
                            "assembly earlier",
                            what, getMeeting(ctx.store, *d.meetingId).number, d.meetingStart->date.iso(),
                            d.deadlines.heldBy.iso()));
    }
}

// [004]: an internat is held around a weekend.
void internatWeekend(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (auto& s : calledBy(ctx)) {
        const auto& m = s.meeting;
        if (m.type == MeetingType::internat && upcoming(m, ctx.at) && !aroundWeekend(m.start, m.end))
            add(out, rule, Severity::warning,
                fmt::format("the internat {} is not around a weekend — the guidelines ask for one so the doctors' "
                            "absence weakens patient cover less",
                            label(m)));
    }
}

// [000 §10–§12]: attendance is the base for 2/3 majorities; a meeting that
// has taken place should have it recorded.
void attendanceRecorded(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    for (auto& s : calledBy(ctx)) {
        const auto& m = s.meeting;
        if (m.status == MeetingStatus::indkaldt && m.start.date < ctx.at)
            add(out, rule, Severity::warning,
                fmt::format("{} has taken place but nobody is recorded present — record who came with `klynge "
                            "meeting attend {} PERSON...`",
                            label(m), m.number));
    }
}

// issue 15: a draft (meeting call --draft) is sent in time — for a general
// assembly policy.notice_days before [000 §4], for another meeting by its
// response deadline (or its day). A warning from a week before that day.
void draftSent(CheckContext& ctx, const CheckRule& rule, std::vector<Finding>& out) {
    const auto policy = MeetingPolicy::from(ctx.config);
    for (const auto& s : ctx.meetings()) {
        const auto& m = s.meeting;
        if (m.status != MeetingStatus::kladde || m.calledOn > ctx.at) continue;
        const Date last = lastDayToSend(m.type, m.start.date, m.respondBy, policy);
        const int left = ctx.at.daysUntil(last);
        if (m.start.date < ctx.at)
            add(out, rule, Severity::warning,
                fmt::format("{} is a draft that was never sent, and its day has passed — cancel it with `klynge "
                            "meeting cancel {} --reason ...`",
                            label(m), m.number));
        else if (left < 0)
            add(out, rule, Severity::warning,
                fmt::format("{} is a draft, and the last day to send it was {}{} — move the meeting with `klynge "
                            "meeting move {} --start ...`, or send it with --force --reason",
                            label(m), last.iso(),
                            isGeneralAssembly(m.type) ? fmt::format(" ({} days' notice, standard bylaws §4)",
                                                                    policy.noticeDays)
                                                      : std::string(),
                            m.number));
        else if (left <= 7)
            add(out, rule, Severity::warning,
                fmt::format("{} is a draft; send it by {}{} — `klynge meeting send {}`", label(m), last.iso(),
                            left == 0 ? " (today)" : left == 1 ? " (tomorrow)" : fmt::format(" (in {} days)", left),
                            m.number));
    }
}

constexpr std::array rules{
    CheckRule{"meeting.notice", "a general assembly is called with the notice the bylaws require", "[000 §4]",
              noticePeriod},
    CheckRule{"meeting.agenda", "the ordinary general assembly's agenda has the required items", "[000 §5]",
              ordinaryAgenda},
    CheckRule{"meeting.ordinary-q1", "an ordinary general assembly is held in the first quarter", "[000 §4]",
              ordinaryInFirstQuarter},
    CheckRule{"meeting.extraordinary", "a demand for an extraordinary assembly is answered in time", "[000 §4]",
              extraordinaryDemands},
    CheckRule{"meeting.internat-weekend", "an internat is held around a weekend", "[004]", internatWeekend},
    CheckRule{"meeting.draft", "a draft meeting is sent in time for its notice", "[000 §4]", draftSent},
    CheckRule{"meeting.attendance", "a meeting that took place has its attendance recorded", "[000 §10–§12]",
              attendanceRecorded},
};

} // namespace

std::span<const CheckRule> meetingRules() { return rules; }

} // namespace klynge
