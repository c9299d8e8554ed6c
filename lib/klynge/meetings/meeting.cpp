// The rules about meetings, as data and small pure functions. Each rule
// names its source (seeds/000 = the standard bylaws, DOMAIN.md).
#include "klynge/meetings/meeting.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

namespace klynge {
namespace {

struct TypeName {
    MeetingType type;
    std::string_view stored;
    std::string_view title;
    std::vector<std::string_view> aliases; // in folded form (see fold)
};

const std::array<TypeName, 6>& typeNames() {
    static const std::array<TypeName, 6> names{{
        {MeetingType::klyngemoede, "klyngemøde", "klyngemøde", {"klyngemoede", "klyngemode", "moede"}},
        {MeetingType::generalforsamling, "generalforsamling", "ordinær generalforsamling",
         {"generalforsamling", "ordinaer generalforsamling", "ordinaer"}},
        {MeetingType::ekstraordinaer, "ekstraordinær generalforsamling", "ekstraordinær generalforsamling",
         {"ekstraordinaer generalforsamling", "ekstraordinaer"}},
        {MeetingType::stiftende, "stiftende generalforsamling", "stiftende generalforsamling",
         {"stiftende generalforsamling", "stiftende"}},
        {MeetingType::internat, "internat", "internat", {"internat"}},
        {MeetingType::bestyrelsesmoede, "bestyrelsesmøde", "bestyrelsesmøde",
         {"bestyrelsesmoede", "bestyrelsesmode", "bestyrelse"}},
    }};
    return names;
}

constexpr std::array<std::string_view, 4> statusNames{"kladde", "indkaldt", "afholdt", "aflyst"};

// Lower case, Danish letters spelt out in ASCII (æ → ae, ø → oe, å → aa),
// '-' and '_' as spaces: the form type names and folder names compare in.
std::string fold(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == 0xC3 && i + 1 < s.size()) {
            unsigned char d = static_cast<unsigned char>(s[++i]) | 0x20; // upper → lower for Latin-1
            if (d == 0xA6) out += "ae";
            else if (d == 0xB8) out += "oe";
            else if (d == 0xA5) out += "aa";
            else if (d >= 0xA0 && d <= 0xA4) out += 'a';
            else if (d >= 0xA8 && d <= 0xAB) out += 'e';
            else if (d >= 0xAC && d <= 0xAF) out += 'i';
            else if (d >= 0xB2 && d <= 0xB6) out += 'o';
            else if (d >= 0xB9 && d <= 0xBC) out += 'u';
            else out += '?';
        } else if (c == '-' || c == '_') {
            out += ' ';
        } else if (c < 0x80) {
            out += static_cast<char>(std::tolower(c));
        } else {
            out += '?';
        }
    }
    return out;
}

