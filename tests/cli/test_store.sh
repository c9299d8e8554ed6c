#!/usr/bin/env bash
# Schema migrations (the v1 fixture), a newer schema refused, dump
# determinism and the restore round trip, and `member forget`.
source "$(dirname "$0")/lib.sh"

# The schema version this klynge writes.
new_workspace "$TMP/fresh"
LATEST=$(sqlite3 "$TMP/fresh/klynge.db" 'PRAGMA user_version')
[ "$LATEST" -ge 2 ] && pass || fail "a new workspace has schema $LATEST"

# A workspace created by schema v1 still opens after later migrations were added.
cp -r "$KLYNGE_FIXTURES/v1" "$TMP/v1"
expect_eq "$(sqlite3 "$TMP/v1/klynge.db" 'PRAGMA user_version')" "1" "fixture is schema 1"
in_dir "$TMP/v1" member list --format csv
expect_rc 0 "v1 workspace opens"
expect_out "Anne Ærø" "v1 data readable"
expect_eq "$(sqlite3 "$TMP/v1/klynge.db" 'PRAGMA user_version')" "$LATEST" "migrated to the latest schema"
in_dir "$TMP/v1" member registered --date 2025-01-10
expect_rc 0 "v2 feature works on a migrated v1 workspace"
in_dir "$TMP/v1" member diff --since 2024-01-01
expect_out "position: ansat → ejerlæge" "v1 history kept"
in_dir "$TMP/v1" check
expect_rc 0 "migrated workspace passes check"

[ -f "$TMP/v1/klynge.head" ] && pass || fail "the upgrade to schema 7 anchors the chain in klynge.head"

# --dry-run never changes a byte, not even to upgrade: it refuses.
cp -r "$KLYNGE_FIXTURES/v1" "$TMP/v1dry"
before=$(snapshot "$TMP/v1dry")
in_dir "$TMP/v1dry" --dry-run member add "Carl" --email carl@example.dk --practice 123456 --position ejerlæge
expect_rc 4 "--dry-run on an old workspace"
expect_err "this workspace needs an upgrade from schema 1 to schema $LATEST, which --dry-run may not write — run any command without --dry-run" \
    "the dry run says why"
in_dir "$TMP/v1dry" --dry-run status
expect_rc 4 "a reading --dry-run does not upgrade either"
expect_eq "$(snapshot "$TMP/v1dry")" "$before" "--dry-run left the old workspace byte-for-byte unchanged"

# Ten first opens of an old workspace at once: each migration step takes the
# write lock and reads the version again under it, so all succeed.
cp -r "$KLYNGE_FIXTURES/v1" "$TMP/v1race"
for i in $(seq 10); do
    (cd "$TMP/v1race" && "$KLYNGE" member list >"$TMP/race.$i.out" 2>"$TMP/race.$i.err"; echo $? >"$TMP/race.$i.rc") &
done
wait
ok=0
for i in $(seq 10); do [ "$(cat "$TMP/race.$i.rc")" = 0 ] && grep -q "Anne Ærø" "$TMP/race.$i.out" && ok=$((ok + 1)); done
expect_eq "$ok" "10" "10 concurrent first opens all succeed ($(cat "$TMP"/race.*.err | sort -u | head -3))"
expect_eq "$(sqlite3 "$TMP/v1race/klynge.db" 'PRAGMA user_version')" "$LATEST" "migrated once to the latest"
in_dir "$TMP/v1race" check
grep -q '\[store\.' <<<"$OUT" && fail "the raced migration breaks the chain: $OUT" || pass

# The fixture dumped at v1 restores at v1 and is migrated forward.
cp -r "$KLYNGE_FIXTURES/v1" "$TMP/v1b"
OUT=$("$KLYNGE" dump "$TMP/v1b/klynge.db"); RC=$?
expect_rc 0 "dump DBFILE needs no workspace"
expect_out "PRAGMA user_version = 1;" "dump DBFILE keeps the file's own version"
expect_eq "$(sqlite3 "$TMP/v1b/klynge.db" 'PRAGMA user_version')" "1" "dump DBFILE does not migrate"
echo "$OUT" >"$TMP/v1.sql"
rm "$TMP/v1b/klynge.db"
in_dir "$TMP/v1b" restore "$TMP/v1.sql"
expect_rc 0 "restore a v1 dump"
expect_eq "$(sqlite3 "$TMP/v1b/klynge.db" 'PRAGMA user_version')" "$LATEST" "restored dump migrated"

