// klynge meeting call | cancel | send (klynge-meeting(1)); the other
// subcommands are in meeting_records.cpp.
#include "meeting.hpp"

#include "klynge/documents/documents.hpp"
#include "klynge/text/error.hpp"
#include "klynge/meetings/mail.hpp"
#include "klynge/quality/quality.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <map>
#include <sstream>
#include <memory>

namespace klynge::cli {
namespace {

// How a notice reaches the invitees: documents only, a mailbox in the outbox, or SMTP.
enum class Dispatch { none, outbox, send };

// Stages the outbox and records it, inside the command's transaction: one
// mailbox per action (<kind>.mbox, issue 15), each message marked X-Unsent
// so a mail program opens it as a draft; a message of the same version
// already there is replaced, not doubled. Returns the messages per mailbox.
using OutboxCounts = std::map<std::filesystem::path, int>;
OutboxCounts toOutbox(Session& session, PendingFiles& files, const Meeting& m,
                      const std::vector<MeetingMessage>& messages) {
    const auto sender = meetingSender(m, session.config());
    const auto now = utcNow();
    std::map<std::filesystem::path, std::vector<std::string>> boxes;
    std::vector<DeliveryRecord> records;
    for (auto& msg : messages) {
        boxes[msg.outboxFile].push_back(mboxEntry(sender.email, now, msg.text));
        records.push_back({msg.inviteeId, Delivery::outbox, {}});
    }
    OutboxCounts counts;
    for (auto& [path, entries] : boxes) {
        std::string existing;
        if (std::ifstream in(session.paths().root / path, std::ios::binary); in) {
            std::ostringstream buf;
            buf << in.rdbuf();
            existing = buf.str();
        }
        files.stage(path, mergeMbox(existing, entries));
        counts[path] = static_cast<int>(entries.size());
    }
    recordDeliveries(session.store(), m, records);
    return counts;
}

// Sends after the records are committed, then records each delivery in a
// second transaction. Refused recipients are reported one per line; the
// command fails (exit 1) so scripts notice, and `meeting send ID` retries
// only those.
void deliver(Context& ctx, Session& session, std::int64_t meetingId, const std::vector<MeetingMessage>& messages,
             SmtpSender& smtp) {
    auto m = getMeeting(session.store(), meetingId);
    auto sender = meetingSender(m, session.config());
    std::vector<DeliveryRecord> records;
    std::vector<std::string> failed;
    for (auto& msg : messages) {
        auto r = smtp.send(sender.email, msg.recipient, msg.text);
        records.push_back({msg.inviteeId, r.delivered ? Delivery::sent : Delivery::failed, r.detail});
        if (r.delivered) ctx.note(fmt::format("  sent to {}", msg.recipient));
        else failed.push_back(fmt::format("{}: {}", msg.recipient, r.detail));
    }
    const auto sent = messages.size() - failed.size();
    ctx.write(session, [&] {
        recordDeliveries(session.store(), m, records);
        return fmt::format("meeting #{}: sent {} of {} message(s)", m.number, sent, messages.size());
    });
    if (!failed.empty())
        throw Error(ExitCode::rule,
                    fmt::format("meeting #{}: not delivered to {} of {} invitee{} — the other messages are sent and "
                                "recorded; fix the address or wait for the server, then `klynge meeting send {}` "
                                "sends only to them\n{}",
                                m.number, failed.size(), messages.size(), messages.size() == 1 ? "" : "s", m.number,
                                fmt::join(failed, "\n")));
    ctx.note(fmt::format("Sent {} message{} for meeting #{}", sent, sent == 1 ? "" : "s", m.number));
}

// Connects before anything is written: an unusable server refuses the whole command.
std::unique_ptr<SmtpSender> smtpFor(Context& ctx, Session& session, Dispatch how) {
    if (how != Dispatch::send) return nullptr;
    auto settings = smtpSettings(session.config());
    if (ctx.globals.dryRun) return nullptr;
    auto smtp = std::make_unique<SmtpSender>(settings);
    smtp->verify();
    return smtp;
}

// The documents one a line; a mailbox in the outbox with its count.
void noteFiles(Context& ctx, const PendingFiles& files, const OutboxCounts& outbox = {}) {
    for (auto& f : files.files()) {
        if (auto n = outbox.find(f); n != outbox.end())
            ctx.note(fmt::format("  {} ({} e-mail{})", f.string(), n->second, n->second == 1 ? "" : "s"));
        else ctx.note(fmt::format("  {}", f.string()));
    }
}

Dispatch dispatchOf(bool send, bool outbox) { return send ? Dispatch::send : outbox ? Dispatch::outbox : Dispatch::none; }

// A draft's invitation has gone to nobody: its changes are not sent either.
void refuseDispatchOfDraft(Session& session, std::int64_t id, Dispatch how) {
    if (how == Dispatch::none) return;
    auto m = getMeeting(session.store(), id);
    if (m.status == MeetingStatus::kladde)
        throw RuleViolation(fmt::format("meeting #{} is a draft and nobody has its invitation — leave out --send and "
                                        "--outbox, then `klynge meeting send {}` calls it",
                                        m.number, m.number));
}

void registerCall(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string type, title, start, end, place, respondBy, agenda, reason, host, link;
        std::vector<std::string> invite, guests;
        std::vector<std::int64_t> themes;
        bool send = false, outbox = false, force = false, draft = false;
    };
    auto o = std::make_shared<Options>();
    auto* call = grp->add_subcommand("call", "Call a meeting: notice, agenda and calendar invitation (checks the rules)");
    call->add_option("--type", o->type,
                     "klyngemøde, generalforsamling, ekstraordinær, stiftende, internat or bestyrelsesmøde")
        ->required();
    call->add_option("--title", o->title, "The meeting's title, e.g. \"Ordinær generalforsamling 2026\"")->required();
    call->add_option("--start", o->start, "Start, Danish time: \"YYYY-MM-DD HH:MM\"")->type_name("TIME")->required();
    call->add_option("--end", o->end, "End: \"YYYY-MM-DD HH:MM\", or \"HH:MM\" the same day")
        ->type_name("TIME")
        ->required();
    call->add_option("--place", o->place, "Where")->required();
    call->add_option("--respond-by", o->respondBy, "The response deadline (svarfrist)")->type_name("DATE");
    call->add_option("--host", o->host, "The practice the meeting is delegated to (ydernummer or name)")
        ->type_name("PRACTICE");
    call->add_option("--link", o->link, "The link of a virtual or hybrid meeting (https://...)")->type_name("URL");
    call->add_option("--agenda", o->agenda,
                     "A built-in agenda (generalforsamling, basismøde, udvidet, møde) or an agenda FILE")
        ->type_name("NAME|FILE");
    call->add_option("--invite", o->invite, "Invite these members only (id or e-mail; repeat)")->type_name("PERSON");
    call->add_option("--guest", o->guests, "Also invite a guest: \"Name <e-mail>\" (repeat)")->type_name("GUEST");
    call->add_option("--theme", o->themes, "The quality theme it works on (repeat for several)")
        ->type_name("ID")
        ->check(wholeNumber());
    auto* send = call->add_flag("--send", o->send, "E-mail every invitee over SMTP (mail.smtp_url)");
    auto* outbox = call->add_flag("--outbox", o->outbox, "Write the e-mails to one mailbox (.mbox) in the meeting's outbox/");
    send->excludes(outbox);
    auto* draft = call->add_flag("--draft", o->draft, "Record it as a draft: documents for review, nothing sent; "
                                                      "`meeting send ID` calls it");
    draft->excludes(send);
    draft->excludes(outbox);
    call->add_flag("--force", o->force, "Call it although a rule refuses it (needs --reason)");
    call->add_option("--reason", o->reason, "Why --force: recorded in the log and printed in the minutes");
    call->callback([&ctx, o] {
        CallRequest r;
        r.type = withOption("--type", [&] { return parseMeetingType(o->type); });
        r.title = o->title;
        r.start = withOption("--start", [&] { return LocalDateTime::parse(o->start); });
        r.end = withOption("--end", [&] {
            return o->end.find_first_of(" T") == std::string::npos ? LocalDateTime::parseTimeOn(r.start.date, o->end)
                                                                   : LocalDateTime::parse(o->end);
        });
        r.place = o->place;
        r.respondBy = parseOptionalDate(o->respondBy, "--respond-by");
        r.agenda = o->agenda;
        r.invite = o->invite;
        r.guests = o->guests;
        r.force = o->force;
        r.reason = o->reason;
        r.draft = o->draft;
        r.host = o->host;
        r.link = o->link;
        const auto how = dispatchOf(o->send, o->outbox);
        auto session = ctx.open();
        const auto& root = session.paths().root;
        auto smtp = smtpFor(ctx, session, how);
        PendingFiles files(root);
        OutboxCounts mailboxes;
        std::vector<MeetingMessage> messages;
        CallResult called;
        ctx.write(session, [&] {
            called = callMeeting(session.store(), session.config(), root, r, Date::today());
            const auto& m = called.meeting;
            linkMeetingThemes(session.store(), m.id, o->themes);
            for (auto& d : meetingDocuments(session.store(), session.config(), root, m.id)) files.stage(d.path, d.content);
            if (how != Dispatch::none) messages = meetingMessages(session.store(), session.config(), root, m.id, false);
            if (how == Dispatch::outbox) mailboxes = toOutbox(session, files, m, messages);
            std::string summary = fmt::format("{} meeting #{} {} ({}) for {}, {} invitee(s)",
                                              r.draft ? "drafted" : "called", m.number, m.title,
                                              meetingTypeName(m.type), m.start.iso(), called.invited);
            if (!m.forcedReason.empty())
                summary += fmt::format("; forced past: {}; reason: {}", m.forcedRules, m.forcedReason);
            return summary;
        });
        for (auto& w : called.warnings) ctx.warn(w);
        if (ctx.globals.dryRun) return;
        files.commit();
        const auto& m = called.meeting;
        ctx.note(fmt::format("{} meeting #{} {} on {} at {} ({} invitee{})", r.draft ? "Drafted" : "Called", m.number,
                             m.title, m.start.date.iso(), m.start.clock(), called.invited,
                             called.invited == 1 ? "" : "s"));
        if (r.draft)
            ctx.note(fmt::format("  a draft: nothing is sent; review the documents, then `klynge meeting send {}` "
                                 "calls it (by {})",
                                 m.number,
                                 lastDayToSend(m.type, m.start.date, m.respondBy, MeetingPolicy::from(session.config()))
                                     .iso()));
        for (auto& rule : called.overridden) ctx.note(fmt::format("  forced past: {}", rule));
        for (auto day : called.demands) ctx.note(fmt::format("  answers the extraordinary demand of {}", day.iso()));
        noteFiles(ctx, files, mailboxes);
        // The notice lists as attachments only the accounts and budget already written.
        for (const auto& a : assemblyAttachments(m, root))
            if (!a.exists)
                ctx.note(fmt::format("  not attached to the notice: {} is not written yet (`{}` writes it)",
                                     a.path.generic_string(), a.command));
        if (ctx.json()) {
            auto j = meetingJson({getMeeting(session.store(), m.id), called.invited, 0, 0, 0});
            out::Json written = out::Json::array();
            for (auto& f : files.files()) written.push(f.string());
            j.set("files", written);
            ctx.printJson(j);
        }
        if (how == Dispatch::send) deliver(ctx, session, m.id, messages, *smtp);
    });
}

void registerCancel(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id, reason;
        bool send = false, outbox = false;
    };
    auto o = std::make_shared<Options>();
    auto* cancel = grp->add_subcommand("cancel", "Cancel a called meeting: a cancellation (.ics METHOD:CANCEL) to invitees");
    cancel->add_option("ID", o->id, "The meeting's id")->required();
    cancel->add_option("--reason", o->reason, "Why, e.g. \"Aflyst pga. sne\" (goes in the message)")->required();
    auto* send = cancel->add_flag("--send", o->send, "E-mail the cancellation to every invitee over SMTP");
    auto* outbox = cancel->add_flag("--outbox", o->outbox, "Write the cancellation e-mails to the meeting's outbox/");
    send->excludes(outbox);
    cancel->callback([&ctx, o] {
        auto number = meetingIdArg(o->id);
        const auto how = dispatchOf(o->send, o->outbox);
        auto session = ctx.open();
        auto id = meetingIdOf(session.store(), number);
        refuseDispatchOfDraft(session, id, how);
        const auto& root = session.paths().root;
        auto smtp = smtpFor(ctx, session, how);
        PendingFiles files(root);
        OutboxCounts mailboxes;
        std::vector<MeetingMessage> messages;
        ctx.write(session, [&] {
            auto m = cancelMeeting(session.store(), id, o->reason, Date::today());
            for (auto& d : meetingDocuments(session.store(), session.config(), root, id)) files.stage(d.path, d.content);
            if (how != Dispatch::none) messages = meetingMessages(session.store(), session.config(), root, id, false);
            if (how == Dispatch::outbox) mailboxes = toOutbox(session, files, m, messages);
            return fmt::format("cancelled meeting #{} {} ({}): {}", m.number, m.title, m.start.iso(), o->reason);
        });
        if (ctx.globals.dryRun) return;
        files.commit();
        ctx.note(fmt::format("Cancelled meeting #{}", number));
        noteFiles(ctx, files, mailboxes);
        if (how == Dispatch::send) deliver(ctx, session, id, messages, *smtp);
    });
}

