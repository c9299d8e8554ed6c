#!/usr/bin/env bash
# klynge meeting call --host PRACTICE --link URL (issue 15 §4): the practice a
# meeting is delegated to [002] and the link of a virtual or hybrid meeting
# [001 §20–23] are kept with the meeting, printed in the notice, the e-mail,
# the .ics (URL and DESCRIPTION, which libical and python3-icalendar read)
# and meeting show; bad values are refused with the workspace unchanged.
source "$(dirname "$0")/lib.sh"

PYTHON=${KLYNGE_TEST_PYTHON:-/usr/bin/python3}
pkg-config --exists libical || { echo "FAIL: libical-dev is missing (pkg-config libical) — apt-get install libical-dev" >&2; exit 1; }
"$PYTHON" -c 'import icalendar' 2>/dev/null ||
    { echo "FAIL: $PYTHON cannot import icalendar — apt-get install python3-icalendar" >&2; exit 1; }
# shellcheck disable=SC2046
cc -o "$TMP/ics_validate" "$KLYNGE_SOURCE/tests/ics_validate.c" $(pkg-config --cflags --libs libical) ||
    { echo "FAIL: cannot compile tests/ics_validate.c against libical" >&2; exit 1; }

W=$TMP/w
export KLYNGE_TODAY=2026-01-10
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 1 --as-of 2025-01-01 --joined 2018-11-15
k practice add 234567 --name "Lægehuset Ryparken" --patients 9000 --capacities 1 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 234567 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k practice leave 234567 --date 2026-03-31
CALL=(meeting call --type klyngemøde --title "Klyngemøde om KOL" --place "Lægerne Østerbrogade og online"
      --start "2026-03-10 17:00" --end "19:00" --respond-by 2026-03-03)
LINK='https://meet.example.dk/klynge/kol-2026?pwd=Ab12&lang=da'

# --- Refusals ---------------------------------------------------------------------
refused "$W" 1 '--host "Lægehuset Nørrebro" is not a practice of the cluster' "${CALL[@]}" --host "Lægehuset Nørrebro"
refused "$W" 1 '--host "999999" is not a practice of the cluster' "${CALL[@]}" --host 999999
refused "$W" 2 "ydernummer" "${CALL[@]}" --host 12345
refused "$W" 1 "Lægehuset Ryparken is not in the cluster on 2026-04-14" meeting call --type klyngemøde --title Møde \
    --place Huset --start "2026-04-14 17:00" --end 19:00 --host 234567
refused "$W" 2 "is not a web address" "${CALL[@]}" --link "meet.example.dk/kol"
refused "$W" 2 "is not a web address" "${CALL[@]}" --link "ftp://meet.example.dk/kol"
refused "$W" 2 "names no host" "${CALL[@]}" --link "https://"
refused "$W" 2 "holds a space" "${CALL[@]}" --link "https://meet.example.dk/kol 2026"
refused "$W" 2 "--host contains a line break" "${CALL[@]}" --host $'Lægerne\nØsterbrogade'

# --- A hybrid meeting at a host practice ------------------------------------------
in_dir "$W" "${CALL[@]}" --host "lægerne østerbrogade" --link "$LINK" --outbox
expect_rc 0 "meeting call --host --link"
F=$W/documents/meetings/2026-03-10-klyngemoede-om-kol
grep -qxF -- "- **Arrangerende praksis:** Lægerne Østerbrogade" "$F/indkaldelse.md" && pass || fail "the notice names the host"
grep -qxF -- "- **Link til mødet:** $LINK" "$F/indkaldelse.md" && pass || fail "the notice has the link"
grep -qxF "URL:$LINK" <(tr -d '\r' <"$F/invitation.ics") && pass || fail "the .ics has URL"
in_dir "$W" meeting show 1
expect_out "Host:       Lægerne Østerbrogade (ydernummer 123456)" "meeting show: the host"
expect_out "Link:       $LINK" "meeting show: the link"
in_dir "$W" meeting show 1 --format json
expect_out '"ydernummer": "123456"' "JSON: the host's ydernummer"
expect_out "\"link\": \"$LINK\"" "JSON: the link"
# By ydernummer too; a meeting without them has neither line.
in_dir "$W" meeting call --type klyngemøde --title "Klyngemøde om demens" --place "Lægehuset Ryparken" \
    --start "2026-03-24 17:00" --end 19:00 --host 234567
