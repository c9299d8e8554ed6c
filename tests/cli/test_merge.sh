#!/usr/bin/env bash
# Two clones, one cluster (issue 12; klynge-merge(1), klynge-git(1)): real git,
# real clones, klynge's merge driver found by name on the PATH. Every record
# family added on both sides merges both ways to the same records, byte for
# byte; numbers that met are renumbered; the domain's clashes are reported
# and resolved with ordinary commits; a clone without the setup, a merge
# git did without the driver, and a klynge older than the workspace are
# refused.
source "$(dirname "$0")/lib.sh"
export KLYNGE_TODAY=2026-03-10
BIN=$TMP/bin
mkdir -p "$BIN"
ln -s "$KLYNGE" "$BIN/klynge"
export PATH=$BIN:$PATH
export GIT_CONFIG_GLOBAL=$TMP/gitconfig GIT_CONFIG_NOSYSTEM=1
git config --global user.email test@example.dk
git config --global user.name Test
git config --global init.defaultBranch main
git config --global pull.rebase false
CPR=150472-1234

# k DIR ARGS... : a klynge command that must succeed.
k() {
    local dir=$1
    shift
    (cd "$dir" && klynge "$@" >/dev/null 2>"$CAPTURE/k.err") || { echo "setup failed in $dir: klynge $*: $(cat "$CAPTURE/k.err")" >&2; exit 1; }
}
commit() { (cd "$1" && git add -A && git commit -qm "$2") || { echo "commit failed" >&2; exit 1; }; }
store_clean() { # DIR DESCRIPTION: klynge check finds nothing wrong with the records themselves
    in_dir "$1" check
    if grep -qE '\[(store\.[a-z]+|money\.totals)\]' <<<"$OUT"; then fail "$2: $(grep -E '\[(store|money\.totals)' <<<"$OUT" | head -3)"; else pass; fi
}

# --- A workspace in git, cloned twice ------------------------------------------
W=$TMP/origin
klynge init "$W" --name "Østerbroklyngen" --cvr 12345674 --municipality København --region Hovedstaden \
    --founded 2018-11-15 --git >"$CAPTURE/init.out" 2>&1 || { cat "$CAPTURE/init.out"; exit 1; }
expect_eq "$(git -C "$W" config merge.klynge.driver)" "klynge merge-driver %O %A %B %P" "init --git registers the driver by name"
expect_eq "$(git -C "$W" config diff.klynge.textconv)" "klynge dump" "textconv by name, no absolute path"
grep -qx "klynge.db diff=klynge merge=klynge" "$W/.gitattributes" && pass || fail ".gitattributes names the driver"
grep -qx "klynge.head merge=union" "$W/.gitattributes" && pass || fail ".gitattributes: klynge.head by union"
k "$W" practice add 123456 --name "Lægerne Østerbrogade" --patients 9876 --capacities 4 --as-of 2025-01-15 --joined 2018-11-15
k "$W" member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k "$W" member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k "$W" member add "Carl Åberg" --email carl@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k "$W" role assign koordinator anne@example.dk --from 2018-11-15
KLYNGE_TODAY=2026-01-20 k "$W" meeting call --type generalforsamling --title "Generalforsamling 2026" \
    --start "2026-02-20 17:00" --end "19:00" --place Kulturhuset
k "$W" ledger income --date 2026-02-01 --amount 134031,65 --kind driftstilskud --text "Klyngemidler 2026"
k "$W" ledger add --date 2026-02-20 --amount 1234 --category forplejning --text "Smørrebrød" --meeting 1
(cd "$W" && printf '%s\n' "$CPR" | klynge contract add anne@example.dk --role koordinator --fee-per-year 60000 \
    --schedule quarterly --from 2026-01-01 --cpr - >/dev/null 2>&1) || { echo "setup failed: contract" >&2; exit 1; }
commit "$W" "base"

clone() { # NAME: a clone with its own setup and private/ (CPR numbers never travel through git)
    git clone -q "$W" "$TMP/$1"
    mkdir -m 700 "$TMP/$1/private" 2>/dev/null || true
    cp "$W/private/cpr.db" "$TMP/$1/private/"
    (cd "$TMP/$1" && klynge git setup >/dev/null 2>&1) || { echo "git setup failed" >&2; exit 1; }
}
clone a
clone b
A=$TMP/a B=$TMP/b

