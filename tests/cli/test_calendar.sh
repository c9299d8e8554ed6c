#!/usr/bin/env bash
# klynge calendar: the cluster's year (årshjul) — statutory deadlines, planning
# items and meetings — and the public holidays.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
# --- the årshjul: SKAT's deadline only for months with B-income -----------------------
cp -a "$W" "$TMP/plain"
in_dir "$TMP/plain" calendar --year 2026
expect_rc 0 "calendar without payouts"
expect_no_out "SKAT:" "no B-income paid or due: no SKAT deadline"
expect_out "2026-03-10  tir  Plan: the accounts for 2025 closed, to go with the notice of the ordinary assembly" \
    "the accounts closed a week before the last day to call the assembly"
expect_out "2026-03-10  tir  Plan: the budget for 2026 ready, to go with the notice" "the budget ready the same day"
# A quarterly contract from 1 April: its payouts at the end of June, September and December.
export KLYNGE_TODAY=2026-03-01
(cd "$TMP/plain" && "$KLYNGE" practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 4 \
    --as-of 2026-01-01 >/dev/null && "$KLYNGE" member add "Anne Ærø" --email anne@example.dk --practice 123456 \
    --position ejerlæge >/dev/null && "$KLYNGE" role assign koordinator anne@example.dk --from 2026-01-01 >/dev/null &&
    printf '%s\n' 150472-1234 | "$KLYNGE" contract add anne@example.dk \
    --role koordinator --fee-per-year 60000 --schedule quarterly --from 2026-04-01 --cpr - >/dev/null 2>&1) ||
    fail "setup: the contract"
in_dir "$TMP/plain" calendar --year 2026 --format csv
expect_eq "$(grep -c 'SKAT:' <<<"$OUT")" "2" "SKAT: July's and October's deadlines (December's is in January 2027)"
expect_out "2026-07-10,fre,SKAT: report B-income paid in June 2026 to eIndkomst" "June's payout"
expect_out "2026-10-12,man,SKAT: report B-income paid in September 2026 to eIndkomst" "September's, moved past Saturday"
expect_out "2026-06-30,tir,Plan: pay Anne Ærø's honorarium for 2026-K2 (contract #1); B-income to eIndkomst by the 10th of next month" \
    "the payout to plan"
expect_eq "$(grep -c 'Plan: pay' <<<"$OUT")" "3" "three quarters from 1 April"
in_dir "$TMP/plain" calendar --year 2027 --format csv
expect_out "2027-01-18,man,SKAT: report B-income paid in December 2026" "December's payout: 17 January 2027 (a Sunday)"
in_dir "$TMP/plain" calendar --year 2026 --ics "$TMP/aar.ics"
grep -q "^SUMMARY:Honorar for 2. kvartal 2026 udbetales til Anne Ærø" "$TMP/aar.ics" && pass ||
    fail "the payout in Danish in the .ics"
grep -q "^SUMMARY:Årsregnskabet for 2025 afsluttes" "$TMP/aar.ics" && pass || fail "the accounts in Danish in the .ics"
# The meetings of the year are in the table, and not in the .ics (their invitations are).
(cd "$TMP/plain" && "$KLYNGE" meeting call --type klyngemøde --title "Klyngemøde om KOL" --place "Lægerne Østerbrogade" \
    --start "2026-04-23 17:30" --end "20:30" >/dev/null 2>&1) || fail "setup: the meeting"
in_dir "$TMP/plain" calendar --year 2026 --ics "$TMP/aar2.ics"
expect_out "2026-04-23  tor  Meeting #1: Klyngemøde om KOL (klyngemøde), Lægerne Østerbrogade" "the meeting in the year"
expect_eq "$(grep -c '^BEGIN:VEVENT' "$TMP/aar2.ics")" "$(grep -c '^BEGIN:VEVENT' "$TMP/aar.ics")" \
    "the meeting is not added to the .ics"
expect_eq "$(grep '^UID:' "$TMP/aar2.ics")" "$(grep '^UID:' "$TMP/aar.ics")" "the other days keep their UIDs"
unset KLYNGE_TODAY

# --- the statutory deadlines (a monthly contract: every month's SKAT deadline) ------------
export KLYNGE_TODAY=2025-11-01
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 4 --as-of 2025-01-01
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge
(cd "$W" && printf '%s\n' 150472-1234 | "$KLYNGE" contract add anne@example.dk --role koordinator --fee-per-year 60000 \
    --schedule monthly --from 2025-12-01 --cpr - >/dev/null 2>&1) || { echo "setup failed: contract" >&2; exit 1; }
