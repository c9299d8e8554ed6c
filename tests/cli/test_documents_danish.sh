#!/usr/bin/env bash
# Every document of the demo reads as Danish (DANISH.md rule 1): no English
# words, no setting names, no program name or command lines in the notices,
# agendas, minutes, bylaws, accounts, KiAP sheet, calendars and e-mails.
# Beyond the demo, the meetings the demo has not got: a general assembly
# called with --force, an internat over two days, a cancellation and a
# custom --agenda FILE.
source "$(dirname "$0")/lib.sh"

# The municipality is one of the 98: a typing error gets a did-you-mean, a
# one-line error, exit 2 and no workspace.
mkdir -p "$TMP/m"
refused "$TMP/m" 2 '--municipality "Kobenhvn" is not a Danish municipality — did you mean København?' \
    init x --name X --cvr 12345674 --municipality Kobenhvn --region Hovedstaden
expect_eq "$(wc -l <<<"$ERR")" "1" "one line"
[ ! -e "$TMP/m/x" ] && pass || fail "a refused init left a workspace"
refused "$TMP/m" 2 "give one of the 98 by name" init x --name X --cvr 12345674 --municipality Atlantis --region Hovedstaden
in_dir "$TMP/m" init x --name X --cvr 12345674 --municipality "københavns kommune" --region Hovedstaden
expect_rc 0 "the official name in any case is accepted"
grep -qx 'municipality = "København"' "$TMP/m/x/klynge.toml" && pass || fail "klynge.toml holds the short name"
in_dir "$TMP/m/x" check
expect_no_out "cluster.municipality" "a known municipality: no warning"
sed -i 's/^municipality = .*/municipality = "Kobenhavn"/' "$TMP/m/x/klynge.toml"
in_dir "$TMP/m/x" check
expect_out 'cluster.municipality "Kobenhavn" in klynge.toml is not a Danish municipality — did you mean København?' \
    "check warns of a municipality not in the table"

OUT=$(bash "$KLYNGE_SOURCE/examples/demo.sh" "$KLYNGE" "$TMP/demo" 2>&1); RC=$?
expect_rc 0 "examples/demo.sh"
W=$TMP/demo/oesterbro
export KLYNGE_TODAY=2026-01-10
in_dir "$W" meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" \
    --start "2026-01-17 17:00" --end "19:00" --place "Østerbrohuset, sal 2" --outbox \
    --force --reason "Salen var kun ledig denne dag"
expect_rc 0 "a forced general assembly"
in_dir "$W" meeting call --type internat --title "Internat om diabetes" --start "2026-05-15 09:00" \
    --end "2026-05-16 16:00" --place "Hotel Marina, Vedbæk" --outbox
expect_rc 0 "an internat over two days"
printf '1. Velkomst\n2. Diabetes: status og næste skridt\n3. Eventuelt\n' >"$TMP/agenda.md"
in_dir "$W" meeting call --type klyngemøde --title "Klyngemøde om diabetes" --start "2026-02-20 17:00" \
    --end "19:00" --place "Lægerne Østerbrogade" --agenda "$TMP/agenda.md" --outbox
expect_rc 0 "a meeting with its own agenda"
in_dir "$W" meeting cancel 7 --reason "For få tilmeldte" --outbox
expect_rc 0 "a cancellation"
refused "$W" 1 "meeting #7 was cancelled — it has no minutes to write in" meeting note 7 --item 1 "x"
export KLYNGE_TODAY=2026-01-17
in_dir "$W" meeting attend 5 anne.aero@example.dk bo.ostergaard@example.dk lars.baekgaard@example.dk
in_dir "$W" meeting minutes 5 --chair lars.baekgaard@example.dk --minute-taker "Lise Hansen"
expect_rc 0 "minutes of the forced assembly"
in_dir "$W" meeting bylaws
expect_rc 0 "the bylaws"

M=$W/documents/meetings
grep -qx -- "- \*\*Tid:\*\* Fra fredag den 15. maj 2026 kl. 9.00 til lørdag den 16. maj 2026 kl. 16.00" \
    "$M/2026-05-15-internat-om-diabetes/indkaldelse.md" && pass || fail "the internat names both ends"
