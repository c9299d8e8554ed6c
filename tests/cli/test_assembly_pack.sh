#!/usr/bin/env bash
# The ordinary general assembly's pack (issue 14, item 4): the budget
# document (budget show --document), the notice listing the accounts and the
# budget as attachments only once they are written, and the draft of the
# klyngekoordinator's beretning (meeting report), which never replaces what
# the coordinator has edited unless asked to.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
export KLYNGE_TODAY=2025-01-10
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 4 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Carl Åberg" --email carl@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k role assign kasserer bo@example.dk --from 2018-11-15
k member add "Dorthe Dahl" --email dorthe@example.dk --practice 123456 --position ansat --joined 2025-03-01
k ledger income --date 2025-01-01 --amount 20.000,00 --kind primo --text "Saldo på klyngens konto 31.12.2024"
export KLYNGE_TODAY=2025-02-01
k ledger income --date 2025-02-01 --amount 73.000,00 --kind driftstilskud --text "Klyngemidler 2025" --payee "Region Hovedstaden"
k budget set --year 2025 --category driftstilskud --amount 73.000,00
k budget set --year 2025 --category forplejning --amount 10.000,00
k meeting call --type klyngemøde --title "Klyngemøde om KOL og spirometri" --place "Lægerne Østerbrogade" \
    --start "2025-04-24 17:30" --end "20:30"
export KLYNGE_TODAY=2025-04-24
k meeting attend 1 anne@example.dk bo@example.dk carl@example.dk
k vote 1 --motion "Klyngen tilbyder spirometri i alle praksis" --yes 3 --no 0 --blank 0
k ledger add --date 2025-04-24 --amount 2.500,00 --category forplejning --meeting 1 --payee "Slagter Madsen" \
    --text "Smørrebrød til klyngemødet"
export KLYNGE_TODAY=2025-09-30
k member leave carl@example.dk --date 2025-09-30

export KLYNGE_TODAY=2026-01-10
# --- 1. budget show --document ----------------------------------------------------------
refused "$W" 1 "there is no budget for 2026 — set its lines first" budget show --year 2026 --document
[ ! -e "$W/documents/budget-2026.md" ] && pass || fail "a year without a budget wrote a document"
k budget set --year 2026 --category driftstilskud --amount 73.000,00
k budget set --year 2026 --category forplejning --amount 12.000,00
k budget set --year 2026 --category oplægsholder --amount 5.000,00
in_dir "$W" budget show --year 2026 --document
expect_rc 0 "budget show --document"
expect_err "Wrote documents/budget-2026.md" "it says where"
expect_out "forplejning" "the table is still printed"
B=$W/documents/budget-2026.md
expect_eq "$(head -1 "$B")" "# Budget 2026 — Østerbroklyngen" "the heading"
grep -q "udarbejdet den 10. januar 2026 af kasserer Bo Østergaard" "$B" && pass || fail "made by the kasserer: $(cat "$B")"
grep -qx "| Indtægter | Budget 2026 | Regnskab 2025 |" "$B" && pass || fail "2025's accounts beside the budget"
grep -qx "| Driftstilskud | 73.000,00 | 73.000,00 |" "$B" && pass || fail "an income line"
grep -qx "| Forplejning | 12.000,00 | 2.500,00 |" "$B" && pass || fail "an expense line with last year's actual"
grep -qx "| \*\*Udgifter i alt\*\* | \*\*17.000,00\*\* | \*\*2.500,00\*\* |" "$B" && pass || fail "the expense total"
grep -qx "\*\*Budgetteret resultat (indtægter minus udgifter): 56.000,00 kr.\*\*" "$B" && pass || fail "the budgeted result"
grep -qx "| Saldo 1. januar 2026 (overført fra 2025) | 90.500,00 |" "$B" && pass || fail "carried over from 2025"
grep -qx "| \*\*Forventet overført til 2027\*\* | \*\*146.500,00\*\* |" "$B" && pass || fail "expected carried forward"
grep -v '^|' "$B" | grep -qiE "klynge (budget|ledger)|--|budget show| the |year" && fail "English or a command in the budget" || pass
# A budget for a year not yet begun has no accounts to compare with.
k budget set --year 2027 --category forplejning --amount 12.000,00
in_dir "$W" budget show --year 2027 --document --dry-run
expect_rc 0 "--dry-run"
[ ! -e "$W/documents/budget-2027.md" ] && pass || fail "--dry-run wrote the budget"
k budget show --year 2027 --document
grep -qx "| Udgifter | Budget 2027 |" "$W/documents/budget-2027.md" && pass || fail "only the budget column for 2027"
grep -q "Regnskab 2026\|Forventet overført" "$W/documents/budget-2027.md" && fail "2026 is not over: no accounts" || pass
rm "$W/documents/budget-2027.md"

