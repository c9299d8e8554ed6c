#!/usr/bin/env bash
# klynge vote election --seats N (issue 15): a 5-seat board with a tie at the
# last seat (only the certain elected, the tie named), a new round for the
# open seat, suppleants in order decided by lot; the minutes in Danish;
# refusals leave the workspace unchanged.
source "$(dirname "$0")/lib.sh"
W=$TMP/w
export KLYNGE_TODAY=2026-02-01
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 8 --as-of 2025-01-01 --joined 2018-11-15
for n in Anne Bo Carl Dorthe Erik Frida Gorm Hanne; do
    k member add "$n Test" --email "$(tr A-Z a-z <<<"$n")@example.dk" --practice 123456 --position ejerlæge --joined 2018-11-15
done
k role assign koordinator anne@example.dk --from 2018-11-15
k role assign bestyrelse hanne@example.dk --from 2020-01-01
k meeting call --type generalforsamling --title "GF 2026" --place Huset --start "2026-02-26 17:00" --end 19:00
export KLYNGE_TODAY=2026-02-26
k meeting attend 1 anne@example.dk bo@example.dk carl@example.dk dorthe@example.dk erik@example.dk \
    frida@example.dk gorm@example.dk hanne@example.dk
C=(--candidate "Anne Test" --candidate "Bo Test" --candidate "Carl Test" --candidate "Dorthe Test"
   --candidate "Erik Test" --candidate "Frida Test" --candidate "Gorm Test")

refused "$W" 2 "--seats 2: koordinator has one holder at a time" vote election 1 --office koordinator --seats 2 "${C[@]}"
refused "$W" 2 "--seats 0" vote election 1 --office bestyrelse --seats 0 "${C[@]}"
refused "$W" 2 "9 votes but only 8 present" vote election 1 --office bestyrelse --seats 5 "${C[@]}" --votes "Anne Test=9"
refused "$W" 2 "41 votes in all but only 8 present with voting right and 5 seats" vote election 1 --office bestyrelse \
    --seats 5 "${C[@]}" --votes "Anne Test=8" --votes "Bo Test=8" --votes "Carl Test=8" --votes "Dorthe Test=8" \
    --votes "Erik Test=8" --votes "Frida Test=1"
V=(--votes "Anne Test=8" --votes "Bo Test=7" --votes "Carl Test=6" --votes "Dorthe Test=6" --votes "Erik Test=5"
   --votes "Frida Test=5" --votes "Gorm Test=2")
refused "$W" 2 "--lot Carl Test: Carl Test is not tied at the last seat" vote election 1 --office bestyrelse --seats 5 \
    "${C[@]}" "${V[@]}" --lot "Carl Test"

in_dir "$W" vote election 1 --office bestyrelse --seats 5 "${C[@]}" "${V[@]}"
expect_rc 0 "a 5-seat election with a tie at the last seat"
expect_out "elected: Anne Test, Bo Test, Carl Test, Dorthe Test; Erik Test, Frida Test tied at 5 votes for 1 place" "the tie"
expect_out "Hanne Test still holds bestyrelse (not up for election)" "a holder not up for election is named"
in_dir "$W" --format json vote show 1
expect_out '"seats": 5' "the seats are recorded"
expect_out '"outcome": "tie"' "the outcome is a tie"
in_dir "$W" vote election 1 --office bestyrelse --candidate "Erik Test" --candidate "Frida Test" \
    --votes "Erik Test=5" --votes "Frida Test=3"
expect_out "Erik Test elected with 5 votes" "the new round for the open seat"
in_dir "$W" role list
expect_eq "$(grep -c bestyrelse <<<"$OUT")" "6" "five elected and Hanne hold bestyrelse"
in_dir "$W" vote election 1 --office bestyrelsessuppleant --seats 2 --candidate "Frida Test" --candidate "Gorm Test" \
    --candidate "Carl Test" --votes "Frida Test=4" --votes "Gorm Test=4" --votes "Carl Test=0" --lot "Gorm Test"
