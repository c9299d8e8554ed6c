// The eIndkomst upload file (eindkomst.hpp).
#include "klynge/honoraria/eindkomst.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace klynge {
namespace {

// The columns, in order. SKAT's public pages confirm the amount IDs (B +
// the field number as in record 6001: B0036, B0038; oid=2286767) and the
// income-type code field's rule (K + the field number as in record 6002, and
// indkomsttype is a field of its own in record 5000, field 12, code 05 =
// B-indkomst). The IDs of the identification columns — the payer's SE
// number, the recipient's CPR or CVR/SE number and the pay period — are in
// section 19 of the indberetningsvejledning, which the public pages we could
// read do not show: klynge writes SKAT's field names from the fixed-record
// format there, and klynge-skat(1) says so. Change a row here when the
// section is at hand.
constexpr std::array columns{
    EIndkomstColumn{"SE-nr. (indkomstudbetaler)", "SE-nr.", false, "oid=1823456 column A (the older import)"},
    EIndkomstColumn{"Cpr-nr.", "Person_CPR-nr.-nummer", false, "record 6000 field 4"},
    EIndkomstColumn{"Cvr/se-nr. (modtager)", "Person_CVR/SE-nummer", false, "record 6000 field 5"},
    EIndkomstColumn{"Lønperiode start", "Lønperiode start", false, "indberetningsvejledning section 6"},
    EIndkomstColumn{"Lønperiode slut", "Lønperiode slut", false, "indberetningsvejledning section 6"},
    EIndkomstColumn{"Indkomsttype", "Indkomsttype", false, "record 5000 field 12 (05 = B-indkomst)"},
    EIndkomstColumn{"B-indkomst med am-bidrag", "B0036", true, "oid=2286767; indberetningsvejledning 8.6"},
    EIndkomstColumn{"B-indkomst uden am-bidrag", "B0038", true, "oid=2286767; indberetningsvejledning 8.6"},
};

// "15000,00": a decimal comma, no thousands separator.
std::string amountCell(Money m) {
    if (m == Money()) return "";
    auto ore = m.ore();
    return fmt::format("{}{},{:02}", ore < 0 ? "-" : "", (ore < 0 ? -ore : ore) / 100, (ore < 0 ? -ore : ore) % 100);
}

std::string compact(Date d) { return fmt::format("{:04}{:02}{:02}", d.year(), d.month(), d.day()); }

} // namespace

std::span<const EIndkomstColumn> eIndkomstColumns() { return columns; }

EIndkomstFile eIndkomstFile(const Cvr& payer, const std::vector<EIndkomstPayment>& payments) {
    EIndkomstFile out;
    std::string descriptions, ids;
    for (const auto& c : columns) {
        descriptions += (descriptions.empty() ? "" : ";") + std::string(c.description);
        ids += (ids.empty() ? "" : ";") + std::string(c.feltId);
    }
    out.text = descriptions + "\r\n" + ids + "\r\n";
    // One row per recipient and period: fields 36 and 38 side by side.
    struct Row {
        const EIndkomstPayment* first;
        Money b36, b38;
    };
    std::vector<Row> rows;
    for (const auto& p : payments) {
        if (p.cvr && p.vat) continue; // an invoice with VAT is not reported
        if (p.correction) {
            out.elsewhere.push_back(fmt::format("{} to {} ({}) was reversed after it was paid — a correction cannot "
                                                "be uploaded as a file: correct it online in eIndkomst",
                                                p.voucher, p.payee, p.amount.danish()));
            continue;
        }
        if (!p.field) {
            out.elsewhere.push_back(fmt::format("{} to {} ({}, CVR {} without VAT): the eIndkomst field is not "
                                                "settled in the sources — ask SKAT and report it online",
                                                p.voucher, p.payee, p.amount.danish(), p.cvr ? p.cvr->str() : ""));
            continue;
        }
        auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) {
            return r.first->cpr == p.cpr && r.first->cvr == p.cvr && r.first->periodFirst == p.periodFirst &&
                   r.first->periodLast == p.periodLast;
        });
        if (it == rows.end()) {
            rows.push_back({&p, Money(), Money()});
            it = rows.end() - 1;
        }
        (*p.field == 38 ? it->b38 : it->b36) += p.amount;
        out.total += p.amount;
    }
    for (const auto& r : rows) {
        const auto& p = *r.first;
        out.text += fmt::format("{};{};{};{};{};05;{};{}\r\n", payer.str(),
                                p.cpr ? p.cpr->str().substr(0, 6) + p.cpr->str().substr(7) : "",
                                p.cvr ? p.cvr->str() : "", compact(p.periodFirst), compact(p.periodLast),
                                amountCell(r.b36), amountCell(r.b38));
        ++out.rows;
    }
    return out;
}

std::vector<EIndkomstPayment> eIndkomstPayments(Store& store, const Config& config, YearMonth m,
                                                const std::map<std::int64_t, Cpr>& cprs, Date today) {
    if (ploReports(config))
        throw RuleViolation(fmt::format("PLO indberetter som udbetaler: PLO's cluster secretariat paid and reports {}, "
                                        "so the cluster uploads nothing — check `klynge skat report --month {}` "
                                        "against PLO's statement; set skat.reporter = \"cluster\" in klynge.toml if "
                                        "the cluster reports itself",
                                        m.iso(), m.iso()));
    std::vector<EIndkomstPayment> out;
    for (const auto& b : bIncomeOfMonth(store, config, m, today)) {
        const auto& o = b.payout;
        EIndkomstPayment p;
        p.payee = o.payee.name;
        p.cvr = o.payee.cvr;
        p.vat = o.payee.vat;
        p.field = o.field;
        p.amount = o.amount;
        p.voucher = o.voucher;
        p.correction = o.reversed;
        if (o.payee.person()) {
            auto it = cprs.find(o.payee.id);
            if (it == cprs.end())
                throw RuleViolation(fmt::format("no CPR on file for {} — the upload file needs it; record it with "
                                                "`klynge payout ... --cpr -`",
                                                o.payee.name));
            p.cpr = it->second;
        }
        // The pay period: the contract's period (the days it pays), else the day paid.
        p.periodFirst = p.periodLast = *o.paidOn;
        if (o.contractId) {
            auto c = findContract(store, *o.contractId);
            auto period = parsePeriod(c.schedule, o.period);
            p.periodFirst = std::max(period.first, c.from);
            p.periodLast = c.to ? std::min(period.last, *c.to) : period.last;
            if (auto share = proRata(store, c, period)) {
                p.periodFirst = share->first;
                p.periodLast = share->last;
            }
        }
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace klynge
