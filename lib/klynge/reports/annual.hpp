// The general assembly's report for a year (issue 17): the annual accounts
// with charts of budget against actual, expenses by category and the
// klyngesaldo through the year; members and patients per practice; the
// meetings with their attendance and themes; every decision of the year.
// One self-contained Danish HTML file (html.hpp).
#pragma once

#include "klynge/decisions/vote.hpp"
#include "klynge/meetings/meeting.hpp"
#include "klynge/money/report.hpp"
#include "klynge/people/member.hpp"
#include "klynge/people/practice.hpp"

#include <string>
#include <vector>

namespace klynge {

struct AnnualReport {
    AnnualAccounts accounts;
    std::vector<DayBalance> balance;      // the klyngesaldo through the year
    std::vector<Practice> practices;      // members and patients at 31 December
    std::size_t members = 0;              // active at 31 December
    std::vector<Member> joined, left;     // during the year
    std::vector<MeetingSummary> meetings; // of the year, oldest first
    std::vector<std::string> themes;      // themesOfYear()
    std::vector<Decision> decisions;      // taken in the year, oldest first
};

// Everything from the queries `ledger report`, `practice list`, `member
// list`, `meeting list` and `vote list` use.
AnnualReport annualReport(Store& store, const Config& config, int year);

// The themes the cluster worked on in the year (klynge theme): each with
// its meetings in the year and its status, "KOL og spirometri (2 møder i
// 2025; aktiv)". A workspace from before themes (schema 7 and older has
// none) gets the titles of the year's cluster meetings that were held.
std::vector<std::string> themesOfYear(Store& store, int year, const std::vector<MeetingSummary>& meetings);

std::string renderAnnualReport(const AnnualReport& report, Date made);

} // namespace klynge
