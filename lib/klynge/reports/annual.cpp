#include "klynge/reports/annual.hpp"

#include "klynge/charts/svg.hpp"
#include "klynge/quality/quality.hpp"
#include "klynge/reports/html.hpp"
#include "klynge/text/numbers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace klynge {
namespace {

using reports::HtmlTable;
using reports::amount;
using reports::escapeHtml;
using reports::number;
using reports::text;
using reports::wholeKroner;

std::string countText(std::int64_t n) { return danishCount(n); }

charts::Formatter kronerFormat() {
    return [](std::int64_t ore) { return wholeKroner(ore); };
}

// ---- The accounts ----

HtmlTable budgetTable(const char* heading, const std::vector<BudgetRow>& rows, const char* totalLabel, Money budget,
                      Money actual, bool hasBudget) {
    HtmlTable t;
    t.header = {text(heading), number("Budget"), number("Regnskab"), number("Afvigelse")};
    for (const auto& r : rows)
        t.rows.push_back({text(r.label), number(r.budget ? amount(*r.budget) : ""), number(amount(r.actual)),
                          number(r.budget ? amount(r.difference()) : "")});
    t.total = {text(totalLabel), number(hasBudget ? amount(budget) : ""), number(amount(actual)),
               number(hasBudget ? amount(actual - budget) : "")};
    return t;
}

std::string accountsSection(const AnnualAccounts& a) {
    const auto& l = a.lines;
    std::string tables = "<h3>Resultatopgørelse</h3>\n<p>Beløb i kr.</p>\n";
    tables += budgetTable("Indtægter", l.income, "Indtægter i alt", l.incomeBudget, l.incomeActual, l.hasBudget).html();
    tables += budgetTable("Udgifter", l.expenses, "Udgifter i alt", l.expenseBudget, l.expenseActual, l.hasBudget).html();
    HtmlTable funds;
    funds.caption = "Klyngens midler";
    funds.header = {text(""), number("Beløb i kr.")};
    // One opening balance (DANISH.md): carried over and first brought into the books.
    funds.rows.push_back({text(fmt::format("Saldo 1. januar {} (overført fra {})", a.year, a.year - 1)),
                          number(amount(a.carriedOver + l.openingBalances))});
    funds.rows.push_back({text("Årets resultat"), number(amount(a.result))});
    funds.total = {text(fmt::format("Overføres til {}", a.year + 1)), number(amount(a.closingEquity))};
    HtmlTable status;
    status.caption = fmt::format("Status pr. 31. december {}", a.year);
    status.header = {text(""), number("Beløb i kr.")};
    status.rows = {{text(fmt::format("Klyngesaldo på {}", a.account)), number(amount(a.closing.balance))},
                   {text("Registrerede udgifter, endnu ikke udbetalt"), number(amount(a.closing.committed))}};
    status.total = {text("Klyngens midler i alt"), number(amount(a.closing.equity))};
    tables += fmt::format("<p><strong>Årets resultat (indtægter minus udgifter): {} kr.</strong></p>\n",
                          amount(a.result));
    tables += funds.html() + status.html();
    return tables;
}

std::string budgetChart(const AnnualAccounts& a) {
    if (a.lines.expenses.empty()) return "<p>Året har hverken udgifter eller budget for udgifter.</p>\n";
    charts::ColumnChart c;
    c.text.id = "budget";
    c.text.title = fmt::format("Budget og regnskab {} pr. udgiftskategori", a.year);
    std::string desc;
    charts::Series budget{"Budget", {}}, actual{"Regnskab", {}};
    for (const auto& r : a.lines.expenses) {
        c.categories.push_back(r.label);
        budget.values.push_back(r.budget ? std::optional(r.budget->ore()) : std::nullopt);
        actual.values.push_back(r.actual.ore());
        desc += fmt::format("{}{}: budget {}, regnskab {} kr.", desc.empty() ? "" : "; ", r.label,
                            r.budget ? r.budget->danishNumber() + " kr." : "intet", r.actual.danishNumber());
    }
    c.text.desc = reports::sentence("Søjler pr. kategori, budget massivt og regnskab skraveret. " + desc);
    c.series = {budget, actual};
    c.unit = "kr.";
    c.format = kronerFormat();
    c.minStep = 100;
    return reports::figure(charts::columnSvg(c), "Budget (massiv) og regnskab (skraveret) for hver udgiftskategori, "
                                                  "i hele kroner. De nøjagtige beløb står i tabellen.");
}

std::string expensesChart(const AnnualAccounts& a) {
    charts::BarChart c;
    c.text.id = "udgifter";
    c.text.title = fmt::format("Udgifter {} fordelt på kategorier", a.year);
    std::vector<BudgetRow> rows;
    for (const auto& r : a.lines.expenses)
        if (r.actual != Money()) rows.push_back(r);
    if (rows.empty()) return "<p>Ingen udgifter i året.</p>\n";
    std::stable_sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.actual > y.actual; });
    std::string desc;
    for (const auto& r : rows) {
        c.items.push_back({r.label, r.actual.ore(), amount(r.actual)});
        desc += fmt::format("{}{}: {} kr.", desc.empty() ? "" : "; ", r.label, amount(r.actual));
    }
    c.text.desc = reports::sentence("Vandrette søjler, største udgift øverst. " + desc);
    c.seriesName = "Regnskab";
    c.unit = "kr.";
    c.format = kronerFormat();
    c.minStep = 100;
    return reports::figure(charts::barSvg(c), fmt::format("Årets udgifter i alt: {} kr.", amount(a.lines.expenseActual)));
}

