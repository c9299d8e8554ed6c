#include "klynge/calendar/deadlines.hpp"

#include "klynge/calendar/holidays.hpp"
#include "klynge/text/danish.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

namespace klynge {
namespace {

constexpr std::array monthNames{"January", "February", "March",     "April",   "May",      "June",
                                "July",    "August",   "September", "October", "November", "December"};

} // namespace

Date bIncomeDeadline(int year, unsigned month, bool bankClosingDaysMove) {
    // December's payouts: 17 January; every other month: the 10th of the next.
    Date nominal = month == 12 ? Date(year + 1, 1, 17) : Date(year, month + 1, 10);
    return onOrNextWeekday(nominal, bankClosingDaysMove);
}

std::vector<CalendarEntry> statutoryCalendar(int year, const Config& config) {
    const bool bankDays = config.boolean("skat.bank_closing_days_move_deadline");
    std::vector<CalendarEntry> out;
    const std::string skatSource = "Kilde: indkomstregisterloven § 4, stk. 1. Frist for indberetning af "
                                   "B-indkomst (honorarer) til eIndkomst.";
    // B-income paid in December of the year before, then in each month.
    out.push_back({bIncomeDeadline(year - 1, 12, bankDays),
                   fmt::format("SKAT: report B-income paid in December {} to eIndkomst", year - 1),
                   "indkomstregisterloven § 4, stk. 1; [001 §14]",
                   fmt::format("Indberet B-indkomst for december {} til eIndkomst (frist)", year - 1), skatSource,
                   true});
    for (unsigned m = 1; m <= 11; ++m)
        out.push_back({bIncomeDeadline(year, m, bankDays),
                       fmt::format("SKAT: report B-income paid in {} {} to eIndkomst", monthNames[m - 1], year),
                       "indkomstregisterloven § 4, stk. 1; [001 §14]",
                       fmt::format("Indberet B-indkomst for {} {} til eIndkomst (frist)", danish::monthName(m), year),
                       skatSource, true});
    out.push_back({Date(year, 1, 31), "PLO: the practices (ydernumre) updated, or payments from PLO stop",
                   "[002]; KiAP", "Klyngens praksis (ydernumre) opdateret hos PLO (frist)",
                   "Kilde: PLO og KiAP. Er praksisoplysningerne ikke opdateret, standser udbetalingerne fra PLO."});
    out.push_back({Date(year, 2, 1), "Grant: patients counted (census date) and the operating grant paid by today",
                   "[001 §11], [002]", "Klyngemidler: patienttal opgøres, og driftstilskuddet udbetales",
                   "Kilde: KiAP. Driftstilskuddet beregnes af antallet af tilmeldte patienter på denne dato og "
                   "udbetales senest samme dag."});
    // The ordinary assembly is held by the end of policy.ordinary_assembly_by_month,
    // called policy.notice_days before at the latest.
    const auto byMonth = static_cast<unsigned>(config.integer("policy.ordinary_assembly_by_month"));
    const auto noticeDays = static_cast<int>(config.integer("policy.notice_days"));
    const Date heldBy = byMonth == 12 ? Date(year, 12, 31) : Date(year, byMonth + 1, 1).addDays(-1);
    const std::string when = byMonth == 3 ? std::string("in the first quarter")
                                          : fmt::format("by the end of {}", monthNames[byMonth - 1]);
    const std::string whenDa = byMonth == 3 ? std::string("inden udgangen af første kvartal")
                                            : fmt::format("inden udgangen af {}", danish::monthName(byMonth));
    out.push_back({heldBy.addDays(-noticeDays),
                   fmt::format("General assembly: last day to call it with {} days' notice to hold it {}", noticeDays,
                               when),
                   "[000 §4]",
                   fmt::format("Sidste dag for indkaldelse til ordinær generalforsamling ({} dages varsel)",
                               noticeDays),
                   fmt::format("Kilde: vedtægternes § 4. Den ordinære generalforsamling holdes {} og indkaldes "
                               "med mindst {} dages varsel.",
                               whenDa, noticeDays)});
    out.push_back({heldBy, fmt::format("General assembly: the ordinary assembly is held {}", when), "[000 §4]",
                   "Sidste dag for den ordinære generalforsamling",
                   fmt::format("Kilde: vedtægternes § 4. Den ordinære generalforsamling holdes {}.", whenDa)});
    out.push_back({Date(year, 12, 1), "KiAP: check the roster — `klynge check` warns from today", "[001 §11, §15]",
                   "Gennemgå medlemslisten før registreringen hos KiAP",
                   "Kilde: KiAP. Medlemslisten skal være opdateret hos KiAP inden 1. januar."});
    out.push_back({Date(year, 12, 31),
                   fmt::format("KiAP: last day to register the roster; the region pays the {} grant from it", year + 1),
                   "[001 §11, §15]", "Sidste dag for registrering af medlemslisten hos KiAP",
                   fmt::format("Kilde: KiAP. Regionen udbetaler klyngemidlerne for {} på grundlag af "
                               "registreringen.",
                               year + 1)});
    std::stable_sort(out.begin(), out.end(),
                     [](const CalendarEntry& a, const CalendarEntry& b) { return a.date < b.date; });
    return out;
}

} // namespace klynge
