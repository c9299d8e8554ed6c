#!/usr/bin/env bash
# The commands for honoraria, SKAT, decisions and `meeting move --host/--link`,
# and the documents (calendar file, beretning, budget), meet the workspace's
# shared rules like every other command: outside a workspace exit 3, a
# broken klynge.toml exit 3 naming file:line:column, a database locked by
# another writer exit 4 after the busy timeout (the documents, which only
# read the store, read its last commit instead) — each refusal with a
# one-line error and the workspace byte-for-byte unchanged — and then, with
# nothing wrong, the very same command line works (so each refusal above was
# the environment's, not the arguments').
source "$(dirname "$0")/lib.sh"

bash "$KLYNGE_SOURCE/examples/demo.sh" "$KLYNGE" "$TMP/demo" >"$TMP/demo.log" 2>&1 ||
    { echo "FAIL: examples/demo.sh: $(tail -3 "$TMP/demo.log")" >&2; exit 1; }
W=$TMP/demo/oesterbro
export KLYNGE_TODAY=2026-04-01
OUTSIDE=$TMP/outside
mkdir -p "$OUTSIDE"

# In the order they can run for real. (The demo's February B-income — Anne's
# first quarter, pro rata, paid by PLO — is what is marked reported.)
commands=(
    'payout --contract 2 --period 2026-H1 --date 2026-03-31'
    'skat mark-reported --month 2026-02 --ref "PLO 2026-02"'
    'hours log anne.aero@example.dk --date 2026-01-20 --hours 2 --task Planlægning'
    'contract add "Revisionshuset ApS" --role sekretær --fee-per-year 5000 --schedule yearly --from 2026-01-01 --cvr 29000018'
    'vote 2 --motion "Næste klyngemøde holdes online" --yes 1 --no 0'
    'vote election 2 --office bestyrelse --candidate "Bo Østergaard" --votes "Bo Østergaard=1"'
    'vote dots 2 --question "Emner" --idea "Hjertesvigt" --idea "Søvn" --dots anne.aero@example.dk=Hjertesvigt:1'
    'config set policy.notice_days 21'
    'meeting move 5 --host 234561'
    'meeting move 5 --link https://meet.example.dk/klynge'
)
# Commands that only read the store and write a document: refused like the
# rest outside a workspace and with a broken klynge.toml; while another
# command holds the write lock they read the last commit and work.
documents=(
    'calendar --year 2026 --ics frister.ics'
    'meeting report 4'
    'budget show --year 2026 --document'
)
# The meeting that `meeting move` moves: called and in the future.
in_dir "$W" meeting call --type klyngemøde --title "Klyngemøde om hjertesvigt" --start "2026-05-20 17:00" --end 19:00 \
    --place "Østerbrohuset, sal 2" --theme 2
expect_rc 0 "meeting call (the meeting that is moved below)"


# Outside a workspace.
for c in "${commands[@]}" "${documents[@]}"; do
    eval "args=($c)"
    refused "$OUTSIDE" 3 "not a klynge workspace" "${args[@]}"
done

# A broken klynge.toml.
cp "$W/klynge.toml" "$TMP/good.toml"
printf '\n[policy]\nnotice = 14\n' >>"$W/klynge.toml"
for c in "${commands[@]}" "${documents[@]}"; do
    eval "args=($c)"
    refused "$W" 3 "klynge.toml:" "${args[@]}"
done
cp "$TMP/good.toml" "$W/klynge.toml"

# The database locked by another writer until told to let go.
/usr/bin/python3 - "$W/klynge.db" "$TMP/locked" "$TMP/release" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
deadline = time.time() + 120
while not os.path.exists(sys.argv[3]) and time.time() < deadline:
    time.sleep(0.05)
db.execute("ROLLBACK")
PY
for _ in $(seq 600); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
[ -e "$TMP/locked" ] && pass || fail "the lock holder did not start"
for c in "${commands[@]}"; do
    eval "args=($c)"
    KLYNGE_BUSY_TIMEOUT=300 refused "$W" 4 "locked by another command" "${args[@]}"
done
for c in "${documents[@]}"; do
    eval "args=($c)"
    KLYNGE_BUSY_TIMEOUT=300 in_dir "$W" "${args[@]}"
    expect_rc 0 "klynge $c while another command holds the write lock (reads the last commit)"
done
[ -s "$W/documents/budget-2026.md" ] && grep -q "101.000,00" "$W/documents/budget-2026.md" && pass ||
    fail "the budget written under the lock is not the committed one"
touch "$TMP/release"
wait

# Nothing wrong: the same command lines work.
for c in "${commands[@]}" "${documents[@]}"; do
    eval "args=($c)"
    in_dir "$W" "${args[@]}"
    expect_rc 0 "klynge $c"
done
in_dir "$W" check
expect_rc 0 "the workspace checks out afterwards"

finish
