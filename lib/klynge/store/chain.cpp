#include "klynge/store/chain.hpp"
#include "klynge/store/chain_detail.hpp"
#include "klynge/store/sha256.hpp"

#include "klynge/text/error.hpp"

#include <fmt/format.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <fstream>
#include <unistd.h>
#include <unordered_map>

namespace klynge {
namespace chain_detail {

// Tables that are not records: derived sums (checked by recomputing them,
// money.totals) and the chain itself.
constexpr std::array unchained{
    std::string_view("chain"),
    std::string_view("chain_head"),
    std::string_view("ledger_day_total"),
    std::string_view("merge_conflict"),
};

// How messages name a record, for the tables people know by a number or a
// name; any other record is "TABLE #ID".
struct Label {
    std::string_view table;
    std::string_view sql; // an expression over the row
};
constexpr std::array labels{
    Label{"ledger_entry", "'ledger entry ' || voucher"},
    Label{"ledger_event", "'the ' || event || ' event of ledger entry ' || "
                          "coalesce((SELECT voucher FROM ledger_entry WHERE id = entry_id), '#' || entry_id)"},
    Label{"ledger_receipt", "'a receipt of ledger entry ' || "
                            "coalesce((SELECT voucher FROM ledger_entry WHERE id = entry_id), '#' || entry_id)"},
    Label{"member", "'member #' || number || coalesce(' (' || name || ')', '')"},
    Label{"meeting", "'meeting #' || number || ' (' || title || ')'"},
    Label{"decision", "'decision #' || number || ' (' || kind || ': ' || subject || ')'"},
    Label{"contract", "'contract #' || number"},
    Label{"practice", "'practice ' || ydernummer"},
    Label{"practice_patients", "'the patient count of ' || as_of || ' of practice ' || "
                               "coalesce((SELECT ydernummer FROM practice WHERE id = practice_id), '#' || practice_id)"},
    Label{"meeting_invitee", "'the answer and attendance of ' || coalesce((SELECT name FROM member WHERE id = member_id), "
                             "guest_name, guest_email, '#' || id) || ' at meeting #' || "
                             "coalesce((SELECT number FROM meeting WHERE id = meeting_id), '?')"},
    Label{"member_change", "'a recorded change of ' || field || ' on ' || changed_on || ' of member #' || "
                           "coalesce((SELECT number FROM member WHERE id = member_id), '?')"},
    Label{"role_assignment", "'the ' || role || ' role from ' || from_date"},
    Label{"payout", "'the payout of ' || paid_on"},
    Label{"b_income", "'the B-income record of ' || month"},
    Label{"skat_report", "'the SKAT report mark of ' || month"},
    Label{"audit", "'audit record ' || at || ' (' || substr(command, 1, 60) || ')'"},
};

void appendInt(std::string& out, std::int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

Sha256Hasher& threadHasher() {
    thread_local Sha256Hasher h;
    return h;
}

Sha256 tombstoneDigest(std::string_view table, std::int64_t id) {
    std::string text(table);
    text += " #";
    appendInt(text, id);
    text += "\n(deleted)";
    return sha256(text);
}

// A link's parents as stored: "LINK:TABLE#ID LINK:TABLE#ID", by link id.
std::string parentsText(const std::vector<ChainHead>& parents) {
    std::string out;
    for (const auto& p : parents) {
        if (!out.empty()) out += ' ';
        appendInt(out, p.link);
        out += ':';
        out += p.record;
    }
    return out;
}

// Parses parentsText; false for text klynge never writes.
bool parseParents(std::string_view text, std::vector<ParentRef>& out) {
    out.clear();
    while (!text.empty()) {
        auto space = text.find(' ');
        auto item = text.substr(0, space);
        auto colon = item.find(':');
        if (colon == std::string_view::npos) return false;
        ParentRef p;
        auto r = std::from_chars(item.data(), item.data() + colon, p.link);
        if (r.ec != std::errc() || r.ptr != item.data() + colon) return false;
        p.record = item.substr(colon + 1);
        out.push_back(p);
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
    }
    return true;
}

Sha256 linkHash(const std::vector<const Sha256*>& parentHashes, std::string_view table, std::int64_t id,
                const Sha256& digest) {
    Sha256Hasher& h = threadHasher();
    h.begin();
    for (const auto* p : parentHashes) h.add(p->data(), p->size());
    thread_local std::string name;
    name.assign("\n");
    name += table;
    name += '#';
    appendInt(name, id);
    name += '\n';
    h.add(name);
    h.add(digest.data(), digest.size());
    return h.end();
}

Sha256 blobHash(const SQLite::Column& c) {
    Sha256 out{};
    if (c.getType() == SQLITE_BLOB && c.getBytes() == static_cast<int>(out.size()))
        std::memcpy(out.data(), c.getBlob(), out.size());
    return out;
}

std::vector<std::string> tableColumns(SQLite::Database& db, std::string_view table) {
    std::vector<std::string> cols;
    SQLite::Statement info(db, fmt::format("SELECT name FROM pragma_table_info('{}') WHERE name <> 'id' ORDER BY name",
                                           table));
    while (info.executeStep()) cols.push_back(info.getColumn(0).getString());
    return cols;
}

std::string selectRow(std::string_view table, const std::vector<std::string>& cols) {
    std::string sql = "SELECT id";
    for (const auto& c : cols) sql += ", \"" + c + "\"";
    sql += fmt::format(" FROM \"{}\"", table);
    return sql;
}

namespace {
// One column of the canonical text: "\nNAME=i:123", "\nNAME=t:text" with
// backslash, line feed and carriage return escaped.
void appendInteger(std::string& out, std::string_view column, std::int64_t v) {
    out += '\n';
    out += column;
    out += "=i:";
    appendInt(out, v);
}
void appendText(std::string& out, std::string_view column, std::string_view text) {
    out += '\n';
    out += column;
    out += "=t:";
    std::size_t plain = 0; // the first character not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (ch != '\\' && ch != '\n' && ch != '\r') continue;
        out.append(text.data() + plain, i - plain);
        out += ch == '\\' ? "\\\\" : ch == '\n' ? "\\n" : "\\r";
        plain = i + 1;
    }
    out.append(text.data() + plain, text.size() - plain);
}
void beginRecord(std::string& out, std::string_view table, std::int64_t id) {
    out.assign(table);
    out += " #";
    appendInt(out, id);
}

// Column c of the row q stands on, as NAME; nothing for NULL.
void appendColumn(std::string& out, std::string_view name, sqlite3_stmt* q, int c) {
    switch (sqlite3_column_type(q, c)) {
    case SQLITE_NULL: break;
    case SQLITE_INTEGER: appendInteger(out, name, sqlite3_column_int64(q, c)); break;
    case SQLITE_FLOAT:
        out += '\n';
        out += name;
        out += fmt::format("=r:{:.17g}", sqlite3_column_double(q, c));
        break;
    case SQLITE_BLOB: {
        out += '\n';
        out += name;
        out += "=b:";
        auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(q, c));
        static constexpr char hex[] = "0123456789abcdef";
        for (int n = sqlite3_column_bytes(q, c), b = 0; b < n; ++b) {
            out += hex[p[b] >> 4];
            out += hex[p[b] & 0x0f];
        }
        break;
    }
    default: {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q, c));
        appendText(out, name, std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(q, c))));
        break;
    }
    }
}
} // namespace

