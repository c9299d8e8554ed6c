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
# git runs `klynge dump` and klynge's merge driver by name: put this klynge on the PATH.
BIN=$(mktemp -d)
ln -s "$KLYNGE" "$BIN/klynge"
export PATH=$BIN:$PATH

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

step "February 2025: the ordinary general assembly, called with the 14 days' notice the bylaws require"
on 2025-02-03
k meeting call --type generalforsamling --title "Ordinær generalforsamling 2025" \
    --start "2025-02-27 17:00" --end "19:00" --place "Østerbrohuset, sal 2" --respond-by 2025-02-20 --outbox
k meeting call --type klyngemøde --title "Klyngemøde om KOL og spirometri" \
    --start "2025-04-24 17:30" --end "20:30" --place "Lægerne Østerbrogade" --respond-by 2025-04-17 \
    --guest "Mia Krog <mia.krog@kk.example.dk>" --outbox
echo "One e-mail per invitee, with the notice and a calendar invitation, ready for the mail program:"
ls documents/meetings/2025-02-27-ordinaer-generalforsamling-2025/outbox | sed -n 1,3p
on 2025-02-14
k meeting rsvp 1 bo.ostergaard@example.dk yes --note "vegetar"
echo "A member's proposal for the assembly, in time (14 days before, bylaws §5):"
k meeting proposal 1 "Klyngen opretter en arbejdsgruppe om KOL" --by lars.baekgaard@example.dk --received 2025-02-10
k meeting rsvp 1 lars.baekgaard@example.dk yes
k meeting rsvp 1 gustav.morch@example.dk no --note "på ferie"
k meeting list

step "27 February 2025: the assembly is held — who came, and the minutes"
on 2025-02-27
k meeting attend 1 anne.aero@example.dk bo.ostergaard@example.dk camilla.aagaard@example.dk \
    dorthe.sondergaard@example.dk hanne.jorgensen@example.dk ib.thygesen@example.dk lars.baekgaard@example.dk \
    mette.frolund@example.dk niels.kragh@example.dk signe.vestergard@example.dk thomas.lovgreen@example.dk \
    william.orsted@example.dk yrsa.holm@example.dk zenia.ostrup@example.dk frederikke.bogh@example.dk
step "The assembly decides: the budget, a change of the bylaws, the coordinator, and next year's topics"
echo "13 owners (ejerlæger) are present with voting right; employed doctors and the doctor in training observe."
k vote 1 --motion "Budget 2025" --yes 11 --no 0 --blank 2
echo "The change of the bylaws carries the paragraph's new wording; meeting bylaws prints it once adopted:"
cat >"$DEMO/paragraf-7.md" <<'EOF2'
Generalforsamlingen vælger en læge fra klyngen som klyngekoordinator og
fastsætter klyngekoordinatorens honorar. Klyngekoordinatoren varetager den
daglige ledelse og sikrer rammerne for kvalitetsarbejdet: samler lægerne,
formidler data om deres praksis og følger op på arbejdet.

Generalforsamlingen kan vælge en suppleant for klyngekoordinatoren og en
bestyrelse, som i så fald leder klyngen sammen med klyngekoordinatoren.
Fratræder klyngekoordinatoren før tid, indtræder suppleanten frem til næste
ordinære generalforsamling; er der ingen suppleant, indkaldes til
ekstraordinær generalforsamling.
EOF2
k vote 1 --motion "Ændring af § 7: koordinatorens honorar fastsættes af generalforsamlingen" --kind bylaws \
    --yes 10 --no 2 --blank 1 --paragraph 7 --text "$DEMO/paragraf-7.md"
echo "A written ballot on the membership fee; the doctor in training's ballot is refused:"
k vote 1 --motion "Intet kontingent i 2025" --ballot frederikke.bogh@example.dk=yes \
    --ballot anne.aero@example.dk=yes || true