# --- Every record family on both sides -----------------------------------------
for side in a b; do
    D=$TMP/$side
    n=$([ $side = a ] && echo 2 || echo 3)
    k "$D" practice add 23456$n --name "Praksis $side" --patients 500$n --as-of 2026-01-01 --joined 2026-01-01
    k "$D" practice set 123456 --patients 99${n}0 --as-of 2026-03-0$n
    k "$D" member add "Ny $side" --email ny$side@example.dk --practice 23456$n --position ejerlæge --joined 2026-01-01
    k "$D" role assign kasserer ny$side@example.dk --from 2026-02-0$n
    KLYNGE_TODAY=2026-02-0$n k "$D" meeting call --type klyngemøde --title "Møde $side" --start "2026-04-0$n 17:00" \
        --end "19:00" --place "Lægehuset $side"
    k "$D" meeting rsvp 2 anne@example.dk yes --note "vegetar $side"
    k "$D" ledger add --date 2026-02-1$n --amount 10$n --category forplejning --text "Kage $side"
    k "$D" ledger approve B-2026-003
    k "$D" budget set --year 2026 --category lokaleleje --amount 500$n
    k "$D" hours log anne@example.dk --date 2026-02-1$n --hours $n --task "Arbejde $side"
done
# Fields on different records, or different fields: no conflict.
k "$A" member set bo@example.dk --position ansat
k "$B" member set anne@example.dk --name "Anne Ærø Hansen"
# The held meeting's votes, and a payout with its B-income and SKAT mark, on one side each.
k "$A" meeting attend 1 anne@example.dk bo@example.dk carl@example.dk
k "$A" vote 1 --motion "Budget 2026" --yes 3 --no 0
k "$B" payout --contract 1 --date 2026-03-09 --period 2026-K1
# PLO pays the request the same day: B-income of March (issue 13).
paid_by_plo() { # WORKSPACE
    local v
    v=$(sqlite3 "$1/klynge.db" "SELECT e.voucher FROM payout o JOIN ledger_entry e ON e.id = o.ledger_entry_id
        WHERE NOT EXISTS (SELECT 1 FROM ledger_event x WHERE x.entry_id = e.id AND x.event = 'paid')")
    k "$1" ledger approve "$v" --date 2026-03-09
    k "$1" ledger pay "$v" --date 2026-03-09
}
paid_by_plo "$B"
k "$B" skat mark-reported --month 2026-03 --ref "kvittering 4711"
commit "$A" "a"
commit "$B" "b"

# Merge both ways from the same two commits.
cp -a "$A" "$TMP/a2"
cp -a "$B" "$TMP/b2"
(cd "$A" && git pull -q "$B" main) 2>"$CAPTURE/pull.err"; RC=$?
ERR=$(cat "$CAPTURE/pull.err")
expect_rc 0 "A pulls B: no conflict"; [ "$RC" -ne 0 ] && echo "$ERR" >&2
expect_err "klynge: merged klynge.db record by record" "the driver ran"
expect_err "renumbered" "the numbers that met are renumbered and shown"
(cd "$TMP/b2" && git pull -q "$TMP/a2" main) 2>/dev/null
expect_eq "$(cd "$A" && klynge dump)" "$(cd "$TMP/b2" && klynge dump)" "merged both ways: the same dump byte for byte"
store_clean "$A" "the merged workspace"
# Every record of both sides is there.
in_dir "$A" member list
for x in "Ny a" "Ny b" "Carl Åberg" "Anne Ærø Hansen"; do expect_out "$x" "member $x after the merge"; done
in_dir "$A" member show bo@example.dk
expect_out "ansat" "a field changed on one side only"
in_dir "$A" practice list
expect_out "234562" "practice of a"
expect_out "234563" "practice of b"
in_dir "$A" meeting list
expect_out "Møde a" "meeting of a"
expect_out "Møde b" "meeting of b"
in_dir "$A" ledger list
expect_out "Kage a" "ledger entry of a"
expect_out "Kage b" "ledger entry of b"
expect_eq "$(grep -oE 'B-2026-00[3-9]' <<<"$OUT" | sort -u | tr '\n' ' ')" "B-2026-003 B-2026-004 B-2026-005 " \
    "vouchers B-2026-003 … 005: both sides' 003 met, one got the next free number"
in_dir "$A" vote list
expect_out "Budget 2026" "decision of a"
in_dir "$A" skat report --month 2026-03
expect_out "kvittering 4711" "SKAT mark of b"
in_dir "$A" hours report --year 2026
grep -qE "koordinator +5 +2$" <<<"$OUT" && pass || fail "hours of both sides (2 + 3, 2 entries): $OUT"
in_dir "$A" --format json meeting show 2
expect_out "vegetar" "RSVP of a side"
in_dir "$A" log -n 1
expect_out "klynge merge-driver" "the merge is in the audit log"
# Renumbering is recorded.
expect_eq "$(sqlite3 "$A/klynge.db" 'SELECT count(*) FROM renumbering')" \
    "$(sqlite3 "$A/klynge.db" "SELECT count(*) FROM renumbering WHERE merged_at <> ''")" "renumberings recorded"
[ "$(sqlite3 "$A/klynge.db" 'SELECT count(*) FROM renumbering')" -ge 3 ] && pass || fail "member, meeting, voucher renumbered"
# git still shows records, by name, on every clone.
OUT=$(cd "$A" && git log -p -1 --first-parent -m -- klynge.db 2>&1)
[[ "$OUT" == *"INSERT INTO member("* ]] && pass || fail "git log -p klynge.db shows records: ${OUT:0:300}"

# The next command anchors the merged chain again.
k "$A" member add "Efter Merge" --email efter@example.dk --practice 123456 --position vikar
store_clean "$A" "after the next command"
expect_eq "$(grep -vc '^#' "$A/klynge.head")" "1" "klynge.head names one head again"
commit "$A" "after"

# --- Three clones: B pulls A (which has merged B), then C pulls both -------------
(cd "$B" && git pull -q "$A" main) 2>/dev/null; RC=$?
expect_rc 0 "B pulls A: a fast-forward"
expect_eq "$(cd "$B" && klynge dump)" "$(cd "$A" && klynge dump)" "the fast-forward has A's records"
clone c # from the origin: the base only
C=$TMP/c
k "$C" member add "Ny c" --email nyc@example.dk --practice 123456 --position ansat
commit "$C" "c"
(cd "$C" && git pull -q "$A" main) 2>"$CAPTURE/c.err"; RC=$?; [ $RC -ne 0 ] && cat "$CAPTURE/c.err" >&2
expect_rc 0 "C pulls A, which holds B's work"
store_clean "$C" "three clones"
in_dir "$C" member list
for x in "Ny a" "Ny b" "Ny c" "Efter Merge"; do expect_out "$x" "C has $x"; done

# --- Conflicts -------------------------------------------------------------------
fresh_pair() { # the two clones at the same commit, each with one change to make
    rm -rf "$TMP/p" "$TMP/q"
    git clone -q "$A" "$TMP/p"
    git clone -q "$A" "$TMP/q"
    for d in p q; do
        mkdir -m 700 "$TMP/$d/private" 2>/dev/null || true
        cp "$A/private/cpr.db" "$TMP/$d/private/"
        (cd "$TMP/$d" && klynge git setup >/dev/null 2>&1)
    done
    P=$TMP/p Q=$TMP/q
}
conflict_case() { # NAME TAKE MESSAGE: P pulls Q, the conflict is reported, commands refuse, TAKE resolves it
    local name=$1 take=$2 message=$3
    commit "$P" "p"
    commit "$Q" "q"
    (cd "$P" && git pull -q "$Q" main) >/dev/null 2>"$CAPTURE/pull.err"; RC=$?
    ERR=$(cat "$CAPTURE/pull.err")
    [ "$RC" -ne 0 ] && pass || fail "$name: the pull stops with a conflict"
    expect_err "$message" "$name: the driver names it"
    in_dir "$P" merge --conflicts
    expect_rc 0 "$name: merge --conflicts"
    expect_out "$message" "$name: listed"
    expect_out "open" "$name: open"
    refused "$P" 3 "half-merged" member list
    refused "$P" 3 "klynge merge --conflicts" ledger add --date 2026-03-01 --amount 1 --category forplejning --text x
    in_dir "$P" merge --take "$take" 1
    expect_rc 0 "$name: take $take"
    expect_out "Every conflict is resolved" "$name: resolved"
    store_clean "$P" "$name: resolved"
    in_dir "$P" member list
    expect_rc 0 "$name: commands work again"
    (cd "$P" && git add klynge.db klynge.head && git commit -qm "merge with $name resolved") && pass || fail "$name: a normal commit"
}

# A pending expense (the payout B-2026-004 is paid by PLO since issue 13).
k "$A" ledger add --date 2026-03-09 --amount 300 --category lokaleleje --text "Lokale marts"
commit "$A" "lokale"
PENDING=$(sqlite3 "$A/klynge.db" "SELECT voucher FROM ledger_entry WHERE text = 'Lokale marts'")
fresh_pair
k "$P" ledger approve "$PENDING"
k "$Q" ledger reject "$PENDING" --reason "Ikke godkendt"
conflict_case "approved and rejected" ours "was approved on our side and rejected on theirs"
in_dir "$P" ledger show "$PENDING"
expect_out "godkendt" "the approval taken"

fresh_pair
k "$P" role assign koordinator bo@example.dk --from 2026-03-01
k "$Q" role assign koordinator carl@example.dk --from 2026-03-05
conflict_case "two coordinators" theirs "a new coordinator from 2026-03-01 on our side and another from 2026-03-05 on theirs"
in_dir "$P" role list --at 2026-03-06
expect_out "Carl" "their coordinator taken"
expect_no_out "Bo Øster" "ours not"

fresh_pair
KLYNGE_TODAY=2026-04-10 k "$P" meeting attend 2 anne@example.dk bo@example.dk
KLYNGE_TODAY=2026-04-10 k "$Q" meeting attend 2 anne@example.dk carl@example.dk
KLYNGE_TODAY=2026-04-10 conflict_case "attendance" ours "was recorded on both sides, differently"

k "$A" payout --person anne@example.dk --amount 412,50 --kind kørsel --date 2026-03-09
paid_by_plo "$A"
commit "$A" "mileage"
fresh_pair
k "$P" skat mark-reported --month 2026-03 --ref "kvittering A"
k "$Q" skat mark-reported --month 2026-03 --ref "kvittering B"
conflict_case "two SKAT marks" theirs "2026-03 was marked as reported to eIndkomst on both sides"
in_dir "$P" skat report --month 2026-03
expect_out "kvittering B" "their mark taken"

fresh_pair
k "$P" member set carl@example.dk --email carl.p@example.dk
k "$Q" member set carl@example.dk --email carl.q@example.dk
conflict_case "a field changed differently" theirs "was changed differently on both sides (email"
in_dir "$P" member list
expect_out "carl.q@example.dk" "their e-mail taken"

fresh_pair
k "$P" member add "Dorte" --email dorte@example.dk --practice 123456 --position ansat
k "$Q" member add "Dorte D." --email dorte@example.dk --practice 123456 --position ansat
conflict_case "the same person added twice" ours "was added on both sides with the same email"

# --- Refusals ----------------------------------------------------------------------
# A clone without `klynge git setup`: every command says what to run.
git clone -q "$A" "$TMP/nosetup"
refused "$TMP/nosetup" 3 "klynge git setup" member list
# A workspace in a repository that ignores it (as the demo's under the source
# tree's build/) is not versioned there: its commands work.
printf 'ws/\n' >"$TMP/nosetup/.gitignore"
cp -r "$TMP/nosetup" "$TMP/outer" && rm -rf "$TMP/outer/.git"
git -C "$TMP/outer" init -q && mkdir "$TMP/outer/ws"
mv "$TMP/outer/klynge.toml" "$TMP/outer/klynge.db" "$TMP/outer/klynge.head" "$TMP/outer/.gitattributes" "$TMP/outer/ws/"
for f in "$TMP/outer"/*; do [ "$f" = "$TMP/outer/ws" ] || mv "$f" "$TMP/outer/ws/"; done
in_dir "$TMP/outer/ws" member list
expect_rc 0 "a workspace the enclosing repository ignores"
rm "$TMP/outer/.gitignore"
refused "$TMP/outer/ws" 3 "klynge git setup" member list
rm "$TMP/nosetup/.gitignore"
# The driver is found in .git/config as git reads it: section and key names
# in any case, the quoted subsection exact, and only inside its own section.
cfg="$TMP/nosetup/.git/config"
cp "$cfg" "$TMP/nosetup.config"
printf '[merge "other"]\n\tdriver = x\n[merge]\n\tdriver = y\n' >>"$cfg"
refused "$TMP/nosetup" 3 "klynge git setup" member list
cp "$TMP/nosetup.config" "$cfg"
printf '[merge "Klynge"]\n\tdriver = klynge merge-driver %%O %%A %%B %%P\n' >>"$cfg"
refused "$TMP/nosetup" 3 "klynge git setup" member list
cp "$TMP/nosetup.config" "$cfg"
printf '[merge "klynge"]\n\tname = only a name\n[core]\n\tdriver = not here\n' >>"$cfg"
refused "$TMP/nosetup" 3 "klynge git setup" member list
cp "$TMP/nosetup.config" "$cfg"
printf '  [ MERGE  "klynge" ]  \n\tDriver=klynge merge-driver %%O %%A %%B %%P\n' >>"$cfg"
in_dir "$TMP/nosetup" member list
expect_rc 0 "a driver line in git's other spelling"
cp "$TMP/nosetup.config" "$cfg"
in_dir "$TMP/nosetup" git setup
expect_rc 0 "git setup"
in_dir "$TMP/nosetup" member list
expect_rc 0 "after the setup"
# A merge git did without the driver kept our side's file whole: detected.
rm -rf "$TMP/raw" "$TMP/raw2"
git clone -q "$A" "$TMP/raw"
git clone -q "$A" "$TMP/raw2"
k "$TMP/raw2" git setup
k "$TMP/raw2" member add "Fie" --email fie@example.dk --practice 123456 --position ansat
commit "$TMP/raw2" "raw2"
k "$TMP/raw" git setup
k "$TMP/raw" member add "Gry" --email gry@example.dk --practice 123456 --position ansat
commit "$TMP/raw" "raw"
git -C "$TMP/raw" config --remove-section merge.klynge
(cd "$TMP/raw" && git pull -q "$TMP/raw2" main) >/dev/null 2>&1
refused "$TMP/raw" 3 "this clone is not set up for klynge's record-level merge" member list
git -C "$TMP/raw" config merge.klynge.driver "klynge merge-driver %O %A %B %P"
refused "$TMP/raw" 3 "git kept our side's klynge.db whole" member list
# A workspace written by a newer klynge: the driver refuses to merge it.
rm -rf "$TMP/new1" "$TMP/new2"
git clone -q "$A" "$TMP/new1"
git clone -q "$A" "$TMP/new2"
k "$TMP/new1" git setup
k "$TMP/new2" git setup
k "$TMP/new1" member add "Hans" --email hans@example.dk --practice 123456 --position ansat
commit "$TMP/new1" "n1"
k "$TMP/new2" member add "Ida" --email ida@example.dk --practice 123456 --position ansat
sqlite3 "$TMP/new2/klynge.db" 'PRAGMA user_version = 99'
commit "$TMP/new2" "n2"
(cd "$TMP/new1" && git pull -q "$TMP/new2" main) >/dev/null 2>"$CAPTURE/pull.err"; RC=$?
[ "$RC" -ne 0 ] && pass || fail "a newer schema is not merged"
grep -q "newer klynge" "$CAPTURE/pull.err" && pass || fail "the driver says why: $(cat "$CAPTURE/pull.err")"

# --- A workspace from before record ids that survive clones: upgrade, then merge ----
O=$TMP/old
mkdir -p "$O"
cp "$KLYNGE_FIXTURES/v6/klynge.db" "$KLYNGE_FIXTURES/v6/klynge.toml" "$O/"
mkdir -p "$O/templates" "$O/documents" "$O/receipts"
(cd "$O" && git init -q && git add -A && git commit -qm "schema 6" && klynge git setup >/dev/null 2>&1 && git add -A && git commit -qm setup)
git clone -q "$O" "$TMP/old2"
k "$TMP/old2" git setup
k "$O" member list
k "$O" member add "Ny gammel" --email nygammel@example.dk --practice "$(sqlite3 "$O/klynge.db" 'SELECT ydernummer FROM practice LIMIT 1')" --position ansat
commit "$O" "upgraded and added"
k "$TMP/old2" member add "Ny anden" --email nyanden@example.dk --practice "$(sqlite3 "$O/klynge.db" 'SELECT ydernummer FROM practice LIMIT 1')" --position ansat
commit "$TMP/old2" "upgraded and added too"
(cd "$O" && git pull -q "$TMP/old2" main) >/dev/null 2>&1; RC=$?
expect_rc 0 "a schema-6 workspace upgraded on both clones merges"
store_clean "$O" "the merged old workspace"
in_dir "$O" member list
expect_out "Ny gammel" "ours kept"
expect_out "Ny anden" "theirs kept"

finish
