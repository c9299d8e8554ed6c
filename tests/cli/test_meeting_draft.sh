#!/usr/bin/env bash
# klynge meeting call --draft, then meeting send (issue 15 §4): a draft has
# its documents written for review but sends nothing, takes no answers and
# does not count as called; `meeting send ID` calls it for real on the day it
# is sent — the notice rule checked against that day (refused when late
# unless --force --reason), the notice dated that day, the invitations
# e-mailed (the test SMTP server) or written to the outbox; `check` warns
# when the last day to send comes near or has passed; the refusals leave the
# workspace byte-for-byte unchanged.
source "$(dirname "$0")/lib.sh"

start_smtp_sink

W=$TMP/w
export KLYNGE_TODAY=2026-01-10
export KLYNGE_SMTP_PASSWORD='Hemmelig-Kode-42'
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 2 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
sed -i "s|^# smtp_url = .*|smtp_url = \"smtp://127.0.0.1:$PORT\"|; s|^# smtp_user = .*|smtp_user = \"klynge\"|;
        s|^# smtp_starttls = true|smtp_starttls = false|" "$W/klynge.toml"
mails() { find "$SINK/mail" -name '*.eml' 2>/dev/null | wc -l; }
messages() { sqlite3 "$W/klynge.db" "SELECT count(*) FROM meeting_message"; }
F=$W/documents/meetings/2026-02-26-ordinaer-generalforsamling-2026

# --- A draft: documents for review, nothing sent ----------------------------------
refused "$W" 2 "--send excludes --draft" meeting call --type klyngemøde --title Møde --place Huset \
    --start "2026-04-14 17:00" --end 19:00 --draft --send
refused "$W" 2 "--outbox excludes --draft" meeting call --type klyngemøde --title Møde --place Huset \
    --start "2026-04-14 17:00" --end 19:00 --draft --outbox
in_dir "$W" meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Østerbrohuset" \
    --start "2026-02-26 17:00" --end "19:00" --respond-by 2026-02-19 --guest "Hanne Holm <hanne@kk.dk>" --draft
expect_rc 0 "meeting call --draft"
expect_out "Drafted meeting #1 Ordinær generalforsamling 2026 on 2026-02-26 at 17:00 (3 invitees)" "the draft is noted"
expect_out "nothing is sent; review the documents, then \`klynge meeting send 1\` calls it (by 2026-02-12)" "the last day to send"
[ -f "$F/indkaldelse.md" ] && [ -f "$F/dagsorden.md" ] && [ -f "$F/invitation.ics" ] && pass || fail "the draft's documents are written"
for doc in indkaldelse.md dagsorden.md; do
    [ "$(head -1 "$F/$doc")" = '> **Kladde:** Mødet er endnu ikke indkaldt. Kladden sendes med `klynge meeting send 1`.' ] &&
        pass || fail "the draft's $doc says it is a draft: $(head -1 "$F/$doc")"
done
[ ! -e "$F/outbox" ] && pass || fail "a draft writes no e-mail"
expect_eq "$(mails)" "0" "a draft sends no e-mail"
expect_eq "$(messages)" "0" "a draft records no message"
in_dir "$W" meeting list
expect_out "kladde" "meeting list shows the draft"
in_dir "$W" meeting show 1
expect_out "Status:     kladde" "meeting show shows the draft"
expect_out "Drafted on: 2026-01-10" "the day it was drafted"
expect_out "Send by:    2026-02-12 (a draft: \`klynge meeting send 1\` calls it)" "the last day to send it"
in_dir "$W" meeting show 1 --format json
expect_out '"status": "kladde"' "the JSON status"
expect_out '"send_by": "2026-02-12"' "the JSON's last day to send, a date"
in_dir "$W" log
expect_out "drafted meeting #1 Ordinær generalforsamling 2026" "the log says drafted"

# --- A draft takes no answers and sends no changes --------------------------------
refused "$W" 1 "meeting #1 is a draft and not called yet — an answer waits until it is sent" meeting rsvp 1 bo@example.dk yes
refused "$W" 1 "meeting #1 is a draft and nobody has its invitation" meeting cancel 1 --reason "Aflyst" --outbox
refused "$W" 1 "meeting #1 is a draft and nobody has its invitation" meeting move 1 --place "Huset" --send
refused "$W" 1 "there is no meeting #7" meeting send 7
refused "$W" 2 "--force and --reason go together" meeting send 1 --force
refused "$W" 2 "--send excludes --outbox" meeting send 1 --send --outbox

