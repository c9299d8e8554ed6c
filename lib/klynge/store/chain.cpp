#include "klynge/store/chain.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>

namespace klynge {
namespace {

// The registry. Issue 5 (payouts, B-income reports) and issue 7 (votes,
// elections) add their tables here.
constexpr std::array tables{
    // Money (ledger.hpp): entries, their status events and their receipts.
    ChainedTable{"ledger_entry",
                 "voucher, voucher_year, voucher_seq, kind, entry_date, amount_ore, category, text, payee, "
                 "meeting_id, reverses_id, reason, recorded_on",
                 "'ledger entry ' || voucher || ' (#' || id || ')'"},
    ChainedTable{"ledger_event", "entry_id, event, event_date, amount_ore, note, recorded_on",
                 "'the ' || event || ' event (#' || id || ') of ledger entry ' || "
                 "coalesce((SELECT voucher FROM ledger_entry WHERE id = entry_id), '#' || entry_id)"},
    ChainedTable{"ledger_receipt", "entry_id, sha256, extension, file_name, bytes, added_on",
                 "'receipt #' || id || ' of ledger entry ' || "
                 "coalesce((SELECT voucher FROM ledger_entry WHERE id = entry_id), '#' || entry_id)"},
    // Honoraria and SKAT (skat.hpp): payouts, their B-income records and the
    // marks that they were reported to eIndkomst.
    ChainedTable{"payout",
                 "payee_id, contract_id, period, kind, paid_on, amount_ore, vat_ore, ledger_entry_id, recorded_on",
                 "'payout #' || id || ' of ' || paid_on"},
    ChainedTable{"b_income", "payout_id, payee_id, month, field, amount_ore, recorded_on",
                 "'B-income record #' || id || ' of ' || month"},
    ChainedTable{"skat_report", "month, reference, reported_on, recorded_on",
                 "'the SKAT report mark #' || id || ' of ' || month"},
    ChainedTable{"skat_report_item", "report_id, b_income_id",
                 "'item #' || id || ' of SKAT report mark #' || report_id"},
    // Decisions (vote.hpp): motions, ballots, elections and dot votes.
    ChainedTable{"decision",
                 "meeting_id, kind, subject, eligible_present, yes, no, blank, by_ballot, share_numerator, "
                 "share_denominator, casting_vote, outcome, by_lot, role_assignment_id, succeeded_assignment_id, "
                 "supersedes_id, reason, decided_on, recorded_on",
                 "'decision #' || id || ' (' || kind || ': ' || subject || ', meeting #' || meeting_id || ')'"},
    ChainedTable{"decision_ballot", "decision_id, member_id, choice",
                 "'ballot #' || id || ' of decision #' || decision_id"},
    ChainedTable{"election_candidate", "decision_id, member_id, votes, elected",
                 "'candidate #' || id || ' (member #' || member_id || ') of decision #' || decision_id"},
    ChainedTable{"idea", "title, meeting_id, added_on", "'idea #' || id || ' (' || title || ')'"},
    ChainedTable{"dot_result", "decision_id, idea_id, dots, chosen",
                 "'dot result #' || id || ' (idea #' || idea_id || ') of decision #' || decision_id"},
    ChainedTable{"dot_allocation", "decision_id, member_id, idea_id, dots",
                 "'dots #' || id || ' (member #' || member_id || ') of decision #' || decision_id"},
};

// The hash before the first link.
const std::string genesis(64, '0');

std::string linkHash(const std::string& previous, const std::string& canonical) {
    return sha256Hex(previous + "\n" + canonical);
}

std::string selectRow(const ChainedTable& t) { return fmt::format("SELECT id, {} FROM {}", t.columns, t.table); }

std::string escaped(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else out += c;
    }
    return out;
}

// Names a record for a message: "ledger entry B-2026-007 (#7)".
std::string recordLabel(Store& store, const ChainedTable& t, std::int64_t id) {
    SQLite::Statement q(store.db(), fmt::format("SELECT {} FROM {} WHERE id = ?", t.label, t.table));
    q.bind(1, id);
    if (q.executeStep() && !q.getColumn(0).isNull()) return q.getColumn(0).getString();
    return fmt::format("{} #{}", t.table, id);
}

constexpr std::string_view howToFix =
    "restore klynge.db from git or from a dump (`klynge restore`); klynge corrects money records and decisions "
    "only by appending, e.g. `klynge ledger reverse`, `klynge vote --supersedes`";

// Walks one table's rows in id order beside the chain (a merge, not a
// lookup per link: a million records verify in seconds).
struct Cursor {
    SQLite::Statement rows;
    bool hasRow = false;
    std::int64_t id = 0;
    Cursor(Store& store, const ChainedTable& t) : rows(store.db(), selectRow(t) + " ORDER BY id") { advance(); }
    void advance() {
        hasRow = rows.executeStep();
        if (hasRow) id = rows.getColumn(0).getInt64();
    }
};

} // namespace

std::string sha256Hex(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
        throw StorageError("SHA-256 failed in OpenSSL — please report this");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0f];
    }
    return out;
}

std::span<const ChainedTable> chainedTables() { return tables; }

const ChainedTable& chainedTable(std::string_view table) {
    for (const auto& t : tables)
        if (t.table == table) return t;
    throw StorageError(fmt::format("{} is not a chained table — please report this", table));
}

