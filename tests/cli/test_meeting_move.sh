#!/usr/bin/env bash
# klynge meeting move: the same UID with SEQUENCE + 1 (an RFC 5546 REQUEST
# update) that libical and python3-icalendar read with the new times; the
# answers kept; the agenda made again for the new date; the notice rule
# checked again for a general assembly (refused, or --force --reason); the
# refusals leave the workspace byte-for-byte unchanged.
source "$(dirname "$0")/lib.sh"

PYTHON=${KLYNGE_TEST_PYTHON:-/usr/bin/python3}
pkg-config --exists libical || { echo "FAIL: libical-dev is missing (pkg-config libical) — apt-get install libical-dev" >&2; exit 1; }
"$PYTHON" -c 'import icalendar' 2>/dev/null ||
    { echo "FAIL: $PYTHON cannot import icalendar — apt-get install python3-icalendar" >&2; exit 1; }
# shellcheck disable=SC2046
cc -o "$TMP/ics_validate" "$KLYNGE_SOURCE/tests/ics_validate.c" $(pkg-config --cflags --libs libical) ||
    { echo "FAIL: cannot compile tests/ics_validate.c against libical" >&2; exit 1; }

W=$TMP/w
export KLYNGE_TODAY=2026-02-01
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 3 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Huset" \
    --start "2026-03-05 17:00" --end "19:00" --respond-by 2026-02-26 --outbox
k meeting call --type klyngemøde --title "Klyngemøde om KOL" --place "Huset" --start "2026-04-14 17:00" --end "19:30"
k meeting rsvp 1 bo@example.dk yes --note "vegetar"
F=$W/documents/meetings/2026-03-05-ordinaer-generalforsamling-2026
uid=$(grep '^UID:' "$F/invitation.ics" | tr -d '\r')

# --- Refusals -----------------------------------------------------------------
refused "$W" 1 "the new notice is 9 days but a general assembly needs at least 14" meeting move 1 --start "2026-02-10 17:00"
refused "$W" 2 "nothing to move" meeting move 1
refused "$W" 2 "is in the past" meeting move 1 --start "2026-01-20 17:00"
refused "$W" 2 "the response deadline 2026-02-26 is not between" meeting move 1 --start "2026-02-20 17:00"
refused "$W" 2 "--end 2026-03-12 16:00 is not after --start" meeting move 1 --start "2026-03-12 17:00" --end 16:00
refused "$W" 2 "--force and --reason go together" meeting move 1 --start "2026-03-12 17:00" --force
refused "$W" 1 "there is no meeting #9" meeting move 9 --place X

# --- A move: same UID, SEQUENCE 1, new times, answers kept ---------------------
in_dir "$W" meeting move 1 --start "2026-03-12 18:00" --place "Østerbrohuset, sal 2" --outbox
expect_rc 0 "meeting move"
expect_out "Moved meeting #1 Ordinær generalforsamling 2026 to 2026-03-12 at 18:00, Østerbrohuset, sal 2 (invitation version 1)" "move note"
expect_out "the answers given so far are kept" "a new date asks again"
expect_eq "$(grep '^UID:' "$F/invitation.ics" | tr -d '\r')" "$uid" "the UID is kept"
grep -q '^SEQUENCE:1' "$F/invitation.ics" && pass || fail "SEQUENCE 1"
grep -q '^DTEND;TZID=Europe/Copenhagen:20260312T200000' "$F/invitation.ics" && pass || fail "the meeting keeps its two hours"
grep -q "torsdag den 12. marts 2026" "$F/dagsorden.md" && pass || fail "the agenda names the new day"
grep -q "Østerbrohuset, sal 2" "$F/indkaldelse.md" && pass || fail "the notice names the new place"
outbox_mail "$F/outbox/aendring-1.mbox" bo@example.dk "$TMP/aendring-1-bo@example.dk.eml" && pass || fail "the update is in the outbox"
outbox_mail "$F/outbox/aendring-1.mbox" bo@example.dk "$TMP/aendring-1-bo@example.dk.eml" || fail "the message to bo@example.dk in aendring-1.mbox"
grep -q "^Subject: =?UTF-8?\|^Subject: Ændret" "$TMP/aendring-1-bo@example.dk.eml" && pass || fail "the update's subject"
in_dir "$W" meeting list --format json
expect_out '"sequence": 1' "meeting list shows the sequence"
in_dir "$W" meeting show 1
expect_out "vegetar" "the answers are kept"
in_dir "$W" log
expect_out "moved meeting #1 Ordinær generalforsamling 2026 from 2026-03-05 17:00 (Huset) to 2026-03-12 18:00" "the log"

