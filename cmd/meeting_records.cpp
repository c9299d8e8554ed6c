// klynge meeting list | show | rsvp | attend | minutes | request-extraordinary
// | bylaws (klynge-meeting(1)).
#include "meeting.hpp"

#include "klynge/documents/documents.hpp"
#include "klynge/text/error.hpp"
#include "klynge/store/templates.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>

namespace klynge::cli {
namespace {

out::Table meetingTable(const std::vector<MeetingSummary>& list) {
    out::Table t{{{"id", "ID"}, {"start", "START"}, {"type", "TYPE"}, {"title", "TITLE"}, {"place", "PLACE"},
                  {"status", "STATUS"}, {"invited", "INVITED"}, {"yes", "YES"}, {"no", "NO"}, {"attended", "PRESENT"}},
                 {}};
    for (auto& s : list)
        t.add({s.meeting.number, s.meeting.start.iso(), std::string(meetingTypeName(s.meeting.type)), s.meeting.title,
               s.meeting.place, std::string(meetingStatusName(s.meeting.status)), std::int64_t{s.invited},
               std::int64_t{s.yes}, std::int64_t{s.no}, std::int64_t{s.attended}});
    return t;
}

MeetingSummary summaryOf(Store& store, std::int64_t id) {
    for (auto& s : listMeetings(store))
        if (s.meeting.id == id) return s;
    return {getMeeting(store, id), 0, 0, 0, 0};
}

std::string answer(const Invitee& i) { return i.rsvp ? (*i.rsvp == "yes" ? "ja" : "nej") : ""; }
std::string answer(const std::optional<bool>& b) { return b ? (*b ? "ja" : "nej") : ""; }

// issue 15: an internat's answers for ordering meals and hotel rooms, among
// those who come: "12 yes, 1 no, 2 not answered of 15 coming".
std::string internatCount(const std::vector<Invitee>& invitees, std::optional<bool> Invitee::*field) {
    int coming = 0, yes = 0, no = 0;
    for (auto& i : invitees) {
        if (i.rsvp != "yes") continue;
        ++coming;
        if (i.*field) ++(*(i.*field) ? yes : no);
    }
    return fmt::format("{} yes, {} no, {} not answered of {} coming", yes, no, coming - yes - no, coming);
}

void registerListShow(CLI::App* grp, Context& ctx) {
    auto year = std::make_shared<std::string>();
    auto* list = grp->add_subcommand("list", "Meetings by date, with answers and attendance");
    list->add_option("--year", *year, "Only this year's meetings")->type_name("YEAR");
    list->callback([&ctx, year] {
        auto session = ctx.open(Store::Mode::readOnly);
        std::optional<int> y;
        if (!year->empty()) {
            if (year->size() != 4 || !std::all_of(year->begin(), year->end(), [](char c) { return c >= '0' && c <= '9'; }))
                throw InvalidValue(fmt::format("--year {:?} is not a year — write e.g. 2026", *year));
            y = std::stoi(*year);
        }
        auto meetings = listMeetings(session.store(), y);
        if (ctx.json()) {
            out::Json a = out::Json::array();
            for (auto& s : meetings) a.push(meetingJson(s));
            return ctx.printJson(a);
        }
        ctx.print(meetingTable(meetings));
    });

    auto id = std::make_shared<std::string>();
    auto* show = grp->add_subcommand("show", "One meeting: details, agenda, invitees with answers and attendance");
    show->add_option("ID", *id, "The meeting's id")->required();
    show->callback([&ctx, id] {
        auto session = ctx.open(Store::Mode::readOnly);
        auto s = summaryOf(session.store(), meetingIdOf(session.store(), meetingIdArg(*id)));
        const auto& m = s.meeting;
        auto invitees = meetingInvitees(session.store(), session.config(), m.id);
        if (ctx.json()) {
            auto j = meetingJson(s);
            out::Json people = out::Json::array();
            for (auto& i : invitees)
                people.push(out::Json::object()
                                .set("member", out::Json(out::opt(i.memberNumber)))
                                .set("name", i.name)
                                .set("email", i.email)
                                .set("voting_right", i.votingRight)
                                .set("rsvp", out::Json(out::opt(i.rsvp)))
                                .set("note", i.rsvpNote)
                                .set("food", i.food ? out::Json(*i.food) : out::Json())
                                .set("overnight", i.overnight ? out::Json(*i.overnight) : out::Json())
                                .set("attended", i.attended));
            j.set("invitees", people);
            if (m.status == MeetingStatus::kladde)
                j.set("send_by",
                      lastDayToSend(m.type, m.start.date, m.respondBy, MeetingPolicy::from(session.config())).iso());
            return ctx.printJson(j);
        }
        std::vector<out::Field> f{{"id", "Id", m.number},
                                  {"type", "Type", std::string(meetingTypeName(m.type))},
                                  {"title", "Title", m.title},
                                  {"start", "Start", m.start.iso()},
                                  {"end", "End", m.end.iso()},
                                  {"place", "Place", m.place},
                                  {"respond_by", "Respond by", out::opt(m.respondBy)},
                                  {"status", "Status", std::string(meetingStatusName(m.status))},
                                  {"called_on", m.status == MeetingStatus::kladde ? "Drafted on" : "Called on",
                                   m.calledOn},
                                  {"organizer", "Organizer", fmt::format("{} <{}>", m.organizerName, m.organizerEmail)},
                                  {"folder", "Documents", meetingFolder(m).string()},
                                  {"answers", "Answers", fmt::format("{} yes, {} no, {} not answered of {} invited",
                                                                     s.yes, s.no, s.unanswered(), s.invited)},
                                  {"attended", "Present", std::int64_t{s.attended}}};
        if (m.type == MeetingType::internat) {
            f.push_back({"food", "Food", internatCount(invitees, &Invitee::food)});
            f.push_back({"overnight", "Overnight", internatCount(invitees, &Invitee::overnight)});
        }
        if (!m.hostName.empty())
            f.push_back({"host", "Host", fmt::format("{} (ydernummer {})", m.hostName, m.hostYdernummer)});
        if (!m.link.empty()) f.push_back({"link", "Link", m.link});
        if (m.status == MeetingStatus::kladde)
            f.push_back({"send_by", "Send by",
                         fmt::format("{} (a draft: `klynge meeting send {}` calls it)",
                                     lastDayToSend(m.type, m.start.date, m.respondBy,
                                                   MeetingPolicy::from(session.config()))
                                         .iso(),
                                     m.number)});
        if (!m.forcedReason.empty()) f.push_back({"forced_reason", "Forced", m.forcedReason});
        if (!m.cancelReason.empty()) f.push_back({"cancel_reason", "Cancelled", m.cancelReason});
        if (!m.chair.empty()) f.push_back({"chair", "Chair", m.chair});
        if (!m.minuteTaker.empty()) f.push_back({"minute_taker", "Minute-taker", m.minuteTaker});
        if (m.minutesApprovedOn) f.push_back({"minutes_approved_on", "Minutes approved", *m.minutesApprovedOn});
        ctx.printRecord(f);
        if (!ctx.table()) return;
        ctx.out << "\nAgenda:\n";
        int nr = 0;
        char letter = 'a';
        for (auto& item : m.agenda) {
            if (item.level == 0) {
                ctx.out << fmt::format("  {}. {}\n", ++nr, item.text);
                letter = 'a';
            } else {
                ctx.out << fmt::format("     {}. {}\n", letter++, item.text);
            }
        }
        ctx.out << '\n';
        if (m.type == MeetingType::internat) {
            out::Table t{{{"name", "INVITEE"}, {"email", "E-MAIL"}, {"vote", "VOTE"}, {"rsvp", "ANSWER"},
                          {"food", "FOOD"}, {"overnight", "OVERNIGHT"}, {"note", "NOTE"}, {"attended", "PRESENT"}},
                         {}};
            for (auto& i : invitees)
                t.add({i.name, i.email, i.memberId ? out::Cell(i.votingRight) : out::Cell(std::string("gæst")),
                       answer(i), answer(i.food), answer(i.overnight), i.rsvpNote, i.attended});
            return ctx.print(t);
        }
        out::Table t{{{"name", "INVITEE"}, {"email", "E-MAIL"}, {"vote", "VOTE"}, {"rsvp", "ANSWER"},
                      {"note", "NOTE"}, {"attended", "PRESENT"}},
                     {}};
        for (auto& i : invitees)
            t.add({i.name, i.email, i.memberId ? out::Cell(i.votingRight) : out::Cell(std::string("gæst")), answer(i),
                   i.rsvpNote, i.attended});
        ctx.print(t);
    });
}

void registerAnswers(CLI::App* grp, Context& ctx) {
    struct RsvpOptions {
        std::string id, person, answer, note, food, overnight;
    };
    auto r = std::make_shared<RsvpOptions>();
    auto* rsvp = grp->add_subcommand("rsvp", "Record an invitee's answer (yes or no), with a note such as food wishes");
    rsvp->add_option("ID", r->id, "The meeting's id")->required();
    rsvp->add_option("PERSON", r->person, "Member id or e-mail, or a guest's e-mail")->required();
    rsvp->add_option("ANSWER", r->answer, "yes or no (also ja or nej)")->required();
    rsvp->add_option("--note", r->note, "e.g. \"vegetar\" or \"kommer kl. 18\"");
    rsvp->add_option("--food", r->food, "An internat: eats with the others, yes or no")->type_name("yes|no");
    rsvp->add_option("--overnight", r->overnight, "An internat: stays the night, yes or no")->type_name("yes|no");
    rsvp->callback([&ctx, r] {
        auto yesNo = [](const std::string& text, std::string_view what) -> std::optional<bool> {
            if (text == "yes" || text == "ja") return true;
            if (text == "no" || text == "nej") return false;
            throw InvalidValue(fmt::format("{} {:?} is neither yes nor no — write yes or no", what, text));
        };
        const bool yes = *yesNo(r->answer, "ANSWER");
        InternatAnswers internat;
        if (!r->food.empty()) internat.food = yesNo(r->food, "--food");
        if (!r->overnight.empty()) internat.overnight = yesNo(r->overnight, "--overnight");
        auto number = meetingIdArg(r->id);
        auto session = ctx.open();
        auto id = meetingIdOf(session.store(), number);
        ctx.write(session, [&] {
            auto result =
                recordRsvp(session.store(), session.config(), id, r->person, yes, r->note, Date::today(), internat);
            if (result.late) ctx.warn(fmt::format("the answer came after the response deadline of meeting #{}", number));
            std::vector<std::string> extras;
            if (!r->note.empty()) extras.push_back(r->note);
            if (internat.food) extras.push_back(fmt::format("food: {}", *internat.food ? "yes" : "no"));
            if (internat.overnight) extras.push_back(fmt::format("overnight: {}", *internat.overnight ? "yes" : "no"));
            ctx.note(fmt::format("{} answered {} to meeting #{}{}", result.invitee.name, yes ? "yes" : "no", number,
                                 extras.empty() ? "" : fmt::format(" ({})", fmt::join(extras, "; "))));
            return fmt::format("meeting #{}: {} answered {}", number, result.invitee.name, yes ? "yes" : "no");
        });
    });

    struct AttendOptions {
        std::string id;
        std::vector<std::string> present, absent;
    };
    auto a = std::make_shared<AttendOptions>();
    auto* attend = grp->add_subcommand("attend", "Record who was present (the base for 2/3 majorities); marks it held");
    attend->add_option("ID", a->id, "The meeting's id")->required();
    attend->add_option("PERSON", a->present, "Members (id or e-mail) or guests' e-mails who were present");
    attend->add_option("--absent", a->absent, "Correct a mistake: this person was not present (repeat)")
        ->type_name("PERSON");
    attend->callback([&ctx, a] {
        if (a->present.empty() && a->absent.empty())
            throw InvalidValue("nobody named — give the people who were present (or --absent PERSON)");
        auto number = meetingIdArg(a->id);
        auto session = ctx.open();
        auto id = meetingIdOf(session.store(), number);
        ctx.write(session, [&] {
            auto done = recordAttendance(session.store(), session.config(), id, a->present, a->absent, Date::today());
            if (!done.present.empty()) ctx.note(fmt::format("Present: {}", fmt::join(done.present, ", ")));
            if (!done.absent.empty()) ctx.note(fmt::format("Not present: {}", fmt::join(done.absent, ", ")));
            ctx.note(fmt::format("Meeting #{}: {} present in all", number, done.attended));
            return fmt::format("meeting #{}: {} present, {} marked absent; {} present in all", number, done.present.size(),
                               done.absent.size(), done.attended);
        });
    });
}

void registerMinutes(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id, approvedOn;
        std::optional<std::string> chair, minuteTaker;
        bool approve = false;
    };
    auto o = std::make_shared<Options>();
    auto* minutes = grp->add_subcommand("minutes", "Write the minutes (referat): attendance, chair, minute-taker, "
                                                   "decisions; --approve");
    minutes->add_option("ID", o->id, "The meeting's id")->required();
    minutes->add_option("--chair", o->chair, "The chair (dirigent): a member's id or e-mail, or a name")
        ->type_name("PERSON");
    minutes->add_option("--minute-taker", o->minuteTaker, "The minute-taker (referent): id, e-mail or a name")
        ->type_name("PERSON");
    minutes->add_flag("--approve", o->approve, "The minutes are approved: after this they no longer change");
    minutes->add_option("--approved-on", o->approvedOn, "With --approve: the date they were approved (default: today)")
        ->type_name("DATE");
    minutes->callback([&ctx, o] {
        if (!o->approvedOn.empty() && !o->approve) throw InvalidValue("--approved-on needs --approve");
        auto number = meetingIdArg(o->id);
        auto approvedOn = parseOptionalDate(o->approvedOn, "--approved-on");
        auto session = ctx.open();
        auto id = meetingIdOf(session.store(), number);
        const auto& root = session.paths().root;
        PendingFiles files(root);
        MinutesData data;
        std::string text;
        ctx.write(session, [&] {
            if (o->chair || o->minuteTaker) setMinutesRoles(session.store(), id, o->chair, o->minuteTaker);
            if (o->approve) approveMinutes(session.store(), id, approvedOn.value_or(Date::today()), Date::today());
            data = minutesData(session.store(), session.config(), id);
            if (data.meeting.status != MeetingStatus::afholdt)
                throw RuleViolation(fmt::format("meeting #{} has no attendance recorded — record who was present with "
                                                "`klynge meeting attend {} PERSON...` first",
                                                number, number));
            data.quality = qualitySection(session.store(), session.config(), data.meeting, root, true);
            text = renderMinutes(data, session.config(), root);
            files.stage(meetingFolder(data.meeting) / "referat.md", text);
            return fmt::format("minutes of meeting #{}{}", number,
                               o->approve ? fmt::format(" approved on {}", data.meeting.minutesApprovedOn->iso()) : "");
        });
        if (ctx.globals.dryRun) return;
        files.commit();
        if (ctx.json()) {
            const auto& m = data.meeting;
            out::Json present = out::Json::array();
            for (auto& i : data.present)
                present.push(out::Json::object()
                                 .set("name", i.name)
                                 .set("member", i.memberId.has_value())
                                 .set("voting_right", i.votingRight));
            out::Json decisions = out::Json::array();
            for (auto& d : data.decisions) decisions.push(out::Json::object().set("motion", d.motion).set("result", d.result));
            return ctx.printJson(out::Json::object()
                                     .set("id", m.number)
                                     .set("file", (meetingFolder(m) / "referat.md").string())
                                     .set("chair", m.chair.empty() ? out::Json() : out::Json(m.chair))
                                     .set("minute_taker", m.minuteTaker.empty() ? out::Json() : out::Json(m.minuteTaker))
                                     .set("forced_reason", m.forcedReason.empty() ? out::Json() : out::Json(m.forcedReason))
                                     .set("approved_on", out::Json(out::opt(m.minutesApprovedOn)))
                                     .set("present_members", data.presentMembers)
                                     .set("present_with_vote", data.presentWithVote)
                                     .set("invited_members", data.invited)
                                     .set("present", present)
                                     .set("decisions", decisions));
        }
        if (ctx.table() && !ctx.globals.quiet) ctx.out << text;
        ctx.err << fmt::format("Wrote {}\n", (meetingFolder(data.meeting) / "referat.md").string());
    });
}

void registerDemand(CLI::App* grp, Context& ctx) {
    struct Options {
        std::vector<std::string> by;
        std::string date, subject;
    };
    auto o = std::make_shared<Options>();
    auto* demand = grp->add_subcommand("request-extraordinary",
                                       "Record a written demand for an extraordinary general assembly (≥ 20 % of "
                                       "the members)");
    demand->add_option("--by", o->by, "A member who signed the demand (id or e-mail; repeat)")
        ->type_name("PERSON")
        ->required();
    demand->add_option("--date", o->date, "The date the demand was received")->type_name("DATE")->required();
    demand->add_option("--subject", o->subject, "What the members want the assembly to decide")->required();
    demand->callback([&ctx, o] {
        Date received = parseDate(o->date, "--date");
        auto session = ctx.open();
        ExtraordinaryDemand d;
        ctx.write(session, [&] {
            d = recordDemand(session.store(), session.config(), o->by, received, o->subject, Date::today());
            return fmt::format("extraordinary demand of {} by {} of {} members: {}", received.iso(),
                               d.signers.size(), d.members, d.subject);
        });
        if (ctx.globals.dryRun) return;
        if (ctx.json())
            return ctx.printJson(out::Json::object()
                                     .set("received", d.received.iso())
                                     .set("subject", d.subject)
                                     .set("signers", static_cast<std::int64_t>(d.signers.size()))
                                     .set("members", d.members)
                                     .set("notice_by", d.deadlines.noticeBy.iso())
                                     .set("held_by", d.deadlines.heldBy.iso()));
        ctx.note(fmt::format("Recorded the demand of {} by {} of {} members: {}", d.received.iso(), d.signers.size(), d.members,
                             d.subject));
        ctx.note(fmt::format("Call the extraordinary general assembly by {} and hold it by {} (`klynge meeting call "
                             "--type ekstraordinær ...`)",
                             d.deadlines.noticeBy.iso(), d.deadlines.heldBy.iso()));
    });
}

void registerNote(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string id, text;
        int item = 0;
    };
    auto o = std::make_shared<Options>();
    auto* note = grp->add_subcommand("note", "Write what was said under an agenda item into the minutes (kept when "
                                             "they are written again)");
    note->add_option("ID", o->id, "The meeting's id")->required();
    note->add_option("--item", o->item, "The agenda item's number")->type_name("N")->required();
    note->add_option("TEXT", o->text, "What was said or agreed, one paragraph")->required();
    note->callback([&ctx, o] {
        auto number = meetingIdArg(o->id);
        auto session = ctx.open();
        auto id = meetingIdOf(session.store(), number);
        const auto& root = session.paths().root;
        PendingFiles files(root);
        ctx.write(session, [&] {
            addMeetingNote(session.store(), id, o->item, o->text, Date::today());
            // A held meeting's minutes are written again with the note in them.
            auto data = minutesData(session.store(), session.config(), id);
            if (data.meeting.status == MeetingStatus::afholdt) {
                data.quality = qualitySection(session.store(), session.config(), data.meeting, root, true);
                files.stage(meetingFolder(data.meeting) / "referat.md", renderMinutes(data, session.config(), root));
            }
            return fmt::format("note under item {} of meeting #{}", o->item, number);
        });
        if (ctx.globals.dryRun) return;
        files.commit();
        ctx.note(fmt::format("Noted under item {} of meeting #{}", o->item, number));
        for (const auto& f : files.files()) ctx.note(fmt::format("  {}", f.string()));
    });
}