k vote 1 --motion "Intet kontingent i 2025" --ballot anne.aero@example.dk=yes --ballot bo.ostergaard@example.dk=yes \
    --ballot camilla.aagaard@example.dk=no --ballot hanne.jorgensen@example.dk=yes --ballot ib.thygesen@example.dk=blank \
    --ballot lars.baekgaard@example.dk=yes --ballot mette.frolund@example.dk=yes --ballot niels.kragh@example.dk=no \
    --ballot signe.vestergard@example.dk=yes --ballot thomas.lovgreen@example.dk=yes \
    --ballot william.orsted@example.dk=yes --ballot yrsa.holm@example.dk=no --ballot zenia.ostrup@example.dk=yes
k vote election 1 --office koordinator --candidate "Anne Ærø" --candidate "Lars Bækgaard" \
    --votes "Anne Ærø=9" --votes "Lars Bækgaard=4"
echo "The board, three seats: each voter has up to three votes; a tie at the last seat, then a new round:"
k vote election 1 --office bestyrelse --seats 3 --candidate "Gustav Mørch" --candidate "William Ørsted" \
    --candidate "Camilla Aagaard" --candidate "Niels Kragh" --votes "Gustav Mørch=11" --votes "William Ørsted=9" \
    --votes "Camilla Aagaard=7" --votes "Niels Kragh=7"
k vote election 1 --office bestyrelse --candidate "Camilla Aagaard" --candidate "Niels Kragh" \
    --votes "Camilla Aagaard=8" --votes "Niels Kragh=5"
echo "Topics for the coming year by dot voting, three dots each (the doctor in training too):"
k vote dots 1 --choose 2 --question "Emner for klyngemøderne 2025" --idea "KOL og spirometri" \
    --idea "Antibiotika i almen praksis" --idea "Demens" --idea "Diabetes type 2" \
    --dots anne.aero@example.dk="KOL og spirometri":2 --dots anne.aero@example.dk=Demens:1 \
    --dots bo.ostergaard@example.dk="KOL og spirometri":3 --dots camilla.aagaard@example.dk="Diabetes type 2":3 \
    --dots dorthe.sondergaard@example.dk="Antibiotika i almen praksis":2 --dots dorthe.sondergaard@example.dk=Demens:1 \
    --dots hanne.jorgensen@example.dk="KOL og spirometri":1 --dots hanne.jorgensen@example.dk="Antibiotika i almen praksis":2 \
    --dots lars.baekgaard@example.dk="Antibiotika i almen praksis":3 --dots mette.frolund@example.dk=Demens:3 \
    --dots frederikke.bogh@example.dk="KOL og spirometri":2 --dots frederikke.bogh@example.dk="Diabetes type 2":1
k vote ideas
k vote list
k meeting minutes 1 --chair lars.baekgaard@example.dk --minute-taker "Lise Hansen"
echo "The minute-taker writes in what was said; the minutes keep it whenever they are written:"
k meeting note 1 --item 2 "Klyngekoordinatoren gennemgik årets klyngemøder og samarbejdet med kommunen; beretningen blev taget til efterretning."
on 2025-03-06
k meeting minutes 1 --approve >/dev/null
echo "The bylaws with the adopted change of § 7 and their history:"
k meeting bylaws
sed -n '/^## Vedtagelse og ændringer/,$p' documents/vedtaegter.md

step "April 2025: the cluster meeting, with a guest from the municipality"
on 2025-04-24
k meeting attend 2 anne.aero@example.dk bo.ostergaard@example.dk camilla.aagaard@example.dk \
    emil.kjaer@example.dk ib.thygesen@example.dk jonas.agard@example.dk niels.kragh@example.dk \
    thomas.lovgreen@example.dk ulla.waever@example.dk yrsa.holm@example.dk mia.krog@kk.example.dk
k meeting minutes 2 --minute-taker "Lise Hansen" >/dev/null
k meeting list --year 2025

