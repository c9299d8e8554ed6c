// Honoraria (DOMAIN.md, "Honoraria and SKAT"): the people and companies the
// cluster pays (payees), their written contracts stating tasks, estimated
// hours and the fee [001 §9], the payment schedule in exact øre, and the
// hours the contract holders log [001 §13]. Payouts and what SKAT must be
// told about them are in skat.hpp.
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/text/date.hpp"
#include "klynge/text/ids.hpp"
#include "klynge/text/money.hpp"
#include "klynge/store/store.hpp"
#include "klynge/store/workspace.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

// ---- The payment schedule -------------------------------------------------

// Few payouts a year keep B-income sporadic [001 §14].
enum class Schedule { monthly, quarterly, halfYearly, yearly };
Schedule parseSchedule(std::string_view text); // throws InvalidValue
std::string_view scheduleName(Schedule s);     // "half-yearly"
std::string_view scheduleDanish(Schedule s);   // "halvårligt"
int periodsPerYear(Schedule s);

struct Period {
    int year = 0;
    int index = 1; // 1-based within the year
    Date first, last;
    std::string label; // "2026-03", "2026-K1", "2026-H2", "2026"
};
Period periodOf(Schedule s, Date d);
std::string makePeriodLabel(Schedule s, int year, int index); // "2026-K1"
// "2026-K1" (also "2026-Q1"), "2026-H2", "2026-03", "2026"; throws InvalidValue.
Period parsePeriod(Schedule s, std::string_view label);
// The fee divided into the year's periods in whole øre; the remainder is
// paid with the last period of the year, so the periods sum to the fee.
Money periodAmount(Money feePerYear, Schedule s, int index);

// ---- Payees ---------------------------------------------------------------

struct Payee {
    std::int64_t id = 0;
    std::optional<std::int64_t> memberId;
    std::string name;
    std::optional<Cvr> cvr; // a company: invoices, no B-income when it charges VAT
    bool vat = false;
    bool person() const { return !cvr; }
};

// PERSON on the command line: a member's id or e-mail, or the name of a
// payee already recorded (an external person or a company).
std::optional<Payee> lookupPayee(Store& store, std::string_view person);
Payee findPayee(Store& store, std::string_view person); // throws RuleViolation
Payee payeeById(Store& store, std::int64_t id);
// The payee for PERSON, recorded if new: a member, or an external name.
// `cvr`/`vat` describe a company; they must match an existing payee.
Payee ensurePayee(Store& store, std::string_view person, const std::optional<Cvr>& cvr, bool vat, Date today);

// ---- Contracts --------------------------------------------------------------

struct Contract {
    std::int64_t id = 0;     // the record's id (record_id.hpp)
    std::int64_t number = 0; // what people type and see: contract 2
    Payee payee;
    std::string role;
    std::string tasks;
    std::optional<int> hoursPerYear;
    Money feePerYear;
    Schedule schedule = Schedule::quarterly;
    Date from;
    std::optional<Date> to;
    std::string document; // relative path of the contract document
    Date recordedOn;
    bool activeOn(Date d) const { return from <= d && (!to || *to >= d); }
};

struct NewContract {
    std::string person;
    std::string role;
    std::string tasks;
    std::optional<int> hoursPerYear;
    Money feePerYear;
    Schedule schedule = Schedule::quarterly;
    Date from;
    std::optional<Date> to;
    std::optional<Cvr> cvr;
    bool vat = true;            // a CVR payee charges VAT unless told otherwise
    std::optional<Cpr> cpr;     // stored in private/ (the store must have it attached)
};

struct ContractAdded {
    Contract contract;
    std::string document; // the Danish contract text, to be written to contract.document
    std::vector<std::string> warnings;
};

// In the caller's transaction. A CPR is written to the attached private
// store only. Refused: a CPR and a CVR together, a non-positive fee, an
// empty role, a period ending before it starts.
ContractAdded addContract(Store& store, const Config& config, const WorkspacePaths& paths, const NewContract& c,
                          Date today);
