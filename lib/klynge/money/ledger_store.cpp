#include "klynge/money/ledger_store.hpp"

#include "klynge/text/error.hpp"

#include "klynge/store/record_id.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <unordered_set>

namespace klynge {
namespace {

std::string accountOf(EntryKind kind, const std::string& category) {
    if (kind == EntryKind::income) {
        if (auto* k = findIncomeKind(category)) return std::string(k->account);
        return "Indtægter:" + category;
    }
    if (auto* c = findExpenseCategory(category)) return fmt::format("Udgifter:{}", c->account);
    return "Udgifter:" + category;
}

void bindOptional(SQLite::Statement& q, int index, const std::string& s) {
    if (s.empty()) q.bind(index);
    else q.bind(index, s);
}

void bindOptional(SQLite::Statement& q, int index, const std::optional<std::int64_t>& v) {
    if (v) q.bind(index, *v);
    else q.bind(index);
}

std::optional<Date> optionalDate(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return Date::parse(c.getString());
}

std::string optionalText(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

} // namespace

std::string voucherName(int year, std::int64_t seq) { return fmt::format("B-{}-{:03}", year, seq); }

// Rows per multi-row INSERT in bulk mode; what is held back is written in
// chunks of powers of two (1024, 512, ..., 1), each statement prepared once
// (15 parameters a row, within SQLite's 32,766). Each such INSERT keeps a
// statement journal of the pages it changes that were there before it (the
// foreign keys make SQLite ready to undo it alone): the fewer statements,
// the fewer pages copied.
constexpr std::size_t bulkRows = 1024;
// Rows per batch handed to the digesting thread.
constexpr std::size_t digestedRows = 8192;

constexpr const char* entryInsert = "INSERT INTO ledger_entry(id, number, voucher, voucher_year, voucher_seq, kind, "
                                    "entry_date, amount_ore, category, text, payee, meeting_id, reverses_id, reason, "
                                    "recorded_on) VALUES ";
constexpr const char* entryPlaceholders = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
constexpr int entryParams = 15;
constexpr const char* eventInsert =
    "INSERT INTO ledger_event(id, entry_id, event, event_date, amount_ore, note, recorded_on) VALUES ";
constexpr const char* eventPlaceholders = "(?,?,?,?,?,?,?)";
constexpr int eventParams = 7;

LedgerWriter::LedgerWriter(Store& store, Mode mode)
    : store_(store), mode_(mode),
      entry_(store.db(), "INSERT INTO ledger_entry(id, number, voucher, voucher_year, voucher_seq, kind, entry_date, amount_ore, "
                         "category, text, payee, meeting_id, reverses_id, reason, recorded_on) "
                         "VALUES (klynge_id(), (SELECT coalesce(max(number), 0) + 1 FROM ledger_entry), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
      event_(store.db(), "INSERT INTO ledger_event(id, entry_id, event, event_date, amount_ore, note, recorded_on) "
                         "VALUES (klynge_id(), ?, ?, ?, ?, ?, ?)"),
      receipt_(store.db(), "INSERT INTO ledger_receipt(id, entry_id, sha256, extension, file_name, bytes, added_on) "
                           "VALUES (klynge_id(), ?, ?, ?, ?, ?, ?)"),
      day_(store.db(), "INSERT INTO ledger_day_total(day, kind, category, recorded_ore, rejected_ore, paid_ore, "
                       "entries) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(day, kind, category) DO UPDATE SET "
                       "recorded_ore = recorded_ore + ?4, rejected_ore = rejected_ore + ?5, "
                       "paid_ore = paid_ore + ?6, entries = entries + ?7"),
      maxSeq_(store.db(), "SELECT coalesce(max(voucher_seq), 0) FROM ledger_entry WHERE voucher_year = ?"),
      receiptExists_(store.db(), "SELECT 1 FROM ledger_receipt WHERE entry_id = ? AND sha256 = ?") {
    if (mode_ != Mode::bulk) return;
    // The columns writeHeldRows binds, in the order handOverDigests gives their values.
    auto entries = std::make_unique<RowText>(
        store.db(), "ledger_entry",
        std::vector<std::string_view>{"number", "voucher", "voucher_year", "voucher_seq", "kind", "entry_date",
                                      "amount_ore", "category", "text", "payee", "meeting_id", "reverses_id", "reason",
                                      "recorded_on"});
    auto events = std::make_unique<RowText>(
        store.db(), "ledger_event",
        std::vector<std::string_view>{"entry_id", "event", "event_date", "amount_ore", "note", "recorded_on"});
    if (entries->usable() && events->usable()) {
        entryText_ = std::move(entries);
        eventText_ = std::move(events);
    }
}

LedgerWriter::~LedgerWriter() = default;

void LedgerWriter::addToDay(Date day, EntryKind kind, const std::string& category, Money recorded, Money rejected,
                            Money paid, int entries) {
    if (mode_ == Mode::single) return writeDay(day, kind, category, {recorded, rejected, paid, entries});
    auto& sums = dayTotals_[{day, kind, category}];
    sums.recorded += recorded;
    sums.rejected += rejected;
    sums.paid += paid;
    sums.entries += entries;
}

void LedgerWriter::writeDay(Date day, EntryKind kind, const std::string& category, const DaySums& sums) {
    day_.reset();
    day_.bind(1, day.iso());
    day_.bind(2, std::string(kindName(kind)));
    day_.bind(3, category);
    day_.bind(4, sums.recorded.ore());
    day_.bind(5, sums.rejected.ore());
    day_.bind(6, sums.paid.ore());
    day_.bind(7, sums.entries);
    day_.exec();
}

std::int64_t LedgerWriter::nextNumber() {
    SQLite::Statement q(store_.db(), "SELECT coalesce(max(number), 0) + 1 FROM ledger_entry");
    q.executeStep();
    return q.getColumn(0).getInt64();
}

SQLite::Statement& LedgerWriter::batch(std::map<std::size_t, SQLite::Statement>& cache, const char* insert,
                                       const char* placeholders, std::size_t rows) {
    auto it = cache.find(rows);
    if (it == cache.end()) {
        std::string sql = insert;
        for (std::size_t i = 0; i < rows; ++i) {
            if (i) sql += ',';
            sql += placeholders;
        }
        it = cache.emplace(rows, SQLite::Statement(store_.db(), sql)).first;
    }
    it->second.reset();
    return it->second;
}

void LedgerWriter::writeHeldRows() {
    // Entries before events (an event refers to its entry), each in chunks
    // of powers of two; the strings live in the held rows until exec().
    for (std::size_t done = 0; done < heldEntries_.size();) {
        std::size_t n = bulkRows;
        while (n > heldEntries_.size() - done) n /= 2;
        auto& q = batch(entryBatches_, entryInsert, entryPlaceholders, n);
        for (std::size_t i = 0; i < n; ++i) {
            const HeldEntry& h = heldEntries_[done + i];
            const int p = static_cast<int>(i) * entryParams;
            q.bind(p + 1, h.id);
            q.bind(p + 2, h.number);
            q.bindNoCopy(p + 3, h.voucher);
            q.bind(p + 4, h.year);
            q.bind(p + 5, h.seq);
            q.bindNoCopy(p + 6, h.kind);
            q.bindNoCopy(p + 7, h.date);
            q.bind(p + 8, h.row.amount.ore());
            q.bindNoCopy(p + 9, h.row.category);
            q.bindNoCopy(p + 10, h.row.text);
            bindOptional(q, p + 11, h.row.payee);
            bindOptional(q, p + 12, h.row.meetingId);
            bindOptional(q, p + 13, h.row.reversesId);
            if (h.row.reversesId) q.bindNoCopy(p + 14, h.row.reason);
            else q.bind(p + 14);
            q.bindNoCopy(p + 15, h.recordedOn);
        }
        q.exec();
        done += n;
    }
    for (std::size_t done = 0; done < heldEvents_.size();) {
        std::size_t n = bulkRows;
        while (n > heldEvents_.size() - done) n /= 2;
        auto& q = batch(eventBatches_, eventInsert, eventPlaceholders, n);
        for (std::size_t i = 0; i < n; ++i) {
            const HeldEvent& h = heldEvents_[done + i];
            const int p = static_cast<int>(i) * eventParams;
            q.bind(p + 1, h.id);
            q.bind(p + 2, h.entryId);
            q.bindNoCopy(p + 3, h.event);
            q.bindNoCopy(p + 4, h.date);
            q.bind(p + 5, h.amount.ore());
            bindOptional(q, p + 6, h.note);
            q.bindNoCopy(p + 7, h.recordedOn);
        }
        q.exec();
        done += n;
    }
    if (!entryText_) {
        heldEntries_.clear();
        heldEvents_.clear();
        return;
    }
    // Written: digested with the next ones, on the other thread.
    writtenEntries_.insert(writtenEntries_.end(), std::make_move_iterator(heldEntries_.begin()),
                           std::make_move_iterator(heldEntries_.end()));
    writtenEvents_.insert(writtenEvents_.end(), std::make_move_iterator(heldEvents_.begin()),
                          std::make_move_iterator(heldEvents_.end()));
    heldEntries_.clear();
    heldEvents_.clear();
    if (writtenEntries_.size() + writtenEvents_.size() >= digestedRows) handOverDigests();
}

// The batch handed over before is taken to the store; this one goes to be
// digested, each row as writeHeldRows bound it.
void LedgerWriter::handOverDigests() {
    collectDigests();
    digesting_ = std::async(std::launch::async, [this, entries = std::move(writtenEntries_),
                                                 events = std::move(writtenEvents_)] {
        Digests out;
        std::string text;
        std::vector<BoundValue> v;
        out.entries.reserve(entries.size());
        for (const HeldEntry& h : entries) {
            const EntryRow& r = h.row;
            v.assign({BoundValue::of(h.number), BoundValue::of(h.voucher), BoundValue::of(h.year),
                      BoundValue::of(h.seq), BoundValue::of(h.kind), BoundValue::of(h.date),
                      BoundValue::of(r.amount.ore()), BoundValue::of(r.category), BoundValue::of(r.text),
                      BoundValue::orNull(r.payee), r.meetingId ? BoundValue::of(*r.meetingId) : BoundValue::null(),
                      r.reversesId ? BoundValue::of(*r.reversesId) : BoundValue::null(),
                      r.reversesId ? BoundValue::of(r.reason) : BoundValue::null(), BoundValue::of(h.recordedOn)});
            out.entries.emplace_back(h.id, entryText_->digest(h.id, v, text));
        }
        out.events.reserve(events.size());
        for (const HeldEvent& h : events) {
            v.assign({BoundValue::of(h.entryId), BoundValue::of(h.event), BoundValue::of(h.date),
                      BoundValue::of(h.amount.ore()), BoundValue::orNull(h.note), BoundValue::of(h.recordedOn)});
            out.events.emplace_back(h.id, eventText_->digest(h.id, v, text));
        }
        return out;
    });
    writtenEntries_.clear(); // moved from
    writtenEvents_.clear();
}

void LedgerWriter::collectDigests() {
    if (!digesting_.valid()) return;
    Digests d = digesting_.get();
    store_.knownDigests().add("ledger_entry", std::move(d.entries));
    store_.knownDigests().add("ledger_event", std::move(d.events));
}

void LedgerWriter::flush() {
    if (mode_ == Mode::single) return;
    writeHeldRows();
    if (entryText_) {
        handOverDigests();
        collectDigests();
    }
    for (const auto& [key, sums] : dayTotals_) writeDay(std::get<0>(key), std::get<1>(key), std::get<2>(key), sums);
    dayTotals_.clear();
}

std::pair<std::int64_t, std::string> LedgerWriter::insertEntry(const EntryRow& row, Date recordedOn) {
    const int year = row.date.year();
    auto last = lastSeq_.find(year);
    if (last == lastSeq_.end()) {
        maxSeq_.reset();
        maxSeq_.bind(1, year);
        maxSeq_.executeStep();
        last = lastSeq_.emplace(year, maxSeq_.getColumn(0).getInt64()).first;
        maxSeq_.reset();
    }
    const std::int64_t seq = ++last->second;
    std::string voucher = voucherName(year, seq);
    if (mode_ == Mode::bulk) {
        if (nextNumber_ == 0) nextNumber_ = nextNumber();
        const std::int64_t id = newRecordId();
        heldEntries_.push_back({id, nextNumber_++, seq, year, voucher, std::string(kindName(row.kind)),
                                row.date.iso(), recordedOn.iso(), row});
        addToDay(row.date, row.kind, row.category, row.amount, Money(), Money(), 1);
        if (heldEntries_.size() >= bulkRows) writeHeldRows();
        return {id, voucher};
    }
    entry_.reset();
    entry_.bind(1, voucher);
    entry_.bind(2, year);
    entry_.bind(3, seq);
    entry_.bind(4, std::string(kindName(row.kind)));
    entry_.bind(5, row.date.iso());
    entry_.bind(6, row.amount.ore());
    entry_.bind(7, row.category);
    entry_.bind(8, row.text);
    bindOptional(entry_, 9, row.payee);
    bindOptional(entry_, 10, row.meetingId);
    bindOptional(entry_, 11, row.reversesId);
    if (row.reversesId) entry_.bind(12, row.reason);
    else entry_.bind(12);
    entry_.bind(13, recordedOn.iso());
    entry_.exec();
    const std::int64_t id = store_.db().getLastInsertRowid();
    addToDay(row.date, row.kind, row.category, row.amount, Money(), Money(), 1);
    return {id, voucher};
}

std::int64_t LedgerWriter::insertEvent(std::int64_t entryId, EntryKind kind, const std::string& category,
                                       std::string_view event, Date date, Money amount, const std::string& note,
                                       Date recordedOn) {
    std::int64_t id = 0;
    if (mode_ == Mode::bulk) {
        id = newRecordId();
        heldEvents_.push_back({id, entryId, std::string(event), date.iso(), note, recordedOn.iso(), amount});
    } else {
        event_.reset();
        event_.bind(1, entryId);
        event_.bind(2, std::string(event));
        event_.bind(3, date.iso());
        event_.bind(4, amount.ore());
        bindOptional(event_, 5, note);
        event_.bind(6, recordedOn.iso());
        event_.exec();
        id = store_.db().getLastInsertRowid();
    }
    if (event == "rejected") addToDay(date, kind, category, Money(), amount, Money(), 0);
    else if (event == "paid") addToDay(date, kind, category, Money(), Money(), amount, 0);
    if (mode_ == Mode::bulk && heldEvents_.size() >= bulkRows) writeHeldRows();
    return id;
}

bool LedgerWriter::insertReceipt(std::int64_t entryId, const StagedReceipt& r, Date addedOn) {
    if (mode_ == Mode::bulk) writeHeldRows(); // the entry it belongs to is written first
    receiptExists_.reset();
    receiptExists_.bind(1, entryId);
    receiptExists_.bind(2, r.sha256);
    bool exists = receiptExists_.executeStep();
    receiptExists_.reset();
    if (exists) return false;
    receipt_.reset();
    receipt_.bind(1, entryId);
    receipt_.bind(2, r.sha256);
    receipt_.bind(3, r.extension);
    receipt_.bind(4, r.fileName);
    receipt_.bind(5, r.bytes);
    receipt_.bind(6, addedOn.iso());
    receipt_.exec();
    return true;
}

VoucherSample expensesWithoutReceipt(Store& store, Date at, std::size_t listed) {
    // The few entries that have a receipt, are reversed or rejected first,
    // then one pass over the expenses in the table's own order (the `+`
    // keeps SQLite off the indexes: by reverses_id or the date it looks up
    // every row one by one, seconds at a million entries).
    std::unordered_set<std::int64_t> excused;
    for (const char* sql : {"SELECT entry_id FROM ledger_receipt",
                            "SELECT reverses_id FROM ledger_entry WHERE reverses_id IS NOT NULL",
                            "SELECT entry_id FROM ledger_event WHERE event = 'rejected'"}) {
        SQLite::Statement q(store.db(), sql);
        while (q.executeStep()) excused.insert(q.getColumn(0).getInt64());
    }
    SQLite::Statement q(store.db(), "SELECT id, voucher_year, voucher_seq FROM ledger_entry WHERE kind = 'expense' "
                                    "AND +reverses_id IS NULL AND +entry_date <= ?");
    q.bind(1, at.iso());
    // The first `listed` by voucher (year, number), kept as the pass goes.
    using Voucher = std::tuple<std::int64_t, std::int64_t, std::int64_t>; // year, number, id
    std::vector<Voucher> first;
    VoucherSample out;
    while (q.executeStep()) {
        const std::int64_t id = q.getColumn(0).getInt64();
        if (excused.count(id)) continue;
        ++out.count;
        const Voucher v{q.getColumn(1).getInt64(), q.getColumn(2).getInt64(), id};
        if (first.size() < listed) {
            first.push_back(v);
            std::push_heap(first.begin(), first.end());
        } else if (listed && v < first.front()) {
            std::pop_heap(first.begin(), first.end());
            first.back() = v;
            std::push_heap(first.begin(), first.end());
        }
    }
    std::sort_heap(first.begin(), first.end());
    SQLite::Statement voucher(store.db(), "SELECT voucher FROM ledger_entry WHERE id = ?");
    for (const auto& [year, seq, id] : first) {
        voucher.reset();
        voucher.bind(1, id);
        if (voucher.executeStep()) out.first.push_back(voucher.getColumn(0).getString());
    }
    return out;
}

std::vector<LedgerEntry> readEntries(Store& store, const std::string& where,
                                     const std::function<void(SQLite::Statement&)>& bind) {
    std::vector<LedgerEntry> out;
    forEachEntry(store, where, bind, [&](const LedgerEntry& e) { out.push_back(e); });
    return out;
}

void forEachEntry(Store& store, const std::string& where, const std::function<void(SQLite::Statement&)>& bind,
                  const std::function<void(const LedgerEntry&)>& visit) {
    // One statement; the events come by the (entry_id, event) index.
    SQLite::Statement q(
        store.db(),
        fmt::format("SELECT e.id, e.voucher, e.kind, e.entry_date, e.amount_ore, e.category, e.text, e.payee, "
                    "e.meeting_id, e.reverses_id, o.voucher, e.reason, r.id, r.voucher, r.entry_date, e.recorded_on, "
                    "ea.event_date, ej.event_date, ej.note, ep.event_date, "
                    "(SELECT count(*) FROM ledger_receipt WHERE entry_id = e.id), e.number, "
                    "(SELECT number FROM meeting WHERE id = e.meeting_id) "
                    "FROM ledger_entry e "
                    "LEFT JOIN ledger_entry o ON o.id = e.reverses_id "
                    "LEFT JOIN ledger_entry r ON r.reverses_id = e.id "
                    "LEFT JOIN ledger_event ea ON ea.entry_id = e.id AND ea.event = 'approved' "
                    "LEFT JOIN ledger_event ej ON ej.entry_id = e.id AND ej.event = 'rejected' "
                    "LEFT JOIN ledger_event ep ON ep.entry_id = e.id AND ep.event = 'paid' "
                    "{} ORDER BY e.voucher_year, e.voucher_seq",
                    where.empty() ? "" : "WHERE " + where));
    if (bind) bind(q);
    while (q.executeStep()) {
        LedgerEntry e;
        e.id = q.getColumn(0).getInt64();
        e.voucher = q.getColumn(1).getString();
        e.kind = q.getColumn(2).getString() == "income" ? EntryKind::income : EntryKind::expense;
        e.date = Date::parse(q.getColumn(3).getString());
        e.amount = Money::fromOre(q.getColumn(4).getInt64());
        e.category = q.getColumn(5).getString();
        e.account = accountOf(e.kind, e.category);
        e.text = q.getColumn(6).getString();
        e.payee = optionalText(q.getColumn(7));
        if (!q.getColumn(8).isNull()) e.meetingId = q.getColumn(8).getInt64();
        if (!q.getColumn(9).isNull()) e.reversesId = q.getColumn(9).getInt64();
        e.reversesVoucher = optionalText(q.getColumn(10));
        e.reason = optionalText(q.getColumn(11));
        if (!q.getColumn(12).isNull()) e.reversedById = q.getColumn(12).getInt64();
        e.reversedByVoucher = optionalText(q.getColumn(13));
        e.reversedOn = optionalDate(q.getColumn(14));
        e.recordedOn = Date::parse(q.getColumn(15).getString());
        e.approvedOn = optionalDate(q.getColumn(16));
        e.rejectedOn = optionalDate(q.getColumn(17));
        e.rejectReason = optionalText(q.getColumn(18));
        e.paidOn = optionalDate(q.getColumn(19));
        e.receipts = q.getColumn(20).getInt();
        e.number = q.getColumn(21).getInt64();
        if (!q.getColumn(22).isNull()) e.meetingNumber = q.getColumn(22).getInt64();
        if (e.reversesId) e.status = EntryStatus::reversal;
        else if (e.reversedById) e.status = EntryStatus::reversed;
        else if (e.kind == EntryKind::income) e.status = EntryStatus::received;
        else if (e.rejectedOn) e.status = EntryStatus::rejected;
        else if (e.paidOn) e.status = EntryStatus::paid;
        else if (e.approvedOn) e.status = EntryStatus::approved;
        else e.status = EntryStatus::pending;
        visit(e);
    }
}

} // namespace klynge