// issue 15: klynge meeting move.
void registerMove(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id, start, end, place, respondBy, host, link, reason;
        bool send = false, outbox = false, force = false;
    };
    auto o = std::make_shared<Options>();
    auto* move = grp->add_subcommand("move", "Move a called meeting: an updated invitation (same UID, SEQUENCE + 1)");
    move->add_option("ID", o->id, "The meeting's id")->required();
    move->add_option("--start", o->start, "New start, Danish time: \"YYYY-MM-DD HH:MM\"")->type_name("TIME");
    move->add_option("--end", o->end, "New end: \"YYYY-MM-DD HH:MM\", or \"HH:MM\" the start's day (default: the "
                                      "same length)")
        ->type_name("TIME");
    move->add_option("--place", o->place, "New place");
    move->add_option("--respond-by", o->respondBy, "New response deadline (svarfrist)")->type_name("DATE");
    move->add_option("--host", o->host, "New host: the practice the meeting is delegated to (ydernummer or name)")->type_name("PRACTICE");
    move->add_option("--link", o->link, "New link of a virtual or hybrid meeting (https://...)")->type_name("URL");
    auto* send = move->add_flag("--send", o->send, "E-mail the updated invitation to every invitee over SMTP");
    auto* outbox = move->add_flag("--outbox", o->outbox, "Write the updated invitations to the meeting's outbox/");
    send->excludes(outbox);
    move->add_flag("--force", o->force, "Move it although the notice rule refuses it (needs --reason)");
    move->add_option("--reason", o->reason, "Why --force: recorded in the log and printed in the minutes");
    move->callback([&ctx, o] {
        auto number = meetingIdArg(o->id);
        MoveRequest r;
        if (!o->start.empty()) r.start = withOption("--start", [&] { return LocalDateTime::parse(o->start); });
        if (!o->place.empty()) r.place = o->place;
        if (!o->host.empty()) r.host = o->host;
        if (!o->link.empty()) r.link = o->link;
        r.respondBy = parseOptionalDate(o->respondBy, "--respond-by");
        r.force = o->force;
        r.reason = o->reason;
        const auto how = dispatchOf(o->send, o->outbox);
        auto session = ctx.open();
        auto id = meetingIdOf(session.store(), number);
        if (!o->end.empty())
            r.end = withOption("--end", [&] {
                auto day = r.start ? r.start->date : getMeeting(session.store(), id).start.date;
                return o->end.find_first_of(" T") == std::string::npos ? LocalDateTime::parseTimeOn(day, o->end)
                                                                       : LocalDateTime::parse(o->end);
            });
        refuseDispatchOfDraft(session, id, how);
        const auto& root = session.paths().root;
        auto smtp = smtpFor(ctx, session, how);
        PendingFiles files(root);
        OutboxCounts mailboxes;
        std::vector<MeetingMessage> messages;
        MoveResult moved;
        ctx.write(session, [&] {
            moved = moveMeeting(session.store(), session.config(), root, id, r, Date::today());
            const auto& m = moved.meeting;
            for (auto& d : meetingDocuments(session.store(), session.config(), root, id)) files.stage(d.path, d.content);
            if (how != Dispatch::none) messages = meetingMessages(session.store(), session.config(), root, id, false);
            if (how == Dispatch::outbox) mailboxes = toOutbox(session, files, m, messages);
            std::string summary = fmt::format("moved meeting #{} {} from {} ({}) to {} ({}), sequence {}", m.number,
                                              m.title, moved.before.start.iso(), moved.before.place, m.start.iso(),
                                              m.place, m.sequence);
            if (!moved.overridden.empty())
                summary += fmt::format("; forced past: {}; reason: {}", fmt::join(moved.overridden, "; "), r.reason);
            return summary;
        });
        if (ctx.globals.dryRun) return;
        files.commit();
        const auto& m = moved.meeting;
        ctx.note(fmt::format("Moved meeting #{} {} to {} at {}, {} (invitation version {})", m.number, m.title,
                             m.start.date.iso(), m.start.clock(), m.place, m.sequence));
        for (auto& rule : moved.overridden) ctx.note(fmt::format("  forced past: {}", rule));
        if (moved.dateChanged)
            ctx.note("  the answers given so far are kept; the updated invitation asks everyone again");
        noteFiles(ctx, files, mailboxes);
        if (how == Dispatch::send) deliver(ctx, session, id, messages, *smtp);
    });
}

