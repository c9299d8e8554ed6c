// The yearly membership job (DESIGN.md job 1): keep the roster current, see
// what changed since the last KiAP registration, produce what KiAP asks for,
// and record the registration. The region pays the grant from it [001 §11, §15].
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/text/date.hpp"
#include "klynge/people/member.hpp"
#include "klynge/store/store.hpp"

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace klynge {

struct ImportOptions {
    Date today;                       // joined date for new rows without one; change date
    std::optional<Date> leaveMissing; // members not in the file leave on this date
    // --leave-missing that would make more than half of the members leave is
    // refused (a truncated or header-only file) unless this is set.
    bool force = false;
};

struct ImportAction {
    std::size_t line = 0; // 0 for members not in the file
    std::string kind;     // "added", "changed", "left"
    std::string who;
    std::string detail;
};

struct ImportReport {
    std::vector<ImportAction> actions;
    int unchanged = 0;
};

// Reads a roster CSV (header: name, email, ydernummer, position[, joined][, left];
// Danish headers navn, e-mail, stilling, indmeldt, udmeldt also accepted) and
// upserts by e-mail. Running it twice changes nothing. Every bad row is
// reported with its line number and nothing is written (InvalidValue).
ImportReport importRoster(Store& store, std::istream& in, const std::string& sourceName,
                          const ImportOptions& options);

struct RosterChange {
    Date date;
    std::string kind; // joined, left, changed
    std::int64_t memberId = 0; // the member's number
    std::string name;
    std::string ydernummer;
    std::string detail;
};

// Joined, left and changed after `since`, up to and including `until`, by date.
std::vector<RosterChange> rosterChanges(Store& store, Date since, Date until);

struct Registration {
    std::int64_t id = 0;
    Date date;
    int members = 0;
    std::string note;
};
std::optional<Registration> lastRegistration(Store& store, std::optional<Date> onOrBefore = std::nullopt);
// Records that the roster as of `date` was registered at KiAP.
Registration recordRegistration(Store& store, Date date, const std::string& note, Date today);

// One row per active member: what KiAP's registration asks for [000].
struct KiapRow {
    std::string ydernummer;
    std::string practiceName;
    std::string name;
    std::string email;
    std::string position;
    bool votingRight = false;
};
struct KiapSheet {
    std::string clusterName;
    std::string cvr;
    std::string municipality;
    std::string region;
    std::string bankAccount;
    std::string coordinator;
    std::string coordinatorEmail;
    Date at;
    std::vector<KiapRow> rows;
};
KiapSheet kiapSheet(Store& store, const Config& config, Date at);
// The Danish registration document from templates/kiap-registrering.md.mustache.
std::string renderKiapDocument(const KiapSheet& sheet, const std::string& templateText);

bool hasVotingRight(const Config& config, Position p);

} // namespace klynge
