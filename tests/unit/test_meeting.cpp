// Meeting rules (DOMAIN.md, "Meetings and general assemblies"): notice,
// proposals, Q1, extraordinary demands, the internat weekend, the agenda the
// bylaws require, and Danish wall-clock time across the DST switches.
#include "klynge/store/config.hpp"
#include "klynge/text/danish_time.hpp"
#include "klynge/documents/documents.hpp"
#include "klynge/text/error.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/store/templates.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <ostream>
#include <string>
#include <vector>

using namespace klynge;

namespace {

Date d(const char* iso) { return Date::parse(iso); }
LocalDateTime t(const char* text) { return LocalDateTime::parse(text); }

const char* clusterToml = R"(
[cluster]
name = "Østerbroklyngen"
cvr = "12345674"
municipality = "København"
region = "Hovedstaden"
founded = 2018-11-15
)";

} // namespace

TEST_CASE("notice: a general assembly needs policy.notice_days, counted call day to meeting day") {
    MeetingPolicy p; // the standard bylaws: 14
    struct Case {
        const char* called;
        const char* meeting;
        int days;
        bool ok;
    };
    const std::vector<Case> cases = {
        {"2026-02-06", "2026-02-20", 14, true},
        {"2026-02-07", "2026-02-20", 13, false},
        {"2026-02-05", "2026-02-20", 15, true},
        {"2026-02-20", "2026-02-20", 0, false},
        {"2025-12-20", "2026-01-03", 14, true}, // across the new year
        {"2024-02-15", "2024-02-29", 14, true}, // leap day
    };
    for (const auto& c : cases) {
        CAPTURE(c.called);
        CAPTURE(c.meeting);
        for (auto type : {MeetingType::generalforsamling, MeetingType::ekstraordinaer, MeetingType::stiftende}) {
            auto n = checkNotice(type, d(c.called), d(c.meeting), p);
            REQUIRE(n.has_value());
            CHECK(n->days == c.days);
            CHECK(n->ok == c.ok);
            CHECK(n->earliestMeeting == d(c.called).addDays(14));
        }
        // Other meetings have no notice rule.
        for (auto type : {MeetingType::klyngemoede, MeetingType::internat, MeetingType::bestyrelsesmoede})
            CHECK_FALSE(checkNotice(type, d(c.called), d(c.meeting), p).has_value());
    }
    SUBCASE("the policy decides") {
        p.noticeDays = 21;
        CHECK_FALSE(checkNotice(MeetingType::generalforsamling, d("2026-02-01"), d("2026-02-21"), p)->ok);
        CHECK(checkNotice(MeetingType::generalforsamling, d("2026-01-31"), d("2026-02-21"), p)->ok);
    }
}

TEST_CASE("proposals reach the board policy.proposal_days before the assembly") {
    MeetingPolicy p;
    CHECK(proposalsDeadline(d("2026-02-20"), p) == d("2026-02-06"));
    p.proposalDays = 7;
    CHECK(proposalsDeadline(d("2026-03-03"), p) == d("2026-02-24"));
}

TEST_CASE("the last day to send a draft: a general assembly's notice, else the response deadline or the day") {
    MeetingPolicy p;
    struct Case {
        MeetingType type;
        const char* meeting;
        const char* respondBy; // "" for none
        const char* last;
    };
    const Case cases[] = {
        {MeetingType::generalforsamling, "2026-02-26", "2026-02-19", "2026-02-12"}, // 14 days before [000 §4]
        {MeetingType::ekstraordinaer, "2026-03-01", "", "2026-02-15"},
        {MeetingType::stiftende, "2026-01-14", "", "2025-12-31"},                 // over a year's end
        {MeetingType::klyngemoede, "2026-04-14", "2026-04-07", "2026-04-07"},     // the response deadline
        {MeetingType::internat, "2026-05-09", "", "2026-05-09"},                  // else the meeting's day
    };
    for (const auto& c : cases) {
        CAPTURE(c.meeting);
        std::optional<Date> respondBy;
        if (*c.respondBy) respondBy = d(c.respondBy);
        CHECK(lastDayToSend(c.type, d(c.meeting), respondBy, p) == d(c.last));
    }
    p.noticeDays = 21;
    CHECK(lastDayToSend(MeetingType::generalforsamling, d("2026-02-26"), std::nullopt, p) == d("2026-02-05"));
}

