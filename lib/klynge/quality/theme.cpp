// Theme records: a quality theme, why it was chosen, the data it works
// from, and the meetings on it.
#include "klynge/quality/quality.hpp"

#include "klynge/decisions/vote.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/store/record_id.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

namespace klynge {
namespace {

constexpr std::array<std::string_view, 4> statusNames{"planned", "active", "follow-up", "closed"};
constexpr std::array<std::string_view, 4> statusDanish{"planlagt", "aktiv", "opfølgning", "afsluttet"};

ThemeStatus parseStatus(std::string_view s) {
    for (std::size_t i = 0; i < statusNames.size(); ++i)
        if (statusNames[i] == s) return static_cast<ThemeStatus>(i);
    throw StorageError(fmt::format("theme status {:?} is unknown — run `klynge check`", s));
}

std::optional<Date> dateOrNull(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return Date::parse(c.getString());
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        if (end > at) out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

constexpr const char* themeColumns =
    "SELECT t.id, t.number, t.title, coalesce(t.reason, ''), d.number, t.data_sources, t.goals, t.starts_on, "
    "t.expected_end, t.status, t.follow_up_by, t.closed_on, t.follow_up_set FROM theme t LEFT JOIN decision d ON d.id = t.decision_id";

std::vector<Theme::MeetingRef> themeMeetings(Store& store, std::int64_t themeId) {
    auto q = store.prepared("SELECT m.number, m.title, substr(m.starts_at, 1, 10) FROM meeting_theme mt JOIN "
                            "meeting m ON m.id = mt.meeting_id WHERE mt.theme_id = ? AND m.status <> "
                            "'aflyst' ORDER BY m.starts_at, m.id");
    q.bind(1, themeId);
    std::vector<Theme::MeetingRef> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), Date::parse(q.getColumn(2).getString())});
    return out;
}

Theme readTheme(Store& store, SQLite::Statement& q) {
    Theme t;
    t.id = q.getColumn(0).getInt64();
    t.number = q.getColumn(1).getInt64();
    t.title = q.getColumn(2).getString();
    t.reason = q.getColumn(3).getString();
    if (!q.getColumn(4).isNull()) t.decisionNumber = q.getColumn(4).getInt64();
    t.dataSources = lines(q.getColumn(5).getString());
    t.goals = q.getColumn(6).getString();
    t.startsOn = Date::parse(q.getColumn(7).getString());
    t.expectedEnd = dateOrNull(q.getColumn(8));
    t.status = parseStatus(q.getColumn(9).getString());
    t.followUpBy = dateOrNull(q.getColumn(10));
    t.closedOn = dateOrNull(q.getColumn(11));
    t.followUpSet = dateOrNull(q.getColumn(12));
    t.meetings = themeMeetings(store, t.id);
    return t;
}

// The title a dot vote gives: the idea it chose (one, or say which).
std::string chosenIdea(const Decision& d, const std::string& title) {
    std::vector<std::string> chosen;
    for (auto& i : d.ideas)
        if (i.chosen) chosen.push_back(i.title);
    if (chosen.empty())
        throw RuleViolation(fmt::format("decision #{} chose no idea — record the dot vote's result first", d.number));
    if (title.empty() && chosen.size() > 1)
        throw InvalidValue(fmt::format("decision #{} chose {} ideas ({}) — give --title with the one this theme is",
                                       d.number, chosen.size(), fmt::join(chosen, ", ")));
    if (title.empty()) return chosen.front();
    if (std::find(chosen.begin(), chosen.end(), title) == chosen.end())
        throw RuleViolation(fmt::format("decision #{} did not choose {:?} (it chose {}) — give the chosen idea's "
                                        "title, or leave out --from-vote",
                                        d.number, title, fmt::join(chosen, ", ")));
    return title;
}

void refuseClosed(const Theme& t, std::string_view doing) {
    if (t.status == ThemeStatus::closed)
        throw RuleViolation(fmt::format("theme #{} was closed on {} — {} is not possible on a closed theme",
                                        t.number, t.closedOn->iso(), doing));
}

} // namespace

std::string_view themeStatusName(ThemeStatus s) { return statusNames[static_cast<std::size_t>(s)]; }
std::string_view themeStatusDanish(ThemeStatus s) { return statusDanish[static_cast<std::size_t>(s)]; }

QualityPolicy QualityPolicy::from(const Config& config) {
    QualityPolicy p;
    p.followUpMonths = static_cast<int>(config.integer("policy.follow_up_months"));
    return p;
}

std::optional<Date> Theme::lastMeeting() const {
    if (meetings.empty()) return std::nullopt;
    return meetings.back().date;
}

