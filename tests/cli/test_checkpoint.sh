#!/usr/bin/env bash
# Verified checkpoints of the hash chain (issue 11 §4: `klynge check` at a
# million records; lib/klynge/store/checkpoint.hpp). After a clean full walk
# check keeps private/chain-checkpoint; the next check walks only the links
# after it — but only while nobody but klynge wrote klynge.db since. Every
# way around that must fall back to a full walk and find the edit.
# KLYNGE_CHECKPOINT_FROM=1 keeps a checkpoint from the first link on (the
# product keeps one from 100,000 links), so a small workspace shows it.
source "$(dirname "$0")/lib.sh"
export KLYNGE_CHECKPOINT_FROM=1
command -v sqlite3 >/dev/null || { echo "test_checkpoint.sh needs sqlite3 (scripts/debian-packages.txt)" >&2; exit 1; }

W=$TMP/ws
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 2 --as-of 2024-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ansat --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k member registered --date 2024-12-15
k ledger income --date 2025-01-02 --amount 134031,65 --kind driftstilskud --text "Klyngemidler 2025"
printf 'kvittering' >"$TMP/bon.pdf"
CP=$W/private/chain-checkpoint

in_dir "$W" check
expect_rc 0 "the first check passes"
expect_no_out "hash chain: the" "the first check walks the whole chain"
[ -f "$CP" ] && pass || fail "a clean walk leaves private/chain-checkpoint"
expect_eq "$(stat -c %a "$CP")" 600 "the checkpoint is the user's own"
(cd "$W" && git check-ignore -q private/chain-checkpoint 2>/dev/null) || [ ! -d "$W/.git" ] && pass ||
    fail "git never versions the checkpoint"

in_dir "$W" check
expect_rc 0 "check from the checkpoint passes"
expect_out "hash chain: the 0 links since its full walk" "an unchanged workspace walks no links"

# klynge's own writes carry the checkpoint along.
k member add "Camilla Aagaard" --email camilla@example.dk --practice 123456 --position ejerlæge --joined 2025-01-10
k ledger add --date 2025-01-15 --amount 1234 --category forplejning --text "Smørrebrød" --receipt "$TMP/bon.pdf"
in_dir "$W" check
expect_rc 0 "check after two klynge writes passes"
expect_out "links since its full walk" "check after klynge's writes starts at the checkpoint"
walked=$(grep -o 'the [0-9]* links since' <<<"$OUT" | grep -o '[0-9]*')
[ "${walked:-0}" -gt 0 ] && pass || fail "the links of the two writes are walked (saw '$walked')"
in_dir "$W" check --full
expect_rc 0 "check --full passes"
expect_no_out "links since its full walk" "check --full walks everything"

# tamper IN PLACE SQL : sqlite3 edits klynge.db itself (same file, same
# inode), with the append-only triggers dropped and put back as they were.
tamper_file() {
    local db=$1 sql=$2
    local triggers
    triggers=$(sqlite3 "$db" "SELECT sql || ';' FROM sqlite_schema WHERE type = 'trigger'")
    sqlite3 "$db" "PRAGMA foreign_keys = OFF;
        $(sqlite3 "$db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema WHERE type = 'trigger'")
        $sql
        $triggers" || fail "sqlite3 failed: $sql"
}
tamper() { tamper_file "$W/klynge.db" "$1"; }
snap_ws() { cp -a "$W" "$TMP/saved"; }
back_ws() { rm -rf "$W" && cp -a "$TMP/saved" "$W" && rm -f "$CP" && in_dir "$W" check >/dev/null; }
snap_ws

# 1. An old record edited in place, schema put back: the change counter moved.
tamper "UPDATE member SET position = 'ejerlæge' WHERE email = 'bo@example.dk';"
in_dir "$W" check
expect_rc 1 "an old record edited in place fails check"
expect_out "Bo Østergaard" "check names the edited member"
expect_out "changed behind klynge's back" "check says the record was changed"
expect_no_out "links since its full walk" "an outside write makes check walk everything"
[ ! -f "$CP" ] && pass || fail "a break removes the checkpoint"
in_dir "$W" check
expect_rc 1 "the edit is still named by the next check"

