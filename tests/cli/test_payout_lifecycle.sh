#!/usr/bin/env bash
# One lifecycle for a payout (issue 13 §1, DOMAIN.md "Honoraria and SKAT"):
# under finance.model = "plo" a payout is a request that PLO approves and
# pays, and its B-income belongs to the month PLO pays; skat.reporter follows
# the model; a period partly outside the contract or the role is paid pro
# rata by day; honoraria only to a contract or a paid role; `check` fails
# when the books and the B-income records disagree.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
export KLYNGE_TODAY=2026-03-31
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 2 --as-of 2024-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Carl Carlsen" --email carl@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15 --to 2026-01-31
k role assign koordinator carl@example.dk --from 2026-02-01
k member registered --date 2025-12-15
printf '%s\n' 150472-1234 | k contract add anne@example.dk --role koordinator --fee-per-year 60000 \
    --schedule quarterly --from 2025-01-01 --cpr -

# skat.reporter follows finance.model (plo by default).
in_dir "$W" payout --contract 1 --period 2026-K1 --date 2026-03-31
expect_rc 0 "a payout under plo is a request"
expect_out "Requested from PLO: Anne Ærø honorar" "the payout is a request"
# Pro rata: Anne left the coordinator role on 31 January; Q1 has 90 days.
expect_err "2026-K1 is paid pro rata by day, 2026-01-01–2026-01-31 (the role koordinator ended 2026-01-31): 15.000,00 kr. × 31/90 days = 5.166,67 kr." "pro rata arithmetic shown"
expect_out "5.166,67 kr." "the pro rata amount"
in_dir "$W" skat report --month 2026-03
expect_out "No B-income paid in 2026-03" "no B-income before PLO pays"
expect_out "Not B-income yet: B-2026-001 Anne Ærø honorar 5.166,67 kr. requested on 2026-03-31, not paid" "the request is listed"
in_dir "$W" skat pending
expect_rc 0 "nothing pending before PLO pays"
# A period wholly after the role ended: refused, unchanged.
refused "$W" 1 "which does not cover the period 2026-K2" payout --contract 1 --period 2026-K2 --date 2026-03-31
# An ordinary member is not paid for taking part [004].
refused "$W" 1 "Bo Østergaard has no contract and no paid role on 2026-03-31 — \"Klyngearbejdet er uhonoreret for klyngemedlemmerne\" [004]" \
    payout --person bo@example.dk --amount 500 --kind honorar --text "Mødehonorar for deltagelse" --date 2026-03-31 --cpr 010190-2345
refused "$W" 1 "has no contract and no paid role" payout --person bo@example.dk --amount 100 --kind kørsel --date 2026-03-31
refused "$W" 1 "has no contract and no paid role" payout --person "Eva Ekstern" --amount 100 --kind honorar --date 2026-03-31

export KLYNGE_TODAY=2026-04-03
k ledger approve B-2026-001 --date 2026-04-01
k ledger pay B-2026-001 --date 2026-04-02
in_dir "$W" skat report --month 2026-04
expect_rc 0 "April's report"
expect_out "Anne Ærø" "B-income in the month PLO paid"
expect_out "5.166,67 kr." "the amount paid"
expect_out "2026-05-11" "April's deadline"
expect_out "PLO indberetter som udbetaler" "the report says who reports"
in_dir "$W" skat report --month 2026-03
expect_out "No B-income paid in 2026-03" "not in the month of the request"
in_dir "$W" ledger balance --at 2026-04-03
expect_rc 0 "ledger balance"
in_dir "$W" check --at 2026-04-03
expect_no_out "skat.one-story" "the books and SKAT agree"
# PLO reports: an overdue month is a warning, not an error.
in_dir "$W" check --at 2026-05-20
expect_out "PLO reports; check that it has" "PLO's report is a warning"

# Set explicitly, skat.reporter wins over the model.
sed -i 's/^\[skat\]$/[skat]\nreporter = "cluster"/' "$W/klynge.toml"
in_dir "$W" skat report --month 2026-04
expect_out "Klyngen indberetter" "an explicit skat.reporter"
in_dir "$W" check --at 2026-05-20
expect_rc 1 "the cluster reports: overdue is an error"
sed -i '/^reporter = "cluster"$/d' "$W/klynge.toml"