void canonicalInto(std::string& out, std::string_view table, const std::vector<std::string>& cols,
                   sqlite3_stmt* q) {
    beginRecord(out, table, sqlite3_column_int64(q, 0));
    for (std::size_t i = 0; i < cols.size(); ++i) appendColumn(out, cols[i], q, static_cast<int>(i + 1));
}

ColumnOrder ColumnOrder::of(sqlite3_stmt* q) {
    ColumnOrder order;
    std::vector<std::pair<std::string, int>> named;
    for (int c = 0, n = sqlite3_column_count(q); c < n; ++c) {
        std::string name = sqlite3_column_name(q, c);
        if (name == "id") order.id = c;
        else named.emplace_back(std::move(name), c);
    }
    std::sort(named.begin(), named.end());
    for (auto& [name, c] : named) {
        order.names.push_back(std::move(name));
        order.at.push_back(c);
    }
    return order;
}

void canonicalInto(std::string& out, std::string_view table, const ColumnOrder& order, sqlite3_stmt* q) {
    beginRecord(out, table, sqlite3_column_int64(q, order.id));
    for (std::size_t i = 0; i < order.names.size(); ++i) appendColumn(out, order.names[i], q, order.at[i]);
}

void Raw::fail(const char* why) {
    throw StorageError(fmt::format("reading the records for the hash chain failed: {} — run the command again; if "
                                   "it persists, run `klynge check`",
                                   why));
}

