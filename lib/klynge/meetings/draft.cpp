// Sending a draft (issue 15): a meeting recorded with `meeting call --draft`
// is called for real on the day it is sent. The notice counts from that day
// [000 §4], so a draft made in good time but sent late is refused like a late
// call; the documents' notice date becomes that day.
#include "klynge/meetings/meeting.hpp"
#include "klynge/meetings/detail.hpp"

#include "klynge/documents/documents.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace klynge {

SendDraftResult sendDraft(Store& store, const Config& config, const std::filesystem::path& root,
                          std::int64_t meetingId, bool force, const std::string& reason, Date today) {
    SendDraftResult result;
    Meeting m = getMeeting(store, meetingId);
    if (m.status != MeetingStatus::kladde)
        throw RuleViolation(fmt::format("meeting #{} is not a draft — --force and --reason belong to sending a "
                                        "draft; `klynge meeting send {}` alone sends to whoever has not got it",
                                        m.number, m.number));
    if (today > m.start.date)
        throw RuleViolation(fmt::format("meeting #{} was to be on {}, and its draft was never sent — cancel it with "
                                        "`klynge meeting cancel {} --reason ...` and call a new one",
                                        m.number, m.start.date.iso(), m.number));
    if (force != !reason.empty())
        throw InvalidValue("--force and --reason go together — give --force --reason \"why\" to override a rule");
    const auto policy = MeetingPolicy::from(config);
    std::vector<std::string> subjects;
    for (auto& d : listDemands(store, config)) {
        if (d.meetingId != m.id) continue;
        subjects.push_back(d.subject);
        if (today > d.deadlines.noticeBy)
            result.warnings.push_back(fmt::format("the demand of {} should have been answered with a notice by {} "
                                                  "— it is called late",
                                                  d.received.iso(), d.deadlines.noticeBy.iso()));
    }
    if (auto problem = detail::noticeProblem(m, policy, today)) {
        if (!force)
            throw RuleViolation(fmt::format("{} — the notice counts from the day the draft is sent; move the meeting "
                                            "with `klynge meeting move {} --start ...`, or give --force --reason "
                                            "\"why\" (the reason goes in the log and the minutes)",
                                            *problem, m.number));
        detail::oneLine("--reason", reason, text_limit::note);
        result.overridden.push_back(*problem);
        m.forcedRules = m.forcedRules.empty() ? *problem : fmt::format("{}; {}", m.forcedRules, *problem);
        m.forcedReason = m.forcedReason.empty() || m.forcedReason == reason
                             ? reason
                             : fmt::format("{}; {}", m.forcedReason, reason);
    } else if (force) {
        result.warnings.push_back("--force was not needed: sending the draft breaks no rule, so no reason is recorded");
    }
    m.calledOn = today;
    // The agenda is made again: it may name the notice's day (the proposals' deadline).
    try {
        m.agendaText = renderAgenda(loadAgenda(root, m.agendaSource, m.type), m, config, subjects);
    } catch (const InvalidValue&) {
        // The agenda file the draft was made with is gone: it keeps the text reviewed.
    }
    auto q = store.prepared("UPDATE meeting SET status = 'indkaldt', called_on = ?, stamped_at = ?, "
                            "agenda_text = ?, forced_reason = ?, forced_rules = ? WHERE id = ?");
    q.bind(1, today.iso());
    q.bind(2, utcIso(utcNow()));
    q.bind(3, m.agendaText);
    if (!m.forcedReason.empty()) {
        q.bind(4, m.forcedReason);
        q.bind(5, m.forcedRules);
    }
    q.bind(6, meetingId);
    q.exec();
    result.meeting = getMeeting(store, meetingId);
    return result;
}

} // namespace klynge
