// Meetings and general assemblies (DOMAIN.md, "Meetings and general
// assemblies"): types, status, the notice rules, the agenda the bylaws
// require, the Q1 rule, proposals, extraordinary demands and the internat
// weekend rule — as data and small functions (meeting.cpp) — and their
// records (store.cpp, answers.cpp, demand.cpp).
// Documents are in documents.hpp, calendar invitations in ics.hpp, e-mail in
// mail.hpp.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/text/danish_time.hpp"
#include "klynge/text/date.hpp"
#include "klynge/people/member.hpp"
#include "klynge/store/store.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

// ---- Rules (meeting.cpp) ------------------------------------------------

// [001, 002, 003]: the types seen in practice.
enum class MeetingType { klyngemoede, generalforsamling, ekstraordinaer, stiftende, internat, bestyrelsesmoede };
std::string_view meetingTypeName(MeetingType t); // as stored: "ekstraordinær generalforsamling"
// What documents call it: "ordinær generalforsamling", "klyngemøde", ...
std::string_view meetingTypeTitle(MeetingType t);
// Accepts the stored names, ASCII spellings and short forms (ekstraordinær,
// stiftende); throws InvalidValue listing the types.
MeetingType parseMeetingType(std::string_view text);
// General assemblies need notice [000 §4]: ordinary, extraordinary, founding.
bool isGeneralAssembly(MeetingType t);

// [002]: kladde, indkaldt, afholdt, aflyst. A draft (kladde, issue 15) has its
// documents written for review but is not called: nobody is sent anything and
// the notice rule counts from the day it is sent (sendDraft).
enum class MeetingStatus { kladde, indkaldt, afholdt, aflyst };
std::string_view meetingStatusName(MeetingStatus s);
MeetingStatus parseMeetingStatus(std::string_view text);

// Every period and share of the rules, from klynge.toml (standard bylaws by default).
struct MeetingPolicy {
    int noticeDays = 14;                   // policy.notice_days [000 §4]
    int proposalDays = 14;                 // policy.proposal_days [000 §5]
    int extraordinarySharePercent = 20;    // policy.extraordinary_share_percent [000 §4]
    int extraordinaryNoticeDays = 14;      // policy.extraordinary_notice_days [000 §4]
    int extraordinaryHeldWithinDays = 14;  // policy.extraordinary_held_within_days [000 §4]
    int ordinaryAssemblyLastMonth = 3;     // policy.ordinary_assembly_by_month [000 §4]: first quarter
    static MeetingPolicy from(const Config& config);
};

// [000 §4]: a general assembly is called at least noticeDays before. Days are
// counted from the day of the call to the day of the meeting.
struct NoticeCheck {
    int days = 0;          // given
    int required = 0;      // policy
    bool ok = true;
    Date earliestMeeting;  // the first date that satisfies the rule
};
std::optional<NoticeCheck> checkNotice(MeetingType type, Date calledOn, Date meetingDate, const MeetingPolicy& p);

// [000 §5]: members' proposals must reach the board proposalDays before.
Date proposalsDeadline(Date meetingDate, const MeetingPolicy& p);

// issue 15: the last day a draft can be sent — for a general assembly
// noticeDays before the meeting [000 §4]; for another meeting its response
// deadline, else the meeting's day.
Date lastDayToSend(MeetingType type, Date meetingDate, std::optional<Date> respondBy, const MeetingPolicy& p);

// [000 §4]: the ordinary general assembly is held by the end of month
// ordinaryAssemblyLastMonth (3 = the first quarter) of each year.
Date ordinaryAssemblyDeadline(int year, const MeetingPolicy& p);
// The last day it can be called and still be held in time with full notice.
Date ordinaryAssemblyLastCallDate(int year, const MeetingPolicy& p);

// [000 §4]: an extraordinary assembly when at least sharePercent of the
// members demand it in writing; notice within extraordinaryNoticeDays of the
// demand; held within extraordinaryHeldWithinDays after that notice deadline.
struct DemandDeadlines {
    Date noticeBy;
    Date heldBy;
};
DemandDeadlines demandDeadlines(Date received, const MeetingPolicy& p);
// The fewest signers that make sharePercent of `members` (rounded up).
int signersNeeded(int members, const MeetingPolicy& p);
// Who counts as a member for the share: the general assembly's members;
// doctors in training only observe there [000 §2, §4].
bool countsForDemand(Position p);

