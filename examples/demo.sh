#!/usr/bin/env bash
# A realistic cluster through a year: Østerbroklyngen, five practices and
# about thirty doctors, from its workspace being set up in January 2025 to
# the membership update registered before 1 January 2026.
#
#   examples/demo.sh KLYNGE_BINARY [DIR]     (./run.sh demo does this for you)
set -euo pipefail
KLYNGE=$(realpath "${1:?usage: demo.sh KLYNGE_BINARY [DIR]}")
DEMO=${2:-$(mktemp -d)/demo}
HERE=$(cd "$(dirname "$0")" && pwd)
export KLYNGE
unset KLYNGE_DIR

rm -rf "$DEMO"
mkdir -p "$DEMO"
cd "$DEMO"

step() { printf '\n== %s\n' "$*"; }
k() { printf '$ klynge %s\n' "$*"; "$KLYNGE" "$@"; }
on() { export KLYNGE_TODAY=$1; printf '\n-- %s --\n' "$1"; }

step "January 2025: the coordinator sets up the cluster's workspace"
on 2025-01-15
k init oesterbro --name "Østerbroklyngen" --cvr 12345674 --municipality København \
    --region Hovedstaden --founded 2018-11-15 --git
cd oesterbro
git config user.name "Anne Ærø"
git config user.email anne.aero@example.dk

step "The five member practices, with patient counts as of 15 January"
tail -n +2 "$HERE/oesterbro/practices.csv" | while IFS=, read -r ydernr name patients capacities; do
    k --quiet practice add "$ydernr" --name "$name" --patients "$patients" --capacities "$capacities" \
        --as-of 2025-01-15 --joined 2018-11-15
done
k practice list

step "The roster from last year's registration (semicolon CSV, as Danish Excel saves it)"
k member import "$HERE/oesterbro/roster-2025.csv"
k member registered --date 2024-12-12 --note "Registreret hos KiAP december 2024"

step "Roles: coordinator, substitute, treasurer, board, and a clinic secretary"
k role assign koordinator anne.aero@example.dk --from 2018-11-15
k role assign suppleant lars.baekgaard@example.dk --from 2023-03-01
k role assign kasserer signe.vestergard@example.dk --from 2021-03-01
k role assign bestyrelse gustav.morch@example.dk --from 2021-03-01
k role assign bestyrelse william.orsted@example.dk --from 2021-03-01
k role assign sekretær "Lise Hansen" --external --from 2022-01-01
k role list
git add -A && git commit -qm "Østerbroklyngen, januar 2025"

step "The cluster at a glance"
k status

step "During the year: new counts, a new owner, a departure"
on 2025-02-01
k practice set 234561 --patients 7512 --as-of 2025-02-01
k practice set 123456 --patients 9951 --as-of 2025-02-01
on 2025-06-30
k member leave gustav.morch@example.dk --date 2025-06-30
k practice set 234561 --capacities 4 --as-of 2025-07-01
on 2025-07-01
k member set jonas.agard@example.dk --position ejerlæge
k role assign bestyrelse jonas.agard@example.dk --from 2025-07-01
git add -A && git commit -qm "Ændringer i løbet af 2025"
echo "git diff shows records, through klynge dump:"
git show --stat --format='%s' HEAD | tail -n 3
git show HEAD -- klynge.db | grep '^[-+]INSERT INTO member(' | head -n 4

step "1 December 2025: klynge check warns that the roster must be registered"
on 2025-12-01
k check || true

step "The annual update from the roster the practices sent in (examples/annual-update.sh)"
on 2025-12-08
KLYNGE="$KLYNGE" "$HERE/annual-update.sh" "$HERE/oesterbro/roster-2026.csv"

step "What changed since the last registration"
k member diff

step "The coordinator registers at KiAP and records it"
on 2025-12-10
KLYNGE="$KLYNGE" "$HERE/annual-update.sh" --registered 2025-12-10

step "2 January 2026: all good"
on 2026-01-02
k status
k log --limit 5
git add -A && git commit -qm "Medlemsopdatering registreret hos KiAP 10.12.2025"

printf '\nThe demo workspace is %s — try: cd %s && %s member list\n' "$DEMO/oesterbro" "$DEMO/oesterbro" "$KLYNGE"
