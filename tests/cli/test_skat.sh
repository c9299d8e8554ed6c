#!/usr/bin/env bash
# Honoraria and SKAT (DOMAIN.md, "Honoraria and SKAT"; klynge-contract(1),
# klynge-payout(1), klynge-skat(1), klynge-hours(1)): contracts with the CPR
# kept in private/ only, payouts as ledger expenses and B-income records,
# the monthly report, marks, pending, the check rules, and refusals that
# leave the workspace byte-for-byte unchanged.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
export KLYNGE_TODAY=2026-04-01
CPR_ANNE=150472-1234
CPR_BO=010190-2345
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 2 --as-of 2024-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k role assign bestyrelse bo@example.dk --from 2018-11-15
k member registered --date 2025-12-15
# The cluster's own account: a payout is paid when it is recorded. (PLO's
# lifecycle, request → approved → paid, is tested in test_payout_lifecycle.sh.)
sed -i 's/^\[finance\]$/[finance]\nmodel = "own-account"/' "$W/klynge.toml"

# private/ exists from init, 0700, and is ignored by git.
expect_eq "$(stat -c %a "$W/private")" "700" "private/ is 0700"
grep -qx "/private/" "$W/.gitignore" && pass || fail ".gitignore ignores private/"

# A refused contract (bad CPR) creates nothing in private/.
refused "$W" 2 "--cpr" contract add anne@example.dk --role koordinator --fee-per-year 60000 \
    --schedule quarterly --from 2026-01-01 --cpr 320172-1234
[[ "$ERR" != *"320172"* ]] && pass || fail "a bad CPR is not echoed"
[ ! -e "$W/private/cpr.db" ] && pass || fail "refused contract left private/cpr.db"
# --dry-run with a CPR from stdin writes nothing either.
before=$(snapshot "$W")
OUT=$(cd "$W" && printf '%s\n' "$CPR_ANNE" | "$KLYNGE" --dry-run contract add anne@example.dk --role koordinator \
    --fee-per-year 60000 --schedule quarterly --from 2026-01-01 --cpr - 2>&1)
expect_eq "$(snapshot "$W")" "$before" "dry-run contract add writes nothing"

# The coordinator's contract, the CPR from stdin; an awkward fee.
OUT=$(cd "$W" && printf '%s\n' "$CPR_ANNE" | "$KLYNGE" contract add anne@example.dk --role koordinator \
    --fee-per-year 10.000,01 --schedule quarterly --from 2026-01-01 --hours 80 \
    --tasks "Klyngens daglige ledelse, møder og kontakt til PLO" --cpr - 2>&1); RC=$?
expect_rc 0 "contract add with --cpr -"
expect_out "Contract #1: Anne Ærø as koordinator, 10.000,01 kr. a year paid quarterly" "contract added"
expect_eq "$(stat -c %a "$W/private/cpr.db")" "600" "private/cpr.db is 0600"
DOC=$W/documents/contracts/kontrakt-1-anne-aeroe.md
[ -f "$DOC" ] && pass || fail "contract document written"
grep -q "| 4. kvartal | 2.500,01 |" "$DOC" && pass || fail "the remainder on the last quarter in the document"
grep -q "B-indkomst" "$DOC" && pass || fail "the document says B-income"
grep -q "Klyngen indberetter" "$DOC" && pass || fail "own account: the contract says the cluster reports"

# A clinic on its CVR: VAT, no B-income.
in_dir "$W" contract add "Klinik Nordhavn" --role sekretær --fee-per-year 12000 --schedule half-yearly \
    --from 2026-01-01 --cvr 29000018
expect_rc 0 "contract with a CVR"
expect_out "12.000,00 kr. a year + VAT 3.000,00 kr." "the VAT shown"
in_dir "$W" contract list
expect_out "150472-****" "masked CPR in the list"
expect_no_out "$CPR_ANNE" "no full CPR in the list"
expect_out "CVR 29000018 (moms)" "CVR with VAT in the list"
in_dir "$W" contract list --reveal-cpr
expect_out "$CPR_ANNE" "--reveal-cpr shows it"
in_dir "$W" contract show 1
expect_out "Schedule (each year): 2.500,00 kr., 2.500,00 kr., 2.500,00 kr., 2.500,01 kr." "the schedule"

