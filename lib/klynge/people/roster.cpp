#include "klynge/people/roster.hpp"

#include "klynge/text/collate.hpp"
#include "klynge/text/csv.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/municipalities.hpp"
#include "klynge/text/validate.hpp"
#include "klynge/people/practice.hpp"
#include "klynge/people/role.hpp"
#include "klynge/store/bulk.hpp"
#include "klynge/store/templates.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace klynge {
namespace {

// Column names, English or Danish, lower-cased.
const std::map<std::string, std::string> columnAliases{
    {"name", "name"},         {"navn", "name"},          {"email", "email"},
    {"e-mail", "email"},      {"mail", "email"},         {"ydernummer", "ydernummer"},
    {"ydernr", "ydernummer"}, {"position", "position"},  {"stilling", "position"},
    {"joined", "joined"},     {"indmeldt", "joined"},    {"left", "left"},
    {"udmeldt", "left"},
};
const std::vector<std::string> requiredColumns{"name", "email", "ydernummer", "position"};

std::string lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    auto first = s.find_first_not_of(' ');
    auto last = s.find_last_not_of(' ');
    return first == std::string::npos ? "" : s.substr(first, last - first + 1);
}

struct RosterRow {
    std::size_t line;
    std::string name;
    Email email;
    Ydernummer practice;
    Position position;
    std::optional<Date> joined;
    std::optional<Date> left;
};

std::vector<RosterRow> readRoster(MemberWriter& writer, std::istream& in, const std::string& source) {
    CsvReader csv(in, source);
    auto header = csv.next();
    if (!header) throw InvalidValue(fmt::format("{} is empty — it needs a header row: name,email,ydernummer,position", source));
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < header->fields.size(); ++i) {
        auto it = columnAliases.find(lower(header->fields[i]));
        if (it != columnAliases.end()) col[it->second] = i;
    }
    for (auto& r : requiredColumns)
        if (!col.count(r))
            throw InvalidValue(fmt::format("{}:{}: the header has no \"{}\" column — the header must name "
                                           "name, email, ydernummer, position (optional: joined, left)",
                                           source, header->line, r));
    std::vector<RosterRow> rows;
    std::vector<std::string> errors;
    std::unordered_map<std::string, std::size_t> seen;
    while (auto rec = csv.next()) {
        auto field = [&](const std::string& c) -> std::string {
            auto it = col.find(c);
            if (it == col.end() || it->second >= rec->fields.size()) return "";
            return rec->fields[it->second];
        };
        try {
            if (rec->fields.size() < header->fields.size())
                throw InvalidValue(fmt::format("{} fields where the header has {}", rec->fields.size(),
                                               header->fields.size()));
            auto email = Email::parse(field("email"));
            auto y = Ydernummer::parse(field("ydernummer"));
            writer.practice(y);
            RosterRow row{rec->line, checkedPersonName(field("name")), email, y, parsePosition(lower(field("position"))),
                          std::nullopt, std::nullopt};
            if (auto j = field("joined"); !j.empty()) row.joined = Date::parseInput(j);
            if (auto l = field("left"); !l.empty()) row.left = Date::parseInput(l);
            if (row.joined && row.left && *row.left < *row.joined)
                throw InvalidValue(fmt::format("left {} is before joined {}", row.left->iso(), row.joined->iso()));
            if (auto [it, fresh] = seen.emplace(email.str(), rec->line); !fresh)
                throw InvalidValue(fmt::format("{} is also on line {} — one row per member", email.str(), it->second));
            rows.push_back(std::move(row));
        } catch (const Error& e) {
            errors.push_back(fmt::format("{}:{}: {}", source, rec->line, e.what()));
        }
    }
    if (!errors.empty()) {
        std::string msg = fmt::format("{}: {} bad row{} — fix {} and run the import again; nothing was changed",
                                      source, errors.size(), errors.size() == 1 ? "" : "s",
                                      errors.size() == 1 ? "it" : "them");
        for (auto& e : errors) msg += "\n" + e;
        throw InvalidValue(msg);
    }
    return rows;
}

// An error while applying a row names the row, keeping its exit code.
[[noreturn]] void rethrowAtLine(const Error& e, const std::string& source, std::size_t line) {
    auto msg = fmt::format("{}:{}: {}", source, line, e.what());
    switch (e.code()) {
    case ExitCode::rule: throw RuleViolation(msg);
    case ExitCode::config: throw ConfigError(msg);
    case ExitCode::storage: throw StorageError(msg);
    default: throw InvalidValue(msg);
    }
}

