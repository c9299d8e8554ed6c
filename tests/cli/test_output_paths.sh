#!/usr/bin/env bash
# Output files (issue 11 §1) as a user meets them: what the guard lets
# through works (private/, documents/, outside, a link, /dev/stdout), a file
# with full CPR numbers is 0600 from the start, a failed write leaves neither
# a half file nor its temporary, a killed one leaves a temporary that
# `klynge check` reports and the next writing command removes, and
# .gitignore covers every temporary and journal klynge can leave.
# (The refusals themselves are rows of test_bad_input.sh.)
source "$(dirname "$0")/lib.sh"

export KLYNGE_TODAY=2026-03-10
W=$TMP/w
OUTSIDE=$TMP/outside
mkdir -p "$OUTSIDE"
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --as-of 2018-11-15 --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign kasserer bo@example.dk --from 2018-11-15
sed -i 's/^\[finance\]$/[finance]\nmodel = "own-account"/' "$W/klynge.toml"
(cd "$W" && printf '%s\n' 010190-2345 | "$KLYNGE" payout --person bo@example.dk --amount 300 --kind honorar \
    --date 2026-02-08 --cpr - >/dev/null 2>&1) || { echo "setup failed: payout" >&2; exit 1; }
temporaries() { find "$1" -name '*klynge-tmp*' -o -name '*.klynge-old' | sort; }

# --- full CPR numbers: 0600, in private/ or outside git; --force inside ---
in_dir "$W" skat report --month 2026-02 --reveal-cpr --format csv -o private/eindkomst-2026-02.csv
expect_rc 0 "the README's example writes into private/"
grep -q "010190-2345" "$W/private/eindkomst-2026-02.csv" && pass || fail "the file lacks the full CPR"
expect_eq "$(stat -c %a "$W/private/eindkomst-2026-02.csv")" "600" "a file with full CPRs is 0600"
in_dir "$W" skat report --month 2026-02 --reveal-cpr -o "$OUTSIDE/eindkomst.txt"
expect_rc 0 "full CPRs outside the workspace and git"
expect_eq "$(stat -c %a "$OUTSIDE/eindkomst.txt")" "600" "0600 outside the workspace too"
in_dir "$W" skat report --month 2026-02 --reveal-cpr -o documents/eindkomst.txt --force
expect_rc 0 "--force writes full CPRs inside the workspace"
expect_eq "$(stat -c %a "$W/documents/eindkomst.txt")" "600" "0600 with --force"
rm "$W/documents/eindkomst.txt"
mkdir -p "$TMP/repo/.git"
refused "$TMP/repo" 2 "inside the git work tree $TMP/repo, where git versions it" \
    -C "$W" skat report --month 2026-02 --reveal-cpr -o "$TMP/repo/eindkomst.csv"
in_dir "$W" skat report --month 2026-02 -o documents/masked.txt
expect_rc 0 "a masked report may go anywhere the guard allows"
expect_eq "$(stat -c %a "$W/documents/masked.txt")" "644" "an ordinary file keeps the ordinary mode"
grep -q "010190-\*\*\*\*" "$W/documents/masked.txt" && pass || fail "the masked report lacks the masked CPR"

# --- what the guard lets through ---
in_dir "$W" dump -o klynge.sql
expect_rc 0 "klynge dump -o klynge.sql (the README's example) beside the database"
in_dir "$W" ledger export --to hledger -o documents/klynge.journal
expect_rc 0 "an export into documents/"
OUT=$(cd "$W" && "$KLYNGE" dump -o /dev/stdout 2>&1); RC=$?
expect_rc 0 "dump -o /dev/stdout is written as a stream"
expect_out "PRAGMA user_version" "the dump reached stdout"
[ -c /dev/null ] && pass || fail "/dev/null was replaced"
in_dir "$W" dump -o /dev/null
expect_rc 0 "dump -o /dev/null"
[ -c /dev/null ] && pass || fail "dump -o /dev/null replaced the device"
ln -s "$OUTSIDE/real.sql" "$W/documents/alias.sql"
in_dir "$W" dump -o documents/alias.sql
expect_rc 0 "-o through a link"
[ -L "$W/documents/alias.sql" ] && pass || fail "the link was replaced by a file"
grep -q "PRAGMA" "$OUTSIDE/real.sql" && pass || fail "the link's target was not written"
in_dir "$W" --dry-run dump -o "$OUTSIDE/dry.sql"
expect_err "dry run: would write $OUTSIDE/dry.sql" "a dry run says what it would write"
[ ! -e "$OUTSIDE/dry.sql" ] && pass || fail "a dry run wrote the file"
expect_eq "$(temporaries "$W")$(temporaries "$OUTSIDE")" "" "no temporary after these writes"

