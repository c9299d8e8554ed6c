// Calendar invitations (RFC 5545/5546) and e-mail messages (RFC 5322, MIME):
// escaping, folding that never splits a UTF-8 sequence, the VTIMEZONE, CRLF
// line ends, encoded headers and header injection.
#include "klynge/text/error.hpp"
#include "klynge/calendar/ics.hpp"
#include "klynge/meetings/mail.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <ostream>
#include <string>
#include <vector>

using namespace klynge;

namespace {

std::vector<std::string> crlfLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find("\r\n", at);
        REQUIRE(end != std::string::npos); // every line ends in CRLF
        lines.push_back(text.substr(at, end - at));
        at = end + 2;
    }
    return lines;
}

bool validUtf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

CalendarEvent sampleEvent() {
    CalendarEvent e;
    e.uid = "2026-02-20-12345674-00000000000000ab@example.dk";
    e.sequence = 0;
    e.stamp = toUtc(LocalDateTime::parse("2026-01-20 10:15"));
    e.start = LocalDateTime::parse("2026-02-20 17:00");
    e.end = LocalDateTime::parse("2026-02-20 19:00");
    e.summary = "Ordinær generalforsamling 2026";
    e.location = "Østerbrohuset, Æbeløgade 4; 2100 København Ø";
    e.description = "Dagsorden:\n1. Valg af dirigent og referent\n2. Beretning, regnskab; forslag\\ideer";
    e.organizer = {"Anne Ærø", "anne@example.dk"};
    e.attendees = {{"Anne Ærø", "anne@example.dk"}, {"Bo \"Bassen\" Østergaard", "bo@example.dk"}};
    return e;
}

} // namespace

TEST_CASE("TEXT escaping (RFC 5545 §3.3.11)") {
    struct Case {
        std::string in, out;
    };
    for (auto& c : std::vector<Case>{{"plain", "plain"},
                                     {"a,b;c\\d", "a\\,b\\;c\\\\d"},
                                     {"line1\nline2", "line1\\nline2"},
                                     {"crlf\r\nnext", "crlf\\nnext"},
                                     {"bell\x07gone", "bellgone"},
                                     {"Æ Ø Å", "Æ Ø Å"}}) {
        CAPTURE(c.in);
        CHECK(escapeIcsText(c.in) == c.out);
    }
}

TEST_CASE("content lines fold at 75 octets without splitting UTF-8") {
    for (std::size_t prefix = 0; prefix < 4; ++prefix) {
        // 'æ' is two octets: every offset puts a character across the 75th octet once.
        std::string line = "DESCRIPTION:" + std::string(prefix, 'x');
        for (int i = 0; i < 100; ++i) line += i % 3 ? "æ" : "ø-";
        CAPTURE(prefix);
        auto folded = foldIcsLine(line);
        auto lines = crlfLines(folded);
        REQUIRE(lines.size() > 2);
        std::string unfolded;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            CHECK(lines[i].size() <= 75);
            CHECK(validUtf8(i ? lines[i].substr(1) : lines[i]));
            if (i) CHECK(lines[i][0] == ' ');
            unfolded += i ? lines[i].substr(1) : lines[i];
        }
        CHECK(unfolded == line);
    }
    CHECK(foldIcsLine("SHORT:1") == "SHORT:1\r\n");
    CHECK(foldIcsLine(std::string(75, 'a')) == std::string(75, 'a') + "\r\n");
    CHECK(foldIcsLine(std::string(76, 'a')) == std::string(75, 'a') + "\r\n a\r\n");
}

