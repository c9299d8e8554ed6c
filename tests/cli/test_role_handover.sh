#!/usr/bin/env bash
# The coordinator changes (issue 13 §3; [000 §7], [001 §7]): `klynge role
# handover koordinator --to PERSON` ends the outgoing coordinator's role and
# contract the same day, names the suppleant as acting coordinator in status
# and check, writes the checklist, and refuses what it cannot do with the
# workspace unchanged.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
export KLYNGE_TODAY=2026-06-15
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 3 --as-of 2024-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Lars Bækgaard" --email lars@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k role assign suppleant lars@example.dk --from 2023-03-01
k member registered --date 2025-12-15
printf '%s\n' 150472-1234 | k contract add anne@example.dk --role koordinator --fee-per-year 60000 \
    --schedule quarterly --from 2026-01-01 --cpr -
k payout --contract 1 --period 2026-K2 --date 2026-06-15

# Refusals, each with its exit code and the workspace unchanged.
refused "$W" 2 "handover is for the koordinator" role handover kasserer --to lars@example.dk
refused "$W" 1 "Anne Ærø is the coordinator on 2026-05-31 already" role handover koordinator --to anne@example.dk --date 2026-05-31
refused "$W" 1 "no coordinator on 2018-01-01" role handover koordinator --to lars@example.dk --date 2018-01-01
refused "$W" 1 "the period 2026-K2 of contract #1 is already paid" role handover koordinator --to lars@example.dk --date 2026-05-31
refused "$W" 1 "no member" role handover koordinator --to nobody@example.dk --date 2026-06-30
[ ! -e "$W/documents/skift-af-koordinator-2026-06-01.md" ] && pass || fail "a refused handover wrote no document"

# The handover at the end of the quarter already paid.
export KLYNGE_TODAY=2026-07-01
in_dir "$W" role handover koordinator --to lars@example.dk --date 2026-06-30
expect_rc 0 "role handover"
expect_out "Contract #1 (koordinator) ends on 2026-06-30" "the contract ends the same day"
expect_out "Lars Bækgaard is acting koordinator (suppleant, [000 §7]) from 2026-07-01" "the suppleant acts"
DOC=$W/documents/skift-af-koordinator-2026-07-01.md
[ -f "$DOC" ] && pass || fail "the checklist document is written"
grep -q "bestrider fra den 1. juli 2026 posten som fungerende klyngekoordinator" "$DOC" && pass || fail "the document names the acting coordinator"
grep -q "tegningsberettiget" "$DOC" && pass || fail "the checklist: who signs for the cluster [001 §7]"
grep -q "PLO's klyngesekretariat" "$DOC" && pass || fail "the checklist: PLO"
grep -q "KiAP" "$DOC" && pass || fail "the checklist: KiAP"
grep -q "Honoraraftale nr. 1 med Anne Ærø ophører den 30. juni 2026" "$DOC" && pass || fail "the checklist: the contract"
grep -qi "klynge\b.*--\|\`" "$DOC" && fail "a command line in the document" || pass
in_dir "$W" contract show 1
expect_out "2026-06-30" "the contract's end date"
in_dir "$W" status
expect_out "Coordinator Lars Bækgaard (acting: the suppleant, until the next ordinary general assembly [000 §7])" "status names the acting coordinator"
in_dir "$W" check
expect_out "Lars Bækgaard is acting coordinator as the suppleant since 2026-07-01 [000 §7]" "check names the acting coordinator"
refused "$W" 1 "which does not cover the period 2026-K3" payout --contract 1 --period 2026-K3 --date 2026-07-01

# A coordinator who simply left, without a handover: check names the suppleant.
Y=$TMP/y
new_workspace "$Y"
(cd "$Y" && "$KLYNGE" practice add 123456 --name "L" --patients 20000 --as-of 2024-01-01 --joined 2018-11-15 \
    && "$KLYNGE" member add "Ida Ib" --email ida@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15 \
    && "$KLYNGE" member add "Jens Jul" --email jens@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15 \
    && "$KLYNGE" role assign koordinator ida@example.dk --from 2018-11-15 --to 2026-05-31 \
    && "$KLYNGE" role assign suppleant jens@example.dk --from 2020-01-01) >/dev/null 2>&1 || fail "setup of Y"
in_dir "$Y" check
expect_out "no coordinator on 2026-07-01 — the suppleant Jens Jul holds the post until the next ordinary general assembly [000 §7]" "check names the suppleant"
# The assembly elects a new coordinator; the acting one steps back.
in_dir "$W" role assign koordinator bo@example.dk --from 2026-09-01
expect_rc 0 "a new coordinator is elected"
in_dir "$W" check --at 2026-09-01
expect_no_out "acting coordinator" "no acting coordinator after the election"
expect_out "the coordinator Bo Østergaard has no contract in force on 2026-09-01" "the new coordinator needs a contract"

finish