# Payouts.
in_dir "$W" payout --contract 1 --date 2026-03-31
expect_rc 0 "contract payout"
expect_out "Paid Anne Ærø honorar 2.500,00 kr. on 2026-03-31" "Q1 amount"
expect_out "B-income of 2026-03 (eIndkomst field 36), report by 2026-04-10 (Klyngen indberetter)" "field and deadline"
refused "$W" 1 "the period 2026-K1 of contract #1 was already paid" payout --contract 1 --date 2026-03-31
in_dir "$W" payout --contract 2 --date 2026-03-31
expect_rc 0 "company payout"
expect_out "Paid Klinik Nordhavn honorar 6.000,00 kr. + moms 1.500,00 kr." "VAT on top"
expect_out "not B-income: a company's invoice with VAT" "no B-income for a CVR with VAT"
in_dir "$W" ledger list --category honorar
expect_out "7.500,00 kr." "the ledger entry includes the VAT"
expect_out "heraf moms 25 % 1.500,00 kr." "the VAT shown in the ledger entry"
# Mileage to Bo: no CPR on file → refused, unchanged; then with --cpr -.
refused "$W" 1 "no CPR on file for Bo Østergaard" payout --person bo@example.dk --amount 412,50 --kind kørsel \
    --date 2026-03-31
refused "$W" 2 "unknown --kind" payout --person bo@example.dk --amount 412,50 --kind løn --date 2026-03-31
refused "$W" 2 "--contract pays the schedule's amount" payout --contract 1 --amount 100 --date 2026-03-31
refused "$W" 2 "after today" payout --contract 1 --period 2026-K2 --date 2026-06-30
refused "$W" 2 "is not a quarterly period" payout --contract 1 --period 2026-H2 --date 2026-03-31
refused "$W" 1 "there is no contract #9" payout --contract 9 --date 2026-03-31
OUT=$(cd "$W" && printf '%s\n' "$CPR_BO" | "$KLYNGE" payout --person bo@example.dk --amount 412,50 --kind kørsel \
    --date 2026-03-31 --cpr - 2>&1); RC=$?
expect_rc 0 "mileage with --cpr -"
expect_out "(eIndkomst field 38)" "mileage at the state rate is field 38"

# The report for March: masked, per payee, field, deadline, status.
in_dir "$W" skat report --month 2026-03
expect_rc 0 "skat report"
expect_out "150472-****" "report masks the CPR"
expect_out "010190-****" "report masks Bo's CPR"
expect_no_out "Klinik Nordhavn" "no B-income for the clinic with VAT"
expect_out "2026-04-10" "the deadline"
expect_out "pending" "status pending"
expect_out "2 payees, 2.912,50 kr. in 2026-03" "the total"
in_dir "$W" --format csv skat report --month 2026-03
expect_out "payee,cpr,cvr,amount,kind,field,payouts,deadline,status,reference" "CSV header"
expect_out "Anne Ærø,150472-****,,2500.00,honorar,36,1,2026-04-10,pending," "CSV row"
in_dir "$W" --format json skat report --month 2026-03
expect_out '"field": 38' "JSON field"
in_dir "$W" --format csv skat report --month 2026-03 --reveal-cpr -o "$CAPTURE/eindkomst.csv"
grep -q "$CPR_ANNE" "$CAPTURE/eindkomst.csv" && pass || fail "--reveal-cpr -o writes the CPR for keying in"

# The upload file for eIndkomst: 0600, only into private/, full CPRs, no VAT clinic.
in_dir "$W" skat report --month 2026-03 --eindkomst -o private/eindkomst-2026-03.csv
expect_rc 0 "the eIndkomst upload file"
expect_err "Wrote private/eindkomst-2026-03.csv: 2 rows, 2.912,50 kr. for 2026-03; deadline 2026-04-10" "says what it wrote"
EF=$W/private/eindkomst-2026-03.csv
expect_eq "$(stat -c %a "$EF")" "600" "the upload file is 0600"
expect_eq "$(sed -n 2p "$EF" | tr -d '\r')" "SE-nr.;Person_CPR-nr.-nummer;Person_CVR/SE-nummer;Lønperiode start;Lønperiode slut;Indkomsttype;B0036;B0038" "the FeltID row"
expect_eq "$(sed -n 3p "$EF" | tr -d '\r')" "12345674;1504721234;;20260101;20260331;05;2500,00;" "the coordinator's honorarium for Q1, field 36"
expect_eq "$(sed -n 4p "$EF" | tr -d '\r')" "12345674;0101902345;;20260331;20260331;05;;412,50" "the board member's mileage, field 38"
grep -q "29000018" "$EF" && fail "the VAT clinic is in the upload file" || pass
refused "$W" 2 "the upload file holds full CPR numbers and goes into the workspace's private/" \
    skat report --month 2026-03 --eindkomst -o documents/eindkomst.csv