// Lower case that keeps Danish letters (Æ → æ): for matching agenda words.
std::string lowerDanish(std::string_view s) {
    std::string out(s);
    for (std::size_t i = 0; i < out.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(out[i]);
        if (c < 0x80) out[i] = static_cast<char>(std::tolower(c));
        else if (c == 0xC3 && i + 1 < out.size()) {
            unsigned char d = static_cast<unsigned char>(out[i + 1]);
            if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
            ++i;
        }
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool digit(char c) { return c >= '0' && c <= '9'; }
bool lowerLetter(char c) { return c >= 'a' && c <= 'z'; }

// One agenda line: "3. Text", "3) Text", "3.a Text", "a. Text", "- Text".
std::optional<AgendaItem> agendaLine(std::string_view line) {
    std::size_t indent = 0;
    for (char c : line) {
        if (c == ' ') indent += 1;
        else if (c == '\t') indent += 4;
        else break;
    }
    std::string_view s = trim(line);
    int level = indent >= 2 ? 1 : 0;
    std::size_t i = 0;
    if (!s.empty() && digit(s[0])) {
        while (i < s.size() && digit(s[i])) ++i;
        if (i >= s.size() || (s[i] != '.' && s[i] != ')')) return std::nullopt;
        ++i;
        if (i + 1 < s.size() && lowerLetter(s[i]) && (s[i + 1] == ' ' || s[i + 1] == '.' || s[i + 1] == ')')) {
            level = 1; // "3.a Text" or "3.a. Text"
            i += s[i + 1] == ' ' ? 1 : 2;
        }
    } else if (s.size() > 2 && lowerLetter(s[0]) && (s[1] == '.' || s[1] == ')') && s[2] == ' ') {
        level = 1;
        i = 2;
    } else if (s.size() > 1 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') {
        i = 1;
    } else {
        return std::nullopt;
    }
    if (i >= s.size() || s[i] != ' ') return std::nullopt;
    auto text = trim(s.substr(i));
    if (text.empty()) return std::nullopt;
    return AgendaItem{level, std::string(text)};
}

} // namespace

std::string_view meetingTypeName(MeetingType t) {
    for (auto& n : typeNames())
        if (n.type == t) return n.stored;
    return "klyngemøde";
}

std::string_view meetingTypeTitle(MeetingType t) {
    for (auto& n : typeNames())
        if (n.type == t) return n.title;
    return "klyngemøde";
}

MeetingType parseMeetingType(std::string_view text) {
    auto folded = fold(trim(text));
    for (auto& n : typeNames()) {
        if (text == n.stored) return n.type;
        for (auto a : n.aliases)
            if (folded == a) return n.type;
    }
    std::vector<std::string_view> names;
    for (auto& n : typeNames()) names.push_back(n.stored);
    throw InvalidValue(fmt::format("unknown meeting type {:?} — use one of: {} (ekstraordinær and stiftende "
                                   "are short for the assemblies)",
                                   text, fmt::join(names, ", ")));
}

bool isGeneralAssembly(MeetingType t) {
    return t == MeetingType::generalforsamling || t == MeetingType::ekstraordinaer || t == MeetingType::stiftende;
}

std::string_view meetingStatusName(MeetingStatus s) { return statusNames[static_cast<std::size_t>(s)]; }

MeetingStatus parseMeetingStatus(std::string_view text) {
    for (std::size_t i = 0; i < statusNames.size(); ++i)
        if (statusNames[i] == text) return static_cast<MeetingStatus>(i);
    throw StorageError(fmt::format("unknown meeting status {:?} in klynge.db — run `klynge check`", text));
}

MeetingPolicy MeetingPolicy::from(const Config& c) {
    auto get = [&](std::string_view key) { return static_cast<int>(c.integer(key)); };
    MeetingPolicy p;
    p.noticeDays = get("policy.notice_days");
    p.proposalDays = get("policy.proposal_days");
    p.extraordinarySharePercent = get("policy.extraordinary_share_percent");
    p.extraordinaryNoticeDays = get("policy.extraordinary_notice_days");
    p.extraordinaryHeldWithinDays = get("policy.extraordinary_held_within_days");
    p.ordinaryAssemblyLastMonth = get("policy.ordinary_assembly_by_month");
    return p;
}

std::optional<NoticeCheck> checkNotice(MeetingType type, Date calledOn, Date meetingDate, const MeetingPolicy& p) {
    if (!isGeneralAssembly(type)) return std::nullopt;
    NoticeCheck c;
    c.days = calledOn.daysUntil(meetingDate);
    c.required = p.noticeDays;
    c.ok = c.days >= c.required;
    c.earliestMeeting = calledOn.addDays(c.required);
    return c;
}

Date proposalsDeadline(Date meetingDate, const MeetingPolicy& p) { return meetingDate.addDays(-p.proposalDays); }

std::string checkedMeetingLink(std::string_view text, std::string_view what) {
    const bool https = text.starts_with("https://"), http = text.starts_with("http://");
    const auto rest = text.substr(https ? 8 : http ? 7 : 0);
    if (!https && !http)
        throw InvalidValue(fmt::format("{} {:?} is not a web address — give the meeting's link as it starts, "
                                       "https://... (or http://...)",
                                       what, text));
    if (rest.empty() || rest.front() == '/' || rest.front() == '.')
        throw InvalidValue(fmt::format("{} {:?} names no host — give the whole link, e.g. "
                                       "https://meet.example.dk/klyngemoede",
                                       what, text));
    if (text.size() > 500)
        throw InvalidValue(fmt::format("{} is {} characters long — give a link of at most 500", what, text.size()));
    for (unsigned char c : text)
        if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c >= 0x80)
            throw InvalidValue(fmt::format("{} {:?} holds a space, a quote, an angle bracket or a character that is "
                                           "not ASCII — copy the link as the meeting service gives it (spaces as %20)",
                                           what, text));
    return std::string(text);
}