TEST_CASE("a virtual meeting's link is an http(s) address with a host, nothing that breaks a line or a header") {
    struct Case {
        const char* link;
        bool ok;
    };
    const Case cases[] = {
        {"https://meet.example.dk/kol", true},
        {"http://10.0.0.5:8080/m?id=3&pwd=x", true},
        {"https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0", true},
        {"meet.example.dk/kol", false},        // no scheme
        {"ftp://meet.example.dk/kol", false},  // not the web
        {"HTTPS://meet.example.dk", false},    // as services give it: lower case
        {"https://", false},                   // no host
        {"https:///path", false},
        {"https://meet.example.dk/kol 2026", false},
        {"https://meet.example.dk/\r\nBcc: x", false},
        {"https://meet.example.dk/\"x\"", false},
        {"https://møde.example.dk/", false},   // not ASCII: give the punycode form
    };
    for (const auto& c : cases) {
        CAPTURE(c.link);
        if (c.ok) CHECK(checkedMeetingLink(c.link, "--link") == c.link);
        else CHECK_THROWS_AS(checkedMeetingLink(c.link, "--link"), InvalidValue);
    }
    CHECK_THROWS_AS(checkedMeetingLink("https://example.dk/" + std::string(490, 'a'), "--link"), InvalidValue);
}

TEST_CASE("the ordinary assembly by the end of the first quarter, and the last day to call it") {
    MeetingPolicy p;
    CHECK(ordinaryAssemblyDeadline(2026, p) == d("2026-03-31"));
    CHECK(ordinaryAssemblyLastCallDate(2026, p) == d("2026-03-17"));
    p.ordinaryAssemblyLastMonth = 2;
    CHECK(ordinaryAssemblyDeadline(2024, p) == d("2024-02-29"));
    CHECK(ordinaryAssemblyLastCallDate(2024, p) == d("2024-02-15"));
}

TEST_CASE("extraordinary demands: the share of members and the two deadlines") {
    MeetingPolicy p;
    struct Case {
        int members;
        int needed;
    };
    // 20 %, rounded up to whole people.
    for (auto c : std::vector<Case>{{1, 1}, {4, 1}, {5, 1}, {6, 2}, {10, 2}, {11, 3}, {12, 3}, {15, 3}, {16, 4}, {72, 15}}) {
        CAPTURE(c.members);
        CHECK(signersNeeded(c.members, p) == c.needed);
    }
    p.extraordinarySharePercent = 25;
    CHECK(signersNeeded(12, p) == 3);
    CHECK(signersNeeded(13, p) == 4);

    MeetingPolicy standard;
    auto dl = demandDeadlines(d("2026-05-02"), standard);
    CHECK(dl.noticeBy == d("2026-05-16"));
    CHECK(dl.heldBy == d("2026-05-30"));
    standard.extraordinaryHeldWithinDays = 21;
    CHECK(demandDeadlines(d("2026-12-20"), standard).heldBy == d("2027-01-24"));

    CHECK(countsForDemand(Position::ejerlaege));
    CHECK(countsForDemand(Position::ansat));
    CHECK_FALSE(countsForDemand(Position::uddannelseslaege));
}

TEST_CASE("an internat is around a weekend when it touches a Saturday or Sunday") {
    struct Case {
        const char* start;
        const char* end;
        bool ok;
    };
    const std::vector<Case> cases = {
        {"2026-03-06 16:00", "2026-03-07 14:00", true},  // Friday to Saturday
        {"2026-03-07 09:00", "2026-03-08 15:00", true},  // Saturday to Sunday
        {"2026-03-08 10:00", "2026-03-09 12:00", true},  // Sunday to Monday
        {"2026-03-04 16:00", "2026-03-05 14:00", false}, // Wednesday to Thursday
        {"2026-03-05 16:00", "2026-03-06 16:00", false}, // Thursday to Friday
    };
    for (auto& c : cases) {
        CAPTURE(c.start);
        CHECK(aroundWeekend(t(c.start), t(c.end)) == c.ok);
    }
}

