// klynge status — the cluster at a glance (klynge-status(1)).
#include "cli.hpp"

#include "klynge/checks/status.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace klynge::cli {
namespace {

out::Json statusJson(const StatusReport& r) {
    out::Json j = out::Json::object();
    j.set("name", r.name).set("cvr", r.cvr).set("municipality", r.municipality).set("region", r.region);
    j.set("founded", out::Json(out::opt(r.founded)));
    j.set("at", r.at.iso()).set("practices", r.practices).set("patients", r.patients);
    out::Json byPos = out::Json::object();
    for (auto& [pos, n] : r.membersByPosition) byPos.set(pos, n);
    j.set("members", r.members).set("members_by_position", byPos).set("voting_members", r.votingMembers);
    out::Json roles = out::Json::array();
    for (auto& a : r.roles)
        roles.push(out::Json::object().set("role", a.role).set("holder", a.holder).set("from", a.from.iso()).set(
            "to", out::Json(out::opt(a.to))));
    j.set("roles", roles);
    j.set("last_registration", r.lastRegistration ? out::Json(r.lastRegistration->date.iso()) : out::Json());
    j.set("changes_since_registration", r.changesSinceRegistration);
    j.set("ledger_entries", r.ledgerEntries)
        .set("balance", out::Json(out::Cell(r.balance)))
        .set("committed", out::Json(out::Cell(r.committed)))
        .set("spent_this_year", out::Json(out::Cell(r.spentThisYear)))
        .set("budget_this_year", r.budgetThisYear ? out::Json(out::Cell(*r.budgetThisYear)) : out::Json());
    if (r.nextMeeting) {
        const auto& n = *r.nextMeeting;
        j.set("next_meeting", out::Json::object()
                                  .set("id", n.meeting.id)
                                  .set("type", std::string(meetingTypeName(n.meeting.type)))
                                  .set("title", n.meeting.title)
                                  .set("start", n.meeting.start.iso())
                                  .set("place", n.meeting.place)
                                  .set("respond_by", out::Json(out::opt(n.meeting.respondBy)))
                                  .set("invited", n.invited)
                                  .set("yes", n.yes)
                                  .set("no", n.no)
                                  .set("unanswered", n.unanswered()));
    } else {
        j.set("next_meeting", out::Json());
    }
    out::Json skat = out::Json::array();
    for (auto& d : r.skatDue)
        skat.push(out::Json::object()
                      .set("month", d.month)
                      .set("records", d.records)
                      .set("amount", out::Json(out::Cell(d.amount)))
                      .set("deadline", d.deadline.iso())
                      .set("days_left", r.at.daysUntil(d.deadline)));
    j.set("skat_due", skat);
    out::Json deadlines = out::Json::array();
    for (auto& d : r.deadlines)
        deadlines.push(out::Json::object()
                           .set("date", d.date.iso())
                           .set("days_left", r.at.daysUntil(d.date))
                           .set("deadline", d.what)
                           .set("source", d.source));
    j.set("deadlines", deadlines);
    out::Json themes = out::Json::array();
    for (auto& t : r.themes)
        themes.push(out::Json::object()
                        .set("id", t.number)
                        .set("title", t.title)
                        .set("status", std::string(themeStatusName(t.status)))
                        .set("meetings", static_cast<std::int64_t>(t.meetings.size()))
                        .set("last_meeting", out::Json(out::opt(t.lastMeeting()))));
    j.set("themes", themes);
    j.set("open_tasks", r.openTasks).set("overdue_tasks", r.overdueTasks);
    out::Json findings = out::Json::array();
    for (auto& f : r.findings)
        findings.push(out::Json::object()
                          .set("rule", f.rule)
                          .set("severity", std::string(severityName(f.severity)))
                          .set("message", f.message));
    j.set("findings", findings);
    if (r.founding.empty()) {
        j.set("founding", out::Json());
    } else {
        out::Json steps = out::Json::array();
        for (auto& s : r.founding)
            steps.push(out::Json::object()
                           .set("step", std::string(s.id))
                           .set("what", std::string(s.what))
                           .set("state", std::string(foundingStateName(s.state)))
                           .set("detail", s.detail));
        j.set("founding", steps);
    }
    return j;
}

} // namespace