# Marking the month writes the B-income record in the month PLO paid.
k skat mark-reported --month 2026-04 --ref "PLO's opgørelse april" --date 2026-04-03
expect_eq "$(sqlite3 "$W/klynge.db" 'SELECT month FROM b_income')" "2026-04" "the record's month is the payment's"

# An older workspace: a B-income record for a payout PLO never paid — check fails.
D=$TMP/old
cp -a "$W" "$D"
k payout --contract 1 --period 2025-K4 --date 2026-04-03
sqlite3 "$W/klynge.db" "INSERT INTO b_income(id, payout_id, payee_id, month, field, amount_ore, recorded_on)
    SELECT 9000001, o.id, o.payee_id, '2026-04', 36, o.amount_ore, '2026-04-03' FROM payout o WHERE o.period = '2025-K4'"
in_dir "$W" check --at 2026-04-03
expect_rc 1 "a B-income record the ledger has not paid is an error"
expect_out "[skat.one-story]" "the rule is named"
expect_out "is B-income of 2026-04 for SKAT, but the ledger has not paid it" "the disagreement explained"

# The check rules of §2 and §3 on the first workspace (D, before the tampering).
in_dir "$D" check --at 2026-04-03
expect_out "warning: the coordinator Carl Carlsen has no contract in force on 2026-04-03 — \"der skal udarbejdes en kontrakt\" [001 §6]" "coordinator without a contract"
expect_out "warning: contract #1 pays Anne Ærø as koordinator, but the role ended on 2026-01-31" "a contract ends with its role"
expect_no_out "skat.contract-bounded" "the template states a notice period"
sed -i '/varsel/d' "$D/documents/contracts/kontrakt-1-anne-aeroe.md"
in_dir "$D" check --at 2026-04-03
expect_out "contract #1 (Anne Ærø as koordinator) has no end date, and documents/contracts/kontrakt-1-anne-aeroe.md states no notice period" "a contract without end or notice"

# One CPR, one person: refused with the other payee named (masked), unchanged.
k role assign bestyrelse bo@example.dk --from 2020-01-01
refused "$W" 1 "CPR 150472-**** is already on file for Anne Ærø — one CPR number belongs to one person" \
    payout --person bo@example.dk --amount 100 --kind kørsel --date 2026-04-03 --cpr 150472-1234
[[ "$ERR" != *"150472-1234"* ]] && pass || fail "the refusal does not show the full CPR"
refused "$W" 1 "is already on file for Anne Ærø" contract add "Eva Ekstern" --role oplægsholder --fee-per-year 1000 \
    --schedule yearly --from 2026-01-01 --to 2026-12-31 --cpr 150472-1234
# An older workspace with a shared CPR: check says so.
k payout --person bo@example.dk --amount 100 --kind kørsel --date 2026-04-03 --cpr 010190-2345
BO=$(sqlite3 "$W/klynge.db" "SELECT p.id FROM payee p JOIN member m ON m.id = p.member_id WHERE m.email = 'bo@example.dk'")
sqlite3 "$W/private/cpr.db" "UPDATE payee_cpr SET cpr = '150472-1234' WHERE payee_id = $BO"
in_dir "$W" check --at 2026-04-03
expect_out "error: CPR 150472-**** is on file for 2 payees (Anne Ærø, Bo Østergaard)" "check reports a shared CPR"

# Own account: paid when recorded, B-income at once.
O=$TMP/own
new_workspace "$O"
ko() { (cd "$O" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
sed -i 's/^\[finance\]$/[finance]\nmodel = "own-account"/' "$O/klynge.toml"
ko practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --as-of 2024-01-01 --joined 2018-11-15
ko member add "Signe Vest" --email signe@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
ko role assign kasserer signe@example.dk --from 2020-01-01
in_dir "$O" payout --person signe@example.dk --amount 381 --kind kørsel --date 2026-04-02 --cpr 010180-1234
expect_rc 0 "own-account: the treasurer is paid mileage"
expect_out "Paid Signe Vest kørsel 381,00 kr. on 2026-04-02" "paid when recorded"
expect_out "B-income of 2026-04 (eIndkomst field 38), report by 2026-05-11 (Klyngen indberetter)" "the cluster reports"

finish
