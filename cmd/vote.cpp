// klynge vote: motions, elections, dot votes, and the records of them
// (klynge-vote(1)). The majorities are in lib/klynge/decisions/vote.cpp.
#include "cli.hpp"

#include "klynge/text/error.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/decisions/vote.hpp"
#include "klynge/text/input_file.hpp"
#include "klynge/text/validate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <memory>

namespace klynge::cli {
namespace {

// The number MEETING gives; the session turns it into the meeting's id.
std::int64_t meetingArg(const std::string& text) {
    try {
        return parseMeetingNumber(text);
    } catch (const InvalidValue& e) {
        throw InvalidValue(fmt::format("MEETING: {}", e.what()));
    }
}

int countArg(const std::string& text, std::string_view option) {
    int n = -1;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || p != text.data() + text.size() || n < 0)
        throw InvalidValue(fmt::format("{} \"{}\" is not a number — give 0 or more", option, text));
    return n;
}

// --supersedes NUMBER --reason R, checked before the workspace opens.
struct SupersedesArg {
    std::optional<std::int64_t> number;
    std::string reason;
    Supersedes resolve(Store& store) const {
        Supersedes s;
        if (number) s.id = decisionIdOf(store, *number);
        s.reason = reason;
        return s;
    }
};

SupersedesArg supersedesArg(const std::string& id, const std::string& reason) {
    SupersedesArg s;
    if (!id.empty()) {
        try {
            s.number = parseDecisionNumber(id);
        } catch (const InvalidValue& e) {
            throw InvalidValue(fmt::format("--supersedes: {}", e.what()));
        }
    }
    s.reason = reason;
    return s;
}

void addSupersedes(CLI::App* cmd, std::string& id, std::string& reason) {
    cmd->add_option("--supersedes", id, "This record corrects decision NUMBER (which stays, marked superseded)")
        ->type_name("ID");
    cmd->add_option("--reason", reason, "With --supersedes: why the earlier record was wrong");
}

out::Json decisionJson(const Decision& d) {
    auto j = out::Json::object()
                 .set("id", d.number)
                 .set("meeting", d.meetingNumber)
                 .set("meeting_title", d.meetingTitle)
                 .set("decided_on", d.decidedOn.iso())
                 .set("kind", std::string(decisionKindName(d.kind)))
                 .set("subject", d.subject)
                 .set("outcome", std::string(outcomeName(d.outcome)))
                 .set("eligible_present", d.eligiblePresent)
                 .set("rule", ruleText(d));
    if (d.tally) {
        j.set("yes", d.tally->yes).set("no", d.tally->no).set("blank", d.tally->blank).set("by_ballot", d.byBallot);
        if (d.kind != DecisionKind::ordinary)
            j.set("share", fmt::format("{}/{}", d.share.numerator, d.share.denominator))
                .set("yes_needed", qualifiedYesNeeded(d.eligiblePresent, d.share));
        if (d.casting != CastingVote::none) j.set("casting_vote", d.casting == CastingVote::yes ? "yes" : "no");
    }
    if (d.byBallot) {
        out::Json ballots = out::Json::array();
        for (auto& b : d.ballots) ballots.push(out::Json::object().set("member", b.memberNumber).set("name", b.name).set("vote", b.choice));
        j.set("ballots", ballots);
    }
    if (d.kind == DecisionKind::election) {
        out::Json cs = out::Json::array();
        for (auto& c : d.candidates)
            cs.push(out::Json::object().set("member", c.memberNumber).set("name", c.name).set("votes", c.votes).set("elected", c.elected));
        j.set("seats", d.seats).set("candidates", cs).set("by_lot", d.byLot);
    }
    if (d.kind == DecisionKind::dots) {
        out::Json is = out::Json::array();
        for (auto& i : d.ideas)
            is.push(out::Json::object().set("idea", i.ideaId).set("title", i.title).set("dots", i.dots).set("chosen", i.chosen));
        out::Json ds = out::Json::array();
        for (auto& a : d.dots)
            ds.push(out::Json::object().set("member", a.memberNumber).set("name", a.name).set("idea", a.idea).set("dots", a.dots));
        j.set("ideas", is).set("dots", ds).set("by_lot", d.byLot);
    }
    out::Json lines = out::Json::array();
    for (auto& l : arithmeticLines(d)) lines.push(l);
    j.set("arithmetic", lines)
        .set("supersedes", out::Json(out::opt(d.supersedes)))
        .set("superseded_by", out::Json(out::opt(d.supersededBy)))
        .set("voided_by", out::Json(out::opt(d.voidedBy)))
        .set("reason", d.reason.empty() ? out::Json() : out::Json(d.reason))
        .set("recorded_on", d.recordedOn.iso());
    return j;
}

std::string heading(const Decision& d) {
    std::string kind = d.isMotion() ? fmt::format("{} motion", decisionKindName(d.kind))
                       : d.kind == DecisionKind::election ? std::string("election of")
                                                          : std::string("dot vote");
    return fmt::format("Decision #{} at meeting #{} ({}): {} {}", d.number, d.meetingNumber, d.decidedOn.iso(), kind,
                       d.isMotion() ? fmt::format("\"{}\"", d.subject) : d.subject);
}

// The result as the user reads it: rule, base, arithmetic.
void printDecision(Context& ctx, const Decision& d, const std::vector<std::string>& notes) {
    if (ctx.json()) return ctx.printJson(decisionJson(d));
    if (!ctx.table()) {
        out::Table t{{{"id", "ID"}, {"line", "Line"}}, {}};
        for (auto& l : arithmeticLines(d)) t.add({d.number, l});
        return ctx.print(t);
    }
    ctx.out << heading(d) << '\n';
    ctx.out << "  rule: " << ruleText(d) << '\n';
    for (auto& l : arithmeticLines(d)) ctx.out << "  " << l << '\n';
    if (d.supersedes) ctx.out << fmt::format("  supersedes decision #{}: {}\n", *d.supersedes, d.reason);
    if (d.supersededBy) ctx.out << fmt::format("  superseded by decision #{}\n", *d.supersededBy);
    if (d.voidedBy)
        ctx.out << fmt::format("  no longer stands: decision #{} superseded the election whose tie this round settled\n",
                               *d.voidedBy);
    for (auto& n : notes) ctx.note("  " + n);
}

std::string summary(const Decision& d) {
    return fmt::format("decision #{} at meeting #{}: {} {} — {}", d.number, d.meetingNumber, decisionKindName(d.kind), d.subject,
                       outcomeName(d.outcome));
}

template <class Record>
void recordAndPrint(Context& ctx, Record&& record) {
    auto session = ctx.open();
    RecordedDecision r;
    ctx.write(session, [&] {
        r = record(session);
        return summary(r.decision);
    });
    if (ctx.globals.dryRun) {
        ctx.err << "dry run: nothing recorded; it would be:\n";
        ctx.err << "  " << heading(r.decision) << '\n';
        for (auto& l : arithmeticLines(r.decision)) ctx.err << "  " << l << '\n';
        return;
    }
    printDecision(ctx, r.decision, r.notes);
}

CastingVote castingArg(const std::string& text) {
    if (text.empty()) return CastingVote::none;
    if (text == "yes") return CastingVote::yes;
    if (text == "no") return CastingVote::no;
    throw InvalidValue(fmt::format("--casting \"{}\" — give yes or no", text));
}

void registerMotion(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string meeting, motion, kind = "ordinary", yes, no, blank, casting, supersedes, reason;
        std::string member, documentation, warned, paragraph, text;
        std::vector<std::string> ballots;
    };
    auto o = std::make_shared<Options>();
    grp->add_option("MEETING", o->meeting, "The meeting's number (`klynge meeting list`)");
    grp->add_option("--motion", o->motion, "What is voted on, e.g. \"Budget 2026\"");
    grp->add_option("--kind", o->kind, "ordinary (simple majority), or bylaws, exclusion, dissolution (2/3 of the "
                                       "members present with voting right)")
        ->capture_default_str();
    grp->add_option("--yes", o->yes, "Votes for")->type_name("N");
    grp->add_option("--no", o->no, "Votes against")->type_name("N");
    grp->add_option("--blank", o->blank, "Blank votes (count neither way)")->type_name("N");
    grp->add_option("--ballot", o->ballots, "One member's vote: PERSON=yes|no|blank, PERSON an e-mail or id (repeat)")
        ->type_name("PERSON=VOTE");
    grp->add_option("--casting", o->casting, "The chair's casting vote on a tie (policy.chair_casting_vote)")
        ->type_name("yes|no");
    grp->add_option("--member", o->member, "Exclusion: the member to be excluded (number or e-mail)")
        ->type_name("PERSON");
    grp->add_option("--documentation", o->documentation, "Exclusion: the documentation of the member's breach");
    grp->add_option("--warned", o->warned, "Exclusion: the day the member was warned")->type_name("DATE");
    grp->add_option("--paragraph", o->paragraph, "Bylaws: the paragraph (§) the change replaces")->type_name("N");
    grp->add_option("--text", o->text, "Bylaws: a file with the paragraph's new wording (the bylaws show it once adopted)")
        ->type_name("FILE");
    addSupersedes(grp, o->supersedes, o->reason);
    grp->callback([&ctx, o, grp] {
        if (!grp->get_subcommands().empty()) return;
        if (o->meeting.empty())
            throw InvalidValue("no MEETING — give the meeting's id: klynge vote MEETING --motion TEXT --yes N --no N, "
                               "or a subcommand (election, dots, list, show, ideas)");
        if (o->motion.empty()) throw InvalidValue("no --motion — say what is voted on, e.g. --motion \"Budget 2026\"");
        MotionRequest r;
        const auto meeting = meetingArg(o->meeting);
        r.motion = o->motion;
        r.kind = parseMotionKind(o->kind);
        if (!o->yes.empty() || !o->no.empty() || !o->blank.empty()) {
            if (o->yes.empty() || o->no.empty())
                throw InvalidValue("the count lacks --yes or --no — give both (0 if none), and --blank if any voted blank");
            r.tally = Tally{countArg(o->yes, "--yes"), countArg(o->no, "--no"),
                            o->blank.empty() ? 0 : countArg(o->blank, "--blank")};
        }
        r.ballots = o->ballots;
        r.casting = castingArg(o->casting);
        r.excludedMember = o->member;
        r.documentation = o->documentation;
        r.warnedOn = parseOptionalDate(o->warned, "--warned");
        if (!o->paragraph.empty()) r.paragraph = countArg(o->paragraph, "--paragraph");
        if (!o->text.empty()) {
            const std::filesystem::path file(o->text);
            checkInputFile(file, "--text");
            std::ifstream in(file, std::ios::binary);
            std::stringstream buf;
            buf << in.rdbuf();
            r.paragraphText = buf.str();
            if (auto problem = textProblem(r.paragraphText, true))
                throw InvalidValue(fmt::format("--text {}: the file {} — save it as plain UTF-8 text", o->text, *problem));
            while (!r.paragraphText.empty() && (r.paragraphText.back() == '\n' || r.paragraphText.back() == '\r'))
                r.paragraphText.pop_back();
            if (r.paragraphText.empty())
                throw InvalidValue(fmt::format("--text {} is empty — write the paragraph's new wording in it", o->text));
        }
        checkAmendment(r);
        const auto supersedes = supersedesArg(o->supersedes, o->reason);
        recordAndPrint(ctx, [&](Session& s) {
            r.meetingId = meetingIdOf(s.store(), meeting);
            r.supersedes = supersedes.resolve(s.store());
            return recordMotion(s.store(), s.config(), r, Date::today());
        });
    });
}

