#include "klynge/meetings/mail.hpp"

#include "klynge/store/runtime_library.hpp"
#include "klynge/text/error.hpp"
#include "klynge/text/danish_time.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/text/validate.hpp"

// libcurl's types and constants only: its functions are looked up when mail
// is sent (CurlApi below), so no other command loads libcurl and the
// libraries it pulls in (issue 16 §3).
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>

namespace klynge {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

bool plainAscii(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}

constexpr std::string_view base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view data) {
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        unsigned v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                     static_cast<unsigned char>(data[i + 2]);
        for (int shift : {18, 12, 6, 0}) out += base64Alphabet[(v >> shift) & 63];
    }
    if (i < data.size()) {
        unsigned v = static_cast<unsigned char>(data[i]) << 16;
        if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
        out += base64Alphabet[(v >> 18) & 63];
        out += base64Alphabet[(v >> 12) & 63];
        out += i + 1 < data.size() ? base64Alphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// The host of an smtp:// URL, without port and brackets.
std::string urlHost(std::string_view url) {
    auto scheme = url.find("://");
    std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    rest = rest.substr(0, rest.find('/'));
    if (rest.starts_with("[")) return std::string(rest.substr(1, rest.find(']') - 1));
    return std::string(rest.substr(0, rest.find(':')));
}

struct Upload {
    const std::string* data;
    std::size_t at = 0;
};

std::size_t readUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* up = static_cast<Upload*>(user);
    std::size_t n = std::min(size * count, up->data->size() - up->at);
    up->data->copy(buffer, n, up->at);
    up->at += n;
    return n;
}

// The few libcurl functions klynge uses, from libcurl.so.4 (the ABI every
// libcurl 7.x and 8.x keeps), loaded on first use.
struct CurlApi {
    decltype(&curl_global_init) globalInit = nullptr;
    decltype(&curl_easy_init) easyInit = nullptr;
    decltype(&curl_easy_cleanup) easyCleanup = nullptr;
    decltype(&curl_easy_reset) easyReset = nullptr;
    decltype(&curl_easy_setopt) easySetopt = nullptr;
    decltype(&curl_easy_perform) easyPerform = nullptr;
    decltype(&curl_easy_strerror) easyStrerror = nullptr;
    decltype(&curl_slist_append) slistAppend = nullptr;
    decltype(&curl_slist_free_all) slistFreeAll = nullptr;
};

const CurlApi& curl() {
    static const CurlApi api = [] {
        const RuntimeLibrary library("libcurl.so.4", "to send mail",
                                     "install libcurl 7.17 or newer (apt install libcurl4), or write the mails with "
                                     "--outbox instead");
        CurlApi a;
        library.bind(a.globalInit, "curl_global_init");
        library.bind(a.easyInit, "curl_easy_init");
        library.bind(a.easyCleanup, "curl_easy_cleanup");
        library.bind(a.easyReset, "curl_easy_reset");
        library.bind(a.easySetopt, "curl_easy_setopt");
        library.bind(a.easyPerform, "curl_easy_perform");
        library.bind(a.easyStrerror, "curl_easy_strerror");
        library.bind(a.slistAppend, "curl_slist_append");
        library.bind(a.slistFreeAll, "curl_slist_free_all");
        if (a.globalInit(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw StorageError("cannot initialise libcurl for SMTP — check the installation of libcurl");
        return a;
    }();
    return api;
}

void applyLogin(CURL* c, const SmtpSettings& s) {
    curl().easySetopt(c, CURLOPT_URL, s.url.c_str());
    if (!s.user.empty()) {
        curl().easySetopt(c, CURLOPT_USERNAME, s.user.c_str());
        curl().easySetopt(c, CURLOPT_PASSWORD, s.password.c_str());
    }
    const bool implicitTls = s.url.starts_with("smtps://");
    curl().easySetopt(c, CURLOPT_USE_SSL, implicitTls || s.starttls ? long{CURLUSESSL_ALL} : long{CURLUSESSL_NONE});
    curl().easySetopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
    curl().easySetopt(c, CURLOPT_TIMEOUT, 120L);
    curl().easySetopt(c, CURLOPT_NOSIGNAL, 1L);
}

std::string curlReason(CURLcode rc, const char* buffer) {
    return buffer[0] ? std::string(buffer) : std::string(curl().easyStrerror(rc));
}

} // namespace

void refuseHeaderInjection(std::string_view field, std::string_view value) {
    for (unsigned char c : value)
        if (c == '\r' || c == '\n' || (c < 0x20 && c != '\t') || c == 0x7f)
            throw InvalidValue(fmt::format("{} contains a line break or control character — write it on one line "
                                           "(a line break in an e-mail header would let it add headers of its own)",
                                           field));
}

std::string encodeHeaderText(std::string_view text, std::size_t firstLineUsed) {
    if (plainAscii(text) && firstLineUsed + text.size() <= 78) return std::string(text);
    // "=?UTF-8?B?" + base64 + "?=" within 75 characters; the first word also
    // fits the rest of its header line where it can.
    std::string out;
    std::size_t room = firstLineUsed < 60 ? 76 - firstLineUsed : 76;
    while (!text.empty()) {
        std::size_t maxBytes = ((std::min<std::size_t>(room, 75) - 12) / 4) * 3;
        std::size_t n = std::min(maxBytes, text.size());
        while (n < text.size() && n > 0 && continuation(static_cast<unsigned char>(text[n]))) --n;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(0, n)) + "?=";
        text.remove_prefix(n);
        room = 75;
    }
    return out;
}