// issue 15: klynge meeting invite — a member who joined after the notice.
void registerInvite(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id, person;
        bool send = false, outbox = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = grp->add_subcommand("invite", "Invite a member to a called meeting: the same invitation (same UID), "
                                              "the member added as attendee");
    cmd->add_option("ID", o->id, "The meeting's id")->required();
    cmd->add_option("PERSON", o->person, "The member (number or e-mail)")->required();
    auto* send = cmd->add_flag("--send", o->send, "E-mail the invitation to the member over SMTP");
    auto* outbox = cmd->add_flag("--outbox", o->outbox, "Write the member's invitation e-mail to the meeting's outbox/");
    send->excludes(outbox);
    cmd->callback([&ctx, o] {
        auto number = meetingIdArg(o->id);
        const auto how = dispatchOf(o->send, o->outbox);
        auto session = ctx.open();
        auto id = meetingIdOf(session.store(), number);
        refuseDispatchOfDraft(session, id, how);
        const auto& root = session.paths().root;
        auto smtp = smtpFor(ctx, session, how);
        PendingFiles files(root);
        OutboxCounts mailboxes;
        std::vector<MeetingMessage> messages;
        InviteResult invited;
        ctx.write(session, [&] {
            invited = inviteToMeeting(session.store(), session.config(), id, o->person, Date::today());
            for (auto& d : meetingDocuments(session.store(), session.config(), root, id)) files.stage(d.path, d.content);
            if (how != Dispatch::none)
                for (auto& msg : meetingMessages(session.store(), session.config(), root, id, false))
                    if (msg.inviteeId == invited.invitee.id) messages.push_back(msg);
            if (how == Dispatch::outbox) mailboxes = toOutbox(session, files, invited.meeting, messages);
            return fmt::format("invited {} to meeting #{} {} ({})", invited.invitee.name, number,
                               invited.meeting.title, invited.meeting.start.iso());
        });
        for (auto& w : invited.warnings) ctx.warn(w);
        if (ctx.globals.dryRun) return;
        files.commit();
        const auto& m = invited.meeting;
        ctx.note(fmt::format("Invited {} to meeting #{} {} on {} at {}", invited.invitee.name, number, m.title,
                             m.start.date.iso(), m.start.clock()));
        noteFiles(ctx, files, mailboxes);
        if (how == Dispatch::none)
            ctx.note(fmt::format("  `klynge meeting send {}` sends the invitation (or give --send or --outbox)", number));
        if (how == Dispatch::send) deliver(ctx, session, id, messages, *smtp);
    });
}