# --- a write that fails half-way: no half file, no temporary ---
for i in $(seq 1 40); do k practice add $((200000 + i)) --name "Praksis nummer $i" --patients 5; done
OUT=$(cd "$W" && trap '' XFSZ && ulimit -f 4 && "$KLYNGE" dump -o documents/big.sql 2>&1); RC=$?
expect_rc 4 "a write beyond the file size limit fails"
expect_out "cannot write -o documents/big.sql" "the error names the target as given"
[[ "$OUT" != *klynge-tmp* ]] && pass || fail "the error names the temporary"
[ ! -e "$W/documents/big.sql" ] && pass || fail "a failed write left a half file"
expect_eq "$(temporaries "$W")" "" "a failed write leaves no temporary"
OUT=$(cd "$W" && trap '' XFSZ && ulimit -f 4 && "$KLYNGE" grant calc --year 2025 -o "$OUTSIDE/grant.txt" 2>&1)
OUT=$(cd "$W" && trap '' XFSZ && ulimit -f 4 && "$KLYNGE" ledger export --to csv -o "$OUTSIDE/x.csv" 2>&1)
expect_eq "$(temporaries "$OUTSIDE")" "" "failed writes outside leave no temporary either"

# --- a write that is killed: the temporary stays until the next writing command ---
bash -c 'cd "$1" && ulimit -f 4 && "$2" dump -o documents/killed.sql; true' _ "$W" "$KLYNGE" 2>/dev/null
left=$(temporaries "$W")
[[ "$left" == *"documents/killed.sql."*".klynge-tmp" ]] && pass || fail "a killed write left no temporary: '$left'"
in_dir "$W" check
[[ "$OUT" != *"workspace.temporaries"* ]] && pass || fail "a temporary under a minute old is reported (it may be in use)"
touch -d '2 minutes ago' $left
before=$(snapshot "$W")
in_dir "$W" check
expect_out "warning: 1 temporary left by an interrupted klynge command: documents/killed.sql." "check reports it"
expect_out "[workspace.temporaries]" "under its rule id"
in_dir "$W" status
expect_eq "$(snapshot "$W")" "$before" "reading commands leave the temporary alone"
in_dir "$W" --dry-run member add "Eva Eng" --email eva@example.dk --practice 123456 --position ejerlæge
expect_eq "$(snapshot "$W")" "$before" "so does a dry run"
# One held by a running klynge (its flock) is never removed, however old.
: >"$W/documents/busy.md.0badcafe.klynge-tmp"
touch -d '2 minutes ago' "$W/documents/busy.md.0badcafe.klynge-tmp"
flock "$W/documents/busy.md.0badcafe.klynge-tmp" sleep 5 &
holder=$!
sleep 0.3
in_dir "$W" member add "Eva Eng" --email eva@example.dk --practice 123456 --position ejerlæge
expect_rc 0 "the next writing command"
expect_err "klynge: warning: removed 1 temporary an interrupted klynge command left: documents/killed.sql." \
    "it says what it removed"
expect_eq "$(temporaries "$W")" "$W/documents/busy.md.0badcafe.klynge-tmp" "only the locked one is left"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
rm "$W/documents/busy.md.0badcafe.klynge-tmp"
# init's staging folder of an interrupted init, beside the workspace.
mkdir -p "$TMP/.w.deadbeef.klynge-tmp/templates"
touch -d '2 minutes ago' "$TMP/.w.deadbeef.klynge-tmp"
in_dir "$W" check
expect_out "../.w.deadbeef.klynge-tmp" "check reports init's staging folder"
in_dir "$W" member set eva@example.dk --name "Eva Engel"
expect_err "../.w.deadbeef.klynge-tmp" "and the next write removes it"
[ ! -e "$TMP/.w.deadbeef.klynge-tmp" ] && pass || fail "init's staging folder is left"

# --- .gitignore: everything klynge can leave is ignored; check says when not ---
for pattern in /private/ /klynge.db-journal /klynge.db-wal /klynge.db-shm '*.klynge-tmp' '*.klynge-tmp-*' '*.klynge-old' /klynge.head-pending; do
    grep -qxF -- "$pattern" "$W/.gitignore" && pass || fail ".gitignore lacks $pattern"
done
in_dir "$W" check --at 2026-03-10
[[ "$OUT" != *"workspace.gitignore"* ]] && pass || fail "a fresh .gitignore is reported"
# A workspace from before issue 11 has only "*.klynge-tmp".
printf '/private/\n/klynge.db-journal\n/klynge.db-wal\n/klynge.db-shm\n*.klynge-tmp\n' >"$W/.gitignore"
in_dir "$W" check
expect_out "warning: .gitignore lacks *.klynge-tmp-* *.klynge-old /klynge.head-pending" "an old .gitignore is a warning"
printf '*.klynge-tmp\n' >"$W/.gitignore"
mkdir -p "$W/.git" && printf '[merge "klynge"]\n\tdriver = klynge merge-driver %%O %%A %%B %%P\n' >"$W/.git/config"
in_dir "$W" check
expect_rc 1 "a git workspace whose .gitignore lets private/ in fails the check"
expect_out "error: .gitignore lacks /private/" "named as an error"
expect_out "the CPR numbers in private/" "saying what is at stake"

finish
