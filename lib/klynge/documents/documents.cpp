#include "klynge/documents/documents.hpp"

#include "klynge/text/danish.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/input_file.hpp"
#include "klynge/text/markdown.hpp"
#include "klynge/text/municipalities.hpp"
#include "klynge/text/validate.hpp"
#include "klynge/store/templates.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <regex>
#include <sstream>

namespace klynge {
namespace {

using kainjow::mustache::data;

struct AgendaAlias {
    std::string_view alias;
    std::string_view name;
};
constexpr std::array<AgendaAlias, 4> agendaAliases{{
    {"basismoede", "basismøde"}, {"udvidet-møde", "udvidet"}, {"udvidet-moede", "udvidet"}, {"moede", "møde"}}};

constexpr std::array<AgendaTemplate, 4> agendas{{
    {"generalforsamling", "dagsorden-generalforsamling.md.mustache",
     "the ordinary general assembly, with the items the bylaws require [000 §5]"},
    {"basismøde", "dagsorden-basismoede.md.mustache", "a founding meeting, about 1½ hours [000]"},
    {"udvidet", "dagsorden-udvidet-moede.md.mustache",
     "a founding meeting that also chooses the cluster's first topic, about 3 hours [000]"},
    {"møde", "dagsorden-moede.md.mustache", "any other meeting: the title is its subject"},
}};

// kainjow leaves the line break after a section that is not rendered, so a
// template written with sections on their own lines gets extra blank lines;
// Markdown and plain text read the same with one.
std::string render(std::string_view name, const std::string& templateText, const data& d) {
    std::string text = renderDocument(name, templateText, d);
    std::string out;
    std::size_t newlines = 0;
    for (char c : text) {
        newlines = c == '\n' ? newlines + 1 : 0;
        if (newlines <= 2) out += c;
    }
    return out;
}

std::string weekday(Date d) { return std::string(danish::weekday(d)); }
using danish::capitalised;

// The meeting type in its definite form: "klyngemødet", "den ordinære generalforsamling".
std::string definiteType(MeetingType t) {
    switch (t) {
    case MeetingType::klyngemoede: return "klyngemødet";
    case MeetingType::generalforsamling: return "den ordinære generalforsamling";
    case MeetingType::ekstraordinaer: return "den ekstraordinære generalforsamling";
    case MeetingType::stiftende: return "den stiftende generalforsamling";
    case MeetingType::internat: return "internatet";
    case MeetingType::bestyrelsesmoede: return "bestyrelsesmødet";
    }
    return "mødet";
}

// What the meeting is about: the title without a leading "Klyngemøde om ".
std::string meetingSubject(const Meeting& m) {
    const std::string type(meetingTypeTitle(m.type));
    const std::string prefix = capitalised(type) + " om ";
    if (m.title.starts_with(prefix) && m.title.size() > prefix.size())
        return capitalised(m.title.substr(prefix.size()));
    const std::string lower = type + " om ";
    if (m.title.starts_with(lower) && m.title.size() > lower.size()) return capitalised(m.title.substr(lower.size()));
    return m.title;
}

// "Klyngemødet om diabetes", or "Bestyrelsesmødet »Budget 2026«".
std::string meetingNamed(const Meeting& m) {
    const std::string type(meetingTypeTitle(m.type));
    const std::string prefix = capitalised(type) + " om ";
    if (m.title.starts_with(prefix)) return capitalised(definiteType(m.type)) + m.title.substr(capitalised(type).size());
    return fmt::format("{} »{}«", capitalised(definiteType(m.type)), m.title);
}

// The agenda's numbered items with their sub-items (a, b, …) and, in the
// minutes, the notes written under each.
data agendaData(const Meeting& m, const std::vector<MeetingNote>& notes) {
    data items{data::type::list};
    int nr = 0;
    for (std::size_t i = 0; i < m.agenda.size();) {
        data item;
        item.set("nr", std::to_string(++nr));
        item.set("tekst", m.agenda[i].text);
        data subs{data::type::list};
        std::size_t j = i + 1;
        for (char letter = 'a'; j < m.agenda.size() && m.agenda[j].level == 1; ++j, ++letter) {
            data sub;
            sub.set("bogstav", std::string(1, letter));
            sub.set("tekst", m.agenda[j].text);
            subs.push_back(sub);
        }
        item.set("underpunkter", subs);
        data noter{data::type::list};
        for (const auto& n : notes)
            if (n.item == nr) {
                data e;
                e.set("note", n.text);
                noter.push_back(e);
            }
        item.set("har_noter", !noter.list_value().empty());
        item.set("noter", noter);
        items.push_back(item);
        i = j;
    }
    return items;
}

// What every meeting document can use.
data meetingData(const Meeting& m, const Config& config) {
    const auto policy = MeetingPolicy::from(config);
    data d;
    d.set("klynge", config.clusterName());
    if (auto cvr = config.clusterCvr()) d.set("cvr", *cvr);
    d.set("kommune", officialMunicipalityName(config.text("cluster.municipality")));
    // [000 §5, §7]: proposals go to the board, or to the klyngekoordinator of a cluster without one.
    d.set("forslag_til", config.integer("policy.board_members") > 0 ? "bestyrelsen" : "klyngekoordinatoren");
    d.set("titel", m.title);
    d.set("type", std::string(meetingTypeTitle(m.type)));
    d.set("type_stort", capitalised(meetingTypeTitle(m.type)));
    d.set("type_bestemt", definiteType(m.type));
    d.set("emne", meetingSubject(m));
    d.set("moedet", meetingNamed(m));
    d.set("dato", danish::date(m.start.date));
    d.set("ugedag", weekday(m.start.date));
    d.set("start", danish::clock(m.start));
    d.set("slut", danish::clock(m.end));
    // "torsdag den 24. april 2025 kl. 17.30–20.30", or both ends of an internat.
    d.set("tid", danish::span(m.start, m.end));
    d.set("tid_stort", danish::spanCapitalised(m.start, m.end));
    d.set("tidspunkt", danish::at(m.start));
    d.set("flere_dage", m.end.date != m.start.date);
    d.set("slutdato", danish::date(m.end.date));
    d.set("slutugedag", weekday(m.end.date));
    d.set("sted", m.place);
    // issue 15: the host practice [002] and a virtual meeting's link [001 §20–23].
    d.set("har_vaert", !m.hostName.empty());
    d.set("vaert", m.hostName);
    d.set("har_link", !m.link.empty());
    d.set("link", m.link);
    d.set("har_svarfrist", m.respondBy.has_value());
    d.set("svarfrist", m.respondBy ? danish::date(*m.respondBy) : std::string());
    d.set("er_generalforsamling", isGeneralAssembly(m.type));
    d.set("er_ordinaer", m.type == MeetingType::generalforsamling);
    d.set("er_ekstraordinaer", m.type == MeetingType::ekstraordinaer);
    // A notice called late never asks for proposals by a day before it was sent.
    const Date proposalsBy = proposalsDeadline(m.start.date, policy);
    d.set("forslagsfrist", danish::date(proposalsBy));
    d.set("har_forslagsfrist", proposalsBy >= m.calledOn);
    d.set("forslag_dage", std::to_string(policy.proposalDays));
    d.set("varsel_dage", std::to_string(policy.noticeDays));
    d.set("varsel_givet", std::to_string(m.calledOn.daysUntil(m.start.date)));
    d.set("aar", std::to_string(m.start.date.year()));
    d.set("forrige_aar", std::to_string(m.start.date.year() - 1));
    d.set("koordinator", m.organizerName);
    d.set("koordinator_email", m.organizerEmail);
    d.set("indkaldt", danish::date(m.calledOn));
    d.set("aflyst", m.status == MeetingStatus::aflyst);
    d.set("aflysning_grund", m.cancelReason);
    d.set("dagsorden", agendaData(m, {}));
    return d;
}

std::string agendaPlainText(const Meeting& m) {
    std::string out;
    int nr = 0;
    char letter = 'a';
    for (auto& item : m.agenda) {
        if (item.level == 0) {
            out += fmt::format("{}. {}\n", ++nr, item.text);
            letter = 'a';
        } else {
            out += fmt::format("   {}. {}\n", letter++, item.text);
        }
    }
    return out;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

std::string votingPositionsText(const Config& config) {
    std::vector<std::string> plural;
    for (auto& p : config.list("policy.voting_positions")) {
        if (p == "ejerlæge") plural.push_back("ejerlæger (praksisejere)");
        else if (p == "ansat") plural.push_back("ansatte læger");
        else if (p == "uddannelseslæge") plural.push_back("uddannelseslæger");
        else if (p == "vikar") plural.push_back("vikarer");
    }
    if (plural.empty()) return "ingen";
    if (plural.size() == 1) return plural[0];
    auto last = plural.back();
    plural.pop_back();
    return fmt::format("{} og {}", fmt::join(plural, ", "), last);
}


// The rules a call with --force overrode, as the minutes state them. The
// store keeps them as the command reported them (English, for the log);
// the minutes say the same in Danish, naming the bylaws' paragraph
// (DANISH.md rule 1), never a setting.
std::string forcedRulesDanish(const std::string& stored) {
    std::vector<std::string> out;
    static const std::regex notice(R"(the (new )?notice is (\d+) days? but a general assembly needs at least (\d+))");
    static const std::regex agenda(R"(the agenda lacks what the bylaws require of an ordinary assembly \(§5\): (.*?)(; the |$))");
    static const std::regex demand(R"(the demand of (\d{4}-\d{2}-\d{2}) must be met by an assembly held by (\d{4}-\d{2}-\d{2}))");
    std::smatch m;
    if (std::regex_search(stored, m, notice))
        out.push_back(fmt::format("Indkaldelsen blev udsendt {} dag{} før mødet; vedtægternes § 4 kræver {} dages "
                                  "varsel.",
                                  m[2].str(), m[2].str() == "1" ? "" : "e", m[3].str()));
    if (std::regex_search(stored, m, agenda))
        out.push_back(fmt::format("Dagsordenen manglede punkter, som vedtægternes § 5 kræver: {}.",
                                  std::regex_replace(m[1].str(), std::regex("; "), ", ")));
    for (auto it = std::sregex_iterator(stored.begin(), stored.end(), demand); it != std::sregex_iterator(); ++it)
        out.push_back(fmt::format("Medlemmernes begæring af {} skulle efter vedtægternes § 4 være imødekommet med "
                                  "en generalforsamling senest {}.",
                                  danish::date(Date::parse((*it)[1].str())), danish::date(Date::parse((*it)[2].str()))));
    if (out.empty()) out.push_back("Indkaldelsen fulgte ikke vedtægternes regler.");
    return fmt::format("{}", fmt::join(out, "\n"));
}

} // namespace

std::span<const AgendaTemplate> agendaTemplates() { return agendas; }

std::string_view defaultAgenda(MeetingType type) {
    switch (type) {
    case MeetingType::generalforsamling: return "generalforsamling";
    case MeetingType::stiftende: return "basismøde";
    default: return "møde";
    }
}

LoadedAgenda loadAgenda(const fs::path& root, std::string_view choice, MeetingType type) {
    std::string_view name = choice.empty() ? defaultAgenda(type) : choice;
    for (auto& a : agendaAliases)
        if (a.alias == name) name = a.name;
    for (auto& a : agendas)
        if (a.name == name) return {std::string(a.name), std::string(a.file), loadTemplate(root, a.file)};
    std::error_code ec;
    fs::path file(choice);
    if (!fs::is_regular_file(file, ec)) {
        std::vector<std::string_view> names;
        for (auto& a : agendas) names.push_back(a.name);
        throw InvalidValue(fmt::format("--agenda {:?} is neither a built-in agenda ({}) nor a file — give one of "
                                       "those names or the path of an agenda file",
                                       choice, fmt::join(names, ", ")));
    }
    checkInputFile(file, "--agenda");
    auto text = readFile(file);
    // The agenda is copied into the notice, the minutes and the e-mails.
    if (auto problem = textProblem(text, true))
        throw InvalidValue(fmt::format("--agenda {}: the file {} — save it as plain UTF-8 text", file.string(),
                                       *problem));
    // The file's items inside the standard frame: heading, time and place.
    // A heading of the file's own gives way to the frame's.
    std::size_t first = text.find_first_not_of("\r\n");
    if (first != std::string::npos && text.compare(first, 2, "# ") == 0) {
        auto end = text.find('\n', first);
        text = end == std::string::npos ? std::string() : text.substr(end + 1);
    }
    while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) text.erase(0, 1);
    text = "# Dagsorden: {{titel}}\n\n{{type_stort}} i {{klynge}} {{tid}}, {{sted}}.\n\n" + text;
    return {std::string(choice), file.filename().string(), std::move(text)};
}

std::string renderAgenda(const LoadedAgenda& agenda, const Meeting& meeting, const Config& config,
                         const std::vector<std::string>& subjects) {
    data d = meetingData(meeting, config);
    data list{data::type::list};
    int nr = 1; // item 1 opens the meeting
    for (auto& s : subjects) {
        data e;
        e.set("nr", std::to_string(++nr));
        e.set("emne", s);
        list.push_back(e);
    }
    d.set("emner", list);
    d.set("har_emner", !subjects.empty());
    d.set("eventuelt_nr", std::to_string(nr + 1));
    return render(agenda.templateName, agenda.text, d);
}

namespace {
// Only what has been written is listed: "Bilag: Årsregnskab 2025 og budget 2026".
void setAttachments(data& d, const std::vector<AssemblyAttachment>& attachments) {
    std::vector<std::string> attached;
    for (const auto& a : attachments)
        if (a.exists) attached.push_back(attached.empty() ? a.title : a.titleAfter);
    d.set("har_bilag", !attached.empty());
    d.set("bilag", fmt::format("{}", fmt::join(attached, " og ")));
}
} // namespace

std::vector<AssemblyAttachment> assemblyAttachments(const Meeting& m, const fs::path& root) {
    if (m.type != MeetingType::generalforsamling) return {};
    const int year = m.start.date.year();
    std::vector<AssemblyAttachment> out{
        {fmt::format("Årsregnskab {}", year - 1), fmt::format("årsregnskab {}", year - 1), fs::path("documents") / fmt::format("regnskab-{}.md", year - 1),
         fmt::format("klynge ledger report --year {} --document", year - 1), false, {}},
        {fmt::format("Budget {}", year), fmt::format("budget {}", year), fs::path("documents") / fmt::format("budget-{}.md", year),
         fmt::format("klynge budget show --year {} --document", year), false, {}}};
    for (auto& a : out) {
        std::error_code ec;
        a.exists = fs::is_regular_file(root / a.path, ec);
        if (a.exists) a.content = readFile(root / a.path);
    }
    return out;
}

std::string renderNotice(const Meeting& m, const Config& config, const fs::path& root, const std::string& quality) {
    data d = meetingData(m, config);
    d.set("kvalitet", quality);
    setAttachments(d, assemblyAttachments(m, root));
    return render("indkaldelse.md.mustache", loadTemplate(root, "indkaldelse.md.mustache"), d);
}

CalendarEvent calendarEvent(const Meeting& m, const std::vector<Invitee>& invitees, const Config& config) {
    CalendarEvent e;
    e.method = m.status == MeetingStatus::aflyst ? IcsMethod::cancel : IcsMethod::request;
    e.uid = m.uid;
    e.sequence = m.sequence;
    e.stamp = m.stampedAt;
    e.start = m.start;
    e.end = m.end;
    e.summary = m.title;
    e.location = m.place;
    e.url = m.link; // RFC 5545 §3.8.4.6: the meeting's own web address
    std::string description = fmt::format("{} i {}.\n", capitalised(meetingTypeTitle(m.type)), config.clusterName());
    if (e.method == IcsMethod::cancel) description = fmt::format("Aflyst: {}\n", m.cancelReason);
    description += "\nDagsorden:\n" + agendaPlainText(m);
    if (!m.hostName.empty()) description += fmt::format("\nArrangerende praksis: {}\n", m.hostName);
    if (!m.link.empty() && e.method == IcsMethod::request)
        description += fmt::format("\nLink til mødet: {}\n", m.link);
    if (m.respondBy && e.method == IcsMethod::request)
        description += fmt::format("\nSvar senest {}.\n", danish::date(*m.respondBy));
    e.description = description;
    e.organizer = {m.organizerName, m.organizerEmail};
    for (auto& i : invitees)
        if (!i.email.empty()) e.attendees.push_back({i.name, i.email});
    return e;
}

Mailbox meetingSender(const Meeting& m, const Config& config) {
    if (auto from = config.text("mail.from"); !from.empty()) return parseMailbox(from, "mail.from");
    return {m.organizerName, m.organizerEmail};
}

MinutesData minutesData(Store& store, const Config& config, std::int64_t meetingId) {
    MinutesData d;
    d.meeting = getMeeting(store, meetingId);
    d.clusterName = config.clusterName();
    auto invitees = meetingInvitees(store, config, meetingId);
    for (auto& i : invitees) {
        if (i.memberId) ++d.invited;
        if (!i.attended) continue;
        d.present.push_back(i);
        if (i.memberId) ++d.presentMembers;
        if (i.memberId && i.votingRight) ++d.presentWithVote;
    }
    d.decisions = meetingDecisions(store, meetingId);
    d.notes = meetingNotes(store, meetingId);
    return d;
}

std::string renderMinutes(const MinutesData& md, const Config& config, const fs::path& root) {
    data d = meetingData(md.meeting, config);
    const auto& m = md.meeting;
    d.set("dagsorden", agendaData(m, md.notes));
    // A klyngemøde has no dirigent unless one was chosen; a general assembly always has one.
    d.set("har_dirigent", !m.chair.empty() || isGeneralAssembly(m.type));
    // Not recorded: a line to write the name on, as on the signature lines.
    const std::string blank = "______________________";
    d.set("dirigent", m.chair.empty() ? blank : m.chair);
    d.set("referent", m.minuteTaker.empty() ? blank : m.minuteTaker);
    d.set("tvunget", !m.forcedReason.empty());
    // Quoted as given, the sentence's full stop after the quote.
    std::string reason = m.forcedReason;
    while (!reason.empty() && (reason.back() == '.' || reason.back() == ' ')) reason.pop_back();
    d.set("tvunget_grund", reason);
    d.set("tvunget_regler", forcedRulesDanish(m.forcedRules));
    d.set("godkendt", m.minutesApprovedOn.has_value());
    d.set("godkendt_dato", m.minutesApprovedOn ? danish::date(*m.minutesApprovedOn) : std::string());
    data members{data::type::list};
    std::vector<std::string> guests;
    for (auto& i : md.present) {
        if (!i.memberId) {
            guests.push_back(i.name.empty() ? i.email : i.name);
            continue;
        }
        data p;
        p.set("navn", i.name);
        p.set("stemmeret", std::string(i.votingRight ? "ja" : "nej"));
        members.push_back(p);
    }
    d.set("tilstede", members);
    d.set("antal_tilstede", std::to_string(md.presentMembers));
    d.set("antal_inviterede", std::to_string(md.invited));
    d.set("antal_stemmeberettigede", std::to_string(md.presentWithVote));
    d.set("har_gaester", !guests.empty());
    d.set("gaester", fmt::format("{}", fmt::join(guests, ", ")));
    data decisions{data::type::list};
    for (auto& x : md.decisions) {
        data e;
        e.set("emne", x.motion);
        e.set("resultat", x.result);
        decisions.push_back(e);
    }
    d.set("beslutninger", decisions);
    d.set("har_beslutninger", !md.decisions.empty());
    d.set("kvalitet", md.quality);
    return render("referat.md.mustache", loadTemplate(root, "referat.md.mustache"), d);
}

std::string renderBylaws(const Config& config, const std::string& templateText,
                         const std::vector<BylawsAmendment>& amendments) {
    const auto policy = MeetingPolicy::from(config);
    data d;
    d.set("klynge", config.clusterName());
    // The draft for the founding assembly has no CVR number yet: virk.dk
    // registers the association from its adopted bylaws and minutes [000].
    if (auto cvr = config.clusterCvr()) d.set("cvr", *cvr);
    d.set("kommune", officialMunicipalityName(config.text("cluster.municipality")));
    d.set("region", config.text("cluster.region"));
    auto founded = config.date("cluster.founded");
    d.set("har_stiftet", founded.has_value());
    d.set("stiftet", founded ? danish::date(*founded) : std::string());
    d.set("varsel_dage", std::to_string(policy.noticeDays));
    d.set("forslag_dage", std::to_string(policy.proposalDays));
    d.set("ekstraordinaer_procent", std::to_string(policy.extraordinarySharePercent));
    d.set("ekstraordinaer_varsel_dage", std::to_string(policy.extraordinaryNoticeDays));
    d.set("ekstraordinaer_afholdt_dage", std::to_string(policy.extraordinaryHeldWithinDays));
    d.set("gf_senest_maaned", std::string(danish::monthName(static_cast<unsigned>(policy.ordinaryAssemblyLastMonth))));
    d.set("gf_foerste_kvartal", policy.ordinaryAssemblyLastMonth == 3);
    d.set("stemmeret", votingPositionsText(config));
    // [000 §7]: a board is optional; without one, proposals go to the klyngekoordinator.
    const auto board = config.integer("policy.board_members");
    d.set("har_bestyrelse", board > 0);
    d.set("bestyrelse_antal", danish::number(board));
    d.set("forslag_til", board > 0 ? "bestyrelsen" : "klyngekoordinatoren");
    // The qualified majority in words (DANISH.md rule 5).
    d.set("flertal", danish::majority(config.text("policy.qualified_majority")));
    data required{data::type::list};
    int nr = 0;
    for (auto& r : ordinaryAgendaRequirements()) {
        data item;
        item.set("nr", std::to_string(++nr));
        item.set("punkt", capitalised(r.what));
        required.push_back(item);
    }
    d.set("dagsordenspunkter", required);
    std::string text = render("vedtaegter.md.mustache", templateText, d);
    if (amendments.empty()) return text;
    // Each adopted amendment replaces the body of its paragraph (the heading
    // stays); a paragraph the bylaws did not have is added at the end.
    for (const auto& a : amendments) {
        const std::string heading = fmt::format("## § {} ", a.paragraph);
        std::size_t at = text.starts_with(heading) ? 0 : text.find("\n" + heading);
        if (at == std::string::npos) {
            while (!text.empty() && text.back() == '\n') text.pop_back();
            text += fmt::format("\n\n## § {}\n\n{}\n", a.paragraph, a.text);
            continue;
        }
        if (at != 0) ++at;
        const std::size_t bodyStart = text.find('\n', at);
        std::size_t next = text.find("\n## ", bodyStart);
        const std::string rest = next == std::string::npos ? std::string("\n") : text.substr(next);
        text = text.substr(0, bodyStart + 1) + "\n" + a.text + "\n" + (next == std::string::npos ? "" : "") + rest;
    }
    while (!text.empty() && text.back() == '\n') text.pop_back();
    text += "\n\n## Vedtagelse og ændringer\n\n";
    if (founded) text += fmt::format("Vedtaget på den stiftende generalforsamling den {}.\n", danish::date(*founded));
    for (const auto& a : amendments)
        text += fmt::format("§ {} ændret på {} den {}.\n", a.paragraph, definiteType(parseMeetingType(a.meetingType)),
                            danish::date(a.decidedOn));
    return text;
}

fs::path meetingFolder(const Meeting& m) { return fs::path("documents") / "meetings" / m.folder; }

std::vector<DocumentFile> meetingDocuments(Store& store, const Config& config, const fs::path& root,
                                           std::int64_t meetingId) {
    auto m = getMeeting(store, meetingId);
    auto invitees = meetingInvitees(store, config, meetingId);
    auto dir = meetingFolder(m);
    auto ics = renderCalendar(calendarEvent(m, invitees, config));
    if (m.status == MeetingStatus::aflyst) return {{dir / "aflysning.ics", ics}};
    const auto quality = qualitySection(store, config, m, root, false);
    // A draft's documents say so at the top, so that a printed or shared
    // copy is not taken for the notice (issue 15); sending writes them again.
    const std::string draft = m.status == MeetingStatus::kladde
                                  ? fmt::format("> **Kladde:** Mødet er endnu ikke indkaldt. Kladden sendes med "
                                                "`klynge meeting send {}`.\n\n",
                                                m.number)
                                  : std::string();
    return {{dir / "indkaldelse.md", draft + renderNotice(m, config, root, quality)},
            {dir / "dagsorden.md", draft + m.agendaText + quality},
            {dir / "invitation.ics", ics}};
}

std::vector<MeetingMessage> meetingMessages(Store& store, const Config& config, const fs::path& root,
                                            std::int64_t meetingId, bool onlyNotSent) {
    auto m = getMeeting(store, meetingId);
    auto invitees = meetingInvitees(store, config, meetingId);
    const bool cancel = m.status == MeetingStatus::aflyst;
    const auto calendar = renderCalendar(calendarEvent(m, invitees, config));
    const auto notice = renderNotice(m, config, root, qualitySection(store, config, m, root, false));
    const auto sender = meetingSender(m, config);
    const auto templateText = loadTemplate(root, "invitation-mail.txt.mustache");
    const auto attachments = assemblyAttachments(m, root);
    std::vector<std::int64_t> pending;
    if (onlyNotSent) pending = inviteesNotSent(store, m);
    const std::string kind = cancel ? "aflysning" : m.sequence == 0 ? "indkaldelse" : fmt::format("aendring-{}", m.sequence);
    const std::string when = danish::longDate(m.start.date);
    const std::string subject = cancel          ? fmt::format("Aflyst: {} {}", meetingNamed(m), when)
                                : m.sequence == 0 ? fmt::format("Indkaldelse: {} {}", m.title, when)
                                                  : fmt::format("Ændret: {} {}", m.title, when);
    const auto at = m.uid.find('@');
    const auto now = utcNow();
    std::vector<MeetingMessage> out;
    for (auto& i : invitees) {
        if (i.email.empty()) continue;
        if (onlyNotSent && std::find(pending.begin(), pending.end(), i.id) == pending.end()) continue;
        data d = meetingData(m, config);
        d.set("navn", i.name.empty() ? i.email : i.name);
        d.set("indkaldelse", notice);
        setAttachments(d, attachments);
        MailMessage msg;
        msg.from = sender;
        msg.to = {i.name, i.email};
        msg.subject = subject;
        msg.messageId = fmt::format("{}.{}.{}.{}{}", m.uid.substr(0, at), i.id, m.sequence, cancel ? "cancel" : "request",
                                    m.uid.substr(at));
        msg.date = now;
        // The template is written as Markdown, like the notice it carries: the
        // e-mail gets it as plain text laid out for reading and as HTML.
        const auto body = render("invitation-mail.txt.mustache", templateText, d);
        msg.text = markdownToPlainText(body);
        msg.html = markdownToHtml(body, subject);
        msg.calendar = calendar;
        msg.calendarMethod = std::string(icsMethodName(cancel ? IcsMethod::cancel : IcsMethod::request));
        msg.calendarFile = cancel ? "aflysning.ics" : "invitation.ics";
        if (!cancel)
            for (const auto& a : attachments)
                if (a.exists) msg.attachments.push_back({a.path.filename().string(), "text/markdown", a.content});
        out.push_back({i.id, i.email, meetingFolder(m) / "outbox" / fmt::format("{}.mbox", kind), renderMail(msg)});
    }
    return out;
}

PendingFiles::~PendingFiles() {
    if (committed_) return;
    std::error_code ec;
    temps_.clear(); // each removes its temporary
    for (auto it = madeDirs_.rbegin(); it != madeDirs_.rend(); ++it) fs::remove(*it, ec); // only if empty
}

void PendingFiles::stage(const fs::path& relative, std::string_view content) {
    // Generated documents live in documents/ and nowhere else (a meeting's
    // folder name comes from its title: never a way out of documents/).
    const bool inDocuments = !relative.empty() && *relative.begin() == "documents" &&
                             std::none_of(relative.begin(), relative.end(), [](const fs::path& part) {
                                 return part == ".." || part == "." || isKlyngeTemporary(part.string());
                             });
    if (!inDocuments || relative.is_absolute())
        throw InvalidValue(fmt::format("{} is not a place in documents/ — a generated document stays in documents/",
                                       relative.string()));
    fs::path final = root_ / relative;
    const auto at = std::find(finals_.begin(), finals_.end(), relative);
    const bool again = at != finals_.end();
    std::vector<fs::path> missing;
    for (fs::path dir = final.parent_path(); !dir.empty() && dir != root_ && !fs::exists(dir); dir = dir.parent_path())
        missing.push_back(dir);
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        fs::create_directory(*it);
        madeDirs_.push_back(*it);
    }
    // A symbolic link inside documents/ must not lead a document elsewhere
    // (into receipts/ or templates/, say).
    std::error_code ec;
    const auto folder = fs::weakly_canonical(final.parent_path(), ec);
    const auto documents = fs::weakly_canonical(root_ / "documents", ec);
    const auto inside = folder.lexically_relative(documents);
    if (inside.empty() || *inside.begin() == "..")
        throw InvalidValue(fmt::format("{} leads outside documents/ through a symbolic link — remove the link",
                                       relative.parent_path().string()));
    if (fs::is_directory(final))
        throw InvalidValue(fmt::format("{} is a folder — move it aside; klynge writes a document by that name",
                                       relative.string()));
    if (!again) {
        temps_.push_back(std::make_unique<TemporaryPath>(temporaryNameFor(final), TemporaryPath::Kind::file,
                                                         relative.string()));
        finals_.push_back(relative);
    }
    const fs::path& temp = temps_[static_cast<std::size_t>(again ? at - finals_.begin() : finals_.size() - 1)]->path();
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush())
        throw StorageError(fmt::format("cannot write {} — check the disk and the permissions", relative.string()));
}

void PendingFiles::commit() {
    for (std::size_t i = 0; i < temps_.size(); ++i) {
        fs::rename(temps_[i]->path(), root_ / finals_[i]);
        temps_[i]->release();
    }
    committed_ = true;
}

} // namespace klynge