TEST_CASE("agenda lines: numbered, lettered and bulleted items") {
    auto items = parseAgenda("# Dagsorden\n\nIntro text 2026.\n\n1. Velkomst\n2) Referent\n3. Vedtægter\n"
                             "   a. Koordinatorens rolle\n3.b Bestyrelse?\n- Pause\n  - indrykket\n* Eventuelt\n"
                             "12.Ikke et punkt\n\n");
    std::vector<std::pair<int, std::string>> got;
    for (auto& i : items) got.emplace_back(i.level, i.text);
    std::vector<std::pair<int, std::string>> expected = {
        {0, "Velkomst"}, {0, "Referent"},  {0, "Vedtægter"}, {1, "Koordinatorens rolle"}, {1, "Bestyrelse?"},
        {0, "Pause"},    {1, "indrykket"}, {0, "Eventuelt"}};
    CHECK(got == expected);
    CHECK(parseAgenda("   a. a sub-item first is an item\n").front().level == 0);
    CHECK(parseAgenda("Nothing here\n").empty());
}

TEST_CASE("the ordinary assembly's required agenda items [000 §5]") {
    CHECK(ordinaryAgendaRequirements().size() == 6);
    for (auto& r : ordinaryAgendaRequirements()) CHECK(std::string(r.source).find("000 §5") != std::string::npos);

    const std::vector<std::string> full = {
        "Valg af dirigent og referent", "Koordinatorens beretning", "Godkendelse af regnskab 2025",
        "Indkomne forslag, herunder næste års aktiviteter", "Valg af klyngekoordinator", "Eventuelt"};
    auto agenda = [](const std::vector<std::string>& lines) {
        std::vector<AgendaItem> out;
        for (auto& l : lines) out.push_back({0, l});
        return out;
    };
    CHECK(missingAgendaItems(agenda(full)).empty());
    SUBCASE("each item removed is reported") {
        for (std::size_t i = 0; i < full.size(); ++i) {
            auto lines = full;
            lines.erase(lines.begin() + static_cast<long>(i));
            auto missing = missingAgendaItems(agenda(lines));
            REQUIRE(missing.size() == 1);
            CHECK(missing[0] == &ordinaryAgendaRequirements()[i]);
        }
    }
    SUBCASE("upper case and Danish letters match; words split over lines count") {
        CHECK(missingAgendaItems(agenda({"VALG AF DIRIGENT", "Valg af referent", "BERETNING", "REGNSKABET",
                                         "Forslag fra medlemmer", "Aktiviteter i ÅRET", "VALG AF KLYNGEKOORDINATOR",
                                         "EVENTUELT"}))
                  .empty());
    }
    SUBCASE("\"valg\" and \"koordinator\" must share a line") {
        auto missing = missingAgendaItems(
            agenda({"Valg af dirigent og referent", "Klyngekoordinatorens beretning", "Regnskab",
                    "Forslag og aktiviteter", "Eventuelt"}));
        REQUIRE(missing.size() == 1);
        CHECK(std::string(missing[0]->what) == "valg af klyngekoordinator");
    }
    SUBCASE("the built-in ordinary agenda satisfies the bylaws") {
        for (auto& b : builtinTemplates())
            if (b.name == "dagsorden-generalforsamling.md.mustache")
                CHECK(missingAgendaItems(parseAgenda(b.text)).empty());
    }
}