constexpr std::array<const char*, 12> shortMonths{"jan.", "feb.", "mar.", "apr.", "maj", "jun.",
                                                  "jul.", "aug.", "sep.", "okt.", "nov.", "dec."};

std::string balanceChart(int year, const std::vector<DayBalance>& balance) {
    const Date first(year, 1, 1);
    charts::LineChart c;
    c.text.id = "saldo";
    c.text.title = fmt::format("Klyngesaldoen gennem {}", year);
    c.xMin = 0;
    c.xMax = first.daysUntil(Date(year, 12, 31)) + 1;
    for (unsigned m = 1; m <= 12; ++m) c.xTicks.push_back({first.daysUntil(Date(year, m, 1)), shortMonths[m - 1]});
    std::string desc;
    for (const auto& b : balance) {
        c.points.push_back({b.day < first ? 0 : first.daysUntil(b.day) + 1, b.balance.ore()});
        desc += fmt::format("{}{}: {} kr.", desc.empty() ? "" : "; ",
                            b.day < first ? "1. januar" : b.day.danishLong(), amount(b.balance));
    }
    c.text.desc = reports::sentence("Saldoen efter hver dag med indbetalinger eller udbetalinger. " + desc);
    c.seriesName = "Klyngesaldo";
    c.unit = "kr.";
    c.format = kronerFormat();
    c.minStep = 100;
    return reports::figure(charts::lineSvg(c), fmt::format("Saldoen på klyngens konto: {} kr. ved årets begyndelse og "
                                                           "{} kr. ved årets udgang.",
                                                           amount(balance.front().balance),
                                                           amount(balance.back().balance)));
}

// ---- Members and practices ----

