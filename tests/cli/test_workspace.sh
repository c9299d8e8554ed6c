#!/usr/bin/env bash
# Finding the workspace, validating klynge.toml, config show/get, and the store
# under concurrent use.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
new_workspace "$W"
mkdir -p "$W/documents/deep/er"

# Discovery: walk up, -C, KLYNGE_DIR; outside a workspace is exit 3.
in_dir "$W/documents/deep/er" config get cluster.name
expect_rc 0 "found by walking up"
expect_eq "$OUT" 'Østerbroklyngen' "config get"
in_dir "$TMP" -C "$W" config get cluster.cvr
expect_eq "$OUT" '12345674' "-C DIR"
OUT=$(cd "$TMP" && KLYNGE_DIR=$W "$KLYNGE" config get cluster.region 2>&1)
expect_eq "$OUT" 'Hovedstaden' "KLYNGE_DIR"
refused "$TMP" 3 "not a klynge workspace" status
refused "$TMP" 3 "no such directory" -C "$TMP/nope" status
OUT=$(cd "$TMP" && KLYNGE_DIR=$TMP "$KLYNGE" status 2>&1); RC=$?
expect_rc 3 "KLYNGE_DIR not a workspace"
in_dir "$W" config show
expect_out "policy.voting_positions" "config show lists settings"
expect_out "default" "config show marks defaults"
refused "$W" 2 "unknown setting" config get policy.nope

# klynge.toml validation: file, line, column and the expected form; exit 3.
cp "$W/klynge.toml" "$TMP/good.toml"
broken() { # broken DESCRIPTION MESSAGE (klynge.toml already edited)
    refused "$W" 3 "$2" status
    refused "$W" 3 "$2" member list
    cp "$TMP/good.toml" "$W/klynge.toml"
}
sed -i 's/^\[policy\]$/[policy]\nnotice = 14/' "$W/klynge.toml"
broken "unknown key" "unknown setting \"policy.notice\""
sed -i 's/^\[policy\]$/[policy]\nnotice = 14/' "$W/klynge.toml"
line=$(grep -n '^notice = 14' "$W/klynge.toml" | cut -d: -f1)
refused "$W" 3 "klynge.toml:$line:1: unknown setting \"policy.notice\"" status
cp "$TMP/good.toml" "$W/klynge.toml"
sed -i 's/^# patients_min = 10000/patients_min = "many"/' "$W/klynge.toml"
broken "wrong type" "policy.patients_min has the wrong type — expected a whole number from 0 to 10000000"
sed -i 's/^# patients_max = 120000/patients_max = -3/' "$W/klynge.toml"
broken "bad value" "policy.patients_max is -3"
sed -i 's/^cvr = "12345674"/cvr = "12345678"/' "$W/klynge.toml"
broken "bad CVR" "klynge.toml:11:7: cluster.cvr is not valid"
sed -i 's/^region = .*/region = "Fyn"/' "$W/klynge.toml"
broken "bad choice" "cluster.region is \"Fyn\""
sed -i 's/^# voting_positions = .*/voting_positions = ["ejerlæge", "formand"]/' "$W/klynge.toml"
broken "bad list entry" "policy.voting_positions has an unknown entry"
sed -i 's/^name = .*/name = "unterminated/' "$W/klynge.toml"
broken "syntax" "klynge.toml:9:"
sed -i '/^municipality = /d' "$W/klynge.toml"
broken "missing required" "the required setting cluster.municipality is missing"
printf 'stray = 1\n' | cat - "$TMP/good.toml" >"$W/klynge.toml"
broken "top-level key" "\"stray\" is not a known section"

# A policy setting changes behaviour: voting right follows policy.voting_positions.
(cd "$W" && "$KLYNGE" practice add 123456 --name P --patients 30000 --as-of 2025-01-01 >/dev/null &&
    "$KLYNGE" member add "Bo" --email bo@example.dk --practice 123456 --position ansat >/dev/null)
in_dir "$W" status --format json
expect_out '"voting_members": 0' "ansat has no vote by default"
sed -i 's/^# voting_positions = .*/voting_positions = ["ejerlæge", "ansat"]/' "$W/klynge.toml"
in_dir "$W" status --format json
expect_out '"voting_members": 1' "policy gives ansat the vote"
cp "$TMP/good.toml" "$W/klynge.toml"

# The store: a missing or damaged database is exit 4; a locked one waits, then exit 4.
mv "$W/klynge.db" "$TMP/db.bak"
refused "$W" 4 "klynge.db is missing" status
echo "not a database at all, just text that is long enough to fill a header......................" >"$W/klynge.db"
refused "$W" 4 "klynge.db" status
mv "$TMP/db.bak" "$W/klynge.db"

# Two writers at once both succeed: the second waits for the first.
(cd "$W" && "$KLYNGE" member add "Carl" --email carl@example.dk --practice 123456 --position ejerlæge >/dev/null) &
(cd "$W" && "$KLYNGE" member add "Dorthe" --email dorthe@example.dk --practice 123456 --position ejerlæge >/dev/null) &
wait
in_dir "$W" member list --format csv
expect_eq "$(echo "$OUT" | grep -c '@example.dk')" "3" "concurrent writers both landed"

# Hold the write lock from another process: klynge waits, then gives up with
# exit 4. The holder says when it has the lock and keeps it until told (a
# loaded machine may take seconds to start it).
python3 - "$W/klynge.db" "$TMP/locked" "$TMP/release" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
deadline = time.time() + 60
while not os.path.exists(sys.argv[3]) and time.time() < deadline:
    time.sleep(0.05)
db.execute("ROLLBACK")
PY
for _ in $(seq 600); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
[ -e "$TMP/locked" ] && pass || fail "the lock holder did not start"
before=$(snapshot "$W")
OUT=$(cd "$W" && KLYNGE_BUSY_TIMEOUT=500 "$KLYNGE" member add "Eva" --email eva@example.dk --practice 123456 --position vikar 2>&1); RC=$?
expect_rc 4 "locked database"
[[ "$OUT" == *"locked by another command"* ]] && pass || fail "locked message: $OUT"
touch "$TMP/release"
wait
[ "$before" == "$(snapshot "$W")" ] && pass || fail "a locked write changed the workspace"
OUT=$(cd "$W" && "$KLYNGE" member add "Eva" --email eva@example.dk --practice 123456 --position vikar 2>&1); RC=$?
expect_rc 0 "after the lock is released"

# No journal or temporary file is left behind.
[ -z "$(find "$W" -name '*-journal' -o -name '*.klynge-tmp*')" ] && pass || fail "side files left behind"

finish
