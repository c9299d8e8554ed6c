// Decision records: motions, elections and dot votes, append-only and
// hash-chained (DESIGN.md "Nothing is lost"). Reading them is in
// vote_read.cpp; the rules they apply in vote.cpp.
#include "klynge/vote.hpp"

#include "klynge/chain.hpp"
#include "klynge/error.hpp"
#include "klynge/meeting.hpp"
#include "klynge/member.hpp"
#include "klynge/role.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace klynge {
namespace {

// A one-line text: it reaches the minutes and the log.
std::string oneLine(std::string_view option, const std::string& value) {
    if (value.find_first_not_of(" \t") == std::string::npos)
        throw InvalidValue(fmt::format("{} is empty — give a text", option));
    if (value.find_first_of("\r\n") != std::string::npos)
        throw InvalidValue(fmt::format("{} contains a line break — write it on one line", option));
    return value;
}

int parseCount(std::string_view text, std::string_view what) {
    int n = -1;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || p != text.data() + text.size() || n < 0 || text.empty())
        throw InvalidValue(fmt::format("{}: \"{}\" is not a number of votes — give 0 or more", what, text));
    return n;
}

// "LEFT=RIGHT" split at the last '=' (names may hold '=' only in theory).
std::pair<std::string, std::string> splitAssignment(const std::string& text, std::string_view option,
                                                    std::string_view form) {
    auto eq = text.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw InvalidValue(fmt::format("{} \"{}\" is not {} — e.g. {}", option, text, form,
                                       option == "--ballot"  ? "--ballot carl@example.dk=yes"
                                       : option == "--votes" ? "--votes \"Anne Ærø=7\""
                                                             : "--dots anne@example.dk=KOL:2"));
    return {text.substr(0, eq), text.substr(eq + 1)};
}

struct Attendance {
    std::vector<Invitee> eligible; // members with voting right recorded present
    std::vector<Invitee> members;  // every member recorded present
};

Attendance attendance(Store& store, const Config& config, std::int64_t meetingId) {
    Attendance a;
    for (auto& i : meetingInvitees(store, config, meetingId)) {
        if (!i.attended || !i.memberId) continue;
        a.members.push_back(i);
        if (i.votingRight) a.eligible.push_back(i);
    }
    return a;
}

// The meeting a decision is taken at: held (attendance recorded), not
// cancelled, its minutes not yet approved.
Meeting decidingMeeting(Store& store, std::int64_t meetingId) {
    auto m = getMeeting(store, meetingId);
    if (m.status == MeetingStatus::aflyst)
        throw RuleViolation(fmt::format("meeting #{} was cancelled on {} — a cancelled meeting takes no decisions",
                                        m.id, m.cancelledOn ? m.cancelledOn->iso() : std::string("?")));
    if (m.minutesApprovedOn)
        throw RuleViolation(fmt::format("the minutes of meeting #{} were approved on {} — its decisions can no "
                                        "longer change; take the matter up at a later meeting",
                                        m.id, m.minutesApprovedOn->iso()));
    if (m.status != MeetingStatus::afholdt)
        throw RuleViolation(fmt::format("nobody is recorded present at meeting #{} ({}) — record who came with "
                                        "`klynge meeting attend {} PERSON...` first",
                                        m.id, m.start.date.iso(), m.id));
    return m;
}

// The member a ballot or dots belong to, who must be recorded present.
const Invitee& presentPerson(Store& store, const std::vector<Invitee>& present, const std::string& person,
                             const Meeting& m, std::string_view option) {
    auto member = findMember(store, person);
    for (auto& i : present)
        if (i.memberId == member.id) return i;
    throw RuleViolation(fmt::format("{}: {} is not recorded present at meeting #{} — only those present vote; "
                                    "record attendance with `klynge meeting attend {} {}`",
                                    option, member.name, m.id, m.id, person));
}

