#!/usr/bin/env bash
# Each rule klynge check knows (DOMAIN.md, "check") is broken once and its
# message seen; exit 1 on errors, 0 on warnings only.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 2 --as-of 2024-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15

in_dir "$W" check --rules
expect_out "cluster.coordinator" "rules listed"
expect_out "members.registration" "rules listed"

# cluster.coordinator: none → error.
in_dir "$W" check --at 2024-06-01
expect_rc 1 "no coordinator is an error"
expect_out "no coordinator on 2024-06-01" "coordinator message"
k role assign koordinator anne@example.dk --from 2018-11-15
k member registered --date 2024-06-01
in_dir "$W" check --at 2024-06-01
expect_rc 0 "one coordinator passes"
# Before founding the rule does not apply.
in_dir "$W" check --at 2018-01-01
expect_no_out "no coordinator" "no coordinator needed before founding"
# Two coordinators behind klynge's back: an error naming both.
cp "$W/klynge.db" "$TMP/untouched.db"
sqlite3 "$W/klynge.db" "INSERT INTO role_assignment(id, role, member_id, from_date) VALUES (99, 'koordinator',
    (SELECT id FROM member WHERE number = 2), '2024-01-01')"
in_dir "$W" check --at 2024-06-01
expect_rc 1 "two coordinators"
expect_out "2 coordinators on 2024-06-01 (Anne Ærø, Bo Østergaard)" "two coordinators named"
expect_out "the koordinator role from 2024-01-01 is not in the hash chain: it was added behind klynge's back" \
    "the role added behind klynge's back is named"
cp "$TMP/untouched.db" "$W/klynge.db"
# Succession keeps exactly one.
k role assign koordinator bo@example.dk --from 2024-09-01
in_dir "$W" role list --at 2024-08-31
expect_out "Anne Ærø" "Anne until the day before"
in_dir "$W" role list --at 2024-09-01
expect_out "Bo Østergaard" "Bo from the day"
expect_no_out "Anne Ærø" "Anne no longer"

# cluster.patients: outside the policy range → warning only (exit 0).
k practice set 123456 --patients 9000 --as-of 2024-10-01
in_dir "$W" check --at 2024-10-15
expect_rc 0 "patients warning is not an error"
expect_out "warning: the cluster has 9000 registered patients, outside the usual 10000–120000" "patients warning"
in_dir "$W" check --at 2024-09-15
expect_no_out "registered patients, outside" "the count as of the date is used"

# cluster.practice-together: a member of a practice that left → error; a practice without members → warning.
k practice add 234567 --name "Nordhavn Lægehus" --patients 5000 --as-of 2024-01-01
in_dir "$W" check --at 2024-10-15
expect_out "practice 234567 (Nordhavn Lægehus) has no member doctors" "empty practice warned"
cp "$W/klynge.db" "$TMP/untouched.db"
sqlite3 "$W/klynge.db" "UPDATE practice SET left_on = '2024-10-01' WHERE ydernummer = '123456'"
in_dir "$W" check --at 2024-10-15
expect_rc 1 "member of a departed practice"
expect_out "practice 123456 left the cluster on 2024-10-01" "departed practice named"
expect_out "practice 123456 was changed behind klynge's back" "the edited practice is named"
cp "$TMP/untouched.db" "$W/klynge.db"
k practice leave 234567 --date 2024-10-20

# members.registration: registered 2024-06-01; a change in November …
k member add "Carl Åberg" --email carl@example.dk --practice 123456 --position ejerlæge --joined 2024-11-10
in_dir "$W" check --at 2024-11-30
expect_no_out "register it at KiAP" "no warning before December"
in_dir "$W" check --at 2024-12-01
expect_rc 0 "December: warning only"
expect_out "warning: the roster changed since the registration on 2024-06-01 (1 change) — register it at KiAP before 1 January 2025" "December warning"
in_dir "$W" check --at 2025-01-01
expect_rc 1 "January: error"
expect_out "was not registered at KiAP before 1 January 2025" "January error"
k member registered --date 2024-12-15
in_dir "$W" check --at 2025-01-01
expect_rc 0 "registered in time"
# A change in January is due by next 1 January: no finding until December.
k member leave carl@example.dk --date 2025-01-10
in_dir "$W" check --at 2025-06-01
expect_no_out "roster changed" "a January change is not yet due"
in_dir "$W" check --at 2025-12-02
expect_out "warning: the roster changed since the registration on 2024-12-15" "due again in December"
# Never registered at all, after 1 January: error.
W2=$TMP/w2
new_workspace "$W2"
(cd "$W2" && "$KLYNGE" practice add 123456 --name P --patients 20000 --as-of 2024-01-01 &&
  "$KLYNGE" member add "Anne" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2024-03-01 &&
  "$KLYNGE" role assign koordinator 1 --from 2024-03-01) >/dev/null 2>&1
in_dir "$W2" check --at 2025-02-01
expect_rc 1 "never registered"
expect_out "it has never been registered" "never registered message"

# Output formats of check.
in_dir "$W2" check --at 2025-02-01 --format json
expect_out '"severity": "error"' "check json"
expect_out '"rule": "members.registration"' "check json rule id"

finish
