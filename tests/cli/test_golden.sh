#!/usr/bin/env bash
# The documents as reviewed line by line against DANISH.md: tests/golden/
# holds one of each kind (notice, agenda, minutes with notes, bylaws with a
# 3/4 policy and an adopted change of § 8, accounts, budget, the draft
# beretning, the coordinator's contract, KiAP sheet, the deadline calendar,
# calendar invitation, e-mail), and this test renders them again from a
# small workspace and compares. Only what must vary is normalised: the
# calendar's DTSTAMP and UID. KLYNGE_UPDATE_GOLDEN=1 rewrites the files
# (then review every changed line before committing).
source "$(dirname "$0")/lib.sh"
GOLDEN=$KLYNGE_SOURCE/tests/golden

W=$TMP/w
export KLYNGE_TODAY=2026-01-20
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 4 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Carl Åberg" --email carl@example.dk --practice 123456 --position ansat --joined 2018-11-15
k member add "Dorthe Dahl" --email dorthe@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
sed -i 's|^# qualified_majority = .*|qualified_majority = "3/4"|' "$W/klynge.toml"
k meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Østerbrohuset, sal 2" \
    --start "2026-02-26 17:00" --end "19:00" --respond-by 2026-02-19 --outbox
k meeting call --type internat --title "Internat om diabetes" --place "Hotel Marina, Vedbæk" \
    --start "2026-05-15 09:00" --end "2026-05-16 16:00"
export KLYNGE_TODAY=2026-02-26
k meeting attend 1 anne@example.dk bo@example.dk carl@example.dk dorthe@example.dk
k vote 1 --motion "Budget 2026" --yes 3 --no 0 --blank 0
printf 'Regnskabsåret er kalenderåret. Regnskabet revideres af en revisor, som\ngeneralforsamlingen vælger for et år ad gangen, og fremlægges til godkendelse\npå den ordinære generalforsamling.\n' \
    >"$TMP/p8.md"
# A bylaws change carries its paragraph's new wording; refused without it or on another kind.
refused "$W" 2 "--paragraph and --text belong to a change of the bylaws" \
    vote 1 --motion "Budget" --yes 3 --no 0 --paragraph 8 --text "$TMP/p8.md"
refused "$W" 2 "needs both --paragraph N and --text FILE" \
    vote 1 --motion "Ændring af § 8" --kind bylaws --yes 3 --no 0 --paragraph 8
: >"$TMP/empty.md"
refused "$W" 2 "is empty — write the paragraph's new wording in it" \
    vote 1 --motion "Ændring af § 8" --kind bylaws --yes 3 --no 0 --paragraph 8 --text "$TMP/empty.md"
refused "$W" 2 "is not a paragraph of the bylaws" \
    vote 1 --motion "Ændring af § 0" --kind bylaws --yes 3 --no 0 --paragraph 0 --text "$TMP/p8.md"
k vote 1 --motion "Ændring af § 8: regnskabet revideres af en valgt revisor" --kind bylaws --yes 3 --no 0 --blank 0 \
    --paragraph 8 --text "$TMP/p8.md"
printf 'Et forslag om ændring af § 4 tre fjerdedele.\n' >"$TMP/rejected.md"
k vote 1 --motion "Ændring af § 4" --kind bylaws --yes 1 --no 2 --blank 0 --paragraph 4 --text "$TMP/rejected.md"
k meeting minutes 1 --chair bo@example.dk --minute-taker "Lise Hansen"
# Notes under the agenda items, kept when the minutes are written again.
k meeting note 1 --item 2 "Klyngekoordinatoren gennemgik årets to klyngemøder; beretningen blev taget til efterretning."
k meeting note 1 --item 4 "Kassereren fremlagde budgettet; det blev vedtaget uden ændringer."
refused "$W" 2 "--item 9 is not on the agenda of meeting #1 (items 1–7)" meeting note 1 --item 9 "x"
k meeting minutes 1
grep -q "^   Kassereren fremlagde budgettet" "$W/documents/meetings/2026-02-26-ordinaer-generalforsamling-2026/referat.md" \
    && pass || fail "the note is kept when the minutes are written again"
k meeting bylaws
# The accounts, the KiAP sheet and the deadline calendar of the same cluster.
k role assign kasserer bo@example.dk --from 2021-03-01
k ledger income --date 2026-01-01 --amount 61.482,35 --kind primo --text "Saldo på klyngens konto hos PLO 31.12.2025"
k ledger income --date 2026-02-01 --amount 73.000,00 --kind driftstilskud --text "Klyngemidler 2026" --payee "Region Hovedstaden"
k budget set --year 2026 --category driftstilskud --amount 73.000,00
k budget set --year 2026 --category forplejning --amount 15.000,00
k ledger add --date 2026-02-26 --amount 2.385,00 --category forplejning --meeting 1 --payee "Slagter Madsen" \
    --text "Smørrebrød til generalforsamlingen"
# The coordinator's contract from 1 April: no Q1 payment, a term and a notice period.
printf '%s\n' 150472-1234 | k contract add anne@example.dk --role koordinator --fee-per-year 60000 \
    --schedule quarterly --from 2026-04-01 --hours 80 --cpr - \
    --tasks "Klyngens daglige ledelse: møder og dagsordener, kontakt til PLO og regionen, medlemslisten hos KiAP"
export KLYNGE_TODAY=2027-01-05
k ledger report --year 2026 --document
# Next year's budget beside this year's accounts.
k budget set --year 2027 --category driftstilskud --amount 73.000,00
k budget set --year 2027 --category forplejning --amount 12.000,00
k budget set --year 2027 --category oplægsholder --amount 4.500,00
k budget show --year 2027 --document
k member export --kiap --at 2026-12-08 --document "$W/documents/kiap-registrering.md"
k calendar --year 2027 --ics "$W/documents/frister-2027.ics"
# The next ordinary assembly, and the draft of the beretning on 2026 it will hear.
k meeting call --type generalforsamling --title "Ordinær generalforsamling 2027" --place "Østerbrohuset, sal 2" \
    --start "2027-02-25 17:00" --end "19:00"