Mailbox parseMailbox(std::string_view text, std::string_view what) {
    refuseHeaderInjection(what, text);
    auto address = [&](std::string_view e) {
        try {
            return Email::parse(e).str();
        } catch (const InvalidValue& error) {
            throw InvalidValue(fmt::format("{}: {}", what, error.what()));
        }
    };
    auto open = text.rfind('<');
    if (open == std::string_view::npos) return {"", address(text)};
    auto close = text.find('>', open);
    if (close == std::string_view::npos || close + 1 != text.size())
        throw InvalidValue(fmt::format("{} {:?} is not \"Name <e-mail>\" — write e.g. \"Hanne Holm <hanne@example.dk>\"",
                                       what, text));
    std::string_view name = text.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    checkedText(name, fmt::format("the name in {}", what), text_limit::personName, Blank::allowed);
    return {std::string(name), address(text.substr(open + 1, close - open - 1))};
}

std::string formatMailbox(const Mailbox& box) {
    refuseHeaderInjection("the name", box.name);
    if (box.name.empty()) return "<" + box.email + ">";
    if (plainAscii(box.name)) {
        std::string quoted = "\"";
        for (char c : box.name) {
            if (c == '"' || c == '\\') quoted += '\\';
            quoted += c;
        }
        return quoted + "\" <" + box.email + ">";
    }
    return encodeHeaderText(box.name, 78) + " <" + box.email + ">";
}

std::string quotedPrintable(std::string_view text) {
    std::string out;
    std::size_t lineLength = 0;
    auto put = [&](std::string_view token) {
        if (lineLength + token.size() > 75) {
            out += "=\r\n";
            lineLength = 0;
        }
        out += token;
        lineLength += token.size();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (c == '\n') {
            out += "\r\n";
            lineLength = 0;
            continue;
        }
        bool atLineEnd = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
        bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !atLineEnd);
        // A dot first on a line is left to SMTP's dot-stuffing; "From " is safe in MIME.
        put(literal ? std::string(1, static_cast<char>(c)) : fmt::format("={:02X}", c));
    }
    return out;
}

std::string base64Lines(std::string_view data) {
    std::string encoded = base64(data);
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
    return out;
}

