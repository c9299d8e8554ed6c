// Moving a called meeting (issue 15): a new time or place sent as an update
// of the same invitation (RFC 5546 §3.2.2: a REQUEST with the same UID and a
// higher SEQUENCE replaces the event in the invitees' calendars).
#include "klynge/meetings/meeting.hpp"
#include "klynge/meetings/detail.hpp"

#include "klynge/documents/documents.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace klynge {
namespace {

using detail::oneLine;
using detail::refuseIfOver;

// The end when only --start is given: the meeting keeps its length on the
// wall clock (17:00–19:00 stays two hours; an internat keeps its nights).
int localMinutes(const LocalDateTime& t) {
    return static_cast<int>(t.date.sysDays().time_since_epoch().count()) * 24 * 60 + t.minutesOfDay();
}

LocalDateTime sameLength(const Meeting& m, const LocalDateTime& start) {
    const int end = localMinutes(start) + localMinutes(m.end) - localMinutes(m.start);
    const int day = end / (24 * 60);
    return {Date::fromSysDays(std::chrono::sys_days(std::chrono::days(day))), end % (24 * 60) / 60, end % 60};
}

void validateTimes(const LocalDateTime& start, const LocalDateTime& end, Date today) {
    if (end <= start)
        throw InvalidValue(fmt::format("--end {} is not after --start {} — give an end after the start", end.iso(),
                                       start.iso()));
    if (start.date.daysUntil(end.date) > 7)
        throw InvalidValue(fmt::format("--end {} is {} days after --start {} — a meeting lasts at most a week; check "
                                       "the date",
                                       end.iso(), start.date.daysUntil(end.date), start.iso()));
    if (start.date.year() > Date::lastYear)
        throw InvalidValue(fmt::format("--start {} is after {} — check the year", start.iso(), Date::lastYear));
    copenhagenOffsetMinutes(start);
    copenhagenOffsetMinutes(end);
    if (start.date < today)
        throw InvalidValue(fmt::format("--start {} is in the past (today is {}) — move the meeting to a later day",
                                       start.iso(), today.iso()));
}

// The agenda as called, made again for the new date (its heading names the day).
void renderAgendaAgain(Store& store, const Config& config, const std::filesystem::path& root, Meeting& m) {
    std::vector<std::string> subjects;
    for (auto& d : listDemands(store, config))
        if (d.meetingId == m.id) subjects.push_back(d.subject);
    LoadedAgenda agenda;
    try {
        agenda = loadAgenda(root, m.agendaSource, m.type);
    } catch (const InvalidValue&) {
        throw RuleViolation(fmt::format("the agenda file {} the meeting was called with is gone — put it back to "
                                        "move the meeting, or cancel it and call it again",
                                        m.agendaSource));
    }
    m.agendaText = renderAgenda(agenda, m, config, subjects);
}

} // namespace

MoveResult moveMeeting(Store& store, const Config& config, const std::filesystem::path& root, std::int64_t meetingId,
                       const MoveRequest& r, Date today) {
    MoveResult result;
    result.before = getMeeting(store, meetingId);
    Meeting m = result.before;
    refuseIfOver(m, "moving it");
    if (m.status == MeetingStatus::afholdt || today > m.start.date)
        throw RuleViolation(fmt::format("meeting #{} was on {} — a meeting that has taken place cannot be moved",
                                        m.number, m.start.date.iso()));
    if (!r.start && !r.end && !r.place && !r.respondBy && !r.host && !r.link)
        throw InvalidValue("nothing to move — give --start, --end, --place, --respond-by, --host or --link");
    if (r.force != !r.reason.empty())
        throw InvalidValue("--force and --reason go together — give --force --reason \"why\" to override a rule");
    if (r.place) m.place = oneLine("--place", *r.place);
    if (r.start) m.start = *r.start;
    m.end = r.end ? *r.end : r.start ? sameLength(result.before, *r.start) : m.end;
    validateTimes(m.start, m.end, today);
    // The host is a practice of the cluster on the (new) day.
    if (r.host) detail::setHost(store, m, *r.host);
    else if (m.hostPracticeId && r.start) detail::setHost(store, m, m.hostYdernummer);
    if (r.link) m.link = checkedMeetingLink(*r.link, "--link");
    // [000 §4]: the moved assembly's notice goes out today.
    const auto policy = MeetingPolicy::from(config);
    // A draft's notice is checked when it is sent (sendDraft).
    const bool draft = m.status == MeetingStatus::kladde;
    if (auto n = checkNotice(m.type, today, m.start.date, policy); n && !n->ok && !draft) {
        auto problem = fmt::format("the new notice is {} day{} but a general assembly needs at least {} (standard "
                                   "bylaws §4): the earliest date is {}",
                                   n->days, n->days == 1 ? "" : "s", n->required, n->earliestMeeting.iso());
        if (!r.force)
            throw RuleViolation(fmt::format("{} — move it to {} or later, or give --force --reason \"why\"", problem,
                                            n->earliestMeeting.iso()));
        oneLine("--reason", r.reason, text_limit::note);
        result.overridden.push_back(problem);
        m.forcedReason = r.reason;
        m.forcedRules = problem;
    }
    if (r.respondBy) m.respondBy = r.respondBy;
    if (m.respondBy && (*m.respondBy > m.start.date || (r.respondBy && *m.respondBy < today)))
        throw InvalidValue(fmt::format("the response deadline {} is not between today ({}) and the meeting ({}) — "
                                       "give --respond-by with a date in between",
                                       m.respondBy->iso(), today.iso(), m.start.date.iso()));
    result.dateChanged = m.start.date != result.before.start.date;
    renderAgendaAgain(store, config, root, m);
    auto q = store.prepared("UPDATE meeting SET starts_at = ?, ends_at = ?, place = ?, respond_by = ?, "
                            "agenda_text = ?, forced_reason = ?, forced_rules = ?, sequence = sequence + ?, "
                            "stamped_at = ?, host_practice_id = ?, link = ? WHERE id = ?");
    q.bind(1, m.start.iso());
    q.bind(2, m.end.iso());
    q.bind(3, m.place);
    if (m.respondBy) q.bind(4, m.respondBy->iso());
    q.bind(5, m.agendaText);
    if (!m.forcedReason.empty()) {
        q.bind(6, m.forcedReason);
        q.bind(7, m.forcedRules);
    }
    // Nobody has a draft's invitation: it is still the first version.
    q.bind(8, draft ? 0 : 1);
    q.bind(9, utcIso(utcNow()));
    if (m.hostPracticeId) q.bind(10, *m.hostPracticeId);
    if (!m.link.empty()) q.bind(11, m.link);
    q.bind(12, meetingId);
    q.exec();
    result.meeting = getMeeting(store, meetingId);
    return result;
}

} // namespace klynge
