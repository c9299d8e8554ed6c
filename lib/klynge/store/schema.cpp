// The schema, as forward migrations. A migration is never edited once
// released: a change is a new step. tests/fixtures/v1 holds a database made
// by version 1 that must keep opening.
#include "klynge/store/store.hpp"
#include "klynge/store/chain_v6.hpp"

#include <array>

namespace klynge {
namespace {

constexpr std::string_view v1 = R"sql(
CREATE TABLE practice (
    id          INTEGER PRIMARY KEY,
    ydernummer  TEXT NOT NULL UNIQUE CHECK (length(ydernummer) = 6),
    name        TEXT NOT NULL,
    joined_on   TEXT NOT NULL,
    left_on     TEXT
);
-- Patient counts and doctor capacities are dated history: grants use the
-- count as of a census date (DOMAIN.md, "Money").
CREATE TABLE practice_patients (
    practice_id INTEGER NOT NULL REFERENCES practice(id),
    as_of       TEXT NOT NULL,
    patients    INTEGER NOT NULL CHECK (patients >= 0),
    PRIMARY KEY (practice_id, as_of)
) WITHOUT ROWID;
CREATE TABLE practice_capacities (
    practice_id INTEGER NOT NULL REFERENCES practice(id),
    as_of       TEXT NOT NULL,
    capacities  INTEGER NOT NULL CHECK (capacities >= 0),
    PRIMARY KEY (practice_id, as_of)
) WITHOUT ROWID;
-- A member row is never deleted: leaving sets left_on; `member forget`
-- erases name and e-mail and sets forgotten_on.
CREATE TABLE member (
    id           INTEGER PRIMARY KEY,
    name         TEXT,
    email        TEXT UNIQUE,
    practice_id  INTEGER NOT NULL REFERENCES practice(id),
    position     TEXT NOT NULL CHECK (position IN ('ejerlæge', 'ansat', 'uddannelseslæge', 'vikar')),
    joined_on    TEXT NOT NULL,
    left_on      TEXT,
    forgotten_on TEXT,
    CHECK (forgotten_on IS NOT NULL OR (name IS NOT NULL AND email IS NOT NULL))
);
CREATE TABLE member_change (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    changed_on  TEXT NOT NULL,
    field       TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT
);
CREATE TABLE role_assignment (
    id            INTEGER PRIMARY KEY,
    role          TEXT NOT NULL,
    member_id     INTEGER REFERENCES member(id),
    external_name TEXT,
    from_date     TEXT NOT NULL,
    to_date       TEXT,
    CHECK ((member_id IS NULL) <> (external_name IS NULL)),
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    os_user  TEXT NOT NULL,
    command  TEXT NOT NULL,
    summary  TEXT NOT NULL
);
)sql";

// Version 2: the KiAP registrations, with the roster as registered, so the
// yearly update can say exactly what changed since (DOMAIN.md [001 §11, §15]).
constexpr std::string_view v2 = R"sql(
CREATE TABLE registration (
    id             INTEGER PRIMARY KEY,
    registered_on  TEXT NOT NULL,
    note           TEXT
);
CREATE TABLE registration_member (
    registration_id INTEGER NOT NULL REFERENCES registration(id),
    member_id       INTEGER NOT NULL REFERENCES member(id),
    ydernummer      TEXT NOT NULL,
    position        TEXT NOT NULL,
    PRIMARY KEY (registration_id, member_id)
) WITHOUT ROWID;
CREATE INDEX member_practice ON member(practice_id);
CREATE INDEX member_change_member ON member_change(member_id);
CREATE INDEX role_assignment_member ON role_assignment(member_id);
)sql";