void registerBylaws(CLI::App* grp, Context& ctx) {
    auto file = std::make_shared<std::optional<std::string>>();
    auto* bylaws = grp->add_subcommand("bylaws", "Write the bylaws (vedtægter) from klynge.toml's policy and the "
                                                 "adopted amendments to documents/vedtaegter.md");
    bylaws->add_option("-o,--output", *file, "Write them to FILE instead")->type_name("FILE");
    bylaws->callback([&ctx, file] {
        auto session = ctx.open(Store::Mode::readOnly);
        const auto& root = session.paths().root;
        auto text = renderBylaws(session.config(), loadTemplate(root, "vedtaegter.md.mustache"),
                                 adoptedAmendments(session.store()));
        const std::string target = file->value_or((root / "documents" / "vedtaegter.md").string());
        writeFileAtomically(ctx, {.option = "-o", .given = target, .workspace = root},
                            [&](std::ostream& os) { os << text; });
        if (!ctx.globals.dryRun) ctx.note(fmt::format("Wrote the bylaws to {}", target));
    });
}

} // namespace

void registerMeetingRecords(CLI::App* grp, Context& ctx) {
    registerListShow(grp, ctx);
    registerAnswers(grp, ctx);
    registerMinutes(grp, ctx);
    registerDemand(grp, ctx);
    registerBylaws(grp, ctx);
    registerNote(grp, ctx);
    registerMeetingReport(grp, ctx);
}

} // namespace klynge::cli