refused "$W" 2 "goes into the workspace's private/" skat report --month 2026-03 --eindkomst -o "$CAPTURE/eindkomst.csv"
refused "$W" 2 "--eindkomst needs -o FILE" skat report --month 2026-03 --eindkomst
refused "$W" 1 "no B-income was paid in 2026-02 — nothing to upload" \
    skat report --month 2026-02 --eindkomst -o private/eindkomst-2026-02.csv
in_dir "$W" skat report --month 2026-03 --eindkomst -o "$CAPTURE/eindkomst-forced.csv" --force
expect_rc 0 "--force writes it outside private/"
expect_eq "$(stat -c %a "$CAPTURE/eindkomst-forced.csv")" "600" "0600 outside private/ too"
cp "$W/klynge.toml" "$CAPTURE/klynge.toml"
sed -i 's/^\[skat\]$/[skat]\nreporter = "plo"/' "$W/klynge.toml"
refused "$W" 1 "PLO indberetter som udbetaler" skat report --month 2026-03 --eindkomst -o private/x.csv
cp "$CAPTURE/klynge.toml" "$W/klynge.toml"
rm -f "$EF"

# The cron job: exit 1 and what to report while anything is due.
OUT=$(cd "$W" && KLYNGE="$KLYNGE" bash "$KLYNGE_SOURCE/examples/monthly-skat.sh" 2>&1); RC=$?
expect_rc 1 "monthly-skat.sh exits 1 while something is due"
expect_out "== What to report for 2026-03" "monthly-skat.sh shows the month's report"
expect_out "klynge skat mark-reported --month 2026-03" "monthly-skat.sh says what to do next"
# Pending: exit 1 while anything is unreported (for cron).
in_dir "$W" skat pending
expect_rc 1 "pending exits 1"
expect_out "Anne Ærø" "pending lists Anne"
expect_err "2 payouts not reported to eIndkomst; the first deadline is 2026-04-10" "pending says what"

# klynge check: due within 3 days → warning; overdue → error.
in_dir "$W" check --at 2026-04-08
expect_rc 0 "due soon is only a warning"
expect_out "must reach eIndkomst by 2026-04-10 (2 days left)" "due-soon warning"
in_dir "$W" check --at 2026-04-02
expect_no_out "must reach eIndkomst" "no warning 8 days before"
in_dir "$W" check --at 2026-04-13
expect_rc 1 "overdue is an error"
expect_out "error: 2 B-income records of 2026-03 (2.912,50 kr.) not reported to eIndkomst; the deadline was 2026-04-10 (3 days ago)" "overdue error"
# The status and the calendar show the deadline.
# skat.reporter = "plo": PLO reports, so an overdue month is a warning.
cp "$W/klynge.toml" "$CAPTURE/klynge.toml"
sed -i 's/^\[skat\]$/[skat]\nreporter = "plo"/' "$W/klynge.toml"
in_dir "$W" check --at 2026-04-13
expect_rc 0 "overdue is a warning when PLO reports"
expect_out "warning: 2 B-income records of 2026-03 (2.912,50 kr.) not reported to eIndkomst; the deadline was 2026-04-10 (3 days ago) — PLO reports; check that it has" "PLO warning"
cp "$CAPTURE/klynge.toml" "$W/klynge.toml"
in_dir "$W" status
expect_out "SKAT        B-income of 2026-03 (2 payouts, 2.912,50 kr.) to eIndkomst by 2026-04-10 (9 days left)" "status"
in_dir "$W" calendar --year 2026
expect_out "SKAT: report B-income paid in March 2026 to eIndkomst — 2 payouts, 2.912,50 kr.: 2 not reported" "calendar"
expect_no_out "SKAT: report B-income paid in February 2026" "no deadline for a month nothing was paid or due in"
expect_out "SKAT: report B-income paid in June 2026 to eIndkomst" "the quarterly contract's next payout brings its deadline"

