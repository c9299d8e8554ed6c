#include "klynge/people/member.hpp"

#include "klynge/text/collate.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"
#include "klynge/people/practice.hpp"
#include "klynge/honoraria/skat.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace klynge {
namespace {

struct PositionName {
    Position position;
    std::string_view name;
    std::string_view ascii;
};
constexpr std::array positionNames{
    PositionName{Position::ejerlaege, "ejerlæge", "ejerlaege"},
    PositionName{Position::ansat, "ansat", "ansat"},
    PositionName{Position::uddannelseslaege, "uddannelseslæge", "uddannelseslaege"},
    PositionName{Position::vikar, "vikar", "vikar"},
};

constexpr const char* memberColumns =
    "SELECT m.id, m.name, m.email, p.ydernummer, p.name, m.position, m.joined_on, m.left_on, "
    "m.forgotten_on, m.number FROM member m JOIN practice p ON p.id = m.practice_id";

Member readMember(SQLite::Statement& q) {
    Member m;
    m.id = q.getColumn(0).getInt64();
    m.number = q.getColumn(9).getInt64();
    m.name = q.getColumn(1).isNull() ? fmt::format("(glemt #{})", m.number) : q.getColumn(1).getString();
    m.email = q.getColumn(2).isNull() ? "" : q.getColumn(2).getString();
    m.ydernummer = q.getColumn(3).getString();
    m.practiceName = q.getColumn(4).getString();
    m.position = parsePosition(q.getColumn(5).getString());
    m.joined = Date::parse(q.getColumn(6).getString());
    if (!q.getColumn(7).isNull()) m.left = Date::parse(q.getColumn(7).getString());
    if (!q.getColumn(8).isNull()) m.forgotten = Date::parse(q.getColumn(8).getString());
    return m;
}

bool allDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

} // namespace

std::string_view positionName(Position p) {
    for (auto& n : positionNames)
        if (n.position == p) return n.name;
    return "?";
}

Position parsePosition(std::string_view raw) {
    // Case-insensitive, also for Æ as in "EJERLÆGE" (UTF-8 C3 86 → C3 A6).
    std::string text(raw);
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') text[i] = static_cast<char>(c - 'A' + 'a');
        bool latin1Capital = c == 0xC3 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                             static_cast<unsigned char>(text[i + 1]) <= 0x9E;
        if (latin1Capital) {
            text[i + 1] = static_cast<char>(static_cast<unsigned char>(text[i + 1]) + 0x20);
            ++i;
        }
    }
    for (auto& n : positionNames)
        if (text == n.name || text == n.ascii) return n.position;
    throw InvalidValue(fmt::format("unknown position \"{}\" — use ejerlæge, ansat, uddannelseslæge or vikar", raw));
}

std::string checkedPersonName(std::string_view name) {
    auto first = name.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        throw InvalidValue("the name is empty — give the doctor's full name, e.g. \"Anne Ærø\"");
    checkedText(name, "the name", text_limit::personName);
    auto last = name.find_last_not_of(" \t");
    return std::string(name.substr(first, last - first + 1));
}

Member addMember(Store& store, const NewMember& m) { return MemberWriter(store).add(m); }

Member findMember(Store& store, std::string_view ref) {
    std::string sql = fmt::format("{} WHERE {}", memberColumns, allDigits(ref) ? "m.number = ?" : "m.email = ?");
    auto q = store.prepared(sql);
    if (allDigits(ref)) q.bind(1, static_cast<std::int64_t>(std::stoll(std::string(ref))));
    else q.bind(1, Email::parse(ref).str());
    if (!q.executeStep())
        throw RuleViolation(fmt::format("no member \"{}\" — give a member id or e-mail; `klynge member list` "
                                        "shows them",
                                        ref));
    return readMember(q);
}

Member memberById(Store& store, std::int64_t id) {
    auto q = store.prepared(fmt::format("{} WHERE m.id = ?", memberColumns));
    q.bind(1, id);
    if (!q.executeStep()) throw StorageError(fmt::format("member record #{} is missing — run `klynge check`", id));
    return readMember(q);
}

std::vector<MemberChangeRecord> editMember(Store& store, std::int64_t id, const MemberEdit& edit, Date on) {
    MemberWriter writer(store);
    return writer.edit(writer.byId(id), edit, on);
}

void leaveMember(Store& store, std::int64_t id, Date date) {
    MemberWriter writer(store);
    writer.leave(writer.byId(id), date);
}

MemberWriter::MemberWriter(Store& store) : store_(store) {}

SQLite::Statement& MemberWriter::prepared(std::optional<SQLite::Statement>& slot, const char* sql) {
    if (!slot) slot.emplace(store_.db(), sql);
    slot->reset();
    slot->clearBindings();
    return *slot;
}

std::optional<Member> MemberWriter::byEmail(const Email& email) {
    static const std::string sql = fmt::format("{} WHERE m.email = ?", memberColumns);
    auto& q = prepared(byEmail_, sql.c_str());
    q.bind(1, email.str());
    if (!q.executeStep()) return std::nullopt;
    return readMember(q);
}