k meeting report 3

D=$W/documents/meetings/2026-02-26-ordinaer-generalforsamling-2026
I=$W/documents/meetings/2026-05-15-internat-om-diabetes
mkdir -p "$TMP/got"
cp "$D/indkaldelse.md" "$TMP/got/indkaldelse.md"
cp "$D/dagsorden.md" "$TMP/got/dagsorden.md"
cp "$D/referat.md" "$TMP/got/referat.md"
cp "$I/indkaldelse.md" "$TMP/got/indkaldelse-internat.md"
cp "$W/documents/vedtaegter.md" "$TMP/got/vedtaegter-tre-fjerdedele-aendret.md"
sed -E 's/^(DTSTAMP|UID):.*/\1:(varierer)/' "$D/invitation.ics" | tr -d '\r' >"$TMP/got/invitation.ics"
cp "$W/documents/regnskab-2026.md" "$TMP/got/regnskab.md"
cp "$W/documents/budget-2027.md" "$TMP/got/budget.md"
cp "$W/documents/meetings/2027-02-25-ordinaer-generalforsamling-2027/beretning.md" "$TMP/got/beretning.md"
cp "$W/documents/kiap-registrering.md" "$TMP/got/kiap-registrering.md"
cp "$W"/documents/contracts/kontrakt-1-*.md "$TMP/got/kontrakt.md"
sed -E 's/^(DTSTAMP):.*/\1:(varierer)/' "$W/documents/frister-2027.ics" | tr -d '\r' >"$TMP/got/frister.ics"
outbox_mail "$D/outbox/indkaldelse.mbox" bo@example.dk "$TMP/indkaldelse-bo@example.dk.eml" || fail "the message to bo@example.dk in indkaldelse.mbox"
/usr/bin/python3 - "$TMP/indkaldelse-bo@example.dk.eml" >"$TMP/got/indkaldelse-mail.txt" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
print("Emne:", m["Subject"])
print("Dele:", " ".join(p.get_content_type() for p in m.walk()))
print()
print(m.get_body(("plain",)).get_content(), end="")
PY

# The policy and the adopted bylaws agree; a § 12 adopted with another majority is warned of.
in_dir "$W" check
expect_no_out "decisions.bylaws-policy" "policy and bylaws agree"
printf 'Vedtægterne kan kun ændres af en generalforsamling og kun, hvis mindst to tredjedele af de\nfremmødte stemmeberettigede medlemmer stemmer for.\n' >"$TMP/p12.md"
cp -a "$W" "$TMP/w12"
(cd "$TMP/w12" && "$KLYNGE" vote 1 --motion "Ændring af § 12" --kind bylaws --yes 3 --no 0 --paragraph 12 \
    --text "$TMP/p12.md" >/dev/null 2>&1) || fail "the § 12 change"
in_dir "$TMP/w12" check
expect_out '§ 12 of the bylaws as amended on 2026-02-26 does not say "tre fjerdedele" as klynge.toml'"'"'s policy.qualified_majority = "3/4" does' \
    "check warns when policy and bylaws differ"
(cd "$TMP/w12" && "$KLYNGE" meeting minutes 1 --approve >/dev/null 2>&1) || fail "approve the minutes"
refused "$TMP/w12" 1 "approved minutes no longer change" meeting note 1 --item 2 "for sent"
sed -i 's|^qualified_majority = .*|qualified_majority = "2/3"|' "$TMP/w12/klynge.toml"
in_dir "$TMP/w12" check
expect_no_out "decisions.bylaws-policy" "the policy set to what was adopted"
# § 7 with a board of three: the policy must say 3.
printf 'Klyngen har en bestyrelse på tre medlemmer, som generalforsamlingen vælger.\n' >"$TMP/p7.md"
cp -a "$W" "$TMP/w7"
(cd "$TMP/w7" && "$KLYNGE" vote 1 --motion "Ændring af § 7" --kind bylaws --yes 3 --no 0 --paragraph 7 \
    --text "$TMP/p7.md" >/dev/null 2>&1) || fail "the § 7 change"
(cd "$TMP/w7" && "$KLYNGE" config set policy.board_members 4 >/dev/null 2>&1) || fail "config set board_members"
in_dir "$TMP/w7" check
expect_out '§ 7 of the bylaws as amended on 2026-02-26 does not say "fire medlemmer" as klynge.toml'"'"'s policy.board_members = 4 does' \
    "check warns when the board's size differs"
(cd "$TMP/w7" && "$KLYNGE" config set policy.board_members 3 >/dev/null 2>&1) || fail "config set board_members"
in_dir "$TMP/w7" check
expect_no_out "decisions.bylaws-policy" "the board's size set to what was adopted"

if [ -n "${KLYNGE_UPDATE_GOLDEN:-}" ]; then
    cp "$TMP"/got/* "$GOLDEN/"
    echo "wrote $(ls "$TMP/got" | wc -l) golden files to tests/golden — review them against DANISH.md"
fi
for f in "$TMP"/got/*; do
    name=$(basename "$f")
    if diff -u "$GOLDEN/$name" "$f" >"$TMP/diff"; then pass; else fail "tests/golden/$name differs: $(head -40 "$TMP/diff")"; fi
done
expect_eq "$(ls "$GOLDEN" | wc -l)" "$(ls "$TMP/got" | wc -l)" "every golden file is compared"

finish
