// klynge theme add | list | show | close | follow-up (klynge-theme(1)) and
// klynge task add | done | list (klynge-task(1)).
#include "cli.hpp"

#include "klynge/quality/quality.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace klynge::cli {
namespace {

std::int64_t themeArg(const std::string& text, std::string_view option = "THEME") {
    return withOption(option, [&] { return parseThemeNumber(text); });
}

std::string meetingsText(const Theme& t) {
    std::vector<std::string> parts;
    for (auto& m : t.meetings) parts.push_back(fmt::format("#{} {}", m.number, m.date.iso()));
    return fmt::format("{}", fmt::join(parts, ", "));
}

void registerThemeAdd(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string title, reason, goals, start, end;
        std::int64_t fromVote = 0;
        std::vector<std::string> data;
    };
    auto o = std::make_shared<Options>();
    auto* add = grp->add_subcommand("add", "Add a quality theme: why it was chosen, the data it works from, goals");
    add->add_option("--title", o->title, "The theme, e.g. \"Diabetes\" (from --from-vote: the idea it chose)");
    add->add_option("--from-vote", o->fromVote, "The dot vote (or adopted decision) that chose it")
        ->type_name("DECISION")
        ->check(wholeNumber());
    add->add_option("--reason", o->reason, "Why the cluster chose it, in words");
    add->add_option("--data", o->data,
                    "What it works from: a klyngepakke, a data view, a questionnaire, an audit (repeat)")
        ->type_name("SOURCE");
    add->add_option("--goal", o->goals, "What the cluster wants to reach");
    add->add_option("--start", o->start, "First day (default: today; later: the theme is planned)")->type_name("DATE");
    add->add_option("--expected-end", o->end, "When the work is expected to end")->type_name("DATE");
    add->callback([&ctx, o] {
        ThemeRequest r;
        r.title = o->title;
        r.reason = o->reason;
        if (o->fromVote) r.fromDecision = o->fromVote;
        r.dataSources = o->data;
        r.goals = o->goals;
        r.start = parseOptionalDate(o->start, "--start");
        r.expectedEnd = parseOptionalDate(o->end, "--expected-end");
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto t = addTheme(session.store(), r, Date::today());
            ctx.note(fmt::format("Theme #{} {} ({}) from {}", t.number, t.title, themeStatusName(t.status),
                                 t.startsOn.iso()));
            return fmt::format("added theme #{} {}", t.number, t.title);
        });
    });
}

void registerThemeList(CLI::App* grp, Context& ctx) {
    auto year = std::make_shared<int>(0);
    auto* list = grp->add_subcommand("list", "The themes, with their status and meetings");
    list->add_option("--year", *year, "Only the themes open in this year")->check(yearBetween(1900, 2100));
    list->callback([&ctx, year] {
        auto session = ctx.open(Store::Mode::readOnly);
        out::Table t{{{"id", "ID"}, {"title", "TITLE"}, {"status", "STATUS"}, {"start", "START"},
                      {"follow_up_by", "FOLLOW-UP BY"}, {"meetings", "MEETINGS"}, {"last_meeting", "LAST MEETING"}},
                     {}};
        std::optional<int> only;
        if (*year) only = *year;
        for (auto& th : listThemes(session.store(), only))
            t.add({th.number, th.title, std::string(themeStatusName(th.status)), th.startsOn, out::opt(th.followUpBy),
                   static_cast<std::int64_t>(th.meetings.size()), out::opt(th.lastMeeting())});
        ctx.print(t);
    });
}

void registerThemeShow(CLI::App* grp, Context& ctx) {
    auto id = std::make_shared<std::string>();
    auto* show = grp->add_subcommand("show", "One theme: its reason, data, goals, meetings and tasks");
    show->add_option("THEME", *id, "The theme's number")->required();
    show->callback([&ctx, id] {
        auto number = themeArg(*id);
        auto session = ctx.open(Store::Mode::readOnly);
        auto t = getTheme(session.store(), themeIdOf(session.store(), number));
        std::vector<std::string> tasks;
        for (auto& k : listTasks(session.store()))
            if (k.themeNumber == t.number)
                tasks.push_back(fmt::format("#{} {} ({}, {}{})", k.number, k.text, k.owner, k.due.iso(),
                                            k.doneOn ? ", done " + k.doneOn->iso() : ""));
        ctx.printRecord({{"id", "Theme", t.number},
                         {"title", "Title", t.title},
                         {"status", "Status", std::string(themeStatusName(t.status))},
                         {"reason", "Reason", t.reason},
                         {"decision", "Chosen by", out::opt(t.decisionNumber)},
                         {"data", "Data", fmt::format("{}", fmt::join(t.dataSources, "; "))},
                         {"goals", "Goals", t.goals},
                         {"start", "Start", t.startsOn},
                         {"expected_end", "Expected end", out::opt(t.expectedEnd)},
                         {"follow_up_by", "Follow-up by", out::opt(t.followUpBy)},
                         {"closed_on", "Closed", out::opt(t.closedOn)},
                         {"meetings", "Meetings", meetingsText(t)},
                         {"tasks", "Tasks", fmt::format("{}", fmt::join(tasks, "; "))}});
    });
}

