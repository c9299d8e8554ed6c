#include "klynge/reports/year_wheel.hpp"

#include "klynge/honoraria/honoraria.hpp"
#include "klynge/honoraria/skat.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/text/danish.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace klynge {
namespace {

// The periods of a year a contract pays for, each due on its last day.
struct DuePayout {
    Date due;
    const Contract* contract;
    Period period;
};

std::vector<DuePayout> duePayouts(const std::vector<Contract>& contracts, int year) {
    std::vector<DuePayout> out;
    for (const auto& c : contracts)
        for (int i = 1; i <= periodsPerYear(c.schedule); ++i) {
            auto period = parsePeriod(c.schedule, makePeriodLabel(c.schedule, year, i));
            const Date first = std::max(period.first, c.from);
            const Date last = c.to ? std::min(period.last, *c.to) : period.last;
            if (last < first) continue;
            out.push_back({period.last, &c, period});
        }
    return out;
}

std::string periodDanish(const Period& p, Schedule s) {
    switch (s) {
    case Schedule::monthly: return fmt::format("{} {}", danish::monthName(p.first.month()), p.year);
    case Schedule::quarterly: return fmt::format("{}. kvartal {}", p.index, p.year);
    case Schedule::halfYearly: return fmt::format("{}. halvår {}", p.index, p.year);
    case Schedule::yearly: return std::to_string(p.year);
    }
    return p.label;
}

} // namespace

std::vector<CalendarEntry> yearWheel(Store& store, const Config& config, int year, Date today) {
    auto wheel = calendarWithPayouts(store, config, year, today);
    const auto contracts = listContracts(store);

    // SKAT's deadline only for a month with B-income: paid, or due by a
    // contract with a person (a company with a CVR number invoices instead).
    std::set<std::pair<int, unsigned>> dueMonths;
    for (int y : {year - 1, year})
        for (const auto& d : duePayouts(contracts, y))
            if (d.contract->payee.person()) dueMonths.insert({d.due.year(), d.due.month()});
    std::erase_if(wheel, [&](const CalendarEntry& e) {
        if (!e.bIncome || e.paid) return false;
        const Date monthBefore = Date(e.date.year(), e.date.month(), 1).addDays(-1);
        // The deadline of a month is in the month after it (17 January for December).
        return !dueMonths.contains({monthBefore.year(), monthBefore.month()});
    });

    // The accounts closed and the budget ready a week before the last day to
    // call the ordinary assembly, so both can go with the notice [000 §8; 001 §13].
    const auto byMonth = static_cast<unsigned>(config.integer("policy.ordinary_assembly_by_month"));
    const auto noticeDays = static_cast<int>(config.integer("policy.notice_days"));
    const Date heldBy = byMonth == 12 ? Date(year, 12, 31) : Date(year, byMonth + 1, 1).addDays(-1);
    const Date ready = heldBy.addDays(-noticeDays - 7);
    CalendarEntry accounts{ready,
                           fmt::format("Plan: the accounts for {} closed, to go with the notice of the ordinary "
                                       "assembly",
                                       year - 1),
                           "[000 §8; 001 §13]",
                           fmt::format("Årsregnskabet for {} afsluttes", year - 1),
                           fmt::format("Kilde: vedtægternes § 8. Regnskabet fremlægges til godkendelse på den "
                                       "ordinære generalforsamling og sendes med indkaldelsen, som senest skal "
                                       "udsendes den {}.",
                                       danish::date(heldBy.addDays(-noticeDays))),
                           false, false, "plan"};
    CalendarEntry budget{ready,
                         fmt::format("Plan: the budget for {} ready, to go with the notice", year),
                         "[001 §13]",
                         fmt::format("Budgettet for {} er klar", year),
                         fmt::format("Kilde: klyngekoordinatorens håndbog. Budgettet for det kommende år fremlægges "
                                     "på den ordinære generalforsamling og sendes med indkaldelsen."),
                         false, false, "plan"};
    wheel.push_back(std::move(accounts));
    wheel.push_back(std::move(budget));

    // The honoraria the contracts pay, each on the last day of its period.
    for (const auto& d : duePayouts(contracts, year)) {
        const auto& c = *d.contract;
        const bool bIncome = c.payee.person();
        wheel.push_back({d.due,
                         fmt::format("Plan: pay {}'s honorarium for {} (contract #{}){}", c.payee.name, d.period.label,
                                     c.number, bIncome ? "; B-income to eIndkomst by the 10th of next month" : ""),
                         "[001 §9, §14]",
                         fmt::format("Honorar for {} udbetales til {}", periodDanish(d.period, c.schedule),
                                     c.payee.name),
                         bIncome ? fmt::format("Kilde: honoraraftale nr. {}. Honoraret er B-indkomst og indberettes "
                                               "til eIndkomst senest den 10. i måneden efter udbetalingen.",
                                               c.number)
                                 : fmt::format("Kilde: honoraraftale nr. {}. Honoraret betales mod faktura.", c.number),
                         false, false, "plan"});
    }

    // The cluster's own meetings of the year, as called.
    for (const auto& s : listMeetings(store, year)) {
        const auto& m = s.meeting;
        if (m.status == MeetingStatus::aflyst) continue;
        wheel.push_back({m.start.date,
                         fmt::format("Meeting #{}: {} ({}), {}", m.number, m.title, meetingTypeName(m.type), m.place),
                         "the cluster's meetings",
                         fmt::format("{}: {}", danish::capitalised(std::string(meetingTypeTitle(m.type))), m.title),
                         fmt::format("{}, {}.", danish::spanCapitalised(m.start, m.end), m.place), false, false,
                         "meeting"});
    }
    std::stable_sort(wheel.begin(), wheel.end(),
                     [](const CalendarEntry& a, const CalendarEntry& b) { return a.date < b.date; });
    return wheel;
}

} // namespace klynge
