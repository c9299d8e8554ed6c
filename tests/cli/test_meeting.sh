#!/usr/bin/env bash
# klynge meeting: the rules at `meeting call` (notice 13/14/15 days, the
# ordinary agenda, --force --reason), answers, attendance, minutes, cancel,
# the Q1 rule, extraordinary demands, the internat weekend, status, bylaws;
# every refused command leaves the workspace byte-for-byte unchanged.
source "$(dirname "$0")/lib.sh"

W0=$TMP/base
export KLYNGE_TODAY=2025-12-01
new_workspace "$W0"
k0() { (cd "$W0" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k0 practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 12 --as-of 2018-11-15 --joined 2018-11-15
k0 member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k0 member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k0 member add "Carl Åberg" --email carl@example.dk --practice 123456 --position ansat --joined 2018-11-15
k0 member add "Dorthe Dahl" --email dorthe@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k0 member add "Erik Eng" --email erik@example.dk --practice 123456 --position uddannelseslæge --joined 2018-11-15
for n in 6 7 8 9 10 11 12; do
    k0 member add "Læge Nr$n" --email "laege$n@example.dk" --practice 123456 --position ejerlæge --joined 2018-11-15
done
k0 role assign koordinator anne@example.dk --from 2018-11-15
k0 member registered --date 2025-12-01
# fresh NAME: a copy of the base workspace in $W.
fresh() { rm -rf "${TMP:?}/$1"; cp -a "$W0" "$TMP/$1"; W=$TMP/$1; }
at() { export KLYNGE_TODAY=$1; }
GF=(meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Østerbrohuset")

# --- Notice: 13 days refused, 14 and 15 accepted (standard bylaws §4) -------
fresh notice
at 2026-02-07
refused "$W" 1 "the notice is 13 days but a general assembly needs at least 14" "${GF[@]}" \
    --start "2026-02-20 17:00" --end "19:00"
expect_err "the earliest date is 2026-02-21" "notice refusal names the earliest date"
expect_err "--force --reason" "notice refusal says how to override"
for type in ekstraordinær stiftende; do
    refused "$W" 1 "the notice is 13 days" meeting call --type $type --title "GF" --place X \
        --start "2026-02-20 17:00" --end "19:00"
done
at 2026-02-06
in_dir "$W" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --respond-by 2026-02-13
expect_rc 0 "14 days' notice is enough"
expect_out "Called meeting #1 Ordinær generalforsamling 2026 on 2026-02-20 at 17:00 (12 invitees)" "call note"
D=$W/documents/meetings/2026-02-20-ordinaer-generalforsamling-2026
for f in indkaldelse.md dagsorden.md invitation.ics; do [ -f "$D/$f" ] && pass || fail "call wrote $f"; done
[ -d "$D/outbox" ] && fail "no outbox without --outbox" || pass
grep -q "senest 6. februar 2026" "$D/indkaldelse.md" && pass || fail "notice shows the proposals deadline"
grep -q "Svarfrist:\*\* 13. februar 2026" "$D/indkaldelse.md" && pass || fail "notice shows the response deadline"
grep -q "^7\. Eventuelt" "$D/indkaldelse.md" && pass || fail "notice carries the agenda"
grep -q "^4\. Fremlæggelse af budget for 2026" "$D/indkaldelse.md" && pass || fail "the ordinary agenda has the budget"
fresh notice15
at 2026-02-05
in_dir "$W" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00"
expect_rc 0 "15 days' notice"
# A cluster meeting has no notice rule.
in_dir "$W" meeting call --type klyngemøde --title "Klyngemøde" --start "2026-02-06 17:00" --end "19:00" --place X
expect_rc 0 "klyngemøde at one day's notice"

# --- --force --reason: recorded in the log, shown, printed in the minutes --------
fresh forced
at 2026-02-10
refused "$W" 2 "--force and --reason go together" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --force
refused "$W" 2 "--force and --reason go together" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --reason x
in_dir "$W" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --force --reason "Lokalet var kun ledigt denne dag"
expect_rc 0 "forced call"
expect_out "forced past: the notice is 10 days" "forced call names the rule"
in_dir "$W" log --limit 1
expect_out "Lokalet var kun ledigt denne dag" "the reason is in the audit log"
in_dir "$W" check --at 2026-02-12
expect_out "warning: meeting #1 (Ordinær generalforsamling 2026, 2026-02-20) was called with 10 days' notice" "check warns about a forced notice"
at 2026-02-20
in_dir "$W" meeting attend 1 anne@example.dk bo@example.dk
in_dir "$W" meeting minutes 1
expect_rc 0 "minutes of a forced meeting"
grep -q "begrundelse: »Lokalet var kun ledigt denne dag«\.$" "$W/documents/meetings/2026-02-20-ordinaer-generalforsamling-2026/referat.md" &&
    pass || fail "the minutes quote the forced reason"
grep -qE "(Dirigent|Referent): ikke registreret" "$W/documents/meetings/2026-02-20-ordinaer-generalforsamling-2026/referat.md" &&
    fail "minutes without a dirigent say 'ikke registreret' instead of a line to write on" || pass
grep -qx -- "- Dirigent: ______________________" "$W/documents/meetings/2026-02-20-ordinaer-generalforsamling-2026/referat.md" &&
    pass || fail "a general assembly's minutes have a line for the dirigent"
grep -q "send det$" "$W/documents/meetings/2026-02-20-ordinaer-generalforsamling-2026/indkaldelse.md" &&
    grep -q "^til klyngekoordinatoren" "$W/documents/meetings/2026-02-20-ordinaer-generalforsamling-2026/indkaldelse.md" &&
    pass || fail "without a board, proposals go to the klyngekoordinator"
# --force when nothing needs it records nothing.
fresh forced2
at 2026-01-02
in_dir "$W" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --force --reason "unødvendigt"
expect_err "--force was not needed" "a needless --force is pointed out"
in_dir "$W" meeting show 1 --format json
expect_out '"forced_reason": null' "a needless --force records no reason"

# --- The ordinary agenda must have what §5 requires --------------------------
fresh agenda
at 2026-01-02
printf '# Dagsorden\n\n1. Valg af dirigent og referent\n2. Beretning\n3. Regnskab\n4. Forslag og aktiviteter\n5. Valg af klyngekoordinator\n' >"$TMP/short.md"
refused "$W" 1 "the agenda lacks what the bylaws require of an ordinary assembly (§5): eventuelt" \
    "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --agenda "$TMP/short.md"
refused "$W" 1 "klyngekoordinatorens beretning; godkendelse af regnskab" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --agenda møde
refused "$W" 2 "is neither a built-in agenda" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --agenda "$TMP/none.md"
printf '6. Eventuelt\n' >>"$TMP/short.md"
in_dir "$W" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --agenda "$TMP/short.md"
expect_rc 0 "an own agenda with every item"
# The file's items inside the standard frame: heading, time and place.
A=$W/documents/meetings/2026-02-20-ordinaer-generalforsamling-2026/dagsorden.md
expect_eq "$(head -3 "$A")" "# Dagsorden: Ordinær generalforsamling 2026

Ordinær generalforsamling i Østerbroklyngen fredag den 20. februar 2026 kl. 17.00–19.00, Østerbrohuset." "an own agenda gets heading, date and place"
expect_eq "$(tail -n +5 "$A")" "$(tail -n +3 "$TMP/short.md")" "then the agenda file's items as given, its own heading replaced"
in_dir "$W" meeting call --type stiftende --title "Stiftende generalforsamling" --start "2026-03-02 17:00" \
    --end "18:30" --place Lokalet
expect_rc 0 "a founding assembly gets the basismøde agenda"
in_dir "$W" meeting show 2 --format json
expect_out '"text": "Valg af klyngekoordinator"' "basismøde agenda items"
expect_out '"level": 1' "basismøde sub-items"
in_dir "$W" meeting call --type klyngemøde --title "Første møde" --start "2026-03-03 17:00" --end "20:00" \
    --place Lokalet --agenda udvidet
expect_rc 0 "the udvidet agenda"
grep -q "tre klistermærker" "$W/documents/meetings/2026-03-03-foerste-moede/dagsorden.md" && pass ||
    fail "the udvidet agenda has the topic choice"

# --- Values refused at the edge (exit 2), nothing written ------------------
fresh values
at 2026-01-02
refused "$W" 2 "does not exist in Danish time" meeting call --type klyngemøde --title X --place Y \
    --start "2026-03-29 02:30" --end "04:00"
refused "$W" 2 "--end 2026-03-10 16:00 is not after --start" meeting call --type klyngemøde --title X --place Y \
    --start "2026-03-10 17:00" --end "16:00"
refused "$W" 2 "is in the past" meeting call --type klyngemøde --title X --place Y --start "2025-12-10 17:00" --end 19:00
refused "$W" 2 "--respond-by 2026-03-11 is not between" meeting call --type klyngemøde --title X --place Y \
    --start "2026-03-10 17:00" --end 19:00 --respond-by 2026-03-11
refused "$W" 2 "--start: invalid time" meeting call --type klyngemøde --title X --place Y --start "i morgen" --end 19:00
refused "$W" 2 "unknown meeting type" meeting call --type julefrokost --title X --place Y --start "2026-03-10 17:00" --end 19:00
refused "$W" 2 "--title contains a line break" meeting call --type klyngemøde --title $'Møde\r\nBcc: x@evil.example' \
    --place Y --start "2026-03-10 17:00" --end 19:00 --outbox
refused "$W" 2 "--guest contains a line break" meeting call --type klyngemøde --title Møde --place Y \
    --start "2026-03-10 17:00" --end 19:00 --outbox --guest $'Eva\nBcc: x@evil.example <eva@example.dk>'
refused "$W" 2 "--place contains a line break" meeting call --type klyngemøde --title Møde --place $'A\nB' \
    --start "2026-03-10 17:00" --end 19:00
refused "$W" 1 "no member" meeting call --type klyngemøde --title Møde --place Y --start "2026-03-10 17:00" \
    --end 19:00 --invite nobody@example.dk
refused "$W" 3 "mail.smtp_url is not set" meeting call --type klyngemøde --title Møde --place Y \
    --start "2026-03-10 17:00" --end 19:00 --send
# --dry-run writes nothing, documents and outbox included.
before=$(snapshot "$W")
in_dir "$W" --dry-run meeting call --type klyngemøde --title Møde --place Y --start "2026-03-10 17:00" --end 19:00 --outbox
expect_rc 0 "dry run"
expect_err "dry run: nothing was written" "dry run says so"
expect_eq "$(snapshot "$W")" "$before" "--dry-run leaves the workspace unchanged"

# --- Invitees, answers, attendance, minutes ----------------------------------
fresh flow
at 2026-01-05
in_dir "$W" "${GF[@]}" --start "2026-02-20 17:00" --end "19:00" --respond-by 2026-02-13 --guest "Hanne Holm <hanne@kk.dk>"
expect_out "(13 invitees)" "every active member and the guest are invited"
in_dir "$W" meeting call --type bestyrelsesmøde --title Bestyrelsen --place Y --start "2026-01-20 17:00" --end 19:00 \
    --invite anne@example.dk --invite 2
expect_out "(2 invitees)" "--invite chooses the invitees"
in_dir "$W" meeting rsvp 1 bo@example.dk yes --note vegetar
expect_rc 0 "rsvp"
expect_out "Bo Østergaard answered yes to meeting #1 (vegetar)" "rsvp note"
in_dir "$W" meeting rsvp 1 hanne@kk.dk nej
expect_rc 0 "a guest answers, in Danish"
in_dir "$W" meeting rsvp 1 3 no
refused "$W" 1 "is not invited to meeting #2" meeting rsvp 2 carl@example.dk yes
refused "$W" 2 "neither yes nor no" meeting rsvp 1 carl@example.dk maybe
refused "$W" 1 "no meeting #9" meeting rsvp 9 carl@example.dk yes
in_dir "$W" status
expect_out "Next        meeting #2 2026-01-20 17:00, Bestyrelsen (Y): 0 yes, 0 no, 2 not answered" "status: the next meeting"
in_dir "$W" status --at 2026-01-21 --format json
expect_out '"unanswered": 10' "status json: next meeting answers"
at 2026-02-14
in_dir "$W" meeting rsvp 1 dorthe@example.dk yes
expect_err "after the response deadline" "a late answer is accepted with a warning"
in_dir "$W" meeting list --format csv
expect_out "1,2026-02-20 17:00,generalforsamling,Ordinær generalforsamling 2026,Østerbrohuset,indkaldt,13,2,2,0" "list counts answers"
refused "$W" 1 "record who was present on or after that day" meeting attend 1 anne@example.dk
at 2026-02-20
in_dir "$W" meeting attend 1 anne@example.dk bo@example.dk carl@example.dk erik@example.dk hanne@kk.dk laege6@example.dk
expect_rc 0 "attend"
expect_out "6 present in all" "attend counts"
in_dir "$W" meeting attend 1 --absent laege6@example.dk
expect_out "Not present: Læge Nr6" "--absent corrects a mistake"
refused "$W" 1 "was held on 2026-02-20" meeting rsvp 1 laege7@example.dk yes
refused "$W" 1 "a held meeting cannot be cancelled" meeting cancel 1 --reason x
in_dir "$W" meeting minutes 1 --chair "Peter Plo" --minute-taker bo@example.dk
expect_rc 0 "minutes"
expect_out "- Dirigent: Peter Plo" "minutes: chair"
expect_out "- Referent: Bo Østergaard" "minutes: minute-taker"
expect_out "4 af 12 indbudte medlemmer var til stede," "minutes: attendance count"
expect_out "heraf 2 med stemmeret." "minutes: voting members present"
expect_out "| Carl Åberg | nej |" "minutes: an employed doctor has no vote"
expect_out "| Anne Ærø | ja |" "minutes: an owner votes"
expect_out "Gæster: Hanne Holm" "minutes: guests"
expect_out "## Beslutninger" "minutes: the decisions section"
R=$W/documents/meetings/2026-02-20-ordinaer-generalforsamling-2026/referat.md
[ -f "$R" ] && pass || fail "referat.md written"
in_dir "$W" meeting show 1 --format json
expect_out '"status": "afholdt"' "attendance marks the meeting held"
refused "$W" 2 "--approved-on 2026-03-01 is not between the meeting (2026-02-20) and today (2026-02-20)" \
    meeting minutes 1 --approve --approved-on 2026-03-01
at 2026-03-02
in_dir "$W" meeting minutes 1 --approve --approved-on 2026-03-01 --format json
expect_rc 0 "approve"
expect_out '"approved_on": "2026-03-01"' "approved date"
grep -q "Referatet blev godkendt den 1. marts 2026." "$R" && pass || fail "referat says approved"
refused "$W" 1 "were approved on 2026-03-01" meeting minutes 1 --chair bo@example.dk
refused "$W" 1 "attendance can no longer change" meeting attend 1 dorthe@example.dk
refused "$W" 1 "has no attendance recorded" meeting minutes 2
# A meeting that took place without attendance is flagged.
in_dir "$W" check
expect_out "meeting #2 (Bestyrelsen, 2026-01-20) has taken place but nobody is recorded present" "attendance warning"

# --- Cancel: METHOD:CANCEL, SEQUENCE bumped ---------------------------------
fresh cancel
at 2026-01-05
in_dir "$W" meeting call --type klyngemøde --title "Klyngemøde om KOL" --start "2026-02-10 17:00" --end 19:00 --place Y
in_dir "$W" meeting cancel 1 --reason "Aflyst pga. sne" --outbox
expect_rc 0 "cancel"
C=$W/documents/meetings/2026-02-10-klyngemoede-om-kol
grep -q $'^METHOD:CANCEL\r$' "$C/aflysning.ics" && pass || fail "aflysning.ics is a CANCEL"
grep -q $'^SEQUENCE:1\r$' "$C/aflysning.ics" && pass || fail "the cancellation bumps SEQUENCE"
grep -q $'^SEQUENCE:0\r$' "$C/invitation.ics" && pass || fail "the invitation keeps SEQUENCE 0"
expect_eq "$(grep UID: "$C/aflysning.ics")" "$(grep UID: "$C/invitation.ics")" "the cancellation has the invitation's UID"
expect_eq "$(grep -c "^X-Unsent: 1" "$C/outbox/aflysning.mbox")" "12" "one cancellation e-mail per invitee with an address, in one mailbox"
in_dir "$W" meeting show 1 --format json
expect_out '"status": "aflyst"' "status aflyst"
expect_out '"sequence": 1' "sequence in json"
refused "$W" 1 "was cancelled on 2026-01-05" meeting cancel 1 --reason again
refused "$W" 1 "was cancelled on 2026-01-05" meeting rsvp 1 bo@example.dk yes

# --- Q1: the ordinary assembly in the first quarter ---------------------------
fresh q1
in_dir "$W" check --at 2026-02-28
expect_no_out "ordinary general assembly" "no Q1 finding before March"
in_dir "$W" check --at 2026-03-01
expect_rc 0 "Q1 is a warning"
expect_out "warning: the ordinary general assembly of 2026 is not called yet — call it by 2026-03-17 to hold it by 2026-03-31 with 14 days' notice" "Q1 reminder in March"
in_dir "$W" check --at 2026-03-20
expect_out "14 days' notice no longer reaches 2026-03-31" "Q1 after the last call date"
in_dir "$W" check --at 2026-04-01
expect_out "warning: no ordinary general assembly was held by 2026-03-31 as the bylaws require" "Q1 missed"
at 2026-03-01
in_dir "$W" "${GF[@]}" --start "2026-03-31 17:00" --end 19:00
in_dir "$W" check --at 2026-03-02
expect_no_out "ordinary general assembly" "a called assembly satisfies Q1"
in_dir "$W" check --at 2026-04-02
expect_no_out "ordinary general assembly" "held or called in Q1 satisfies the rule after Q1"
sed -i 's/^# ordinary_assembly_by_month = 3/ordinary_assembly_by_month = 4/' "$W/klynge.toml"
in_dir "$W" check --at 2027-04-05
expect_out "the ordinary general assembly of 2027 is not called yet — call it by 2027-04-16 to hold it by 2027-04-30" "the month is policy"

# --- Extraordinary demands: 20 %, notice within 14 days, held within 14 more ---
fresh demand
at 2026-05-03
refused "$W" 1 "2 of 11 members demand it, but the bylaws need at least 20 % (3 members)" \
    meeting request-extraordinary --by bo@example.dk --by dorthe@example.dk --date 2026-05-02 --subject Eksklusion
refused "$W" 1 "doctors in training observe" \
    meeting request-extraordinary --by bo@example.dk --by erik@example.dk --by 4 --date 2026-05-02 --subject Eksklusion
refused "$W" 2 "is in the future" \
    meeting request-extraordinary --by bo@example.dk --by dorthe@example.dk --by 3 --date 2026-05-04 --subject Eksklusion
in_dir "$W" meeting request-extraordinary --by bo@example.dk --by dorthe@example.dk --by 3 --by 3 --date 2026-05-02 \
    --subject "Eksklusion af et medlem"
expect_rc 0 "3 of 11 is enough"
expect_out "Recorded the demand of 2026-05-02 by 3 of 11 members" "demand recorded"
expect_out "Call the extraordinary general assembly by 2026-05-16 and hold it by 2026-05-30" "deadlines shown"
in_dir "$W" check --at 2026-05-10
expect_rc 0 "an open demand within its deadline is a warning"
expect_out "must be answered: call the assembly by 2026-05-16 and hold it by 2026-05-30" "demand warning"
# status lists the demand's two deadlines under Deadlines, however far off.
in_dir "$W" status --at 2026-05-10
expect_out "Deadlines   2026-05-16 Extraordinary assembly: last day to call it, as demanded on 2026-05-02 (Eksklusion af et medlem) (6 days)" \
    "status: the last day to call it"
expect_out "2026-05-30 Extraordinary assembly: last day to hold it (20 days)" "status: the last day to hold it"
in_dir "$W" status --at 2026-05-18
expect_out "2026-05-16 Extraordinary assembly: last day to call it, as demanded on 2026-05-02 (Eksklusion af et medlem) (2 days overdue)" \
    "status: an overdue notice"
in_dir "$W" status --at 2026-05-10 --format json
expect_out '"deadline": "Extraordinary assembly: last day to hold it"' "status --format json lists it"
in_dir "$W" check --at 2026-05-17
expect_rc 1 "an unanswered demand after the notice deadline is an error"
expect_out "error: the demand of 2026-05-02 for an extraordinary assembly (Eksklusion af et medlem) was not answered with a notice by 2026-05-16" "demand error"
at 2026-05-10
refused "$W" 1 "the demand of 2026-05-02 must be met by an assembly held by 2026-05-30" \
    meeting call --type ekstraordinær --title "Ekstraordinær generalforsamling" --place Y --start "2026-06-01 17:00" --end 19:00
in_dir "$W" meeting call --type ekstraordinær --title "Ekstraordinær generalforsamling" --place Y \
    --start "2026-05-28 17:00" --end 19:00
expect_rc 0 "the extraordinary assembly in time"
expect_out "answers the extraordinary demand of 2026-05-02" "the call answers the demand"
grep -q "^2\. Eksklusion af et medlem" "$W/documents/meetings/2026-05-28-ekstraordinaer-generalforsamling/dagsorden.md" &&
    pass || fail "the demand's subject is on the agenda"
in_dir "$W" check --at 2026-05-20
expect_no_out "extraordinary assembly" "an answered demand has no finding"
in_dir "$W" status --at 2026-05-20
expect_no_out "last day to call it" "status: an answered demand has only the day to hold it"
expect_out "2026-05-30 Extraordinary assembly: last day to hold it (meeting #1 on 2026-05-28) (10 days)" "status: the answering meeting"
# Moved past the last day, the assembly no longer answers the demand in time.
cp -a "$W" "$TMP/moved"
(cd "$TMP/moved" && "$KLYNGE" meeting move 1 --start "2026-06-04 17:00" --end 19:00 --force --reason "Salen" >/dev/null 2>&1) ||
    fail "move the extraordinary assembly"
in_dir "$TMP/moved" check --at 2026-05-20
expect_out "is answered by meeting #1 on 2026-06-04, after 2026-05-30, the last day the bylaws allow" \
    "check names the meeting by its number"
# Cancelling the assembly re-opens the demand.
in_dir "$W" meeting cancel 1 --reason "Flyttes"
in_dir "$W" check --at 2026-05-20
expect_out "was not answered with a notice by 2026-05-16" "a cancelled assembly does not answer the demand"

# --- Internat around a weekend ------------------------------------------------
fresh internat
at 2026-01-05
in_dir "$W" meeting call --type internat --title "Internat" --place Kro --start "2026-03-04 16:00" --end "2026-03-05 14:00"
expect_rc 0 "a weekday internat is allowed"
expect_err "warning: the internat 2026-03-04 16:00 – 2026-03-05 14:00 is not around a weekend" "weekday internat warned"
in_dir "$W" check
expect_out "the internat meeting #1 (Internat, 2026-03-04) is not around a weekend" "check warns about the internat"
in_dir "$W" meeting call --type internat --title "Internat 2" --place Kro --start "2026-03-06 16:00" --end "2026-03-07 14:00"
expect_no_out "weekend" "a Friday–Saturday internat is fine"
expect_eq "$(echo "$ERR" | grep -c weekend)" "0" "no warning for a weekend internat"

# --- Bylaws: written at init, re-generated from the policy -----------------------
fresh bylaws
grep -q "mindst 14 dage" "$W/documents/vedtaegter.md" && pass || fail "init wrote the bylaws"
sed -i 's/^# notice_days = 14/notice_days = 21/' "$W/klynge.toml"
in_dir "$W" meeting bylaws
expect_rc 0 "meeting bylaws"
grep -q "mindst 21 dage" "$W/documents/vedtaegter.md" && pass || fail "bylaws follow policy.notice_days"
in_dir "$W" meeting bylaws -o "$TMP/v.md"
grep -q "## § 12" "$TMP/v.md" && pass || fail "bylaws -o FILE"
# The board's size is the policy's: none by default, and proposals go to the klyngekoordinator.
grep -q "skal være klyngekoordinatoren i hænde" "$TMP/v.md" && pass || fail "without a board, proposals go to the coordinator"
grep -q "Generalforsamlingen kan vælge en suppleant for klyngekoordinatoren og en" "$TMP/v.md" && pass ||
    fail "without a board, the assembly may elect one"
refused "$W" 2 "policy.board_members" config set policy.board_members 12
in_dir "$W" config set policy.board_members 3
expect_rc 0 "config set policy.board_members"
in_dir "$W" meeting bylaws -o "$TMP/v3.md"
grep -q "^Klyngen har en bestyrelse på tre medlemmer, som" "$TMP/v3.md" && pass || fail "a board of three, in words"
grep -q "skal være bestyrelsen i hænde" "$TMP/v3.md" && pass || fail "with a board, proposals go to the board"
grep -q "i så fald" "$TMP/v3.md" && fail "a board the bylaws have is not optional" || pass
at 2026-02-01
refused "$W" 1 "the notice is 19 days but a general assembly needs at least 21" "${GF[@]}" --start "2026-02-20 17:00" --end 19:00

finish