void registerThemeChanges(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id, date;
    };
    auto c = std::make_shared<Options>();
    auto* close = grp->add_subcommand("close", "Close a theme: the work on it is done");
    close->add_option("THEME", c->id, "The theme's number")->required();
    close->add_option("--date", c->date, "The day it closed (default: today)")->type_name("DATE");
    close->callback([&ctx, c] {
        auto number = themeArg(c->id);
        auto on = c->date.empty() ? Date::today() : parseDate(c->date, "--date");
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto t = closeTheme(session.store(), themeIdOf(session.store(), number), on, Date::today());
            ctx.note(fmt::format("Theme #{} {} closed on {}", t.number, t.title, on.iso()));
            return fmt::format("closed theme #{} {} on {}", t.number, t.title, on.iso());
        });
    });

    auto f = std::make_shared<Options>();
    auto* follow = grp->add_subcommand("follow-up", "Schedule a theme's follow-up: a meeting on it by a date");
    follow->add_option("THEME", f->id, "The theme's number")->required();
    follow->add_option("--by", f->date, "The follow-up meeting is held by this date")->type_name("DATE")->required();
    follow->callback([&ctx, f] {
        auto number = themeArg(f->id);
        auto by = parseDate(f->date, "--by");
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto t = scheduleFollowUp(session.store(), themeIdOf(session.store(), number), by, Date::today());
            ctx.note(fmt::format("Theme #{} {}: follow-up by {}", t.number, t.title, by.iso()));
            return fmt::format("theme #{} {}: follow-up by {}", t.number, t.title, by.iso());
        });
    });
}

void registerTaskAdd(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string text, owner, due;
        std::int64_t meeting = 0, theme = 0;
    };
    auto o = std::make_shared<Options>();
    auto* add = grp->add_subcommand("add", "Add a task with an owner and a due date (seen under \"Opfølgning\")");
    add->add_option("TEXT", o->text, "What is to be done")->required();
    add->add_option("--owner", o->owner, "The member who does it (number or e-mail)")->type_name("PERSON")->required();
    add->add_option("--due", o->due, "When it is due")->type_name("DATE")->required();
    add->add_option("--meeting", o->meeting, "The meeting that agreed on it")->type_name("ID")->check(wholeNumber());
    add->add_option("--theme", o->theme, "The theme it belongs to")->type_name("ID")->check(wholeNumber());
    add->callback([&ctx, o] {
        TaskRequest r;
        r.text = o->text;
        r.owner = o->owner;
        r.due = parseDate(o->due, "--due");
        if (o->meeting) r.meetingNumber = o->meeting;
        if (o->theme) r.themeNumber = o->theme;
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto k = addTask(session.store(), r, Date::today());
            ctx.note(fmt::format("Task #{} for {}, due {}", k.number, k.owner, k.due.iso()));
            return fmt::format("added task #{} for {}, due {}", k.number, k.owner, k.due.iso());
        });
    });
}

void registerTaskDone(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id, date;
    };
    auto o = std::make_shared<Options>();
    auto* done = grp->add_subcommand("done", "Mark a task done");
    done->add_option("TASK", o->id, "The task's number")->required();
    done->add_option("--date", o->date, "The day it was done (default: today)")->type_name("DATE");
    done->callback([&ctx, o] {
        auto number = withOption("TASK", [&] { return parseTaskNumber(o->id); });
        auto on = o->date.empty() ? Date::today() : parseDate(o->date, "--date");
        auto session = ctx.open();
        ctx.write(session, [&] {
            auto k = completeTask(session.store(), taskIdOf(session.store(), number), on, Date::today());
            ctx.note(fmt::format("Task #{} done on {}", k.number, on.iso()));
            return fmt::format("task #{} done on {}", k.number, on.iso());
        });
    });
}

void registerTaskList(CLI::App* grp, Context& ctx) {
    struct Options {
        bool overdue = false, all = false;
    };
    auto o = std::make_shared<Options>();
    auto* list = grp->add_subcommand("list", "The open tasks by due date");
    auto* overdue = list->add_flag("--overdue", o->overdue, "Only the tasks past their due date");
    list->add_flag("--all", o->all, "Also the tasks that are done")->excludes(overdue);
    list->callback([&ctx, o] {
        auto session = ctx.open(Store::Mode::readOnly);
        const auto today = Date::today();
        out::Table t{{{"id", "ID"}, {"task", "TASK"}, {"owner", "OWNER"}, {"due", "DUE"}, {"meeting", "MEETING"},
                      {"theme", "THEME"}, {"done", "DONE"}},
                     {}};
        for (auto& k : listTasks(session.store())) {
            if (!o->all && !k.openAt(today)) continue;
            if (o->overdue && !k.overdueAt(today)) continue;
            t.add({k.number, k.text, k.owner, k.due, out::opt(k.meetingNumber), out::opt(k.themeNumber),
                   out::opt(k.doneOn)});
        }
        ctx.print(t);
    });
}

} // namespace

void registerTheme(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("theme", "Quality themes (kvalitetsprojekter): data, goals, meetings, follow-up");
    grp->require_subcommand(1);
    registerThemeAdd(grp, ctx);
    registerThemeList(grp, ctx);
    registerThemeShow(grp, ctx);
    registerThemeChanges(grp, ctx);
}

void registerTask(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("task", "Tasks (opgaver) with an owner and a due date");
    grp->require_subcommand(1);
    registerTaskAdd(grp, ctx);
    registerTaskDone(grp, ctx);
    registerTaskList(grp, ctx);
}

} // namespace klynge::cli