std::vector<std::string> chainedTableNames(SQLite::Database& db) {
    std::vector<std::string> names;
    SQLite::Statement q(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                            "ORDER BY name");
    while (q.executeStep()) {
        auto name = q.getColumn(0).getString();
        if (isChainedTable(name)) names.push_back(name);
    }
    return names;
}

} // namespace chain_detail

using namespace chain_detail;

Sha256 sha256(std::string_view data) {
    Sha256Hasher& h = threadHasher();
    h.begin();
    h.add(data);
    return h.end();
}

std::string toHex(const Sha256& digest) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (unsigned char c : digest) {
        out += hex[c >> 4];
        out += hex[c & 0x0f];
    }
    return out;
}

std::string sha256Hex(std::string_view data) { return toHex(sha256(data)); }

bool isChainedTable(std::string_view table) {
    if (table.starts_with("sqlite_")) return false;
    return std::find(unchained.begin(), unchained.end(), table) == unchained.end();
}

std::string recordLabel(SQLite::Database& db, std::string_view table, std::int64_t id) {
    for (const auto& l : labels) {
        if (l.table != table) continue;
        try {
            SQLite::Statement q(db, fmt::format("SELECT {} FROM \"{}\" WHERE id = ?", l.sql, table));
            q.bind(1, id);
            if (q.executeStep() && !q.getColumn(0).isNull()) return q.getColumn(0).getString();
        } catch (const SQLite::Exception&) {
            // An older schema without the label's columns: the plain name.
        }
    }
    return fmt::format("{} #{}", table, id);
}

std::optional<std::string> canonicalText(SQLite::Database& db, std::string_view table, std::int64_t id) {
    auto cols = tableColumns(db, table);
    Raw q(db, selectRow(table, cols) + " WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    std::string out;
    canonicalInto(out, table, cols, q.get());
    return out;
}

RecordDigests::RecordDigests(SQLite::Database& db) : db_(db) {}
RecordDigests::~RecordDigests() = default;

std::optional<Sha256> RecordDigests::of(std::string_view table, std::int64_t id) {
    auto it = tables_.find(table);
    if (it == tables_.end()) {
        auto cols = tableColumns(db_, table);
        auto q = std::make_unique<Raw>(db_, selectRow(table, cols) + " WHERE id = ?");
        it = tables_.emplace(std::string(table), std::make_pair(std::move(cols), std::move(q))).first;
    }
    auto& [cols, q] = it->second;
    q->reset();
    q->bind(1, id);
    if (!q->step()) return std::nullopt;
    thread_local std::string text;
    canonicalInto(text, table, cols, q->get());
    q->reset();
    return sha256(text);
}

RowText::RowText(SQLite::Database& db, std::string_view table, const std::vector<std::string_view>& bound)
    : table_(table), columns_(tableColumns(db, table)) {
    if (columns_.size() != bound.size()) return;
    for (const auto& column : columns_) {
        auto at = std::find(bound.begin(), bound.end(), column);
        if (at == bound.end()) return;
        boundIndex_.push_back(static_cast<std::size_t>(at - bound.begin()));
    }
    usable_ = true;
}

Sha256 RowText::digest(std::int64_t id, const std::vector<BoundValue>& values, std::string& scratch) const {
    beginRecord(scratch, table_, id);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const BoundValue& v = values[boundIndex_[i]];
        if (v.type == BoundValue::Type::integer) appendInteger(scratch, columns_[i], v.integer);
        else if (v.type == BoundValue::Type::text) appendText(scratch, columns_[i], v.text);
    }
    return sha256(scratch);
}

void KnownDigests::add(std::string_view table, std::vector<std::pair<std::int64_t, Sha256>> digests) {
    auto& t = tables_[std::string(table)];
    if (t.digests.empty()) t.digests = std::move(digests);
    else t.digests.insert(t.digests.end(), digests.begin(), digests.end());
}

const Sha256* KnownDigests::find(std::string_view table, std::int64_t id) {
    auto it = tables_.find(table);
    if (it == tables_.end()) return nullptr;
    auto& t = it->second;
    const auto& d = t.digests;
    if (t.cursor >= d.size() || d[t.cursor].first > id) t.cursor = 0;
    auto at = std::lower_bound(d.begin() + static_cast<std::ptrdiff_t>(t.cursor), d.end(), id,
                               [](const auto& known, std::int64_t wanted) { return known.first < wanted; });
    t.cursor = static_cast<std::size_t>(at - d.begin());
    return at != d.end() && at->first == id ? &at->second : nullptr;
}

