#!/usr/bin/env bash
# Every calendar file klynge writes — invitation.ics, aflysning.ics and the
# text/calendar part of each e-mail — passes libical's parser and RFC 5546
# restriction check (tests/ics_validate.c) and is read by python3-icalendar
# with the right local time and UTC offset across the DST switches
# (meetings on 2026-03-29 and 2026-10-25, and an internat across the night).
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
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 3 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo \"Bassen\" Østergaard, læge" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Carl Åberg" --email carl@example.dk --practice 123456 --position ansat --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15

# id | start | end | expected UTC start | expected UTC end
k meeting call --type klyngemøde --title "Forårsmøde; KOL, astma & \"spirometri\"" --place "Lægehuset, 1. sal" \
    --start "2026-03-29 10:00" --end "12:00" --outbox --guest "Hanne Holm <hanne@kk.dk>"
k meeting call --type klyngemøde --title "Efterårsmøde" --place "Østerbrohuset" \
    --start "2026-10-25 10:00" --end "12:00" --outbox
k meeting call --type internat --title "Internat over omstillingen til vintertid" --place "Kroen" \
    --start "2026-10-24 16:00" --end "2026-10-25 14:00" --outbox
k meeting call --type klyngemøde --title "Natten til sommertid" --place "Vagten" \
    --start "2026-03-28 22:00" --end "2026-03-29 04:00" --outbox
k meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Østerbrohuset" \
    --start "2026-02-26 17:00" --end "19:00" --respond-by 2026-02-19 --outbox
k meeting cancel 2 --reason "Aflyst, pga. sne; beklager" --outbox

# Every calendar file, and every text/calendar part of every e-mail.
mapfile -t icsFiles < <(find "$W/documents/meetings" -name '*.ics' | sort)
expect_eq "${#icsFiles[@]}" "6" "five invitations and one cancellation"
mkdir -p "$TMP/parts"
"$PYTHON" - "$W/documents/meetings" "$TMP/parts" <<'PY' || fail "extracting calendar parts from the e-mails"
import email, mailbox, pathlib, sys
from email import policy
n = 0
# The outbox: one mailbox per action (issue 15), every message in it.
raws = [box.get_bytes(k) for f in sorted(pathlib.Path(sys.argv[1]).glob("*/outbox/*.mbox"))
        for box in [mailbox.mbox(f, create=False)] for k in box.keys()]
assert raws, "no messages in the outboxes"
for raw in raws:
    msg = email.message_from_bytes(raw, policy=policy.default)
    for part in msg.walk():
        if part.get_content_type() in ("text/calendar", "application/ics"):
            n += 1
            pathlib.Path(sys.argv[2], "%03d.ics" % n).write_bytes(part.get_payload(decode=True))

PY
mapfile -t partFiles < <(find "$TMP/parts" -name '*.ics' | sort)
# 4 invitees (+1 guest) for #1, 3 each for the others; two parts (inline + attachment) per message.
expect_eq "${#partFiles[@]}" "$(( (4 + 3 + 3 + 3 + 3 + 3) * 2 ))" "two calendar parts per e-mail"

OUT=$("$TMP/ics_validate" "${icsFiles[@]}" "${partFiles[@]}" 2>"$CAPTURE/stderr"); RC=$?
ERR=$(cat "$CAPTURE/stderr")
expect_rc 0 "libical parses every calendar file and icalrestriction_check passes"
expect_eq "$(wc -l <<<"$OUT")" "$(( ${#icsFiles[@]} + ${#partFiles[@]} ))" "one VEVENT in each file"
# UTC instants computed by libical from klynge's own VTIMEZONE.
check_utc() { # FILE-SUFFIX METHOD SEQUENCE START_UTC END_UTC
    local line
    line=$(grep -- "$1 " <<<"$OUT")
    [[ "$line" == *" $2 "*" $3 $4 $5" ]] && pass || fail "libical: $1 should be $2 seq $3 $4 – $5, got '$line'"
}
check_utc 2026-03-29-foraarsmoede-kol-astma-spirometri/invitation.ics REQUEST 0 2026-03-29T08:00:00Z 2026-03-29T10:00:00Z
check_utc 2026-10-25-efteraarsmoede/invitation.ics REQUEST 0 2026-10-25T09:00:00Z 2026-10-25T11:00:00Z
check_utc 2026-10-25-efteraarsmoede/aflysning.ics CANCEL 1 2026-10-25T09:00:00Z 2026-10-25T11:00:00Z
check_utc 2026-10-24-internat-over-omstillingen-til-vintertid/invitation.ics REQUEST 0 2026-10-24T14:00:00Z 2026-10-25T13:00:00Z
check_utc 2026-03-28-natten-til-sommertid/invitation.ics REQUEST 0 2026-03-28T21:00:00Z 2026-03-29T02:00:00Z
check_utc 2026-02-26-ordinaer-generalforsamling-2026/invitation.ics REQUEST 0 2026-02-26T16:00:00Z 2026-02-26T18:00:00Z
# klynge's own UTC (meeting list --format json) agrees with libical.
in_dir "$W" meeting list --format json
expect_out '"start_utc": "2026-10-24T14:00:00Z"' "klynge's UTC for the internat"
expect_out '"end_utc": "2026-03-29T02:00:00Z"' "klynge's UTC across spring-forward"