# 2. Edited, then klynge writes: the write does not vouch for the edit.
back_ws
tamper "UPDATE practice SET name = 'Lægerne Ø' WHERE ydernummer = '123456';"
k member add "Dorte Dam" --email dorte@example.dk --practice 123456 --position ansat --joined 2025-01-18
in_dir "$W" check
expect_rc 1 "an edit followed by a klynge write fails check"
expect_out "changed behind klynge's back" "the edit before klynge's write is found"

# 3. A record deleted in place together with its links.
back_ws
tamper "DELETE FROM member WHERE email = 'anne@example.dk';"
in_dir "$W" check
expect_rc 1 "a record deleted in place fails check"
expect_out "missing" "check names the deleted record"

# 4. A copy edited elsewhere and copied back over klynge.db (cp keeps the inode).
back_ws
cp "$W/klynge.db" "$TMP/copy.db"
tamper_file "$TMP/copy.db" "UPDATE ledger_entry SET amount_ore = amount_ore + 100000 WHERE voucher_seq = 1;"
cat "$TMP/copy.db" >"$W/klynge.db"
in_dir "$W" check
expect_rc 1 "a tampered copy written over klynge.db fails check"
expect_no_out "links since its full walk" "a copied-back file is walked in full"

# 5. The database replaced by another file (git checkout, a restore): a new inode.
back_ws
cp "$W/klynge.db" "$TMP/other.db" && mv "$TMP/other.db" "$W/klynge.db"
in_dir "$W" check
expect_rc 0 "a replaced but intact file passes"
expect_no_out "links since its full walk" "a replaced file is walked in full"

# 6. A checkpoint that is not klynge's: ignored, rewritten.
back_ws
printf 'klynge chain checkpoint 1\nfile 1 2 3\nlink x y z\n' >"$CP"
in_dir "$W" check
expect_rc 0 "a garbled checkpoint is ignored"
expect_no_out "links since its full walk" "a garbled checkpoint means a full walk"
grep -q '^head ' "$CP" && pass || fail "the full walk writes a proper checkpoint again"

# 7. A checkpoint edited to vouch for more than was verified: the links up
# to it no longer add up, so check walks everything.
back_ws
in_dir "$W" check >/dev/null
sed -i 's/^link \([0-9]*\) \([0-9a-f]*\) \([0-9]*\)$/link \1 \2 1/' "$CP"
tamper "UPDATE member SET name = 'Bo Ø' WHERE email = 'bo@example.dk';"
in_dir "$W" check
expect_rc 1 "an edited checkpoint does not hide an edit"

# 7b. The checkpoint's own lines edited behind klynge's back: a link hash
# that is not the chain's, a link moved to another one of the chain, the heads
# dropped. Each is caught by plain check: it walks everything (and an edit
# made beside it is found).
for edit in 's/^link \([0-9]*\) \([0-9a-f]\)[0-9a-f]/link \1 \2z/' \
            's/^link \([0-9]*\) \([0-9a-f]*\) \([0-9]*\)$/link \1 0000000000000000000000000000000000000000000000000000000000000000 \3/' \
            '/^head /d'; do
    back_ws
    sed -i "$edit" "$CP"
    tamper "UPDATE member SET name = 'Bo Ø' WHERE email = 'bo@example.dk';"
    in_dir "$W" check
    expect_rc 1 "a checkpoint edited ($edit) does not hide an edit"
    expect_no_out "links since its full walk" "a checkpoint edited ($edit) means a full walk"
done
back_ws
k member add "Erik Eg" --email erik@example.dk --practice 123456 --position ansat --joined 2025-01-20
newest=$(sqlite3 "$W/klynge.db" "SELECT id || ' ' || lower(hex(hash)) FROM chain ORDER BY id DESC LIMIT 1")
sed -i "s/^link [0-9]* [0-9a-f]* \([0-9]*\)$/link $newest \1/" "$CP"
in_dir "$W" check
expect_rc 0 "a checkpoint moved to another link (with its real hash) is ignored"
expect_no_out "links since its full walk" "a checkpoint moved to another link means a full walk"

