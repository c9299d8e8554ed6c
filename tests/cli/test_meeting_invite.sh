#!/usr/bin/env bash
# klynge meeting invite: a member who joined after the notice went out gets
# the same invitation (same UID and SEQUENCE, now an ATTENDEE), in the
# outbox or over SMTP to the test server, and is then an invitee like the
# others — answers, the RSVP reminder, a later move. Refused for a member
# already invited, a non-member, a member who left, a forgotten one, a past,
# held or cancelled meeting; each refusal leaves the workspace unchanged.
source "$(dirname "$0")/lib.sh"

start_smtp_sink icalendar
export KLYNGE_SMTP_PASSWORD='Hemmelig-Kode-42'

W=$TMP/w
export KLYNGE_TODAY=2026-02-01
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 3 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Kasper Holm" --email kasper@example.dk --practice 123456 --position vikar --joined 2023-01-01
k member leave kasper@example.dk --date 2026-01-31
k role assign koordinator anne@example.dk --from 2018-11-15
k meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Østerbrohuset" \
    --start "2026-03-05 17:00" --end "19:00" --respond-by 2026-02-26 --outbox
k meeting call --type klyngemøde --title "Klyngemøde om KOL" --place "Huset" --start "2026-02-10 17:00" --end "19:00"
k meeting call --type klyngemøde --title "Klyngemøde om diabetes" --place "Huset" --start "2026-02-12 17:00" --end "19:00"
k meeting cancel 3 --reason "Aflyst pga. sne"
F=$W/documents/meetings/2026-03-05-ordinaer-generalforsamling-2026
uid=$(grep '^UID:' "$F/invitation.ics" | tr -d '\r')

# Carl joins the cluster after the notice went out.
export KLYNGE_TODAY=2026-02-09
k member add "Carl Carlsen" --email carl@example.dk --practice 123456 --position ejerlæge --joined 2026-02-09
k member add "Dorthe Dahl" --email dorthe@example.dk --practice 123456 --position ejerlæge --joined 2026-02-09
k member leave dorthe@example.dk --date 2026-02-09
k member forget dorthe@example.dk

# --- Refusals -------------------------------------------------------------------
refused "$W" 1 "Bo Østergaard is already invited to meeting #1" meeting invite 1 bo@example.dk
refused "$W" 1 "no member \"nobody@example.dk\"" meeting invite 1 nobody@example.dk
refused "$W" 1 "Kasper Holm is not a member on 2026-03-05 (joined 2023-01-01, left 2026-01-31)" meeting invite 1 kasper@example.dk
refused "$W" 1 "member #5 was forgotten" meeting invite 1 5
refused "$W" 1 "meeting #3 was cancelled on 2026-02-01" meeting invite 3 carl@example.dk
refused "$W" 1 "there is no meeting #9" meeting invite 9 carl@example.dk
refused "$W" 2 "is not a meeting number" meeting invite x carl@example.dk
refused "$W" 3 "mail.smtp_url" meeting invite 1 carl@example.dk --send
# A meeting that has taken place, or whose day is past.
export KLYNGE_TODAY=2026-02-11
refused "$W" 1 "meeting #2 was on 2026-02-10 — an invitation is for a meeting to come" meeting invite 2 carl@example.dk
k meeting attend 2 anne@example.dk
refused "$W" 1 "meeting #2 was on 2026-02-10" meeting invite 2 carl@example.dk
export KLYNGE_TODAY=2026-02-09

