#!/usr/bin/env bash
# klynge report and grant calc --html (issue 17): the demo's 2025 report in
# headless Chromium (no console errors, no network requests, every SVG with
# its title), every SVG accepted by xmllint, the PDF's A4 pages, a
# screenshot, and the charts' labels read back against the accounts.
# KLYNGE_UPDATE_DOCS=1 also copies the screenshot to docs/aarsrapport-2025.png.
source "$(dirname "$0")/lib.sh"
HERE=$KLYNGE_SOURCE/tests/cli

for tool in chromium xmllint pdfinfo python3; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing — ./run.sh installs it" >&2; exit 1; }
done

bash "$KLYNGE_SOURCE/examples/demo.sh" "$KLYNGE" "$TMP/demo" >/dev/null 2>&1
WS=$TMP/demo/oesterbro
export KLYNGE_TODAY=2026-01-05
REPORT=$WS/documents/aarsrapport-2025.html

# --- the report and its PDF ---------------------------------------------------
in_dir "$WS" report --year 2025 --pdf
expect_rc 0 "report --year 2025 --pdf"
expect_out "Wrote the 2025 report to documents/aarsrapport-2025.html" "the default file"
expect_out "Printed it to documents/aarsrapport-2025.pdf with chromium" "the PDF beside it"
expect_eq "$(pdfinfo "$WS/documents/aarsrapport-2025.pdf" | sed -n 's/^Pages: *//p')" "6" "the PDF has 6 pages (themes and tasks and the board election since issue 15; one opening balance and shorter decision lines since issue 14)"
pdfinfo "$WS/documents/aarsrapport-2025.pdf" | grep -q "Page size:.*(A4)" && pass || fail "the PDF's pages are A4"
pdftotext "$WS/documents/aarsrapport-2025.pdf" - | grep -q "Side 6 af 6" && pass || fail "page numbers in the PDF"

# A folder whose name a URL must encode, and WeasyPrint when Chromium is not on the PATH.
mkdir -p "$TMP/Årsrapport #2 og 100%"
in_dir "$WS" report --year 2025 --pdf -o "$TMP/Årsrapport #2 og 100%/rapport.html"
expect_rc 0 "--pdf into a folder with space, # and %"
expect_eq "$(pdfinfo "$TMP/Årsrapport #2 og 100%/rapport.pdf" | sed -n 's/^Pages: *//p')" "6" "the same 6 pages there"
if command -v weasyprint >/dev/null; then
    mkdir -p "$TMP/weasy"
    ln -s "$(command -v timeout)" "$TMP/weasy/timeout"
    ln -s "$(command -v weasyprint)" "$TMP/weasy/weasyprint"
    OUT=$(cd "$WS" && PATH=$TMP/weasy "$KLYNGE" report --year 2025 --pdf -o "$TMP/weasy.html" 2>"$CAPTURE/stderr"); RC=$?
    ERR=$(cat "$CAPTURE/stderr")
    expect_rc 0 "--pdf with weasyprint"
    expect_out "with weasyprint" "weasyprint when chromium is missing"
    expect_eq "$(pdfinfo "$TMP/weasy.pdf" | sed -n 's/^Pages: *//p')" "6" "weasyprint prints the same 6 pages"
    pdftotext "$TMP/weasy.pdf" - | grep -q "Side 5 af 5" && pass || fail "page numbers in weasyprint's PDF"
fi

# The same records give the same bytes.
in_dir "$WS" report --year 2025 -o "$TMP/again.html"
expect_rc 0 "report -o FILE"
cmp -s "$REPORT" "$TMP/again.html" && pass || fail "the report is deterministic"

# Self-contained: no script, and nothing a browser would fetch (xmlns names a namespace, it is not fetched).
hits=$(grep -Eio '<script|(src|href)="[a-z]+:|url\((["'"'"']?)[a-z]+:|@import' "$REPORT" | grep -v 'url(#' || true)
expect_eq "$hits" "" "no script or external reference in the HTML"
grep -q '<html lang="da">' "$REPORT" && pass || fail "the document is Danish"