grep -q "fremme senest" "$M/2026-01-17-ordinaer-generalforsamling-2026/indkaldelse.md" &&
    fail "a forced notice asks for proposals by 3 January, before it was sent" || pass
grep -q "send det$" "$M/2026-01-17-ordinaer-generalforsamling-2026/indkaldelse.md" && grep -q "^til klyngekoordinatoren hurtigst muligt" \
    "$M/2026-01-17-ordinaer-generalforsamling-2026/indkaldelse.md" && pass || fail "a late notice: proposals as soon as possible"
grep -qx "Indkaldelsen blev udsendt 7 dage før mødet; vedtægternes § 4 kræver 14 dages varsel." \
    "$M/2026-01-17-ordinaer-generalforsamling-2026/referat.md" && pass || fail "the forced minutes in Danish"
grep -q "Dirigent" "$M/2025-04-24-klyngemoede-om-kol-og-spirometri/referat.md" && fail "a klyngemøde's minutes name a dirigent" || pass
grep -q "^- Dirigent: Lars Bækgaard" "$M/2026-01-17-ordinaer-generalforsamling-2026/referat.md" && pass || fail "a general assembly's dirigent"
expect_eq "$(sed -n 3p "$M/2026-02-20-klyngemoede-om-diabetes/dagsorden.md")" \
    "Klyngemøde i Østerbroklyngen fredag den 20. februar 2026 kl. 17.00–19.00, Lægerne Østerbrogade." "an own agenda in the frame"
grep -q "^2\. KOL og spirometri: oplæg og drøftelse" "$M/2025-04-24-klyngemoede-om-kol-og-spirometri/dagsorden.md" &&
    pass || fail "the agenda names the theme, not the title"
outbox_mail "$M/2026-02-20-klyngemoede-om-diabetes/outbox/aflysning.mbox" bo.ostergaard@example.dk "$TMP/aflysning-bo.ostergaard@example.dk.eml" || fail "the message to bo.ostergaard@example.dk in aflysning.mbox"
body=$(/usr/bin/python3 -c 'import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
print(m["Subject"]); print(m.get_body(("plain",)).get_content())' "$TMP/aflysning-bo.ostergaard@example.dk.eml")
[[ "$body" == *"Klyngemødet om diabetes fredag den 20. februar 2026 kl. 17.00 er aflyst."* ]] && pass || fail "the cancellation: $body"

OUT=$(/usr/bin/python3 "$KLYNGE_SOURCE/tests/cli/documents_danish.py" "$W" 2>&1); RC=$?
expect_rc 0 "no English, settings, program name or options in the documents"
[ "$RC" -eq 0 ] || printf '%s\n' "$OUT" >&2

# The checker itself finds what it must (it cannot pass by reading nothing).
mkdir -p "$TMP/bad/documents"
printf 'Regnskabet er dannet med klynge den 5. januar 2026.\n' >"$TMP/bad/documents/a.md"
printf 'Skriv `klynge member registered --date ÅÅÅÅ-MM-DD`.\n' >"$TMP/bad/documents/b.md"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:SKAT: report B-income paid in December\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
    >"$TMP/bad/documents/c.ics"
printf 'Se policy.notice_days.\n' >"$TMP/bad/documents/d.md"
OUT=$(/usr/bin/python3 "$KLYNGE_SOURCE/tests/cli/documents_danish.py" "$TMP/bad" 2>&1); RC=$?
expect_rc 1 "the checker finds faults"
expect_eq "$(wc -l <<<"$OUT")" "4" "one finding per faulty line"
[ "$(find "$W/documents" -name '*.md' | wc -l)" -gt 10 ] && pass || fail "the checker had documents to read"
# The outbox: one mailbox per action (issue 15), with every invitee's message.
[ "$(find "$W/documents" -name '*.mbox' | wc -l)" -ge 4 ] && pass || fail "the checker had mailboxes to read"
[ "$(cat $(find "$W/documents" -name '*.mbox') | grep -c '^X-Unsent: 1')" -gt 50 ] && pass || fail "the checker had e-mails to read"

finish