Member MemberWriter::byId(std::int64_t id) {
    static const std::string sql = fmt::format("{} WHERE m.id = ?", memberColumns);
    auto& q = prepared(byId_, sql.c_str());
    q.bind(1, id);
    if (!q.executeStep()) throw StorageError(fmt::format("member record #{} is missing — run `klynge check`", id));
    return readMember(q);
}

const MemberWriter::PracticeRef& MemberWriter::practiceRef(const Ydernummer& y) {
    if (auto it = practices_.find(y.str()); it != practices_.end()) return it->second;
    auto& q = prepared(practice_, "SELECT id, name, left_on FROM practice WHERE ydernummer = ?");
    q.bind(1, y.str());
    if (!q.executeStep()) practiceId(store_, y); // throws the message that names `klynge practice add`
    PracticeRef p{q.getColumn(0).getInt64(), q.getColumn(1).getString(), std::nullopt};
    if (!q.getColumn(2).isNull()) p.left = Date::parse(q.getColumn(2).getString());
    return practices_.emplace(y.str(), std::move(p)).first->second;
}

std::int64_t MemberWriter::practice(const Ydernummer& y) { return practiceRef(y).id; }

void MemberWriter::ensureEmailFree(const Email& email, std::int64_t exceptId) {
    auto& q = prepared(emailUsed_, "SELECT number, name FROM member WHERE email = ? AND id <> ?");
    q.bind(1, email.str());
    q.bind(2, exceptId);
    if (q.executeStep())
        throw RuleViolation(fmt::format("{} is already the e-mail of member #{} ({}) — each member needs "
                                        "their own address",
                                        email.str(), q.getColumn(0).getInt64(), q.getColumn(1).getString()));
}

void MemberWriter::recordChange(std::int64_t id, Date on, std::string_view field, const std::string& before,
                                const std::string& after) {
    auto& q = prepared(change_, "INSERT INTO member_change(id, member_id, changed_on, field, old_value, new_value) "
                                "VALUES (klynge_id(), ?, ?, ?, ?, ?)");
    q.bind(1, id);
    q.bind(2, on.iso());
    q.bind(3, std::string(field));
    q.bind(4, before);
    q.bind(5, after);
    q.exec();
}

Member MemberWriter::add(const NewMember& m) {
    const auto& p = practiceRef(m.practice);
    ensureEmailFree(m.email, 0);
    if (p.left && *p.left <= m.joined)
        throw RuleViolation(fmt::format("practice {} left the cluster on {} — its doctors cannot join after that",
                                        m.practice.str(), p.left->iso()));
    Member added;
    added.name = checkedPersonName(m.name);
    added.email = m.email.str();
    added.ydernummer = m.practice.str();
    added.practiceName = p.name;
    added.position = m.position;
    added.joined = m.joined;
    // The next number is max + 1 by the (number) index: one probe per row.
    auto& q = prepared(insert_, "INSERT INTO member(id, number, name, email, practice_id, position, joined_on) "
                                "VALUES (klynge_id(), (SELECT coalesce(max(number), 0) + 1 FROM member), "
                                "?, ?, ?, ?, ?) RETURNING id, number");
    q.bind(1, added.name);
    q.bind(2, added.email);
    q.bind(3, p.id);
    q.bind(4, std::string(positionName(m.position)));
    q.bind(5, m.joined.iso());
    q.executeStep();
    added.id = q.getColumn(0).getInt64();
    added.number = q.getColumn(1).getInt64();
    q.reset(); // no statement stays open until COMMIT
    return added;
}

std::vector<MemberChangeRecord> MemberWriter::edit(const Member& m, const MemberEdit& edit, Date on) {
    if (m.forgotten)
        throw RuleViolation(fmt::format("member #{} has been forgotten — their record can no longer change", m.number));
    std::vector<MemberChangeRecord> changes;
    auto change = [&](std::optional<SQLite::Statement>& slot, const char* sql, std::string_view field,
                      const std::string& before, const std::string& after) {
        if (before == after) return;
        auto& q = prepared(slot, sql);
        q.bind(1, after);
        q.bind(2, m.id);
        q.exec();
        recordChange(m.id, on, field, before, after);
        changes.push_back({on, std::string(field), before, after});
    };
    if (edit.name)
        change(setName_, "UPDATE member SET name = ? WHERE id = ?", "name", m.name, checkedPersonName(*edit.name));
    // The unchanged address is the member's own (e-mail is UNIQUE): no query.
    if (edit.email && edit.email->str() != m.email) {
        ensureEmailFree(*edit.email, m.id);
        change(setEmail_, "UPDATE member SET email = ? WHERE id = ?", "email", m.email, edit.email->str());
    }
    if (edit.practice && edit.practice->str() != m.ydernummer) {
        auto& q = prepared(setPractice_, "UPDATE member SET practice_id = ? WHERE id = ?");
        q.bind(1, practice(*edit.practice));
        q.bind(2, m.id);
        q.exec();
        recordChange(m.id, on, "ydernummer", m.ydernummer, edit.practice->str());
        changes.push_back({on, "ydernummer", m.ydernummer, edit.practice->str()});
    }
    if (edit.position)
        change(setPosition_, "UPDATE member SET position = ? WHERE id = ?", "position",
               std::string(positionName(m.position)), std::string(positionName(*edit.position)));
    return changes;
}