void checkSupersedes(Store& store, const Supersedes& s, const Meeting& m, bool motion, DecisionKind kind) {
    if (!s.id) {
        if (!s.reason.empty()) throw InvalidValue("--reason goes with --supersedes — give the decision it corrects");
        return;
    }
    if (s.reason.empty()) throw InvalidValue("--supersedes needs --reason \"why\" — it goes in the record and the minutes");
    oneLine("--reason", s.reason);
    auto old = getDecision(store, *s.id);
    if (old.meetingId != m.id)
        throw RuleViolation(fmt::format("decision #{} was taken at meeting #{}, not #{} — a correction is recorded "
                                        "at the meeting the decision was taken at",
                                        old.id, old.meetingId, m.id));
    if (old.isMotion() != motion || (!motion && old.kind != kind))
        throw RuleViolation(fmt::format("decision #{} is {} — supersede it with the same kind of record (`klynge vote "
                                        "{}`)",
                                        old.id, decisionKindName(old.kind),
                                        old.isMotion() ? "MEETING --motion" : decisionKindName(old.kind)));
    if (old.supersededBy)
        throw RuleViolation(fmt::format("decision #{} is already superseded by #{} — supersede #{} instead", old.id,
                                        *old.supersededBy, *old.supersededBy));
}

struct DecisionRow {
    std::int64_t meetingId = 0;
    DecisionKind kind = DecisionKind::ordinary;
    std::string subject;
    int eligiblePresent = 0;
    std::optional<Tally> tally;
    bool byBallot = false;
    std::optional<Share> share;
    CastingVote casting = CastingVote::none;
    Outcome outcome = Outcome::rejected;
    bool byLot = false;
    std::optional<std::int64_t> roleAssignment, succeededAssignment;
    Supersedes supersedes;
    Date decidedOn, recordedOn;
};