void registerElection(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string meeting, office, supersedes, reason;
        std::vector<std::string> candidates, votes, lots;
        int seats = 1;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = grp->add_subcommand("election", "Record an election: candidates, votes, the elected (a koordinator "
                                                "takes up the role from the meeting's day)");
    cmd->add_option("MEETING", o->meeting, "The meeting's number")->required();
    cmd->add_option("--office", o->office, "koordinator, suppleant, kasserer, bestyrelse, ... (a role is assigned)")
        ->required();
    cmd->add_option("--candidate", o->candidates, "A candidate: a member's name, e-mail or id (repeat)")
        ->type_name("NAME")
        ->required();
    cmd->add_option("--votes", o->votes, "A candidate's votes: NAME=N (repeat)")->type_name("NAME=N");
    cmd->add_option("--seats", o->seats, "Places to fill: the N with most votes are elected, each voter has up "
                                         "to N votes (a board; suppleants in order)")
        ->type_name("N")
        ->capture_default_str();
    cmd->add_option("--lot", o->lots, "After a tie: a tied candidate drawn by lot (repeat, in the order drawn)")
        ->type_name("WINNER");
    addSupersedes(cmd, o->supersedes, o->reason);
    cmd->callback([&ctx, o] {
        ElectionRequest r;
        const auto meeting = meetingArg(o->meeting);
        r.office = o->office;
        r.seats = o->seats;
        r.candidates = o->candidates;
        r.votes = o->votes;
        r.lots = o->lots;
        const auto supersedes = supersedesArg(o->supersedes, o->reason);
        recordAndPrint(ctx, [&](Session& s) {
            r.meetingId = meetingIdOf(s.store(), meeting);
            r.supersedes = supersedes.resolve(s.store());
            return recordElection(s.store(), s.config(), r, Date::today());
        });
    });
}

