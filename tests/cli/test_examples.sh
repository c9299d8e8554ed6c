#!/usr/bin/env bash
# The demo and the annual-update script run as the README says.
source "$(dirname "$0")/lib.sh"

OUT=$(bash "$KLYNGE_SOURCE/examples/demo.sh" "$KLYNGE" "$TMP/demo" 2>&1); RC=$?
expect_rc 0 "examples/demo.sh"
expect_out "elected: Gustav Mørch, William Ørsted; Camilla Aagaard, Niels Kragh tied at 7 votes for 1 place" \
    "the demo's 3-seat board election with a tie at the last seat"
expect_out "Camilla Aagaard is bestyrelse from 2025-02-27" "and the new round that settles it"
expect_out "warning: the roster changed since the registration on 2024-12-12 (4 changes)" "December warning in the demo"
expect_out "Recorded the KiAP registration of 28 members on 2025-12-10" "registration in the demo"
expect_out "Valbyklyngen (no CVR yet)" "the demo's founding cluster has no CVR at first"
expect_out "[ ] founding general assembly held — called as meeting 1 for 2026-03-19" "the founding checklist in the demo"
expect_out "What needs the CVR number waits for it (exit status 3)" "the KiAP sheet waits for the CVR in the demo"
expect_out "Valbyklyngen (CVR 29876541)" "the demo records the CVR with config set"
expect_out "Vedtaget på den stiftende generalforsamling den 19. marts 2026. CVR-nummer 29876541." \
    "the demo's founded cluster has adopted bylaws"
expect_out "10 of 13 present with voting right; 2/3 needs 9 (3·10 = 30 ≥ 2·13 = 26) — adopted" "the bylaws vote in the demo"
expect_out "Frederikke Bøgh has no voting right" "the trainee's ballot is refused in the demo"
expect_out "§ 7 ændret på den ordinære generalforsamling den 27. februar 2025." "the demo's bylaws record the adopted change"
grep -q "^   Klyngekoordinatoren gennemgik årets klyngemøder" \
    "$TMP/demo/oesterbro/documents/meetings/2025-02-27-ordinaer-generalforsamling-2025/referat.md" \
    && pass || fail "the demo's minutes keep the note under item 2"
grep -q "^fastsætter klyngekoordinatorens honorar" "$TMP/demo/oesterbro/documents/vedtaegter.md" \
    && pass || fail "the demo's bylaws have the new § 7"
grep -q "Valg af koordinator: Anne Ærø valgt med 9 stemmer" \
    "$TMP/demo/oesterbro/documents/meetings/2025-02-27-ordinaer-generalforsamling-2025/referat.md" \
    && pass || fail "the demo's minutes list the election"
expect_out "Practices   5, 38.888 registered patients" "status at the end"
expect_out "No problems found." "a clean cluster at the end"
[ -f "$TMP/demo/oesterbro/documents/kiap-registrering-2025-12-08.md" ] && pass || fail "KiAP sheet written"
expect_eq "$(git -C "$TMP/demo/oesterbro" status --porcelain)" "" "the demo commits everything"
# The general assembly's report (issue 17; tests/cli/test_report.sh opens it in a browser).
expect_out "Wrote the 2025 report to documents/aarsrapport-2025.html" "the demo's 2025 report"
grep -q "<h1>Årsrapport 2025 — Østerbroklyngen</h1>" "$TMP/demo/oesterbro/documents/aarsrapport-2025.html" \
    && pass || fail "the demo's report has its heading"
# Honoraria and SKAT in the demo: reported months, and the CPR only in private/.
expect_out "Marked 2 B-income records of 2025-07 (15.457,20 kr.) reported on 2025-08-05" "July (paid by PLO on 4 July) reported in the demo"
expect_out "SKAT        B-income of 2025-12 (1 payout, 15.000,00 kr.) to eIndkomst by 2026-01-19 (17 days left)" "status shows December's deadline"
expect_out "== What to report for 2025-12" "the cron job in January"
expect_no_out "150472-1234" "no CPR in the demo's output"
hits=$(cd "$TMP/demo/oesterbro" && grep -rl --exclude-dir=private --exclude-dir=.git -e 150472-1234 -e 1504721234 . || true)
expect_eq "$hits" "" "no CPR in the demo workspace outside private/"
hits=$(cd "$TMP/demo/oesterbro" && git log -p --all | grep -c -e 150472-1234 -e 1504721234 || true)
expect_eq "$hits" "0" "no CPR in the git history"
expect_eq "$(stat -c %a "$TMP/demo/oesterbro/private/cpr.db")" "600" "private/cpr.db is 0600"
# The excel-da CSV: BOM, semicolons.
head -c 3 "$TMP/demo/oesterbro/kiap-2025-12-08.csv" | od -An -tx1 | grep -q "ef bb bf" && pass || fail "excel-da BOM"
grep -q "cluster;cvr;coordinator;ydernummer" "$TMP/demo/oesterbro/kiap-2025-12-08.csv" && pass || fail "excel-da separator"

# The coordinator changes in the demo: the suppleant acts, Q1 is paid pro rata, a new one is elected.
expect_out "Lars Bækgaard is acting koordinator (suppleant, [000 §7]) from 2026-02-01" "the demo's handover"
expect_out "15.000,00 kr. × 31/90 days = 5.166,67 kr." "the demo's pro rata payout"
expect_out "Bo Østergaard is koordinator from 2026-02-27" "the demo's new coordinator"
# The ordinary assembly's pack in the demo: the budget, the notice's attachments, the draft beretning.
GF=$TMP/demo/oesterbro/documents/meetings/2026-02-26-ordinaer-generalforsamling-2026
grep -q "^| Forplejning | 15.000,00 | " "$TMP/demo/oesterbro/documents/budget-2026.md" && pass || fail "the demo's budget 2026"
expect_eq "$(tail -n 1 "$GF/indkaldelse.md")" "Bilag: Årsregnskab 2025 og budget 2026" "the demo's notice lists both"
expect_out "Wrote the draft beretning for 2025 to documents/meetings/2026-02-26-ordinaer-generalforsamling-2026/beretning.md" \
    "the demo drafts the beretning"
