#!/usr/bin/env bash
# --outbox writes one mailbox per meeting action (issue 15 §4):
# documents/meetings/<folder>/outbox/<kind>.mbox, mboxrd, each message marked
# X-Unsent: 1 so a mail program opens it as a draft, the message itself as it
# would be sent; writing the same version again replaces, never doubles.
source "$(dirname "$0")/lib.sh"

PYTHON=${KLYNGE_TEST_PYTHON:-/usr/bin/python3}
W=$TMP/w
export KLYNGE_TODAY=2026-01-10
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 3 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
F=$W/documents/meetings/2026-03-10-klyngemoede-om-kol/outbox
# count MBOX : the messages in a mailbox, each checked to be a draft that parses without defects.
count() {
    "$PYTHON" - "$1" <<'PY'
import mailbox, sys
from email import policy
from email.parser import BytesParser
box = mailbox.mbox(sys.argv[1], create=False)
for key in box.keys():
    raw = box.get_bytes(key)
    assert raw.startswith(b"X-Unsent: 1\r\n"), raw[:80]
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert not msg.defects, msg.defects
    assert msg["Message-ID"] and msg["To"], msg["To"]
print(len(box))
PY
}

in_dir "$W" meeting call --type klyngemøde --title "Klyngemøde om KOL" --place Huset --start "2026-03-10 17:00" \
    --end 19:00 --guest "Hanne Holm <hanne@kk.dk>" --outbox
expect_rc 0 "meeting call --outbox"
expect_out "documents/meetings/2026-03-10-klyngemoede-om-kol/outbox/indkaldelse.mbox (3 e-mails)" "one mailbox, three e-mails"
expect_eq "$(ls "$F")" "indkaldelse.mbox" "no loose .eml files"
expect_eq "$(count "$F/indkaldelse.mbox")" "3" "three drafts in the mailbox"
expect_eq "$(grep -c '^From anne@example.dk ' "$F/indkaldelse.mbox")" "3" "each behind its From_ line"
# The message is the one --send would hand the SMTP server.
outbox_mail "$F/indkaldelse.mbox" hanne@kk.dk "$TMP/hanne.eml" && pass || fail "the guest's message"
grep -q "^Subject: Indkaldelse: Klyngem=\|^Subject: =?UTF-8?" "$TMP/hanne.eml" && pass || fail "the subject as before"
# Again: the same version replaces, not doubles.
in_dir "$W" meeting send 1 --outbox
expect_out "indkaldelse.mbox (3 e-mails)" "send --outbox writes the mailbox again"
expect_eq "$(count "$F/indkaldelse.mbox")" "3" "still three, not six"
# Each action its own mailbox.
in_dir "$W" meeting move 1 --place "Østerbrohuset" --outbox
expect_out "outbox/aendring-1.mbox (3 e-mails)" "the move's mailbox"
in_dir "$W" meeting cancel 1 --reason "For få tilmeldte" --outbox
expect_out "outbox/aflysning.mbox (3 e-mails)" "the cancellation's mailbox"
expect_eq "$(ls "$F" | tr '\n' ' ')" "aendring-1.mbox aflysning.mbox indkaldelse.mbox " "one mailbox per action"
expect_eq "$(count "$F/aflysning.mbox")" "3" "the cancellations"
in_dir "$W" log
expect_out "cancelled meeting #1" "the log"

finish