# --- check: a week before the last day, and after it -------------------------------
in_dir "$W" check
expect_no_out "[meeting.draft]" "no warning well before the last day"
expect_no_out "meeting #1" "a draft is not checked as called"
KLYNGE_TODAY=2026-02-08 in_dir "$W" check
expect_out "meeting #1 (Ordinær generalforsamling 2026, 2026-02-26) is a draft; send it by 2026-02-12 (in 4 days) — \`klynge meeting send 1\` [meeting.draft]" "the warning within a week"
KLYNGE_TODAY=2026-02-08 in_dir "$W" status
expect_out "is a draft; send it by 2026-02-12" "status shows the warning"
KLYNGE_TODAY=2026-02-14 in_dir "$W" check
expect_out "is a draft, and the last day to send it was 2026-02-12 (14 days' notice, standard bylaws §4)" "the warning after the last day"

# --- Sent too late: refused like a late call ----------------------------------------
KLYNGE_TODAY=2026-02-14 refused "$W" 1 "the notice is 12 days but a general assembly needs at least 14" meeting send 1
expect_err "the notice counts from the day the draft is sent" "the refusal says why"
expect_eq "$(mails)" "0" "nothing sent by the refusal"

# --- Sent in time: called that day, the invitations go out ------------------------
KLYNGE_TODAY=2026-02-10 in_dir "$W" meeting send 1
expect_rc 0 "meeting send a draft"
expect_out "Called meeting #1 Ordinær generalforsamling 2026 on 2026-02-26 at 17:00: the notice is dated 2026-02-10" "called on the day sent"
expect_eq "$(mails)" "3" "every invitee got the invitation"
grep -q "Kladde" "$F/indkaldelse.md" "$F/dagsorden.md" && fail "a sent notice still says it is a draft" || pass
grep -q "Indkaldelsen er sendt elektronisk den 10. februar 2026, 16 dage før" "$F/indkaldelse.md" && pass ||
    fail "the notice is dated the day it was sent: $(grep -i 'sendt elektronisk' "$F/indkaldelse.md")"
in_dir "$W" meeting show 1 --format json
expect_out '"status": "indkaldt"' "the meeting is called"
expect_out '"called_on": "2026-02-10"' "called on the day it was sent"
expect_out '"sequence": 0' "the first version of the invitation"
KLYNGE_TODAY=2026-02-10 in_dir "$W" meeting send 1
expect_out "nothing to send" "a second send is a retry with nobody left"
KLYNGE_TODAY=2026-02-10 refused "$W" 1 "meeting #1 is not a draft" meeting send 1 --force --reason "Igen"
KLYNGE_TODAY=2026-02-10 in_dir "$W" meeting rsvp 1 bo@example.dk yes
expect_rc 0 "answers once it is sent"
in_dir "$W" log
expect_out "sent the draft of meeting #1 Ordinær generalforsamling 2026 (generalforsamling) for 2026-02-26 17:00: called on 2026-02-10" "the log"

# --- A late draft with --force --reason, recorded for the minutes -------------------
k meeting call --type ekstraordinær --title "Ekstraordinær generalforsamling" --place "Huset" \
    --start "2026-03-20 17:00" --end 18:00 --draft
KLYNGE_TODAY=2026-03-12 in_dir "$W" meeting send 2 --outbox --force --reason "Vedtægtsændringen haster"
expect_rc 0 "a late draft sent with --force --reason"
expect_out "forced past: the notice is 8 days" "the rule forced past"
E=$W/documents/meetings/2026-03-20-ekstraordinaer-generalforsamling
outbox_mail "$E/outbox/indkaldelse.mbox" bo@example.dk "$TMP/indkaldelse-bo@example.dk.eml" && pass || fail "the invitations are in the outbox"
in_dir "$W" meeting show 2
expect_out "Forced:     Vedtægtsændringen haster" "meeting show has the reason"

# --- A draft moved before it is sent stays the first version ------------------------
k meeting call --type klyngemøde --title "Klyngemøde om KOL" --place "Huset" --start "2026-04-14 17:00" --end 19:00 --draft
k meeting move 3 --start "2026-04-21 17:00"
KLYNGE_TODAY=2026-03-12 in_dir "$W" meeting send 3 --outbox
expect_rc 0 "send a moved draft to the outbox"
K=$W/documents/meetings/2026-04-14-klyngemoede-om-kol
outbox_mail "$K/outbox/indkaldelse.mbox" anne@example.dk "$TMP/indkaldelse-anne@example.dk.eml" && pass || fail "a moved draft is sent as the first invitation"
grep -q '^SEQUENCE:0' "$K/invitation.ics" && pass || fail "SEQUENCE 0 after moving a draft"
grep -q '^DTSTART;TZID=Europe/Copenhagen:20260421T170000' "$K/invitation.ics" && pass || fail "the moved time"

# A draft whose day passed unsent: check says so; send is refused.
k meeting call --type klyngemøde --title "Glemt møde" --place "Huset" --start "2026-05-05 17:00" --end 19:00 --draft
KLYNGE_TODAY=2026-05-06 in_dir "$W" check
expect_out "is a draft that was never sent, and its day has passed" "check: a draft never sent"
KLYNGE_TODAY=2026-05-06 refused "$W" 1 "its draft was never sent" meeting send 4

finish
