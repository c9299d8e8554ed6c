#!/usr/bin/env bash
# klynge theme and klynge task: a theme chosen by dot vote, three meetings on
# it with its data and goals in the notice, tasks under "Opfølgning" in the
# next agenda and in the minutes, the follow-up and overdue warnings of
# `klynge check`, the meetings-per-year rule, status, and refusals that leave
# the workspace byte-for-byte unchanged.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
export KLYNGE_TODAY=2026-01-10
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 3 --as-of 2018-11-15 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Dorthe Dahl" --email dorthe@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k meeting call --type klyngemøde --title "Emnevalg" --start "2026-01-20 17:00" --end "19:00" --place Huset   # 1
export KLYNGE_TODAY=2026-01-20
k meeting attend 1 anne@example.dk bo@example.dk dorthe@example.dk
k vote dots 1 --question "Årets tema" --idea Diabetes --idea KOL --idea Antibiotika \
    --dots anne@example.dk=Diabetes:3 --dots bo@example.dk=Diabetes:2 --dots bo@example.dk=KOL:1 \
    --dots dorthe@example.dk=Antibiotika:3

# --- The dot vote's chosen idea becomes a theme -------------------------------
refused "$W" 1 "did not choose \"KOL\"" theme add --from-vote 1 --title KOL
refused "$W" 1 "no decision #9" theme add --from-vote 9
refused "$W" 2 "--title is missing" theme add --data "Datavisning"
refused "$W" 2 "--expected-end 2025-01-01 is before the start" theme add --title X --expected-end 2025-01-01
in_dir "$W" theme add --from-vote 1 --reason "Valgt ved prikafstemning" --data "KiAP's klyngepakke om diabetes" \
    --data "Datavisning: HbA1c" --goal "Flere årskontroller" --expected-end 2026-12-31
expect_rc 0 "theme add --from-vote"
expect_out "Theme #1 Diabetes (active) from 2026-01-20" "the chosen idea is the title"
refused "$W" 1 "theme #1 \"Diabetes\" is already open" theme add --title Diabetes
in_dir "$W" theme add --title "Antibiotika" --start 2026-09-01
expect_out "Theme #2 Antibiotika (planned)" "a later start is planned"

# --- Tasks ----------------------------------------------------------------
refused "$W" 2 "--due 2026-01-01 is in the past" task add "Data" --owner bo@example.dk --due 2026-01-01
refused "$W" 1 "there is no theme #7" task add "Data" --owner bo@example.dk --due 2026-03-01 --theme 7
refused "$W" 1 "there is no meeting #7" task add "Data" --owner bo@example.dk --due 2026-03-01 --meeting 7
in_dir "$W" task add "Træk data om HbA1c" --owner bo@example.dk --due 2026-03-01 --meeting 1 --theme 1
expect_out "Task #1 for Bo Østergaard, due 2026-03-01" "task add"
in_dir "$W" task add "Book lokale" --owner dorthe@example.dk --due 2026-02-01 --meeting 1
expect_rc 0 "second task"

# --- Three meetings on the theme; the next agenda has "Opfølgning" ---------
export KLYNGE_TODAY=2026-01-25
in_dir "$W" meeting call --type klyngemøde --title "Diabetes I" --start "2026-02-24 17:00" --end "19:00" --place Huset --theme 1
expect_rc 0 "meeting call --theme"
agenda=$(cat "$W"/documents/meetings/2026-02-24-diabetes-i/dagsorden.md)
notice=$(cat "$W"/documents/meetings/2026-02-24-diabetes-i/indkaldelse.md)
expect_eq "$(grep -c "^## Temaer" <<<"$agenda")" 1 "the agenda lists the theme"
[[ "$agenda" == *"- Diabetes (data: KiAP's klyngepakke om diabetes, Datavisning: HbA1c). Mål: Flere årskontroller"* ]] \
    && pass || fail "the theme's data and goals in the agenda: $agenda"
[[ "$agenda" == *"## Opfølgning"*"- Træk data om HbA1c (Bo Østergaard, frist 1. marts 2026)"* ]] \
    && pass || fail "open tasks under Opfølgning: $agenda"
[[ "$notice" == *"## Opfølgning"*"Book lokale (Dorthe Dahl, frist 1. februar 2026)"*"Med venlig hilsen"* ]] \
    && pass || fail "the notice has the follow-up before the greeting: $notice"
