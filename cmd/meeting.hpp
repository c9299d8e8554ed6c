// klynge meeting: the parts shared by cmd/meeting.cpp (calling, cancelling,
// sending) and cmd/meeting_records.cpp (answers, attendance, minutes, lists).
#pragma once

#include "cli.hpp"

#include "klynge/meetings/meeting.hpp"

#include <string>
#include <string_view>

namespace klynge::cli {

void registerMeetingRecords(CLI::App* grp, Context& ctx);
void registerMeetingReport(CLI::App* grp, Context& ctx); // meeting_report.cpp

// "ID" on the command line, with the option named in the error.
// ID on the command line: the meeting's number (meetingIdOf gives its id).
std::int64_t meetingIdArg(const std::string& text);

// The meeting as JSON (klynge-meeting(1), JSON OUTPUT).
out::Json meetingJson(const MeetingSummary& s);

} // namespace klynge::cli