// Version 3: money (issue 4). Money records are append-only (DESIGN.md
// "Nothing is lost"): a row is never updated or deleted, a status change is
// an appended event, a mistake is corrected by a reversing entry. The
// triggers refuse UPDATE/DELETE; the hash chain (chain.hpp) makes an edit
// made behind klynge's back (with the triggers dropped) visible to
// `klynge check`.
constexpr std::string_view v3 = R"sql(
CREATE TABLE ledger_entry (
    id            INTEGER PRIMARY KEY,
    voucher       TEXT NOT NULL UNIQUE,      -- bilag "B-2026-017": year of entry_date, sequence
    voucher_year  INTEGER NOT NULL,
    voucher_seq   INTEGER NOT NULL CHECK (voucher_seq > 0),
    kind          TEXT NOT NULL CHECK (kind IN ('income', 'expense')),
    entry_date    TEXT NOT NULL,
    amount_ore    INTEGER NOT NULL CHECK (amount_ore <> 0), -- a reversal carries the opposite sign
    category      TEXT NOT NULL,             -- expense category, or income kind
    text          TEXT NOT NULL,
    payee         TEXT,
    meeting_id    INTEGER,                   -- the meeting it belongs to (schema 4); checked by klynge
    reverses_id   INTEGER UNIQUE REFERENCES ledger_entry(id), -- an entry is reversed at most once
    reason        TEXT,                      -- why it reverses the entry reverses_id
    recorded_on   TEXT NOT NULL,
    UNIQUE (voucher_year, voucher_seq),
    CHECK ((reverses_id IS NULL) = (reason IS NULL))
);
-- Status changes: afventer godkendelse -> godkendt | afvist; godkendt -> udbetalt.
-- amount_ore is the entry's amount (signed), so sums need no join.
CREATE TABLE ledger_event (
    id           INTEGER PRIMARY KEY,
    entry_id     INTEGER NOT NULL REFERENCES ledger_entry(id),
    event        TEXT NOT NULL CHECK (event IN ('approved', 'rejected', 'paid')),
    event_date   TEXT NOT NULL,
    amount_ore   INTEGER NOT NULL,
    note         TEXT,
    recorded_on  TEXT NOT NULL,
    UNIQUE (entry_id, event)
);
-- Receipts (bilag) live in receipts/<sha256>.<extension>, content-addressed.
CREATE TABLE ledger_receipt (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES ledger_entry(id),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    extension   TEXT NOT NULL,
    file_name   TEXT NOT NULL,               -- the name it had when attached
    bytes       INTEGER NOT NULL,
    added_on    TEXT NOT NULL,
    UNIQUE (entry_id, sha256)
);
CREATE INDEX ledger_entry_date ON ledger_entry(entry_date);
CREATE INDEX ledger_entry_meeting ON ledger_entry(meeting_id) WHERE meeting_id IS NOT NULL;
-- Derived, like an index: the records' sums per day and category, kept in
-- the same transaction as every ledger write so that the balance and the
-- annual accounts do not scan every entry. `klynge check` recomputes it
-- from the records; it is not a money record and may be updated.
CREATE TABLE ledger_day_total (
    day           TEXT NOT NULL,
    kind          TEXT NOT NULL,
    category      TEXT NOT NULL,
    recorded_ore  INTEGER NOT NULL DEFAULT 0,   -- entries dated this day
    rejected_ore  INTEGER NOT NULL DEFAULT 0,   -- rejections dated this day
    paid_ore      INTEGER NOT NULL DEFAULT 0,   -- payments dated this day
    entries       INTEGER NOT NULL DEFAULT 0,   -- number of entries dated this day
    PRIMARY KEY (day, kind, category)
) WITHOUT ROWID;
-- Budgets change by new rows; the latest for a year and category applies.
CREATE TABLE budget (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    category    TEXT NOT NULL,
    amount_ore  INTEGER NOT NULL CHECK (amount_ore >= 0),
    set_on      TEXT NOT NULL
);
CREATE INDEX budget_year ON budget(year, category);
-- The hash chain over money records and decisions: link n is SHA-256 over
-- link n-1's hash and the record's canonical text (chain.hpp).
CREATE TABLE chain (
    seq           INTEGER PRIMARY KEY,
    record_table  TEXT NOT NULL,
    record_id     INTEGER NOT NULL,
    hash          TEXT NOT NULL,
    UNIQUE (record_table, record_id)
);
CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: correct a mistake with klynge ledger reverse'); END;
CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: correct a mistake with klynge ledger reverse'); END;
CREATE TRIGGER ledger_event_no_update BEFORE UPDATE ON ledger_event
BEGIN SELECT RAISE(ABORT, 'ledger events are append-only'); END;
CREATE TRIGGER ledger_event_no_delete BEFORE DELETE ON ledger_event
BEGIN SELECT RAISE(ABORT, 'ledger events are append-only'); END;
CREATE TRIGGER ledger_receipt_no_update BEFORE UPDATE ON ledger_receipt
BEGIN SELECT RAISE(ABORT, 'ledger receipts are append-only'); END;
CREATE TRIGGER ledger_receipt_no_delete BEFORE DELETE ON ledger_receipt
BEGIN SELECT RAISE(ABORT, 'ledger receipts are append-only'); END;
CREATE TRIGGER budget_no_update BEFORE UPDATE ON budget
BEGIN SELECT RAISE(ABORT, 'budgets change by new rows: klynge budget set'); END;
CREATE TRIGGER budget_no_delete BEFORE DELETE ON budget
BEGIN SELECT RAISE(ABORT, 'budgets change by new rows: klynge budget set'); END;
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain
BEGIN SELECT RAISE(ABORT, 'the hash chain is append-only'); END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain
BEGIN SELECT RAISE(ABORT, 'the hash chain is append-only'); END;
)sql";