# --- 2. the notice's attachments ------------------------------------------------------------
GF=(meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Østerbrohuset"
    --start "2026-02-26 17:00" --end "19:00" --outbox)
cp -a "$W" "$TMP/none"
rm "$TMP/none/documents/budget-2026.md"
in_dir "$TMP/none" "${GF[@]}"
expect_rc 0 "an ordinary assembly called before the accounts and budget are written"
expect_out "not attached to the notice: documents/regnskab-2025.md is not written yet (\`klynge ledger report --year 2025 --document\` writes it)" \
    "the call says what is missing"
expect_out "documents/budget-2026.md is not written yet" "and the budget"
N=$TMP/none/documents/meetings/2026-02-26-ordinaer-generalforsamling-2026
grep -q "Bilag" "$N/indkaldelse.md" && fail "a notice lists attachments that do not exist" || pass
grep -q "Regnskabet for\$" "$N/indkaldelse.md" && pass || fail "the accounts are still presented at the meeting"

cp -a "$W" "$TMP/budget-only"
in_dir "$TMP/budget-only" "${GF[@]}"
expect_eq "$(tail -1 "$TMP/budget-only/documents/meetings/2026-02-26-ordinaer-generalforsamling-2026/indkaldelse.md")" \
    "Bilag: Budget 2026" "only the budget is attached"

k ledger report --year 2025 --document
in_dir "$W" "${GF[@]}"
expect_rc 0 "the ordinary assembly called with both written"
expect_no_out "not attached" "nothing is missing"
[[ "$ERR" != *"not attached"* ]] && pass || fail "nothing is missing: $ERR"
D=$W/documents/meetings/2026-02-26-ordinaer-generalforsamling-2026
expect_eq "$(tail -1 "$D/indkaldelse.md")" "Bilag: Årsregnskab 2025 og budget 2026" "the notice lists both"
outbox_mail "$D/outbox/indkaldelse.mbox" bo@example.dk "$TMP/indkaldelse-bo@example.dk.eml" || fail "the message to bo@example.dk in indkaldelse.mbox"
/usr/bin/python3 - "$TMP/indkaldelse-bo@example.dk.eml" "$W/documents" >"$TMP/mail.txt" <<'PY' || fail "the e-mail's attachments: $(cat "$TMP/mail.txt")"
import email, email.policy, pathlib, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
files = {p.get_filename(): p.get_content() for p in m.iter_attachments()}
print(sorted(files))
assert sorted(files) == ["budget-2026.md", "invitation.ics", "regnskab-2025.md"], files
docs = pathlib.Path(sys.argv[2])
assert files["budget-2026.md"] == (docs / "budget-2026.md").read_text(encoding="utf-8")
assert files["regnskab-2025.md"] == (docs / "regnskab-2025.md").read_text(encoding="utf-8")
body = m.get_body(("plain",)).get_content()
assert "Årsregnskab 2025 og budget 2026 er også vedhæftet." in body, body
assert body.rstrip().endswith("Bilag: Årsregnskab 2025 og budget 2026"), body
PY
grep -q "budget-2026.md" "$TMP/mail.txt" && pass
# Other meetings have no attachments.
in_dir "$W" meeting call --type klyngemøde --title "Klyngemøde om diabetes" --place "Lægerne Østerbrogade" \
    --start "2026-03-19 17:30" --end "20:30" --outbox
grep -q "Bilag" "$W/documents/meetings/2026-03-19-klyngemoede-om-diabetes/indkaldelse.md" &&
    fail "a klyngemøde lists the accounts" || pass

