// The books in the formats plain-text accounting reads (DESIGN.md, "Interop
// notes"): hledger and ledger journals with Danish amounts and the format
// directive they need, and beancount with DKK and a decimal point. Double
// entry, with Danish account names:
//   income          Aktiver:PLO-konto (or Aktiver:Bank) / Indtægter:<kind>
//   expense         Udgifter:<category> / Passiver:Skyldige udgifter   (on its date)
//   payment         Passiver:Skyldige udgifter / Aktiver:PLO-konto     (on the paid date;
//                   one transaction with the expense when both fall on the same day)
//   rejection       Passiver:Skyldige udgifter / Udgifter:<category>   (on its date)
//   opening balance Aktiver:... / Egenkapital:Primosaldo
// So each account's total for a year is the line of `klynge ledger report`,
// Aktiver is the klyngesaldo and Passiver the committed amount. A reversal
// is its own entry with the opposite amounts, pointing back at the original
// ("; Reverses: B-…" metadata; a shared ^link in beancount).
#pragma once

#include "klynge/store/config.hpp"
#include "klynge/store/store.hpp"

#include <ostream>
#include <string_view>

namespace klynge {

enum class ExportFormat { hledger, ledger, beancount };
// hledger | ledger | beancount; throws InvalidValue.
ExportFormat parseExportFormat(std::string_view text);

struct ExportSummary {
    std::int64_t entries = 0;
    std::int64_t transactions = 0;
};

ExportSummary exportJournal(Store& store, const Config& config, ExportFormat format, std::ostream& out, Date today);

} // namespace klynge