// issue 15: klynge meeting proposal.
void registerProposal(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id, text, by, received;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = grp->add_subcommand("proposal", "Record a member's proposal for a general assembly (with the day it "
                                                "reached the board)");
    cmd->add_option("ID", o->id, "The general assembly's id")->required();
    cmd->add_option("TEXT", o->text, "The proposal")->required();
    cmd->add_option("--by", o->by, "The member who proposes it (number or e-mail)")->type_name("PERSON")->required();
    cmd->add_option("--received", o->received, "The day it reached the board (default: today)")->type_name("DATE");
    cmd->callback([&ctx, o] {
        auto number = meetingIdArg(o->id);
        auto received = o->received.empty() ? Date::today() : parseDate(o->received, "--received");
        auto session = ctx.open();
        auto id = meetingIdOf(session.store(), number);
        const auto& root = session.paths().root;
        PendingFiles files(root);
        OutboxCounts mailboxes;
        Proposal p;
        ctx.write(session, [&] {
            p = recordProposal(session.store(), session.config(), id, o->text, o->by, received, Date::today());
            for (auto& d : meetingDocuments(session.store(), session.config(), root, id)) files.stage(d.path, d.content);
            return fmt::format("proposal #{} for meeting #{} from {}, received {}", p.number, number, p.proposer,
                               received.iso());
        });
        if (ctx.globals.dryRun) return;
        files.commit();
        ctx.note(fmt::format("Proposal #{} for meeting #{} from {}, received {}", p.number, number, p.proposer,
                             received.iso()));
        if (p.late())
            ctx.warn(fmt::format("it reached the board after the deadline {} (standard bylaws §5) — `klynge check` "
                                 "flags it",
                                 p.deadline.iso()));
        noteFiles(ctx, files, mailboxes);
    });
}