step "The quality work: the topics chosen by dot vote become themes, with data, goals and tasks"
k theme add --from-vote 7 --title "KOL og spirometri" --reason "Valgt ved prikafstemning på generalforsamlingen" \
    --data "KiAP's klyngepakke om KOL" --data "Datavisning: spirometri hos patienter med KOL" \
    --goal "Alle patienter med KOL får en spirometri hvert år"
k theme add --from-vote 7 --title "Antibiotika i almen praksis" --data "Datavisning: ordinationer af antibiotika" \
    --start 2025-09-01
k task add "Træk egne data om spirometri til næste møde" --owner bo.ostergaard@example.dk --due 2025-06-15 \
    --meeting 2 --theme 1
k task add "Aftal oplæg fra kommunens KOL-team" --owner camilla.aagaard@example.dk --due 2025-08-31 --meeting 2 --theme 1
echo "The follow-up meeting works on both themes; its agenda lists them and the open tasks under \"Opfølgning\"."
echo "Lægerne Østerbrogade hosts it, and those who cannot come join online:"
k meeting call --type klyngemøde --title "Opfølgning på KOL og antibiotika" --theme 1 --theme 2 \
    --start "2025-09-25 17:30" --end "20:00" --place "Lægerne Østerbrogade" --respond-by 2025-09-18 \
    --host 123456 --link "https://meet.example.dk/oesterbroklyngen-kol"
grep -E '^- \*\*(Link|Arrangerende)' documents/meetings/2025-09-25-opfoelgning-paa-kol-og-antibiotika/indkaldelse.md
sed -n '/^## Temaer/,$p' documents/meetings/2025-09-25-opfoelgning-paa-kol-og-antibiotika/dagsorden.md
echo "The room is taken: the meeting moves an hour earlier to another room — the same invitation, version 1:"
k meeting move 3 --start "2025-09-25 16:30" --place "Østerbrohuset, sal 2" --outbox
grep -E '^(SEQUENCE|DTSTART;TZID)' documents/meetings/2025-09-25-opfoelgning-paa-kol-og-antibiotika/invitation.ics
k theme list
git add -A && git commit -qm "Generalforsamling og klyngemøde 2025"

step "May 2025: the treasurer brings the books up to date (klynge ledger, klynge budget)"
on 2025-05-20
mkdir -p "$DEMO/bilag"
bilag() { printf '%%PDF-1.4\n%% %s\n' "$1" >"$DEMO/bilag/$1"; echo "$DEMO/bilag/$1"; }
k ledger income --date 2025-01-01 --amount 61.482,35 --kind primo --text "Saldo på klyngens konto hos PLO 31.12.2024"
# The operating grant, paid by 1 February: 3,65 kr per patient counted on 1 February (klynge grant calc).
grant=$("$KLYNGE" --format json grant calc --year 2025 | sed -n 's/^  "operating_grant": \([0-9.]*\),$/\1/p')
k ledger income --date 2025-02-01 --amount "$grant" --kind driftstilskud --text "Klyngemidler 2025" \
    --payee "Region Hovedstaden"
echo "The budget the general assembly approved on 27 February:"
for line in driftstilskud:"$grant" honorar:60.000,00 forplejning:15.000,00 lokaleleje:8.000,00 \
    oplægsholder:10.000,00 materialer:2.000,00 konference:6.000,00; do
    k --quiet budget set --year 2025 --category "${line%%:*}" --amount "${line#*:}"
done
echo "The general assembly's costs, with the receipts, for PLO:"
k ledger add --date 2025-02-27 --amount 2.385,00 --category forplejning --meeting 1 --payee "Slagter Madsen" \
    --receipt "$(bilag smoerrebroed-gf.pdf)" --text "Smørrebrød og drikkevarer til generalforsamlingen"
k ledger add --date 2025-02-27 --amount 950,00 --category lokaleleje --meeting 1 --payee "Østerbrohuset" \
    --receipt "$(bilag oesterbrohuset-faktura.pdf)" --text "Leje af sal 2"