TEST_CASE("meeting types and folder names") {
    CHECK(parseMeetingType("generalforsamling") == MeetingType::generalforsamling);
    CHECK(parseMeetingType("ekstraordinær") == MeetingType::ekstraordinaer);
    CHECK(parseMeetingType("Ekstraordinær generalforsamling") == MeetingType::ekstraordinaer);
    CHECK(parseMeetingType("ekstraordinaer") == MeetingType::ekstraordinaer);
    CHECK(parseMeetingType("stiftende") == MeetingType::stiftende);
    CHECK(parseMeetingType("klyngemøde") == MeetingType::klyngemoede);
    CHECK(parseMeetingType("bestyrelsesmoede") == MeetingType::bestyrelsesmoede);
    CHECK_THROWS_AS(parseMeetingType("julefrokost"), InvalidValue);
    CHECK(isGeneralAssembly(MeetingType::stiftende));
    CHECK_FALSE(isGeneralAssembly(MeetingType::internat));
    CHECK(meetingFolderName(d("2026-02-20"), "Ordinær generalforsamling 2026") ==
          "2026-02-20-ordinaer-generalforsamling-2026");
    CHECK(meetingFolderName(d("2026-05-02"), "Møde: Åbent hus / KOL!") == "2026-05-02-moede-aabent-hus-kol");
    CHECK(meetingFolderName(d("2026-05-02"), "!!!") == "2026-05-02-moede");
}

TEST_CASE("Danish wall-clock time and its UTC offset (EU rule, not the TZ database)") {
    CHECK(lastSundayOf(2026, 3) == d("2026-03-29"));
    CHECK(lastSundayOf(2026, 10) == d("2026-10-25"));
    CHECK(lastSundayOf(2027, 3) == d("2027-03-28"));
    CHECK(lastSundayOf(2027, 10) == d("2027-10-31"));
    struct Case {
        const char* local;
        int offset; // minutes; 0: does not exist
        const char* utc;
    };
    const std::vector<Case> cases = {
        {"2026-01-15 12:00", 60, "2026-01-15T11:00:00Z"},
        {"2026-03-28 23:30", 60, "2026-03-28T22:30:00Z"},
        {"2026-03-29 01:59", 60, "2026-03-29T00:59:00Z"},
        {"2026-03-29 02:00", 0, ""},
        {"2026-03-29 02:59", 0, ""},
        {"2026-03-29 03:00", 120, "2026-03-29T01:00:00Z"},
        {"2026-03-29 10:00", 120, "2026-03-29T08:00:00Z"},
        {"2026-07-01 17:00", 120, "2026-07-01T15:00:00Z"},
        {"2026-10-25 01:59", 120, "2026-10-24T23:59:00Z"},
        {"2026-10-25 02:30", 120, "2026-10-25T00:30:00Z"}, // the repeated hour: its first occurrence
        {"2026-10-25 03:00", 60, "2026-10-25T02:00:00Z"},
        {"2026-10-25 10:00", 60, "2026-10-25T09:00:00Z"},
        {"2026-12-31 23:59", 60, "2026-12-31T22:59:00Z"},
    };
    for (auto& c : cases) {
        CAPTURE(c.local);
        if (c.offset == 0) {
            CHECK_THROWS_WITH_AS(copenhagenOffsetMinutes(t(c.local)), doctest::Contains("does not exist"), InvalidValue);
            continue;
        }
        CHECK(copenhagenOffsetMinutes(t(c.local)) == c.offset);
        CHECK(utcIso(toUtc(t(c.local))) == c.utc);
    }
}