void KnownDigests::forget(std::string_view table) {
    if (auto it = tables_.find(table); it != tables_.end()) tables_.erase(it);
}

void KnownDigests::verify(SQLite::Database& db) {
    RecordDigests stored(db);
    for (const auto& [table, t] : tables_) {
        const auto& d = t.digests;
        if (!std::is_sorted(d.begin(), d.end(), [](const auto& a, const auto& b) { return a.first < b.first; }))
            throw StorageError(fmt::format("the digests of the new {} rows are out of order — please report this; "
                                           "nothing was written",
                                           table));
        for (std::size_t at : {std::size_t{0}, d.size() / 2, d.size() - 1}) {
            if (at >= d.size()) continue;
            if (stored.of(table, d[at].first) != d[at].second)
                throw StorageError(fmt::format("the record text of the new {} rows differs from what a reader "
                                               "computes (row {}) — please report this; nothing was written",
                                               table, d[at].first));
        }
    }
}

std::vector<ChainHead> readChainHeads(SQLite::Database& db) {
    std::vector<ChainHead> heads;
    // CROSS JOIN: the few heads first, each link by its id (not a scan of
    // the chain in id order).
    SQLite::Statement q(db, "SELECT c.id, c.hash, c.record_table, c.record_id FROM chain_head h "
                            "CROSS JOIN chain c ON c.id = h.link_id ORDER BY h.link_id");
    while (q.executeStep())
        heads.push_back({q.getColumn(0).getInt64(), blobHash(q.getColumn(1)),
                         fmt::format("{}#{}", q.getColumn(2).getString(), q.getColumn(3).getInt64())});
    return heads;
}

std::int64_t linkEveryRow(SQLite::Database& db, const std::vector<std::string>& tables, std::int64_t nextLink) {
    ChainLinker linker(db, ChainLinker::Writes::held);
    for (const auto& table : tables) {
        std::vector<std::int64_t> ids;
        SQLite::Statement rows(db, fmt::format("SELECT id FROM \"{}\" ORDER BY id", table));
        while (rows.executeStep()) ids.push_back(rows.getColumn(0).getInt64());
        for (auto id : ids) linker.link(table, id, nextLink++);
    }
    linker.finish();
    return nextLink;
}

// ---- klynge.head -----------------------------------------------------

std::filesystem::path chainAnchorFile(const std::filesystem::path& database) {
    auto p = database;
    p.replace_extension(".head");
    return p;
}

std::filesystem::path pendingChainAnchorFile(const std::filesystem::path& database) {
    auto p = chainAnchorFile(database);
    p += "-pending";
    return p;
}

std::string chainAnchorText(const std::vector<ChainHead>& heads) {
    std::string out = "# The newest links of klynge.db's hash chain: `klynge check` holds the database to them.\n"
                      "# Written by klynge with every change; versioned in git (merge=union). Do not edit.\n";
    for (const auto& h : heads) out += fmt::format("{} {} {}\n", h.link, toHex(h.hash), h.record);
    return out;
}

bool vouchedByAnchor(SQLite::Database& db, std::int64_t link, const std::set<std::int64_t>& anchored) {
    SQLite::Statement q(db, "SELECT parents, record_table, record_id FROM chain WHERE id = ?");
    std::vector<ParentRef> parents;
    std::string text;
    auto read = [&](std::int64_t id, std::string& table, std::int64_t& record) {
        q.reset();
        q.bind(1, id);
        if (!q.executeStep()) return false;
        text = q.getColumn(0).getString();
        table = q.getColumn(1).getString();
        record = q.getColumn(2).getInt64();
        q.reset();
        return parseParents(text, parents);
    };
    if (anchored.count(link)) return true;
    // Back along single parents: none of them may be anchored (that would be
    // a plain link after an anchored head — added behind klynge's back).
    for (std::int64_t id = link;;) {
        std::string table;
        std::int64_t record = 0;
        if (!read(id, table, record) || parents.empty()) return false;
        if (parents.size() == 1) {
            id = parents.front().link;
            if (anchored.count(id)) return false;
            continue;
        }
        SQLite::Statement audit(db, "SELECT command FROM audit WHERE id = ?");
        audit.bind(1, record);
        if (table != "audit" || !audit.executeStep() || audit.getColumn(0).getString() != "klynge merge-driver")
            return false;
        std::vector<std::int64_t> ids;
        for (const auto& p : parents) ids.push_back(p.link);
        for (auto p : ids)
            if (!vouchedByAnchor(db, p, anchored)) return false;
        return true;
    }
}