// Sets the contract's last day. Refused before it starts, or before the
// end of a period already paid.
Contract endContract(Store& store, std::int64_t id, Date lastDay);
Contract findContract(Store& store, std::int64_t id);
// The contract with the number people type: its record id (RuleViolation if none).
std::int64_t contractIdOf(Store& store, std::int64_t number);
std::vector<Contract> listContracts(Store& store);
// The contracts of a payee in force on `d`.
std::vector<Contract> contractsOf(Store& store, std::int64_t payeeId, std::optional<Date> d);
// The Danish contract document (templates/kontrakt.md.mustache).
std::string renderContract(const Contract& c, const Config& config, const fs::path& workspaceRoot);

// One CPR number belongs to one person (DOMAIN.md): refused (RuleViolation)
// when another payee has `cpr` on file, naming them by masked CPR and name.
// Needs the private store attached. Then records it (storeCpr).
void storeOwnCpr(Store& store, const Payee& payee, const Cpr& cpr, Date today);
// Payees that share one CPR on file (cprs: readCprs), in older workspaces:
// one line each.
std::vector<std::string> sharedCprs(Store& store, const std::optional<std::map<std::int64_t, Cpr>>& cprs);

// Danish VAT, 25 % (momsloven § 33), rounded to the øre. A clinic invoicing
// coordination or teaching charges it; the cluster cannot deduct it [001 §9].
Money vatOf(Money amount);

// A role paid for board work: SKAT treats the pay as A-income (DOMAIN.md).
bool isBoardRole(std::string_view role);

// ---- Who may be paid [004, 001 §9] ---------------------------------------------

// "Klyngearbejdet er uhonoreret for klyngemedlemmerne" [004]: the coordinator
// and those who assist them may be paid; a member for taking part may not.
struct PaidRole {
    std::string_view role; // as in role.cpp
    std::string_view source;
};
std::span<const PaidRole> paidRoles();
const PaidRole* findPaidRole(std::string_view role);

// Why `payee` may be paid an honorarium or mileage on `d`: "contract #2
// (koordinator)" or "role kasserer"; nullopt when neither holds.
std::optional<std::string> paymentBasis(Store& store, const Payee& payee, Date d);

// ---- Pro rata by day -------------------------------------------------------------

// The days of `period` that `c` pays: within the contract, and within the
// payee's role of the contract's name when that role has ended (a contract
// ends with the role it pays for, DOMAIN.md). Amount rounded to the øre.
struct ProRata {
    Date first, last;      // the days paid
    int days = 0, periodDays = 0;
    Money full, amount;    // the period's amount, and the share paid
    std::string endsWhy;   // "the contract ended 2026-01-31" / "the role ended ..."
    bool partial() const { return days < periodDays; }
    std::string arithmetic() const; // "15.000,00 kr. × 31/90 days = 5.166,67 kr."
};
// nullopt when no day of the period is paid.
std::optional<ProRata> proRata(Store& store, const Contract& c, const Period& period);

// ---- Hours [001 §13] ---------------------------------------------------------

// "3.5", "3,5", "3:30" or "3" hours as minutes; throws InvalidValue.
int parseHours(std::string_view text);
std::string hoursText(int minutes); // "3,5" / "3:20" → "3,33"

struct HoursLogged {
    std::int64_t id = 0;
    Contract contract;
    Date date;
    int minutes = 0;
    std::string task;
    int minutesThisYear = 0;
};
// PERSON's contract in force on `date` (or `contractId`).
HoursLogged logHours(Store& store, std::string_view person, std::optional<std::int64_t> contractId, Date date,
                     int minutes, const std::string& task, Date today);

struct HoursReportRow {
    Contract contract;
    std::optional<int> estimatedMinutes; // the year's share of hours_per_year
    int loggedMinutes = 0;
    int entries = 0;
};
// Every contract in force some day of `year`, logged hours against the
// estimate (pro rata for the days the contract runs in the year).
std::vector<HoursReportRow> hoursReport(Store& store, int year);
// "Far above the estimate": more than this share of it (a warning).
inline constexpr int hoursWarningPercent = 150;

} // namespace klynge