TEST_CASE("a REQUEST: method, VTIMEZONE, UID, SEQUENCE, organizer, attendees with RSVP") {
    auto ics = renderCalendar(sampleEvent());
    auto lines = crlfLines(ics);
    CHECK(ics.find('\n') == ics.find("\r\n") + 1); // no bare LF anywhere
    for (std::size_t i = 0; i + 1 < ics.size(); ++i)
        if (ics[i] == '\n') CHECK(ics[i - 1] == '\r');
    std::string unfolded;
    for (auto& l : lines) {
        CHECK(l.size() <= 75);
        unfolded += l[0] == ' ' ? l.substr(1) : "\n" + l;
    }
    for (auto* expected :
         {"\nBEGIN:VCALENDAR", "\nMETHOD:REQUEST", "\nVERSION:2.0", "\nBEGIN:VTIMEZONE\nTZID:Europe/Copenhagen",
          "\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
          "\nUID:2026-02-20-12345674-00000000000000ab@example.dk", "\nSEQUENCE:0", "\nDTSTAMP:20260120T091500Z",
          "\nDTSTART;TZID=Europe/Copenhagen:20260220T170000", "\nDTEND;TZID=Europe/Copenhagen:20260220T190000",
          "\nSUMMARY:Ordinær generalforsamling 2026", "\nLOCATION:Østerbrohuset\\, Æbeløgade 4\\; 2100 København Ø",
          "\nDESCRIPTION:Dagsorden:\\n1. Valg af dirigent og referent\\n2. Beretning\\, regnskab\\; forslag\\\\ideer",
          "\nORGANIZER;CN=\"Anne Ærø\":mailto:anne@example.dk",
          "\nATTENDEE;CN=\"Bo 'Bassen' Østergaard\";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
          "RSVP=TRUE:mailto:bo@example.dk",
          "\nSTATUS:CONFIRMED", "\nEND:VEVENT\nEND:VCALENDAR"}) {
        CAPTURE(expected);
        CHECK(unfolded.find(expected) != std::string::npos);
    }
}

TEST_CASE("a CANCEL keeps the UID, carries the bumped SEQUENCE and STATUS:CANCELLED") {
    auto e = sampleEvent();
    e.method = IcsMethod::cancel;
    e.sequence = 1;
    auto ics = renderCalendar(e);
    CHECK(ics.find("\r\nMETHOD:CANCEL\r\n") != std::string::npos);
    CHECK(ics.find("\r\nSEQUENCE:1\r\n") != std::string::npos);
    CHECK(ics.find("\r\nSTATUS:CANCELLED\r\n") != std::string::npos);
    CHECK(ics.find("UID:2026-02-20-12345674-00000000000000ab@example.dk") != std::string::npos);
    CHECK(ics.find("RSVP=TRUE") == std::string::npos);
}

TEST_CASE("a time in the hour skipped in spring is refused") {
    auto e = sampleEvent();
    e.start = LocalDateTime::parse("2026-03-29 02:30");
    e.end = LocalDateTime::parse("2026-03-29 04:00");
    CHECK_THROWS_AS(renderCalendar(e), InvalidValue);
}

TEST_CASE("header injection: a line break in a name or subject is refused") {
    for (const std::string& bad : std::vector<std::string>{"Ordinær\r\nBcc: x@evil.example", "a\nb", "a\rb", std::string("a\0b", 3)}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(refuseHeaderInjection("the subject", bad), InvalidValue);
        MailMessage m;
        m.from = {"Anne", "anne@example.dk"};
        m.to = {"Bo", "bo@example.dk"};
        m.subject = bad;
        m.messageId = "x@example.dk";
        m.text = "hej";
        CHECK_THROWS_AS(renderMail(m), InvalidValue);
        m.subject = "ok";
        m.to.name = bad;
        CHECK_THROWS_AS(renderMail(m), InvalidValue);
        CHECK_THROWS_AS(parseMailbox(bad + " <x@example.dk>", "--guest"), InvalidValue);
    }
    CHECK_NOTHROW(refuseHeaderInjection("the subject", "tab\tis fine"));
}

TEST_CASE("mailboxes: parsed and formatted") {
    auto a = parseMailbox("Hanne Holm <Hanne@KK.dk>", "--guest");
    CHECK(a.name == "Hanne Holm");
    CHECK(a.email == "hanne@kk.dk");
    CHECK(parseMailbox("\"Holm, Hanne\" <hanne@kk.dk>", "--guest").name == "Holm, Hanne");
    CHECK(parseMailbox("hanne@kk.dk", "--guest").name.empty());
    CHECK_THROWS_AS(parseMailbox("Hanne <hanne@kk.dk", "--guest"), InvalidValue);
    CHECK_THROWS_AS(parseMailbox("Hanne <not an address>", "--guest"), InvalidValue);
    CHECK(formatMailbox({"Bo Hansen", "bo@example.dk"}) == "\"Bo Hansen\" <bo@example.dk>");
    CHECK(formatMailbox({"Say \"hi\"", "bo@example.dk"}) == "\"Say \\\"hi\\\"\" <bo@example.dk>");
    CHECK(formatMailbox({"", "bo@example.dk"}) == "<bo@example.dk>");
    CHECK(formatMailbox({"Anne Ærø", "anne@example.dk"}) == "=?UTF-8?B?QW5uZSDDhnLDuA==?= <anne@example.dk>");
}