unset KLYNGE_TODAY
in_dir "$W" calendar --year 2026 --format csv
expect_rc 0 "calendar"
expect_out "2026-01-19,man,SKAT: report B-income paid in December 2025 to eIndkomst" "December's deadline moved to Monday"
expect_out "2026-05-11,man,SKAT: report B-income paid in April 2026" "Sunday 10 May → Monday"
expect_out "2026-12-31,tor,KiAP: last day to register the roster" "KiAP deadline"
expect_eq "$(grep -c 'SKAT:' <<<"$OUT")" "12" "twelve SKAT deadlines"
# Bank closing days move the deadline only when klynge.toml says so (Friday after Ascension 2029).
in_dir "$W" calendar --year 2029
expect_out "2029-05-11  fre  SKAT: report B-income paid in April 2029" "bank closing day does not move by default"
sed -i 's/^# bank_closing_days_move_deadline = false/bank_closing_days_move_deadline = true/' "$W/klynge.toml"
in_dir "$W" calendar --year 2029
expect_out "2029-05-14  man  SKAT: report B-income paid in April 2029" "policy moves it past the bank closing day"
# The assembly deadlines follow the bylaws' notice and month.
in_dir "$W" calendar --year 2026
expect_out "2026-03-17  tir  General assembly: last day to call it with 14 days' notice" "14 days before 31 March"
sed -i 's/^# notice_days = 14/notice_days = 21/; s/^# ordinary_assembly_by_month = 3/ordinary_assembly_by_month = 4/' "$W/klynge.toml"
in_dir "$W" calendar --year 2026
expect_out "2026-04-09  tor  General assembly: last day to call it with 21 days' notice to hold it by the end of April" \
    "policy.notice_days and policy.ordinary_assembly_by_month"
expect_out "2026-04-30  tor  General assembly: the ordinary assembly is held by the end of April" "held by 30 April"
in_dir "$TMP" calendar --holidays --year 2023 --format json
expect_rc 0 "holidays need no workspace"
expect_out '"holiday": "Store bededag"' "Store Bededag in 2023"
in_dir "$TMP" calendar --holidays --year 2024
expect_no_out "Store bededag" "no Store Bededag from 2024"
# --ics: the same days as a file to import, read by libical (tests/ics_validate.c)
# and python3-icalendar; UIDs are stable, so importing it again updates.
pkg-config --exists libical || { echo "FAIL: libical-dev is missing — apt-get install libical-dev" >&2; exit 1; }
# shellcheck disable=SC2046
cc -o "$TMP/ics_validate" "$KLYNGE_SOURCE/tests/ics_validate.c" $(pkg-config --cflags --libs libical) ||
    { echo "FAIL: cannot compile tests/ics_validate.c against libical" >&2; exit 1; }
in_dir "$W" calendar --year 2026 --format csv
dates=$(tail -n +2 <<<"$OUT" | cut -d, -f1)
events=$(tail -n +2 <<<"$OUT" | wc -l)
in_dir "$W" calendar --year 2026 --ics "$TMP/deadlines.ics"
expect_rc 0 "calendar --ics"
expect_out "SKAT: report B-income paid in December 2025" "the table is still printed"
"$TMP/ics_validate" "$TMP/deadlines.ics" >"$TMP/validated.txt" && pass || fail "libical refuses the deadlines file"
expect_eq "$(cut -d' ' -f5 "$TMP/validated.txt" | cut -c1-10)" "$dates" "one all-day event per deadline, same dates"
/usr/bin/python3 - "$TMP/deadlines.ics" "$events" <<'PY' && pass || fail "python3-icalendar reads the deadlines differently"
import datetime, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
events = list(cal.walk("VEVENT"))
assert len(events) == int(sys.argv[2]) == 32, (len(events), sys.argv[2])
for ev in events:
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    assert type(start) is datetime.date and end - start == datetime.timedelta(days=1), (start, end)
    alarm = ev.walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == datetime.timedelta(days=-7)
    assert str(ev["DESCRIPTION"]).startswith("Kilde: "), ev["DESCRIPTION"]
assert len({str(ev["UID"]) for ev in events}) == len(events)
jan = [ev for ev in events if ev.decoded("DTSTART") == datetime.date(2026, 1, 19)][0]
assert str(jan["SUMMARY"]) == "Indberet B-indkomst for december 2025 til eIndkomst (frist)", jan["SUMMARY"]
PY
first=$(grep '^UID:' "$TMP/deadlines.ics")
in_dir "$W" calendar --year 2026 --ics "$TMP/deadlines.ics"
expect_eq "$(grep '^UID:' "$TMP/deadlines.ics")" "$first" "the same UIDs the second time"
in_dir "$W" --dry-run calendar --year 2026 --ics "$TMP/dry.ics"
[ ! -e "$TMP/dry.ics" ] && pass || fail "--dry-run wrote the calendar file"
in_dir "$TMP" calendar --holidays --year 2026 --ics -
expect_eq "$(grep -c '^BEGIN:VEVENT' <<<"$OUT")" "$(cd "$TMP" && "$KLYNGE" calendar --holidays --year 2026 --format csv | tail -n +2 | wc -l)" \
    "--ics - writes the holidays to standard output"
expect_no_out "DATE  " "no table with --ics -"
refused "$W" 2 "does not exist — create it first" calendar --year 2026 --ics "$TMP/no/such/dir/x.ics"
refused "$W" 2 "--year" calendar --year 1066
refused "$TMP" 3 "not a klynge workspace" calendar --year 2026

finish