# A broken file is caught: the check can fail.
grep -v '^ORGANIZER' "${icsFiles[0]}" >"$TMP/broken.ics"
"$TMP/ics_validate" "$TMP/broken.ics" >/dev/null 2>&1 && fail "ics_validate accepts an invitation without ORGANIZER" || pass

# python3-icalendar: local times, offsets, method, attendees, text.
"$PYTHON" - "$W/documents/meetings" "${partFiles[@]}" <<'PY'
import pathlib, sys
from datetime import datetime, timedelta, timezone
from icalendar import Calendar

root = pathlib.Path(sys.argv[1])
failures = []
def check(cond, what):
    if not cond:
        failures.append(what)

expected = {
    # folder/file: (method, sequence, local start, local end, UTC offset of start, of end, summary, attendees)
    "2026-03-29-foraarsmoede-kol-astma-spirometri/invitation.ics":
        ("REQUEST", 0, "2026-03-29 10:00", "2026-03-29 12:00", 2, 2, 'Forårsmøde; KOL, astma & "spirometri"', 4),
    "2026-10-25-efteraarsmoede/invitation.ics":
        ("REQUEST", 0, "2026-10-25 10:00", "2026-10-25 12:00", 1, 1, "Efterårsmøde", 3),
    "2026-10-25-efteraarsmoede/aflysning.ics":
        ("CANCEL", 1, "2026-10-25 10:00", "2026-10-25 12:00", 1, 1, "Efterårsmøde", 3),
    "2026-10-24-internat-over-omstillingen-til-vintertid/invitation.ics":
        ("REQUEST", 0, "2026-10-24 16:00", "2026-10-25 14:00", 2, 1, "Internat over omstillingen til vintertid", 3),
    "2026-03-28-natten-til-sommertid/invitation.ics":
        ("REQUEST", 0, "2026-03-28 22:00", "2026-03-29 04:00", 1, 2, "Natten til sommertid", 3),
    "2026-02-26-ordinaer-generalforsamling-2026/invitation.ics":
        ("REQUEST", 0, "2026-02-26 17:00", "2026-02-26 19:00", 1, 1, "Ordinær generalforsamling 2026", 3),
}
for name, (method, seq, start, end, off_start, off_end, summary, attendees) in expected.items():
    data = (root / name).read_bytes()
    check(b"\n" not in data.replace(b"\r\n", b""), name + ": a line does not end in CRLF")
    check(all(len(line) <= 75 for line in data.split(b"\r\n")), name + ": a line is longer than 75 octets")
    cal = Calendar.from_ical(data)
    check(str(cal["METHOD"]) == method, name + ": METHOD")
    tzs = [c for c in cal.walk("VTIMEZONE")]
    check(len(tzs) == 1 and str(tzs[0]["TZID"]) == "Europe/Copenhagen", name + ": VTIMEZONE Europe/Copenhagen")
    ev = cal.walk("VEVENT")[0]
    check(int(ev["SEQUENCE"]) == seq, name + ": SEQUENCE")
    check(str(ev["SUMMARY"]) == summary, name + ": SUMMARY %r" % str(ev["SUMMARY"]))
    for key, local, offset in (("DTSTART", start, off_start), ("DTEND", end, off_end)):
        prop = ev[key]
        check(prop.params.get("TZID") == "Europe/Copenhagen", name + ": " + key + " TZID")
        dt = ev.decoded(key)
        check(dt.strftime("%Y-%m-%d %H:%M") == local, "%s: %s is %s, expected %s" % (name, key, dt, local))
        check(dt.utcoffset() == timedelta(hours=offset),
              "%s: %s offset %s, expected +%d:00" % (name, key, dt.utcoffset(), offset))
    att = ev.get("ATTENDEE")
    att = att if isinstance(att, list) else [att]
    check(len(att) == attendees, name + ": %d attendees" % len(att))
    check(str(ev["ORGANIZER"]) == "mailto:anne@example.dk", name + ": ORGANIZER")
    for a in att:
        if method == "REQUEST":
            check(a.params.get("RSVP") == "TRUE", name + ": ATTENDEE without RSVP=TRUE")
    if method == "CANCEL":
        check(str(ev["STATUS"]) == "CANCELLED", name + ": STATUS")
        check("Aflyst, pga. sne; beklager" in str(ev["DESCRIPTION"]), name + ": DESCRIPTION unescaped")
    if "foraarsmoede" in name:
        check(str(ev["LOCATION"]) == "Lægehuset, 1. sal", name + ": LOCATION unescaped")
        names = sorted(str(a.params.get("CN")) for a in att)
        check("Bo 'Bassen' Østergaard, læge" in names, name + ": CN with a comma and quotes %r" % names)
    uid = str(ev["UID"])
    check("@" in uid, name + ": UID")

# The same invitation in every e-mail: the parts parse too, and agree on the UID.
uids = set()
for part in sys.argv[2:]:
    cal = Calendar.from_ical(pathlib.Path(part).read_bytes())
    ev = cal.walk("VEVENT")[0]
    uids.add(str(ev["UID"]))
    check(ev.decoded("DTSTART").utcoffset() in (timedelta(hours=1), timedelta(hours=2)), part + ": offset")
check(len(uids) == 5, "five meetings, five UIDs in the e-mails, got %d" % len(uids))

for f in failures:
    print("FAIL: python3-icalendar: " + f, file=sys.stderr)
sys.exit(1 if failures else 0)
PY
[ $? -eq 0 ] && pass || fail "python3-icalendar reads every calendar file with the right local time"

finish