// Version 4: meetings and general assemblies (issue 6). A meeting keeps what
// was called (agenda as sent, organizer, calendar UID and SEQUENCE), so its
// documents and invitations can be made again byte for byte.
constexpr std::string_view v4 = R"sql(
CREATE TABLE meeting (
    id                     INTEGER PRIMARY KEY,
    type                   TEXT NOT NULL CHECK (type IN ('klyngemøde', 'generalforsamling',
                               'ekstraordinær generalforsamling', 'stiftende generalforsamling',
                               'internat', 'bestyrelsesmøde')),
    title                  TEXT NOT NULL,
    starts_at              TEXT NOT NULL,          -- local Danish time, "YYYY-MM-DD HH:MM"
    ends_at                TEXT NOT NULL,
    place                  TEXT NOT NULL,
    respond_by             TEXT,
    status                 TEXT NOT NULL CHECK (status IN ('kladde', 'indkaldt', 'afholdt', 'aflyst')),
    called_on              TEXT NOT NULL,
    folder                 TEXT NOT NULL UNIQUE,   -- documents/meetings/<folder>/
    uid                    TEXT NOT NULL UNIQUE,   -- the calendar invitation's UID
    sequence               INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    stamped_at             TEXT NOT NULL,          -- DTSTAMP of the current version, UTC
    organizer_name         TEXT NOT NULL,
    organizer_email        TEXT NOT NULL,
    agenda_source          TEXT NOT NULL,          -- built-in agenda name or the file given
    agenda_text            TEXT NOT NULL,          -- the agenda document as called
    forced_reason          TEXT,                   -- --force --reason at call time
    forced_rules           TEXT,                   -- what the force overrode
    cancel_reason          TEXT,
    cancelled_on           TEXT,
    chair_member_id        INTEGER REFERENCES member(id),
    chair_name             TEXT,                   -- a chair who is not a member
    minute_taker_member_id INTEGER REFERENCES member(id),
    minute_taker_name      TEXT,
    minutes_approved_on    TEXT,
    CHECK (ends_at > starts_at),
    CHECK ((status = 'aflyst') = (cancelled_on IS NOT NULL)),
    CHECK ((forced_reason IS NULL) = (forced_rules IS NULL))
);
CREATE TABLE meeting_agenda (
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
    position    INTEGER NOT NULL,
    level       INTEGER NOT NULL DEFAULT 0 CHECK (level IN (0, 1)),   -- 1: a sub-item
    item        TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
) WITHOUT ROWID;
CREATE TABLE meeting_invitee (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
    member_id   INTEGER REFERENCES member(id),
    guest_name  TEXT,
    guest_email TEXT,
    rsvp        TEXT CHECK (rsvp IN ('yes', 'no')),
    rsvp_note   TEXT,
    rsvp_on     TEXT,
    attended    INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
    CHECK ((member_id IS NULL) <> (guest_email IS NULL)),
    CHECK ((rsvp IS NULL) = (rsvp_on IS NULL)),
    UNIQUE (meeting_id, member_id),
    UNIQUE (meeting_id, guest_email)
);
-- Every message written to the outbox or handed to the SMTP server, one row
-- per attempt, so a retry sends only to those who did not get the current
-- version (method and sequence).
CREATE TABLE meeting_message (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
    invitee_id  INTEGER NOT NULL REFERENCES meeting_invitee(id),
    method      TEXT NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
    sequence    INTEGER NOT NULL,
    delivered   TEXT NOT NULL CHECK (delivered IN ('outbox', 'sent', 'failed')),
    at          TEXT NOT NULL,
    detail      TEXT
);
-- A written demand for an extraordinary assembly [000 §4]; meeting_id is the
-- assembly called to answer it.
CREATE TABLE extraordinary_demand (
    id              INTEGER PRIMARY KEY,
    received_on     TEXT NOT NULL,
    subject         TEXT NOT NULL,
    members_counted INTEGER NOT NULL CHECK (members_counted > 0),
    recorded_on     TEXT NOT NULL,
    meeting_id      INTEGER REFERENCES meeting(id)
);
CREATE TABLE extraordinary_demand_member (
    demand_id   INTEGER NOT NULL REFERENCES extraordinary_demand(id),
    member_id   INTEGER NOT NULL REFERENCES member(id),
    PRIMARY KEY (demand_id, member_id)
) WITHOUT ROWID;
CREATE INDEX meeting_invitee_meeting ON meeting_invitee(meeting_id);
CREATE INDEX meeting_message_meeting ON meeting_message(meeting_id);
CREATE INDEX meeting_starts ON meeting(starts_at);
)sql";