k ledger add --date 2025-02-27 --amount 950,00 --category lokaleleje --meeting 1 --payee "Østerbrohuset" \
    --receipt "$(bilag oesterbrohuset-faktura.pdf)" --text "Leje af sal 2"
echo "Oops, the invoice was entered twice; a mistake is corrected by a reversing entry, never by deleting:"
k ledger reverse B-2025-005 --reason "Dobbeltbogført" --date 2025-03-01
k ledger approve B-2025-003 --date 2025-03-05
k ledger approve B-2025-004 --date 2025-03-05
k ledger pay B-2025-003 --date 2025-03-12
k ledger pay B-2025-004 --date 2025-03-12
echo "The board's dinner: klynge warns that expensive restaurants are discouraged; PLO rejects it:"
k ledger add --date 2025-03-20 --amount 3.960,00 --category restaurant --payee "Restaurant Fiskebaren" \
    --receipt "$(bilag fiskebaren.pdf)" --text "Bestyrelsesmiddag"
k ledger reject B-2025-007 --date 2025-04-02 --reason "Ikke dækket: dyr restaurant"
echo "The April meeting: a speaker invoiced by her clinic (with VAT), food and print:"
k ledger add --date 2025-04-24 --amount 4.500,00 --category oplægsholder --meeting 2 \
    --payee "Lungeklinikken ApS" --receipt "$(bilag lungeklinikken-faktura.pdf)" --text "Oplæg om KOL og spirometri"
k ledger add --date 2025-04-24 --amount 1.840,00 --category forplejning --meeting 2 --payee "Café Øbro" \
    --receipt "$(bilag cafe-oebro.pdf)" --text "Sandwich og kaffe"
k ledger add --date 2025-04-23 --amount 312,50 --category materialer --meeting 2 --payee "Kopicentret" \
    --receipt "$(bilag kopicentret.pdf)" --text "Print af spirometri-cases"
