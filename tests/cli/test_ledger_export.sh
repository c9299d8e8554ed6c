#!/usr/bin/env bash
# The export round (issue 4): a workspace with more than 500 entries across
# three years is exported to hledger, ledger and beancount; the real tools
# must accept the files in their strict modes, and every account's total per
# year — and the klyngesaldo and the unpaid expenses at each year's end —
# must equal klynge's own report. Numbers are compared, not just "it parsed".
source "$(dirname "$0")/lib.sh"
export KLYNGE_TODAY=2026-12-31

for tool in hledger ledger bean-check bean-query python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "FAIL: $tool is not installed — install the Debian packages in scripts/debian-packages.txt" \
            "(./run.sh test does)" >&2
        exit 1
    fi
done

W=$TMP/w
new_workspace "$W"
# Honoraria and mileage in the books are a company's invoices: to a person
# they go through `klynge payout` and the import would refuse them.
(cd "$W" && "$KLYNGE" contract add "Oplægshuset ApS" --role oplægsholder --fee-per-year 1000 --schedule yearly \
    --from 2024-01-01 --cvr 29000018 >/dev/null 2>&1) || { echo "contract add failed" >&2; exit 1; }

# Three years of books, generated deterministically: the grant each 1
# February, expenses in every allowed category, most approved and paid
# (some across the new year), some pending, some rejected.
python3 - "$TMP/import.csv" <<'PY'
import random, sys, datetime
random.seed(4)
cats = ["honorar", "forplejning", "lokaleleje", "mødeudstyr", "software", "oplægsholder", "konsulent",
        "materialer", "konference", "kørsel", "administration", "restaurant"]
rows = ["date;amount;category;text;payee;approved;paid;rejected;reason"]
today = datetime.date(2026, 12, 31)
def kr(ore): return f"{ore // 100}.{ore % 100:02d}".replace(".", ",")
for year in (2024, 2025, 2026):
    rows.append(f"{year}-02-01;{kr(13403165 + year)};driftstilskud;Klyngemidler {year};Region Hovedstaden;;;;")
    rows.append(f"{year}-06-01;{kr(250000)};indbetaling;Egenbetaling internat {year};;;;;")
    for i in range(175):
        d = datetime.date(year, 1, 1) + datetime.timedelta(days=random.randrange(365))
        ore = random.randrange(5000, 120000)
        cat = random.choice(cats)
        fate = random.random()
        approved = paid = rejected = reason = ""
        if fate < 0.80:
            a = d + datetime.timedelta(days=random.randrange(1, 10))
            p = a + datetime.timedelta(days=random.randrange(0, 30))
            if p <= today: approved, paid = a.isoformat(), p.isoformat()
        elif fate < 0.88:
            a = d + datetime.timedelta(days=2)
            if a <= today: approved = a.isoformat()
        elif fate < 0.95:
            r = d + datetime.timedelta(days=random.randrange(1, 40))
            if r <= today: rejected, reason = r.isoformat(), "Ikke dokumenteret: mangler kvittering"
        text = f"Udgift {i} {cat}; møde, kl. 17:30"
        payee = "Oplægshuset ApS" if cat in ("honorar", "kørsel") else f"Leverandør {i % 7}"
        rows.append(f"{d.isoformat()};{kr(ore)};{cat};\"{text}\";{payee};{approved};{paid};{rejected};{reason}")
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
in_dir "$W" ledger import "$TMP/import.csv"
expect_rc 0 "import"
expect_out "Imported 531 entries" "531 entries imported"

# Reversals of a paid expense, a pending one and an income, across a year end.
in_dir "$W" --format json ledger list --status udbetalt --year 2024
paid=$(grep -m1 -o '"voucher": "B-2024-[0-9]*"' <<<"$OUT" | cut -d'"' -f4)
in_dir "$W" --format json ledger list --status afventer --year 2025
pending=$(grep -m1 -o '"voucher": "B-2025-[0-9]*"' <<<"$OUT" | cut -d'"' -f4)
for v in "$paid" "$pending" B-2025-001; do
    in_dir "$W" ledger reverse "$v" --date 2026-01-15 --reason "Dobbeltbogført"
    expect_rc 0 "reverse $v"