// issue 15: a draft is called for real by sending it.
void sendDraftCommand(Context& ctx, Session& session, std::int64_t id, Dispatch how, bool force,
                      const std::string& reason) {
    const auto& root = session.paths().root;
    auto smtp = smtpFor(ctx, session, how);
    PendingFiles files(root);
    OutboxCounts mailboxes;
    std::vector<MeetingMessage> messages;
    SendDraftResult sent;
    ctx.write(session, [&] {
        sent = sendDraft(session.store(), session.config(), root, id, force, reason, Date::today());
        const auto& m = sent.meeting;
        for (auto& d : meetingDocuments(session.store(), session.config(), root, id)) files.stage(d.path, d.content);
        messages = meetingMessages(session.store(), session.config(), root, id, false);
        if (how == Dispatch::outbox) mailboxes = toOutbox(session, files, m, messages);
        std::string summary = fmt::format("sent the draft of meeting #{} {} ({}) for {}: called on {}", m.number,
                                          m.title, meetingTypeName(m.type), m.start.iso(), m.calledOn.iso());
        if (!sent.overridden.empty())
            summary += fmt::format("; forced past: {}; reason: {}", fmt::join(sent.overridden, "; "), reason);
        return summary;
    });
    for (auto& w : sent.warnings) ctx.warn(w);
    if (ctx.globals.dryRun) return;
    files.commit();
    const auto& m = sent.meeting;
    ctx.note(fmt::format("Called meeting #{} {} on {} at {}: the notice is dated {}", m.number, m.title,
                         m.start.date.iso(), m.start.clock(), m.calledOn.iso()));
    for (auto& rule : sent.overridden) ctx.note(fmt::format("  forced past: {}", rule));
    noteFiles(ctx, files, mailboxes);
    if (how == Dispatch::send) deliver(ctx, session, id, messages, *smtp);
}