expect_rc 0 "--host by ydernummer"
in_dir "$W" meeting show 2
expect_out "Host:       Lægehuset Ryparken (ydernummer 234567)" "the host by ydernummer"
expect_no_out "Link:" "no link line without --link"
in_dir "$W" meeting call --type klyngemøde --title "Klyngemøde om astma" --place Huset --start "2026-03-31 17:00" --end 19:00
grep -q "Arrangerende praksis\|Link til mødet" "$W/documents/meetings/2026-03-31-klyngemoede-om-astma/indkaldelse.md" &&
    fail "a notice without host or link has neither line" || pass

# --- The e-mail: plain text and HTML with the link; the calendar part parses ------
MAIL=$TMP/indkaldelse-bo@example.dk.eml
outbox_mail "$F/outbox/indkaldelse.mbox" bo@example.dk "$MAIL" || fail "the message to Bo in indkaldelse.mbox"
"$PYTHON" - "$MAIL" "$LINK" "$TMP/part.ics" <<'PY' && pass || fail "the e-mail carries the link in every part"
import email, pathlib, sys
from email import policy
msg = email.message_from_bytes(pathlib.Path(sys.argv[1]).read_bytes(), policy=policy.default)
link = sys.argv[2]
text = [p for p in msg.walk() if p.get_content_type() == "text/plain"][0].get_content()
assert "Du kan deltage online via " + link in text, text[:800]
assert "Arrangerende praksis: Lægerne Østerbrogade" in text, text[:1500]
html = [p for p in msg.walk() if p.get_content_type() == "text/html"][0].get_content()
assert link.replace("&", "&amp;") in html, html[:800]
assert "<a href=\"" + link.replace("&", "&amp;") + "\">" in html, html[:1500]
cal = [p for p in msg.walk() if p.get_content_type() == "text/calendar"][0]
pathlib.Path(sys.argv[3]).write_bytes(cal.get_payload(decode=True))
PY
OUT=$("$TMP/ics_validate" "$F/invitation.ics" "$TMP/part.ics" 2>"$CAPTURE/stderr"); RC=$?
ERR=$(cat "$CAPTURE/stderr")
expect_rc 0 "libical parses the invitation with URL"
"$PYTHON" - "$F/invitation.ics" "$LINK" <<'PY' && pass || fail "python3-icalendar reads URL and DESCRIPTION"
import sys
from icalendar import Calendar
ev = Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT")[0]
assert str(ev["URL"]) == sys.argv[2], ev["URL"]
assert "Link til mødet: " + sys.argv[2] in str(ev["DESCRIPTION"]), ev["DESCRIPTION"]
assert "Arrangerende praksis: Lægerne Østerbrogade" in str(ev["DESCRIPTION"]), ev["DESCRIPTION"]
PY

# --- meeting move --host --link: a new host and link, in the updated invitation ---
LINK2='https://meet.example.dk/klynge/kol-ny'
refused "$W" 1 '--host "Lægehuset Nørrebro" is not a practice of the cluster' meeting move 1 --host "Lægehuset Nørrebro"
refused "$W" 2 "is not a web address" meeting move 1 --link "meet.example.dk/kol"
# Meeting 2's host leaves the cluster on 31 March: not a host after that day.
refused "$W" 1 "Lægehuset Ryparken is not in the cluster on 2026-04-14" meeting move 2 --start "2026-04-14 17:00"
refused "$W" 1 "Lægehuset Ryparken is not in the cluster on 2026-04-14" \
    meeting move 1 --start "2026-04-14 17:00" --respond-by 2026-04-07 --host 234567
in_dir "$W" meeting move 1 --host 234567 --link "$LINK2" --outbox
expect_rc 0 "meeting move --host --link"
in_dir "$W" meeting show 1
expect_out "Host:       Lægehuset Ryparken (ydernummer 234567)" "meeting show: the new host"
expect_out "Link:       $LINK2" "meeting show: the new link"
grep -qxF -- "- **Arrangerende praksis:** Lægehuset Ryparken" "$F/indkaldelse.md" && pass || fail "the notice names the new host"
grep -qxF -- "- **Link til mødet:** $LINK2" "$F/indkaldelse.md" && pass || fail "the notice has the new link"
"$PYTHON" - "$F/invitation.ics" "$LINK2" <<'PY' && pass || fail "the updated invitation has the new URL, SEQUENCE 1"
import sys
from icalendar import Calendar
ev = Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT")[0]
assert str(ev["URL"]) == sys.argv[2], ev["URL"]
assert int(ev["SEQUENCE"]) == 1, ev["SEQUENCE"]
assert "Arrangerende praksis: Lægehuset Ryparken" in str(ev["DESCRIPTION"]), ev["DESCRIPTION"]
PY

finish