# Marked reported; twice is refused.
refused "$W" 1 "no B-income was paid in 2026-02" skat mark-reported --month 2026-02 --ref x
refused "$W" 2 "--month" skat mark-reported --month 2026-3 --ref x
in_dir "$W" skat mark-reported --month 2026-03 --ref "kvittering 4711"
expect_rc 0 "mark-reported"
expect_out "Marked 2 B-income records of 2026-03 (2.912,50 kr.) reported on 2026-04-01: kvittering 4711" "marked"
refused "$W" 1 "already marked reported (kvittering 4711 on 2026-04-01)" skat mark-reported --month 2026-03 --ref again
in_dir "$W" skat pending
expect_rc 0 "nothing pending after the mark"
OUT=$(cd "$W" && KLYNGE="$KLYNGE" bash "$KLYNGE_SOURCE/examples/monthly-skat.sh" 2>&1); RC=$?
expect_rc 0 "monthly-skat.sh exits 0 when nothing is due"
OUT=$(cd "$TMP" && KLYNGE="$KLYNGE" bash "$KLYNGE_SOURCE/examples/monthly-skat.sh" 2>&1); RC=$?
expect_rc 3 "monthly-skat.sh outside a workspace: klynge's own exit code"
in_dir "$W" check --at 2026-04-13
expect_rc 0 "a reported month is no error"
in_dir "$W" skat report --month 2026-03
expect_out "reported" "status reported"
expect_out "kvittering 4711" "reference shown"

# Append-only: the triggers refuse edits; an edit with them dropped breaks the chain.
sqlite3 "$W/klynge.db" "UPDATE payout SET amount_ore = 1" 2>/dev/null && fail "payout updated" || pass
sqlite3 "$W/klynge.db" "DELETE FROM skat_report_item" 2>/dev/null && fail "report mark deleted" || pass
cp "$W/klynge.db" "$CAPTURE/keep.db"
sqlite3 "$W/klynge.db" "DROP TRIGGER b_income_no_update; UPDATE b_income SET amount_ore = 1 WHERE id = (SELECT min(id) FROM b_income)"
in_dir "$W" check
expect_rc 1 "a changed B-income record breaks the chain"
expect_out "the B-income record of 2026-03 was changed behind klynge's back" "the broken record named"
cp "$CAPTURE/keep.db" "$W/klynge.db"

# Hours against the estimate.
in_dir "$W" hours log anne@example.dk --date 2026-02-20 --hours 3,5 --task "Generalforsamling"
expect_rc 0 "hours log"
expect_out "Logged 3,5 hours for Anne Ærø on 2026-02-20 (contract #1)" "hours logged"
refused "$W" 2 "--hours" hours log anne@example.dk --date 2026-02-21 --hours 25 --task x
refused "$W" 1 "has no contract in force on 2025-12-31" hours log anne@example.dk --date 2025-12-31 --hours 2 --task x
refused "$W" 1 "has no contract or payout yet" hours log "Nobody" --date 2026-02-21 --hours 2 --task x
for d in 01 02 03 04 05; do k hours log anne@example.dk --date 2026-03-$d --hours 24 --task "Kvalitetsdata"; done
in_dir "$W" hours report --year 2026
expect_out "123,5" "logged hours in the report"
in_dir "$W" check --at 2026-04-13
expect_out "warning: Anne Ærø has logged 123,5 hours on contract #1 in 2026, far above the estimate of 80 hours" "hours warning"

# Sporadic: more than finance.max_payouts_per_year payouts to one person.
for d in 01 02 03 04; do k payout --person bo@example.dk --amount 100 --kind kørsel-i-honorar --date 2026-02-$d; done
in_dir "$W" check --at 2026-04-13
expect_out "Bo Østergaard has had 5 payouts in 2026, more than finance.max_payouts_per_year = 4" "sporadic warning"
cp "$W/klynge.toml" "$CAPTURE/klynge.toml"
sed -i 's/^\[finance\]$/[finance]\nmax_payouts_per_year = 5/' "$W/klynge.toml"
in_dir "$W" check --at 2026-04-13
expect_no_out "Bo Østergaard has had" "finance.max_payouts_per_year is read from klynge.toml"
cp "$CAPTURE/klynge.toml" "$W/klynge.toml"

# member forget of a paid member with a contract: refused, nothing changes.
k member leave bo@example.dk --date 2026-03-31
refused "$W" 1 "bookkeeping records kept 5 years after the year ends" member forget bo@example.dk