// [004]: an internat should be held around a weekend (it touches a Saturday
// or Sunday), so the doctors' absence does not weaken patient cover.
bool aroundWeekend(const LocalDateTime& start, const LocalDateTime& end);

// Agenda items: a numbered or bulleted list in the agenda document; an
// indented or lettered line ("3.a", "a.") is a sub-item of the one above.
struct AgendaItem {
    int level = 0; // 0 = item, 1 = sub-item
    std::string text;
};
std::vector<AgendaItem> parseAgenda(std::string_view markdown);

// [000 §5]: what the ordinary assembly's agenda must contain. An item is
// present when each of its parts is found: a part is a set of words that one
// agenda line holds together (case-insensitive, inside longer words too:
// "koordinator" matches "klyngekoordinatoren").
struct RequiredAgendaItem {
    std::string_view what; // Danish, for messages and documents
    std::vector<std::vector<std::string_view>> parts;
    std::string_view source;
};
std::span<const RequiredAgendaItem> ordinaryAgendaRequirements();
std::vector<const RequiredAgendaItem*> missingAgendaItems(const std::vector<AgendaItem>& agenda);

// issue 15: the link of a virtual or hybrid meeting [001 §20–23]: an
// absolute http(s) URL without spaces or control characters (it goes into
// e-mails and the .ics URL property). Throws InvalidValue naming `what`.
std::string checkedMeetingLink(std::string_view text, std::string_view what);

// documents/meetings/<date>-<slug>: ASCII, æ→ae, ø→oe, å→aa, others → '-'.
std::string meetingFolderName(Date date, std::string_view title);

// ---- Records (store.cpp) ----------------------------------------

struct Invitee {
    std::int64_t id = 0;
    std::optional<std::int64_t> memberId; // nullopt: an external guest
    std::optional<std::int64_t> memberNumber;
    std::string name;
    std::string email;                    // empty for a forgotten member
    bool votingRight = false;             // members only, by policy.voting_positions and the position on the meeting's day
    std::optional<std::string> rsvp;      // "yes" / "no"
    std::string rsvpNote;
    std::optional<bool> food;      // an internat's answers (issue 15): eats with us
    std::optional<bool> overnight; // and stays the night
    std::optional<Date> rsvpOn;
    bool attended = false;
};

struct Meeting {
    std::int64_t id = 0;     // the record's id (record_id.hpp)
    std::int64_t number = 0; // what people type and see: meeting 3
    MeetingType type = MeetingType::klyngemoede;
    std::string title;
    LocalDateTime start;
    LocalDateTime end;
    std::string place;
    std::optional<Date> respondBy;
    MeetingStatus status = MeetingStatus::indkaldt;
    Date calledOn;      // the day the notice went out (a draft: the day it was made)
    std::string folder; // under documents/meetings/
    std::string uid;    // the calendar UID, stable for the meeting's life
    int sequence = 0;   // bumped on every change sent to invitees
    std::chrono::sys_seconds stampedAt{}; // DTSTAMP of the current version
    std::string organizerName;
    std::string organizerEmail;
    std::string agendaSource; // a built-in agenda's name or the file given
    std::string agendaText;   // the agenda document as called
    std::vector<AgendaItem> agenda;
    std::string forcedReason; // --force --reason, empty if not forced
    std::string forcedRules;  // what the force overrode
    std::string cancelReason;
    std::optional<Date> cancelledOn;
    std::string chair;        // dirigent
    std::string minuteTaker;  // referent
    std::optional<Date> minutesApprovedOn;
    // issue 15: the practice the meeting is delegated to [002], and the link
    // of a virtual or hybrid meeting [001 §20–23]; empty when not given.
    std::optional<std::int64_t> hostPracticeId;
    std::string hostName;
    std::string hostYdernummer;
    std::string link;
};

struct MeetingSummary {
    Meeting meeting;
    int invited = 0;
    int yes = 0;
    int no = 0;
    int attended = 0;
    int unanswered() const { return invited - yes - no; }
};

// MEETING on the command line: the number `klynge meeting list` shows.
std::int64_t parseMeetingNumber(std::string_view text);
// The meeting with that number: its record id (RuleViolation if none).
std::int64_t meetingIdOf(Store& store, std::int64_t number);
Meeting getMeeting(Store& store, std::int64_t id);
std::vector<Invitee> meetingInvitees(Store& store, const Config& config, std::int64_t id);
// For every meeting with any: how many members attended with voting right
// (on the meeting's day, as meetingInvitees says it), in one query.
std::map<std::int64_t, int> attendedWithVotingRight(Store& store, const Config& config);
// Every meeting by start time (optionally one year's).
std::vector<MeetingSummary> listMeetings(Store& store, std::optional<int> year = std::nullopt);

