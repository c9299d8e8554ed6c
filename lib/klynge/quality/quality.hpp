// The cluster's quality work (DOMAIN.md, "Meetings and general assemblies":
// "data-driven quality development on themes the cluster chooses ...
// followed up over several meetings" [001 §4, §17, §24; 002; 003]):
// themes (kvalitetsprojekter) with the data they work from and the meetings
// that worked on them (theme.cpp), and tasks with an owner and a due date
// (task.cpp). The rules that warn about them are checks/quality.cpp's.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/store/store.hpp"
#include "klynge/text/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

// ---- Themes (theme.cpp) ---------------------------------------------------

// planned: starts later; active: worked on; follow-up: a follow-up meeting
// is scheduled (seed 003: "et opfølgende møde"); closed.
enum class ThemeStatus { planned, active, followUp, closed };
std::string_view themeStatusName(ThemeStatus s); // as stored: "follow-up"
std::string_view themeStatusDanish(ThemeStatus s);

// Seed 003: clusters meet 2–4 times a year, so an active theme that has not
// been on a meeting for half a year (two meeting intervals at the lowest
// frequency) is not being followed up. policy.follow_up_months.
struct QualityPolicy {
    int followUpMonths = 6;
    int meetingsPerYear = 2; // seed 003: "Klyngerne mødes 2-4 gange om året"
    static QualityPolicy from(const Config& config);
};

struct Theme {
    std::int64_t id = 0;
    std::int64_t number = 0;
    std::string title;
    std::string reason;
    std::optional<std::int64_t> decisionNumber; // the dot vote or decision that chose it
    std::vector<std::string> dataSources;       // klyngepakke, datavisning, spørgeskema, audit [001 §17, 002]
    std::string goals;
    Date startsOn;
    std::optional<Date> expectedEnd;
    ThemeStatus status = ThemeStatus::active;
    std::optional<Date> followUpBy;
    std::optional<Date> followUpSet; // the day it was scheduled
    std::optional<Date> closedOn;
    // The meetings on the theme (not cancelled), by date.
    struct MeetingRef {
        std::int64_t number = 0;
        std::string title;
        Date date;
    };
    std::vector<MeetingRef> meetings;
    std::optional<Date> lastMeeting() const;
};

struct ThemeRequest {
    std::string title;              // empty with fromDecision: the idea the dot vote chose
    std::string reason;
    std::optional<std::int64_t> fromDecision; // a decision's number: a dot vote, or a motion
    std::vector<std::string> dataSources;
    std::string goals;
    std::optional<Date> start;       // default: today
    std::optional<Date> expectedEnd;
};

// THEME on the command line: the number `klynge theme list` shows.
std::int64_t parseThemeNumber(std::string_view text);
std::int64_t themeIdOf(Store& store, std::int64_t number);

Theme addTheme(Store& store, const ThemeRequest& r, Date today);
Theme getTheme(Store& store, std::int64_t id);
// Every theme by start; `year`: those open at some point in that year.
std::vector<Theme> listThemes(Store& store, std::optional<int> year = std::nullopt);
Theme closeTheme(Store& store, std::int64_t id, Date on, Date today);
// Schedules the follow-up: status follow-up, to be met by `by`.
Theme scheduleFollowUp(Store& store, std::int64_t id, Date by, Date today);
// The themes a meeting works on (numbers from --theme), recorded when it is called.
void linkMeetingThemes(Store& store, std::int64_t meetingId, const std::vector<std::int64_t>& themeNumbers);
std::vector<Theme> meetingThemes(Store& store, std::int64_t meetingId);

// ---- Tasks (task.cpp) -----------------------------------------------------

struct Task {
    std::int64_t id = 0;
    std::int64_t number = 0;
    std::string text;
    std::int64_t ownerMemberId = 0;
    std::string owner;
    std::string ownerEmail;
    Date due;
    std::optional<std::int64_t> meetingNumber;
    std::optional<std::int64_t> themeNumber;
    std::string themeTitle;
    Date createdOn;
    std::optional<Date> doneOn;
    bool openAt(Date d) const { return createdOn <= d && (!doneOn || *doneOn > d); }
    bool overdueAt(Date d) const { return openAt(d) && due < d; }
};

struct TaskRequest {
    std::string text;
    std::string owner; // a member: number or e-mail
    Date due;
    std::optional<std::int64_t> meetingNumber;
    std::optional<std::int64_t> themeNumber;
};

std::int64_t parseTaskNumber(std::string_view text);
std::int64_t taskIdOf(Store& store, std::int64_t number);
Task addTask(Store& store, const TaskRequest& r, Date today);
Task completeTask(Store& store, std::int64_t id, Date on, Date today);
std::vector<Task> listTasks(Store& store);
// Tasks open on `at` (created by then, not done by then), by due date.
std::vector<Task> openTasks(Store& store, Date at);
// The tasks a meeting agreed on.
std::vector<Task> meetingTasks(Store& store, std::int64_t meetingId);

} // namespace klynge