// Version 5: honoraria and SKAT (issue 5). A payee is a person (CPR, kept
// only in private/cpr.db, never here) or a company (CVR). Payouts, their
// B-income records and the marks that they were reported to eIndkomst are
// money records: append-only and hash-chained (chain.cpp).
constexpr std::string_view v5 = R"sql(
CREATE TABLE payee (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER UNIQUE REFERENCES member(id),
    name         TEXT NOT NULL,
    cvr          TEXT CHECK (cvr IS NULL OR length(cvr) = 8),
    vat          INTEGER NOT NULL DEFAULT 0 CHECK (vat IN (0, 1)),  -- a CVR registered for VAT
    recorded_on  TEXT NOT NULL,
    CHECK (cvr IS NOT NULL OR vat = 0)
);
CREATE TABLE contract (
    id              INTEGER PRIMARY KEY,
    payee_id        INTEGER NOT NULL REFERENCES payee(id),
    role            TEXT NOT NULL,
    tasks           TEXT NOT NULL,
    hours_per_year  INTEGER CHECK (hours_per_year IS NULL OR hours_per_year > 0),
    fee_ore         INTEGER NOT NULL CHECK (fee_ore > 0),         -- per year, without VAT
    schedule        TEXT NOT NULL CHECK (schedule IN ('monthly', 'quarterly', 'half-yearly', 'yearly')),
    from_date       TEXT NOT NULL,
    to_date         TEXT,
    document        TEXT NOT NULL,                                -- documents/contracts/...
    recorded_on     TEXT NOT NULL,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE TABLE hours_log (
    id           INTEGER PRIMARY KEY,
    contract_id  INTEGER NOT NULL REFERENCES contract(id),
    work_date    TEXT NOT NULL,
    minutes      INTEGER NOT NULL CHECK (minutes > 0),
    task         TEXT NOT NULL,
    recorded_on  TEXT NOT NULL
);
CREATE TABLE payout (
    id              INTEGER PRIMARY KEY,
    payee_id        INTEGER NOT NULL REFERENCES payee(id),
    contract_id     INTEGER REFERENCES contract(id),
    period          TEXT,                                  -- "2026-K1": the contract's period paid
    kind            TEXT NOT NULL CHECK (kind IN ('honorar', 'kørsel', 'kørsel-i-honorar')),
    paid_on         TEXT NOT NULL,
    amount_ore      INTEGER NOT NULL CHECK (amount_ore > 0),  -- without VAT
    vat_ore         INTEGER NOT NULL CHECK (vat_ore >= 0),
    ledger_entry_id INTEGER NOT NULL UNIQUE REFERENCES ledger_entry(id),
    recorded_on     TEXT NOT NULL,
    UNIQUE (contract_id, period),
    CHECK ((contract_id IS NULL) = (period IS NULL))
);
-- What must be reported to eIndkomst: one row per payout to a person, or to
-- a CVR without VAT (field NULL: not settled in the sources, DOMAIN.md).
CREATE TABLE b_income (
    id           INTEGER PRIMARY KEY,
    payout_id    INTEGER NOT NULL UNIQUE REFERENCES payout(id),
    payee_id     INTEGER NOT NULL REFERENCES payee(id),
    month        TEXT NOT NULL CHECK (length(month) = 7),  -- "2026-03": the payout's month decides
    field        INTEGER CHECK (field IS NULL OR field IN (36, 38)),
    amount_ore   INTEGER NOT NULL CHECK (amount_ore > 0),
    recorded_on  TEXT NOT NULL
);
CREATE TABLE skat_report (
    id           INTEGER PRIMARY KEY,
    month        TEXT NOT NULL CHECK (length(month) = 7),
    reference    TEXT NOT NULL,
    reported_on  TEXT NOT NULL,
    recorded_on  TEXT NOT NULL
);
CREATE TABLE skat_report_item (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER NOT NULL REFERENCES skat_report(id),
    b_income_id  INTEGER NOT NULL UNIQUE REFERENCES b_income(id)   -- reported once
);
CREATE INDEX contract_payee ON contract(payee_id);
CREATE INDEX hours_log_contract ON hours_log(contract_id, work_date);
CREATE INDEX payout_payee ON payout(payee_id, paid_on);
CREATE INDEX b_income_month ON b_income(month);
CREATE TRIGGER payout_no_update BEFORE UPDATE ON payout
BEGIN SELECT RAISE(ABORT, 'payouts are append-only: correct a mistake with klynge ledger reverse'); END;
CREATE TRIGGER payout_no_delete BEFORE DELETE ON payout
BEGIN SELECT RAISE(ABORT, 'payouts are append-only: correct a mistake with klynge ledger reverse'); END;
CREATE TRIGGER b_income_no_update BEFORE UPDATE ON b_income
BEGIN SELECT RAISE(ABORT, 'B-income records are append-only'); END;
CREATE TRIGGER b_income_no_delete BEFORE DELETE ON b_income
BEGIN SELECT RAISE(ABORT, 'B-income records are append-only'); END;
CREATE TRIGGER skat_report_no_update BEFORE UPDATE ON skat_report
BEGIN SELECT RAISE(ABORT, 'SKAT report marks are append-only'); END;
CREATE TRIGGER skat_report_no_delete BEFORE DELETE ON skat_report
BEGIN SELECT RAISE(ABORT, 'SKAT report marks are append-only'); END;
CREATE TRIGGER skat_report_item_no_update BEFORE UPDATE ON skat_report_item
BEGIN SELECT RAISE(ABORT, 'SKAT report marks are append-only'); END;
CREATE TRIGGER skat_report_item_no_delete BEFORE DELETE ON skat_report_item
BEGIN SELECT RAISE(ABORT, 'SKAT report marks are append-only'); END;
)sql";

