#!/usr/bin/env bash
# klynge vote: the bylaws' majorities with 9, 10, 11 and 12 present around the
# 2/3 boundary, ties, blanks, all blank, elections with a tie and a draw, a
# coordinator elected into the role, dot voting and the pool of ideas,
# superseding records, the minutes, and `klynge check` on an edited decision.
# Every refused command leaves the workspace byte-for-byte unchanged.
source "$(dirname "$0")/lib.sh"

W0=$TMP/base
export KLYNGE_TODAY=2026-01-10
new_workspace "$W0"
k0() { (cd "$W0" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k0 practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 14 --as-of 2018-11-15 --joined 2018-11-15
k0 member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k0 member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k0 member add "Dorthe Dahl" --email dorthe@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
for n in 4 5 6 7 8 9 10 11 12; do
    k0 member add "Læge Nr$n" --email "laege$n@example.dk" --practice 123456 --position ejerlæge --joined 2018-11-15
done
k0 member add "Carl Åberg" --email carl@example.dk --practice 123456 --position ansat --joined 2018-11-15
k0 member add "Erik Eng" --email erik@example.dk --practice 123456 --position uddannelseslæge --joined 2018-11-15
k0 member add "Frida Fjord" --email frida@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k0 role assign koordinator anne@example.dk --from 2018-11-15
k0 member registered --date 2025-12-01
GF=(meeting call --type generalforsamling --place "Østerbrohuset")
# Meetings 1-4: general assemblies where 9, 10, 11 and 12 with voting right
# come (plus Carl, employed, and Erik, in training: no voting right).
k0 "${GF[@]}" --title "GF 9" --start "2026-02-20 17:00" --end "19:00"
k0 "${GF[@]}" --title "GF 10" --start "2026-02-21 17:00" --end "19:00"
k0 "${GF[@]}" --title "GF 11" --start "2026-02-22 17:00" --end "19:00"
k0 "${GF[@]}" --title "GF 12" --start "2026-02-23 17:00" --end "19:00"
k0 meeting call --type klyngemøde --title "Emnevalg" --start "2026-03-05 17:00" --end "19:00" --place X   # 5
k0 meeting call --type klyngemøde --title "Ingen kom" --start "2026-03-06 17:00" --end "19:00" --place X  # 6
k0 meeting call --type klyngemøde --title "Aflyst" --start "2026-03-07 17:00" --end "19:00" --place X     # 7
k0 meeting call --type klyngemøde --title "Tomt" --start "2026-03-08 17:00" --end "19:00" --place X     # 8
k0 meeting cancel 7 --reason "sne"
owners=(anne@example.dk bo@example.dk dorthe@example.dk laege4@example.dk laege5@example.dk laege6@example.dk
    laege7@example.dk laege8@example.dk laege9@example.dk laege10@example.dk laege11@example.dk laege12@example.dk)
for i in 1 2 3 4; do
    present=$((i + 8))
    export KLYNGE_TODAY=2026-02-$((19 + i))
    k0 meeting attend $i "${owners[@]:0:$present}" carl@example.dk erik@example.dk
done
export KLYNGE_TODAY=2026-03-05
k0 meeting attend 5 anne@example.dk bo@example.dk dorthe@example.dk carl@example.dk erik@example.dk
export KLYNGE_TODAY=2026-03-06
k0 meeting attend 6 carl@example.dk erik@example.dk   # nobody with voting right
export KLYNGE_TODAY=2026-03-10
fresh() { rm -rf "${TMP:?}/$1"; cp -a "$W0" "$TMP/$1"; W=$TMP/$1; }

# --- 2/3 for 9-12 present, around the boundary (3·yes ≥ 2·present) ---------
fresh qualified
for present in 9 10 11 12; do
    meeting=$((present - 8))
    needed=$(((2 * present + 2) / 3))
    for yes in $((needed - 1)) $needed $((needed + 1)); do
        no=$((present - yes))
        verdict=rejected
        [ "$yes" -ge "$needed" ] && verdict=adopted
        for kind in bylaws exclusion dissolution; do
            in_dir "$W" vote $meeting --motion "Forslag $kind $yes" --kind $kind --yes $yes --no $no
            expect_rc 0 "$kind: $yes of $present"
            expect_out "$yes of $present present with voting right; 2/3 needs $needed" "$kind: base and need, $yes of $present"
            expect_out "— $verdict" "$kind: $yes of $present is $verdict"
        done
    done
done
# The base is those present, not the votes cast: 8 yes, 0 no, 3 blank of 11.
in_dir "$W" vote 3 --motion "§ 4" --kind bylaws --yes 7 --no 0 --blank 4
expect_out "7 of 11 present with voting right; 2/3 needs 8 (3·7 = 21 < 2·11 = 22) — rejected" "blanks are not yes"
in_dir "$W" vote 3 --motion "§ 4" --kind bylaws --yes 8 --no 3
expect_out "3·8 = 24 ≥ 2·11 = 22) — adopted" "the arithmetic is shown"
expect_out "rule: 2/3 of the members present with voting right must vote yes: 3·yes ≥ 2·present" "the rule is shown"

# --- Ordinary: yes > no, blanks count neither way, a tie fails -------------
fresh ordinary
in_dir "$W" vote 3 --motion "Budget 2026" --yes 6 --no 5
expect_out "6 yes > 5 no — adopted" "ordinary majority"
in_dir "$W" vote 3 --motion "Tie" --yes 5 --no 5 --blank 1
expect_out "5 yes = 5 no: a tie fails — rejected" "a tie fails"
in_dir "$W" vote 3 --motion "Blanks" --yes 2 --no 1 --blank 8
expect_out "2 yes > 1 no — adopted" "blank votes count neither way"
in_dir "$W" vote 3 --motion "All blank" --yes 0 --no 0 --blank 11
expect_out "0 yes = 0 no: a tie fails — rejected" "all blank is rejected"
refused "$W" 1 "the chair has no casting vote" vote 3 --motion "Tie" --yes 5 --no 5 --casting yes
# Ballots: counted, one per person, only those present with voting right.
in_dir "$W" vote 1 --motion "Kontingent" --ballot anne@example.dk=yes --ballot bo@example.dk=no \
    --ballot dorthe@example.dk=yes --ballot laege4@example.dk=blank
expect_out "2 yes, 1 no, 1 blank (4 ballots); 9 present with voting right" "ballots are counted"
expect_out "2 yes > 1 no — adopted" "ballots decide"
in_dir "$W" vote show 5
expect_out "ballot: Bo Østergaard no" "show lists the ballots"

# --- Refused, each leaving the workspace unchanged --------------------------
fresh refusals
refused "$W" 2 "nobody with voting right is recorded present" vote 6 --motion "X" --yes 1 --no 0
refused "$W" 2 "nobody with voting right is recorded present" vote election 6 --office kasserer --candidate bo@example.dk
refused "$W" 1 "nobody is recorded present at meeting #8" vote 8 --motion "X" --yes 1 --no 0
refused "$W" 2 "12 votes (7 yes, 5 no, 0 blank) but only 11 present with voting right" vote 3 --motion X --yes 7 --no 5
refused "$W" 2 "13 votes" vote 3 --motion X --kind bylaws --yes 13 --no 0
refused "$W" 1 "Erik Eng has no voting right at meeting #1 (policy.voting_positions = ejerlæge)" vote 1 --motion X --ballot anne@example.dk=yes \
    --ballot erik@example.dk=yes
refused "$W" 1 "Carl Åberg has no voting right" vote 1 --motion X --ballot carl@example.dk=no
refused "$W" 1 "Frida Fjord is not recorded present at meeting #1" vote 1 --motion X --ballot frida@example.dk=yes
refused "$W" 1 "Læge Nr12 is not recorded present at meeting #1" vote 1 --motion X --ballot laege12@example.dk=yes
refused "$W" 1 "Anne Ærø has already voted on this motion" vote 1 --motion X --ballot anne@example.dk=yes \
    --ballot bo@example.dk=no --ballot anne@example.dk=no
refused "$W" 2 "\"maybe\" is not a vote" vote 1 --motion X --ballot anne@example.dk=maybe
refused "$W" 2 "either as --yes/--no/--blank counts or as --ballot" vote 1 --motion X --yes 1 --no 0 \
    --ballot anne@example.dk=yes
refused "$W" 2 "the count lacks --yes or --no" vote 1 --motion X --yes 3
refused "$W" 2 "no votes given" vote 1 --motion X --yes 0 --no 0
refused "$W" 2 "no --motion" vote 1 --yes 3 --no 1
refused "$W" 2 "unknown --kind" vote 1 --motion X --kind vedtaegt --yes 3 --no 1
refused "$W" 1 "meeting #7 was cancelled" vote 7 --motion X --yes 1 --no 0
refused "$W" 1 "no meeting #99" vote 99 --motion X --yes 1 --no 0
refused "$W" 1 "is decided by a general assembly" vote 5 --motion X --kind bylaws --yes 3 --no 0
refused "$W" 2 "\"x\" is not a meeting number" vote x --motion X --yes 1 --no 0
# --dry-run shows the result and writes nothing.
before=$(snapshot "$W")
in_dir "$W" --dry-run vote 3 --motion "Budget" --yes 8 --no 3
expect_rc 0 "dry run"
expect_err "8 yes > 3 no — adopted" "dry run shows the result"
expect_eq "$(snapshot "$W")" "$before" "dry run writes nothing"

# --- Voting right is the position on the meeting's day ----------------------
fresh position
in_dir "$W" vote 1 --motion "Før" --yes 5 --no 4
in_dir "$W" member set carl@example.dk --position ejerlæge     # on 2026-03-10, after meeting #1
in_dir "$W" vote 1 --motion "Efter" --yes 5 --no 4
expect_out "9 present with voting right" "a later change of position does not move the base"
refused "$W" 1 "Carl Åberg has no voting right" vote 1 --motion X --ballot carl@example.dk=yes
in_dir "$W" check
expect_no_out "[decisions.base]" "the base still matches the attendance"
in_dir "$W" meeting minutes 1
expect_out "heraf 9 med stemmeret" "the minutes count voting right on the meeting's day"

# --- Elections: most votes wins; a tie, then a draw; the coordinator's role ---
fresh election
in_dir "$W" vote election 4 --office koordinator --candidate "Anne Ærø" --candidate bo@example.dk \
    --votes "Anne Ærø=7" --votes "Bo Østergaard=5"
expect_rc 0 "election"
expect_out "Anne Ærø elected with 7 votes" "the winner"
expect_out "Anne Ærø already holds the role koordinator" "a re-elected coordinator keeps the role"
in_dir "$W" vote election 3 --office koordinator --candidate "Bo Østergaard" --candidate "Dorthe Dahl" \
    --votes "Bo Østergaard=5" --votes "Dorthe Dahl=5"
expect_out "Bo Østergaard, Dorthe Dahl tied at 5 votes — nobody elected" "a tie is recorded as a tie"
tie=$(cd "$W" && "$KLYNGE" --format json vote list | grep -c '"outcome": "tie"')
expect_eq "$tie" "1" "the tie is in the list"
in_dir "$W" check
expect_out "is a tie that is not resolved" "check warns of the unresolved tie"
refused "$W" 2 "--lot: there is no tie" vote election 3 --office kasserer --candidate "Bo Østergaard" \
    --candidate "Dorthe Dahl" --votes "Bo Østergaard=6" --votes "Dorthe Dahl=5" --lot "Dorthe Dahl"
refused "$W" 2 "is not tied for the most votes" vote election 3 --office koordinator --candidate "Bo Østergaard" \
    --candidate "Dorthe Dahl" --candidate "Anne Ærø" --votes "Bo Østergaard=5" --votes "Dorthe Dahl=5" \
    --votes "Anne Ærø=1" --lot "Anne Ærø"
refused "$W" 1 "\"Ulla Ukendt\" is not a member" vote election 3 --office koordinator --candidate "Ulla Ukendt" \
    --candidate "Dorthe Dahl" --votes "Ulla Ukendt=5"
refused "$W" 2 "12 votes in all but only 11 present" vote election 3 --office koordinator \
    --candidate "Bo Østergaard" --candidate "Dorthe Dahl" --votes "Bo Østergaard=6" --votes "Dorthe Dahl=6"
refused "$W" 2 "\"Anne Ærø\" is not one of the candidates" vote election 3 --office koordinator \
    --candidate "Bo Østergaard" --candidate "Dorthe Dahl" --votes "Anne Ærø=6"
refused "$W" 2 "--supersedes needs --reason" vote election 3 --office koordinator --candidate "Bo Østergaard" \
    --candidate "Dorthe Dahl" --votes "Bo Østergaard=5" --votes "Dorthe Dahl=5" --lot "Dorthe Dahl" --supersedes 2
in_dir "$W" vote election 3 --office koordinator --candidate "Bo Østergaard" --candidate "Dorthe Dahl" \
    --votes "Bo Østergaard=5" --votes "Dorthe Dahl=5" --lot "Dorthe Dahl" --supersedes 2 --reason "lodtrækning ved mødet"
expect_rc 0 "the draw is recorded"
expect_out "a tie at 5 votes; Dorthe Dahl elected by lot" "the draw"
expect_out "Dorthe Dahl is koordinator from 2026-02-22, succeeding Anne Ærø (role ended 2026-02-21)" "the role follows"
in_dir "$W" role list --at 2026-02-22
expect_out "koordinator  Dorthe Dahl" "the elected coordinator holds the role from the meeting's day"
in_dir "$W" role list --at 2026-02-21
expect_out "koordinator  Anne Ærø" "the role history is kept"
in_dir "$W" check
expect_no_out "is a tie that is not resolved" "the draw resolves the tie"
refused "$W" 1 "decision #2 is already superseded by #3" vote election 3 --office koordinator \
    --candidate "Bo Østergaard" --candidate "Dorthe Dahl" --votes "Bo Østergaard=5" --votes "Dorthe Dahl=4" \
    --supersedes 2 --reason "igen"
refused "$W" 1 "supersede it with the same kind of record" vote 3 --motion X --yes 1 --no 0 --supersedes 2 --reason r
refused "$W" 1 "decision #1 was taken at meeting #4, not #3" vote election 3 --office koordinator \
    --candidate "Bo Østergaard" --votes "Bo Østergaard=5" --supersedes 1 --reason r
# Superseding an election with another winner corrects the role it gave.
in_dir "$W" vote election 3 --office koordinator --candidate "Bo Østergaard" --candidate "Dorthe Dahl" \
    --votes "Bo Østergaard=6" --votes "Dorthe Dahl=5" --supersedes 3 --reason "en stemme var talt forkert"
expect_out "Bo Østergaard is koordinator from 2026-02-22, succeeding Anne Ærø" "the corrected winner takes the role"
in_dir "$W" role list
expect_out "koordinator  Bo Østergaard" "one coordinator after the correction"
expect_no_out "Dorthe Dahl" "the superseded winner's role is gone"
in_dir "$W" vote election 5 --office suppleant --candidate "Dorthe Dahl"
expect_out "Dorthe Dahl elected unopposed" "a single candidate is elected unopposed"

# --- Dot voting: 3 dots each, stacking allowed, the ranking, the pool ----------
fresh dots
DOTS=(vote dots 5 --idea "KOL-spirometri" --idea "Antibiotika" --idea "Diabetes")
refused "$W" 1 "Anne Ærø has placed 4 dots but each doctor has 3" "${DOTS[@]}" \
    --dots anne@example.dk=KOL-spirometri:2 --dots anne@example.dk=Antibiotika:2
refused "$W" 1 "Frida Fjord is not recorded present at meeting #5" "${DOTS[@]}" --dots frida@example.dk=Diabetes:1
refused "$W" 2 "\"Astma\" is not one of the ideas" "${DOTS[@]}" --dots anne@example.dk=Astma:1
refused "$W" 2 "is not PERSON=IDEA:N" "${DOTS[@]}" --dots anne@example.dk=Diabetes
in_dir "$W" "${DOTS[@]}" --dots anne@example.dk=KOL-spirometri:2 --dots anne@example.dk=Antibiotika:1 \
    --dots erik@example.dk=KOL-spirometri:3 --dots bo@example.dk=Diabetes:3 --dots carl@example.dk=Antibiotika:2
expect_rc 0 "dot vote"
expect_out "1. KOL-spirometri — 5 dots — chosen" "the ranking, stacking allowed, a trainee's dots count"
expect_out "2. Antibiotika — 3 dots" "second"
expect_out "3. Diabetes — 3 dots" "third"
in_dir "$W" vote ideas
expect_out "Antibiotika" "ideas not chosen stay in the pool"
expect_no_out "KOL-spirometri" "the chosen idea leaves the pool"
# A tie across the line, then a draw.
in_dir "$W" vote dots 5 --question "Næste emne" --idea Antibiotika --idea Diabetes --dots anne@example.dk=Antibiotika:1 \
    --dots bo@example.dk=Diabetes:1
expect_out "a tie across the line" "a tie in dots"
in_dir "$W" vote dots 5 --question "Næste emne" --idea Antibiotika --idea Diabetes --dots anne@example.dk=Antibiotika:1 \
    --dots bo@example.dk=Diabetes:1 --lot Diabetes --supersedes 2 --reason "lodtrækning"
expect_out "2. Antibiotika — 1 dot" "ranking after the draw"
in_dir "$W" vote ideas
expect_out "Antibiotika" "still in the pool"
expect_no_out "Diabetes" "drawn idea chosen"

# --- The minutes list every decision with its arithmetic; approval closes them
fresh minutes
in_dir "$W" vote 3 --motion "Ændring af § 4" --kind bylaws --yes 8 --no 3
in_dir "$W" vote 3 --motion "Budget 2026" --yes 6 --no 4 --blank 1
in_dir "$W" vote election 3 --office koordinator --candidate "Anne Ærø" --votes "Anne Ærø=10"
in_dir "$W" meeting minutes 3 --chair bo@example.dk --minute-taker "Lise Hansen"
R=$W/documents/meetings/2026-02-22-gf-11/referat.md
grep -q "Ændring af § 4 (vedtægtsændring): vedtaget: 8 af 11 fremmødte stemmeberettigede stemte for (3 imod, 0 blanke); to tredjedele (2/3) kræver 8" "$R" \
    && pass || fail "the minutes show the 2/3 arithmetic"
grep -q "Budget 2026: vedtaget: 6 for, 4 imod, 1 blank " "$R" && pass || fail "the minutes show the ordinary count"
grep -q "Valg af koordinator: Anne Ærø valgt med 10 stemmer" "$R" && pass || fail "the minutes show the election"
in_dir "$W" meeting minutes 3 --approve
refused "$W" 1 "the minutes of meeting #3 were approved on 2026-03-10" vote 3 --motion X --yes 1 --no 0
refused "$W" 1 "the minutes of meeting #3 were approved" vote election 3 --office kasserer --candidate "Bo Østergaard"

# --- Lists, JSON, dump, and an edit behind klynge's back ------------------------
in_dir "$W" vote list
expect_out "Budget 2026" "list"
in_dir "$W" --format json vote show 1
expect_out '"yes_needed": 8' "JSON has the need"
expect_out '"share": "2/3"' "JSON has the share"
in_dir "$W" dump
expect_out "INSERT INTO decision(" "the dump holds the decisions"
in_dir "$W" check
expect_no_out "[store.chain]" "the chain verifies"
sqlite3 "$W/klynge.db" "DROP TRIGGER decision_no_update; UPDATE decision SET yes = 9, no = 2 WHERE number = 1;"
in_dir "$W" check
expect_rc 1 "an edited decision fails the check"
expect_out "decision #1 (bylaws: Ændring af § 4) was changed behind klynge's back" "check names the decision"
fresh deleted
in_dir "$W" vote 1 --motion "Kontingent" --ballot anne@example.dk=yes --ballot bo@example.dk=no
BALLOT=$(sqlite3 "$W/klynge.db" "SELECT max(id) FROM decision_ballot")
sqlite3 "$W/klynge.db" "DELETE FROM decision_ballot WHERE id = $BALLOT;" 2>/dev/null && fail "a trigger refuses deletes" || pass
sqlite3 "$W/klynge.db" "DROP TRIGGER decision_ballot_no_delete; DELETE FROM decision_ballot WHERE id = $BALLOT;"
in_dir "$W" check
expect_rc 1 "a deleted ballot fails the check"
expect_out "decision_ballot #$BALLOT is missing: it was deleted behind klynge's back" "check names the ballot"

finish