std::int64_t insertDecision(Store& store, ChainAppender& chain, const DecisionRow& d) {
    SQLite::Statement q(store.db(),
                        "INSERT INTO decision(meeting_id, kind, subject, eligible_present, yes, no, blank, by_ballot, "
                        "share_numerator, share_denominator, casting_vote, outcome, by_lot, role_assignment_id, "
                        "succeeded_assignment_id, supersedes_id, reason, decided_on, recorded_on) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, d.meetingId);
    q.bind(2, std::string(decisionKindName(d.kind)));
    q.bind(3, d.subject);
    q.bind(4, d.eligiblePresent);
    if (d.tally) {
        q.bind(5, d.tally->yes);
        q.bind(6, d.tally->no);
        q.bind(7, d.tally->blank);
    }
    q.bind(8, d.byBallot ? 1 : 0);
    if (d.share) {
        q.bind(9, d.share->numerator);
        q.bind(10, d.share->denominator);
    }
    if (d.casting != CastingVote::none) q.bind(11, d.casting == CastingVote::yes ? "yes" : "no");
    q.bind(12, std::string(outcomeName(d.outcome)));
    q.bind(13, d.byLot ? 1 : 0);
    if (d.roleAssignment) q.bind(14, *d.roleAssignment);
    if (d.succeededAssignment) q.bind(15, *d.succeededAssignment);
    if (d.supersedes.id) {
        q.bind(16, *d.supersedes.id);
        q.bind(17, d.supersedes.reason);
    }
    q.bind(18, d.decidedOn.iso());
    q.bind(19, d.recordedOn.iso());
    q.exec();
    auto id = store.db().getLastInsertRowid();
    chain.append("decision", id);
    return id;
}

// A candidate: a member's id, e-mail or exact name.
Member candidateMember(Store& store, const std::string& who) {
    if (who.find('@') != std::string::npos || std::all_of(who.begin(), who.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return findMember(store, who);
    SQLite::Statement q(store.db(), "SELECT id FROM member WHERE name = ? AND forgotten_on IS NULL");
    q.bind(1, who);
    std::vector<std::int64_t> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
    if (ids.empty())
        throw RuleViolation(fmt::format("--candidate \"{}\" is not a member — candidates must be members; give a "
                                        "member's name, id or e-mail (`klynge member list`)",
                                        who));
    if (ids.size() > 1)
        throw InvalidValue(fmt::format("--candidate \"{}\": {} members have that name — give the e-mail instead",
                                       who, ids.size()));
    return findMember(store, std::to_string(ids.front()));
}

// An elected member takes up a role the office names, from the meeting's
// day [000 §5, §7]; the role history keeps the predecessor, ended the day before.
struct RoleChange {
    std::optional<std::int64_t> assignment, succeeded;
    std::string note;
};

bool isRole(std::string_view office) {
    try {
        findRole(office);
        return true;
    } catch (const InvalidValue&) {
        return false;
    }
}

// Undoes the role change of a superseded election, if it still stands as it made it.
void undoRoleChange(Store& store, const Decision& old) {
    SQLite::Statement q(store.db(), "SELECT role_assignment_id, succeeded_assignment_id FROM decision WHERE id = ?");
    q.bind(1, old.id);
    if (!q.executeStep() || q.getColumn(0).isNull()) return;
    SQLite::Statement del(store.db(), "DELETE FROM role_assignment WHERE id = ? AND from_date = ?");
    del.bind(1, q.getColumn(0).getInt64());
    del.bind(2, old.decidedOn.iso());
    del.exec();
    if (q.getColumn(1).isNull()) return;
    SQLite::Statement reopen(store.db(), "UPDATE role_assignment SET to_date = NULL WHERE id = ? AND to_date = ?");
    reopen.bind(1, q.getColumn(1).getInt64());
    reopen.bind(2, old.decidedOn.addDays(-1).iso());
    reopen.exec();
}

RoleChange giveRole(Store& store, std::string_view office, const Member& winner, Date from) {
    RoleChange c;
    if (!isRole(office)) return c;
    for (auto& a : listRoles(store, from))
        if (a.role == findRole(office).name && a.memberId == winner.id) {
            c.note = fmt::format("{} already holds the role {} — the role history is unchanged", winner.name, a.role);
            return c;
        }
    auto r = assignRole(store, office, RoleHolder{winner.id, {}}, from, std::nullopt);
    c.assignment = r.assignment.id;
    c.note = fmt::format("{} is {} from {}", winner.name, r.assignment.role, from.iso());
    if (r.succeeded) {
        c.succeeded = r.succeeded->id;
        c.note += fmt::format(", succeeding {} (role ended {})", r.succeeded->holder, r.succeeded->to->iso());
    }
    return c;
}

} // namespace

RecordedDecision recordMotion(Store& store, const Config& config, const MotionRequest& r, Date today) {
    auto m = decidingMeeting(store, r.meetingId);
    const auto policy = VotePolicy::from(config);
    oneLine("--motion", r.motion);
    // [000 §10–§12]: bylaws, exclusion and dissolution are the general assembly's to decide.
    if (needsQualifiedMajority(r.kind) && !isGeneralAssembly(m.type))
        throw RuleViolation(fmt::format("meeting #{} is a {} — a motion of kind {} is decided by a general assembly; "
                                        "call one with `klynge meeting call --type generalforsamling` (or ekstraordinær)",
                                        m.id, meetingTypeName(m.type), motionKindName(r.kind)));
    const bool ballots = !r.ballots.empty();
    if (ballots == r.tally.has_value())
        throw InvalidValue("give the votes either as --yes/--no/--blank counts or as --ballot PERSON=yes|no|blank — "
                           "one of the two");
    // DecisionKind begins with the motion kinds, in the same order.
    const auto kind = static_cast<DecisionKind>(r.kind);
    checkSupersedes(store, r.supersedes, m, true, kind);
    auto present = attendance(store, config, m.id);
    const int eligible = static_cast<int>(present.eligible.size());

    Tally tally = r.tally.value_or(Tally{});
    std::vector<std::pair<std::int64_t, std::string>> cast;
    if (ballots) {
        std::set<std::int64_t> voted;
        for (auto& b : r.ballots) {
            auto [person, choice] = splitAssignment(b, "--ballot", "PERSON=yes|no|blank");
            if (choice != "yes" && choice != "no" && choice != "blank")
                throw InvalidValue(fmt::format("--ballot \"{}\": \"{}\" is not a vote — give yes, no or blank", b,
                                               choice));
            auto member = findMember(store, person);
            auto it = std::find_if(present.members.begin(), present.members.end(),
                                   [&](const Invitee& i) { return i.memberId == member.id; });
            if (it == present.members.end())
                throw RuleViolation(fmt::format("--ballot: {} is not recorded present at meeting #{} — only members "
                                                "present vote; record attendance with `klynge meeting attend {} {}`",
                                                member.name, m.id, m.id, person));
            if (!it->votingRight)
                throw RuleViolation(fmt::format("--ballot: {} has no voting right at meeting #{} (policy.voting_positions "
                                                "= {}) — leave the ballot out; they take part as an observer",
                                                member.name, m.id, fmt::join(config.list("policy.voting_positions"), ", ")));
            if (!voted.insert(member.id).second)
                throw RuleViolation(fmt::format("--ballot: {} has already voted on this motion — one ballot per "
                                                "person; give each member once",
                                                member.name));
            (choice == "yes" ? tally.yes : choice == "no" ? tally.no : tally.blank) += 1;
            cast.emplace_back(member.id, choice);
        }
    }
    auto result = decideMotion(r.kind, tally, eligible, policy, r.casting);

    DecisionRow row;
    row.meetingId = m.id;
    row.kind = kind;
    row.subject = r.motion;
    row.eligiblePresent = eligible;
    row.tally = tally;
    row.byBallot = ballots;
    if (result.qualified) row.share = result.share;
    row.casting = r.casting;
    row.outcome = result.adopted ? Outcome::adopted : Outcome::rejected;
    row.supersedes = r.supersedes;
    row.decidedOn = m.start.date;
    row.recordedOn = today;
    ChainAppender chain(store);
    auto id = insertDecision(store, chain, row);
    for (auto& [memberId, choice] : cast) {
        SQLite::Statement q(store.db(), "INSERT INTO decision_ballot(decision_id, member_id, choice) VALUES (?, ?, ?)");
        q.bind(1, id);
        q.bind(2, memberId);
        q.bind(3, choice);
        q.exec();
        chain.append("decision_ballot", store.db().getLastInsertRowid());
    }
    return {getDecision(store, id), {}};
}

RecordedDecision recordElection(Store& store, const Config& config, const ElectionRequest& r, Date today) {
    auto m = decidingMeeting(store, r.meetingId);
    oneLine("--office", r.office);
    std::string office = isRole(r.office) ? std::string(findRole(r.office).name) : r.office;
    checkSupersedes(store, r.supersedes, m, false, DecisionKind::election);
    if (r.candidates.empty()) throw InvalidValue("no --candidate — give every candidate, one --candidate each");
    auto present = attendance(store, config, m.id);
    const int eligible = static_cast<int>(present.eligible.size());
    if (eligible == 0)
        throw InvalidValue("nobody with voting right is recorded present — record who came with `klynge meeting "
                           "attend` first");

    std::vector<Member> candidates;
    std::vector<std::string> given; // as written, for --votes and --lot
    for (auto& c : r.candidates) {
        auto member = candidateMember(store, c);
        if (!member.activeAt(m.start.date))
            throw RuleViolation(fmt::format("--candidate {} is not a member on {} — candidates must be members",
                                            member.name, m.start.date.iso()));
        if (std::any_of(candidates.begin(), candidates.end(), [&](const Member& x) { return x.id == member.id; }))
            throw InvalidValue(fmt::format("--candidate {} is given twice — name each candidate once", member.name));
        candidates.push_back(member);
        given.push_back(c);
    }
    auto indexOf = [&](const std::string& who, std::string_view option) -> std::size_t {
        for (std::size_t i = 0; i < candidates.size(); ++i)
            if (given[i] == who || candidates[i].name == who || candidates[i].email == who ||
                std::to_string(candidates[i].id) == who)
                return i;
        throw InvalidValue(fmt::format("{}: \"{}\" is not one of the candidates — give a name as given with "
                                       "--candidate",
                                       option, who));
    };
    std::vector<int> votes(candidates.size(), 0);
    std::vector<bool> counted(candidates.size(), false);
    for (auto& v : r.votes) {
        auto [who, n] = splitAssignment(v, "--votes", "CANDIDATE=N");
        auto i = indexOf(who, "--votes");
        if (counted[i])
            throw InvalidValue(fmt::format("--votes for {} is given twice — give each candidate's votes once",
                                           candidates[i].name));
        counted[i] = true;
        votes[i] = parseCount(n, "--votes");
    }
    int total = 0;
    for (int v : votes) total += v;
    if (total > eligible)
        throw InvalidValue(fmt::format("{} votes in all but only {} present with voting right — each votes once; "
                                       "count again, or record who else came with `klynge meeting attend`",
                                       total, eligible));
    const bool unopposed = candidates.size() == 1 && r.votes.empty();
    if (r.votes.empty() && !unopposed)
        throw InvalidValue("no --votes — give each candidate's votes, e.g. --votes \"Anne Ærø=7\"");

    auto top = unopposed ? std::vector<std::size_t>{0} : leaders(votes);
    std::optional<std::size_t> winner;
    bool byLot = false;
    if (top.size() == 1) {
        winner = top.front();
        if (!r.lot.empty())
            throw InvalidValue(fmt::format("--lot: there is no tie — {} has the most votes; leave --lot out",
                                           candidates[top.front()].name));
    } else if (!r.lot.empty()) {
        auto i = indexOf(r.lot, "--lot");
        if (std::find(top.begin(), top.end(), i) == top.end())
            throw InvalidValue(fmt::format("--lot {}: {} is not tied for the most votes — the lot is drawn between "
                                           "the candidates tied at {} votes",
                                           candidates[i].name, candidates[i].name, votes[top.front()]));
        winner = i;
        byLot = true;
    }

    RecordedDecision out;
    DecisionRow row;
    row.meetingId = m.id;
    row.kind = DecisionKind::election;
    row.subject = office;
    row.eligiblePresent = eligible;
    row.outcome = winner ? Outcome::elected : Outcome::tie;
    row.byLot = byLot;
    row.supersedes = r.supersedes;
    row.decidedOn = m.start.date;
    row.recordedOn = today;
    if (r.supersedes.id) undoRoleChange(store, getDecision(store, *r.supersedes.id));
    if (winner) {
        auto change = giveRole(store, office, candidates[*winner], m.start.date);
        row.roleAssignment = change.assignment;
        row.succeededAssignment = change.succeeded;
        if (!change.note.empty()) out.notes.push_back(change.note);
    } else {
        out.notes.push_back(fmt::format("a tie — hold a new round (`klynge vote election {} ...`) or record the "
                                        "draw with --lot",
                                        m.id));
    }
    ChainAppender chain(store);
    auto id = insertDecision(store, chain, row);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        SQLite::Statement q(store.db(), "INSERT INTO election_candidate(decision_id, member_id, votes, elected) "
                                        "VALUES (?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, candidates[i].id);
        q.bind(3, votes[i]);
        q.bind(4, winner == i ? 1 : 0);
        q.exec();
        chain.append("election_candidate", store.db().getLastInsertRowid());
    }
    out.decision = getDecision(store, id);
    return out;
}

RecordedDecision recordDots(Store& store, const Config& config, const DotsRequest& r, Date today) {
    auto m = decidingMeeting(store, r.meetingId);
    const auto policy = VotePolicy::from(config);
    oneLine("--question", r.question);
    checkSupersedes(store, r.supersedes, m, false, DecisionKind::dots);
    if (r.ideas.size() < 2) throw InvalidValue("give at least two --idea — dot voting chooses between ideas");
    if (r.choose < 1 || static_cast<std::size_t>(r.choose) >= r.ideas.size())
        throw InvalidValue(fmt::format("--choose {} — choose at least 1 and fewer than the {} ideas", r.choose,
                                       r.ideas.size()));
    if (r.dots.empty()) throw InvalidValue("no --dots — give each doctor's dots, e.g. --dots anne@example.dk=KOL:2");
    std::vector<std::string> ideas;
    for (auto& idea : r.ideas) {
        oneLine("--idea", idea);
        if (std::find(ideas.begin(), ideas.end(), idea) != ideas.end())
            throw InvalidValue(fmt::format("--idea \"{}\" is given twice — give each idea once", idea));
        ideas.push_back(idea);
    }
    auto ideaIndex = [&](const std::string& title, std::string_view option) -> std::size_t {
        auto it = std::find(ideas.begin(), ideas.end(), title);
        if (it == ideas.end())
            throw InvalidValue(fmt::format("{}: \"{}\" is not one of the ideas — give it with --idea, spelt the same",
                                           option, title));
        return static_cast<std::size_t>(it - ideas.begin());
    };
    auto present = attendance(store, config, m.id);

    // Every doctor present gets policy.dots_per_member stickers and may put
    // several on one idea [000].
    struct Placed {
        std::int64_t memberId;
        std::size_t idea;
        int dots;
    };
    std::vector<Placed> placed;
    std::map<std::int64_t, int> used;
    std::vector<int> totals(ideas.size(), 0);
    for (auto& d : r.dots) {
        auto [person, rest] = splitAssignment(d, "--dots", "PERSON=IDEA:N");
        auto colon = rest.rfind(':');
        if (colon == std::string::npos || colon == 0)
            throw InvalidValue(fmt::format("--dots \"{}\" is not PERSON=IDEA:N — e.g. --dots anne@example.dk=KOL:2", d));
        auto i = ideaIndex(rest.substr(0, colon), "--dots");
        int n = parseCount(std::string_view(rest).substr(colon + 1), "--dots");
        if (n == 0) throw InvalidValue(fmt::format("--dots \"{}\": 0 dots — leave it out", d));
        const auto& who = presentPerson(store, present.members, person, m, "--dots");
        used[*who.memberId] += n;
        if (used[*who.memberId] > policy.dotsPerMember)
            throw RuleViolation(fmt::format("--dots: {} has placed {} dots but each doctor has {} "
                                            "(policy.dots_per_member) — take {} off",
                                            who.name, used[*who.memberId], policy.dotsPerMember,
                                            used[*who.memberId] - policy.dotsPerMember));
        auto same = std::find_if(placed.begin(), placed.end(),
                                 [&](const Placed& p) { return p.memberId == *who.memberId && p.idea == i; });
        if (same != placed.end()) same->dots += n; // stacking given in two parts
        else placed.push_back({*who.memberId, i, n});
        totals[i] += n;
    }

    // The ranking: most dots first; a tie across the line of chosen ideas
    // needs a new round or a draw (--lot).
    std::vector<std::size_t> order(ideas.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return totals[a] > totals[b]; });
    const auto choose = static_cast<std::size_t>(r.choose);
    const int line = totals[order[choose - 1]];
    const bool tie = totals[order[choose]] == line;
    std::vector<bool> chosen(ideas.size(), false);
    bool byLot = false;
    for (std::size_t k = 0; k < choose; ++k)
        if (totals[order[k]] > line) chosen[order[k]] = true;
    if (!tie) {
        for (std::size_t k = 0; k < choose; ++k) chosen[order[k]] = true;
        if (!r.lot.empty()) throw InvalidValue("--lot: there is no tie — the dots decide; leave --lot out");
    } else if (!r.lot.empty()) {
        auto i = ideaIndex(r.lot, "--lot");
        std::size_t room = choose - static_cast<std::size_t>(std::count(chosen.begin(), chosen.end(), true));
        if (totals[i] != line || room != 1)
            throw InvalidValue(fmt::format("--lot \"{}\": only one place is drawn between the ideas tied at {} dots "
                                           "— give one of them, or hold a new round",
                                           r.lot, line));
        for (std::size_t k = 0; k < ideas.size(); ++k)
            if (totals[k] > line) chosen[k] = true;
        chosen[i] = true;
        byLot = true;
    }

    // The ranking as recorded: an idea drawn by lot goes before those it tied with.
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
        return totals[a] != totals[b] ? totals[a] > totals[b] : chosen[a] && !chosen[b];
    });

    RecordedDecision out;
    ChainAppender chain(store);
    std::vector<std::int64_t> ideaIds;
    for (auto& title : ideas) {
        SQLite::Statement q(store.db(), "SELECT id FROM idea WHERE title = ?");
        q.bind(1, title);
        if (q.executeStep()) {
            ideaIds.push_back(q.getColumn(0).getInt64());
            continue;
        }
        SQLite::Statement ins(store.db(), "INSERT INTO idea(title, meeting_id, added_on) VALUES (?, ?, ?)");
        ins.bind(1, title);
        ins.bind(2, m.id);
        ins.bind(3, m.start.date.iso());
        ins.exec();
        ideaIds.push_back(store.db().getLastInsertRowid());
        chain.append("idea", ideaIds.back());
        out.notes.push_back(fmt::format("new idea in the pool: {}", title));
    }
    DecisionRow row;
    row.meetingId = m.id;
    row.kind = DecisionKind::dots;
    row.subject = r.question;
    row.eligiblePresent = static_cast<int>(present.members.size());
    row.outcome = tie && !byLot ? Outcome::tie : Outcome::chosen;
    row.byLot = byLot;
    row.supersedes = r.supersedes;
    row.decidedOn = m.start.date;
    row.recordedOn = today;
    auto id = insertDecision(store, chain, row);
    for (auto k : order) {
        SQLite::Statement q(store.db(), "INSERT INTO dot_result(decision_id, idea_id, dots, chosen) VALUES (?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, ideaIds[k]);
        q.bind(3, totals[k]);
        q.bind(4, chosen[k] ? 1 : 0); // on a tie: only the ideas above the line
        q.exec();
        chain.append("dot_result", store.db().getLastInsertRowid());
    }
    for (auto& p : placed) {
        SQLite::Statement q(store.db(), "INSERT INTO dot_allocation(decision_id, member_id, idea_id, dots) VALUES (?, ?, ?, ?)");
        q.bind(1, id);
        q.bind(2, p.memberId);
        q.bind(3, ideaIds[p.idea]);
        q.bind(4, p.dots);
        q.exec();
        chain.append("dot_allocation", store.db().getLastInsertRowid());
    }
    if (row.outcome == Outcome::tie)
        out.notes.push_back(fmt::format("a tie at {} dots across the line — hold a new round or record the draw with "
                                        "--lot",
                                        line));
    out.decision = getDecision(store, id);
    return out;
}

} // namespace klynge