// Version 6: decisions (issue 7) — motions, ballots, elections and dot
// votes. Decisions are append-only and hash-chained with the money records
// (DESIGN.md "Nothing is lost"): a mistaken record is superseded by a new one
// that names it (supersedes_id), never changed. The counts and the base (the
// members with voting right recorded present) are stored as they were when
// decided, so the record does not change when the attendance or a member's
// position does.
constexpr std::string_view v6 = R"sql(
CREATE TABLE decision (
    id                 INTEGER PRIMARY KEY,
    meeting_id         INTEGER NOT NULL REFERENCES meeting(id),
    kind               TEXT NOT NULL CHECK (kind IN ('ordinary', 'bylaws', 'exclusion', 'dissolution',
                           'election', 'dots')),
    subject            TEXT NOT NULL,           -- the motion, the office, or the dot vote's question
    eligible_present   INTEGER NOT NULL CHECK (eligible_present >= 0),
    yes                INTEGER CHECK (yes >= 0),
    no                 INTEGER CHECK (no >= 0),
    blank              INTEGER CHECK (blank >= 0),
    by_ballot          INTEGER NOT NULL DEFAULT 0 CHECK (by_ballot IN (0, 1)),
    share_numerator    INTEGER,                 -- the qualified majority applied, e.g. 2/3
    share_denominator  INTEGER,
    casting_vote       TEXT CHECK (casting_vote IN ('yes', 'no')),
    outcome            TEXT NOT NULL CHECK (outcome IN ('adopted', 'rejected', 'elected', 'tie', 'chosen')),
    by_lot             INTEGER NOT NULL DEFAULT 0 CHECK (by_lot IN (0, 1)),
    role_assignment_id INTEGER,                 -- the role an election gave its winner (role history may change)
    succeeded_assignment_id INTEGER,            -- the holder it ended the day before
    supersedes_id      INTEGER UNIQUE REFERENCES decision(id), -- superseded at most once
    reason             TEXT,                    -- why it supersedes
    decided_on         TEXT NOT NULL,           -- the meeting's day
    recorded_on        TEXT NOT NULL,
    CHECK ((supersedes_id IS NULL) = (reason IS NULL)),
    CHECK ((share_numerator IS NULL) = (share_denominator IS NULL))
);
-- One ballot per person and decision.
CREATE TABLE decision_ballot (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision(id),
    member_id    INTEGER NOT NULL REFERENCES member(id),
    choice       TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'blank')),
    UNIQUE (decision_id, member_id)
);
CREATE TABLE election_candidate (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision(id),
    member_id    INTEGER NOT NULL REFERENCES member(id),
    votes        INTEGER NOT NULL CHECK (votes >= 0),
    elected      INTEGER NOT NULL CHECK (elected IN (0, 1)),
    UNIQUE (decision_id, member_id)
);
-- The ideas for topics [000]; an idea not chosen stays in the pool for later meetings.
CREATE TABLE idea (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL UNIQUE,
    meeting_id   INTEGER NOT NULL REFERENCES meeting(id), -- where it was first put up
    added_on     TEXT NOT NULL
);
CREATE TABLE dot_result (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision(id),
    idea_id      INTEGER NOT NULL REFERENCES idea(id),
    dots         INTEGER NOT NULL CHECK (dots >= 0),
    chosen       INTEGER NOT NULL CHECK (chosen IN (0, 1)),
    UNIQUE (decision_id, idea_id)
);
CREATE TABLE dot_allocation (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL REFERENCES decision(id),
    member_id    INTEGER NOT NULL REFERENCES member(id),
    idea_id      INTEGER NOT NULL REFERENCES idea(id),
    dots         INTEGER NOT NULL CHECK (dots > 0),
    UNIQUE (decision_id, member_id, idea_id)
);
CREATE INDEX decision_meeting ON decision(meeting_id);
CREATE INDEX decision_ballot_decision ON decision_ballot(decision_id);
CREATE INDEX election_candidate_decision ON election_candidate(decision_id);
CREATE INDEX dot_result_decision ON dot_result(decision_id);
CREATE INDEX dot_allocation_decision ON dot_allocation(decision_id);
CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
CREATE TRIGGER decision_ballot_no_update BEFORE UPDATE ON decision_ballot
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
CREATE TRIGGER decision_ballot_no_delete BEFORE DELETE ON decision_ballot
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
CREATE TRIGGER election_candidate_no_update BEFORE UPDATE ON election_candidate
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
CREATE TRIGGER election_candidate_no_delete BEFORE DELETE ON election_candidate
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
CREATE TRIGGER idea_no_update BEFORE UPDATE ON idea
BEGIN SELECT RAISE(ABORT, 'ideas are append-only'); END;
CREATE TRIGGER idea_no_delete BEFORE DELETE ON idea
BEGIN SELECT RAISE(ABORT, 'ideas are append-only'); END;
CREATE TRIGGER dot_result_no_update BEFORE UPDATE ON dot_result
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
CREATE TRIGGER dot_result_no_delete BEFORE DELETE ON dot_result
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
CREATE TRIGGER dot_allocation_no_update BEFORE UPDATE ON dot_allocation
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
CREATE TRIGGER dot_allocation_no_delete BEFORE DELETE ON dot_allocation
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
)sql";