void registerSend(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id, reason;
        bool send = false, outbox = false, force = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = grp->add_subcommand("send", "Send a draft (calls it), or the meeting's current notice or "
                                            "cancellation to invitees who have not got it (a retry)");
    cmd->add_option("ID", o->id, "The meeting's id")->required();
    auto* send = cmd->add_flag("--send", o->send, "E-mail over SMTP (mail.smtp_url); the default");
    auto* outbox = cmd->add_flag("--outbox", o->outbox, "Write every invitee's e-mail to outbox/ instead of sending");
    send->excludes(outbox);
    cmd->add_flag("--force", o->force, "Send a draft although its notice is short (needs --reason)");
    cmd->add_option("--reason", o->reason, "Why --force: recorded in the log and printed in the minutes");
    cmd->callback([&ctx, o] {
        auto number = meetingIdArg(o->id);
        auto session = ctx.open();
        auto id = meetingIdOf(session.store(), number);
        const auto& root = session.paths().root;
        auto m = getMeeting(session.store(), id);
        const auto how = o->outbox ? Dispatch::outbox : Dispatch::send;
        if (m.status == MeetingStatus::kladde || o->force || !o->reason.empty())
            return sendDraftCommand(ctx, session, id, how, o->force, o->reason);
        if (m.status == MeetingStatus::afholdt)
            throw RuleViolation(fmt::format("meeting #{} was held on {} — there is nothing to send", number,
                                            m.start.date.iso()));
        auto messages = meetingMessages(session.store(), session.config(), root, id, !o->outbox);
        if (messages.empty()) {
            ctx.note(fmt::format("Every invitee has been sent the current version of meeting #{} — nothing to send", number));
            return;
        }
        if (o->outbox) {
            PendingFiles files(root);
        OutboxCounts mailboxes;
            ctx.write(session, [&] {
                mailboxes = toOutbox(session, files, m, messages);
                return fmt::format("meeting #{}: {} message(s) written to the outbox", number, messages.size());
            });
            if (ctx.globals.dryRun) return;
            files.commit();
            noteFiles(ctx, files, mailboxes);
            return;
        }
        auto smtp = smtpFor(ctx, session, Dispatch::send);
        if (ctx.globals.dryRun) {
            for (auto& msg : messages) ctx.err << fmt::format("dry run: would send meeting #{} to {}\n", number, msg.recipient);
            return;
        }
        deliver(ctx, session, id, messages, *smtp);
    });
}

} // namespace