std::string renderMail(const MailMessage& m) {
    refuseHeaderInjection("the subject", m.subject);
    refuseHeaderInjection("the message id", m.messageId);
    refuseHeaderInjection("the calendar file name", m.calendarFile);
    std::string out;
    out += "From: " + formatMailbox(m.from) + "\r\n";
    out += "To: " + formatMailbox(m.to) + "\r\n";
    out += "Subject: " + encodeHeaderText(m.subject, 9) + "\r\n";
    out += "Date: " + rfc5322Date(m.date) + "\r\n";
    out += "Message-ID: <" + m.messageId + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    const std::string text = "Content-Type: text/plain; charset=UTF-8\r\n"
                             "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
                             quotedPrintable(m.text);
    const std::string html = m.html.empty() ? std::string()
                                            : "Content-Type: text/html; charset=UTF-8\r\n"
                                              "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
                                                  quotedPrintable(m.html);
    constexpr std::string_view alternative = "=_klynge_alternative";
    if (m.calendar.empty() && html.empty()) return out + text;
    if (m.calendar.empty()) {
        out += fmt::format("Content-Type: multipart/alternative; boundary=\"{}\"\r\n\r\n", alternative);
        out += fmt::format("--{}\r\n{}\r\n--{}\r\n{}\r\n--{}--\r\n", alternative, text, alternative, html, alternative);
        return out;
    }
    // '=' cannot occur in quoted-printable or base64 text, so "=_" keeps the
    // boundaries out of every part.
    constexpr std::string_view mixed = "=_klynge_mixed";
    out += fmt::format("Content-Type: multipart/mixed; boundary=\"{}\"\r\n\r\n", mixed);
    out += fmt::format("--{}\r\nContent-Type: multipart/alternative; boundary=\"{}\"\r\n\r\n", mixed, alternative);
    out += fmt::format("--{}\r\n{}\r\n", alternative, text);
    if (!html.empty()) out += fmt::format("--{}\r\n{}\r\n", alternative, html);
    out += fmt::format("--{}\r\nContent-Type: text/calendar; charset=UTF-8; method={}\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\n{}",
                       alternative, m.calendarMethod, base64Lines(m.calendar));
    out += fmt::format("--{}--\r\n", alternative);
    out += fmt::format("--{}\r\nContent-Type: application/ics; name=\"{}\"\r\n"
                       "Content-Disposition: attachment; filename=\"{}\"\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\n{}",
                       mixed, m.calendarFile, m.calendarFile, base64Lines(m.calendar));
    for (const auto& a : m.attachments) {
        refuseHeaderInjection("an attachment's file name", a.fileName);
        refuseHeaderInjection("an attachment's content type", a.contentType);
        out += fmt::format("--{}\r\nContent-Type: {}; charset=UTF-8; name=\"{}\"\r\n"
                           "Content-Disposition: attachment; filename=\"{}\"\r\n"
                           "Content-Transfer-Encoding: base64\r\n\r\n{}",
                           mixed, a.contentType, a.fileName, a.fileName, base64Lines(a.content));
    }
    out += fmt::format("--{}--\r\n", mixed);
    return out;
}

SmtpSettings smtpSettings(const Config& config) {
    SmtpSettings s;
    s.url = config.text("mail.smtp_url");
    if (s.url.empty())
        throw ConfigError("mail.smtp_url is not set — add it under [mail] in klynge.toml (e.g. smtp_url = "
                          "\"smtp://smtp.example.dk:587\"), or use --outbox");
    if (!s.url.starts_with("smtp://") && !s.url.starts_with("smtps://"))
        throw ConfigError(fmt::format("mail.smtp_url = \"{}\" is not an smtp:// or smtps:// URL — fix it in klynge.toml",
                                      s.url));
    auto authority = s.url.substr(s.url.find("://") + 3);
    if (authority.substr(0, authority.find('/')).find('@') != std::string::npos)
        throw ConfigError("mail.smtp_url holds a user name or password — remove it: the user goes in "
                          "mail.smtp_user and the password in $KLYNGE_SMTP_PASSWORD, never in a file");
    s.user = config.text("mail.smtp_user");
    s.starttls = config.boolean("mail.smtp_starttls");
    if (!s.user.empty()) {
        const char* pw = std::getenv(std::string(smtpPasswordVariable).c_str());
        if (!pw || !*pw)
            throw ConfigError(fmt::format("mail.smtp_user is set but ${} is not — export the SMTP password in "
                                          "the environment (it is never read from a file)",
                                          smtpPasswordVariable));
        s.password = pw;
        auto host = urlHost(s.url);
        bool loopback = host == "localhost" || host == "::1" || host.starts_with("127.");
        if (!s.starttls && !s.url.starts_with("smtps://") && !loopback)
            throw ConfigError(fmt::format("mail.smtp_starttls = false would send the password unencrypted to {} — "
                                          "use STARTTLS or an smtps:// URL",
                                          host));
    }
    return s;
}

SmtpSender::SmtpSender(SmtpSettings settings) : settings_(std::move(settings)) {
    curl();
    curl_ = curl().easyInit();
    if (!curl_) throw StorageError("cannot start an SMTP session (libcurl) — try again");
}

SmtpSender::~SmtpSender() { curl().easyCleanup(static_cast<CURL*>(curl_)); }

void SmtpSender::verify() {
    CURL* c = curl().easyInit();
    if (!c) throw StorageError("cannot start an SMTP session (libcurl) — try again");
    char error[CURL_ERROR_SIZE] = {};
    applyLogin(c, settings_);
    curl().easySetopt(c, CURLOPT_ERRORBUFFER, error);
    curl().easySetopt(c, CURLOPT_CONNECT_ONLY, 1L);
    CURLcode rc = curl().easyPerform(c);
    curl().easyCleanup(c);
    if (rc != CURLE_OK)
        throw StorageError(fmt::format("cannot use the SMTP server {}: {} — check mail.smtp_url and mail.smtp_user "
                                       "in klynge.toml and ${}, or use --outbox; nothing was sent or recorded",
                                       settings_.url, curlReason(rc, error), smtpPasswordVariable));
}

