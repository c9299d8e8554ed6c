// E-mail for meeting notices: RFC 5322 messages with MIME parts (RFC 2045–
// 2047) and iMIP calendar parts (RFC 6047), and delivery over SMTP with
// libcurl. A name or subject with a line break is refused: it would let a
// value write its own header lines (header injection).
#pragma once

#include "klynge/store/config.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

struct Mailbox {
    std::string name;  // display name, may be empty; no CR/LF
    std::string email; // a validated address
};

struct MailMessage {
    Mailbox from;
    Mailbox to;
    std::string subject;
    std::string messageId; // without angle brackets: "abc@example.dk"
    std::chrono::sys_seconds date{};
    std::string text;     // the notice, UTF-8, '\n' line ends
    std::string html;     // the same as HTML (an alternative part), empty for none
    std::string calendar; // iCalendar text (CRLF), empty for none
    std::string calendarMethod; // REQUEST or CANCEL
    std::string calendarFile;   // attachment name, e.g. "invitation.ics"
    struct Attachment {
        std::string fileName;    // "regnskab-2025.md"
        std::string contentType; // "text/markdown" (sent as UTF-8)
        std::string content;
    };
    std::vector<Attachment> attachments; // after the calendar file (only with a calendar)
};

// Throws InvalidValue when a header value holds CR or LF (or another control
// character), naming the field.
void refuseHeaderInjection(std::string_view field, std::string_view value);

// The whole message with CRLF line ends: multipart/mixed holding a
// multipart/alternative (text/plain, text/html when given, text/calendar;
// method=...) and the .ics as an attachment — the shape calendar clients
// recognise. Without a calendar: text/plain, or a multipart/alternative of
// text/plain and text/html.
std::string renderMail(const MailMessage& m);

// RFC 2047 encoded-words ("=?UTF-8?B?...?=") for a header value that is not
// plain ASCII; each word at most 75 characters, never splitting a UTF-8
// sequence; words after the first start on a folded line.
std::string encodeHeaderText(std::string_view text, std::size_t firstLineUsed);
// "Name <e-mail>" or a bare e-mail; the address is validated (ids.hpp) and
// the name refused when it holds a line break. Throws InvalidValue.
Mailbox parseMailbox(std::string_view text, std::string_view what);
// "Name <addr>" for From/To, the name quoted or encoded as needed.
std::string formatMailbox(const Mailbox& box);
std::string quotedPrintable(std::string_view text); // text with '\n' ends → CRLF, QP
std::string base64Lines(std::string_view data);      // 76-character lines, CRLF

// issue 15: the outbox as one mailbox per action (mboxrd, RFC 4155, with
// the ">From " quoting of mboxrd): each message as rendered, marked
// X-Unsent: 1 so mail programs open it as a draft to send. A message is
// preceded by its "From sender date" line and followed by an empty line;
// lines keep the message's CRLF ends.
std::string mboxEntry(std::string_view envelopeFrom, std::chrono::sys_seconds date, std::string_view message);
// `existing` (a mailbox written by mboxEntry, or empty) with `entries`
// added; an entry whose Message-ID is already there replaces that message,
// so writing the same version again does not duplicate it.
std::string mergeMbox(std::string_view existing, const std::vector<std::string>& entries);

// SMTP delivery settings from klynge.toml [mail] and the environment.
struct SmtpSettings {
    std::string url;      // smtp://host:587 or smtps://host:465
    std::string user;     // empty: no login
    std::string password; // from $KLYNGE_SMTP_PASSWORD only
    bool starttls = true; // require STARTTLS on smtp:// URLs
};
// Reads mail.smtp_url, mail.smtp_user, mail.smtp_starttls and the password
// from the environment; throws ConfigError with the fix when something is
// missing or unsafe (a password in the URL, a password sent in clear text to
// a host that is not this machine).
SmtpSettings smtpSettings(const Config& config);
constexpr std::string_view smtpPasswordVariable = "KLYNGE_SMTP_PASSWORD";

struct DeliveryResult {
    std::string recipient;
    bool delivered = false;
    std::string detail; // the server's answer when it failed
};

// One SMTP connection (kept open across messages).
class SmtpSender {
public:
    explicit SmtpSender(SmtpSettings settings);
    ~SmtpSender();
    SmtpSender(const SmtpSender&) = delete;
    SmtpSender& operator=(const SmtpSender&) = delete;

    // Connects and logs in without sending; throws StorageError naming the
    // server and libcurl's reason when the server cannot be used, so a
    // command can refuse before it writes anything.
    void verify();
    // Sends one message to one recipient; never throws for a refusal.
    DeliveryResult send(const std::string& envelopeFrom, const std::string& recipient, const std::string& message);

private:
    SmtpSettings settings_;
    void* curl_ = nullptr;
};

} // namespace klynge