// Version 7: trust (issue 11) and clones (issue 12).
// - Record identity that survives clones: new records get ids from
//   klynge_id() (record_id.hpp); the numbers people type and quote are a
//   separate `number` (members, meetings, decisions, contracts, ledger
//   entries), renumbered deterministically when a merge meets two equal
//   ones. Existing records keep their ids, and their numbers are their ids.
// - Every record is chained, not only money and decisions: the tables
//   without a rowid become rowid tables (the store links what a command
//   touched through SQLite's update hook, which sees rowid tables only);
//   their ids follow their old keys, so two clones upgrading the same
//   database get the same rows.
// - The chain becomes a DAG of versions (chain.hpp), rebuilt from the old
//   one in migrateChainToV7 after the old one is verified.
constexpr std::string_view v7 = R"sql(
ALTER TABLE member ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE member SET number = id;
CREATE UNIQUE INDEX member_number ON member(number);
ALTER TABLE meeting ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE meeting SET number = id;
CREATE UNIQUE INDEX meeting_number ON meeting(number);
ALTER TABLE contract ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE contract SET number = id;
CREATE UNIQUE INDEX contract_number ON contract(number);
DROP TRIGGER ledger_entry_no_update;
ALTER TABLE ledger_entry ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE ledger_entry SET number = id;
CREATE UNIQUE INDEX ledger_entry_number ON ledger_entry(number);
CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry
BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only: correct a mistake with klynge ledger reverse'); END;
DROP TRIGGER decision_no_update;
ALTER TABLE decision ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE decision SET number = id;
CREATE UNIQUE INDEX decision_number ON decision(number);
CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;

CREATE TABLE practice_patients_v7 (
    id          INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practice(id),
    as_of       TEXT NOT NULL,
    patients    INTEGER NOT NULL CHECK (patients >= 0),
    UNIQUE (practice_id, as_of)
);
INSERT INTO practice_patients_v7(id, practice_id, as_of, patients)
    SELECT row_number() OVER (ORDER BY practice_id, as_of), practice_id, as_of, patients FROM practice_patients;
DROP TABLE practice_patients;
ALTER TABLE practice_patients_v7 RENAME TO practice_patients;
CREATE TABLE practice_capacities_v7 (
    id          INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practice(id),
    as_of       TEXT NOT NULL,
    capacities  INTEGER NOT NULL CHECK (capacities >= 0),
    UNIQUE (practice_id, as_of)
);
INSERT INTO practice_capacities_v7(id, practice_id, as_of, capacities)
    SELECT row_number() OVER (ORDER BY practice_id, as_of), practice_id, as_of, capacities FROM practice_capacities;
DROP TABLE practice_capacities;
ALTER TABLE practice_capacities_v7 RENAME TO practice_capacities;
CREATE TABLE registration_member_v7 (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registration(id),
    member_id       INTEGER NOT NULL REFERENCES member(id),
    ydernummer      TEXT NOT NULL,
    position        TEXT NOT NULL,
    UNIQUE (registration_id, member_id)
);
INSERT INTO registration_member_v7(id, registration_id, member_id, ydernummer, position)
    SELECT row_number() OVER (ORDER BY registration_id, member_id), registration_id, member_id, ydernummer, position
    FROM registration_member;
DROP TABLE registration_member;
ALTER TABLE registration_member_v7 RENAME TO registration_member;
CREATE TABLE meeting_agenda_v7 (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
    position    INTEGER NOT NULL,
    level       INTEGER NOT NULL DEFAULT 0 CHECK (level IN (0, 1)),   -- 1: a sub-item
    item        TEXT NOT NULL,
    UNIQUE (meeting_id, position)
);
INSERT INTO meeting_agenda_v7(id, meeting_id, position, level, item)
    SELECT row_number() OVER (ORDER BY meeting_id, position), meeting_id, position, level, item FROM meeting_agenda;