done
printf 'kvittering\n' >"$TMP/kvittering.pdf"
in_dir "$W" ledger attach "$paid" "$TMP/kvittering.pdf"
in_dir "$W" ledger list
entries=$(grep -c ' B-20' <<<"$OUT")
[ "$entries" -ge 500 ] && pass || fail "only $entries entries"

for f in hledger ledger beancount csv; do
    in_dir "$W" ledger export --to $f -o "$TMP/books.$f"
    expect_rc 0 "export --to $f"
done
expect_eq "$(($(wc -l <"$TMP/books.csv") - 1))" "$entries" "the CSV export has a row per entry"

# The tools accept the files in their strict modes.
if out=$(hledger -f "$TMP/books.hledger" check -s 2>&1); then pass; else fail "hledger check -s: $out"; fi
if out=$(ledger -f "$TMP/books.ledger" --pedantic bal 2>&1 >/dev/null) && [ -z "$out" ]; then pass
else fail "ledger --pedantic: $out"; fi
if out=$(bean-check "$TMP/books.beancount" 2>&1); then pass; else fail "bean-check: $out"; fi
# Without the format directive, ledger would read 1.234 kr as 1,234: the
# directive must be there, and removing it must change the totals.
grep -q '^    format 1.000,00 kr$' "$TMP/books.hledger" && pass || fail "no format directive"

# Every account's total per year equals klynge's report.
for year in 2024 2025 2026; do
    in_dir "$W" --format json ledger report --year $year
    echo "$OUT" >"$TMP/report-$year.json"
    hledger -f "$TMP/books.hledger" bal -p $year --flat -O csv >"$TMP/hledger-$year.csv" 2>&1
    hledger -f "$TMP/books.hledger" bal -e $((year + 1))-01-01 --flat -O csv Aktiver Passiver \
        >"$TMP/hledger-end-$year.csv" 2>&1
    ledger -f "$TMP/books.ledger" --pedantic bal --flat --no-total -b $year-01-01 -e $((year + 1))-01-01 \
        -F '%(account)\t%(display_total)\n' >"$TMP/ledger-$year.txt" 2>&1
    ledger -f "$TMP/books.ledger" --pedantic bal --flat --no-total -e $((year + 1))-01-01 Aktiver Passiver \
        -F '%(account)\t%(display_total)\n' >"$TMP/ledger-end-$year.txt" 2>&1
    bean-query -f csv "$TMP/books.beancount" \
        "SELECT account, sum(number) AS total WHERE year = $year GROUP BY account" >"$TMP/bean-$year.csv" 2>&1
    bean-query -f csv "$TMP/books.beancount" \
        "SELECT account, sum(number) AS total WHERE date < $((year + 1))-01-01 AND account ~ '^(Aktiver|Passiver)' GROUP BY account" \
        >"$TMP/bean-end-$year.csv" 2>&1