Date lastDayToSend(MeetingType type, Date meetingDate, std::optional<Date> respondBy, const MeetingPolicy& p) {
    if (isGeneralAssembly(type)) return meetingDate.addDays(-p.noticeDays);
    return respondBy.value_or(meetingDate);
}

Date ordinaryAssemblyDeadline(int year, const MeetingPolicy& p) {
    return Date(year, static_cast<unsigned>(p.ordinaryAssemblyLastMonth), 1).addMonths(1).addDays(-1);
}

Date ordinaryAssemblyLastCallDate(int year, const MeetingPolicy& p) {
    return ordinaryAssemblyDeadline(year, p).addDays(-p.noticeDays);
}

DemandDeadlines demandDeadlines(Date received, const MeetingPolicy& p) {
    Date noticeBy = received.addDays(p.extraordinaryNoticeDays);
    return {noticeBy, noticeBy.addDays(p.extraordinaryHeldWithinDays)};
}

int signersNeeded(int members, const MeetingPolicy& p) {
    // Whole people: 20 % of 12 members is 2,4, so 3 are needed.
    int needed = (members * p.extraordinarySharePercent + 99) / 100;
    return std::max(needed, 1);
}

bool countsForDemand(Position p) { return p != Position::uddannelseslaege; }

bool aroundWeekend(const LocalDateTime& start, const LocalDateTime& end) {
    for (Date d = start.date; d <= end.date; d = d.addDays(1))
        if (d.isoWeekday() >= 6) return true;
    return false;
}

std::vector<AgendaItem> parseAgenda(std::string_view markdown) {
    std::vector<AgendaItem> items;
    while (!markdown.empty()) {
        auto nl = markdown.find('\n');
        auto line = markdown.substr(0, nl);
        if (auto item = agendaLine(line)) {
            if (items.empty()) item->level = 0; // a sub-item needs an item above it
            items.push_back(*item);
        }
        if (nl == std::string_view::npos) break;
        markdown.remove_prefix(nl + 1);
    }
    return items;
}

std::span<const RequiredAgendaItem> ordinaryAgendaRequirements() {
    static const std::vector<RequiredAgendaItem> required{
        {"valg af dirigent og referent", {{"dirigent"}, {"referent"}}, "[000 §5, 1]"},
        {"klyngekoordinatorens beretning", {{"beretning"}}, "[000 §5, 2]"},
        {"godkendelse af regnskab", {{"regnskab"}}, "[000 §5, 3]"},
        {"indkomne forslag, herunder det kommende års aktiviteter", {{"forslag"}, {"aktivitet"}}, "[000 §5, 4]"},
        {"valg af klyngekoordinator", {{"valg", "koordinator"}}, "[000 §5, 5]"},
        {"eventuelt", {{"eventuelt"}}, "[000 §5, 6]"},
    };
    return required;
}

std::vector<const RequiredAgendaItem*> missingAgendaItems(const std::vector<AgendaItem>& agenda) {
    std::vector<std::string> lines;
    for (auto& item : agenda) lines.push_back(lowerDanish(item.text));
    auto found = [&](const std::vector<std::string_view>& words) {
        return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
            return std::all_of(words.begin(), words.end(),
                               [&](std::string_view w) { return line.find(w) != std::string::npos; });
        });
    };
    std::vector<const RequiredAgendaItem*> missing;
    for (auto& r : ordinaryAgendaRequirements())
        if (!std::all_of(r.parts.begin(), r.parts.end(), found)) missing.push_back(&r);
    return missing;
}

std::string meetingFolderName(Date date, std::string_view title) {
    std::string slug;
    for (char c : fold(title)) {
        bool keep = (c >= 'a' && c <= 'z') || digit(c);
        if (keep) slug += c;
        else if (!slug.empty() && slug.back() != '-') slug += '-';
        if (slug.size() >= 60) break;
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return fmt::format("{}-{}", date.iso(), slug.empty() ? "moede" : slug);
}

} // namespace klynge