# A database from a newer klynge is refused (exit 4) and left alone.
W=$TMP/w
new_workspace "$W"
sqlite3 "$W/klynge.db" 'PRAGMA user_version = 99'
refused "$W" 4 "schema version 99" status
refused "$W" 4 "upgrade klynge" member add X --email x@example.dk --practice 123456 --position ejerlæge
sqlite3 "$W/klynge.db" "PRAGMA user_version = $LATEST"

# Dump is deterministic and the round trip is byte-identical, also for text
# with quotes, line breaks and non-ASCII.
(cd "$W" && "$KLYNGE" practice add 123456 --name "Lægerne \"Ø\" o'Brien" --patients 9876 --capacities 3 --as-of 2025-01-15 &&
  "$KLYNGE" practice set 123456 --patients 9900 --as-of 2025-02-01 &&
  "$KLYNGE" member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge &&
  "$KLYNGE" member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge &&
  "$KLYNGE" role assign koordinator anne@example.dk --from 2025-01-15 &&
  "$KLYNGE" member registered --date 2025-01-20 --note "kvittering 17") >/dev/null
sqlite3 "$W/klynge.db" "UPDATE registration SET note = 'line one' || char(10) || 'line two' || char(9) || 'tab'"
a=$(cd "$W" && "$KLYNGE" dump | sha256sum)
b=$(cd "$W" && "$KLYNGE" dump | sha256sum)
expect_eq "$a" "$b" "dump twice gives the same bytes"
in_dir "$W" dump -o "$TMP/d1.sql"
grep -q "char(10)" "$TMP/d1.sql" && pass || fail "a line break in text is not kept on one line"
expect_eq "$(grep -c '' "$TMP/d1.sql")" "$(grep -c -E '^(--|PRAGMA|INSERT)' "$TMP/d1.sql")" "every dump line is a record"
in_dir "$W" restore "$TMP/d1.sql"
expect_rc 1 "restore over records needs --force"
in_dir "$W" restore --force "$TMP/d1.sql"
expect_rc 0 "restore --force"
in_dir "$W" dump -o "$TMP/d2.sql"
cmp -s "$TMP/d1.sql" "$TMP/d2.sql" && pass || fail "dump → restore → dump differs"
expect_eq "$(sqlite3 "$W/klynge.db" 'PRAGMA journal_mode')" "delete" "rollback journal, not WAL"
expect_eq "$(sqlite3 "$W/klynge.db" "SELECT note FROM registration")" $'line one\nline two\ttab' "control characters survive"

# member forget erases name and e-mail everywhere, keeps that the member existed.
(cd "$W" && "$KLYNGE" meeting call --type klyngemøde --title "Klyngemøde" --start "2025-02-06 17:00" --end "19:00" \
    --place X && "$KLYNGE" meeting rsvp 1 bo@example.dk yes --note "kommer fra tandlægen" &&
  "$KLYNGE" member leave bo@example.dk --date 2025-01-20) >/dev/null
in_dir "$W" member forget bo@example.dk
expect_rc 0 "forget"
in_dir "$W" dump
expect_no_out "Bo Østergaard" "the name is gone from the dump (records and audit log)"
expect_no_out "bo@example.dk" "the e-mail is gone from the dump"
expect_no_out "tandlægen" "what they wrote in their RSVP is gone from the dump"
in_dir "$W" member list --all --format csv
expect_out "(glemt #2)" "the member still exists, forgotten"
in_dir "$W" member diff --since 2025-01-01
expect_out "(glemt #2)" "history names the forgotten member by number"

finish
