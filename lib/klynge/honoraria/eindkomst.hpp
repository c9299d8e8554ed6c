// The upload file for eIndkomst (DOMAIN.md, "The upload file"): TastSelv
// Erhverv, "Indberet lønoplysninger – filupload" accepts CSV with
// semicolons — an optional row of field descriptions, the mandatory row of
// FeltIDs, one row per recipient and period, amounts with a decimal comma
// (info.skat.dk oid=2286767). The columns and their IDs are one table in
// eindkomst.cpp, each with whether SKAT's public pages confirm the ID
// (klynge-skat(1) lists those that are not).
#pragma once

#include "klynge/honoraria/skat.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace klynge {

struct EIndkomstColumn {
    std::string_view description; // row 1, Danish
    std::string_view feltId;      // row 2
    bool confirmed;               // the ID is confirmed by SKAT's public pages
    std::string_view source;
};
std::span<const EIndkomstColumn> eIndkomstColumns();

// One payment to report: a person (CPR) or a company without VAT (CVR).
struct EIndkomstPayment {
    std::string payee;
    std::optional<Cpr> cpr;
    std::optional<Cvr> cvr;
    bool vat = false; // a company charging VAT: not reported (skatteindberetningsloven § 4, stk. 3)
    std::optional<int> field; // 36 or 38; none for a CVR without VAT (not settled)
    Money amount;
    Date periodFirst, periodLast; // the pay period (lønperiode)
    bool correction = false;      // its ledger entry was reversed
    std::string voucher;
};

struct EIndkomstFile {
    std::string text;                 // the CSV, rows 1 and 2 and one row per recipient and period
    int rows = 0;
    Money total;
    std::vector<std::string> elsewhere; // what cannot be uploaded this way, and what to do instead
};

// The file for the payer `payer` (the cluster's CVR, as SE number). Pure.
EIndkomstFile eIndkomstFile(const Cvr& payer, const std::vector<EIndkomstPayment>& payments);

// The month's payments from the store, with the CPR numbers from private/.
// Refused (RuleViolation) when PLO reports (skat.reporter "plo"): the
// cluster then uploads nothing; (ConfigError) without cluster.cvr; a person
// without a CPR on file.
std::vector<EIndkomstPayment> eIndkomstPayments(Store& store, const Config& config, YearMonth m,
                                                const std::map<std::int64_t, Cpr>& cprs, Date today);

} // namespace klynge
