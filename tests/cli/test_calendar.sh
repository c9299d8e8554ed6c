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
in_dir "$TMP" calendar --holidays --year 2023 --format json
expect_rc 0 "holidays need no workspace"
expect_out '"holiday": "Store bededag"' "Store Bededag in 2023"
in_dir "$TMP" calendar --holidays --year 2024
expect_no_out "Store bededag" "no Store Bededag from 2024"
refused "$W" 2 "--year" calendar --year 1066
refused "$TMP" 3 "not a klynge workspace" calendar --year 2026

finish
