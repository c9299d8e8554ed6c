#include "klynge/people/practice.hpp"

#include "klynge/text/collate.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace klynge {
namespace {

std::optional<DatedCount> latestOnOrBefore(Store& store, const char* table, const char* column,
                                           std::int64_t practiceId, Date at) {
    auto q = store.prepared(fmt::format("SELECT as_of, {} FROM {} WHERE practice_id = ? AND "
                                        "as_of <= ? ORDER BY as_of DESC LIMIT 1",
                                        column, table));
    q.bind(1, practiceId);
    q.bind(2, at.iso());
    if (!q.executeStep()) return std::nullopt;
    return DatedCount{Date::parse(q.getColumn(0).getString()), q.getColumn(1).getInt64()};
}

std::vector<DatedCount> history(Store& store, const char* table, const char* column, std::int64_t id) {
    auto q = store.prepared(fmt::format("SELECT as_of, {} FROM {} WHERE practice_id = ? "
                                        "ORDER BY as_of",
                                        column, table));
    q.bind(1, id);
    std::vector<DatedCount> out;
    while (q.executeStep())
        out.push_back({Date::parse(q.getColumn(0).getString()), q.getColumn(1).getInt64()});
    return out;
}

// Records a dated count; the same date twice replaces that day's figure.
void recordCount(Store& store, const char* table, const char* column, std::int64_t id, Date asOf,
                 std::int64_t value) {
    auto q = store.prepared(fmt::format("INSERT INTO {}(id, practice_id, as_of, {}) VALUES (klynge_id(), ?, ?, ?) "
                                        "ON CONFLICT(practice_id, as_of) DO UPDATE SET {} = excluded.{}",
                                        table, column, column, column));
    q.bind(1, id);
    q.bind(2, asOf.iso());
    q.bind(3, value);
    q.exec();
}

// One statement for the practices and their figures as of ?1 (one prepare,
// not one per practice: `klynge status` answers in milliseconds).
constexpr const char* practiceColumns =
    "SELECT p.id, p.ydernummer, p.name, p.joined_on, p.left_on, "
    "(SELECT patients FROM practice_patients WHERE practice_id = p.id AND as_of <= ?1 ORDER BY as_of DESC LIMIT 1), "
    "(SELECT as_of FROM practice_patients WHERE practice_id = p.id AND as_of <= ?1 ORDER BY as_of DESC LIMIT 1), "
    "(SELECT capacities FROM practice_capacities WHERE practice_id = p.id AND as_of <= ?1 "
    " ORDER BY as_of DESC LIMIT 1), "
    "(SELECT count(*) FROM member m WHERE m.practice_id = p.id AND m.joined_on <= ?1 "
    " AND (m.left_on IS NULL OR m.left_on > ?1)) "
    "FROM practice p";

Practice readPractice(SQLite::Statement& row) {
    Practice p;
    p.id = row.getColumn(0).getInt64();
    p.ydernummer = row.getColumn(1).getString();
    p.name = row.getColumn(2).getString();
    p.joined = Date::parse(row.getColumn(3).getString());
    if (!row.getColumn(4).isNull()) p.left = Date::parse(row.getColumn(4).getString());
    if (!row.getColumn(5).isNull()) {
        p.patients = row.getColumn(5).getInt64();
        p.patientsAsOf = Date::parse(row.getColumn(6).getString());
    }
    if (!row.getColumn(7).isNull()) p.capacities = row.getColumn(7).getInt64();
    p.members = row.getColumn(8).getInt();
    return p;
}

} // namespace

std::string checkedPracticeName(std::string_view name) {
    std::string n(name);
    if (n.find_first_not_of(" \t") == std::string::npos)
        throw InvalidValue("the practice name is empty — give --name \"Lægerne ...\"");
    return checkedText(n, "the practice name", text_limit::title);
}

std::int64_t checkedCount(std::int64_t n, std::string_view what) {
    if (n < 0) throw InvalidValue(fmt::format("{}: {} is negative — give a count of 0 or more", what, n));
    // Denmark has about 6 million people; no practice lists 10 million.
    if (n > 10'000'000)
        throw InvalidValue(fmt::format("{}: {} is not a plausible count — at most 10.000.000", what, n));
    return n;
}

std::int64_t practiceId(Store& store, const Ydernummer& y) {
    auto q = store.prepared("SELECT id FROM practice WHERE ydernummer = ?");
    q.bind(1, y.str());
    if (!q.executeStep())
        throw RuleViolation(fmt::format("practice {} is not registered — add it with `klynge practice add {} "
                                        "--name ... --patients N`",
                                        y.str(), y.str()));
    return q.getColumn(0).getInt64();
}

Practice addPractice(Store& store, const NewPractice& p) {
    auto exists = store.prepared("SELECT name FROM practice WHERE ydernummer = ?");
    exists.bind(1, p.ydernummer.str());
    if (exists.executeStep())
        throw RuleViolation(fmt::format("practice {} ({}) is already registered — change it with `klynge "
                                        "practice set {}`",
                                        p.ydernummer.str(), exists.getColumn(0).getString(), p.ydernummer.str()));
    // A count describes the practice in the cluster: the grant counts it from then on.
    if (p.asOf < p.joined)
        throw InvalidValue(fmt::format("--as-of {} is before the practice joined the cluster ({}) — give a count "
                                       "dated on or after it joined, or the earlier --joined date",
                                       p.asOf.iso(), p.joined.iso()));
    auto ins = store.prepared("INSERT INTO practice(id, ydernummer, name, joined_on) VALUES (klynge_id(), ?, ?, ?)");
    ins.bind(1, p.ydernummer.str());
    ins.bind(2, checkedPracticeName(p.name));
    ins.bind(3, p.joined.iso());
    ins.exec();
    auto id = store.db().getLastInsertRowid();
    recordCount(store, "practice_patients", "patients", id, p.asOf, checkedCount(p.patients, "--patients"));
    if (p.capacities)
        recordCount(store, "practice_capacities", "capacities", id, p.asOf,
                    checkedCount(*p.capacities, "--capacities"));
    return showPractice(store, p.ydernummer, std::max(p.asOf, p.joined)).practice;
}

