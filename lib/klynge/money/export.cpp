#include "klynge/money/export.hpp"

#include "klynge/text/error.hpp"
#include "klynge/money/ledger.hpp"
#include "klynge/money/report.hpp"
#include "klynge/money/ledger_store.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <set>

namespace klynge {
namespace {

struct Posting {
    std::string account;
    Money amount;
};

struct Transaction {
    Date date;
    bool settled = true;
    std::string voucher;
    std::string payee;
    std::string description;
    std::vector<std::pair<std::string, std::string>> meta; // Danish keys as in the journals
    std::vector<std::string> links;                        // vouchers (beancount ^links)
    std::vector<Posting> postings;
};

// Journal free text: ";" would start a comment in ledger and hledger.
std::string journalText(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c == ';') c = ',';
    return out;
}

// A metadata value: hledger reads "word:" in a comment as a tag and ends a
// tag's value at a comma, so neither may appear inside a value.
std::string metaValue(std::string_view s) {
    std::string out;
    for (char c : s) out += c == ':' ? '.' : c == ',' ? ';' : c;
    return out;
}

std::string beanString(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// Beancount account components have no spaces.
std::string beanAccount(std::string_view account) {
    std::string out(account);
    for (auto& c : out)
        if (c == ' ') c = '-';
    return out;
}

std::string beanMetaKey(std::string_view key) {
    if (key == "Bilag") return "bilag";
    if (key == "Kategori") return "kategori";
    if (key == "Møde") return "moede";
    if (key == "Modtager") return "modtager";
    if (key == "Kvittering") return "kvittering";
    if (key == "Reverses") return "reverses";
    if (key == "Årsag") return "aarsag";
    return "trin";
}

constexpr std::array<std::string_view, 8> metaKeys{"Bilag", "Kategori", "Møde", "Modtager", "Kvittering",
                                                   "Reverses", "Årsag", "Trin"};

class JournalWriter {
public:
    JournalWriter(ExportFormat format, std::ostream& out) : format_(format), out_(out) {}

    void header(const Config& config, Date today, FinanceModel model) {
        const auto cluster = config.clusterName();
        const auto cvr = config.clusterCvr();
        const auto named = cvr ? fmt::format("{} (CVR {})", cluster, *cvr) : cluster;
        const std::string where = model == FinanceModel::plo ? "the cluster's account at PLO"
                                                             : "the cluster's own bank account";
        if (format_ == ExportFormat::beancount) {
            out_ << fmt::format("; {} — exported by klynge {} on {}\n", named, KLYNGE_VERSION, today.iso());
            out_ << fmt::format("; {} is {}. Amounts in DKK with a decimal point.\n\n", moneyAccount(model), where);
            out_ << fmt::format("option \"title\" {}\n", beanString(named));
            out_ << "option \"operating_currency\" \"DKK\"\n"
                    "option \"name_assets\" \"Aktiver\"\n"
                    "option \"name_liabilities\" \"Passiver\"\n"
                    "option \"name_equity\" \"Egenkapital\"\n"
                    "option \"name_income\" \"Indtægter\"\n"
                    "option \"name_expenses\" \"Udgifter\"\n\n";
            return;
        }
        out_ << fmt::format("; {} — exported by klynge {} on {}\n", named, KLYNGE_VERSION, today.iso());
        out_ << fmt::format("; {} is {}. Each transaction's code is its voucher (bilag).\n", moneyAccount(model),
                            where);
        out_ << "; Danish amounts: without the format directive below, 1.234 kr would be read as 1,234.\n\n"
                "commodity kr\n    format 1.000,00 kr\n\n";
        if (format_ == ExportFormat::ledger)
            for (auto key : metaKeys) out_ << "tag " << key << '\n';
        if (format_ == ExportFormat::ledger) out_ << '\n';
    }

    void declare(const std::vector<std::string>& accounts, Date opened) {
        for (const auto& a : accounts) {
            if (format_ == ExportFormat::beancount) {
                out_ << fmt::format("{} open {} DKK\n", opened.iso(), beanAccount(a));
                continue;
            }
            out_ << "account " << a;
            // hledger's account types make `hledger bs` and `hledger is` work.
            if (format_ == ExportFormat::hledger) {
                char type = a.starts_with("Aktiver") ? 'A' : a.starts_with("Passiver") ? 'L'
                            : a.starts_with("Egenkapital")                              ? 'E'
                            : a.starts_with("Indtægter")                                ? 'R'
                                                                                        : 'X';
                out_ << "  ; type: " << type;
            }
            out_ << '\n';
        }
        out_ << '\n';
    }

    void write(const Transaction& t) {
        if (format_ == ExportFormat::beancount) return writeBeancount(t);
        out_ << fmt::format("{} {} ({}) {}\n", t.date.iso(), t.settled ? '*' : '!', t.voucher,
                            journalText(t.description));
        for (const auto& [key, value] : t.meta) out_ << fmt::format("    ; {}: {}\n", key, metaValue(value));
        for (const auto& p : t.postings)
            out_ << fmt::format("    {:<40}  {:>18}\n", p.account, p.amount.danishNumber() + " kr");
        out_ << '\n';
    }

private:
    void writeBeancount(const Transaction& t) {
        out_ << fmt::format("{} {} ", t.date.iso(), t.settled ? '*' : '!');
        if (!t.payee.empty()) out_ << beanString(t.payee) << ' ';
        out_ << beanString(t.description);
        for (const auto& l : t.links) out_ << " ^" << l;
        out_ << '\n';
        std::set<std::string> seen;
        for (const auto& [key, value] : t.meta) {
            auto k = beanMetaKey(key);
            if (!seen.insert(k).second) continue; // one value per key (the first receipt)
            out_ << fmt::format("  {}: {}\n", k, beanString(value));
        }
        for (const auto& p : t.postings)
            out_ << fmt::format("  {:<40}  {:>14} DKK\n", beanAccount(p.account), p.amount.plain());
        out_ << '\n';
    }

    ExportFormat format_;
    std::ostream& out_;
};

std::map<std::int64_t, std::vector<std::string>> receiptPaths(Store& store) {
    std::map<std::int64_t, std::vector<std::string>> out;
    auto q = store.prepared("SELECT entry_id, sha256, extension FROM ledger_receipt ORDER BY id");
    while (q.executeStep())
        out[q.getColumn(0).getInt64()].push_back(receiptRelativePath(q.getColumn(1).getString(), q.getColumn(2).getString()));
    return out;
}

std::vector<std::string> accountsInUse(Store& store, FinanceModel model) {
    std::vector<std::string> out{moneyAccount(model), std::string(payablesAccount)};
    std::set<std::string> have(out.begin(), out.end());
    auto add = [&](std::string a) {
        if (have.insert(a).second) out.push_back(std::move(a));
    };
    for (const auto& k : incomeKinds()) add(std::string(k.account));
    for (const auto& c : expenseCategories())
        if (c.policy != CategoryPolicy::disallowed) add(fmt::format("Udgifter:{}", c.account));
    // A category outside today's policy table still has its account.
    auto q = store.prepared("SELECT DISTINCT kind, category FROM ledger_day_total");
    while (q.executeStep()) {
        std::string category = q.getColumn(1).getString();
        if (q.getColumn(0).getString() == "income") {
            const auto* k = findIncomeKind(category);
            add(k ? std::string(k->account) : "Indtægter:" + category);
        } else {
            const auto* c = findExpenseCategory(category);
            add(fmt::format("Udgifter:{}", c ? c->account : category));
        }
    }
    return out;
}

Date firstDay(Store& store, Date fallback) {
    auto q = store.prepared("SELECT min(day) FROM ledger_day_total");
    if (q.executeStep() && !q.getColumn(0).isNull()) return Date::parse(q.getColumn(0).getString());
    return fallback;
}

} // namespace

ExportFormat parseExportFormat(std::string_view text) {
    if (text == "hledger") return ExportFormat::hledger;
    if (text == "ledger") return ExportFormat::ledger;
    if (text == "beancount") return ExportFormat::beancount;
    throw InvalidValue(fmt::format("--to {}: unknown format — use hledger, ledger, beancount or csv", text));
}

ExportSummary exportJournal(Store& store, const Config& config, ExportFormat format, std::ostream& out, Date today) {
    const auto model = financeModel(config);
    const std::string money = moneyAccount(model);
    const std::string payables(payablesAccount);
    JournalWriter w(format, out);
    w.header(config, today, model);
    w.declare(accountsInUse(store, model), firstDay(store, today));
    if (format == ExportFormat::beancount) out << fmt::format("{} commodity DKK\n\n", firstDay(store, today).iso());
    const auto receipts = receiptPaths(store);

    ExportSummary summary;
    // In voucher order, each entry's steps together: readable as the books
    // are kept, and a million entries stream without being held in memory.
    forEachEntry(store, "", nullptr, [&](const LedgerEntry& e) {
        ++summary.entries;
        Transaction base;
        base.voucher = e.voucher;
        base.payee = e.payee;
        base.description = e.text;
        base.links.push_back(e.voucher);
        if (e.reversesId) {
            base.description = fmt::format("Tilbageførsel af {}: {}", e.reversesVoucher, e.text);
            base.links.push_back(e.reversesVoucher);
        }
        base.meta.emplace_back("Bilag", e.voucher);
        auto emit = [&](Transaction t) {
            ++summary.transactions;
            w.write(t);
        };
        if (e.kind == EntryKind::income) {
            Transaction t = base;
            t.date = e.date;
            t.meta.emplace_back("Kategori", e.category);
            if (e.reversesId) {
                t.meta.emplace_back("Reverses", e.reversesVoucher);
                t.meta.emplace_back("Årsag", e.reason);
            }
            t.postings = {{money, e.amount}, {e.account, -e.amount}};
            return emit(t);
        }
        // The expense on its date; paid the same day, one transaction.
        Transaction rec = base;
        rec.date = e.date;
        rec.meta.emplace_back("Kategori", e.category);
        if (e.meetingId) rec.meta.emplace_back("Møde", std::to_string(*e.meetingId));
        if (!e.payee.empty()) rec.meta.emplace_back("Modtager", e.payee);
        if (auto it = receipts.find(e.id); it != receipts.end())
            for (const auto& p : it->second) rec.meta.emplace_back("Kvittering", p);
        if (e.reversesId) {
            rec.meta.emplace_back("Reverses", e.reversesVoucher);
            rec.meta.emplace_back("Årsag", e.reason);
        }
        const bool paidSameDay = e.paidOn && *e.paidOn == e.date;
        // Settled: nothing more will happen to it.
        rec.settled = e.paidOn || e.rejectedOn || e.status == EntryStatus::reversed || e.reversesId;
        rec.postings = {{e.account, e.amount}, {paidSameDay ? money : payables, -e.amount}};
        if (paidSameDay) rec.meta.emplace_back("Trin", "udbetalt");
        emit(rec);
        if (e.paidOn && !paidSameDay) {
            Transaction pay = base;
            pay.date = *e.paidOn;
            pay.meta.emplace_back("Trin", "udbetalt");
            pay.postings = {{payables, e.amount}, {money, -e.amount}};
            emit(pay);
        }
        if (e.rejectedOn) {
            Transaction rej = base;
            rej.date = *e.rejectedOn;
            rej.meta.emplace_back("Trin", "afvist");
            rej.meta.emplace_back("Årsag", e.rejectReason);
            rej.postings = {{payables, e.amount}, {e.account, -e.amount}};
            emit(rej);
        }
    });
    return summary;
}

} // namespace klynge
