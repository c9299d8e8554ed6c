// The Danish documents of meetings — notice (indkaldelse), agenda
// (dagsorden), minutes (referat), the e-mail text — and the bylaws
// (vedtægter), rendered from templates/*.mustache (the workspace copy wins),
// and the files written beside the database.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/calendar/ics.hpp"
#include "klynge/decisions/vote.hpp"
#include "klynge/meetings/mail.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/store/store.hpp"
#include "klynge/store/temporary.hpp"

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

namespace fs = std::filesystem;

// The built-in agendas: the ordinary assembly's [000 §5], the two founding
// meetings' [000] and a plain one for other meetings.
struct AgendaTemplate {
    std::string_view name;  // what --agenda takes
    std::string_view file;  // templates/<file>
    std::string_view about;
};
std::span<const AgendaTemplate> agendaTemplates();
std::string_view defaultAgenda(MeetingType type);

struct LoadedAgenda {
    std::string source;       // the built-in name, or the file as given
    std::string templateName; // for error messages
    std::string text;         // the template text
};
// `choice` is a built-in agenda's name or a file (also a Mustache template);
// empty: the type's default.
LoadedAgenda loadAgenda(const fs::path& workspaceRoot, std::string_view choice, MeetingType type);

// Renders an agenda for a meeting being called. `subjects` are the
// extraordinary demands' subjects it answers.
std::string renderAgenda(const LoadedAgenda& agenda, const Meeting& meeting, const Config& config,
                         const std::vector<std::string>& subjects);

// The ordinary assembly's attachments [001 §13]: the accounts of the year
// before (documents/regnskab-Y.md) and the budget of the meeting's year
// (documents/budget-Y.md). `exists` says whether the document has been
// written; the notice lists, and the e-mail attaches, only those that have.
// Empty for every other kind of meeting.
struct AssemblyAttachment {
    std::string title;     // "Årsregnskab 2025", "Budget 2026"
    std::string titleAfter; // after "og": "budget 2026"
    fs::path path;         // relative to the workspace root
    std::string command;   // what writes it, for the user: "klynge ledger report --year 2025 --document"
    bool exists = false;
    std::string content;
};
std::vector<AssemblyAttachment> assemblyAttachments(const Meeting& meeting, const fs::path& workspaceRoot);

// `quality`: the themes and follow-up section (qualitySection, issue 15).
std::string renderNotice(const Meeting& meeting, const Config& config, const fs::path& workspaceRoot,
                         const std::string& quality = {});
CalendarEvent calendarEvent(const Meeting& meeting, const std::vector<Invitee>& invitees, const Config& config);

// Who the messages are from: mail.from when set, else the organizer.
Mailbox meetingSender(const Meeting& meeting, const Config& config);

struct MinutesData {
    Meeting meeting;
    std::string clusterName;
    std::vector<Invitee> present;   // members first, then guests
    int presentMembers = 0;
    int presentWithVote = 0;
    int invited = 0;
    std::vector<MinutesDecision> decisions; // beslutninger (issue 7 fills them)
    std::string quality; // themes, follow-up and the tasks agreed (qualitySection)
    std::vector<MeetingNote> notes; // written under the agenda items (meeting note)
};
MinutesData minutesData(Store& store, const Config& config, std::int64_t meetingId);
std::string renderMinutes(const MinutesData& data, const Config& config, const fs::path& workspaceRoot);

// issue 15 (quality_section.cpp): the meeting's themes and, under
// "Opfølgning", the tasks open when it was called, and a general assembly's
// proposals received (templates/kvalitet.md.mustache);
// for the minutes also the tasks the meeting agreed on. Empty when there is
// nothing to say.
std::string qualitySection(Store& store, const Config& config, const Meeting& meeting, const fs::path& workspaceRoot,
                           bool minutes);

// The cluster's bylaws from its policy in klynge.toml.
// Adopted amendments (adoptedAmendments) replace their paragraph's text, and
// the bylaws end with their history.
std::string renderBylaws(const Config& config, const std::string& templateText,
                         const std::vector<BylawsAmendment>& amendments = {});

// A file of a meeting, relative to the workspace root.
struct DocumentFile {
    fs::path path;
    std::string content;
};
fs::path meetingFolder(const Meeting& meeting); // documents/meetings/<folder>
// The notice, the agenda and the calendar file of the meeting's current
// version (invitation.ics, or aflysning.ics once cancelled).
std::vector<DocumentFile> meetingDocuments(Store& store, const Config& config, const fs::path& workspaceRoot,
                                           std::int64_t meetingId);

struct MeetingMessage {
    std::int64_t inviteeId = 0;
    std::string recipient; // e-mail
    fs::path outboxFile;   // documents/meetings/<folder>/outbox/<kind>.mbox (issue 15: one mailbox per action)
    std::string text;      // the RFC 5322 message
};
// One message per invitee with an e-mail for the current version (invitation,
// or cancellation); with `onlyNotSent`, only those the SMTP server has not
// accepted one from yet.
std::vector<MeetingMessage> meetingMessages(Store& store, const Config& config, const fs::path& workspaceRoot,
                                            std::int64_t meetingId, bool onlyNotSent);

// Files beside the database (STYLE.md, "Errors"): each is written to a
// temporary name while the command runs and renamed into place by commit(),
// after the transaction has committed. Without commit() the temporary files
// and any directories made for them are removed: a refused command leaves
// the workspace as it was.
class PendingFiles {
public:
    explicit PendingFiles(fs::path root) : root_(std::move(root)) {}
    ~PendingFiles();
    PendingFiles(const PendingFiles&) = delete;
    PendingFiles& operator=(const PendingFiles&) = delete;

    void stage(const fs::path& relative, std::string_view content);
    void commit();
    const std::vector<fs::path>& files() const { return finals_; } // relative paths

private:
    fs::path root_;
    std::vector<fs::path> finals_;
    std::vector<std::unique_ptr<TemporaryPath>> temps_; // one per final, same order
    std::vector<fs::path> madeDirs_;
    bool committed_ = false;
};

} // namespace klynge
