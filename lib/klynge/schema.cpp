// The schema, as forward migrations. A migration is never edited once
// released: a change is a new step. tests/fixtures/v1 holds a database made
// by version 1 that must keep opening.
#include "klynge/store.hpp"

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

constexpr std::array all{
    Migration{1, "practices, members, roles and the audit log", v1},
    Migration{2, "KiAP registrations with the registered roster", v2},
};

} // namespace

std::span<const Migration> migrations() { return all; }
int latestSchemaVersion() { return all.back().version; }

} // namespace klynge
