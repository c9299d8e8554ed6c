// Helpers shared by the files that write decision records (store.cpp,
// election.cpp, dots.cpp); not part of the library's interface.
#pragma once

#include "klynge/meetings/meeting.hpp"
#include "klynge/decisions/vote.hpp"
#include "klynge/text/validate.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace klynge::vote_detail {

// A one-line text: it reaches the minutes and the log.
std::string oneLine(std::string_view option, const std::string& value, std::size_t maxChars = text_limit::title);
int parseCount(std::string_view text, std::string_view what);
// "LEFT=RIGHT" split at the last '='; `form` names the shape in the error.
std::pair<std::string, std::string> splitAssignment(const std::string& text, std::string_view option,
                                                    std::string_view form);

struct Attendance {
    std::vector<Invitee> eligible; // members with voting right recorded present
    std::vector<Invitee> members;  // every member recorded present
};
Attendance attendance(Store& store, const Config& config, std::int64_t meetingId);

// The meeting a decision is taken at: held (attendance recorded), not
// cancelled, its minutes not yet approved.
Meeting decidingMeeting(Store& store, std::int64_t meetingId);

// The member a ballot or dots belong to, who must be recorded present.
const Invitee& presentPerson(Store& store, const std::vector<Invitee>& present, const std::string& person,
                             const Meeting& m, std::string_view option);

// --supersedes: the same meeting, the same sort of record, not yet superseded.
void checkSupersedes(Store& store, const Supersedes& s, const Meeting& m, bool motion, DecisionKind kind);

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
    std::optional<int> seats; // an election for more than one seat (schema 9)
    Supersedes supersedes;
    Date decidedOn, recordedOn;
};
// Inserts the decision (the store links it in the hash chain at commit).
std::int64_t insertDecision(Store& store, const DecisionRow& d);

} // namespace klynge::vote_detail
