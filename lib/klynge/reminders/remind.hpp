// Reminders that go out (issue 15): one command for cron sends what is due
// — answers not given before a meeting's response deadline [002: "Indkalde
// klyngens medlemmer til klyngemøder og følge op med rykkere"], tasks due
// within a week, the roster check before 1 January [001 §11, §15], and
// B-income to report to eIndkomst [001 §14]. Each reminder has a key that
// names what and when; one that was sent or written to the outbox is not
// made again.
#pragma once

#include "klynge/meetings/mail.hpp"
#include "klynge/store/config.hpp"
#include "klynge/store/store.hpp"
#include "klynge/text/date.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace klynge {

enum class ReminderKind { rsvp, task, roster, skat };
std::string_view reminderKindName(ReminderKind k);

// How long before a date each reminder goes out.
struct ReminderPolicy {
    int rsvpDaysBefore = 3; // policy.rsvp_reminder_days: before the response deadline
    int taskDaysBefore = 7; // a task due within a week
    int skatDaysBefore = 7; // before the eIndkomst deadline
    static ReminderPolicy from(const Config& config);
};

struct Reminder {
    ReminderKind kind = ReminderKind::rsvp;
    std::string key; // "rsvp:MEETING:INVITEE:SEQUENCE", "task:ID:DUE", "roster:YEAR", "skat:YYYY-MM"
    Mailbox to;
    std::string subject; // Danish
    std::string text;    // Danish, plain text
    std::string about;   // English, one line for the command line
};

// The reminders due on `today` that were not sent or written before.
std::vector<Reminder> dueReminders(Store& store, const Config& config, Date today);

enum class ReminderDelivery { outbox, sent, failed };
void recordReminder(Store& store, const Reminder& r, ReminderDelivery delivery, const std::string& detail);

// The whole e-mail (RFC 5322) from `from`.
std::string reminderMail(const Reminder& r, const Mailbox& from, Date today);

} // namespace klynge