void applyRow(MemberWriter& writer, const RosterRow& row, const ImportOptions& opt, ImportReport& report) {
    auto existing = writer.byEmail(row.email);
    if (!existing) {
        Member m = writer.add({row.name, row.email, row.practice, row.position, row.joined.value_or(opt.today)});
        report.actions.push_back({row.line, "added", m.name, fmt::format("{} {}", m.ydernummer, positionName(m.position))});
        if (row.left) {
            writer.leave(m, *row.left);
            report.actions.push_back({row.line, "left", m.name, row.left->iso()});
        }
        return;
    }
    if (existing->left && !row.left)
        throw InvalidValue(fmt::format("{} left on {} — a member who returns is added again under a new "
                                       "e-mail, or give the left date in the file",
                                       existing->name, existing->left->iso()));
    auto changes = writer.edit(*existing, {row.name, row.email, row.practice, row.position}, opt.today);
    for (auto& c : changes)
        report.actions.push_back({row.line, "changed", row.name, fmt::format("{}: {} → {}", c.field, c.oldValue, c.newValue)});
    bool left = false;
    if (row.left && !existing->left) {
        Member edited = *existing;
        edited.name = row.name; // as edit() left it
        writer.leave(edited, *row.left);
        report.actions.push_back({row.line, "left", row.name, row.left->iso()});
        left = true;
    }
    if (changes.empty() && !left) ++report.unchanged;
}

} // namespace

bool hasVotingRight(const Config& config, Position p) {
    auto positions = config.list("policy.voting_positions");
    return std::find(positions.begin(), positions.end(), positionName(p)) != positions.end();
}

// Linear in the rows: statements prepared once (MemberWriter), one indexed
// lookup per row, hash sets for what the file holds.
ImportReport importRoster(Store& store, std::istream& in, const std::string& source, const ImportOptions& opt) {
    ImportReport report;
    useBulkPageCache(store);
    MemberWriter writer(store);
    auto rows = readRoster(writer, in, source);
    std::unordered_set<std::string> inFile;
    inFile.reserve(rows.size());
    for (auto& row : rows) {
        inFile.insert(row.email.str());
        try {
            applyRow(writer, row, opt, report);
        } catch (const Error& e) {
            rethrowAtLine(e, source, row.line);
        }
    }
    if (opt.leaveMissing) {
        auto members = listMembers(store, {*opt.leaveMissing, false, std::nullopt});
        const auto leaving = std::count_if(members.begin(), members.end(),
                                           [&](const Member& m) { return !inFile.count(m.email); });
        if (leaving * 2 > static_cast<std::ptrdiff_t>(members.size()) && !opt.force)
            throw RuleViolation(fmt::format("--leave-missing would mark {} of the {} members as left ({} {} in {}) — "
                                            "check that {} holds the whole roster; give --force if so many really "
                                            "left",
                                            leaving, members.size(), rows.size(), rows.size() == 1 ? "row" : "rows",
                                            source, source));
        for (auto& m : members) {
            if (inFile.count(m.email)) continue;
            writer.leave(m, *opt.leaveMissing);
            report.actions.push_back({0, "left", m.name, fmt::format("not in {}; left {}", source, opt.leaveMissing->iso())});
        }
    }
    return report;
}

std::vector<RosterChange> rosterChanges(Store& store, Date since, Date until) {
    std::vector<RosterChange> out;
    auto collect = [&](const char* sql, const char* kind) {
        auto q = store.prepared(sql);
        q.bind(1, since.iso());
        q.bind(2, until.iso());
        while (q.executeStep()) {
            RosterChange c{Date::parse(q.getColumn(0).getString()), kind, q.getColumn(1).getInt64(),
                           q.getColumn(2).getString(), q.getColumn(3).getString(), q.getColumn(4).getString()};
            out.push_back(std::move(c));
        }
    };
    collect("SELECT m.joined_on, m.number, coalesce(m.name, '(glemt #' || m.number || ')'), p.ydernummer, m.position "
            "FROM member m JOIN practice p ON p.id = m.practice_id WHERE m.joined_on > ?1 AND m.joined_on <= ?2",
            "joined");
    collect("SELECT m.left_on, m.number, coalesce(m.name, '(glemt #' || m.number || ')'), p.ydernummer, m.position "
            "FROM member m JOIN practice p ON p.id = m.practice_id WHERE m.left_on > ?1 AND m.left_on <= ?2",
            "left");
    collect("SELECT c.changed_on, m.number, coalesce(m.name, '(glemt #' || m.number || ')'), p.ydernummer, "
            "c.field || ': ' || coalesce(c.old_value, '') || ' → ' || coalesce(c.new_value, '') "
            "FROM member_change c JOIN member m ON m.id = c.member_id JOIN practice p ON p.id = m.practice_id "
            "WHERE c.changed_on > ?1 AND c.changed_on <= ?2 ORDER BY c.id",
            "changed");
    std::stable_sort(out.begin(), out.end(), [](const RosterChange& a, const RosterChange& b) {
        if (a.date != b.date) return a.date < b.date;
        return danishLess(a.name, b.name);
    });
    return out;
}