std::string membersSection(const AnnualReport& r, int year) {
    HtmlTable t;
    t.header = {text("Ydernummer"), text("Praksis"), number("Læger"), number("Tilmeldte patienter")};
    std::int64_t patients = 0;
    int doctors = 0;
    charts::BarChart c;
    c.text.id = "praksis";
    c.text.title = fmt::format("Tilmeldte patienter pr. praksis 31. december {}", year);
    std::string desc;
    for (const auto& p : r.practices) {
        t.rows.push_back({text(p.ydernummer), text(p.name), number(std::to_string(p.members)),
                          number(p.patients ? countText(*p.patients) : "")});
        patients += p.patients.value_or(0);
        doctors += p.members;
        c.items.push_back({p.name, p.patients.value_or(0),
                           fmt::format("{} ({} læger)", countText(p.patients.value_or(0)), p.members)});
        desc += fmt::format("{}{}: {} patienter, {} læger", desc.empty() ? "" : "; ", p.name,
                            countText(p.patients.value_or(0)), p.members);
    }
    t.total = {text("I alt"), text(fmt::format("{} praksis", r.practices.size())), number(std::to_string(doctors)),
               number(countText(patients))};
    c.text.desc = reports::sentence(desc);
    c.seriesName = "Tilmeldte patienter";
    c.format = [](std::int64_t n) { return danishCount(n); };
    std::string out = fmt::format("<h3>Medlemmer og praksis</h3>\n<p>Pr. 31. december {} har klyngen {} medlemmer i "
                                  "{} praksis med i alt {} tilmeldte patienter.</p>\n",
                                  year, r.members, r.practices.size(), countText(patients));
    if (r.practices.empty())
        out += "<p>Klyngen har ingen medlemspraksis.</p>\n";
    else
        out += "<div class=\"pair\">\n<div>\n" + t.html() + "</div>\n<div>\n" +
               reports::figure(charts::barSvg(c), "Tilmeldte patienter og antal læger i hver praksis.") +
               "</div>\n</div>\n";
    auto people = [](const char* heading, const std::vector<Member>& members, bool joined) {
        std::string html = fmt::format("<h3>{}</h3>\n", heading);
        if (members.empty()) return html + "<p>Ingen.</p>\n";
        html += "<ul>\n";
        for (const auto& m : members)
            html += fmt::format("<li>{}, {}, {}</li>\n", escapeHtml(m.name), escapeHtml(m.practiceName),
                                (joined ? m.joined : *m.left).danishLong());
        return html + "</ul>\n";
    };
    out += people(fmt::format("Indmeldt i {}", year).c_str(), r.joined, true);
    out += people(fmt::format("Udmeldt i {}", year).c_str(), r.left, false);
    return out;
}

// ---- Meetings and decisions ----

std::string meetingsSection(const AnnualReport& r, int year) {
    std::string out = "<h3>Møder</h3>\n";
    if (r.meetings.empty()) return out + fmt::format("<p>Klyngen holdt ingen møder i {}.</p>\n", year);
    HtmlTable t;
    t.header = {text("Dato"), text("Møde"), number("Inviterede"), number("Tilmeldte"), number("Fremmødte"),
                text("Status")};
    charts::BarChart c;
    c.text.id = "fremmoede";
    c.text.title = fmt::format("Fremmøde ved klyngens møder {}", year);
    std::string desc;
    for (const auto& s : r.meetings) {
        const auto& m = s.meeting;
        t.rows.push_back({text(m.start.date.danish()), text(m.title), number(std::to_string(s.invited)),
                          number(std::to_string(s.yes)), number(std::to_string(s.attended)),
                          text(std::string(meetingStatusName(m.status)))});
        if (m.status == MeetingStatus::aflyst) continue;
        c.items.push_back({m.title, s.attended, fmt::format("{} af {}", s.attended, s.invited)});
        desc += fmt::format("{}{}: {} af {} inviterede mødte", desc.empty() ? "" : "; ", m.title, s.attended, s.invited);
    }
    c.text.desc = reports::sentence(desc);
    c.seriesName = "Fremmødte";
    c.format = [](std::int64_t n) { return danishCount(n); };
    out += t.html();
    if (!c.items.empty()) out += reports::figure(charts::barSvg(c), "Fremmødte af de inviterede ved hvert møde.");
    out += "<h3>Temaer</h3>\n";
    if (r.themes.empty()) return out + "<p>Ingen klyngemøder med faglige temaer i året.</p>\n";
    out += "<ul>\n";
    for (const auto& theme : r.themes) out += fmt::format("<li>{}</li>\n", escapeHtml(theme));
    return out + "</ul>\n";
}

