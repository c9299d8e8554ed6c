#!/usr/bin/env bash
# The tour of issue 2, end to end, as a coordinator would type it.
source "$(dirname "$0")/lib.sh"

cd "$TMP"
run init oesterbro --name "Østerbroklyngen" --cvr 12345674 --municipality København --region Hovedstaden \
    --founded 2018-11-15 --git
expect_rc 0 "init"
expect_out "Created the workspace for Østerbroklyngen" "init"
W=$TMP/oesterbro
for f in klynge.toml klynge.db .gitignore .gitattributes templates/kiap-registrering.md.mustache; do
    [ -f "$W/$f" ] && pass || fail "init: $f missing"
done
for d in documents receipts private .git; do [ -d "$W/$d" ] && pass || fail "init: $d/ missing"; done
expect_eq "$(stat -c %a "$W/private")" "700" "private/ is 0700"
grep -q '^/private/$' "$W/.gitignore" && pass || fail ".gitignore lacks private/"
grep -q 'klynge.db diff=klynge' "$W/.gitattributes" && pass || fail ".gitattributes lacks the diff driver"
expect_eq "$(git -C "$W" config diff.klynge.textconv | grep -c ' dump')" "1" "git textconv is klynge dump"
grep -q '^# voting_positions = \["ejerlæge"\]' "$W/klynge.toml" && pass || fail "klynge.toml lacks commented defaults"

in_dir "$W" practice add 123456 --name "Lægerne Østerbrogade" --patients 9876 --capacities 2 --as-of 2025-01-15
expect_rc 0 "practice add"
in_dir "$W" practice add 234567 --name "Nordhavn Lægehus" --patients 4100 --capacities 1 --as-of 2025-01-15
in_dir "$W" member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge
expect_rc 0 "member add"
expect_out "Added member #1 Anne Ærø" "member add"
in_dir "$W" member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ansat
in_dir "$W" role assign koordinator anne@example.dk --from 2025-01-15
expect_rc 0 "role assign"
expect_out "Anne Ærø is koordinator from 2025-01-15" "role assign"

cat >"$TMP/roster.csv" <<'CSV'
name,email,ydernummer,position
Anne Ærø,anne@example.dk,123456,ejerlæge
Bo Østergaard,bo@example.dk,123456,ejerlæge
Carl Åberg,carl@example.dk,234567,ejerlæge
CSV
in_dir "$W" member import "$TMP/roster.csv"
expect_rc 0 "import"
expect_out "added" "import adds Carl"
expect_out "position: ansat → ejerlæge" "import changes Bo"
before=$(cd "$W" && "$KLYNGE" dump | grep -v '^INSERT INTO \(audit\|chain\|chain_head\)(')
in_dir "$W" member import "$TMP/roster.csv"
expect_rc 0 "import again"
expect_out "0 changes, 3 members unchanged" "import is idempotent"
after=$(cd "$W" && "$KLYNGE" dump | grep -v '^INSERT INTO \(audit\|chain\|chain_head\)(')
expect_eq "$after" "$before" "second import changes no record"

in_dir "$W" member diff --since 2025-01-19
expect_rc 0 "diff"
expect_out "joined" "diff shows joins"
expect_out "Carl Åberg" "diff names Carl"
expect_out "position: ansat → ejerlæge" "diff shows Bo's change"

in_dir "$W" member export --kiap --format csv
expect_rc 0 "kiap export"
expect_out "cluster,cvr,coordinator,ydernummer,practice,name,email,position" "kiap csv header"
expect_out "Østerbroklyngen,12345674,Anne Ærø,123456,Lægerne Østerbrogade,Anne Ærø,anne@example.dk,ejerlæge" "kiap row"
in_dir "$W" member export --kiap --document "$W/documents/kiap.md"
expect_rc 0 "kiap document"
grep -q "Ydernummer 234567 — Nordhavn Lægehus" "$W/documents/kiap.md" && pass || fail "kiap document lacks a practice"

in_dir "$W" member list
expect_rc 0 "member list"
# Danish order: A < B < C ... Å last
expect_eq "$(echo "$OUT" | awk 'NR>1 {print $2}' | tr '\n' ' ')" "Anne Bo Carl " "member list in Danish order"

in_dir "$W" member registered --date 2025-01-20
expect_rc 0 "registered"
expect_out "registration of 3 members" "registered"

in_dir "$W" status
expect_rc 0 "status"
expect_out "Østerbroklyngen (CVR 12345674)" "status heading"
expect_out "Practices   2, 13.976 registered patients" "status patients"
expect_out "Coordinator Anne Ærø" "status coordinator"
expect_out "roster registered 2025-01-20; 0 changes since" "status registration"
expect_out "Deadlines   2025-01-31 PLO: the practices (ydernumre) updated, or payments from PLO stop (11 days)" \
    "status: the next statutory deadline"
expect_out "            2025-02-01 Grant: patients counted" "and the others within 30 days"
expect_no_out "SKAT: report B-income" "no monthly SKAT deadline when nothing was paid"
in_dir "$W" --format json status
expect_eq "$(/usr/bin/python3 -c 'import json, sys; d = json.load(sys.stdin)["deadlines"][0]; print(d["date"], d["days_left"])' <<<"$OUT")" \
    "2025-01-31 11" "status json deadlines"

in_dir "$W" check
expect_rc 0 "check passes"
expect_out "0 errors" "check summary"

in_dir "$W" log
expect_rc 0 "log"
expect_out "klynge member registered --date 2025-01-20" "log has the command line"

in_dir "$W" dump -o "$TMP/dump.sql"
expect_rc 0 "dump"
rm -f "$W/klynge.db"
in_dir "$W" restore "$TMP/dump.sql"
expect_rc 0 "restore into a missing database"
in_dir "$W" dump
expect_eq "$OUT" "$(cat "$TMP/dump.sql")" "dump → restore → dump is identical"

# git diff shows records through klynge dump.
(cd "$W" && git add -A >/dev/null && git -c user.name=t -c user.email=t@example.dk commit -qm base)
in_dir "$W" member leave bo@example.dk --date 2025-01-20
diff_text=$(cd "$W" && git diff klynge.db)
[[ "$diff_text" == *"+INSERT INTO member(id,name,email"*"'Bo Østergaard'"*"'2025-01-20'"* ]] && pass \
    || fail "git diff does not show the member record: $diff_text"

finish