std::optional<Registration> lastRegistration(Store& store, std::optional<Date> onOrBefore) {
    auto q = store.prepared("SELECT r.id, r.registered_on, coalesce(r.note, ''), "
                            "(SELECT count(*) FROM registration_member WHERE registration_id = r.id) "
                            "FROM registration r WHERE r.registered_on <= ? "
                            "ORDER BY r.registered_on DESC, r.id DESC LIMIT 1");
    q.bind(1, onOrBefore ? onOrBefore->iso() : std::string("9999-12-31"));
    if (!q.executeStep()) return std::nullopt;
    return Registration{q.getColumn(0).getInt64(), Date::parse(q.getColumn(1).getString()), q.getColumn(3).getInt(),
                        q.getColumn(2).getString()};
}

Registration recordRegistration(Store& store, Date date, const std::string& note, Date today) {
    if (date > today)
        throw InvalidValue(fmt::format("--date {} is in the future — record a registration once it is made", date.iso()));
    checkedText(note, "--note", text_limit::note, Blank::allowed);
    auto members = listMembers(store, {date, false, std::nullopt});
    if (members.empty())
        throw RuleViolation(fmt::format("no active members on {} — add the roster before recording its registration",
                                        date.iso()));
    auto ins = store.prepared("INSERT INTO registration(id, registered_on, note) VALUES (klynge_id(), ?, ?)");
    ins.bind(1, date.iso());
    if (!note.empty()) ins.bind(2, note);
    ins.exec();
    auto id = store.db().getLastInsertRowid();
    auto snap = store.prepared("INSERT INTO registration_member(id, registration_id, member_id, ydernummer, "
                               "position) VALUES (klynge_id(), ?, ?, ?, ?)");
    for (auto& m : members) {
        snap.bind(1, id);
        snap.bind(2, m.id);
        snap.bind(3, m.ydernummer);
        snap.bind(4, std::string(positionName(m.position)));
        snap.exec();
        snap.reset();
    }
    return {id, date, static_cast<int>(members.size()), note};
}

KiapSheet kiapSheet(Store& store, const Config& config, Date at) {
    KiapSheet s;
    s.clusterName = config.clusterName();
    // [000]: "I skal have oprettet CVR, før I registrerer jeres klynge på KiAP".
    s.cvr = config.requireCvr("KiAP's registration asks for the cluster's CVR number, which comes first [000]");
    s.municipality = config.text("cluster.municipality");
    s.region = config.text("cluster.region");
    s.bankAccount = config.text("cluster.bank_account");
    s.at = at;
    for (auto& a : listRoles(store, at))
        if (a.role == "koordinator" && a.memberId) {
            s.coordinator = a.holder;
            s.coordinatorEmail = memberById(store, *a.memberId).email;
        }
    for (auto& m : listMembers(store, {at, false, std::nullopt}))
        s.rows.push_back({m.ydernummer, m.practiceName, m.name, m.email, std::string(positionName(m.position)),
                          hasVotingRight(config, m.position)});
    std::stable_sort(s.rows.begin(), s.rows.end(),
                     [](const KiapRow& a, const KiapRow& b) { return a.ydernummer < b.ydernummer; });
    return s;
}

std::string renderKiapDocument(const KiapSheet& s, const std::string& templateText) {
    using kainjow::mustache::data;
    data d;
    d.set("klynge", s.clusterName);
    d.set("cvr", s.cvr);
    d.set("kommune", officialMunicipalityName(s.municipality));
    d.set("region", s.region.starts_with("Region ") ? s.region : "Region " + s.region);
    d.set("bankkonto", s.bankAccount.empty() ? std::string("____________________ (udfyldes)") : s.bankAccount);
    d.set("koordinator", s.coordinator.empty() ? std::string("(ingen koordinator)") : s.coordinator);
    d.set("koordinator_email", s.coordinatorEmail);
    d.set("dato", s.at.danishLong());
    d.set("antal_laeger", std::to_string(s.rows.size()));
    // Rows come sorted by ydernummer: one group per practice.
    data practiceList{data::type::list};
    std::size_t practices = 0;
    for (std::size_t i = 0; i < s.rows.size();) {
        data doctors{data::type::list};
        std::size_t j = i;
        for (; j < s.rows.size() && s.rows[j].ydernummer == s.rows[i].ydernummer; ++j) {
            data doc;
            doc.set("navn", s.rows[j].name);
            doc.set("email", s.rows[j].email);
            doc.set("stilling", s.rows[j].position);
            doc.set("stemmeret", s.rows[j].votingRight ? std::string("ja") : std::string("nej"));
            doctors.push_back(doc);
        }
        data p;
        p.set("ydernummer", s.rows[i].ydernummer);
        p.set("praksis", s.rows[i].practiceName);
        p.set("laeger", doctors);
        practiceList.push_back(p);
        ++practices;
        i = j;
    }
    d.set("praksisser", practiceList);
    d.set("antal_praksisser", std::to_string(practices));
    return renderDocument("kiap-registrering.md.mustache", templateText, d);
}

} // namespace klynge
