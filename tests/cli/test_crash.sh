#!/usr/bin/env bash
# After a crash the cron commands work at once (issue 11 §2): kill -9 at a
# random moment in each bulk path — member import, ledger import, restore,
# grant calc --batch -o, payout — then the read commands run immediately and
# succeed, SQLite's integrity check is ok, the hash chain and klynge.head
# agree, and every command that had reported success is still there.
source "$(dirname "$0")/lib.sh"
export KLYNGE_TODAY=2026-04-01

W=$TMP/w
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --as-of 2024-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
(cd "$W" && printf '150472-1234\n' | "$KLYNGE" contract add anne@example.dk --role koordinator --fee-per-year 60000 \
    --schedule monthly --from 2020-01-01 --cpr - >/dev/null 2>&1) || { echo "setup failed: contract" >&2; exit 1; }

# Inputs big enough that a random kill lands inside the write; the delays
# below are drawn up to about the time each command takes here in a Debug
# build (Release and ASan builds shift them, which only moves where it lands).
python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
with open(f"{d}/roster.csv", "w") as f:
    f.write("name,email,ydernummer,position\n")
    for i in range(800):
        f.write(f"Læge {i},laege{i}@example.dk,123456,ansat\n")
with open(f"{d}/ledger.csv", "w") as f:
    f.write("date,amount,category,text,approved,paid\n")
    for i in range(1500):
        f.write(f"2025-{1 + i % 12:02d}-{1 + i % 28:02d},{100 + i % 900},forplejning,Mad {i},,\n")
with open(f"{d}/batch.csv", "w") as f:
    f.write("cluster,ydernummer,patients\n")
    for i in range(30000):
        f.write(f"Klynge {i % 116},{100000 + i},{1000 + i % 5000}\n")
PY
(cd "$W" && "$KLYNGE" dump -o "$TMP/restore.sql") || { echo "setup failed: dump" >&2; exit 1; }

# What must survive: every command that reported success.
declare -a MUST=()
n=0
survivor() { # a small write that reports success; remembered
    n=$((n + 1))
    if (cd "$W" && "$KLYNGE" ledger add --date 2026-01-15 --amount "$n" --category forplejning \
            --text "Overlever $n" >/dev/null 2>&1); then
        MUST+=("Overlever $n")
    else
        fail "survivor write $n failed"
    fi
}

reads_work() { # label
    local label=$1 c
    for c in status "check" "skat pending" "member list" "ledger balance" "dump" "log"; do
        # shellcheck disable=SC2086
        OUT=$(cd "$W" && "$KLYNGE" $c 2>"$CAPTURE/stderr"); RC=$?
        ERR=$(cat "$CAPTURE/stderr")
        if [ "$c" = check ] || [ "$c" = "skat pending" ]; then
            # Both exit 1 for findings (an unregistered roster, an overdue
            # report); the records themselves must be whole.
            if [ "$RC" -le 1 ] && ! grep -qE '\[(store\.[a-z]+|money\.totals)\]' <<<"$OUT"; then pass
            else fail "$label: klynge check after the crash"; return 1; fi
            continue
        fi
        if [ "$RC" -eq 0 ]; then pass; else fail "$label: klynge $c after the crash"; return 1; fi
        [[ "$ERR" != *"klynge: error"* ]] && pass || fail "$label: klynge $c printed an error"
    done
    expect_eq "$(sqlite3 "$W/klynge.db" 'PRAGMA integrity_check')" "ok" "$label: integrity_check"
    local list
    list=$(cd "$W" && "$KLYNGE" --format csv ledger list 2>/dev/null)
    local t
    for t in "${MUST[@]}"; do
        [[ "$list" == *"$t"* ]] || { fail "$label: '$t' was reported done but is gone"; return 1; }
    done
    pass
}

TRIALS=0
SURVIVED=0
RECOVERED=0
trial() { # label MAX_DELAY_MS COMMAND...
    local label=$1 max=$2
    shift 2
    survivor
    (cd "$W" && exec "$KLYNGE" "$@" >/dev/null 2>&1) &
    local pid=$!
    sleep "$(awk -v m="$max" -v r="$RANDOM" 'BEGIN { printf "%.3f", (r % (m + 1)) / 1000 }')"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    TRIALS=$((TRIALS + 1))
    [ -s "$W/klynge.db-journal" ] && RECOVERED=$((RECOVERED + 1))
    if reads_work "$label (trial $TRIALS)"; then SURVIVED=$((SURVIVED + 1)); fi
    # Whatever the killed command did or did not do, the workspace stays usable.
    survivor
}

for i in $(seq 12); do trial "member import" 220 member import "$TMP/roster.csv"; done
for i in $(seq 12); do trial "ledger import" 220 ledger import "$TMP/ledger.csv"; done
for i in $(seq 10); do trial "grant batch -o" 180 grant calc --batch "$TMP/batch.csv" --year 2025 -o "$TMP/out.csv"; done
for i in $(seq 8); do
    m=$(printf '%02d' "$i")
    trial "payout" 50 payout --contract 1 --date "2025-$m-28" --period "2025-$m"
done
for i in $(seq 8); do
    # restore replaces klynge.db whole (a rename), so a kill leaves the old or the new one.
    (cd "$W" && "$KLYNGE" dump -o "$TMP/restore.sql")
    trial "restore" 160 restore --force "$TMP/restore.sql"
done
echo "crash trials: $TRIALS, reads working after each: $SURVIVED, a journal left behind in $RECOVERED"
expect_eq "$SURVIVED" "$TRIALS" "every crash leaves a workspace whose reads work at once"
[ "$TRIALS" -ge 50 ] && pass || fail "at least 50 trials"

# The recovery is said once, on stderr, by the first command after it.
python3 - "$W/klynge.db" <<'PY'
# A hot journal by hand: a write bigger than the page cache, so SQLite
# syncs the journal and changes the file itself, then death before COMMIT.
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA cache_size = 2")
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE audit SET summary = summary || ' (unfinished)'")
db.execute("CREATE TABLE junk AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
           "SELECT i, hex(randomblob(40)) AS x FROM n")
os._exit(0)
PY
[ "$(head -c 1 "$W/klynge.db-journal" | od -An -tx1 | tr -d ' ')" = "d9" ] && pass \
    || fail "no hot journal was left for the recovery test"
in_dir "$W" status
expect_rc 0 "status after a hot journal"
expect_err "klynge: note: klynge.db was left mid-write by an interrupted command" "the recovery is said"
in_dir "$W" status
expect_no_out "mid-write" "said once"
[[ "$ERR" != *"mid-write"* ]] && pass || fail "the recovery note is repeated"
expect_eq "$(sqlite3 "$W/klynge.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'junk'")" "0" "the unfinished table is gone"
in_dir "$W" check
grep -qE '\[(store\.[a-z]+|money\.totals)\]' <<<"$OUT" && fail "the rolled-back change is gone: $OUT" || pass
finish