DROP TABLE meeting_agenda;
ALTER TABLE meeting_agenda_v7 RENAME TO meeting_agenda;
CREATE TABLE extraordinary_demand_member_v7 (
    id          INTEGER PRIMARY KEY,
    demand_id   INTEGER NOT NULL REFERENCES extraordinary_demand(id),
    member_id   INTEGER NOT NULL REFERENCES member(id),
    UNIQUE (demand_id, member_id)
);
INSERT INTO extraordinary_demand_member_v7(id, demand_id, member_id)
    SELECT row_number() OVER (ORDER BY demand_id, member_id), demand_id, member_id FROM extraordinary_demand_member;
DROP TABLE extraordinary_demand_member;
ALTER TABLE extraordinary_demand_member_v7 RENAME TO extraordinary_demand_member;

-- The audit log is kept: member forget may redact a line, nothing deletes one.
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- A merge of two clones (merge.hpp) that gave a record the next free
-- number because the other clone had used its number too.
CREATE TABLE renumbering (
    id            INTEGER PRIMARY KEY,
    record_table  TEXT NOT NULL,
    record_id     INTEGER NOT NULL,
    old_number    TEXT NOT NULL,     -- "7", or a voucher "B-2026-007"
    new_number    TEXT NOT NULL,
    merged_at     TEXT NOT NULL
);
CREATE TRIGGER renumbering_no_update BEFORE UPDATE ON renumbering
BEGIN SELECT RAISE(ABORT, 'renumberings are append-only'); END;
CREATE TRIGGER renumbering_no_delete BEFORE DELETE ON renumbering
BEGIN SELECT RAISE(ABORT, 'renumberings are append-only'); END;
-- The conflicts of the last merge, until `klynge merge --take` resolves
-- them: both sides' records as SQL, kept out of the merged tables.
-- Bookkeeping, not records: not in the hash chain.
CREATE TABLE merge_conflict (
    id              INTEGER PRIMARY KEY,   -- 1, 2, 3: what `klynge merge --take ours|theirs N` names
    kind            TEXT NOT NULL,
    description     TEXT NOT NULL,
    ours_sql        TEXT NOT NULL,
    theirs_sql      TEXT NOT NULL,
    ours_records    TEXT NOT NULL,         -- "table#id table#id": marked deleted when theirs is taken
    theirs_records  TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ours', 'theirs'))
);

)sql";

// Schema 8: the cluster's quality work [001 §4, §17, §24; 002; 003] —
// themes (kvalitetsprojekter), the meetings on them, tasks, reminders sent,
// members' proposals and exclusions — and the documents' records (issue
// 14): bylaws amendments' wording and the notes in the minutes. Its own step: schema 7 was released
// without these tables, so a workspace of that release gets them here.
constexpr std::string_view v8 = R"sql(
-- Themes (kvalitetsprojekter) with the data they work from, the meetings
-- that worked on them, and tasks (opgaver) with an owner and a due date.
CREATE TABLE theme (
    id            INTEGER PRIMARY KEY,
    number        INTEGER NOT NULL,
    title         TEXT NOT NULL,
    reason        TEXT,                    -- why it was chosen, in words
    decision_id   INTEGER REFERENCES decision(id), -- the dot vote or decision that chose it
    data_sources  TEXT NOT NULL DEFAULT '', -- klyngepakke, data view, questionnaire, audit: one a line
    goals         TEXT NOT NULL DEFAULT '',
    starts_on     TEXT NOT NULL,
    expected_end  TEXT,
    status        TEXT NOT NULL CHECK (status IN ('planned', 'active', 'follow-up', 'closed')),
    follow_up_by  TEXT,
    follow_up_set TEXT,                    -- the day the follow-up was scheduled
    closed_on     TEXT,
    created_on    TEXT NOT NULL,
    CHECK (expected_end IS NULL OR expected_end >= starts_on),
    CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
CREATE UNIQUE INDEX theme_number ON theme(number);
CREATE TABLE meeting_theme (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
    theme_id    INTEGER NOT NULL REFERENCES theme(id),
    UNIQUE (meeting_id, theme_id)
);
CREATE TABLE task (
    id               INTEGER PRIMARY KEY,
    number           INTEGER NOT NULL,
    text             TEXT NOT NULL,
    owner_member_id  INTEGER NOT NULL REFERENCES member(id),
    due_on           TEXT NOT NULL,
    meeting_id       INTEGER REFERENCES meeting(id), -- the meeting that agreed on it
    theme_id         INTEGER REFERENCES theme(id),
    created_on       TEXT NOT NULL,
    done_on          TEXT
);
CREATE UNIQUE INDEX task_number ON task(number);
-- Every reminder klynge remind wrote or sent, one row per attempt, so that
-- a reminder (its key names what and when) is sent once [002: "følge op med rykkere"].
CREATE TABLE reminder (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('rsvp', 'task', 'roster', 'skat')),
    key         TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    delivered   TEXT NOT NULL CHECK (delivered IN ('outbox', 'sent', 'failed')),
    at          TEXT NOT NULL,
    detail      TEXT
);
CREATE INDEX reminder_key ON reminder(key);
-- Members' proposals for a general assembly, with the day they reached the
-- board [000 §5: at least policy.proposal_days before the assembly].
CREATE TABLE proposal (
    id                 INTEGER PRIMARY KEY,
    number             INTEGER NOT NULL,
    meeting_id         INTEGER NOT NULL REFERENCES meeting(id),
    text               TEXT NOT NULL,
    proposer_member_id INTEGER REFERENCES member(id),
    proposer_name      TEXT,
    received_on        TEXT NOT NULL,
    recorded_on        TEXT NOT NULL,
    CHECK ((proposer_member_id IS NULL) <> (proposer_name IS NULL))
);
CREATE UNIQUE INDEX proposal_number ON proposal(number);
-- An exclusion vote's member, the documentation of the breach and the
-- warning before the vote [001 §10]; append-only like the decision.
CREATE TABLE exclusion (
    id             INTEGER PRIMARY KEY,
    decision_id    INTEGER NOT NULL UNIQUE REFERENCES decision(id),
    member_id      INTEGER NOT NULL REFERENCES member(id),
    documentation  TEXT NOT NULL,
    warned_on      TEXT NOT NULL
);
CREATE TRIGGER exclusion_no_update BEFORE UPDATE ON exclusion
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
-- A bylaws decision's new wording of the paragraph it changes (issue 14);
-- once adopted, the bylaws document has it; append-only like the decision.
CREATE TABLE bylaws_amendment (
    id           INTEGER PRIMARY KEY,
    decision_id  INTEGER NOT NULL UNIQUE REFERENCES decision(id),
    paragraph    INTEGER NOT NULL CHECK (paragraph BETWEEN 1 AND 99),
    text         TEXT NOT NULL
);
CREATE TRIGGER bylaws_amendment_no_update BEFORE UPDATE ON bylaws_amendment
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: correct a mistake with a new record that names it (--supersedes)'); END;
-- What was said under an agenda item, written in by the minute-taker
-- (issue 14): merged into the minutes each time they are written.
CREATE TABLE meeting_note (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meeting(id),
    item         INTEGER NOT NULL CHECK (item >= 1),
    text         TEXT NOT NULL,
    recorded_on  TEXT NOT NULL
);
)sql";