# Masking everywhere: the workspace's versioned files, the dump, the log and
# every output above hold no CPR.
for cpr in "$CPR_ANNE" "$CPR_BO" "${CPR_ANNE/-/}" "${CPR_BO/-/}"; do
    hits=$(cd "$W" && grep -rl --exclude-dir=private -e "$cpr" . || true)
    expect_eq "$hits" "" "no $cpr in the workspace outside private/"
    in_dir "$W" dump; expect_no_out "$cpr" "no CPR in the dump"
    in_dir "$W" log --limit 100; expect_no_out "$cpr" "no CPR in the log"
    for cmd in "contract list" "contract show 1" "skat pending" "skat report --month 2026-03" "status" \
        "--format json skat report --month 2026-03" "--format json contract show 1" "--format csv skat pending" \
        "check" "ledger list" "hours report --year 2026" "calendar --year 2026"; do
        # shellcheck disable=SC2086
        in_dir "$W" $cmd
        [[ "$OUT$ERR" != *"$cpr"* ]] && pass || fail "klynge $cmd shows $cpr"
    done
done
# A CPR given on the command line is masked in the audit log (Eva speaks under a contract).
k contract add "Eva Ekstern" --role oplægsholder --fee-per-year 1600 --schedule yearly --from 2026-03-01 --to 2026-03-31
k payout --person "Eva Ekstern" --amount 1500 --kind honorar --date 2026-03-15 --cpr 020285-3456
in_dir "$W" log --limit 1
expect_out "--cpr '******-****'" "command-line CPR masked completely in the log"
expect_no_out "020285" "not even the birth date of a command-line CPR is in the log"
# Without the dash, as --cpr=..., and a CPR-shaped number in free text.
k payout --person "Eva Ekstern" --amount 100 --kind kørsel --date 2026-03-16 --cpr=0202853456 --text "cpr 0202853456 / 020285 3456"
in_dir "$W" log --limit 1
expect_out "'--cpr=******-****'" "--cpr=... masked completely in the log"
expect_no_out "020285" "no digit group of the CPR survives in the log"

# A workspace without private/ (a git clone): says so, works otherwise.
C=$TMP/clone
cp -a "$W" "$C"
rm -rf "$C/private"
in_dir "$C" contract list
expect_rc 0 "contract list without private/"
expect_out "CPR in private/ (missing here)" "says private/ is missing"
in_dir "$C" skat report --month 2026-03
expect_rc 0 "skat report without private/"
expect_out "in private/" "the report says where the CPR is"
refused "$C" 3 "no private/ directory" skat report --month 2026-03 --reveal-cpr
refused "$C" 3 "no private/ directory" payout --contract 1 --date 2026-04-01
refused "$C" 3 "no private/ directory" contract add "Ulla Ude" --role oplægsholder --fee-per-year 3000 \
    --schedule yearly --from 2026-01-01 --cpr 010180-1234
in_dir "$C" payout --contract 2 --period 2026-H2 --date 2026-04-01
expect_rc 0 "a company is paid without private/"
in_dir "$C" check --at 2026-04-13
expect_rc 1 "check without private/"
expect_out "this workspace has no private/ directory, so the CPR numbers of" "check says private/ is missing"
in_dir "$C" member list
expect_rc 0 "member list without private/"

# A CPR payee without a CPR on file is an error in check.
k contract add "Ulla Ude" --role oplægsholder --fee-per-year 3000 --schedule yearly --from 2026-01-01
in_dir "$W" check --at 2026-04-13
expect_rc 1 "CPR payee without CPR"
expect_out "no CPR on file for Ulla Ude" "missing CPR named"
# Board work paid above 1.500 kr.: a warning at add.
in_dir "$W" contract add bo@example.dk --role bestyrelse --fee-per-year 5000 --schedule yearly --from 2026-01-01 \
    --to 2026-03-31
expect_err "SKAT treats pay for board work as A-income" "board work warned"

# More refusals, each leaving the workspace unchanged.
refused "$W" 2 "both --cpr and --cvr" contract add "X Y" --role sekretær --fee-per-year 100 --schedule yearly \
    --from 2026-01-01 --cvr 29000018 --cpr 010180-1234
refused "$W" 2 "unknown schedule" contract add "X Y" --role sekretær --fee-per-year 100 --schedule weekly \
    --from 2026-01-01
refused "$W" 2 "not more than 0" contract add "X Y" --role sekretær --fee-per-year 0 --schedule yearly --from 2026-01-01
refused "$W" 2 "--to 2025-01-01 is before --from" contract add "X Y" --role sekretær --fee-per-year 100 \
    --schedule yearly --from 2026-01-01 --to 2025-01-01
