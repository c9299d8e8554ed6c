#include "klynge/reports/beretning.hpp"

#include "klynge/people/role.hpp"
#include "klynge/quality/quality.hpp"
#include "klynge/store/chain.hpp"
#include "klynge/store/templates.hpp"
#include "klynge/text/danish.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <array>
#include <fstream>
#include <sstream>

namespace klynge {
namespace {

using kainjow::mustache::data;

std::string readAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

std::string count(std::size_t n, std::string_view one, std::string_view many) {
    static constexpr std::array<std::string_view, 13> words{"ingen", "ét", "to", "tre", "fire", "fem", "seks",
                                                            "syv", "otte", "ni", "ti", "elleve", "tolv"};
    const std::string number = n < words.size() ? std::string(words[n]) : std::to_string(n);
    return fmt::format("{} {}", number, n == 1 ? one : many);
}

data meetingsData(const std::vector<MeetingSummary>& meetings) {
    data list{data::type::list};
    for (const auto& s : meetings) {
        if (s.meeting.status != MeetingStatus::afholdt) continue;
        data d;
        d.set("dato", danish::longDate(s.meeting.start.date));
        d.set("titel", s.meeting.title);
        d.set("fremmoede", fmt::format("{} af {} inviterede mødte", s.attended, s.invited));
        list.push_back(d);
    }
    return list;
}

data membersData(const std::vector<Member>& members, bool joined) {
    data list{data::type::list};
    for (const auto& m : members) {
        data d;
        d.set("navn", m.name);
        d.set("praksis", m.practiceName);
        d.set("dato", danish::date(joined ? m.joined : *m.left));
        list.push_back(d);
    }
    return list;
}

// The money in one paragraph, in the accounts' own figures.
std::string moneyParagraph(const AnnualAccounts& a) {
    std::string text = fmt::format("Klyngen havde i {} indtægter på {} og udgifter på {}, et resultat på {}", a.year,
                                   a.lines.incomeActual.danish(), a.lines.expenseActual.danish(), a.result.danish());
    if (a.lines.hasBudget) {
        const Money diff = a.lines.expenseActual - a.lines.expenseBudget;
        if (diff < Money())
            text += fmt::format(" Udgifterne var {} under budgettet på {}", (-diff).danish(), a.lines.expenseBudget.danish());
        else if (diff > Money())
            text += fmt::format(" Udgifterne var {} over budgettet på {}", diff.danish(), a.lines.expenseBudget.danish());
        else
            text += fmt::format(" Udgifterne svarede til budgettet på {}", a.lines.expenseBudget.danish());
    }
    text += fmt::format(" Klyngens midler var {} ved udgangen af året og overføres til {}. Årsregnskabet fremlægges "
                        "under sit eget punkt på dagsordenen.",
                        a.closingEquity.danish(), a.year + 1);
    return text;
}

} // namespace

BeretningDraft beretningDraft(Store& store, const Config& config, std::int64_t meetingId) {
    BeretningDraft b;
    b.meeting = getMeeting(store, meetingId);
    const auto& m = b.meeting;
    if (m.type != MeetingType::generalforsamling)
        throw RuleViolation(fmt::format("meeting #{} is a {} — the beretning is given at an ordinary general "
                                        "assembly (--type generalforsamling)",
                                        m.number, meetingTypeName(m.type)));
    if (m.status == MeetingStatus::aflyst)
        throw RuleViolation(fmt::format("meeting #{} was cancelled — draft the beretning for the assembly that "
                                        "replaces it",
                                        m.number));
    b.year = annualReport(store, config, m.start.date.year() - 1);
    // Without recorded themes the annual report names the meetings instead;
    // the beretning lists those meetings already.
    if (listThemes(store, b.year.accounts.year).empty()) b.year.themes.clear();
    for (const auto& r : listRoles(store, m.start.date))
        if (r.role == "koordinator") b.coordinator = r.holder;
    return b;
}

std::string renderBeretning(const BeretningDraft& b, const std::string& templateText) {
    const auto& r = b.year;
    const auto& a = r.accounts;
    data d;
    d.set("klynge", a.cluster);
    d.set("aar", std::to_string(a.year));
    d.set("naeste_aar", std::to_string(a.year + 1));
    d.set("moede_dato", danish::longDate(b.meeting.start.date));
    d.set("har_koordinator", !b.coordinator.empty());
    d.set("koordinator", b.coordinator);
    const auto held = meetingsData(r.meetings);
    const auto heldCount = held.list_value().size();
    std::size_t cancelled = 0;
    for (const auto& s : r.meetings)
        if (s.meeting.status == MeetingStatus::aflyst) ++cancelled;
    d.set("moeder", held);
    d.set("har_moeder", heldCount > 0);
    d.set("antal_moeder", count(heldCount, "møde", "møder"));
    d.set("har_aflyste", cancelled > 0);
    d.set("aflyste", cancelled == 1 ? std::string("Ét møde blev aflyst.")
                                    : fmt::format("{} blev aflyst.", danish::capitalised(count(cancelled, "møde", "møder"))));
    data themes{data::type::list};
    for (const auto& t : r.themes) {
        data e;
        e.set("tema", t);
        themes.push_back(e);
    }
    d.set("temaer", themes);
    d.set("har_temaer", !r.themes.empty());
    d.set("antal_medlemmer", std::to_string(r.members));
    d.set("antal_praksis", std::to_string(r.practices.size()));
    d.set("indmeldte", membersData(r.joined, true));
    d.set("har_indmeldte", !r.joined.empty());
    d.set("udmeldte", membersData(r.left, false));
    d.set("har_udmeldte", !r.left.empty());
    data decisions{data::type::list};
    for (const auto& dec : r.decisions) {
        if (!dec.stands()) continue; // the correction stands in its place
        data e;
        e.set("dato", danish::date(dec.decidedOn));
        e.set("moede", dec.meetingTitle);
        e.set("emne", danishSubject(dec));
        e.set("resultat", danishResult(dec));
        decisions.push_back(e);
    }
    d.set("har_beslutninger", !decisions.list_value().empty());
    d.set("beslutninger", decisions);
    d.set("oekonomi", moneyParagraph(a));
    return singleBlankLines(renderDocument("beretning.md.mustache", templateText, d));
}

DraftState draftState(const std::filesystem::path& file, const std::filesystem::path& fingerprint) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return DraftState::absent;
    if (!std::filesystem::is_regular_file(fingerprint, ec)) return DraftState::edited;
    return readAll(fingerprint) == draftFingerprint(readAll(file)) ? DraftState::unedited : DraftState::edited;
}

std::string draftFingerprint(const std::string& text) { return sha256Hex(text) + "\n"; }

std::filesystem::path beretningFingerprintPath(const std::filesystem::path& beretning) {
    return beretning.parent_path() / ".beretning.sha256";
}

} // namespace klynge