refused "$W" 1 "there is no theme #5" meeting call --type klyngemøde --title "Y" --start "2026-03-24 17:00" \
    --end "19:00" --place Huset --theme 5

export KLYNGE_TODAY=2026-02-24
k meeting attend 2 anne@example.dk bo@example.dk
k task add "Audit af årskontroller" --owner anne@example.dk --due 2026-05-01 --meeting 2 --theme 1
k task done 2 --date 2026-02-20
in_dir "$W" meeting minutes 2
minutes=$(cat "$W"/documents/meetings/2026-02-24-diabetes-i/referat.md)
[[ "$minutes" == *"## Aftalte opgaver"*"- Audit af årskontroller (Anne Ærø, frist 1. maj 2026)"* ]] \
    && pass || fail "the minutes list the tasks agreed: $minutes"
[[ "$minutes" == *"## Temaer"*"Diabetes"* ]] && pass || fail "the minutes list the theme: $minutes"
refused "$W" 1 "task #2 was done on 2026-02-20 already" task done 2

in_dir "$W" task list
expect_out "Træk data om HbA1c" "task list shows open tasks"
expect_no_out "Book lokale" "task list leaves out done tasks"
in_dir "$W" task list --all
expect_out "Book lokale" "task list --all"

k meeting call --type klyngemøde --title "Diabetes II" --start "2026-04-14 17:00" --end "19:00" --place Huset --theme 1 --theme 2
export KLYNGE_TODAY=2026-04-14
k meeting attend 3 anne@example.dk bo@example.dk
in_dir "$W" theme list
expect_out "active" "the planned theme is active after its first meeting"
in_dir "$W" theme show 1
expect_out "#2 2026-02-24, #3 2026-04-14" "theme show lists its meetings"
expect_out "Chosen by:    1" "theme show names the dot vote"

# --- check: an overdue task; a theme without a meeting for six months ------
export KLYNGE_TODAY=2026-04-20
in_dir "$W" check
expect_out "task #1 (Træk data om HbA1c) for Bo Østergaard was due 2026-03-01" "check warns on an overdue task"
expect_no_out "quality.follow-up]" "no follow-up warning within six months"
in_dir "$W" task list --overdue
expect_out "Træk data om HbA1c" "task list --overdue"
expect_no_out "Audit" "task list --overdue leaves out tasks not due yet"

export KLYNGE_TODAY=2026-10-20
in_dir "$W" check
expect_out "theme #1 Diabetes has had no meeting since 2026-04-14 (6 months, policy.follow_up_months)" "follow-up warning"
in_dir "$W" status
expect_out "Themes      #1 Diabetes (active; 2 meetings)" "status lists the year's themes"
expect_out "Tasks       2 open, 2 overdue" "status counts the open tasks"
cp "$W/klynge.toml" "$TMP/klynge.toml"
sed -i 's/^\[policy\]$/[policy]\nfollow_up_months = 12/' "$W/klynge.toml"
in_dir "$W" check
expect_no_out "theme #1 Diabetes has had no meeting since" "policy.follow_up_months moves the warning"
cp "$TMP/klynge.toml" "$W/klynge.toml"

# A scheduled follow-up: no warning until its date, then one if no meeting was held.
k theme follow-up 1 --by 2026-11-30
in_dir "$W" check
expect_no_out "theme #1 Diabetes has had no meeting since" "a follow-up scheduled for later silences the months rule"
export KLYNGE_TODAY=2026-12-05
in_dir "$W" check
expect_out "theme #1 Diabetes was to be followed up by 2026-11-30" "a follow-up that passed without a meeting"
in_dir "$W" status --format json
expect_out '"status": "follow-up"' "status json has the themes"

# --- meetings a year [003]: 3 in 2026 is fine, none in 2027 warns in 2028 ---
export KLYNGE_TODAY=2028-01-10
in_dir "$W" check
expect_out "the cluster met 0 times in 2027 — clusters meet 2–4 times a year [003]" "too few meetings in a year"
expect_no_out "in 2026" "three meetings in 2026 are enough"

# --- close ------------------------------------------------------------------
export KLYNGE_TODAY=2026-12-05
k theme close 1
refused "$W" 1 "theme #1 was closed on 2026-12-05" theme follow-up 1 --by 2027-01-01
refused "$W" 1 "theme #1 was closed on 2026-12-05" task add "X" --owner bo@example.dk --due 2027-01-01 --theme 1
in_dir "$W" check
expect_no_out "Diabetes was to be followed up" "a closed theme is not followed up"

finish