grep -q "^# Udkast til beretning 2025 — Østerbroklyngen" "$GF/beretning.md" && pass || fail "the demo's beretning"

# The coordinator's contract from 1 April: Danish titles, only the periods
# within it, its term and notice, the work alongside the practice, who reports.
DOC=$TMP/demo/oesterbro/documents/contracts/kontrakt-1-anne-aeroe.md
grep -q "varetager opgaven som \*\*klyngekoordinator\*\*" "$DOC" && pass || fail "the contract says klyngekoordinator"
grep -q "1. kvartal" "$DOC" && fail "a contract from 1 April lists the first quarter" || pass
grep -q "| 2. kvartal | 15.000,00 |" "$DOC" && pass || fail "the contract lists the second quarter"
grep -q "kan opsiges af begge parter med én måneds varsel" "$DOC" && pass || fail "the contract states its notice"
grep -q "ikke som led i selvstændig økonomisk virksomhed" "$DOC" && pass || fail "alongside the practice [001 §9]"
grep -q "PLO indberetter som udbetaler" "$DOC" && pass || fail "the contract says who reports"
grep -q "med tillæg af 25 % moms (3.000,00 kr.), i alt 15.000,00 kr. om året." \
    "$TMP/demo/oesterbro/documents/contracts/kontrakt-2-laegehuset-nordhavn.md" && pass || fail "the VAT sentence"

# The books and SKAT tell one story (issue 13): the demo's 2025 payouts summed
# three ways — the annual accounts, every month's skat report and the hledger
# export's payments, month by month — agree. A VAT-registered clinic's
# invoice is in the accounts and the export but is not B-income.
D=$TMP/demo/oesterbro
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
    (cd "$D" && "$KLYNGE" --format csv skat report --month 2025-$m) >"$CAPTURE/skat-2025-$m.csv" || fail "skat report 2025-$m"
done
(cd "$D" && "$KLYNGE" ledger export --to hledger -o "$CAPTURE/story.journal") || fail "hledger export"
STORY=$(python3 - "$D/documents/regnskab-2025.md" "$CAPTURE/story.journal" "$CAPTURE"/skat-2025-*.csv <<'PY'
import csv, re, sys
def ore(text):
    text = text.replace("kr", "").replace(".", "").replace(" ", "").strip()
    return round(float(text.replace(",", ".")) * 100)
accounts_md, journal, reports = sys.argv[1], sys.argv[2], sys.argv[3:]
# 1. The accounts: the year's honorar and kørsel, and nothing of them unpaid.
accounts = 0
for line in open(accounts_md, encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if cells and cells[0] in ("Honorar", "Kørsel") and len(cells) >= 3 and cells[2] not in ("–", ""):
        accounts += ore(cells[2])
# 2. The export: each payout's payment, by month; VAT invoices apart.
blocks = open(journal, encoding="utf-8").read().split("\n\n")
category, vat_invoice = {}, {}
for b in blocks:
    m = re.match(r"(\d{4}-\d\d)-\d\d [*!] \((B-\d{4}-\d+)\) (.*)", b.strip())
    if not m: continue
    voucher = m.group(2)
    k = re.search(r"; Kategori: (\S+)", b)
    if k: category[voucher] = k.group(1)
    if "heraf moms" in m.group(3): vat_invoice[voucher] = True
paid_by_month, vat_paid = {}, 0
for b in blocks:
    m = re.match(r"(\d{4}-\d\d)-\d\d [*!] \((B-\d{4}-\d+)\)", b.strip())
    if not m or category.get(m.group(2)) not in ("honorar", "kørsel"): continue
    if "Trin: udbetalt" not in b: continue
    amount = ore(re.search(r"Aktiver:\S+\s+(-?[\d.,]+) kr", b).group(1).lstrip("-"))
    if not m.group(1).startswith("2025"): continue
    if vat_invoice.get(m.group(2)): vat_paid += amount
    else: paid_by_month[m.group(1)] = paid_by_month.get(m.group(1), 0) + amount
# 3. SKAT: every month's report.
skat_by_month = {}
for path in reports:
    month = re.search(r"skat-(\d{4}-\d\d)\.csv", path).group(1)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    total = sum(round(float(r["amount"]) * 100) for r in rows)
    if total: skat_by_month[month] = total
print(f"accounts={accounts} export={sum(paid_by_month.values()) + vat_paid} skat={sum(skat_by_month.values())}+vat{vat_paid}")
print("months agree" if paid_by_month == skat_by_month else f"months differ: export {paid_by_month} skat {skat_by_month}")
PY
)
expect_eq "$(sed -n 1p <<<"$STORY")" "accounts=5295720 export=5295720 skat=4545720+vat750000" "the demo's 2025 payouts: accounts, export and SKAT agree"
expect_eq "$(sed -n 2p <<<"$STORY")" "months agree" "each month's B-income is the month the export pays it"
OUT=$(cd "$D" && "$KLYNGE" ledger list --year 2025 --category honorar 2>&1)
expect_no_out "afventer" "no honorarium is left waiting in the 2025 accounts"

finish