# A short notice only with --force --reason, recorded for the minutes.
in_dir "$W" meeting move 1 --start "2026-02-12 17:00" --respond-by 2026-02-08 --force --reason "Lokalet er lukket i marts"
expect_rc 0 "move with --force"
expect_out "forced past: the new notice is 11 days" "forced past"
grep -q '^SEQUENCE:2' "$F/invitation.ics" && pass || fail "SEQUENCE 2 after the second move"
# A klyngemøde has no notice rule; only the place changes.
in_dir "$W" meeting move 2 --place "Lægerne Østerbrogade"
expect_rc 0 "move the place only"
expect_no_out "the answers given so far" "the same day does not ask again"

# --- The calendar files pass libical and python3-icalendar -----------------------
mkdir -p "$TMP/parts"
outbox_mail "$F/outbox/aendring-1.mbox" bo@example.dk "$TMP/aendring-1-bo@example.dk.eml" || fail "the message to bo@example.dk in aendring-1.mbox"
"$PYTHON" - "$TMP/aendring-1-bo@example.dk.eml" "$TMP/parts/update.ics" <<'PY' || fail "extracting the update's calendar part"
import email, pathlib, sys
from email import policy
msg = email.message_from_bytes(pathlib.Path(sys.argv[1]).read_bytes(), policy=policy.default)
parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
assert parts, "no text/calendar part"
pathlib.Path(sys.argv[2]).write_bytes(parts[0].get_payload(decode=True))
PY
OUT=$("$TMP/ics_validate" "$F/invitation.ics" "$TMP/parts/update.ics" 2>"$CAPTURE/stderr"); RC=$?
ERR=$(cat "$CAPTURE/stderr")
expect_rc 0 "libical parses the moved invitations and icalrestriction_check passes"
[[ "$OUT" == *"invitation.ics REQUEST ${uid#UID:} 2 2026-02-12T16:00:00Z 2026-02-12T18:00:00Z"* ]] && pass || fail "libical: the file after two moves: $OUT"
[[ "$OUT" == *"update.ics REQUEST ${uid#UID:} 1 2026-03-12T17:00:00Z 2026-03-12T19:00:00Z"* ]] && pass || fail "libical: the first update: $OUT"
"$PYTHON" - "$TMP/parts/update.ics" "$uid" <<'PY' && pass || fail "python3-icalendar reads the update"
import sys
from datetime import timedelta
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
assert str(cal["METHOD"]) == "REQUEST", cal["METHOD"]
ev = cal.walk("VEVENT")[0]
assert "UID:" + str(ev["UID"]) == sys.argv[2], ev["UID"]
assert int(ev["SEQUENCE"]) == 1, ev["SEQUENCE"]
start = ev.decoded("DTSTART")
assert start.strftime("%Y-%m-%d %H:%M") == "2026-03-12 18:00", start
assert start.utcoffset() == timedelta(hours=1), start.utcoffset()
assert str(ev["LOCATION"]) == "Østerbrohuset, sal 2", ev["LOCATION"]
PY

# --- A held meeting cannot be moved -----------------------------------------------
export KLYNGE_TODAY=2026-04-14
k meeting attend 2 anne@example.dk bo@example.dk
refused "$W" 1 "a meeting that has taken place cannot be moved" meeting move 2 --start "2026-05-01 17:00"

finish