std::vector<std::string> setPractice(Store& store, const Ydernummer& y, const PracticeChange& change) {
    auto id = practiceId(store, y);
    auto before = showPractice(store, y, change.asOf).practice;
    if ((change.patients || change.capacities) && change.asOf < before.joined)
        throw InvalidValue(fmt::format("--as-of {} is before practice {} joined the cluster ({}) — give a count "
                                       "dated on or after {}",
                                       change.asOf.iso(), y.str(), before.joined.iso(), before.joined.iso()));
    if ((change.patients || change.capacities) && before.left && change.asOf >= *before.left)
        throw InvalidValue(fmt::format("--as-of {} is after practice {} left the cluster ({}) — a count is for its "
                                       "time in the cluster",
                                       change.asOf.iso(), y.str(), before.left->iso()));
    std::vector<std::string> done;
    if (change.name && *change.name != before.name) {
        auto q = store.prepared("UPDATE practice SET name = ? WHERE id = ?");
        q.bind(1, checkedPracticeName(*change.name));
        q.bind(2, id);
        q.exec();
        done.push_back(fmt::format("name \"{}\" → \"{}\"", before.name, *change.name));
    }
    if (change.patients && change.patients != before.patients) {
        recordCount(store, "practice_patients", "patients", id, change.asOf,
                    checkedCount(*change.patients, "--patients"));
        done.push_back(fmt::format("patients {} → {} as of {}",
                                   before.patients ? std::to_string(*before.patients) : "none",
                                   *change.patients, change.asOf.iso()));
    }
    if (change.capacities && change.capacities != before.capacities) {
        recordCount(store, "practice_capacities", "capacities", id, change.asOf,
                    checkedCount(*change.capacities, "--capacities"));
        done.push_back(fmt::format("capacities {} → {} as of {}",
                                   before.capacities ? std::to_string(*before.capacities) : "none",
                                   *change.capacities, change.asOf.iso()));
    }
    return done;
}

std::vector<std::string> leavePractice(Store& store, const Ydernummer& y, Date date) {
    auto p = showPractice(store, y, date).practice;
    if (p.left)
        throw RuleViolation(fmt::format("practice {} already left on {} — nothing to do", y.str(), p.left->iso()));
    if (date < p.joined)
        throw InvalidValue(fmt::format("--date {} is before the practice joined ({}) — give a later date",
                                       date.iso(), p.joined.iso()));
    std::vector<std::string> names;
    auto members = store.prepared("SELECT id, coalesce(name, '(glemt)') FROM member WHERE practice_id = ? "
                                  "AND left_on IS NULL");
    members.bind(1, p.id);
    while (members.executeStep()) names.push_back(members.getColumn(1).getString());
    // Roles end with the membership; a member who joined after `date` is odd but left too.
    auto roles = store.prepared("UPDATE role_assignment SET to_date = max(from_date, ?1) WHERE "
                                "(to_date IS NULL OR to_date > ?1) AND member_id IN "
                                "(SELECT id FROM member WHERE practice_id = ?2 AND left_on IS NULL)");
    roles.bind(1, date.addDays(-1).iso()); // the last day in the role
    roles.bind(2, p.id);
    roles.exec();
    auto leave = store.prepared("UPDATE member SET left_on = max(joined_on, ?) WHERE practice_id = ? AND left_on IS NULL");
    leave.bind(1, date.iso());
    leave.bind(2, p.id);
    leave.exec();
    auto q = store.prepared("UPDATE practice SET left_on = ? WHERE id = ?");
    q.bind(1, date.iso());
    q.bind(2, p.id);
    q.exec();
    std::sort(names.begin(), names.end(), [](auto& a, auto& b) { return danishLess(a, b); });
    return names;
}

std::vector<Practice> listPractices(Store& store, Date at, bool includeLeft) {
    auto q = store.prepared(fmt::format("{} WHERE p.joined_on <= ?1 {} ORDER BY p.ydernummer", practiceColumns,
                                        includeLeft ? "" : "AND (p.left_on IS NULL OR p.left_on > ?1)"));
    q.bind(1, at.iso());
    std::vector<Practice> out;
    while (q.executeStep()) out.push_back(readPractice(q));
    return out;
}

PracticeDetail showPractice(Store& store, const Ydernummer& y, Date at) {
    auto id = practiceId(store, y);
    auto q = store.prepared(fmt::format("{} WHERE p.id = ?2", practiceColumns));
    q.bind(1, at.iso());
    q.bind(2, id);
    q.executeStep();
    PracticeDetail d{readPractice(q), {}, {}};
    d.patientHistory = history(store, "practice_patients", "patients", id);
    d.capacityHistory = history(store, "practice_capacities", "capacities", id);
    return d;
}

std::optional<DatedCount> patientsAsOf(Store& store, std::int64_t id, Date at) {
    return latestOnOrBefore(store, "practice_patients", "patients", id, at);
}

} // namespace klynge