void registerDots(CLI::App* grp, Context& ctx) {
    struct Options {
        std::string meeting, question = "Emnevalg", lot, supersedes, reason;
        std::vector<std::string> ideas, dots;
        int choose = 1;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = grp->add_subcommand("dots", "Record a dot vote on topics: the ranking; ideas not chosen stay in the pool");
    cmd->add_option("MEETING", o->meeting, "The meeting's number")->required();
    cmd->add_option("--idea", o->ideas, "An idea voted on (repeat; a pool idea by its exact title)")
        ->type_name("TEXT")
        ->required();
    cmd->add_option("--dots", o->dots, "Dots a doctor placed: PERSON=IDEA:N (repeat; stacking allowed)")
        ->type_name("PERSON=IDEA:N")
        ->required();
    cmd->add_option("--choose", o->choose, "How many ideas are chosen")->capture_default_str();
    cmd->add_option("--question", o->question, "What is chosen, for the minutes")->capture_default_str();
    cmd->add_option("--lot", o->lot, "After a tie across the line: the idea drawn by lot")->type_name("IDEA");
    addSupersedes(cmd, o->supersedes, o->reason);
    cmd->callback([&ctx, o] {
        DotsRequest r;
        const auto meeting = meetingArg(o->meeting);
        r.question = o->question;
        r.ideas = o->ideas;
        r.dots = o->dots;
        r.choose = o->choose;
        r.lot = o->lot;
        const auto supersedes = supersedesArg(o->supersedes, o->reason);
        recordAndPrint(ctx, [&](Session& s) {
            r.meetingId = meetingIdOf(s.store(), meeting);
            r.supersedes = supersedes.resolve(s.store());
            return recordDots(s.store(), s.config(), r, Date::today());
        });
    });
}

void registerViews(CLI::App* grp, Context& ctx) {
    auto meeting = std::make_shared<std::string>();
    auto* list = grp->add_subcommand("list", "Every decision: meeting, kind, subject, outcome");
    list->add_option("--meeting", *meeting, "Only this meeting's decisions")->type_name("ID");
    list->callback([&ctx, meeting] {
        std::optional<std::int64_t> number;
        if (!meeting->empty()) number = meetingArg(*meeting);
        auto session = ctx.open(Store::Mode::readOnly);
        std::optional<std::int64_t> id;
        if (number) id = meetingIdOf(session.store(), *number);
        out::Table t{{{"id", "ID"},
                      {"meeting", "Meeting"},
                      {"date", "Date"},
                      {"kind", "Kind"},
                      {"subject", "Subject"},
                      {"outcome", "Outcome"},
                      {"result", "Result"},
                      {"superseded_by", "Superseded by"}},
                     {}};
        for (auto& d : listDecisions(session.store(), id)) {
            t.add({d.number, d.meetingNumber, d.decidedOn, std::string(decisionKindName(d.kind)), d.subject,
                   std::string(outcomeName(d.outcome)), resultLine(d),
                   out::opt(d.supersededBy ? d.supersededBy : d.voidedBy)});
        }
        ctx.print(t);
    });

    auto decision = std::make_shared<std::string>();
    auto* show = grp->add_subcommand("show", "One decision with its rule, base, arithmetic, ballots and dots");
    show->add_option("ID", *decision, "The decision's number")->required();
    show->callback([&ctx, decision] {
        std::int64_t number = 0;
        try {
            number = parseDecisionNumber(*decision);
        } catch (const InvalidValue& e) {
            throw InvalidValue(fmt::format("ID: {}", e.what()));
        }
        auto session = ctx.open(Store::Mode::readOnly);
        auto d = getDecision(session.store(), decisionIdOf(session.store(), number));
        printDecision(ctx, d, {});
        if (!ctx.table()) return;
        for (auto& b : d.ballots) ctx.out << fmt::format("  ballot: {} {}\n", b.name, b.choice);
        for (auto& a : d.dots) ctx.out << fmt::format("  dots: {} {} on {}\n", a.name, a.dots, a.idea);
    });

    auto* ideas = grp->add_subcommand("ideas", "The pool: ideas for topics not chosen yet");
    ideas->callback([&ctx] {
        auto session = ctx.open(Store::Mode::readOnly);
        out::Table t{{{"id", "ID"}, {"idea", "Idea"}, {"added_on", "Added"}, {"rounds", "Rounds"}, {"dots", "Dots"}},
                     {}};
        for (auto& i : ideaPool(session.store()))
            t.add({i.id, i.title, i.addedOn, static_cast<std::int64_t>(i.rounds), static_cast<std::int64_t>(i.dots)});
        ctx.print(t);
    });
}

} // namespace

void registerVote(CLI::App& app, Context& ctx) {
    auto* grp = app.add_subcommand("vote", "Decisions: motions with the bylaws' majorities, elections, dot voting");
    grp->require_subcommand(0, 1);
    registerElection(grp, ctx);
    registerDots(grp, ctx);
    registerViews(grp, ctx);
    registerMotion(grp, ctx);
}

} // namespace klynge::cli