# --- every SVG is XML, with a title, a desc and a viewBox -----------------------
python3 - "$REPORT" "$TMP/svg" <<'PY' || fail "split the SVGs"
import os, re, sys
os.makedirs(sys.argv[2])
for i, svg in enumerate(re.findall(r"<svg\b.*?</svg>", open(sys.argv[1], encoding="utf-8").read(), flags=re.S)):
    open(os.path.join(sys.argv[2], f"{i}.svg"), "w", encoding="utf-8").write(svg)
PY
expect_eq "$(ls "$TMP/svg" | wc -l)" "5" "five charts in the report"
for f in "$TMP"/svg/*.svg; do
    xmllint --noout "$f" 2>"$CAPTURE/xmllint" && pass || fail "xmllint rejects $(basename "$f"): $(cat "$CAPTURE/xmllint")"
done
printf '<svg xmlns="http://www.w3.org/2000/svg"><title>x</text></svg>' >"$TMP/broken.svg"
xmllint --noout "$TMP/broken.svg" 2>/dev/null && fail "xmllint accepts a broken SVG" || pass

CHARTS=$(python3 "$HERE/report_numbers.py" "$REPORT")
expect_eq "$?" "0" "python's XML parser accepts every SVG"
python3 - "$CHARTS" <<'PY' && pass || fail "every chart has a title, a desc and a viewBox"
import json, sys
charts = json.loads(sys.argv[1])
assert set(charts) == {"budget", "udgifter", "saldo", "praksis", "fremmoede"}, charts.keys()
for c in charts.values():
    assert c["title"] and c["desc"] and c["viewBox"].startswith("0 0 "), c
PY

# --- the charts' numbers are the accounts' numbers ------------------------------
in_dir "$WS" --format json ledger report --year 2025
ACCOUNTS=$OUT
python3 - "$CHARTS" "$ACCOUNTS" <<'PY' 2>"$CAPTURE/numbers" && pass || fail "chart labels equal the accounts: $(cat "$CAPTURE/numbers")"
import json, sys
from decimal import Decimal, ROUND_HALF_UP
charts, accounts = json.loads(sys.argv[1]), json.loads(sys.argv[2], parse_float=Decimal)

def danish(text):  # "4.865,00" / "4.865" -> Decimal
    return Decimal(text.replace(".", "").replace(",", "."))

def kroner(amount):
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)

expenses = accounts["expenses"]
# Expenses by category: the exact amounts, largest first, every category with an amount.
spent = sorted((e for e in expenses if e["actual"] != 0), key=lambda e: -e["actual"])
bars = charts["udgifter"]
assert bars["categories"] == [e["label"] for e in spent], bars["categories"]
assert [danish(v) for v in bars["values"]] == [e["actual"] for e in spent], bars["values"]
assert sum(danish(v) for v in bars["values"]) == accounts["expense_total"]
# Budget against actual: both bars per category, in whole kroner.
cols = charts["budget"]
assert cols["categories"] == [e["label"] for e in expenses], cols["categories"]
expected = []
for e in expenses:
    if e["budget"] is not None:
        expected.append(kroner(e["budget"]))
    expected.append(kroner(e["actual"]))
assert [danish(v) for v in cols["values"]] == expected, (cols["values"], expected)
# The klyngesaldo's line ends at the balance of 31 December.
assert danish(charts["saldo"]["values"][0]) == kroner(accounts["closing"]["balance"]), charts["saldo"]["values"]
PY

# Members, patients and attendance: the same figures `practice list` and `meeting list` give.
in_dir "$WS" --format json practice list --at 2025-12-31
PRACTICES=$OUT
in_dir "$WS" --format json meeting list --year 2025
MEETINGS=$OUT
python3 - "$CHARTS" "$PRACTICES" "$MEETINGS" <<'PY' 2>"$CAPTURE/numbers" && pass || fail "patients and attendance: $(cat "$CAPTURE/numbers")"
import json, sys
charts, practices, meetings = (json.loads(a) for a in sys.argv[1:4])
values = charts["praksis"]["values"]
assert len(values) == len(practices), values
for p, v in zip(practices, values):
    assert v == f"{p['patients']:,}".replace(",", ".") + f" ({p['members']} læger)", (p, v)
held = [m for m in meetings if m["status"] != "aflyst"]
assert charts["fremmoede"]["values"] == [f"{m['attended']} af {m['invited']}" for m in held], charts["fremmoede"]
PY

# Every decision of the year with its result, and the year's themes.
in_dir "$WS" --format json vote list
python3 - "$REPORT" "$OUT" <<'PY' 2>"$CAPTURE/numbers" && pass || fail "decisions and themes: $(cat "$CAPTURE/numbers")"
import html, json, re, sys
page, decisions = open(sys.argv[1], encoding="utf-8").read(), json.loads(sys.argv[2])
section = page[page.index("<h3>Beslutninger</h3>"):]
rows = re.findall(r"<tr><td>(.*?)</td><td>.*?</td><td>(.*?)</td><td>(.*?)</td></tr>", section)
year = [d for d in decisions if d["date"].startswith("2025")]
assert len(rows) == len(year) == 7, (len(rows), len(year))  # with the board election and its new round
for d, (date, subject, result) in zip(year, rows):
    assert date == ".".join(reversed(d["date"].split("-"))), (date, d)
    assert html.unescape(subject).startswith(d["subject"].split(":")[0]) or d["kind"] == "election", (subject, d)
    assert f"[beslutning #{d['id']}]" in result, (result, d)
themes = page[page.index("<h3>Temaer</h3>"):page.index("<h3>Beslutninger</h3>")]
# The demo's two themes (klynge theme), each worked on at the follow-up meeting.
assert re.findall(r"<li>(.*?)</li>", themes) == ["KOL og spirometri (1 møde i 2025; opfølgning)",
                                                  "Antibiotika i almen praksis (1 møde i 2025; aktiv)"], themes
PY

# --- in the browser: no console errors, no requests, the SVGs with their titles -
python3 "$HERE/chromium_check.py" "$REPORT" >"$CAPTURE/browser.json"
expect_eq "$?" "0" "chromium opens the report"
python3 - "$CAPTURE/browser.json" <<'PY' 2>"$CAPTURE/browser" && pass || fail "in chromium: $(cat "$CAPTURE/browser")"
import json, sys
seen = json.load(open(sys.argv[1]))
assert seen["console"] == [] and seen["errors"] == [], seen
assert seen["requests"] == [], seen["requests"]
assert seen["svg_titles"] == ["Budget og regnskab 2025 pr. udgiftskategori", "Udgifter 2025 fordelt på kategorier",
                              "Klyngesaldoen gennem 2025", "Tilmeldte patienter pr. praksis 31. december 2025",
                              "Fremmøde ved klyngens møder 2025"], seen["svg_titles"]
PY
# The check can fail: a page with a console error and a request is caught.
printf '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script></body></html>' \
    >"$TMP/bad.html"
BAD=$(python3 "$HERE/chromium_check.py" "$TMP/bad.html" 2>&1)
[[ "$BAD" == *'"error: boom"'* && "$BAD" == *'http://127.0.0.1:9/x.png'* ]] && pass || fail "the browser check sees errors and requests: $BAD"

timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$TMP/profile" \
    --hide-scrollbars --screenshot="$TMP/aarsrapport-2025.png" --window-size=1200,1600 "file://$REPORT" >/dev/null 2>&1
[ "$(head -c 8 "$TMP/aarsrapport-2025.png" | od -An -tx1 | tr -d ' ')" = "89504e470d0a1a0a" ] && pass || fail "a PNG screenshot"
if [ "${KLYNGE_UPDATE_DOCS:-}" = 1 ]; then cp "$TMP/aarsrapport-2025.png" "$KLYNGE_SOURCE/docs/aarsrapport-2025.png"; fi

# --- refusals: one line, the documented exit code, the workspace unchanged ------
mkdir -p "$TMP/nopdf"
ln -s "$(command -v timeout)" "$TMP/nopdf/timeout"
before=$(snapshot "$WS")
OUT=$(cd "$WS" && PATH=$TMP/nopdf "$KLYNGE" report --year 2025 -o documents/ny.html --pdf 2>"$CAPTURE/stderr"); RC=$?
ERR=$(cat "$CAPTURE/stderr")
expect_rc 3 "--pdf without chromium or weasyprint"
expect_err "sudo apt-get install chromium" "says how to install a PDF printer"
expect_eq "$(snapshot "$WS")" "$before" "nothing written when --pdf cannot print"
refused "$WS" 2 "--pdf prints the HTML file" report --year 2025 -o /dev/stdout --pdf
refused "$WS" 2 "klynge.db" report --year 2025 -o klynge.db
refused "$WS" 2 "--year" report --year 1999
refused "$WS" 2 "--year" report
in_dir "$WS" --dry-run report --year 2025 --pdf
expect_err "dry run: would write" "--dry-run says what it would write"
expect_err "would print it to documents/aarsrapport-2025.pdf with chromium" "--dry-run names the printer"

# --- the region's overview -------------------------------------------------------
REGION=$KLYNGE_SOURCE/examples/region-hovedstaden.csv
run grant calc --batch "$REGION" --year 2025 --html -o "$TMP/tilskud-2025.html"
expect_rc 0 "grant calc --batch --html"
expect_out "Wrote the grants of 30 clusters (519 rows read)" "the overview's note"
run --format json grant calc --batch "$REGION" --year 2025
GRANTS=$OUT
GCHARTS=$(python3 "$HERE/report_numbers.py" "$TMP/tilskud-2025.html")
expect_eq "$?" "0" "the overview's SVGs are XML"
python3 - "$GCHARTS" "$GRANTS" <<'PY' 2>"$CAPTURE/numbers" && pass || fail "overview labels equal the batch: $(cat "$CAPTURE/numbers")"
import json, sys
from decimal import Decimal
charts, grants = json.loads(sys.argv[1]), json.loads(sys.argv[2], parse_float=Decimal)
danish = lambda t: Decimal(t.replace(".", "").replace(",", "."))
by_total = sorted(grants["clusters"], key=lambda g: -g["total"])
assert charts["tilskud"]["categories"] == [g["cluster"] for g in by_total]
assert [danish(v) for v in charts["tilskud"]["values"]] == [g["total"] for g in by_total]
assert sum(danish(v) for v in charts["tilskud"]["values"]) == grants["total"]["total"]
by_patients = sorted(grants["clusters"], key=lambda g: -g["patients"])
assert [danish(v) for v in charts["patienter"]["values"]] == [g["patients"] for g in by_patients]
PY
grep -q "6.283.516,75 kr." "$TMP/tilskud-2025.html" && pass || fail "the overview states the total"
python3 "$HERE/chromium_check.py" "$TMP/tilskud-2025.html" >"$CAPTURE/browser.json"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); assert not (s["console"] or s["errors"] or s["requests"]) and len(s["svg_titles"]) == 2, s' \
    "$CAPTURE/browser.json" && pass || fail "the overview in chromium: $(cat "$CAPTURE/browser.json")"
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$TMP/profile-print" \
    --no-pdf-header-footer --print-to-pdf="$TMP/tilskud-2025.pdf" "file://$TMP/tilskud-2025.html" >/dev/null 2>&1
expect_eq "$(pdfinfo "$TMP/tilskud-2025.pdf" | sed -n 's/^Pages: *//p')" "4" "the overview prints on 4 A4 pages"
pdftotext "$TMP/tilskud-2025.pdf" - | grep -q "Side 4 af 4" && pass || fail "page numbers in the overview's PDF"
grep -q '<html lang="da">' "$TMP/tilskud-2025.html" && pass || fail "the overview is Danish"
run grant calc --year 2025 --html
expect_rc 2 "--html without --batch or --workspace"
expect_err "give --batch FILE or --workspace DIR" "says what --html needs"

finish