expect_out "elected in order: 1. Gorm Test, 2. Frida Test" "suppleants in the order drawn"
in_dir "$W" meeting minutes 1
R=$W/documents/meetings/2026-02-26-gf-2026/referat.md
grep -q "Valg af bestyrelse: 5 pladser, op til 5 stemmer pr. stemmeberettiget (8 fremmødte stemmeberettigede); valgt: Anne Test (8 stemmer), Bo Test (7 stemmer), Carl Test (6 stemmer) og Dorthe Test (6 stemmer); stemmelighed mellem Erik Test og Frida Test (5 stemmer hver) om den sidste plads" "$R" \
    && pass || fail "the minutes show the board election and its tie"
grep -q "valgt: 1. suppleant Gorm Test (4 stemmer) og 2. suppleant Frida Test (4 stemmer); ikke valgt: Carl Test (0 stemmer); rækkefølgen blev afgjort ved lodtrækning" "$R" \
    && pass || fail "the minutes show the suppleants in order and the draw"
grep -q "om den sidste plads; ingen er valgt til den, og der holdes omvalg eller trækkes lod" "$R" \
    && pass || fail "the minutes say what follows a tie, in Danish"

# --- a correction of the 5-seat election: Erik's votes were miscounted -----------------
# Superseding the tied election replaces it for every seat: the new round (#2)
# that settled its tie no longer stands, and its winner loses the seat.
V2=(--votes "Anne Test=8" --votes "Bo Test=7" --votes "Carl Test=6" --votes "Dorthe Test=6" --votes "Erik Test=4"
    --votes "Frida Test=5" --votes "Gorm Test=2")
refused "$W" 2 "--supersedes needs --reason" vote election 1 --office bestyrelse --seats 5 "${C[@]}" "${V2[@]}" --supersedes 1
in_dir "$W" vote election 1 --office bestyrelse --seats 5 "${C[@]}" "${V2[@]}" --supersedes 1 \
    --reason "Erik Tests stemmer var talt forkert"
expect_rc 0 "a 5-seat election superseded"
expect_out "supersedes decision #1: Erik Tests stemmer var talt forkert" "the correction names what it corrects"
expect_out "decision #2, the new round that settled the tie of #1, no longer stands" "the round falls with it"
in_dir "$W" role list
expect_eq "$(grep bestyrelse <<<"$OUT" | grep -v suppleant | awk '{print $2}' | sort | tr '\n' ' ')" \
    "Anne Bo Carl Dorthe Frida Hanne " "the corrected board: Frida in, Erik out, Hanne not up for election"
in_dir "$W" vote show 2
expect_out "no longer stands: decision #4 superseded the election whose tie this round settled" "vote show says the round fell"
in_dir "$W" --format json vote show 2
expect_out '"voided_by": 4' "and so does the JSON"
refused "$W" 1 "decision #2 no longer stands: #4 superseded the election whose tie it settled — supersede #4 instead" \
    vote election 1 --office bestyrelse --candidate "Erik Test" --candidate "Frida Test" --votes "Erik Test=3" \
    --votes "Frida Test=5" --supersedes 2 --reason "x"
refused "$W" 1 "decision #1 is already superseded by #4" vote election 1 --office bestyrelse --seats 5 "${C[@]}" "${V2[@]}" \
    --supersedes 1 --reason "igen"
in_dir "$W" check
expect_no_out "decisions." "the corrected election has no findings"
in_dir "$W" meeting minutes 1
grep -q "Erik Test valgt med 5 stemmer (Frida Test 3) — bortfaldet, da beslutning #4 erstatter det valg, som runden afgjorde" "$R" \
    && pass || fail "the minutes mark the round that fell: $(grep -n 'Erik Test valgt' "$R")"
grep -q "valgt: Anne Test (8 stemmer), Bo Test (7 stemmer), Carl Test (6 stemmer), Dorthe Test (6 stemmer) og Frida Test (5 stemmer).* — erstatter beslutning #1 (Erik Tests stemmer var talt forkert)" "$R" \
    && pass || fail "the minutes show the corrected board"
finish
