#!/usr/bin/env bash
# Tamper evidence without gaps (issue 11 §4; DESIGN.md "Nothing is lost"):
# a colleague with sqlite3 edits klynge.db behind klynge's back — `klynge
# check` must fail, naming what was changed, deleted or added, in every
# scenario. Each scenario starts from a copy of one realistic workspace.
source "$(dirname "$0")/lib.sh"

B=$TMP/base
new_workspace "$B"
k() { (cd "$B" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
export KLYNGE_TODAY=2026-04-01
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 2 --as-of 2024-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k member registered --date 2025-12-15
KLYNGE_TODAY=2026-01-20 k meeting call --type generalforsamling --title "Generalforsamling 2026" \
    --start "2026-02-20 17:00" --end "19:00" --place Kulturhuset
k meeting attend 1 anne@example.dk bo@example.dk
k vote 1 --motion "Budget 2026" --yes 2 --no 0
k ledger income --date 2026-02-01 --amount 134031,65 --kind driftstilskud --text "Klyngemidler 2026"
printf 'kvittering' >"$TMP/bon.pdf"
k ledger add --date 2026-02-20 --amount 1234 --category forplejning --text "Smørrebrød" --receipt "$TMP/bon.pdf" --meeting 1
k ledger approve B-2026-002
k ledger add --date 2026-02-21 --amount 500 --category lokaleleje --text "Lokale"
(cd "$B" && printf '150472-1234\n' | "$KLYNGE" contract add anne@example.dk --role koordinator --fee-per-year 60000 \
    --schedule quarterly --from 2026-01-01 --cpr - >/dev/null 2>&1) || { echo "setup failed: contract" >&2; exit 1; }
# From here the cluster's own account: the payout is paid, and B-income, when recorded.
sed -i 's/^\[finance\]$/[finance]\nmodel = "own-account"/' "$B/klynge.toml"
k payout --contract 1 --date 2026-03-31
k skat mark-reported --month 2026-03 --ref "kvittering 4711"
in_dir "$B" check
expect_rc 0 "the untouched workspace passes"
# The newest command was the SKAT mark; before it, the payout.

TRIED=0
DETECTED=0
# scenario NAME MESSAGE SQL [SHELL] : a copy of the workspace, the SQL run
# with sqlite3 (and SHELL run inside the copy), then check must fail
# naming MESSAGE.
scenario() {
    local name=$1 message=$2 sql=$3 shell=${4:-}
    local W=$TMP/s$TRIED
    cp -a "$B" "$W"
    TRIED=$((TRIED + 1))
    if [ -n "$sql" ]; then sqlite3 "$W/klynge.db" "PRAGMA foreign_keys = OFF; $sql" || { fail "$name: sqlite3 failed"; return; }; fi
    if [ -n "$shell" ]; then (cd "$W" && eval "$shell") || { fail "$name: shell failed"; return; }; fi
    in_dir "$W" check
    [ -n "${TAMPER_VERBOSE:-}" ] && printf "== %s\n%s\n" "$name" "$(grep -F -- "$message" <<<"$OUT" | cut -c1-240)"
    if [ "$RC" -eq 1 ] && [[ "$OUT" == *"$message"* ]]; then
        DETECTED=$((DETECTED + 1))
        pass
    else
        fail "$name: check did not name it ('$message')"
    fi
    rm -rf "$W"
}
id() { sqlite3 "$B/klynge.db" "$1"; }
E2=$(id "SELECT id FROM ledger_entry WHERE voucher = 'B-2026-002'")
E3=$(id "SELECT id FROM ledger_entry WHERE voucher = 'B-2026-003'")
PAYOUT=$(id "SELECT id FROM payout")
PAYOUT_ENTRY=$(id "SELECT ledger_entry_id FROM payout")
BINCOME=$(id "SELECT id FROM b_income")
MARK=$(id "SELECT id FROM skat_report")
ITEM=$(id "SELECT id FROM skat_report_item")
ANNE=$(id "SELECT id FROM member WHERE number = 1")
AUDIT=$(id "SELECT id FROM audit ORDER BY id LIMIT 1 OFFSET 3")
unlink() { echo "DELETE FROM chain WHERE record_table = '$1' AND record_id = $2;"; }
NOTRIG="DROP TRIGGER ledger_entry_no_update; DROP TRIGGER ledger_entry_no_delete; DROP TRIGGER ledger_event_no_delete;
    DROP TRIGGER chain_no_delete; DROP TRIGGER chain_no_update; DROP TRIGGER payout_no_delete; DROP TRIGGER b_income_no_delete;
    DROP TRIGGER skat_report_no_delete; DROP TRIGGER skat_report_item_no_delete; DROP TRIGGER decision_no_update;
    DROP TRIGGER audit_no_delete; DROP TRIGGER ledger_receipt_no_update;"

# Money records.
scenario "an amount edited" "ledger entry B-2026-002 was changed behind klynge's back" \
    "$NOTRIG UPDATE ledger_entry SET amount_ore = 12340 WHERE id = $E2;"
scenario "an entry deleted, its link kept" "ledger_entry #$E3 is missing: it was deleted behind klynge's back" \
    "$NOTRIG DELETE FROM ledger_entry WHERE id = $E3;"
scenario "an entry in the middle deleted with its link: that entry is named, not its neighbour" \
    "ledger_entry #$E3 is missing together with its link" \
    "$NOTRIG DELETE FROM ledger_entry WHERE id = $E3; $(unlink ledger_entry "$E3")"
scenario "an entry added without a link" "ledger entry B-2026-099 is not in the hash chain" \
    "INSERT INTO ledger_entry(id, number, voucher, voucher_year, voucher_seq, kind, entry_date, amount_ore, category,
     text, recorded_on) VALUES (7, 99, 'B-2026-099', 2026, 99, 'expense', '2026-03-01', 100, 'forplejning', 'x',
     '2026-03-01');"
scenario "an approval deleted" "is missing: it was deleted behind klynge's back" \
    "$NOTRIG DELETE FROM ledger_event WHERE entry_id = $E2;"
scenario "a receipt's hash edited" "a receipt of ledger entry B-2026-002 was changed behind klynge's back" \
    "$NOTRIG UPDATE ledger_receipt SET sha256 = substr(sha256, 2) || '0';"
scenario "a receipt file changed" "no longer matches its hash" "" "printf 'ændret' > receipts/*.pdf"
scenario "a day total edited" "the stored recorded total" \
    "UPDATE ledger_day_total SET recorded_ore = recorded_ore + 100 WHERE kind = 'expense';"
# The newest records with their links: the anchor in klynge.head catches it.
scenario "the newest SKAT mark and its item deleted with their links" \
    "missing from klynge.db together with" \
    "$NOTRIG DELETE FROM skat_report_item; DELETE FROM skat_report; $(unlink skat_report_item "$ITEM")
     $(unlink skat_report "$MARK") DELETE FROM chain WHERE id = (SELECT max(id) FROM chain);
     DELETE FROM chain_head; INSERT INTO chain_head SELECT max(id) FROM chain;"
scenario "the payout, its B-income and its ledger entry deleted with their links" \
    "is missing together with its link" \
    "$NOTRIG DELETE FROM skat_report_item; DELETE FROM b_income; DELETE FROM payout;
     DELETE FROM ledger_entry WHERE id = $PAYOUT_ENTRY; $(unlink b_income "$BINCOME") $(unlink payout "$PAYOUT")
     $(unlink ledger_entry "$PAYOUT_ENTRY")"
scenario "a report item deleted" "skat_report_item #$ITEM is missing" \
    "$NOTRIG DELETE FROM skat_report_item;"
# The audit log.
scenario "an audit record edited" "was changed behind klynge's back" \
    "UPDATE audit SET os_user = 'mallory' WHERE id = $AUDIT;"
scenario "an audit record deleted" "audit #$AUDIT is missing" \
    "$NOTRIG DELETE FROM audit WHERE id = $AUDIT;"
# The schema.
scenario "an append-only trigger dropped" "trigger payout_no_update is missing" "DROP TRIGGER payout_no_update;"
scenario "a trigger replaced by one that lets edits through" "trigger ledger_entry_no_update was altered" \
    "DROP TRIGGER ledger_entry_no_update; CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry
     WHEN 0 BEGIN SELECT 1; END;"
# Records that decide money and votes.
scenario "a member's position (voting right) changed" "member #1 (Anne Ærø) was changed behind klynge's back" \
    "UPDATE member SET position = 'ansat' WHERE id = $ANNE;"
scenario "a patient count changed" "the patient count of 2024-01-01 of practice 123456 was changed" \
    "UPDATE practice_patients SET patients = 90000;"
scenario "a role assignment changed" "the koordinator role from 2018-11-15 was changed" \
    "UPDATE role_assignment SET to_date = '2019-01-01';"
scenario "a decision's outcome edited" "decision #1 (ordinary: Budget 2026) was changed" \
    "$NOTRIG UPDATE decision SET outcome = 'rejected';"
scenario "attendance changed" "was changed behind klynge's back" \
    "UPDATE meeting_invitee SET attended = 0 WHERE member_id = $ANNE;"
scenario "a member added without a link" "member #9 (Mallory) is not in the hash chain" \
    "INSERT INTO member(id, number, name, email, practice_id, position, joined_on) VALUES (9, 9, 'Mallory',
     'm@example.dk', (SELECT id FROM practice), 'ejerlæge', '2026-01-01');"
# The chain itself and its anchor.
scenario "a link's digest edited" "the hash chain's link for ledger entry B-2026-002 was altered" \
    "$NOTRIG UPDATE chain SET digest = zeroblob(32) WHERE record_table = 'ledger_entry' AND record_id = $E2;"
scenario "klynge.head edited" "differs from the one klynge.head anchors" "" \
    "sed -i -E 's/^([0-9]+) [0-9a-f]{10}/\1 0000000000/' klynge.head"
scenario "klynge.head deleted" "klynge.head is missing" "" "rm klynge.head"
scenario "klynge.head replaced by an older copy" "goes on past klynge.head" "" \
    "printf '%s\n' \"\$(sqlite3 klynge.db \"SELECT id || ' ' || lower(hex(hash)) || ' ' || record_table || '#' || record_id
     FROM chain ORDER BY id DESC LIMIT 1 OFFSET 4\")\" > klynge.head"

echo "tampering scenarios: $TRIED tried, $DETECTED detected"
expect_eq "$DETECTED" "$TRIED" "every scenario is detected"
finish