done
if out=$(python3 - "$TMP" <<'PY'
import csv, json, re, sys
tmp = sys.argv[1]
def ore(text):
    """'1.234,50 kr' (ledger, hledger) or '1234.50' (beancount) -> øre; '' or '0' -> 0."""
    t = text.strip().replace("kr", "").replace("DKK", "").strip()
    if t in ("", "0"): return 0
    if "," in t: t = t.replace(".", "").replace(",", ".")
    neg = t.startswith("-")
    whole, _, frac = t.lstrip("-").partition(".")
    v = int(whole) * 100 + int((frac + "00")[:2])
    return -v if neg else v
def hledger(path):
    rows = list(csv.reader(open(path)))
    return {r[0]: ore(r[1]) for r in rows[1:] if r and r[0] != "total"}
def ledger(path):
    out = {}
    for line in open(path):
        if "\t" in line:
            acc, amt = line.rstrip("\n").split("\t")
            out[acc] = ore(amt)
    return out
def bean(path):
    rows = list(csv.reader(open(path)))
    return {r[0].strip(): ore(r[1]) for r in rows[1:] if r}
problems = []
checked = 0
for year in (2024, 2025, 2026):
    rep = json.load(open(f"{tmp}/report-{year}.json"))
    # klynge's view: income is credit (negative) in double entry, expenses debit.
    expect = {}
    for line in rep["income"]: expect[line["account"]] = -round(float(line["actual"]) * 100)
    for line in rep["expenses"]: expect[line["account"]] = round(float(line["actual"]) * 100)
    if float(rep["opening_balances"]): expect["Egenkapital:Primosaldo"] = -round(float(rep["opening_balances"]) * 100)
    closing = {"Aktiver:PLO-konto": round(float(rep["closing"]["balance"]) * 100),
               "Passiver:Skyldige udgifter": -round(float(rep["closing"]["committed"]) * 100)}
    bean_names = lambda d: {a.replace(" ", "-"): v for a, v in d.items()}  # beancount: no spaces
    for tool, period, end in (("hledger", hledger(f"{tmp}/hledger-{year}.csv"), hledger(f"{tmp}/hledger-end-{year}.csv")),
                              ("ledger", ledger(f"{tmp}/ledger-{year}.txt"), ledger(f"{tmp}/ledger-end-{year}.txt")),
                              ("beancount", bean(f"{tmp}/bean-{year}.csv"), bean(f"{tmp}/bean-end-{year}.csv"))):
        got = {a: v for a, v in period.items() if not a.startswith(("Aktiver", "Passiver")) and v != 0}
        want = {a: v for a, v in expect.items() if v != 0}
        closing_names = closing
        if tool == "beancount": want, closing_names = bean_names(want), bean_names(closing)
        if got != want:
            problems.append(f"{tool} {year}: per-account totals differ: "
                            + ", ".join(f"{a}: {tool} {got.get(a)} klynge {want.get(a)}"
                                        for a in sorted(set(got) | set(want)) if got.get(a) != want.get(a)))
        for a, v in closing_names.items():
            if end.get(a, 0) != v: problems.append(f"{tool} {year}: {a} at year end is {end.get(a, 0)}, klynge {v}")
        checked += len(want) + len(closing)
    if len(expect) < 10: problems.append(f"{year}: only {len(expect)} accounts in the report")
print("\n".join(problems) if problems else f"{checked} totals equal")
sys.exit(1 if problems else 0)
PY
); then pass; echo "$out"; else fail "totals differ: $out"; fi

# Reversals point back at the original in all three formats.
grep -q "; Reverses: $paid" "$TMP/books.hledger" && pass || fail "hledger: no Reverses metadata"
grep -q "; Reverses: $paid" "$TMP/books.ledger" && pass || fail "ledger: no Reverses metadata"
grep -q "\^$paid" "$TMP/books.beancount" && pass || fail "beancount: no shared ^link"
grep -q "; Bilag: B-2026-001" "$TMP/books.hledger" && pass || fail "no Bilag metadata"
# The klyngesaldo of today equals hledger's, of the whole history.
in_dir "$W" --format json ledger balance
klynge_balance=$(grep -o '"balance": [-0-9.]*' <<<"$OUT" | awk '{print $2}')
hledger_balance=$(hledger -f "$TMP/books.hledger" bal Aktiver --flat -O csv | awk -F'","' 'NR==2 {print $2}' | tr -d '"')
expect_eq "$(python3 -c "import sys; print(sys.argv[1].replace(' kr','').replace('.','').replace(',','.'))" "$hledger_balance")" \
    "$klynge_balance" "the klyngesaldo equals hledger's Aktiver:PLO-konto"

finish