# --- 3. meeting report: the draft beretning ----------------------------------------------
refused "$W" 1 "meeting #3 is a klyngemøde — the beretning is given at an ordinary general assembly" meeting report 3
refused "$W" 1 "no meeting #9" meeting report 9
in_dir "$W" meeting report 2
expect_rc 0 "meeting report"
expect_out "Wrote the draft beretning for 2025 to documents/meetings/2026-02-26-ordinaer-generalforsamling-2026/beretning.md" \
    "it says where"
R=$D/beretning.md
expect_eq "$(head -1 "$R")" "# Udkast til beretning 2025 — Østerbroklyngen" "a draft, by its heading"
grep -q "^Dette er et udkast\|^\*Dette er et udkast" "$R" && pass || fail "it says it is a draft"
grep -qx -- "- torsdag den 24. april 2025: Klyngemøde om KOL og spirometri (3 af 3 inviterede mødte)" "$R" &&
    pass || fail "the meeting held: $(cat "$R")"
grep -qx "I 2025 holdt klyngen ét møde:" "$R" && pass || fail "how many"
grep -qx -- "- Dorthe Dahl, Lægerne Østerbrogade (1. marts 2025)" "$R" && pass || fail "who joined"
grep -qx -- "- Carl Åberg, Lægerne Østerbrogade (30. september 2025)" "$R" && pass || fail "who left"
grep -q "^- 24. april 2025, Klyngemøde om KOL og spirometri: Klyngen tilbyder spirometri i alle praksis: vedtaget: 3 for" "$R" &&
    pass || fail "the decision"
grep -q "^Klyngen havde i 2025 indtægter på 73.000,00 kr. og udgifter på 2.500,00 kr., et resultat på 70.500,00 kr. " "$R" &&
    pass || fail "the money"
grep -q "Udgifterne var 7.500,00 kr. under budgettet på 10.000,00 kr." "$R" && pass || fail "against the budget"
grep -q "Klyngens midler var 90.500,00 kr. ved udgangen af året" "$R" && pass || fail "carried over"
expect_eq "$(tail -2 "$R" | head -1)" "Anne Ærø" "signed by the klyngekoordinator"
/usr/bin/python3 "$KLYNGE_SOURCE/tests/cli/documents_danish.py" "$W" >"$TMP/danish.txt" 2>&1 && pass ||
    fail "English in the pack: $(cat "$TMP/danish.txt")"
# Written again while unedited: refreshed from the records.
export KLYNGE_TODAY=2026-01-12
k member add "Emil Eriksen" --email emil@example.dk --practice 123456 --position ejerlæge --joined 2025-12-01
in_dir "$W" meeting report 2
expect_rc 0 "an unedited draft is written again"
grep -qx -- "- Emil Eriksen, Lægerne Østerbrogade (1. december 2025)" "$R" && pass || fail "the new draft has the new member"
# Edited by the coordinator: kept, unless --force.
printf '\nDet var et godt år.\n' >>"$R"
refused "$W" 1 "documents/meetings/2026-02-26-ordinaer-generalforsamling-2026/beretning.md has been edited since klynge wrote it — keep your text, or give --force" \
    meeting report 2
grep -q "Det var et godt år." "$R" && pass || fail "the coordinator's text is kept"
in_dir "$W" meeting report 2 --force
expect_rc 0 "--force replaces an edited draft"
grep -q "Det var et godt år." "$R" && fail "--force kept the edit" || pass
# A beretning.md that klynge did not write is the coordinator's too.
rm "$D/.beretning.sha256"
refused "$W" 1 "has been edited since klynge wrote it" meeting report 2
in_dir "$W" meeting report 2 --force --dry-run
expect_rc 0 "--dry-run"
[ ! -e "$D/.beretning.sha256" ] && pass || fail "--dry-run wrote the fingerprint"
# A cancelled assembly has no beretning.
cp -a "$W" "$TMP/c"
(cd "$TMP/c" && "$KLYNGE" meeting cancel 2 --reason "Salen blev aflyst" >/dev/null 2>&1) || fail "cancel"
refused "$TMP/c" 1 "meeting #2 was cancelled" meeting report 2 --force

finish