std::int64_t parseThemeNumber(std::string_view text) {
    bool ok = !text.empty() && text.size() < 12 && std::all_of(text.begin(), text.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    if (!ok) throw InvalidValue(fmt::format("{:?} is not a theme number — give the number `klynge theme list` shows", text));
    return std::stoll(std::string(text));
}

std::int64_t themeIdOf(Store& store, std::int64_t number) {
    if (auto id = recordIdOfNumber(store.db(), "theme", number)) return *id;
    throw RuleViolation(fmt::format("there is no theme #{} — `klynge theme list` shows the themes' numbers", number));
}

Theme addTheme(Store& store, const ThemeRequest& r, Date today) {
    std::optional<std::int64_t> decisionId;
    std::string title = r.title;
    if (r.fromDecision) {
        decisionId = decisionIdOf(store, *r.fromDecision);
        auto d = getDecision(store, *decisionId);
        if (d.kind == DecisionKind::dots) title = chosenIdea(d, r.title);
        else if (d.outcome != Outcome::adopted)
            throw RuleViolation(fmt::format("decision #{} was not adopted — a theme is chosen by an adopted decision "
                                            "or a dot vote",
                                            d.number));
    }
    if (title.empty()) throw InvalidValue("--title is missing — give the theme's title, or --from-vote DECISION");
    checkedText(title, "--title", text_limit::title);
    checkedText(r.reason, "--reason", text_limit::note, Blank::allowed);
    checkedText(r.goals, "--goal", text_limit::note, Blank::allowed);
    for (auto& s : r.dataSources) checkedText(s, "--data", text_limit::title);
    const Date start = r.start.value_or(today);
    if (r.expectedEnd && *r.expectedEnd < start)
        throw InvalidValue(fmt::format("--expected-end {} is before the start {} — give a later date",
                                       r.expectedEnd->iso(), start.iso()));
    auto same = store.prepared("SELECT number FROM theme WHERE title = ? AND status <> 'closed'");
    same.bind(1, title);
    if (same.executeStep())
        throw RuleViolation(fmt::format("theme #{} {:?} is already open — add meetings and tasks to it, or close it "
                                        "first",
                                        same.getColumn(0).getInt64(), title));
    auto q = store.prepared("INSERT INTO theme(id, number, title, reason, decision_id, data_sources, goals, starts_on, "
                            "expected_end, status, created_on) VALUES (klynge_id(), (SELECT coalesce(max(number), 0) + 1 "
                            "FROM theme), ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, title);
    if (!r.reason.empty()) q.bind(2, r.reason);
    if (decisionId) q.bind(3, *decisionId);
    q.bind(4, fmt::format("{}", fmt::join(r.dataSources, "\n")));
    q.bind(5, r.goals);
    q.bind(6, start.iso());
    if (r.expectedEnd) q.bind(7, r.expectedEnd->iso());
    q.bind(8, std::string(themeStatusName(start > today ? ThemeStatus::planned : ThemeStatus::active)));
    q.bind(9, today.iso());
    q.exec();
    return getTheme(store, store.db().getLastInsertRowid());
}

Theme getTheme(Store& store, std::int64_t id) {
    auto q = store.prepared(std::string(themeColumns) + " WHERE t.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw StorageError(fmt::format("theme record #{} is missing — run `klynge check`", id));
    return readTheme(store, q);
}

std::vector<Theme> listThemes(Store& store, std::optional<int> year) {
    std::string sql = std::string(themeColumns);
    if (year)
        sql += " WHERE t.starts_on <= ?1 || '-12-31' AND (t.closed_on IS NULL OR t.closed_on >= ?1 || '-01-01')";
    auto q = store.prepared(sql + " ORDER BY t.starts_on, t.number");
    if (year) q.bind(1, fmt::format("{:04}", *year));
    std::vector<Theme> out;
    while (q.executeStep()) out.push_back(readTheme(store, q));
    return out;
}

Theme closeTheme(Store& store, std::int64_t id, Date on, Date today) {
    auto t = getTheme(store, id);
    refuseClosed(t, "closing it again");
    if (on < t.startsOn || on > today)
        throw InvalidValue(fmt::format("--date {} is not between the theme's start ({}) and today ({}) — give a date "
                                       "in between",
                                       on.iso(), t.startsOn.iso(), today.iso()));
    auto q = store.prepared("UPDATE theme SET status = 'closed', closed_on = ? WHERE id = ?");
    q.bind(1, on.iso());
    q.bind(2, id);
    q.exec();
    return getTheme(store, id);
}

Theme scheduleFollowUp(Store& store, std::int64_t id, Date by, Date today) {
    auto t = getTheme(store, id);
    refuseClosed(t, "a follow-up");
    if (by < today)
        throw InvalidValue(fmt::format("--by {} is in the past (today is {}) — give the date the follow-up is due",
                                       by.iso(), today.iso()));
    auto q = store.prepared("UPDATE theme SET status = 'follow-up', follow_up_by = ?, follow_up_set = ? WHERE id = ?");
    q.bind(1, by.iso());
    q.bind(2, today.iso());
    q.bind(3, id);
    q.exec();
    return getTheme(store, id);
}

void linkMeetingThemes(Store& store, std::int64_t meetingId, const std::vector<std::int64_t>& themeNumbers) {
    for (auto number : themeNumbers) {
        auto t = getTheme(store, themeIdOf(store, number));
        refuseClosed(t, "a meeting");
        auto q = store.prepared(
            "INSERT OR IGNORE INTO meeting_theme(id, meeting_id, theme_id) VALUES (klynge_id(), ?, ?)");
        q.bind(1, meetingId);
        q.bind(2, t.id);
        q.exec();
        // A planned theme is under way once a meeting works on it.
        if (t.status == ThemeStatus::planned) {
            auto a = store.prepared("UPDATE theme SET status = 'active' WHERE id = ?");
            a.bind(1, t.id);
            a.exec();
        }
    }
}

std::vector<Theme> meetingThemes(Store& store, std::int64_t meetingId) {
    auto q = store.prepared(std::string(themeColumns) +
                            " JOIN meeting_theme mt ON mt.theme_id = t.id WHERE mt.meeting_id = ? ORDER "
                            "BY t.number");
    q.bind(1, meetingId);
    std::vector<Theme> out;
    while (q.executeStep()) out.push_back(readTheme(store, q));
    return out;
}

} // namespace klynge