struct CallRequest {
    MeetingType type = MeetingType::klyngemoede;
    std::string title;
    LocalDateTime start;
    LocalDateTime end;
    std::string place;
    std::optional<Date> respondBy;
    // A built-in agenda (generalforsamling, basismøde, udvidet, møde) or a
    // file; empty: the type's default.
    std::string agenda;
    std::vector<std::string> invite; // members (id or e-mail); empty: every active member
    std::vector<std::string> guests; // "Name <e-mail>" or an e-mail
    bool force = false;
    std::string reason;
    std::string host; // a practice's ydernummer or name; empty: none
    std::string link; // https:// or http://; empty: none
    // issue 15: record it as a draft (kladde) — documents for review, no
    // messages, the notice rule checked when it is sent (sendDraft).
    bool draft = false;
};

struct CallResult {
    Meeting meeting;
    int invited = 0;
    std::vector<std::string> overridden;  // rules --force overrode
    std::vector<std::string> warnings;
    std::vector<Date> demands;            // the extraordinary demands this call answers, by the day received
};

// Records a called meeting after every rule passed (or was overridden with
// --force --reason). `workspaceRoot` is where agenda templates are found.
CallResult callMeeting(Store& store, const Config& config, const std::filesystem::path& workspaceRoot,
                       const CallRequest& request, Date today);

struct RsvpResult {
    Invitee invitee;
    bool late = false; // after the response deadline
};
// issue 15: an internat asks separately for food and an overnight stay (for
// ordering meals and hotel rooms); not given: the earlier answer is kept.
// Refused (InvalidValue) for another type of meeting, and with a no.
struct InternatAnswers {
    std::optional<bool> food;
    std::optional<bool> overnight;
};
RsvpResult recordRsvp(Store& store, const Config& config, std::int64_t meetingId, std::string_view person,
                      bool yes, const std::string& note, Date today, const InternatAnswers& internat = {});

struct AttendanceResult {
    std::vector<std::string> present; // names added
    std::vector<std::string> absent;  // names removed
    int attended = 0;                 // in all, after the change
};
// Who was present (the base for 2/3 majorities). On or after the meeting's
// day; marks the meeting held (afholdt).
AttendanceResult recordAttendance(Store& store, const Config& config, std::int64_t meetingId,
                                  const std::vector<std::string>& present, const std::vector<std::string>& absent,
                                  Date today);

// issue 15 (draft.cpp): calls a draft for real on `today` — status indkaldt,
// the notice date today, a new DTSTAMP. The notice rule is checked against
// today, as for a call (refused when short unless force with a reason); the
// agenda is made again. Refused for a meeting that is not a draft.
struct SendDraftResult {
    Meeting meeting;
    std::vector<std::string> overridden; // rules force overrode
    std::vector<std::string> warnings;
};
SendDraftResult sendDraft(Store& store, const Config& config, const std::filesystem::path& workspaceRoot,
                          std::int64_t meetingId, bool force, const std::string& reason, Date today);

// Cancels a called meeting: status aflyst, SEQUENCE bumped, a new DTSTAMP.
Meeting cancelMeeting(Store& store, std::int64_t meetingId, const std::string& reason, Date today);

// issue 15 (invite.cpp): invites a member to a meeting already called (a
// doctor who joined after the notice went out): the same invitation, the
// member added to the invitees so answers, attendance and reminders include
// them. Refused for a cancelled or past meeting, a member already invited, a
// forgotten member, and one who is not a member on the meeting's day.
// Warns when a general assembly's notice is short for them.
struct InviteResult {
    Meeting meeting;
    Invitee invitee;
    std::vector<std::string> warnings;
};
InviteResult inviteToMeeting(Store& store, const Config& config, std::int64_t meetingId, std::string_view person,
                             Date today);