TEST_CASE("encoded headers: words of at most 75 characters, UTF-8 never split") {
    CHECK(encodeHeaderText("Plain ASCII subject", 9) == "Plain ASCII subject");
    std::string subject = "Indkaldelse: Ordinær generalforsamling i Østerbroklyngen — æøå ÆØÅ ";
    for (int i = 0; i < 4; ++i) subject += subject;
    auto encoded = encodeHeaderText(subject, 9);
    std::size_t at = 0;
    int words = 0;
    while (at < encoded.size()) {
        auto end = encoded.find("\r\n ", at);
        auto word = encoded.substr(at, end == std::string::npos ? std::string::npos : end - at);
        CHECK(word.size() <= 75);
        CHECK(word.rfind("=?UTF-8?B?", 0) == 0);
        CHECK(word.substr(word.size() - 2) == "?=");
        ++words;
        at = end == std::string::npos ? encoded.size() : end + 3;
    }
    CHECK(words > 5);
}

TEST_CASE("quoted-printable and base64 bodies") {
    CHECK(quotedPrintable("Kære Bo\n") == "K=C3=A6re Bo\r\n");
    CHECK(quotedPrintable("a = b\n") == "a =3D b\r\n");
    CHECK(quotedPrintable("trailing space \nx") == "trailing space=20\r\nx");
    auto longLine = quotedPrintable(std::string(200, 'a') + "\n");
    for (auto& l : crlfLines(longLine)) CHECK(l.size() <= 76);
    CHECK(base64Lines("Man") == "TWFu\r\n");
    CHECK(base64Lines("Ma") == "TWE=\r\n");
    CHECK(base64Lines("M") == "TQ==\r\n");
    for (auto& l : crlfLines(base64Lines(std::string(300, 'x')))) CHECK(l.size() <= 76);
}

TEST_CASE("a message: headers, multipart/mixed with text/plain and text/calendar, method=REQUEST") {
    MailMessage m;
    m.from = {"Anne Ærø", "anne@example.dk"};
    m.to = {"Bo Østergaard", "bo@example.dk"};
    m.subject = "Indkaldelse: Ordinær generalforsamling 2026";
    m.messageId = "abc.2.0.request@example.dk";
    m.date = toUtc(LocalDateTime::parse("2026-01-20 11:00"));
    m.text = "Kære Bo\n\nVelkommen.\n";
    m.calendar = renderCalendar(sampleEvent());
    m.calendarMethod = "REQUEST";
    m.calendarFile = "invitation.ics";
    auto text = renderMail(m);
    auto lines = crlfLines(text);
    for (auto& l : lines) CHECK(l.size() <= 998);
    for (auto* expected :
         {"From: =?UTF-8?B?QW5uZSDDhnLDuA==?= <anne@example.dk>\r\n", "To: =?UTF-8?B?", " <bo@example.dk>\r\n",
          "Subject: =?UTF-8?B?", "Date: Tue, 20 Jan 2026 10:00:00 +0000\r\n",
          "Message-ID: <abc.2.0.request@example.dk>\r\n", "MIME-Version: 1.0\r\n",
          "Content-Type: multipart/mixed; boundary=\"=_klynge_mixed\"\r\n",
          "Content-Type: multipart/alternative; boundary=\"=_klynge_alternative\"\r\n",
          "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nK=C3=A6re Bo\r\n",
          "Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n",
          "Content-Type: application/ics; name=\"invitation.ics\"\r\n",
          "Content-Disposition: attachment; filename=\"invitation.ics\"\r\n", "--=_klynge_alternative--\r\n",
          "--=_klynge_mixed--\r\n"}) {
        CAPTURE(expected);
        CHECK(text.find(expected) != std::string::npos);
    }
    // The headers end before the first blank line; none is folded into a new header.
    auto headers = text.substr(0, text.find("\r\n\r\n"));
    CHECK(headers.find("Bcc") == std::string::npos);

    m.calendar.clear();
    auto plain = renderMail(m);
    CHECK(plain.find("multipart") == std::string::npos);
    CHECK(plain.find("Content-Type: text/plain; charset=UTF-8\r\n") != std::string::npos);
}

