#!/usr/bin/env bash
# klynge calendar: the year's statutory deadlines and the public holidays.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
new_workspace "$W"
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
in_dir "$W" calendar --year 2026 --ics "$TMP/deadlines.ics"
expect_rc 0 "calendar --ics"
expect_out "SKAT: report B-income paid in December 2025" "the table is still printed"
"$TMP/ics_validate" "$TMP/deadlines.ics" >"$TMP/validated.txt" && pass || fail "libical refuses the deadlines file"
expect_eq "$(cut -d' ' -f5 "$TMP/validated.txt" | cut -c1-10)" "$dates" "one all-day event per deadline, same dates"
/usr/bin/python3 - "$TMP/deadlines.ics" <<'PY' && pass || fail "python3-icalendar reads the deadlines differently"
import datetime, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
events = list(cal.walk("VEVENT"))
assert len(events) == 18, len(events)
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
