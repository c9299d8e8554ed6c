#!/usr/bin/env bash
# The documents as reviewed line by line against DANISH.md: tests/golden/
# holds one of each kind (notice, agenda, minutes, bylaws with a 3/4 policy,
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
k vote 1 --motion "Ændring af § 8: regnskabet revideres af en valgt revisor" --kind bylaws --yes 3 --no 0 --blank 0
k meeting minutes 1 --chair bo@example.dk --minute-taker "Lise Hansen"
k meeting bylaws

D=$W/documents/meetings/2026-02-26-ordinaer-generalforsamling-2026
I=$W/documents/meetings/2026-05-15-internat-om-diabetes
mkdir -p "$TMP/got"
cp "$D/indkaldelse.md" "$TMP/got/indkaldelse.md"
cp "$D/dagsorden.md" "$TMP/got/dagsorden.md"
cp "$D/referat.md" "$TMP/got/referat.md"
cp "$I/indkaldelse.md" "$TMP/got/indkaldelse-internat.md"
cp "$W/documents/vedtaegter.md" "$TMP/got/vedtaegter-tre-fjerdedele.md"
sed -E 's/^(DTSTAMP|UID):.*/\1:(varierer)/' "$D/invitation.ics" | tr -d '\r' >"$TMP/got/invitation.ics"
/usr/bin/python3 - "$D/outbox/indkaldelse-bo@example.dk.eml" >"$TMP/got/indkaldelse-mail.txt" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
print("Emne:", m["Subject"])
print("Dele:", " ".join(p.get_content_type() for p in m.walk()))
print()
print(m.get_body(("plain",)).get_content(), end="")
PY

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
