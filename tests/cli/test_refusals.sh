#!/usr/bin/env bash
# Every writing command refuses bad input with a one-line error, a documented
# exit code, and a workspace left byte-for-byte unchanged.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
new_workspace "$W"
(cd "$W" && "$KLYNGE" practice add 123456 --name "Lægerne Østerbrogade" --patients 9876 --capacities 2 --as-of 2025-01-15 \
  && "$KLYNGE" practice add 234567 --name "Nordhavn Lægehus" --patients 4100 --as-of 2025-01-15 \
  && "$KLYNGE" member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2024-01-01 \
  && "$KLYNGE" member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ansat --joined 2024-01-01 \
  && "$KLYNGE" role assign koordinator anne@example.dk --from 2024-01-01) >/dev/null || { echo setup failed; exit 1; }

# init
refused "$TMP" 2 "CVR" init x --name X --cvr 12345678 --municipality København --region Hovedstaden
refused "$TMP" 2 "not a Danish region" init x --name X --cvr 12345674 --municipality København --region Jylland
refused "$TMP" 2 "already a klynge workspace" init w --name X --cvr 12345674 --municipality København --region Hovedstaden
refused "$TMP" 2 "--founded" init x --name X --cvr 12345674 --municipality København --region Hovedstaden --founded 2018-02-30
[ ! -e "$TMP/x" ] && pass || fail "a refused init left a directory"

# practice add / set / leave
refused "$W" 2 "6 digits" practice add 12345 --name X --patients 10
refused "$W" 2 "negative" practice add 345678 --name X --patients -5
refused "$W" 1 "already registered" practice add 123456 --name X --patients 10
refused "$W" 2 "--as-of" practice add 345678 --name X --patients 10 --as-of 31.02.2025
refused "$W" 2 "nothing to change" practice set 123456
refused "$W" 1 "not registered" practice set 999999 --patients 10
refused "$W" 2 "--date" practice leave 123456 --date tomorrow
refused "$W" 1 "not registered" practice leave 999999 --date 2025-02-01

# member add / set / leave / forget
refused "$W" 2 "e-mail" member add "Carl" --email carl.example.dk --practice 123456 --position ejerlæge
refused "$W" 2 "unknown position" member add "Carl" --email carl@example.dk --practice 123456 --position overlæge
refused "$W" 1 "already the e-mail" member add "Carl" --email ANNE@example.dk --practice 123456 --position ejerlæge
refused "$W" 1 "not registered" member add "Carl" --email carl@example.dk --practice 999999 --position ejerlæge
refused "$W" 2 "line break" member add $'Carl\nBcc: x' --email carl@example.dk --practice 123456 --position ejerlæge
refused "$W" 2 "nothing to change" member set anne@example.dk
refused "$W" 1 "no member" member set nobody@example.dk --name X
refused "$W" 1 "already the e-mail" member set bo@example.dk --email anne@example.dk
refused "$W" 2 "before" member leave anne@example.dk --date 2023-01-01
refused "$W" 1 "no member" member leave 99 --date 2025-01-01
refused "$W" 1 "still a member" member forget anne@example.dk
refused "$W" 1 "no member" member forget 42

# member registered / import
refused "$W" 2 "in the future" member registered --date 2026-01-01
refused "$W" 2 "--date" member registered --date 2025-13-01
printf 'name,email,ydernummer\nX,x@example.dk,123456\n' >"$TMP/nocol.csv"
refused "$W" 2 "no \"position\" column" member import "$TMP/nocol.csv"
cat >"$TMP/bad.csv" <<'CSV'
name,email,ydernummer,position
Carl Åberg,carl@example.dk,123456,ejerlæge
Dorthe,dorthe(at)example.dk,123456,ejerlæge
Erik,erik@example.dk,12345,ejerlæge
Frida,frida@example.dk,999999,ejerlæge
Gorm,gorm@example.dk,123456,overlæge
Carl Åberg,carl@example.dk,123456,ejerlæge
CSV
refused "$W" 2 "5 bad rows" member import "$TMP/bad.csv"
expect_err "bad.csv:3:" "bad e-mail row named"
expect_err "bad.csv:4:" "bad ydernummer row named"
expect_err "bad.csv:5: practice 999999 is not registered" "unknown practice row named"
expect_err "bad.csv:6: unknown position" "bad position row named"
expect_err "bad.csv:7: carl@example.dk is also on line 2" "duplicate row named"
refused "$W" 2 "cannot read" member import "$TMP/missing.csv"

# role assign / end
refused "$W" 2 "unknown role" role assign formand anne@example.dk --from 2025-01-01
refused "$W" 1 "must be a member" role assign kasserer "Lise Hansen" --external --from 2025-01-01
refused "$W" 1 "already holds the role" role assign koordinator anne@example.dk --from 2025-01-10
refused "$W" 1 "no open kasserer" role end kasserer bo@example.dk --date 2025-01-10
refused "$W" 2 "before the assignment began" role end koordinator anne@example.dk --date 2023-01-01

# restore
refused "$W" 1 "already holds records" restore /dev/null
printf 'PRAGMA user_version = 1;\nDROP TABLE member;\n' >"$TMP/evil.sql"
refused "$W" 2 "evil.sql:2: not an INSERT statement" restore --force "$TMP/evil.sql"
printf 'PRAGMA user_version = 1;\nINSERT INTO sqlite_master(x) VALUES(1);\n' >"$TMP/evil2.sql"
refused "$W" 2 "unknown table" restore --force "$TMP/evil2.sql"
printf 'PRAGMA user_version = 1;\nINSERT INTO member(id,name,email,practice_id,position,joined_on) VALUES(1,NULL,NULL,7,'"'"'ejerlæge'"'"','"'"'2025-01-01'"'"'); DELETE FROM audit;\n' >"$TMP/evil3.sql"
refused "$W" 2 "evil3.sql:2:" restore --force "$TMP/evil3.sql"
printf 'PRAGMA user_version = 99;\n' >"$TMP/future.sql"
refused "$W" 2 "schema version 99" restore --force "$TMP/future.sql"

# usage errors
refused "$W" 2 "did you mean \`klynge member\`" membr list
refused "$W" 2 "--patients is required" practice add 345678 --name X
refused "$W" 2 "--format" member list --format xml

# --dry-run writes nothing
refused_dry() {
    local before after
    before=$(snapshot "$W")
    in_dir "$W" --dry-run "$@"
    expect_rc 0 "dry run $*"
    expect_err "dry run" "dry run $*"
    after=$(snapshot "$W")
    [ "$before" == "$after" ] && pass || fail "--dry-run $* changed the workspace"
}
refused_dry member add "Carl" --email carl@example.dk --practice 123456 --position ejerlæge
refused_dry practice set 123456 --patients 9999 --as-of 2025-01-20
refused_dry role assign kasserer bo@example.dk --from 2025-01-01

finish
