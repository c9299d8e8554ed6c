// klynge remind [--send | --outbox] (klynge-remind(1)): the reminders due
// today, for cron; each is recorded so it goes out once.
#include "cli.hpp"

#include "klynge/documents/documents.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/role.hpp"
#include "klynge/reminders/remind.hpp"

#include "klynge/meetings/mail.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace klynge::cli {
namespace {

// From mail.from, else the coordinator.
Mailbox reminderSender(Store& store, const Config& config, Date today) {
    if (auto from = config.text("mail.from"); !from.empty()) return parseMailbox(from, "mail.from");
    for (auto& a : listRoles(store, today)) {
        if (a.role != "koordinator" || !a.memberId) continue;
        auto m = memberById(store, *a.memberId);
        if (!m.email.empty()) return {m.name, m.email};
    }
    throw ConfigError("no sender for the reminders — set mail.from in klynge.toml, or assign a coordinator with an "
                      "e-mail (`klynge role assign koordinator PERSON --from DATE`)");
}


void printDue(Context& ctx, const std::vector<Reminder>& due) {
    out::Table t{{{"kind", "KIND"}, {"to", "TO"}, {"about", "ABOUT"}}, {}};
    for (auto& r : due) t.add({std::string(reminderKindName(r.kind)), r.to.email, r.about});
    ctx.print(t);
}

void toOutbox(Context& ctx, Session& session, const std::vector<Reminder>& due, const Mailbox& from, Date today) {
    const auto& root = session.paths().root;
    PendingFiles files(root);
    // issue 15: one mailbox per run (mboxrd, each message X-Unsent: 1 so a
    // mail program opens it as a draft); a second run the same day adds to it.
    const auto box = fs::path("documents") / "reminders" / "outbox" / fmt::format("{}.mbox", today.iso());
    ctx.write(session, [&] {
        std::vector<std::string> entries;
        const auto now = utcNow();
        for (auto& r : due) {
            entries.push_back(mboxEntry(from.email, now, reminderMail(r, from, today)));
            recordReminder(session.store(), r, ReminderDelivery::outbox, {});
        }
        std::string existing;
        if (std::ifstream in(root / box, std::ios::binary); in) {
            std::ostringstream buf;
            buf << in.rdbuf();
            existing = buf.str();
        }
        files.stage(box, mergeMbox(existing, entries));
        return fmt::format("remind: {} reminder(s) written to {}", due.size(), box.generic_string());
    });
    if (ctx.globals.dryRun) return;
    files.commit();
    ctx.note(fmt::format("Wrote {} reminder{} to {}", due.size(), due.size() == 1 ? "" : "s", box.generic_string()));
}

void sendAll(Context& ctx, Session& session, const std::vector<Reminder>& due, const Mailbox& from, Date today) {
    auto settings = smtpSettings(session.config());
    if (ctx.globals.dryRun) {
        for (auto& r : due) ctx.err << fmt::format("dry run: would send to {}: {}\n", r.to.email, r.about);
        return;
    }
    SmtpSender smtp(settings);
    smtp.verify();
    std::vector<std::pair<const Reminder*, DeliveryResult>> results;
    for (auto& r : due) results.push_back({&r, smtp.send(from.email, r.to.email, reminderMail(r, from, today))});
    int sent = 0;
    ctx.write(session, [&] {
        for (auto& [r, result] : results) {
            recordReminder(session.store(), *r, result.delivered ? ReminderDelivery::sent : ReminderDelivery::failed,
                           result.detail);
            sent += result.delivered ? 1 : 0;
        }
        return fmt::format("remind: sent {} of {} reminder(s)", sent, results.size());
    });
    for (auto& [r, result] : results)
        if (result.delivered) ctx.note(fmt::format("  sent to {}: {}", r->to.email, r->about));
    ctx.note(fmt::format("Sent {} reminder{}", sent, sent == 1 ? "" : "s"));
    if (sent != static_cast<int>(results.size()))
        throw Error(ExitCode::rule, fmt::format("{} of {} reminders were not delivered — they are recorded as failed "
                                                "and the next `klynge remind --send` tries them again",
                                                results.size() - static_cast<std::size_t>(sent), results.size()));
}

} // namespace

void registerRemind(CLI::App& app, Context& ctx) {
    struct Options {
        bool send = false, outbox = false;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("remind", "Send the reminders due today: answers, tasks, the roster, SKAT (for cron)");
    auto* send = cmd->add_flag("--send", o->send, "E-mail each reminder over SMTP (mail.smtp_url)");
    auto* outbox = cmd->add_flag("--outbox", o->outbox, "Write the reminders to one mailbox (.mbox) in documents/reminders/outbox/");
    send->excludes(outbox);
    cmd->callback([&ctx, o] {
        const auto today = Date::today();
        auto session = ctx.open(o->send || o->outbox ? Store::Mode::readWrite : Store::Mode::readOnly);
        auto due = dueReminders(session.store(), session.config(), today);
        if (due.empty()) {
            ctx.note(fmt::format("No reminders are due on {}", today.iso()));
            return;
        }
        if (!o->send && !o->outbox) return printDue(ctx, due);
        const auto from = reminderSender(session.store(), session.config(), today);
        if (o->outbox) toOutbox(ctx, session, due, from, today);
        else sendAll(ctx, session, due, from, today);
    });
}

} // namespace klynge::cli