// issue 15 (move.cpp): moves a called meeting to a new time or place — the
// same calendar UID with SEQUENCE + 1 and a new DTSTAMP (an RFC 5546 REQUEST
// that updates the invitation), the answers kept, the agenda made again for
// the new date, and the notice rule checked again from today for a general
// assembly (refused when short, unless force with a reason).
struct MoveRequest {
    std::optional<LocalDateTime> start;
    std::optional<LocalDateTime> end;   // default: the same length as before
    std::optional<std::string> place;
    std::optional<Date> respondBy;
    std::optional<std::string> host; // a practice: ydernummer or name
    std::optional<std::string> link; // the online meeting's https:// address
    bool force = false;
    std::string reason;
};
struct MoveResult {
    Meeting before;
    Meeting meeting;
    bool dateChanged = false;
    std::vector<std::string> overridden;
};
MoveResult moveMeeting(Store& store, const Config& config, const std::filesystem::path& workspaceRoot,
                       std::int64_t meetingId, const MoveRequest& request, Date today);

// Chair (dirigent) and minute-taker (referent): a member (id or e-mail) or a name.
void setMinutesRoles(Store& store, std::int64_t meetingId, const std::optional<std::string>& chair,
                     const std::optional<std::string>& minuteTaker);
// The minutes are approved: they can no longer change (votes, issue 7, rely on it).
void approveMinutes(Store& store, std::int64_t meetingId, Date approvedOn, Date today);

// issue 14 (notes.cpp): what was said under agenda item `item` (1-based, the
// numbered items), kept in the store and merged into the minutes each time
// they are written. Refused for a cancelled meeting, approved minutes, an
// item the agenda does not have, or a text that is not one paragraph.
struct MeetingNote {
    int item = 0;
    std::string text;
};
void addMeetingNote(Store& store, std::int64_t meetingId, int item, const std::string& text, Date today);
std::vector<MeetingNote> meetingNotes(Store& store, std::int64_t meetingId);

// One message per invitee and calendar version, as written or sent.
enum class Delivery { outbox, sent, failed };
struct DeliveryRecord {
    std::int64_t inviteeId = 0;
    Delivery delivery = Delivery::sent;
    std::string detail;
};
void recordDeliveries(Store& store, const Meeting& meeting, const std::vector<DeliveryRecord>& records);
// Invitees with an e-mail who have not been sent the meeting's current
// version (REQUEST, or CANCEL once cancelled) — a retry sends only to them.
std::vector<std::int64_t> inviteesNotSent(Store& store, const Meeting& meeting);

struct ExtraordinaryDemand {
    std::int64_t id = 0;
    Date received;
    std::string subject;
    std::vector<std::string> signers;
    int members = 0; // members counted on the day it was received
    std::optional<std::int64_t> meetingId; // the assembly that answers it (not cancelled)
    std::optional<LocalDateTime> meetingStart;
    std::optional<Date> meetingCalledOn;
    std::optional<MeetingStatus> meetingStatus;
    DemandDeadlines deadlines;
};
ExtraordinaryDemand recordDemand(Store& store, const Config& config, const std::vector<std::string>& signers,
                                 Date received, const std::string& subject, Date today);
std::vector<ExtraordinaryDemand> listDemands(Store& store, const Config& config);

// issue 15 (proposal.cpp): members' proposals for a general assembly, with
// the day they reached the board [000 §5].
struct Proposal {
    std::int64_t id = 0;
    std::int64_t number = 0;
    std::int64_t meetingNumber = 0;
    std::string text;
    std::string proposer;
    Date received;
    Date deadline;      // proposalsDeadline of the meeting
    bool late() const { return received > deadline; }
};
// Records a proposal for a called general assembly; `proposer` is a member
// (number or e-mail). A late one is recorded (the assembly decides whether to
// take it up) and `klynge check` flags it.
Proposal recordProposal(Store& store, const Config& config, std::int64_t meetingId, const std::string& text,
                        const std::string& proposer, Date received, Date today);
std::vector<Proposal> meetingProposals(Store& store, const Config& config, std::int64_t meetingId);
std::vector<Proposal> listProposals(Store& store, const Config& config);

// ---- The hook for decisions (issue 7) -------------------------------------

// One decision for the minutes: a motion and its result, or an election.
struct MinutesDecision {
    std::string motion; // what was decided on
    std::string result; // e.g. "vedtaget (12 for, 3 imod, 1 blank)"
};
// The decisions taken at a meeting, for its minutes, with their arithmetic
// (decisions/text.cpp; the records are decisions/vote.hpp's).
std::vector<MinutesDecision> meetingDecisions(Store& store, std::int64_t meetingId);

} // namespace klynge