# 7c. The documented limit (klynge-check(1)): someone who edits a record
# before the checkpoint AND puts the checkpoint's change counter on to match
# forges the file identity. Plain check then trusts the links up to the
# checkpoint; check --full walks everything and finds the edit. Money is
# still cross-checked by plain check: money.totals recomputes the day totals
# from every entry, so an edited amount is found without --full.
counter() { od -An -tu1 -j24 -N4 "$W/klynge.db" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}'; }
forge() { sed -i "s/^file \([0-9]*\) \([0-9]*\) [0-9]*$/file \1 \2 $(counter)/" "$CP"; }
back_ws
tamper "UPDATE member SET position = 'ejerlæge' WHERE email = 'bo@example.dk';"
forge
in_dir "$W" check
expect_out "links since its full walk" "a forged change counter is trusted by plain check (documented)"
in_dir "$W" check --full
expect_rc 1 "check --full finds an edit hidden behind a forged checkpoint"
expect_out "Bo Østergaard" "check --full names the edited member"
expect_out "changed behind klynge's back" "check --full says the record was changed"
back_ws
tamper "UPDATE ledger_entry SET amount_ore = amount_ore + 100000 WHERE voucher_seq = 1;"
forge
in_dir "$W" check
expect_rc 1 "an edited amount behind a forged checkpoint fails plain check"
expect_out "money.totals" "money.totals finds the edited amount without --full"
in_dir "$W" check --full
expect_rc 1 "check --full finds the edited amount"

# 8. Below the threshold no checkpoint is kept.
back_ws
KLYNGE_CHECKPOINT_FROM=100000 in_dir "$W" check
expect_rc 0 "check below the threshold passes"
[ ! -f "$CP" ] && pass || fail "below 100,000 links no checkpoint is kept"

# 9. A second clone merged in (git pull with klynge's merge driver): the other
# clone's links were written before this clone's checkpoint, so they sit
# below it in the chain — check walks everything and verifies them, and an
# edit of a merged record is found.
export GIT_CONFIG_GLOBAL=$TMP/gitconfig GIT_CONFIG_NOSYSTEM=1
git config --global user.email test@example.dk
git config --global user.name Test
git config --global init.defaultBranch main
git config --global pull.rebase false
G=$TMP/origin
(cd "$TMP" && "$KLYNGE" init origin --name "Østerbroklyngen" --cvr 12345674 --municipality København \
    --region Hovedstaden --founded 2018-11-15 --git >/dev/null 2>&1) || { echo "setup failed: init --git" >&2; exit 1; }
kg() { local dir=$1; shift; (cd "$dir" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed in $dir: $*" >&2; exit 1; }; }
kg "$G" practice add 123456 --name "Lægerne Østerbrogade" --patients 9876 --capacities 4 --as-of 2025-01-15 --joined 2018-11-15
(cd "$G" && git add -A && git commit -qm base)
for c in a b; do
    git clone -q "$G" "$TMP/$c"
    mkdir -m 700 "$TMP/$c/private" 2>/dev/null || true
    (cd "$TMP/$c" && "$KLYNGE" git setup >/dev/null 2>&1) || { echo "setup failed: git setup" >&2; exit 1; }
done
kg "$TMP/b" member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
(cd "$TMP/b" && git add -A && git commit -qm "b: Bo")
kg "$TMP/a" member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
in_dir "$TMP/a" check
[ -f "$TMP/a/private/chain-checkpoint" ] && pass || fail "clone a keeps a checkpoint"
(cd "$TMP/a" && git add -A && git commit -qm "a: Anne" && git pull -q "$TMP/b" main) >/dev/null 2>&1 ||
    fail "clone a pulls clone b"
in_dir "$TMP/a" check
if grep -qE '\[store\.[a-z]+\]' <<<"$OUT"; then fail "the merged chain verifies"; else pass; fi
expect_no_out "links since its full walk" "after a merge the chain is walked in full"
in_dir "$TMP/a" check
expect_out "links since its full walk" "the full walk after the merge leaves a checkpoint again"
W=$TMP/a tamper "UPDATE member SET position = 'ansat' WHERE email = 'bo@example.dk';"
in_dir "$TMP/a" check
expect_out "changed behind klynge's back" "an edit of a record the merge brought in is found"

finish
