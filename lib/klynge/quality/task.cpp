// Task records: what a meeting agreed someone does by a date — the
// coordinator's "opfølgning på klyngemøder" [002], seen again at the next
// meeting under "Opfølgning".
#include "klynge/quality/quality.hpp"

#include "klynge/meetings/meeting.hpp"
#include "klynge/people/member.hpp"
#include "klynge/store/record_id.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace klynge {
namespace {

constexpr const char* taskColumns =
    "SELECT k.id, k.number, k.text, k.owner_member_id, coalesce(p.name, '(glemt #' || p.number || ')'), "
    "coalesce(p.email, ''), k.due_on, m.number, t.number, coalesce(t.title, ''), k.created_on, k.done_on "
    "FROM task k JOIN member p ON p.id = k.owner_member_id LEFT JOIN meeting m ON m.id = k.meeting_id "
    "LEFT JOIN theme t ON t.id = k.theme_id";

Task readTask(SQLite::Statement& q) {
    Task k;
    k.id = q.getColumn(0).getInt64();
    k.number = q.getColumn(1).getInt64();
    k.text = q.getColumn(2).getString();
    k.ownerMemberId = q.getColumn(3).getInt64();
    k.owner = q.getColumn(4).getString();
    k.ownerEmail = q.getColumn(5).getString();
    k.due = Date::parse(q.getColumn(6).getString());
    if (!q.getColumn(7).isNull()) k.meetingNumber = q.getColumn(7).getInt64();
    if (!q.getColumn(8).isNull()) k.themeNumber = q.getColumn(8).getInt64();
    k.themeTitle = q.getColumn(9).getString();
    k.createdOn = Date::parse(q.getColumn(10).getString());
    if (!q.getColumn(11).isNull()) k.doneOn = Date::parse(q.getColumn(11).getString());
    return k;
}

std::vector<Task> query(Store& store, const std::string& where, std::optional<std::int64_t> bound = std::nullopt) {
    auto q = store.prepared(std::string(taskColumns) + where + " ORDER BY k.due_on, k.number");
    if (bound) q.bind(1, *bound);
    std::vector<Task> out;
    while (q.executeStep()) out.push_back(readTask(q));
    return out;
}

} // namespace

std::int64_t parseTaskNumber(std::string_view text) {
    bool ok = !text.empty() && text.size() < 12 && std::all_of(text.begin(), text.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    if (!ok) throw InvalidValue(fmt::format("{:?} is not a task number — give the number `klynge task list` shows", text));
    return std::stoll(std::string(text));
}

std::int64_t taskIdOf(Store& store, std::int64_t number) {
    if (auto id = recordIdOfNumber(store.db(), "task", number)) return *id;
    throw RuleViolation(fmt::format("there is no task #{} — `klynge task list` shows the tasks' numbers", number));
}

Task addTask(Store& store, const TaskRequest& r, Date today) {
    checkedText(r.text, "TEXT", text_limit::note);
    auto owner = findMember(store, r.owner);
    if (!owner.activeAt(today))
        throw RuleViolation(fmt::format("{} is not a member on {} — give a task to a member of the cluster",
                                        owner.name, today.iso()));
    if (r.due < today)
        throw InvalidValue(fmt::format("--due {} is in the past (today is {}) — give the date the task is due",
                                       r.due.iso(), today.iso()));
    std::optional<std::int64_t> meetingId, themeId;
    if (r.meetingNumber) meetingId = meetingIdOf(store, *r.meetingNumber);
    if (r.themeNumber) {
        themeId = themeIdOf(store, *r.themeNumber);
        auto t = getTheme(store, *themeId);
        if (t.status == ThemeStatus::closed)
            throw RuleViolation(fmt::format("theme #{} was closed on {} — a task belongs to an open theme", t.number,
                                            t.closedOn->iso()));
    }
    auto q = store.prepared("INSERT INTO task(id, number, text, owner_member_id, due_on, meeting_id, theme_id, "
                            "created_on) VALUES (klynge_id(), (SELECT coalesce(max(number), 0) + 1 FROM task), "
                            "?, ?, ?, ?, ?, ?)");
    q.bind(1, r.text);
    q.bind(2, owner.id);
    q.bind(3, r.due.iso());
    if (meetingId) q.bind(4, *meetingId);
    if (themeId) q.bind(5, *themeId);
    q.bind(6, today.iso());
    q.exec();
    return query(store, " WHERE k.id = ?", store.db().getLastInsertRowid()).at(0);
}

Task completeTask(Store& store, std::int64_t id, Date on, Date today) {
    auto k = query(store, " WHERE k.id = ?", id).at(0);
    if (k.doneOn)
        throw RuleViolation(fmt::format("task #{} was done on {} already — nothing to do; `klynge task list --all` "
                                        "shows it",
                                        k.number, k.doneOn->iso()));
    if (on < k.createdOn || on > today)
        throw InvalidValue(fmt::format("--date {} is not between the task's start ({}) and today ({}) — give a date "
                                       "in between",
                                       on.iso(), k.createdOn.iso(), today.iso()));
    auto q = store.prepared("UPDATE task SET done_on = ? WHERE id = ?");
    q.bind(1, on.iso());
    q.bind(2, id);
    q.exec();
    k.doneOn = on;
    return k;
}

std::vector<Task> listTasks(Store& store) { return query(store, ""); }

std::vector<Task> openTasks(Store& store, Date at) {
    std::vector<Task> out;
    for (auto& k : listTasks(store))
        if (k.openAt(at)) out.push_back(k);
    return out;
}

std::vector<Task> meetingTasks(Store& store, std::int64_t meetingId) {
    return query(store, " WHERE k.meeting_id = ?", meetingId);
}

} // namespace klynge
