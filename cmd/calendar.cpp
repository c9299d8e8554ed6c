// klynge calendar — the statutory deadlines of a year (klynge-calendar(1)).
#include "cli.hpp"

#include "klynge/deadlines.hpp"
#include "klynge/holidays.hpp"
#include "klynge/skat.hpp"

#include <fmt/format.h>

namespace klynge::cli {

void registerCalendar(CLI::App& app, Context& ctx) {
    struct Options {
        int year = 0;
        bool holidays = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("calendar", "The statutory deadlines of a year: SKAT's 10th, KiAP's 1 January, "
                                               "the grant's 1 February, the general assembly in Q1");
    cmd->add_option("--year", o->year, "The year (default: this year)")->type_name("YEAR")->check(CLI::Range(1990, 2100));
    cmd->add_flag("--holidays", o->holidays, "List the Danish public holidays of the year instead");
    cmd->callback([&ctx, o] {
        int year = o->year ? o->year : Date::today().year();
        static constexpr std::array weekdays{"man", "tir", "ons", "tor", "fre", "lør", "søn"};
        if (o->holidays) {
            out::Table t{{{"date", "DATE"}, {"weekday", "DAY"}, {"holiday", "HOLIDAY"}}, {}};
            for (auto& h : publicHolidays(year))
                t.add({h.date, std::string(weekdays[h.date.isoWeekday() - 1]), std::string(h.name)});
            return ctx.print(t);
        }
        auto session = ctx.open(Store::Mode::readOnly);
        out::Table t{{{"date", "DATE"}, {"weekday", "DAY"}, {"deadline", "DEADLINE"}, {"source", "SOURCE"}}, {}};
        for (auto& e : calendarWithPayouts(session.store(), session.config(), year, Date::today()))
            t.add({e.date, std::string(weekdays[e.date.isoWeekday() - 1]), e.what, e.source});
        ctx.print(t);
    });
}

} // namespace klynge::cli
