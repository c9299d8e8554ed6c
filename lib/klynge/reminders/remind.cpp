#include "klynge/reminders/remind.hpp"

#include "klynge/honoraria/skat.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/role.hpp"
#include "klynge/people/roster.hpp"
#include "klynge/quality/quality.hpp"
#include "klynge/store/record_id.hpp"
#include "klynge/text/danish.hpp"
#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <array>
#include <map>

namespace klynge {
namespace {

constexpr std::array<std::string_view, 4> kindNames{"rsvp", "task", "roster", "skat"};
constexpr std::array<std::string_view, 3> deliveryNames{"outbox", "sent", "failed"};

bool alreadyMade(Store& store, const std::string& key) {
    auto q = store.prepared("SELECT 1 FROM reminder WHERE key = ? AND delivered IN ('outbox', 'sent')");
    q.bind(1, key);
    return q.executeStep();
}

std::string greeting(const std::string& name, const std::string& body, const Config& config) {
    return fmt::format("Kære {}\n\n{}\n\nMed venlig hilsen\n\n{}\n", name, body, config.clusterName());
}

// A role's holder with an e-mail on `at` (the first found).
std::optional<Mailbox> holderOf(Store& store, std::string_view role, Date at) {
    for (auto& a : listRoles(store, at)) {
        if (a.role != role || !a.memberId) continue;
        auto m = memberById(store, *a.memberId);
        if (!m.email.empty()) return Mailbox{m.name, m.email};
    }
    return std::nullopt;
}

// [002]: invitees who have not answered, from rsvpDaysBefore the response deadline until it.
void rsvpReminders(Store& store, const Config& config, const ReminderPolicy& p, Date today, std::vector<Reminder>& out) {
    for (auto& s : listMeetings(store)) {
        const auto& m = s.meeting;
        if (m.status != MeetingStatus::indkaldt || !m.respondBy) continue;
        if (today < m.respondBy->addDays(-p.rsvpDaysBefore) || today > *m.respondBy) continue;
        for (auto& i : meetingInvitees(store, config, m.id)) {
            if (i.rsvp || i.email.empty()) continue;
            Reminder r;
            r.kind = ReminderKind::rsvp;
            r.key = fmt::format("rsvp:{}:{}:{}", m.id, i.id, m.sequence);
            r.to = {i.name, i.email};
            r.subject = fmt::format("Påmindelse: svar senest {} – {}", m.respondBy->danishLong(), m.title);
            r.text = greeting(i.name.empty() ? i.email : i.name,
                              fmt::format("Du er indbudt til {} {}, {}, og vi mangler dit svar.\n"
                                          "Giv venligst besked senest {}, om du kommer.",
                                          meetingTypeTitle(m.type), danish::at(m.start), m.place,
                                          danish::date(*m.respondBy)),
                              config);
            r.about = fmt::format("meeting #{} {}: no answer from {} (respond by {})", m.number, m.title, i.email,
                                  m.respondBy->iso());
            out.push_back(std::move(r));
        }
    }
}

void taskReminders(Store& store, const Config& config, const ReminderPolicy& p, Date today, std::vector<Reminder>& out) {
    for (auto& k : openTasks(store, today)) {
        if (today < k.due.addDays(-p.taskDaysBefore) || k.ownerEmail.empty()) continue;
        Reminder r;
        r.kind = ReminderKind::task;
        r.key = fmt::format("task:{}:{}", k.id, k.due.iso());
        r.to = {k.owner, k.ownerEmail};
        r.subject = fmt::format("Påmindelse: opgave med frist {}", k.due.danishLong());
        r.text = greeting(k.owner,
                          fmt::format("Du har påtaget dig denne opgave for klyngen:\n\n  {}\n\nFristen {} {}.", k.text,
                                      k.due < today ? "var" : "er", k.due.danishLong()),
                          config);
        r.about = fmt::format("task #{} for {}: due {}", k.number, k.ownerEmail, k.due.iso());
        out.push_back(std::move(r));
    }
}

// [001 §11, §15]: the roster is checked every year before 1 January, also
// when it looks unchanged; from 1 December until it is registered.
void rosterReminder(Store& store, const Config& config, Date today, std::vector<Reminder>& out) {
    if (today.month() != 12) return;
    const Date december{today.year(), 12, 1};
    if (auto last = lastRegistration(store); last && last->date >= december) return;
    auto to = holderOf(store, "koordinator", today);
    if (!to) return;
    Reminder r;
    r.kind = ReminderKind::roster;
    r.key = fmt::format("roster:{}", today.year());
    r.to = *to;
    r.subject = fmt::format("Påmindelse: kontrollér medlemslisten i KiAP inden 1. januar {}", today.year() + 1);
    r.text = greeting(to->name,
                      fmt::format("Klyngens medlemsliste i KiAP skal kontrolleres inden 1. januar {} – også selv om "
                                  "der ikke er sket ændringer.\nRegionen udbetaler klyngemidlerne ud fra "
                                  "registreringen.",
                                  today.year() + 1),
                      config);
    r.about = fmt::format("the roster check before 1 January {} to {}", today.year() + 1, to->email);
    out.push_back(std::move(r));
}

// [001 §14]: B-income is reported by the 10th of the month after the payout.
void skatReminders(Store& store, const Config& config, const ReminderPolicy& p, Date today, std::vector<Reminder>& out) {
    std::map<YearMonth, std::pair<Date, int>> months;
    for (auto& b : unreportedBIncome(store, config, today)) {
        auto& [deadline, n] = months[b.month];
        deadline = b.deadline;
        ++n;
    }
    auto to = holderOf(store, "kasserer", today);
    if (!to) to = holderOf(store, "koordinator", today);
    if (!to) return;
    for (auto& [month, due] : months) {
        const auto& [deadline, n] = due;
        if (today < deadline.addDays(-p.skatDaysBefore)) continue;
        Reminder r;
        r.kind = ReminderKind::skat;
        r.key = fmt::format("skat:{}", month.iso());
        r.to = *to;
        const auto monthText = fmt::format("{} {}", danish::monthName(month.month), month.year);
        r.subject = fmt::format("Påmindelse: indberet B-indkomst for {} senest {}", monthText, deadline.danishLong());
        r.text = greeting(to->name,
                          fmt::format("{} udbetaling{} i {} skal indberettes som B-indkomst til eIndkomst senest {}.",
                                      n, n == 1 ? "" : "er", monthText, deadline.danishLong()),
                          config);
        r.about = fmt::format("B-income of {} ({} payout{}) to eIndkomst by {}, to {}", month.iso(), n,
                              n == 1 ? "" : "s", deadline.iso(), to->email);
        out.push_back(std::move(r));
    }
}

} // namespace

std::string_view reminderKindName(ReminderKind k) { return kindNames[static_cast<std::size_t>(k)]; }

ReminderPolicy ReminderPolicy::from(const Config& config) {
    ReminderPolicy p;
    p.rsvpDaysBefore = static_cast<int>(config.integer("policy.rsvp_reminder_days"));
    return p;
}

std::vector<Reminder> dueReminders(Store& store, const Config& config, Date today) {
    const auto policy = ReminderPolicy::from(config);
    std::vector<Reminder> all;
    rsvpReminders(store, config, policy, today, all);
    taskReminders(store, config, policy, today, all);
    rosterReminder(store, config, today, all);
    skatReminders(store, config, policy, today, all);
    std::vector<Reminder> due;
    for (auto& r : all)
        if (!alreadyMade(store, r.key)) due.push_back(std::move(r));
    return due;
}

void recordReminder(Store& store, const Reminder& r, ReminderDelivery delivery, const std::string& detail) {
    auto q = store.prepared("INSERT INTO reminder(id, kind, key, recipient, delivered, at, detail) VALUES "
                            "(klynge_id(), ?, ?, ?, ?, ?, ?)");
    q.bind(1, std::string(reminderKindName(r.kind)));
    q.bind(2, r.key);
    q.bind(3, r.to.email);
    q.bind(4, std::string(deliveryNames[static_cast<std::size_t>(delivery)]));
    q.bind(5, utcIso(utcNow()));
    if (!detail.empty()) q.bind(6, detail);
    q.exec();
}

std::string reminderMail(const Reminder& r, const Mailbox& from, Date today) {
    MailMessage m;
    m.from = from;
    m.to = r.to;
    m.subject = r.subject;
    std::string key = r.key;
    for (auto& c : key)
        if (c == ':') c = '.';
    m.messageId = fmt::format("remind.{}.{}@{}", key, today.iso(), from.email.substr(from.email.find('@') + 1));
    m.date = utcNow();
    m.text = r.text;
    return renderMail(m);
}

} // namespace klynge
