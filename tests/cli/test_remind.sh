#!/usr/bin/env bash
# klynge remind against a real SMTP server on 127.0.0.1 (tests/smtp_sink.py):
# invitees who have not answered before the response deadline and owners of
# tasks due within a week each get one reminder; a second run sends nothing;
# the roster reminder in December goes to the coordinator until the roster is
# registered; --outbox writes one mailbox (.mbox) per run; refusals change nothing.
source "$(dirname "$0")/lib.sh"

start_smtp_sink
export KLYNGE_SMTP_PASSWORD='Hemmelig-Kode-42'

W=$TMP/w
export KLYNGE_TODAY=2026-01-10
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 3 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Dorthe Dahl" --email dorthe@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k member registered --date 2025-12-10
k meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Østerbrohuset" \
    --start "2026-02-26 17:00" --end "19:00" --respond-by 2026-02-19
k meeting rsvp 1 anne@example.dk yes
k task add "Træk data om HbA1c" --owner bo@example.dk --due 2026-02-20
k task add "Book lokale til efteråret" --owner dorthe@example.dk --due 2026-06-01
mails() { find "$SINK/mail" -name '*.eml' 2>/dev/null | wc -l; }

# Nothing is due a month ahead.
in_dir "$W" remind
expect_out "No reminders are due on 2026-01-10" "nothing due yet"

export KLYNGE_TODAY=2026-02-16
in_dir "$W" remind
expect_rc 0 "remind lists"
expect_out "meeting #1 Ordinær generalforsamling 2026: no answer from bo@example.dk (respond by 2026-02-19)" "RSVP reminder to Bo"
expect_out "no answer from dorthe@example.dk" "RSVP reminder to Dorthe"
expect_no_out "no answer from anne@example.dk" "Anne answered"
expect_out "task #1 for bo@example.dk: due 2026-02-20" "task due within a week"
expect_no_out "task #2" "a task due later is not reminded"

# --send without a server: refused, nothing recorded.
refused "$W" 3 "mail.smtp_url" remind --send
sed -i "s|^# smtp_url = .*|smtp_url = \"smtp://127.0.0.1:$PORT\"|; s|^# smtp_user = .*|smtp_user = \"klynge\"|;
        s|^# smtp_starttls = true|smtp_starttls = false|; s|^# from = .*|from = \"Østerbroklyngen <klynge@example.dk>\"|" \
    "$W/klynge.toml"
in_dir "$W" --dry-run remind --send
expect_err "dry run: would send to bo@example.dk" "--dry-run says what it would send"
expect_eq "$(mails)" "0" "--dry-run sends nothing"

in_dir "$W" remind --send
expect_rc 0 "remind --send"
expect_out "Sent 3 reminders" "three reminders sent"
expect_eq "$(mails)" "3" "three messages delivered to the SMTP server"
subjects=$("$PYTHON" - "$SINK/mail" <<'PY'
import email, pathlib, sys
from email import policy
for eml in sorted(pathlib.Path(sys.argv[1]).rglob("*.eml")):
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    print(msg["To"], "|", msg["Subject"], "|", msg.get_body(("plain",)).get_content().replace("\n", " "))
PY
)
[[ "$subjects" == *"bo@example.dk"*"Påmindelse: svar senest 19. februar 2026 – Ordinær generalforsamling 2026"* ]] \
    && pass || fail "the RSVP reminder's subject: $subjects"
[[ "$subjects" == *"Påmindelse: opgave med frist 20. februar 2026"*"Træk data om HbA1c"* ]] \
    && pass || fail "the task reminder: $subjects"
[[ "$subjects" == *"ordinær generalforsamling torsdag den 26. februar 2026 kl. 17.00, Østerbrohuset"* ]] \
    && pass || fail "the reminder names the meeting's day: $subjects"

# A second run the same day, or the next, sends nothing again.
in_dir "$W" remind --send
expect_out "No reminders are due" "nothing twice"
export KLYNGE_TODAY=2026-02-17
in_dir "$W" remind --send
expect_out "No reminders are due" "nothing twice the next day"
expect_eq "$(mails)" "3" "still three messages"
# An answer after the reminder; a moved meeting (a new version) asks again.
k meeting move 1 --start "2026-02-26 18:00" --force --reason "Lokalet er optaget til kl. 18"
in_dir "$W" remind
expect_out "no answer from dorthe@example.dk" "a new invitation version is reminded again"

# --- The roster reminder in December, also when nothing changed [001 §15] -------
export KLYNGE_TODAY=2026-11-30
in_dir "$W" remind
expect_no_out "roster check" "no roster reminder in November"
export KLYNGE_TODAY=2026-12-01
in_dir "$W" remind --outbox
expect_rc 0 "remind --outbox"
expect_out "Wrote 2 reminders to documents/reminders/outbox/2026-12-01.mbox" "one mailbox for the run"
expect_eq "$(ls "$W"/documents/reminders/outbox/)" "2026-12-01.mbox" "the roster reminder in the outbox"
outbox_mail "$W/documents/reminders/outbox/2026-12-01.mbox" anne@example.dk "$TMP/roster.eml" && pass ||
    fail "the roster reminder to the coordinator, marked X-Unsent"
body=$("$PYTHON" -c 'import email, sys; from email import policy
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=policy.default)
print(m["Subject"]); print(m.get_body(("plain",)).get_content())' "$TMP/roster.eml")
[[ "$body" == *"inden 1. januar 2027 – også selv om der ikke er sket ændringer"* ]] && pass || fail "the roster reminder's text: $body"
in_dir "$W" remind
expect_no_out "roster check" "the roster reminder is made once"
export KLYNGE_TODAY=2026-12-02
k member registered --date 2026-12-02
in_dir "$W" remind
expect_no_out "roster" "no roster reminder after the registration"

finish
