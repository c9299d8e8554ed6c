#!/usr/bin/env bash
# `meeting call --send` against a real SMTP server on 127.0.0.1
# (tests/smtp_sink.py, Debian python3-aiosmtpd): every invitee receives
# exactly one message whose parts parse; a recipient the server refuses is
# reported and `meeting send` retries only that one; the password comes from
# the environment and appears nowhere in the workspace or the log; an
# unusable server or a header injection refuses the call with nothing written.
source "$(dirname "$0")/lib.sh"

start_smtp_sink icalendar

W=$TMP/w
export KLYNGE_TODAY=2026-01-10
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 4 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Carl Åberg" --email carl@example.dk --practice 123456 --position ansat --joined 2018-11-15
k member add "Dorthe Dahl" --email dorthe@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
sed -i "s|^# smtp_url = .*|smtp_url = \"smtp://127.0.0.1:$PORT\"|; s|^# smtp_user = .*|smtp_user = \"klynge\"|;
        s|^# smtp_starttls = true|smtp_starttls = false|; s|^# from = .*|from = \"Østerbroklyngen <klynge@example.dk>\"|" \
    "$W/klynge.toml"
mails() { find "$SINK/mail" -name '*.eml' 2>/dev/null | wc -l; }
CALL=(meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Østerbrohuset"
      --start "2026-02-26 17:00" --end "19:00" --respond-by 2026-02-19 --send --guest "Hanne Holm <hanne@kk.dk>")

# The password only from the environment; without it nothing happens.
unset KLYNGE_SMTP_PASSWORD
refused "$W" 3 "KLYNGE_SMTP_PASSWORD is not" "${CALL[@]}"
# A wrong password, an unreachable server: refused before anything is written.
export KLYNGE_SMTP_PASSWORD=wrong
refused "$W" 4 "cannot use the SMTP server smtp://127.0.0.1:$PORT" "${CALL[@]}"
export KLYNGE_SMTP_PASSWORD='Hemmelig-Kode-42'
sed -i "s|^smtp_url = .*|smtp_url = \"smtp://127.0.0.1:1\"|" "$W/klynge.toml"
refused "$W" 4 "cannot use the SMTP server smtp://127.0.0.1:1" "${CALL[@]}"
expect_err "nothing was sent or recorded" "the refusal says nothing happened"
sed -i "s|^smtp_url = .*|smtp_url = \"smtp://127.0.0.1:$PORT\"|" "$W/klynge.toml"
# Header injection: refused before anything is sent.
refused "$W" 2 "--guest contains a line break" meeting call --type klyngemøde --title Møde --place Y \
    --start "2026-02-26 17:00" --end 19:00 --send --guest $'Eva\r\nBcc: spy@evil.example <eva@example.dk>'
expect_eq "$(mails)" "0" "no mail before the first real call"

# One recipient refused by the server: reported, the rest sent and recorded.
echo "dorthe@example.dk" >"$SINK/refuse"
in_dir "$W" "${CALL[@]}"
expect_rc 1 "a refused recipient fails the command"
expect_err "meeting #1: not delivered to 1 of 5 invitees" "the failure is summarised"
expect_err "dorthe@example.dk: " "the refused recipient is named"
expect_err "550" "the server's answer is shown"
expect_err "klynge meeting send 1" "the retry is named"
expect_out "sent to bo@example.dk" "deliveries are reported"
expect_eq "$(mails)" "4" "four messages accepted"
in_dir "$W" meeting show 1 --format json
expect_out '"status": "indkaldt"' "the meeting is called although one delivery failed"
expect_eq "$(sqlite3 "$W/klynge.db" "SELECT delivered, count(*) FROM meeting_message GROUP BY delivered ORDER BY 1" | tr '\n' ' ')" \
    "failed|1 sent|4 " "deliveries recorded per recipient"

# The retry sends only to the one who did not get it.
: >"$SINK/refuse"
in_dir "$W" meeting send 1
expect_rc 0 "retry"
expect_out "sent to dorthe@example.dk" "the retry sends to the refused recipient"
expect_no_out "sent to bo@example.dk" "the retry does not send twice"
expect_eq "$(mails)" "5" "one more message"
in_dir "$W" meeting send 1
expect_out "nothing to send" "a second retry sends nothing"
expect_eq "$(mails)" "5" "still five messages"

# Every invitee got exactly one message, and every part of it parses.
"$PYTHON" - "$SINK/mail" <<'PY'
import collections, pathlib, sys
from email import policy
from email.parser import BytesParser
from icalendar import Calendar

failures = []
def check(cond, what):
    if not cond:
        failures.append(what)

names = {"anne@example.dk": "Anne Ærø", "bo@example.dk": "Bo Østergaard", "carl@example.dk": "Carl Åberg",
         "dorthe@example.dk": "Dorthe Dahl", "hanne@kk.dk": "Hanne Holm"}