void MemberWriter::leave(const Member& m, Date date) {
    if (m.left)
        throw RuleViolation(fmt::format("{} already left on {} — nothing to do", m.name, m.left->iso()));
    if (date < m.joined)
        throw InvalidValue(fmt::format("--date {} is before {} joined ({}) — give a later date", date.iso(), m.name,
                                       m.joined.iso()));
    auto& q = prepared(setLeft_, "UPDATE member SET left_on = ? WHERE id = ?");
    q.bind(1, date.iso());
    q.bind(2, m.id);
    q.exec();
    // The leave date is the first day as a non-member; a role's end date is
    // its last day, so roles end the day before.
    auto& roles = prepared(endRoles_, "UPDATE role_assignment SET to_date = max(from_date, ?1) "
                                      "WHERE member_id = ?2 AND (to_date IS NULL OR to_date > ?1)");
    roles.bind(1, date.addDays(-1).iso());
    roles.bind(2, m.id);
    roles.exec();
}

void forgetMember(Store& store, std::int64_t id, Date today) {
    Member m = memberById(store, id);
    if (m.forgotten) throw RuleViolation(fmt::format("member #{} is already forgotten — nothing to do", m.number));
    if (!m.left || *m.left > today)
        throw RuleViolation(fmt::format("{} is still a member — record that they left first (`klynge member leave "
                                        "{} --date DATE`)",
                                        m.name, m.number));
    // A member who was paid: bookkeeping law keeps the payouts (and the CPR
    // their B-income report needs) for 5 years after the year ends.
    if (auto why = forgetRefusal(store, id, today)) throw RuleViolation(*why);
    forgetPayee(store, id);
    // Personal data wherever klynge wrote it: the record, its change history,
    // the command lines in the audit log, delivery notes, and what they wrote
    // when answering an invitation (also in the `meeting rsvp` command line).
    std::vector<std::string> secrets{m.name, m.email};
    auto notes = store.prepared("SELECT DISTINCT rsvp_note FROM meeting_invitee "
                                "WHERE member_id = ? AND coalesce(rsvp_note, '') <> ''");
    notes.bind(1, id);
    while (notes.executeStep()) secrets.push_back(notes.getColumn(0).getString());
    for (const std::string& secret : secrets) {
        auto audit = store.prepared("UPDATE audit SET command = replace(command, ?1, '[glemt]'), "
                                    "summary = replace(summary, ?1, '[glemt]') WHERE instr(command, ?1) > 0 "
                                    "OR instr(summary, ?1) > 0");
        audit.bind(1, secret);
        audit.exec();
        auto sent = store.prepared("UPDATE meeting_message SET detail = replace(detail, ?1, '[glemt]') "
                                   "WHERE instr(detail, ?1) > 0");
        sent.bind(1, secret);
        sent.exec();
    }
    auto rsvp = store.prepared("UPDATE meeting_invitee SET rsvp_note = NULL WHERE member_id = ?");
    rsvp.bind(1, id);
    rsvp.exec();
    auto hist = store.prepared("UPDATE member_change SET old_value = '[glemt]', new_value = '[glemt]' "
                               "WHERE member_id = ? AND field IN ('name', 'email')");
    hist.bind(1, id);
    hist.exec();
    auto q = store.prepared("UPDATE member SET name = NULL, email = NULL, forgotten_on = ? WHERE id = ?");
    q.bind(1, today.iso());
    q.bind(2, id);
    q.exec();
}

std::vector<Member> listMembers(Store& store, const MemberFilter& f) {
    std::string sql = memberColumns;
    if (!f.includeLeft) sql += " WHERE m.joined_on <= ?1 AND (m.left_on IS NULL OR m.left_on > ?1)";
    auto q = store.prepared(sql);
    if (!f.includeLeft) q.bind(1, f.at.iso());
    std::vector<Member> out;
    while (q.executeStep()) {
        Member m = readMember(q);
        if (!f.position || m.position == *f.position) out.push_back(std::move(m));
    }
    std::vector<std::pair<std::string, std::size_t>> keys;
    for (std::size_t i = 0; i < out.size(); ++i) keys.emplace_back(danishSortKey(out[i].name), i);
    std::sort(keys.begin(), keys.end());
    std::vector<Member> sorted;
    sorted.reserve(out.size());
    for (auto& [k, i] : keys) sorted.push_back(std::move(out[i]));
    return sorted;
}

std::vector<MemberChangeRecord> memberHistory(Store& store, std::int64_t id) {
    auto q = store.prepared("SELECT changed_on, field, coalesce(old_value, ''), coalesce(new_value, '') "
                            "FROM member_change WHERE member_id = ? ORDER BY id");
    q.bind(1, id);
    std::vector<MemberChangeRecord> out;
    while (q.executeStep())
        out.push_back({Date::parse(q.getColumn(0).getString()), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getString()});
    return out;
}

} // namespace klynge