echo "A member asks for a taxi to the meeting — cluster money may not pay members' travel:"
k ledger add --date 2025-04-24 --amount 286,00 --category medlemstransport --text "Taxa til klyngemødet" || true
echo "The pack PLO wants after the meeting: expense lines, receipts and who attended:"
k ledger claim 2
ls documents/meetings/*/afregning | head -n 8
k ledger approve B-2025-008 --date 2025-05-06
k ledger approve B-2025-009 --date 2025-05-06
k ledger pay B-2025-008 --date 2025-05-13
k ledger pay B-2025-009 --date 2025-05-13
k ledger list --year 2025
k ledger balance
k budget show --year 2025
git add -A && git commit -qm "Regnskab januar-maj 2025"

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

step "July 2025: the coordinator's honorarium contract, quarterly payouts and B-income for SKAT"
on 2025-07-01
echo "The assembly approved a contract for the coordinator from 1 April. Her CPR number is read from"
echo "standard input (no shell history) and kept only in private/cpr.db, which git ignores:"
printf '%s\n' "150472-1234" | k contract add anne.aero@example.dk --role koordinator --fee-per-year 60000 \
    --schedule quarterly --from 2025-04-01 --hours 80 --cpr - \
    --tasks "Klyngens daglige ledelse: møder og dagsordener, kontakt til PLO og regionen, medlemslisten hos KiAP"
k contract list
echo "Under finance.model = \"plo\" a payout is a request to PLO's cluster secretariat, which approves"
echo "and pays it, and then reports the B-income as the payer: the month PLO pays decides the report."
k payout --contract 1 --period 2025-K2 --date 2025-07-01
echo "Mileage to the region's coordinator meeting, 120 km at the state rate of 3,81 kr./km:"
k payout --person anne.aero@example.dk --amount 457,20 --kind kørsel --date 2025-07-01 \
    --receipt "$(bilag koerselsregnskab-juni.pdf)" --text "Kørsel 120 km til regionens koordinatormøde"
echo "Nothing is B-income yet: PLO has not paid."
k skat report --month 2025-07
on 2025-07-04
k ledger approve B-2025-011 --date 2025-07-02
k ledger approve B-2025-012 --date 2025-07-02
k ledger pay B-2025-011 --date 2025-07-04
k ledger pay B-2025-012 --date 2025-07-04
echo "Paid on 4 July: July's B-income, which the treasurer checks against PLO's statement:"
k skat report --month 2025-07
on 2025-08-05
k skat mark-reported --month 2025-07 --ref "PLO's opgørelse juli 2025"
k skat pending
on 2025-09-01
echo "A doctor joins after the September meeting was called: the same invitation, to her alone:"
k member add "Sofie Lindqvist" --email sofie.lindqvist@example.dk --practice 234561 --position ansat --joined 2025-09-01
k meeting invite 3 sofie.lindqvist@example.dk --outbox
on 2025-09-25
k meeting attend 3 anne.aero@example.dk bo.ostergaard@example.dk camilla.aagaard@example.dk \
    dorthe.sondergaard@example.dk lars.baekgaard@example.dk >/dev/null
k task done 1 --date 2025-06-12
k task done 2 --date 2025-09-20
k task list --all
k theme follow-up 1 --by 2026-03-31
on 2025-09-30
k hours log anne.aero@example.dk --date 2025-09-25 --hours 3,5 --task "Dagsorden og referat, klyngemøde"
k payout --contract 1 --date 2025-09-30
on 2025-10-06
k ledger approve B-2025-013 --date 2025-10-01
k ledger pay B-2025-013 --date 2025-10-03
k skat mark-reported --month 2025-10 --ref "PLO's opgørelse oktober 2025"
git add -A && git commit -qm "Honorarer og indberetning til SKAT 2025"
git check-ignore -q private/cpr.db && echo "private/cpr.db is not in git (git check-ignore)"

step "October 2025: the treasurer keeps a clone; both work, then pull — git merges klynge.db record by record"
on 2025-10-20
TREASURER=$DEMO/kasserer
git clone -q "$DEMO/oesterbro" "$TREASURER"
mkdir -m 700 "$TREASURER/private" && cp private/cpr.db "$TREASURER/private/"
(cd "$TREASURER" && git config user.name "Kasper Kasserer" && git config user.email kasper@example.dk \
    && k git setup \
    && k ledger add --date 2025-10-20 --amount 640 --category forplejning --text "Frugt til klyngemødet" \
    && git commit -qam "Udlæg oktober")
k member add "Mads Iversen" --email mads.iversen@example.dk --practice 456123 --position uddannelseslæge --joined 2025-10-01
k ledger add --date 2025-10-20 --amount 1250 --category lokaleleje --text "Lokale, oktober"
git commit -qam "Nyt medlem, lokaleleje"
echo "Both clones gave their new entry the same voucher; the pull keeps both and renumbers the younger one:"
git pull --no-rebase -q "$TREASURER" HEAD 2>&1 | grep '^klynge:' || true
k ledger list --year 2025 | tail -n 4
k check | grep -E "store\.|rules checked" || true

step "1 December 2025: klynge check warns that the roster must be registered"
on 2025-12-01
k check || true
echo "The coordinator's daily cron job (examples/crontab) reminds her too, once, also when nothing changed:"
k remind
k remind --outbox
k remind

step "The annual update from the roster the practices sent in (examples/annual-update.sh)"
on 2025-12-08
KLYNGE="$KLYNGE" "$HERE/annual-update.sh" "$HERE/oesterbro/roster-2026.csv"

step "What changed since the last registration"
k member diff

step "The coordinator registers at KiAP and records it"
on 2025-12-10
KLYNGE="$KLYNGE" "$HERE/annual-update.sh" --registered 2025-12-10

step "December 2025: the fourth quarter, and the clinic that lends the cluster its secretary (CVR, with VAT)"
on 2025-12-15
k contract add "Lægehuset Nordhavn" --role sekretær --fee-per-year 12000 --schedule half-yearly \
    --from 2025-07-01 --cvr 29000018 --tasks "Sekretærbistand ved klyngemøder og generalforsamling"
k payout --contract 1 --date 2025-12-15
k payout --contract 2 --date 2025-12-15
k hours report --year 2025
on 2025-12-19
k ledger approve B-2025-016 --date 2025-12-17
k ledger approve B-2025-017 --date 2025-12-17
k ledger pay B-2025-016 --date 2025-12-19
k ledger pay B-2025-017 --date 2025-12-19

step "2 January 2026: all good"
on 2026-01-02
k status
k log --limit 5
git add -A && git commit -qm "Medlemsopdatering registreret hos KiAP 10.12.2025"

step "January 2026: the annual accounts for the general assembly, and the books for the accountant"
on 2026-01-05
echo "December's B-income is due by 17 January (a Saturday in 2026: Monday 19 January):"
KLYNGE="$KLYNGE" "$HERE/monthly-skat.sh" || echo "(exit $?: something must be reported)"
k skat mark-reported --month 2025-12 --ref "PLO's opgørelse december 2025"
k calendar --year 2025 | grep -E "^DATE|payout"
echo "The coming year at a glance (årshjul) — deadlines, what to plan, the meetings — also for the"
echo "coordinator's calendar app (reminders a week ahead):"
k calendar --year 2026 --ics documents/frister-2026.ics | grep -E "^DATE|  (plan|meeting)$|SKAT" | head -n 12
k ledger report --year 2025 --document
sed -n '1,/^## Klyngens midler/p' documents/regnskab-2025.md | head -n 30
echo "The treasurer's budget for 2026, for the assembly to approve, beside the accounts for 2025:"
for line in driftstilskud:"$grant" honorar:60.000,00 forplejning:15.000,00 lokaleleje:8.000,00 \
    oplægsholder:10.000,00 materialer:2.000,00 konference:6.000,00; do
    k --quiet budget set --year 2026 --category "${line%%:*}" --amount "${line#*:}"
done
k budget show --year 2026 --document >/dev/null
sed -n '/^| Udgifter/,/^$/p;/^\*\*Budgetteret/p' documents/budget-2026.md
k ledger export --to hledger -o documents/klynge-2025.journal
if command -v hledger >/dev/null; then
    echo "hledger reads the same books:"
    hledger -f documents/klynge-2025.journal check -s && hledger -f documents/klynge-2025.journal bal -p 2025 --flat
fi
git add -A && git commit -qm "Årsregnskab 2025"

step "The general assembly's report for 2025: the accounts with charts, members, meetings, decisions"
on 2026-01-05
if command -v chromium >/dev/null || command -v weasyprint >/dev/null; then
    k report --year 2025 --pdf
else
    k report --year 2025   # --pdf prints it too once chromium or weasyprint is installed
fi
echo "One HTML file with its charts inside (open it in a browser, or print it):"
grep -o '<title id="[a-z]*-title">[^<]*</title>' documents/aarsrapport-2025.html | sed 's/<[^>]*>//g; s/^/  /'
echo "The region's finance unit puts 30 clusters' grants side by side:"
k grant calc --batch "$HERE/region-hovedstaden.csv" --year 2025 --html -o documents/tilskud-region-2025.html
git add -A && git commit -qm "Årsrapport 2025"

step "31 January 2026: the coordinator leaves; the suppleant holds the post until the assembly elects a new one"
on 2026-02-02
echo "Anne Ærø steps down mid-quarter. Her contract ends with the role, the same day, and the"
echo "suppleant Lars Bækgaard is acting coordinator until the next ordinary general assembly [000 §7]:"
k role handover koordinator --to lars.baekgaard@example.dk --date 2026-01-31
sed -n '1,/^## Huskeliste/p' documents/skift-af-koordinator-2026-02-01.md
echo "The first quarter is paid for the days she held the post, with the arithmetic shown:"
k payout --contract 1 --period 2026-K1 --date 2026-02-02
on 2026-02-06
k ledger approve B-2026-001 --date 2026-02-04
k ledger pay B-2026-001 --date 2026-02-06
k status | grep -E "^Coordinator"
echo "The acting coordinator drafts the notice of the ordinary general assembly for the board to read first;"
echo "nothing is sent yet, and klynge check says by when it must go out:"
k meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Østerbrohuset, sal 2" \
    --start "2026-02-26 17:00" --end "19:00" --respond-by 2026-02-19 --draft | head -n 3
k check | grep -F "[meeting.draft]"
on 2026-02-09
echo "The board has read it: sent today, the notice is dated today, and the accounts and the budget go with it:"
k meeting send 4 --outbox | sed -n "1,2p;\$p"
tail -n 1 documents/meetings/2026-02-26-ordinaer-generalforsamling-2026/indkaldelse.md
echo "and drafts his beretning for 2025 from the records, to edit before the assembly:"
k meeting report 4
sed -n '/^## Klyngens møder/,/^## Medlemmer/p' documents/meetings/2026-02-26-ordinaer-generalforsamling-2026/beretning.md
on 2026-02-26
echo "The ordinary general assembly elects Bo Østergaard; he takes over the next day:"
k role assign koordinator bo.ostergaard@example.dk --from 2026-02-27
k role list --at 2026-02-27 | grep -E "ROLE|koordinator|suppleant"
git add -A && git commit -qm "Skift af klyngekoordinator 2026"

step "Meanwhile in Valby: a new cluster is being founded, before it has a CVR number"
cd "$DEMO"
on 2026-03-02
k init valby --name "Valbyklyngen" --municipality København --region Hovedstaden
cd valby
k practice add 234567 --name "Lægehuset Valby Langgade" --patients 7400 --capacities 4 --as-of 2026-03-01 \
    --joined 2026-03-01
k member add "Jonas Kirk" --email jonas.kirk@example.dk --practice 234567 --position ejerlæge --joined 2026-03-01
k member add "Sara Yilmaz" --email sara.yilmaz@example.dk --practice 234567 --position ejerlæge --joined 2026-03-01
echo "Jonas Kirk, who took the initiative, calls the founding assembly (there is no coordinator yet) with"
echo "the 14 days' notice the standard bylaws ask for [000]:"
k config set mail.from "Jonas Kirk <jonas.kirk@example.dk>"
k meeting call --type stiftende --title "Stiftende generalforsamling" --place "Valby Kulturhus" \
    --start "2026-03-19 17:00" --end "19:00" --outbox
k status | sed -n '1,/^$/p;/^Founding/,/^$/p'
echo "What needs the CVR number waits for it (exit status $( "$KLYNGE" member export --kiap >/dev/null 2>&1; echo $?)):"
"$KLYNGE" member export --kiap 2>&1 | head -1 || true
on 2026-03-26
k meeting attend 1 jonas.kirk@example.dk sara.yilmaz@example.dk
k role assign koordinator jonas.kirk@example.dk --from 2026-03-19
k meeting minutes 1 --chair sara.yilmaz@example.dk --minute-taker jonas.kirk@example.dk | head -3
echo "virk.dk registers the association from the minutes and the bylaws; the CVR number is recorded:"
k config set cluster.cvr 29876541
k config set cluster.founded 2026-03-19
k config set cluster.bank_account "1234 0012345678"
k meeting bylaws
head -3 documents/vedtaegter.md
k status | head -3
k member export --kiap --format csv | cut -d, -f1-4 | head -3

printf '\nThe demo workspace is %s — try: cd %s && %s member list\n' "$DEMO/oesterbro" "$DEMO/oesterbro" "$KLYNGE"