# --- The invitation: the same UID and SEQUENCE, Carl an ATTENDEE, in the outbox -----
in_dir "$W" meeting invite 1 carl@example.dk --outbox
expect_rc 0 "meeting invite --outbox"
expect_out "Invited Carl Carlsen to meeting #1 Ordinær generalforsamling 2026 on 2026-03-05 at 17:00" "invite note"
expect_out "outbox/indkaldelse.mbox (1 e-mail)" "one e-mail, to Carl only, added to the call's mailbox"
expect_no_out "notice" "24 days' notice is enough: no warning"
outbox_mail "$F/outbox/indkaldelse.mbox" carl@example.dk "$TMP/indkaldelse-carl@example.dk.eml" && pass || fail "Carl's invitation is in the outbox"
expect_eq "$(grep '^UID:' "$F/invitation.ics" | tr -d '\r')" "$uid" "the UID is kept"
grep -q '^SEQUENCE:0' "$F/invitation.ics" && pass || fail "the same version: SEQUENCE 0"
grep -q 'carl@example.dk' "$F/invitation.ics" && pass || fail "Carl is an ATTENDEE of the calendar file"
outbox_mail "$F/outbox/indkaldelse.mbox" carl@example.dk "$TMP/indkaldelse-carl@example.dk.eml" || fail "the message to carl@example.dk in indkaldelse.mbox"
"$PYTHON" - "$TMP/indkaldelse-carl@example.dk.eml" "$uid" <<'PY' && pass || fail "Carl's e-mail carries the same invitation with him as ATTENDEE"
import email, pathlib, sys
from email import policy
from icalendar import Calendar
msg = email.message_from_bytes(pathlib.Path(sys.argv[1]).read_bytes(), policy=policy.default)
assert msg["To"].addresses[0].addr_spec == "carl@example.dk", msg["To"]
assert msg["Subject"].startswith("Indkaldelse: Ordinær generalforsamling 2026"), msg["Subject"]
part = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
cal = Calendar.from_ical(part.get_payload(decode=True))
assert str(cal["METHOD"]) == "REQUEST", cal["METHOD"]
ev = cal.walk("VEVENT")[0]
assert "UID:" + str(ev["UID"]) == sys.argv[2], ev["UID"]
assert int(ev["SEQUENCE"]) == 0, ev["SEQUENCE"]
attendees = [str(a).lower() for a in (ev["ATTENDEE"] if isinstance(ev["ATTENDEE"], list) else [ev["ATTENDEE"]])]
assert "mailto:carl@example.dk" in attendees, attendees
assert "mailto:anne@example.dk" in attendees, attendees
PY
in_dir "$W" log
expect_out "invited Carl Carlsen to meeting #1 Ordinær generalforsamling 2026 (2026-03-05 17:00)" "the log"
refused "$W" 1 "Carl Carlsen is already invited to meeting #1" meeting invite 1 carl@example.dk

# He is an invitee like the others: answers, the count, the reminder.
in_dir "$W" meeting show 1
expect_out "Carl Carlsen" "meeting show lists Carl"
in_dir "$W" meeting list --format json
expect_out '"invited": 3' "three invitees now"
export KLYNGE_TODAY=2026-02-24
in_dir "$W" remind
expect_out "no answer from carl@example.dk" "the RSVP reminder includes Carl"
in_dir "$W" meeting rsvp 1 carl@example.dk yes --note "kommer gerne"
expect_rc 0 "Carl answers"
in_dir "$W" remind
expect_no_out "no answer from carl@example.dk" "no reminder after his answer"

# --- Over SMTP, a short notice for a general assembly is said ----------------------
sed -i "s|^# smtp_url = .*|smtp_url = \"smtp://127.0.0.1:$PORT\"|; s|^# smtp_user = .*|smtp_user = \"klynge\"|;
        s|^# smtp_starttls = true|smtp_starttls = false|; s|^# from = .*|from = \"Østerbroklyngen <klynge@example.dk>\"|" \
    "$W/klynge.toml"
export KLYNGE_TODAY=2026-02-27
k member add "Eva Eskildsen" --email eva@example.dk --practice 123456 --position ejerlæge --joined 2026-02-27
in_dir "$W" meeting invite 1 eva@example.dk --send
expect_rc 0 "meeting invite --send"
expect_out "sent to eva@example.dk" "sent to Eva"
expect_err "Eva Eskildsen gets 6 days' notice; a general assembly is called at least 14 days before (standard bylaws §4)" \
    "a short notice is said"
expect_err "the response deadline 2026-02-26 has passed" "a passed response deadline is said"
mails=$(find "$SINK/mail" -name '*.eml' | wc -l)
expect_eq "$mails" "1" "one message, to Eva only"
grep -rl "eva@example.dk" "$SINK/mail" >/dev/null && pass || fail "the server got Eva's invitation"
# The retry has nothing left for her.
in_dir "$W" meeting send 1
expect_no_out "eva@example.dk" "meeting send does not send Eva's invitation again"

# A later move sends the update to the late invitees too.
in_dir "$W" meeting move 1 --place "Lægerne Østerbrogade" --force --reason "Østerbrohuset er lukket" --outbox
expect_rc 0 "move after the invitation"
outbox_mail "$F/outbox/aendring-1.mbox" carl@example.dk "$TMP/aendring-1-carl@example.dk.eml" && pass || fail "Carl gets the update"
outbox_mail "$F/outbox/aendring-1.mbox" eva@example.dk "$TMP/aendring-1-eva@example.dk.eml" && pass || fail "Eva gets the update"

finish