void registerStatus(CLI::App& app, Context& ctx) {
    auto at = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("status", "The cluster at a glance: people, practices, patients, roles, warnings");
    cmd->add_option("--at", *at, "As of this date (default: today, or $KLYNGE_TODAY)")->type_name("DATE");
    cmd->callback([&ctx, at] {
        auto session = ctx.open(Store::Mode::readOnly);
        Date when = at->empty() ? Date::today() : parseDate(*at, "--at");
        auto r = clusterStatus(session, when);
        if (ctx.json()) return ctx.printJson(statusJson(r));
        if (!ctx.table()) {
            std::vector<out::Field> f{{"name", "", r.name}, {"cvr", "", r.cvr}, {"at", "", r.at},
                                      {"practices", "", std::int64_t{r.practices}}, {"patients", "", r.patients},
                                      {"members", "", std::int64_t{r.members}},
                                      {"voting_members", "", std::int64_t{r.votingMembers}}};
            for (auto& [pos, n] : r.membersByPosition) f.push_back({pos, "", std::int64_t{n}});
            f.push_back({"balance", "", r.balance});
            f.push_back({"committed", "", r.committed});
            f.push_back({"spent_this_year", "", r.spentThisYear});
            f.push_back({"budget_this_year", "", r.budgetThisYear ? out::Cell(*r.budgetThisYear) : out::Cell()});
            return ctx.printRecord(f);
        }
        auto& os = ctx.out;
        os << fmt::format("{} ({}) — {}, Region {}\n", r.name, r.cvr.empty() ? "no CVR yet" : "CVR " + r.cvr,
                          r.municipality, r.region);
        os << fmt::format("As of {}{}\n\n", r.at.iso(), r.founded ? fmt::format(", founded {}", r.founded->iso()) : "");
        if (!r.founding.empty()) {
            int done = 0;
            for (auto& s : r.founding) done += s.state == FoundingStep::State::done;
            os << fmt::format("Founding    being founded: {} of {} steps done [000]\n", done, r.founding.size());
            for (auto& s : r.founding) {
                const char* mark = s.state == FoundingStep::State::done ? "x"
                                   : s.state == FoundingStep::State::open ? " "
                                                                          : "?";
                os << fmt::format("  [{}] {} — {}\n", mark, s.what, s.detail);
            }
            os << '\n';
        }
        std::vector<std::string> parts;
        for (auto& [pos, n] : r.membersByPosition)
            if (n) parts.push_back(fmt::format("{} {}", n, pos));
        os << fmt::format("Practices   {}, {} registered patients\n", r.practices, out::danishCount(r.patients));
        os << fmt::format("Members     {} doctor{} ({}), {} with voting right\n", r.members, r.members == 1 ? "" : "s",
                          parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", ")), r.votingMembers);
        std::string coordinator = "none";
        for (auto& a : r.roles)
            if (a.role == "koordinator") coordinator = a.holder;
        // [000 §7]: the suppleant holds the post until the next ordinary assembly.
        for (auto& a : r.roles)
            for (auto& s : r.roles)
                if (a.role == "koordinator" && s.role == "suppleant" && a.memberId && a.memberId == s.memberId)
                    coordinator += " (acting: the suppleant, until the next ordinary general assembly [000 §7])";
        os << fmt::format("Coordinator {}\n", coordinator);
        std::vector<std::string> others;
        for (auto& a : r.roles)
            if (a.role != "koordinator") others.push_back(fmt::format("{} {}", a.role, a.holder));
        if (!others.empty()) os << fmt::format("Roles       {}\n", fmt::join(others, "; "));
        if (r.lastRegistration)
            os << fmt::format("KiAP        roster registered {}; {} change{} since\n", r.lastRegistration->date.iso(),
                              r.changesSinceRegistration, r.changesSinceRegistration == 1 ? "" : "s");
        else
            os << "KiAP        roster never registered (`klynge member registered --date DATE`)\n";
        if (r.ledgerEntries == 0) {
            os << "Money       no ledger entries yet (`klynge ledger income`, `klynge ledger add`)\n";
        } else {
            os << fmt::format("Money       klyngesaldo {}; {} recorded but not yet paid\n", r.balance.danish(),
                              r.committed.danish());
            if (r.budgetThisYear && *r.budgetThisYear > Money())
                os << fmt::format("            {}: spent {} of the budget {} ({} %)\n", r.at.year(),
                                  r.spentThisYear.danish(), r.budgetThisYear->danish(),
                                  r.spentThisYear.ore() * 100 / r.budgetThisYear->ore());
            else
                os << fmt::format("            {}: spent {}; no budget (`klynge budget set`)\n", r.at.year(),
                                  r.spentThisYear.danish());
        }
        if (r.nextMeeting) {
            const auto& n = *r.nextMeeting;
            os << fmt::format("Next        meeting #{} {} {}, {} ({}): {} yes, {} no, {} not answered{}\n",
                              n.meeting.number, n.meeting.start.date.iso(), n.meeting.start.clock(), n.meeting.title,
                              n.meeting.place, n.yes, n.no, n.unanswered(),
                              n.meeting.respondBy ? fmt::format("; respond by {}", n.meeting.respondBy->iso()) : "");
        } else {
            os << "Next        no meeting called (`klynge meeting call`)\n";
        }
        for (std::size_t i = 0; i < r.themes.size(); ++i) {
            const auto& t = r.themes[i];
            os << fmt::format("{}#{} {} ({}; {} meeting{}{})\n", i ? "            " : "Themes      ", t.number, t.title,
                              themeStatusName(t.status), t.meetings.size(), t.meetings.size() == 1 ? "" : "s",
                              t.followUpBy ? fmt::format("; follow-up by {}", t.followUpBy->iso()) : "");
        }
        if (r.openTasks)
            os << fmt::format("Tasks       {} open, {} overdue (`klynge task list`)\n", r.openTasks, r.overdueTasks);
        for (std::size_t i = 0; i < r.skatDue.size(); ++i) {
            const auto& d = r.skatDue[i];
            int left = r.at.daysUntil(d.deadline);
            os << fmt::format("{}B-income of {} ({} payout{}, {}) to eIndkomst by {} ({})\n", i ? "            " : "SKAT        ",
                              d.month, d.records, d.records == 1 ? "" : "s", d.amount.danish(), d.deadline.iso(),
                              left < 0 ? fmt::format("{} days overdue", -left) : fmt::format("{} days left", left));
        }
        if (r.skatDue.empty() && r.anyBIncome) os << "SKAT        every B-income payout is reported\n";
        for (std::size_t i = 0; i < r.deadlines.size(); ++i) {
            const auto& d = r.deadlines[i];
            const int left = r.at.daysUntil(d.date);
            os << fmt::format("{}{} {} ({})\n", i ? "            " : "Deadlines   ", d.date.iso(), d.what,
                              left == 0  ? std::string("today")
                              : left < 0 ? fmt::format("{} day{} overdue", -left, left == -1 ? "" : "s")
                                         : fmt::format("{} day{}", left, left == 1 ? "" : "s"));
        }
        if (r.findings.empty()) {
            os << "\nNo problems found.\n";
        } else {
            os << '\n';
            for (auto& f : r.findings) os << fmt::format("{}: {}\n", severityName(f.severity), f.message);
        }
    });
}

} // namespace klynge::cli
