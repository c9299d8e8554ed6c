#!/usr/bin/env bash
# klynge meeting rsvp --food yes|no --overnight yes|no (issue 15 §4): an
# internat asks separately for food and an overnight stay, and meeting show
# counts both among those who come (for ordering meals and hotel rooms);
# refused for other meetings and with a no, the workspace unchanged.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
export KLYNGE_TODAY=2026-01-10
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 3 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Carl Åberg" --email carl@example.dk --practice 123456 --position ansat --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k meeting call --type internat --title "Internat 2026" --place "Hotel Marina, Vedbæk" \
    --start "2026-05-15 09:00" --end "2026-05-16 16:00" --respond-by 2026-04-30 --guest "Hanne Holm <hanne@kk.dk>"
k meeting call --type klyngemøde --title "Klyngemøde om KOL" --place Huset --start "2026-03-10 17:00" --end 19:00

# --- Refusals ---------------------------------------------------------------------
refused "$W" 2 "--food and --overnight are answers for an internat, and meeting #2 is a klyngemøde" \
    meeting rsvp 2 bo@example.dk yes --food yes
refused "$W" 2 "--food and --overnight are answers for an internat" meeting rsvp 2 bo@example.dk yes --overnight no
refused "$W" 2 "--food and --overnight go with a yes" meeting rsvp 1 bo@example.dk no --overnight no
refused "$W" 2 '--food "måske" is neither yes nor no' meeting rsvp 1 bo@example.dk yes --food måske
refused "$W" 2 '--overnight "1" is neither yes nor no' meeting rsvp 1 bo@example.dk yes --overnight 1
refused "$W" 1 "no member \"nobody@example.dk\"" meeting rsvp 1 nobody@example.dk yes --food yes

# --- Answers --------------------------------------------------------------------------
in_dir "$W" meeting rsvp 1 bo@example.dk yes --food yes --overnight no --note vegetar
expect_rc 0 "rsvp with food and overnight"
expect_out "Bo Østergaard answered yes to meeting #1 (vegetar; food: yes; overnight: no)" "the answer is noted"
in_dir "$W" meeting rsvp 1 anne@example.dk ja --food ja --overnight ja
expect_rc 0 "ja for yes"
in_dir "$W" meeting rsvp 1 hanne@kk.dk yes --overnight yes
expect_rc 0 "a guest answers too"
in_dir "$W" meeting rsvp 1 carl@example.dk no
in_dir "$W" meeting show 1
expect_out "Food:       2 yes, 0 no, 1 not answered of 3 coming" "the food count"
expect_out "Overnight:  2 yes, 1 no, 0 not answered of 3 coming" "the overnight count"
expect_out "ANSWER  FOOD  OVERNIGHT  NOTE" "the invitee table has both columns"
# A later yes without them keeps them; a no clears them.
in_dir "$W" meeting rsvp 1 bo@example.dk yes --note "vegetar, kommer kl. 10"
in_dir "$W" meeting show 1 --format json
expect_out '"food": true,
      "overnight": false,' "a yes without --food keeps the earlier answers"
in_dir "$W" meeting rsvp 1 anne@example.dk no
in_dir "$W" meeting show 1
expect_out "Food:       1 yes, 0 no, 1 not answered of 2 coming" "a no clears the food answer"
expect_out "Overnight:  1 yes, 1 no, 0 not answered of 2 coming" "a no clears the overnight answer"
# Another meeting has neither line.
in_dir "$W" meeting show 2
expect_no_out "Food:" "a klyngemøde has no food count"
expect_no_out "OVERNIGHT" "nor the columns"

finish