std::optional<std::vector<AnchoredHead>> readChainAnchor(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return std::nullopt;
    std::vector<AnchoredHead> heads;
    std::string line;
    std::size_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line.starts_with('#')) continue;
        AnchoredHead h;
        auto a = line.find(' ');
        auto b = a == std::string::npos ? a : line.find(' ', a + 1);
        bool ok = b != std::string::npos;
        if (ok) {
            auto r = std::from_chars(line.data(), line.data() + a, h.link);
            h.hashHex = line.substr(a + 1, b - a - 1);
            h.record = line.substr(b + 1);
            ok = r.ec == std::errc() && r.ptr == line.data() + a && h.hashHex.size() == 64 &&
                 h.hashHex.find_first_not_of("0123456789abcdef") == std::string::npos;
        }
        if (!ok)
            throw StorageError(fmt::format("{}:{}: not a head of the hash chain (\"LINK HASH RECORD\") — restore the "
                                           "file from git with `git checkout -- {}`",
                                           file.filename().string(), lineNo, file.filename().string()));
        heads.push_back(std::move(h));
    }
    std::sort(heads.begin(), heads.end(), [](const auto& x, const auto& y) { return x.link < y.link; });
    heads.erase(std::unique(heads.begin(), heads.end(),
                            [](const auto& x, const auto& y) { return x.link == y.link && x.hashHex == y.hashHex; }),
                heads.end());
    return heads;
}

namespace {

void writeFile(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
        out.close();
        std::error_code ec;
        std::filesystem::remove(file, ec);
        throw StorageError(fmt::format("cannot write {} — check the disk and the directory's permissions",
                                       file.filename().string()));
    }
}

void writeFileReplacing(const std::filesystem::path& target, const std::string& text) {
    auto tmp = target;
    tmp += fmt::format(".{}.klynge-tmp", ::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw StorageError(fmt::format("cannot write {} — check the disk and the directory's permissions",
                                           target.filename().string()));
        }
    }
    std::filesystem::rename(tmp, target);
}

bool sameHeads(const std::vector<AnchoredHead>& file, const std::vector<ChainHead>& db) {
    if (file.size() != db.size()) return false;
    for (std::size_t i = 0; i < file.size(); ++i)
        if (file[i].link != db[i].link || file[i].hashHex != toHex(db[i].hash)) return false;
    return true;
}

} // namespace

bool settlePendingChainAnchor(SQLite::Database& db, const std::filesystem::path& database) {
    auto pending = pendingChainAnchorFile(database);
    std::error_code ec;
    if (!std::filesystem::exists(pending, ec)) return false;
    // A writer may be between writing it and committing: wait for the write
    // lock, then look again (a writer that committed meanwhile has renamed it,
    // or leaves the rename to us).
    SQLite::Transaction lock(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (!std::filesystem::exists(pending, ec)) return false;
    std::optional<std::vector<AnchoredHead>> heads;
    try {
        heads = readChainAnchor(pending);
    } catch (const StorageError&) {
        // Half written when the command was killed: it never committed.
    }
    if (heads && sameHeads(*heads, readChainHeads(db))) std::filesystem::rename(pending, chainAnchorFile(database), ec);
    else std::filesystem::remove(pending, ec);
    return true;
}

void writeChainAnchor(SQLite::Database& db, const std::filesystem::path& database) {
    writeFileReplacing(chainAnchorFile(database), chainAnchorText(readChainHeads(db)));
}

void writePendingChainAnchor(SQLite::Database& db, const std::filesystem::path& database) {
    writeFile(pendingChainAnchorFile(database), chainAnchorText(readChainHeads(db)));
}

void finishChainAnchor(const std::filesystem::path& database) {
    std::error_code ec;
    std::filesystem::rename(pendingChainAnchorFile(database), chainAnchorFile(database), ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
        throw StorageError(fmt::format("cannot update {}: {} — the change is committed; run `klynge check`",
                                       chainAnchorFile(database).filename().string(), ec.message()));
}

} // namespace klynge
