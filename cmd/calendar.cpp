// klynge calendar — the cluster's year: deadlines, planning items, meetings (klynge-calendar(1)).
#include "cli.hpp"

#include "klynge/calendar/deadlines.hpp"
#include "klynge/calendar/holidays.hpp"
#include "klynge/calendar/ics.hpp"
#include "klynge/reports/year_wheel.hpp"

#include <map>

#include <fmt/format.h>

namespace klynge::cli {

void registerCalendar(CLI::App& app, Context& ctx) {
    struct Options {
        int year = 0;
        bool holidays = false;
        std::optional<std::string> ics;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("calendar", "The cluster's year (årshjul): the statutory deadlines (SKAT's 10th, "
                                               "KiAP's 1 January, the grant's 1 February, the general assembly in Q1), "
                                               "the accounts, budget and honoraria to plan, and the meetings");
    cmd->add_option("--year", o->year, "The year (default: this year)")->type_name("YEAR")->check(yearBetween(1990, 2100));
    cmd->add_flag("--holidays", o->holidays, "List the Danish public holidays of the year instead");
    cmd->add_option("--ics", o->ics,
                    "Also write the days as an iCalendar file to import (all-day events; deadlines remind a "
                    "week ahead); - for standard output instead of the table")
        ->type_name("FILE");
    cmd->callback([&ctx, o] {
        int year = o->year ? o->year : Date::today().year();
        static constexpr std::array weekdays{"man", "tir", "ons", "tor", "fre", "lør", "søn"};
        // The table, and with --ics the same days as a calendar to import.
        auto show = [&](const out::Table& t, std::string_view name, const std::vector<AllDayEntry>& days) {
            if (!o->ics) return ctx.print(t);
            const std::string text = renderDayCalendar(name, days, utcNow());
            if (*o->ics == "-") {
                ctx.out << text;
                return;
            }
            writeFileAtomically(ctx, {.option = "--ics", .given = *o->ics}, [&](std::ostream& os) { os << text; });
            ctx.print(t);
            if (!ctx.globals.dryRun) ctx.note(fmt::format("Wrote {} ({} days)", *o->ics, days.size()));
        };
        // Stable UIDs (the date and its place that day): importing again updates.
        auto uid = [](Date d, int nth, std::string_view what) {
            return fmt::format("{}-{}-{}@klynge", what, d.iso(), nth);
        };
        std::vector<AllDayEntry> days;
        if (o->holidays) {
            out::Table t{{{"date", "DATE"}, {"weekday", "DAY"}, {"holiday", "HOLIDAY"}}, {}};
            for (auto& h : publicHolidays(year)) {
                t.add({h.date, std::string(weekdays[h.date.isoWeekday() - 1]), std::string(h.name)});
                days.push_back({uid(h.date, 1, "holiday"), h.date, std::string(h.name), "", 0});
            }
            return show(t, fmt::format("Helligdage {}", year), days);
        }
        auto session = ctx.open(Store::Mode::readOnly);
        out::Table t{{{"date", "DATE"},
                      {"weekday", "DAY"},
                      {"deadline", "DEADLINE"},
                      {"source", "SOURCE"},
                      {"kind", "KIND"}},
                     {}};
        // A founding cluster's days get new UIDs once its CVR is recorded; a
        // day's place among those of its kind keeps its UID when others are added.
        const std::string cvr = session.config().clusterCvr().value_or("stiftes");
        std::map<std::pair<std::string, Date>, int> nth;
        for (auto& e : yearWheel(session.store(), session.config(), year, Date::today())) {
            t.add({e.date, std::string(weekdays[e.date.isoWeekday() - 1]), e.what, e.source, e.kind});
            // The meetings are in the calendar already, by their own invitations.
            if (e.kind == "meeting") continue;
            const int n = ++nth[{e.kind, e.date}];
            days.push_back({uid(e.date, n, fmt::format("{}-{}", e.kind, cvr)), e.date, e.summary, e.description, 7});
        }
        show(t, fmt::format("{}: frister {}", session.config().clusterName(), year), days);
    });
}

} // namespace klynge::cli