std::string decisionsSection(const AnnualReport& r, int year) {
    std::string out = "<h3>Beslutninger</h3>\n";
    if (r.decisions.empty()) return out + fmt::format("<p>Ingen beslutninger i {}.</p>\n", year);
    HtmlTable t;
    t.header = {text("Dato"), text("Møde"), text("Beslutning"), text("Resultat")};
    for (const auto& d : r.decisions)
        t.rows.push_back({text(d.decidedOn.danish()), text(d.meetingTitle), text(danishSubject(d)), text(danishResult(d))});
    return out + t.html();
}

} // namespace

std::vector<std::string> themesOfYear(Store& store, int year, const std::vector<MeetingSummary>& meetings) {
    std::vector<std::string> themes;
    for (const auto& t : listThemes(store, year)) {
        auto n = std::count_if(t.meetings.begin(), t.meetings.end(),
                               [year](const Theme::MeetingRef& m) { return m.date.year() == year; });
        themes.push_back(fmt::format("{} ({} {} i {}; {})", t.title, n, n == 1 ? "møde" : "møder", year,
                                     themeStatusDanish(t.status)));
    }
    if (!themes.empty()) return themes;
    for (const auto& s : meetings)
        if (s.meeting.status != MeetingStatus::aflyst && !isGeneralAssembly(s.meeting.type))
            themes.push_back(s.meeting.title);
    return themes;
}

AnnualReport annualReport(Store& store, const Config& config, int year) {
    AnnualReport r;
    r.accounts = annualAccounts(store, config, year);
    const Date first(year, 1, 1), last(year, 12, 31);
    r.balance = balanceByDay(store, first, last);
    r.practices = listPractices(store, last, false);
    r.members = listMembers(store, {.at = last, .includeLeft = false, .position = std::nullopt}).size();
    for (auto& m : listMembers(store, {.at = last, .includeLeft = true, .position = std::nullopt})) {
        if (m.joined.year() == year) r.joined.push_back(m);
        if (m.left && m.left->year() == year) r.left.push_back(m);
    }
    // A draft is not called: the report lists the meetings the members knew of.
    for (auto& s : listMeetings(store, year))
        if (s.meeting.status != MeetingStatus::kladde) r.meetings.push_back(std::move(s));
    r.themes = themesOfYear(store, year, r.meetings);
    for (auto& d : listDecisions(store))
        if (d.decidedOn.year() == year) r.decisions.push_back(std::move(d));
    return r;
}

std::string renderAnnualReport(const AnnualReport& r, Date made) {
    const auto& a = r.accounts;
    const auto title = fmt::format("Årsrapport {} — {}", a.year, a.cluster);
    std::string body = fmt::format("<header>\n<h1>{}</h1>\n<p class=\"lead\">CVR-nummer {}. Regnskabsåret er "
                                   "kalenderåret {}. Rapporten er dannet den {} ud fra klyngens regnskab, "
                                   "medlemsliste og mødeprotokol og fremlægges på den ordinære generalforsamling."
                                   "</p>\n</header>\n",
                                   escapeHtml(title), escapeHtml(a.cvr), a.year, made.danishLong());
    body += fmt::format("<section>\n<h2>Årsregnskab {}</h2>\n<div class=\"pair wide-right\">\n<div>\n{}</div>\n<div>\n"
                        "<h3>Budget og regnskab</h3>\n{}</div>\n</div>\n</section>\n",
                        a.year, accountsSection(a), budgetChart(a));
    body += fmt::format("<section>\n<h2>Udgifter og klyngesaldo</h2>\n<div class=\"pair\">\n<div>\n"
                        "<h3>Udgifter fordelt på kategorier</h3>\n{}</div>\n<div>\n<h3>Klyngesaldoen gennem året</h3>\n"
                        "{}</div>\n</div>\n</section>\n",
                        expensesChart(a), balanceChart(a.year, r.balance));
    body += fmt::format("<section>\n<h2>Medlemmer</h2>\n{}</section>\n", membersSection(r, a.year));
    body += fmt::format("<section>\n<h2>Møder og beslutninger</h2>\n{}{}</section>\n", meetingsSection(r, a.year),
                        decisionsSection(r, a.year));
    return reports::htmlPage(title, body);
}

} // namespace klynge