std::string canonicalText(std::string_view table, SQLite::Statement& row) {
    std::string out = fmt::format("{} #{}", table, row.getColumn(0).getInt64());
    for (int i = 1; i < row.getColumnCount(); ++i) {
        auto col = row.getColumn(i);
        out += '\n';
        out += row.getColumnName(i);
        switch (col.getType()) {
        case SQLITE_NULL: out += "=null"; break;
        case SQLITE_INTEGER: out += fmt::format("=i:{}", col.getInt64()); break;
        case SQLITE_FLOAT: out += fmt::format("=r:{:.17g}", col.getDouble()); break;
        case SQLITE_BLOB: {
            out += "=b:";
            auto* p = static_cast<const unsigned char*>(col.getBlob());
            for (int b = 0; b < col.getBytes(); ++b) out += fmt::format("{:02x}", p[b]);
            break;
        }
        default: out += "=t:" + escaped(col.getString()); break;
        }
    }
    return out;
}

ChainAppender::ChainAppender(Store& store)
    : store_(store), insert_(store.db(), "INSERT INTO chain(record_table, record_id, hash) VALUES (?, ?, ?)") {}

std::string ChainAppender::append(std::string_view table, std::int64_t id) {
    if (!last_) {
        SQLite::Statement q(store_.db(), "SELECT hash FROM chain ORDER BY seq DESC LIMIT 1");
        last_ = q.executeStep() ? q.getColumn(0).getString() : genesis;
    }
    auto it = reads_.find(std::string(table));
    if (it == reads_.end()) {
        const auto& spec = chainedTable(table);
        it = reads_.emplace(std::string(table), SQLite::Statement(store_.db(), selectRow(spec) + " WHERE id = ?")).first;
    }
    auto& read = it->second;
    read.reset();
    read.bind(1, id);
    if (!read.executeStep())
        throw StorageError(fmt::format("{} #{} is missing just after it was written — please report this", table, id));
    std::string hash = linkHash(*last_, canonicalText(table, read));
    read.reset();
    insert_.reset();
    insert_.bind(1, std::string(table));
    insert_.bind(2, id);
    insert_.bind(3, hash);
    insert_.exec();
    last_ = hash;
    return hash;
}

std::string appendToChain(Store& store, std::string_view table, std::int64_t id) {
    return ChainAppender(store).append(table, id);
}

ChainReport verifyChain(Store& store) {
    ChainReport report;
    std::map<std::string, std::unique_ptr<Cursor>, std::less<>> cursors;
    for (const auto& t : tables) cursors.emplace(std::string(t.table), std::make_unique<Cursor>(store, t));

    SQLite::Statement links(store.db(), "SELECT seq, record_table, record_id, hash FROM chain ORDER BY seq");
    std::string previous = genesis;
    // A mismatch at link n is either the record changed (link n+1 still
    // follows from the stored hash n) or the stored hash changed (it does not).
    std::optional<ChainBreak> suspect;
    auto unlinked = [&](const ChainedTable& t, std::int64_t id, std::int64_t seq) {
        auto label = recordLabel(store, t, id);
        return ChainBreak{seq, label,
                          fmt::format("{} is not in the hash chain: it was added behind klynge's back — {}", label,
                                      howToFix)};
    };
    while (links.executeStep()) {
        const std::int64_t seq = links.getColumn(0).getInt64();
        const std::string table = links.getColumn(1).getString();
        const std::int64_t id = links.getColumn(2).getInt64();
        const std::string stored = links.getColumn(3).getString();
        ++report.links;
        report.head = stored;
        auto found = cursors.find(table);
        if (found == cursors.end()) {
            report.firstBreak = ChainBreak{seq, table,
                                           fmt::format("link {} of the hash chain names table {}, which klynge does "
                                                       "not chain — {}",
                                                       seq, table, howToFix)};
            return report;
        }
        const auto& spec = chainedTable(table);
        Cursor& cur = *found->second;
        if (cur.hasRow && cur.id < id) {
            report.firstBreak = unlinked(spec, cur.id, seq);
            return report;
        }
        if (!cur.hasRow || cur.id > id) {
            report.firstBreak = ChainBreak{seq, fmt::format("{} #{}", table, id),
                                           fmt::format("link {} of the hash chain is for {} #{}, which is missing: it "
                                                       "was deleted behind klynge's back — {}",
                                                       seq, table, id, howToFix)};
            return report;
        }
        const std::string computed = linkHash(previous, canonicalText(table, cur.rows));
        if (suspect) {
            // The link before did not match; this one tells which part changed.
            if (computed != stored) {
                suspect->what = fmt::format("link {} of the hash chain ({}) was altered behind klynge's back — {}",
                                            suspect->seq, suspect->record, howToFix);
            }
            report.firstBreak = suspect;
            return report;
        }
        if (computed != stored) {
            auto label = recordLabel(store, spec, id);
            suspect = ChainBreak{seq, label,
                                 fmt::format("{} was changed after it was written: it no longer matches link {} of "
                                             "the hash chain — {}",
                                             label, seq, howToFix)};
        }
        previous = stored;
        cur.advance();
    }
    if (suspect) {
        suspect->what = fmt::format("{} or its link {} in the hash chain was changed behind klynge's back — {}",
                                    suspect->record, suspect->seq, howToFix);
        report.firstBreak = suspect;
        return report;
    }
    for (const auto& t : tables) {
        auto& cur = *cursors.at(std::string(t.table));
        if (cur.hasRow) {
            report.firstBreak = unlinked(t, cur.id, 0);
            return report;
        }
    }
    return report;
}

} // namespace klynge
