// Notes under the agenda items (issue 14, DANISH.md rule 9): what a person
// writes into the minutes is kept in the store and merged in each time the
// minutes are written, never overwritten.
#include "klynge/meetings/meeting.hpp"

#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace klynge {

void addMeetingNote(Store& store, std::int64_t meetingId, int item, const std::string& text, Date today) {
    auto m = getMeeting(store, meetingId);
    if (m.status == MeetingStatus::aflyst)
        throw RuleViolation(fmt::format("meeting #{} was cancelled — it has no minutes to write in", m.number));
    if (m.minutesApprovedOn)
        throw RuleViolation(fmt::format("the minutes of meeting #{} were approved on {} — approved minutes no longer "
                                        "change; write the note in the next meeting's minutes",
                                        m.number, m.minutesApprovedOn->iso()));
    const auto items = static_cast<int>(
        std::count_if(m.agenda.begin(), m.agenda.end(), [](const AgendaItem& a) { return a.level == 0; }));
    if (item < 1 || item > items)
        throw InvalidValue(fmt::format("--item {} is not on the agenda of meeting #{} (items 1–{}) — give the "
                                       "number of the item the note belongs under",
                                       item, m.number, items));
    checkedText(text, "the note", text_limit::note);
    auto q = store.prepared("INSERT INTO meeting_note(id, meeting_id, item, text, recorded_on) "
                            "VALUES (klynge_id(), ?, ?, ?, ?)");
    q.bind(1, meetingId);
    q.bind(2, item);
    q.bind(3, text);
    q.bind(4, today.iso());
    q.exec();
}

std::vector<MeetingNote> meetingNotes(Store& store, std::int64_t meetingId) {
    auto q = store.prepared("SELECT item, text FROM meeting_note WHERE meeting_id = ? ORDER BY item, id");
    q.bind(1, meetingId);
    std::vector<MeetingNote> out;
    while (q.executeStep()) out.push_back({q.getColumn(0).getInt(), q.getColumn(1).getString()});
    return out;
}

} // namespace klynge