TEST_CASE("SMTP settings: the password only from the environment") {
    auto config = [](const std::string& mail) {
        return Config::parse("[cluster]\nname = \"K\"\ncvr = \"12345674\"\nmunicipality = \"K\"\nregion = \"Hovedstaden\"\n"
                             "[mail]\n" + mail,
                             "klynge.toml");
    };
    CHECK_THROWS_WITH_AS(smtpSettings(config("")), doctest::Contains("mail.smtp_url is not set"), ConfigError);
    CHECK_THROWS_WITH_AS(smtpSettings(config("smtp_url = \"http://x\"\n")), doctest::Contains("smtp://"), ConfigError);
    CHECK_THROWS_WITH_AS(smtpSettings(config("smtp_url = \"smtp://u:secret@mail.example.dk\"\n")),
                         doctest::Contains("never in a file"), ConfigError);
    unsetenv("KLYNGE_SMTP_PASSWORD");
    CHECK_THROWS_WITH_AS(smtpSettings(config("smtp_url = \"smtp://mail.example.dk:587\"\nsmtp_user = \"klynge\"\n")),
                         doctest::Contains("$KLYNGE_SMTP_PASSWORD"), ConfigError);
    setenv("KLYNGE_SMTP_PASSWORD", "s3cret", 1);
    auto s = smtpSettings(config("smtp_url = \"smtp://mail.example.dk:587\"\nsmtp_user = \"klynge\"\n"));
    CHECK(s.password == "s3cret");
    CHECK(s.starttls);
    CHECK_THROWS_WITH_AS(smtpSettings(config("smtp_url = \"smtp://mail.example.dk:25\"\nsmtp_user = \"klynge\"\n"
                                             "smtp_starttls = false\n")),
                         doctest::Contains("unencrypted"), ConfigError);
    CHECK_NOTHROW(smtpSettings(config("smtp_url = \"smtp://127.0.0.1:2525\"\nsmtp_user = \"klynge\"\nsmtp_starttls = false\n")));
    unsetenv("KLYNGE_SMTP_PASSWORD");
}

TEST_CASE("the outbox mailbox: mboxrd entries marked X-Unsent, the same message replaced, not doubled") {
    using namespace std::chrono;
    const sys_seconds at = sys_days(year(2026) / 12 / 7) + hours(8) + minutes(5) + seconds(9);
    const std::string message = "Message-ID: <a.1@example.dk>\r\nTo: bo@example.dk\r\nSubject: Hej\r\n\r\n"
                                "From the board\r\n>From before\r\nFromage\r\n";
    const auto entry = klynge::mboxEntry("anne@example.dk", at, message);
    // RFC 4155: the From_ line with the asctime date (the day padded with a space), then the draft mark.
    CHECK(entry.starts_with("From anne@example.dk Mon Dec  7 08:05:09 2026\r\nX-Unsent: 1\r\nMessage-ID: <a.1@"));
    // mboxrd: every ">*From " line at a line start gets one more '>'; "Fromage" is not a From_ line.
    CHECK(entry.find("\r\n>From the board\r\n>>From before\r\nFromage\r\n\r\n") != std::string::npos);
    CHECK(entry.ends_with("\r\n\r\n"));
    const auto other = klynge::mboxEntry("anne@example.dk", at, "Message-ID: <a.2@example.dk>\r\nTo: carl@example.dk\r\n\r\nHej\r\n");
    auto box = klynge::mergeMbox("", {entry, other});
    CHECK(box == entry + other);
    // The same message again (same Message-ID and recipient) replaces it; a new one is added.
    const auto again = klynge::mboxEntry("anne@example.dk", at + hours(1), message);
    box = klynge::mergeMbox(box, {again});
    CHECK(box == again + other);
    const auto third = klynge::mboxEntry("anne@example.dk", at, "Message-ID: <a.1@example.dk>\r\nTo: eva@example.dk\r\n\r\nHej\r\n");
    CHECK(klynge::mergeMbox(box, {third}) == again + other + third);
}