got = collections.Counter()
for eml in sorted(pathlib.Path(sys.argv[1]).glob("*.eml")):
    rcpt = eml.with_suffix(".rcpt").read_text().split()
    check(len(rcpt) == 1, eml.name + ": one envelope recipient")
    got[rcpt[0]] += 1
    raw = eml.read_bytes()
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    check(not msg.defects, eml.name + ": defects %r" % msg.defects)
    check(str(msg["Subject"]) == "Indkaldelse: Ordinær generalforsamling 2026 torsdag den 26. februar 2026",
          eml.name + ": Subject %r" % str(msg["Subject"]))
    check(msg["From"].addresses[0].addr_spec == "klynge@example.dk", eml.name + ": From")
    check(msg["From"].addresses[0].display_name == "Østerbroklyngen", eml.name + ": From name")
    to = msg["To"].addresses[0]
    check(to.addr_spec == rcpt[0] and to.display_name == names[rcpt[0]], eml.name + ": To %r" % str(msg["To"]))
    check(msg["Message-ID"] and msg["Date"], eml.name + ": Message-ID and Date")
    check(b"Bcc" not in raw.split(b"\r\n\r\n")[0], eml.name + ": no Bcc header")
    check(msg.get_content_type() == "multipart/mixed", eml.name + ": multipart/mixed")
    types = [p.get_content_type() for p in msg.walk()]
    check(types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics"],
          eml.name + ": parts %r" % types)
    for part in msg.walk():
        if part.is_multipart():
            continue
        check(not part.defects, eml.name + ": part defects %r" % part.defects)
        if part.get_content_type() == "text/plain":
            text = part.get_content()
            check(text.startswith("Kære " + names[rcpt[0]]), eml.name + ": greeting %r" % text[:40])
            check("7. Eventuelt" in text, eml.name + ": the agenda in the notice")
            check("**" not in text and "# " not in text, eml.name + ": no Markdown in the plain text")
            check("Hemmelig" not in text, eml.name + ": the password leaked")
        if part.get_content_type() == "text/html":
            page = part.get_content()
            check("<h2>Dagsorden</h2>" in page and "<strong>Tid:</strong>" in page, eml.name + ": the HTML part")
        if part.get_content_type() == "text/calendar":
            check(part.get_param("method") == "REQUEST", eml.name + ": method=REQUEST")
            cal = Calendar.from_ical(part.get_payload(decode=True))
            ev = cal.walk("VEVENT")[0]
            check(str(cal["METHOD"]) == "REQUEST", eml.name + ": METHOD")
            check(ev.decoded("DTSTART").strftime("%Y-%m-%d %H:%M %z") == "2026-02-26 17:00 +0100", eml.name + ": DTSTART")
            attendees = ev["ATTENDEE"] if isinstance(ev["ATTENDEE"], list) else [ev["ATTENDEE"]]
            check(len(attendees) == 5, eml.name + ": attendees")
        if part.get_content_type() == "application/ics":
            check(part.get_filename() == "invitation.ics", eml.name + ": attachment name")
check(dict(got) == {a: 1 for a in names}, "each invitee exactly once: %r" % dict(got))
for f in failures:
    print("FAIL: " + f, file=sys.stderr)
sys.exit(1 if failures else 0)
PY
[ $? -eq 0 ] && pass || fail "every invitee received exactly one message whose parts parse"

# The password is nowhere in the workspace or the log.
in_dir "$W" log
expect_no_out "Hemmelig" "the password is not in the log"
if grep -rqa "Hemmelig-Kode-42" "$W"; then fail "the password is in the workspace"; else pass; fi

# Cancelling sends a CANCEL to everyone, including the one refused before.
in_dir "$W" meeting cancel 1 --reason "Aflyst pga. sne" --send
expect_rc 0 "cancel --send"
expect_eq "$(mails)" "10" "five cancellations"
"$PYTHON" - "$SINK/mail" <<'PY'
import pathlib, sys
from email import policy
from email.parser import BytesParser
from icalendar import Calendar
bad = 0
for eml in sorted(pathlib.Path(sys.argv[1]).glob("*.eml"))[5:]:
    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    cal = [p for p in msg.walk() if p.get_content_type() == "text/calendar"][0]
    ev = Calendar.from_ical(cal.get_payload(decode=True)).walk("VEVENT")[0]
    ok = (cal.get_param("method") == "CANCEL" and int(ev["SEQUENCE"]) == 1 and str(ev["STATUS"]) == "CANCELLED"
          and str(msg["Subject"]).startswith("Aflyst: "))
    if not ok:
        print("FAIL: %s is not a cancellation" % eml.name, file=sys.stderr)
        bad += 1
sys.exit(bad)
PY
[ $? -eq 0 ] && pass || fail "the cancellations are METHOD:CANCEL with SEQUENCE 1"
in_dir "$W" meeting send 1
expect_out "nothing to send" "the cancellation went to everyone"

finish