std::int64_t meetingIdArg(const std::string& text) {
    return withOption("ID", [&] { return parseMeetingNumber(text); });
}

out::Json meetingJson(const MeetingSummary& s) {
    const auto& m = s.meeting;
    out::Json agenda = out::Json::array();
    for (auto& item : m.agenda) agenda.push(out::Json::object().set("level", item.level).set("text", item.text));
    return out::Json::object()
        .set("id", m.number)
        .set("type", std::string(meetingTypeName(m.type)))
        .set("title", m.title)
        .set("start", m.start.iso())
        .set("end", m.end.iso())
        .set("start_utc", utcIso(toUtc(m.start)))
        .set("end_utc", utcIso(toUtc(m.end)))
        .set("place", m.place)
        .set("respond_by", out::Json(out::opt(m.respondBy)))
        .set("status", std::string(meetingStatusName(m.status)))
        .set("called_on", m.calledOn.iso())
        .set("folder", meetingFolder(m).string())
        .set("uid", m.uid)
        .set("sequence", m.sequence)
        .set("organizer", out::Json::object().set("name", m.organizerName).set("email", m.organizerEmail))
        .set("forced_reason", m.forcedReason.empty() ? out::Json() : out::Json(m.forcedReason))
        .set("cancel_reason", m.cancelReason.empty() ? out::Json() : out::Json(m.cancelReason))
        .set("chair", m.chair.empty() ? out::Json() : out::Json(m.chair))
        .set("minute_taker", m.minuteTaker.empty() ? out::Json() : out::Json(m.minuteTaker))
        .set("minutes_approved_on", out::Json(out::opt(m.minutesApprovedOn)))
        .set("host", m.hostName.empty() ? out::Json()
                                        : out::Json(out::Json::object()
                                                        .set("ydernummer", m.hostYdernummer)
                                                        .set("name", m.hostName)))
        .set("link", m.link.empty() ? out::Json() : out::Json(m.link))
        .set("invited", s.invited)
        .set("yes", s.yes)
        .set("no", s.no)
        .set("attended", s.attended)
        .set("agenda", agenda);
}

void registerMeeting(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("meeting", "Meetings and general assemblies: notices, invitations, answers, "
                                              "attendance, minutes");
    grp->require_subcommand(1);
    registerCall(grp, ctx);
    registerMeetingRecords(grp, ctx);
    registerCancel(grp, ctx);
    registerMove(grp, ctx);
    registerInvite(grp, ctx);
    registerProposal(grp, ctx);
    registerSend(grp, ctx);
}

} // namespace klynge::cli
