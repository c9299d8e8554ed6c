// klynge practice add | set | list | show | leave (klynge-practice(1)).
#include "cli.hpp"

#include "klynge/text/error.hpp"
#include "klynge/people/practice.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace klynge::cli {
namespace {

out::Table practiceTable(const std::vector<Practice>& list) {
    out::Table t{{{"ydernummer", "YDERNR"}, {"name", "PRACTICE"}, {"patients", "PATIENTS"},
                  {"patients_as_of", "AS OF"}, {"capacities", "CAPACITIES"}, {"members", "MEMBERS"},
                  {"joined", "JOINED"}, {"left", "LEFT"}},
                 {}};
    for (auto& p : list)
        t.add({p.ydernummer, p.name, out::opt(p.patients), out::opt(p.patientsAsOf), out::opt(p.capacities),
               std::int64_t{p.members}, p.joined, out::opt(p.left)});
    return t;
}

Date dateOr(const std::string& value, std::string_view option, Date fallback) {
    return value.empty() ? fallback : parseDate(value, option);
}

} // namespace

void registerPractice(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("practice", "Member practices (ydernumre) with dated patient counts");
    grp->require_subcommand(1);

    struct AddOptions {
        std::string ydernummer, name, asOf, joined;
        std::int64_t patients = 0;
        std::optional<std::int64_t> capacities;
    };
    auto a = std::make_shared<AddOptions>();
    auto* add = grp->add_subcommand("add", "Register a practice with its patient count");
    add->add_option("YDERNR", a->ydernummer, "The practice's 6-digit ydernummer")->required();
    add->add_option("--name", a->name, "The practice's name")->required();
    add->add_option("--patients", a->patients, "Registered group-1 patients")->required();
    add->add_option("--capacities", a->capacities, "Doctor capacities (lægekapaciteter)");
    add->add_option("--as-of", a->asOf, "Date of the patient count (default: today)")->type_name("DATE");
    add->add_option("--joined", a->joined, "When the practice joined the cluster (default: --as-of)")->type_name("DATE");
    add->callback([&ctx, a] {
        auto session = ctx.open();
        NewPractice p{Ydernummer::parse(a->ydernummer), a->name, a->patients, a->capacities,
                      dateOr(a->asOf, "--as-of", Date::today()), {}};
        p.joined = dateOr(a->joined, "--joined", p.asOf);
        ctx.write(session, [&] {
            auto added = addPractice(session.store(), p);
            ctx.note(fmt::format("Added practice {} {}: {} patients as of {}", added.ydernummer, added.name,
                                 out::danishCount(p.patients), p.asOf.iso()));
            return fmt::format("added practice {} {}", added.ydernummer, added.name);
        });
    });

    struct SetOptions {
        std::string ydernummer, asOf;
        std::optional<std::string> name;
        std::optional<std::int64_t> patients, capacities;
    };
    auto s = std::make_shared<SetOptions>();
    auto* set = grp->add_subcommand("set", "Record a new patient count or capacity (dated), or rename");
    set->add_option("YDERNR", s->ydernummer, "The practice's ydernummer")->required();
    set->add_option("--patients", s->patients, "New registered patient count");
    set->add_option("--capacities", s->capacities, "New number of doctor capacities");
    set->add_option("--as-of", s->asOf, "Date of the new count (default: today)")->type_name("DATE");
    set->add_option("--name", s->name, "New name");
    set->callback([&ctx, s] {
        if (!s->patients && !s->capacities && !s->name)
            throw InvalidValue("nothing to change — give --patients, --capacities or --name");
        auto session = ctx.open();
        auto y = Ydernummer::parse(s->ydernummer);
        PracticeChange change{s->name, s->patients, s->capacities, dateOr(s->asOf, "--as-of", Date::today())};
        ctx.write(session, [&] {
            auto done = setPractice(session.store(), y, change);
            if (done.empty()) ctx.note(fmt::format("Practice {}: nothing changed", y.str()));
            for (auto& d : done) ctx.note(fmt::format("Practice {}: {}", y.str(), d));
            return fmt::format("practice {}: {}", y.str(), done.empty() ? "no change" : fmt::format("{}", fmt::join(done, "; ")));
        });
    });

    struct ListOptions {
        std::string at;
        bool all = false;
    };
    auto l = std::make_shared<ListOptions>();
    auto* list = grp->add_subcommand("list", "The practices, with patients as of a date");
    list->add_option("--at", l->at, "As of this date (default: today)")->type_name("DATE");
    list->add_flag("--all", l->all, "Include practices that have left");
    list->callback([&ctx, l] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto practices = listPractices(session.store(), dateOr(l->at, "--at", Date::today()), l->all);
        ctx.print(practiceTable(practices));
    });

    struct ShowOptions {
        std::string ydernummer, at;
    };
    auto sh = std::make_shared<ShowOptions>();
    auto* show = grp->add_subcommand("show", "One practice with its count history");
    show->add_option("YDERNR", sh->ydernummer, "The practice's ydernummer")->required();
    show->add_option("--at", sh->at, "As of this date (default: today)")->type_name("DATE");
    show->callback([&ctx, sh] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto d = showPractice(session.store(), Ydernummer::parse(sh->ydernummer), dateOr(sh->at, "--at", Date::today()));
        auto& p = d.practice;
        std::vector<out::Field> f{{"ydernummer", "Ydernummer", p.ydernummer},
                                  {"name", "Name", p.name},
                                  {"patients", "Patients", out::opt(p.patients)},
                                  {"patients_as_of", "Counted", out::opt(p.patientsAsOf)},
                                  {"capacities", "Capacities", out::opt(p.capacities)},
                                  {"members", "Members", std::int64_t{p.members}},
                                  {"joined", "Joined", p.joined},
                                  {"left", "Left", out::opt(p.left)}};
        auto historyJson = [](const std::vector<DatedCount>& h, const char* key) {
            out::Json arr = out::Json::array();
            for (auto& c : h) arr.push(out::Json::object().set("as_of", c.asOf.iso()).set(key, c.value));
            return arr;
        };
        if (ctx.json()) {
            auto j = out::recordJson(f);
            j.set("patient_history", historyJson(d.patientHistory, "patients"));
            j.set("capacity_history", historyJson(d.capacityHistory, "capacities"));
            return ctx.printJson(j);
        }
        ctx.printRecord(f);
        if (ctx.table()) {
            ctx.out << "\nPatient counts:\n";
            for (auto& c : d.patientHistory) ctx.out << fmt::format("  {}  {:>8}\n", c.asOf.iso(), out::danishCount(c.value));
            if (!d.capacityHistory.empty()) ctx.out << "Doctor capacities:\n";
            for (auto& c : d.capacityHistory) ctx.out << fmt::format("  {}  {:>8}\n", c.asOf.iso(), c.value);
        }
    });

    struct LeaveOptions {
        std::string ydernummer, date;
    };
    auto lv = std::make_shared<LeaveOptions>();
    auto* leave = grp->add_subcommand("leave", "The practice leaves the cluster; its doctors leave with it");
    leave->add_option("YDERNR", lv->ydernummer, "The practice's ydernummer")->required();
    leave->add_option("--date", lv->date, "The date the practice leaves")->type_name("DATE")->required();
    leave->callback([&ctx, lv] {
        auto session = ctx.open();
        auto y = Ydernummer::parse(lv->ydernummer);
        Date date = parseDate(lv->date, "--date");
        ctx.write(session, [&] {
            auto names = leavePractice(session.store(), y, date);
            ctx.note(fmt::format("Practice {} left on {}", y.str(), date.iso()));
            for (auto& n : names) ctx.note(fmt::format("  {} left with it", n));
            return fmt::format("practice {} left on {} with {} member(s)", y.str(), date.iso(), names.size());
        });
    });
}

} // namespace klynge::cli
