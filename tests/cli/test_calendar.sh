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
refused "$W" 2 "--year" calendar --year 1066
refused "$TMP" 3 "not a klynge workspace" calendar --year 2026

finish