refused "$W" 2 "CVR" contract add "X Y" --role sekretær --fee-per-year 100 --schedule yearly --from 2026-01-01 --cvr 12345678
refused "$W" 1 "already has a different CPR on file (150472-****)" contract add anne@example.dk --role kasserer \
    --fee-per-year 100 --schedule yearly --from 2026-01-01 --cpr 010180-1234
refused "$W" 1 "already recorded with CVR 29000018" contract add "Klinik Nordhavn" --role sekretær \
    --fee-per-year 100 --schedule yearly --from 2026-01-01
refused "$W" 2 "a company has no CPR" payout --person "Klinik Nordhavn" --amount 10 --kind honorar \
    --date 2026-03-01 --cpr 010180-1234
refused "$W" 2 "--cpr -: no CPR number on standard input" payout --person bo@example.dk --amount 10 --kind honorar \
    --date 2026-03-01 --cpr - </dev/null
refused "$W" 2 "a payout needs --contract ID" payout --person bo@example.dk --date 2026-03-01

# member forget of a former member whose contract is still in force: refused.
k member add "Carl Carlsen" --email carl@example.dk --practice 123456 --position ansat --joined 2020-01-01
k contract add carl@example.dk --role medkoordinator --fee-per-year 2000 --schedule yearly --from 2026-01-01
k member leave carl@example.dk --date 2026-03-31
refused "$W" 1 "holds contract #6 (medkoordinator), which is still in force" member forget carl@example.dk
refused "$W" 2 "is before contract #6 starts" contract end 6 --date 2025-12-31
# Ended and unpaid: the member can be forgotten; a paid one must wait 5 years.
in_dir "$W" contract end 6 --date 2026-03-31
expect_out "Contract #6 (Carl Carlsen as medkoordinator) ends on 2026-03-31" "contract ended"
in_dir "$W" member forget carl@example.dk
expect_rc 0 "an unpaid former contract holder is forgotten"
refused "$W" 1 "the period 2026-K1 of contract #1 is already paid" contract end 1 --date 2026-02-01

# Dump → restore → dump is byte-identical with the honoraria records, and
# the restored chain verifies.
in_dir "$W" dump -o "$CAPTURE/skat.sql"
in_dir "$W" restore --force "$CAPTURE/skat.sql"
expect_rc 0 "restore with payouts and report marks"
in_dir "$W" dump -o "$CAPTURE/skat2.sql"
cmp -s "$CAPTURE/skat.sql" "$CAPTURE/skat2.sql" && pass || fail "dump → restore → dump differs"
in_dir "$W" check --at 2026-04-13
expect_no_out "[money.chain]" "the restored chain verifies"

# Five years after the year of the last payout, a paid former member can be
# forgotten: the payee's name goes, and the CPR leaves private/.
F=$TMP/f
new_workspace "$F"
kf() { (cd "$F" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
export KLYNGE_TODAY=2026-06-01
kf practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --as-of 2024-01-01 --joined 2018-11-15
kf member add "Dan Due" --email dan@example.dk --practice 123456 --position ansat --joined 2020-01-01
kf role assign kasserer dan@example.dk --from 2026-01-01 --to 2026-05-31
sed -i 's/^\[finance\]$/[finance]\nmodel = "own-account"/' "$F/klynge.toml"
# Paying a company touches nothing in private/.
kf contract add "Revisor ApS" --role konsulent --fee-per-year 4000 --schedule yearly --from 2026-01-01 --cvr 29000018
kf payout --contract 1 --date 2026-05-01
refused "$F" 1 "no CPR on file for Dan Due" payout --person dan@example.dk --amount 800 --kind honorar --date 2026-05-20
[ ! -e "$F/private/cpr.db" ] && pass || fail "no private/cpr.db without a CPR"
kf payout --person dan@example.dk --amount 800 --kind honorar --date 2026-05-20 --cpr 241299-1234
kf member leave dan@example.dk --date 2026-05-31
refused "$F" 1 "forget the member on or after 2032-01-01" member forget dan@example.dk
export KLYNGE_TODAY=2032-01-01
in_dir "$F" member forget dan@example.dk
expect_rc 0 "forgotten after the retention period"
expect_eq "$(sqlite3 "$F/private/cpr.db" 'SELECT count(*) FROM payee_cpr')" "0" "the CPR is deleted from private/"
expect_eq "$(sqlite3 "$F/klynge.db" 'SELECT name FROM payee WHERE member_id IS NOT NULL')" "[glemt]" "the payee's name is erased"

finish