TEST_CASE("LocalDateTime::parse") {
    CHECK(t("2026-02-20 17:00").iso() == "2026-02-20 17:00");
    CHECK(t("2026-02-20T09:05").iso() == "2026-02-20 09:05");
    CHECK(t("20.02.2026 17.30").iso() == "2026-02-20 17:30");
    CHECK(t("2026-02-20 17:00").icsLocal() == "20260220T170000");
    CHECK(LocalDateTime::parseTimeOn(d("2026-02-20"), "9:30").iso() == "2026-02-20 09:30");
    for (auto bad : {"2026-02-20", "2026-02-20 24:00", "2026-02-20 17:60", "2026-02-30 10:00", "i morgen kl. 10",
                     "2026-02-20 1700"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(LocalDateTime::parse(bad), InvalidValue);
    }
    CHECK(parseUtcIso("2026-02-20T16:00:00Z") == toUtc(t("2026-02-20 17:00")));
    CHECK(parseUtcIso("20260220T160000Z") == toUtc(t("2026-02-20 17:00")));
    for (auto bad : {"2026-02-20 16:00:00", "2026-02-30T16:00:00Z", "2026-02-20T1x:00:00Z", ""})
        CHECK_THROWS_AS(parseUtcIso(bad), StorageError);
    CHECK(rfc5322Date(toUtc(t("2026-02-20 17:00"))) == "Fri, 20 Feb 2026 16:00:00 +0000");
}

TEST_CASE("the minutes list the decisions the vote engine hands them, and the forced reason") {
    auto config = Config::parse(clusterToml, "klynge.toml");
    MinutesData md;
    md.clusterName = "Østerbroklyngen";
    md.meeting.title = "Ordinær generalforsamling 2026";
    md.meeting.type = MeetingType::generalforsamling;
    md.meeting.start = t("2026-02-20 17:00");
    md.meeting.end = t("2026-02-20 19:00");
    md.meeting.calledOn = d("2026-02-09");
    md.meeting.place = "Østerbrohuset";
    md.meeting.status = MeetingStatus::afholdt;
    md.meeting.agenda = {{0, "Valg af dirigent og referent"}, {0, "Eventuelt"}};
    md.meeting.chair = "Peter Plo";
    md.meeting.forcedReason = "Lokalet var kun ledigt denne dag";
    md.meeting.forcedRules = "the notice is 11 days";
    Invitee anne;
    anne.memberId = 1;
    anne.name = "Anne Ærø";
    anne.votingRight = true;
    anne.attended = true;
    md.present = {anne};
    md.presentMembers = 1;
    md.presentWithVote = 1;
    md.invited = 3;
    const std::string root = "/nonexistent-klynge-workspace"; // the built-in templates
    SUBCASE("without decisions") {
        auto text = renderMinutes(md, config, root);
        CHECK(text.find("Der er ikke registreret afstemninger") != std::string::npos);
        CHECK(text.find("Lokalet var kun ledigt denne dag") != std::string::npos);
        CHECK(text.find("| Anne Ærø | ja |") != std::string::npos);
        CHECK(text.find("Dirigent: Peter Plo") != std::string::npos);
        // Issue 14: an unrecorded referent is a line to write the name on.
        CHECK(text.find("- Referent: ______________________") != std::string::npos);
        CHECK(text.find("\n\n\n") == std::string::npos);
    }
    SUBCASE("with decisions") {
        md.decisions = {{"Vedtægtsændring § 4", "vedtaget (9 for, 1 imod)"}, {"Valg af koordinator", "Anne Ærø"}};
        auto text = renderMinutes(md, config, root);
        CHECK(text.find("- Vedtægtsændring § 4: vedtaget (9 for, 1 imod)\n- Valg af koordinator: Anne Ærø\n") !=
              std::string::npos);
        CHECK(text.find("ikke registreret afstemninger") == std::string::npos);
        CHECK(text.find("\n\n\n") == std::string::npos);
    }
}

TEST_CASE("the bylaws follow the policy in klynge.toml") {
    std::string templateText;
    for (auto& b : builtinTemplates())
        if (b.name == "vedtaegter.md.mustache") templateText = std::string(b.text);
    auto standard = renderBylaws(Config::parse(clusterToml, "klynge.toml"), templateText);
    CHECK(standard.find("# Vedtægter for Østerbroklyngen") != std::string::npos);
    CHECK(standard.find("mindst 14 dage") != std::string::npos);
    CHECK(standard.find("mindst 20 % af medlemmerne") != std::string::npos);
    CHECK(standard.find("Stemmeret har ejerlæger (praksisejere).") != std::string::npos);
    CHECK(standard.find("første kvartal") != std::string::npos);
    for (int nr = 1; nr <= 12; ++nr) CHECK(standard.find(fmt::format("## § {} ", nr)) != std::string::npos);
    auto own = renderBylaws(Config::parse(std::string(clusterToml) + "[policy]\nnotice_days = 21\n"
                                                                       "extraordinary_share_percent = 25\n"
                                                                       "voting_positions = [\"ejerlæge\", \"ansat\"]\n",
                                          "klynge.toml"),
                            templateText);
    CHECK(own.find("mindst 21 dage") != std::string::npos);
    CHECK(own.find("mindst 25 % af medlemmerne") != std::string::npos);
    CHECK(own.find("Stemmeret har ejerlæger (praksisejere) og ansatte læger.") != std::string::npos);
}