DeliveryResult SmtpSender::send(const std::string& envelopeFrom, const std::string& recipient,
                                const std::string& message) {
    CURL* c = static_cast<CURL*>(curl_);
    curl().easyReset(c); // keeps the open connection
    char error[CURL_ERROR_SIZE] = {};
    applyLogin(c, settings_);
    curl().easySetopt(c, CURLOPT_ERRORBUFFER, error);
    std::string from = "<" + envelopeFrom + ">";
    curl().easySetopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_slist* rcpt = curl().slistAppend(nullptr, ("<" + recipient + ">").c_str());
    curl().easySetopt(c, CURLOPT_MAIL_RCPT, rcpt);
    Upload upload{&message};
    curl().easySetopt(c, CURLOPT_READFUNCTION, readUpload);
    curl().easySetopt(c, CURLOPT_READDATA, &upload);
    curl().easySetopt(c, CURLOPT_UPLOAD, 1L);
    CURLcode rc = curl().easyPerform(c);
    curl().slistFreeAll(rcpt);
    if (rc == CURLE_OK) return {recipient, true, {}};
    return {recipient, false, curlReason(rc, error)};
}

namespace {

// mboxrd: a line that is "From " after any number of '>' gets one more '>'.
bool needsQuoting(std::string_view line) {
    auto rest = line.substr(std::min(line.find_first_not_of('>'), line.size()));
    return rest.starts_with("From ");
}

// What makes a message the same: its Message-ID and its recipient (the
// first line of each header).
std::string messageIdOf(std::string_view entry) {
    std::string id, to;
    for (std::size_t at = 0; at < entry.size();) {
        auto end = entry.find('\n', at);
        auto line = entry.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        if (line == "\r" || line.empty()) break; // the end of the headers
        if (line.starts_with("Message-ID:")) id = line.substr(11);
        if (line.starts_with("To:")) to = line.substr(3);
        if (end == std::string_view::npos) break;
        at = end + 1;
    }
    return id.empty() ? std::string() : id + '\n' + to;
}

// The entries of a mailbox, each from its "From " line to the next.
std::vector<std::string> splitMbox(std::string_view box) {
    std::vector<std::string> out;
    std::size_t start = std::string_view::npos;
    for (std::size_t at = 0; at < box.size();) {
        auto end = box.find('\n', at);
        auto next = end == std::string_view::npos ? box.size() : end + 1;
        if (box.substr(at).starts_with("From ")) {
            if (start != std::string_view::npos) out.emplace_back(box.substr(start, at - start));
            start = at;
        }
        at = next;
    }
    if (start != std::string_view::npos) out.emplace_back(box.substr(start));
    return out;
}

} // namespace

std::string mboxEntry(std::string_view envelopeFrom, std::chrono::sys_seconds date, std::string_view message) {
    // RFC 4155: "From " addr-spec SP timestamp in the asctime form, UTC.
    const auto day = std::chrono::floor<std::chrono::days>(date);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{date - day};
    static constexpr std::array<std::string_view, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::string out = fmt::format("From {} {} {} {:2} {:02}:{:02}:{:02} {}\r\n", envelopeFrom,
                                  weekdays[std::chrono::weekday{day}.c_encoding()],
                                  months[static_cast<unsigned>(ymd.month()) - 1], static_cast<unsigned>(ymd.day()),
                                  hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                                  static_cast<int>(ymd.year()));
    out += "X-Unsent: 1\r\n";
    for (std::size_t at = 0; at < message.size();) {
        auto end = message.find('\n', at);
        auto next = end == std::string_view::npos ? message.size() : end + 1;
        auto line = message.substr(at, next - at);
        if (needsQuoting(line)) out += '>';
        out += line;
        at = next;
    }
    if (!out.ends_with("\n")) out += "\r\n";
    out += "\r\n";
    return out;
}

std::string mergeMbox(std::string_view existing, const std::vector<std::string>& entries) {
    auto kept = splitMbox(existing);
    for (const auto& e : entries) {
        const auto id = messageIdOf(e);
        auto same = std::find_if(kept.begin(), kept.end(),
                                 [&](const std::string& k) { return !id.empty() && messageIdOf(k) == id; });
        if (same != kept.end()) *same = e;
        else kept.push_back(e);
    }
    std::string out;
    for (auto& k : kept) out += k;
    return out;
}

} // namespace klynge