// Schema 9 (issue 15): an election for several seats — a board of N, or
// suppleants in order [000 §7]. `seats` is the number of places the
// election filled (NULL: one, every election before); the candidates' rows
// are inserted in their final order (votes, then the lot), which their
// increasing ids keep. A nullable column: every record's digest stays valid.
constexpr std::string_view v9 = R"sql(
ALTER TABLE decision ADD COLUMN seats INTEGER CHECK (seats >= 1);
)sql";

// Schema 10 (issue 15): the practice a meeting is delegated to [002: "Hvert
// møde er uddelegeret til arrangerende praksis"], the link of a virtual or
// hybrid meeting [001 §20–23], and an internat's separate answers for food
// and an overnight stay (for ordering meals and hotel rooms). Nullable
// columns: every record's digest stays valid.
constexpr std::string_view v10 = R"sql(
ALTER TABLE meeting ADD COLUMN host_practice_id INTEGER REFERENCES practice(id);
ALTER TABLE meeting ADD COLUMN link TEXT;
ALTER TABLE meeting_invitee ADD COLUMN food TEXT CHECK (food IN ('yes', 'no'));
ALTER TABLE meeting_invitee ADD COLUMN overnight TEXT CHECK (overnight IN ('yes', 'no'));
)sql";

constexpr std::array all{
    Migration{1, "practices, members, roles and the audit log", v1},
    Migration{2, "KiAP registrations with the registered roster", v2},
    Migration{3, "money: ledger entries, events, budgets and the hash chain", v3},
    Migration{4, "meetings, invitees, attendance and extraordinary demands", v4},
    Migration{5, "honoraria and SKAT: payees, contracts, hours, payouts, B-income and report marks", v5},
    Migration{6, "decisions: motions, ballots, elections and dot votes, append-only", v6},
    Migration{7, "record ids that survive clones, numbers, and every record in the hash chain", v7,
              migrateChainToV7},
    Migration{8, "the quality work (themes, tasks, reminders, proposals, exclusions), bylaws amendments and minutes notes", v8},
    Migration{9, "elections for several seats (decision.seats)", v9},
    Migration{10, "a meeting's host practice and link; an internat's answers for food and overnight stay", v10},
};

} // namespace

// Steps are applied in version order, whatever their order in the list.
static_assert([] {
    for (std::size_t i = 1; i < all.size(); ++i)
        if (all[i].version != all[i - 1].version + 1) return false;
    return true;
}(), "migrations must be numbered 1, 2, 3, ... without gaps, in order");

std::span<const Migration> migrations() { return all; }
int latestSchemaVersion() { return all.back().version; }

} // namespace klynge
