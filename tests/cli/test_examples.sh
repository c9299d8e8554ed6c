#!/usr/bin/env bash
# The demo and the annual-update script run as the README says.
source "$(dirname "$0")/lib.sh"

OUT=$(bash "$KLYNGE_SOURCE/examples/demo.sh" "$KLYNGE" "$TMP/demo" 2>&1); RC=$?
expect_rc 0 "examples/demo.sh"
expect_out "warning: the roster changed since the registration on 2024-12-12 (3 changes)" "December warning in the demo"
expect_out "Recorded the KiAP registration of 28 members on 2025-12-10" "registration in the demo"
expect_out "10 of 13 present with voting right; 2/3 needs 9 (3·10 = 30 ≥ 2·13 = 26) — adopted" "the bylaws vote in the demo"
expect_out "Frederikke Bøgh has no voting right" "the trainee's ballot is refused in the demo"
expect_out "§ 7 ændret på den ordinære generalforsamling den 27. februar 2025." "the demo's bylaws record the adopted change"
grep -q "^   Klyngekoordinatoren gennemgik årets klyngemøder" \
    "$TMP/demo/oesterbro/documents/meetings/2025-02-27-ordinaer-generalforsamling-2025/referat.md" \
    && pass || fail "the demo's minutes keep the note under item 2"
grep -q "^fastsætter klyngekoordinatorens honorar" "$TMP/demo/oesterbro/documents/vedtaegter.md" \
    && pass || fail "the demo's bylaws have the new § 7"
grep -q "Valg af koordinator: Anne Ærø valgt med 9 stemmer" \
    "$TMP/demo/oesterbro/documents/meetings/2025-02-27-ordinaer-generalforsamling-2025/referat.md" \
    && pass || fail "the demo's minutes list the election"
expect_out "Practices   5, 38.888 registered patients" "status at the end"
expect_out "No problems found." "a clean cluster at the end"
[ -f "$TMP/demo/oesterbro/documents/kiap-registrering-2025-12-08.md" ] && pass || fail "KiAP sheet written"
expect_eq "$(git -C "$TMP/demo/oesterbro" status --porcelain)" "" "the demo commits everything"
# The general assembly's report (issue 17; tests/cli/test_report.sh opens it in a browser).
expect_out "Wrote the 2025 report to documents/aarsrapport-2025.html" "the demo's 2025 report"
grep -q "<h1>Årsrapport 2025 — Østerbroklyngen</h1>" "$TMP/demo/oesterbro/documents/aarsrapport-2025.html" \
    && pass || fail "the demo's report has its heading"
# Honoraria and SKAT in the demo: reported months, and the CPR only in private/.
expect_out "Marked 2 B-income records of 2025-06 (15.457,20 kr.) reported on 2025-07-07" "June reported in the demo"
expect_out "SKAT        B-income of 2025-12 (1 payout, 15.000,00 kr.) to eIndkomst by 2026-01-19 (17 days left)" "status shows December's deadline"
expect_out "== What to report for 2025-12" "the cron job in January"
expect_no_out "150472-1234" "no CPR in the demo's output"
hits=$(cd "$TMP/demo/oesterbro" && grep -rl --exclude-dir=private --exclude-dir=.git -e 150472-1234 -e 1504721234 . || true)
expect_eq "$hits" "" "no CPR in the demo workspace outside private/"
hits=$(cd "$TMP/demo/oesterbro" && git log -p --all | grep -c -e 150472-1234 -e 1504721234 || true)
expect_eq "$hits" "0" "no CPR in the git history"
expect_eq "$(stat -c %a "$TMP/demo/oesterbro/private/cpr.db")" "600" "private/cpr.db is 0600"
# The excel-da CSV: BOM, semicolons.
head -c 3 "$TMP/demo/oesterbro/kiap-2025-12-08.csv" | od -An -tx1 | grep -q "ef bb bf" && pass || fail "excel-da BOM"
grep -q "cluster;cvr;coordinator;ydernummer" "$TMP/demo/oesterbro/kiap-2025-12-08.csv" && pass || fail "excel-da separator"

finish
