#!/usr/bin/env bash
# klynge grant (klynge-grant(1)): the rate table, a cluster's grant with its
# arithmetic, several workspaces, and a region's batch file.
source "$(dirname "$0")/lib.sh"

REGION=$KLYNGE_SOURCE/examples/region-hovedstaden.csv

# --- grant rates -------------------------------------------------------------
run grant rates
expect_rc 0 "grant rates"
expect_out "2025  3,65 kr.  2025-02-01" "2025 rate and census date"
expect_out "2022  1,12 kr." "2022 rate"
expect_out "2023  2,32 kr." "2023 rate"
expect_out "2024  3,55 kr." "2024 rate"
expect_out "2019            2019-02-01   2,16 kr.  [001]" "2019 FAP extra without a base rate"
expect_out "2021            2021-02-01   0,47 kr." "2021 FAP extra"
expect_out "4,33 kr. — \"current\"" "the undated 4,33 is shown as a note"
expect_out "10.000,00 kr. per doctor capacity" "start-up grant"
expect_no_out "2018 " "no year for the undated rates"
run grant rates --format json
expect_out '"year": 2025,' "json year"
expect_out '"rate": 3.65,' "json rate as an exact number"
expect_out '"startup_per_capacity": 10000.00' "json start-up"

printf '[2026]\nrate = "3,80"\ncensus = 2026-03-01\nsource = "Regionens brev 15.01.2026"\n' >"$TMP/rates-2026.toml"
run grant rates --rates "$TMP/rates-2026.toml"
expect_rc 0 "grant rates --rates"
expect_out "2026  3,80 kr.  2026-03-01" "a year added by --rates"
expect_out "rates-2026.toml:1" "the origin of an added year"
printf '[2026]\nrate = 3.80\nsource = "x"\n' >"$TMP/float.toml"
refused "$TMP" 3 "float.toml:2:8: [2026] rate must be an amount in quotes" grant rates --rates "$TMP/float.toml"
printf '[2026]\nrate = "3,80"\n' >"$TMP/nosource.toml"
refused "$TMP" 3 "nosource.toml:1:2: [2026] has no source" grant rates --rates "$TMP/nosource.toml"
refused "$TMP" 3 "cannot read the rates file" grant rates --rates "$TMP/none.toml"

# --- a cluster's grant ---------------------------------------------------------
W=$TMP/w
new_workspace "$W"
(cd "$W" && "$KLYNGE" practice add 100001 --name "Lægerne Strandvejen 12" --patients 9000 --as-of 2024-01-10 --joined 2018-11-15 \
  && "$KLYNGE" practice set 100001 --patients 9180 --as-of 2025-01-15 \
  && "$KLYNGE" practice set 100001 --patients 9999 --as-of 2025-02-02 \
  && "$KLYNGE" practice add 100002 --name "Lægehuset Torvet" --patients 8100 --as-of 2025-02-01 --joined 2018-11-15 \
  && "$KLYNGE" practice add 100003 --name "Læge A. Holm" --patients 19441 --as-of 2023-03-01) >/dev/null \
  || { echo "setup failed" >&2; exit 1; }

in_dir "$W" grant calc --year 2025
expect_rc 0 "grant calc --year 2025"
expect_out "Operating grant: 36.721 patients × 3,65 kr. = 134.031,65 kr." "the seed figure with its arithmetic"
expect_out "Census date:     2025-02-01" "the census date"
expect_out "100001  Lægerne Strandvejen 12     9.180  2025-01-15" "the count on or before the census date"
expect_out "Total:           134.031,65 kr." "total"
expect_out "nothing is rounded" "the rounding rule"
expect_out "Start-up grant:  none — founded 2018-11-15" "no start-up grant after the founding year"
in_dir "$W" grant calc
expect_out "36.721 patients × 3,65 kr." "the default year is today's (KLYNGE_TODAY)"
in_dir "$W" grant calc --year 2025 --format json
expect_out '"operating_grant": 134031.65,' "json operating grant"
expect_out '"census": "2025-02-01",' "json census"
expect_out '"counted_as_of": "2025-01-15",' "json per-practice count date"
in_dir "$W" grant calc --year 2025 --format csv
expect_out "Østerbroklyngen,3,36721,3.65,134031.65,0.00,,0.00,134031.65" "csv row"

# A year without a rate is refused, saying how to add it.
refused "$W" 1 "no grant rate is known for 2026" grant calc --year 2026
expect_err "rates.toml" "the refusal names rates.toml"
expect_err "  [2026]" "the refusal shows the entry to add"
refused "$W" 1 "no grant rate is known for 2020" grant calc --year 2020
expect_err "the FAP extra of 2,16 kr. is built in" "2020 has a FAP extra but no base rate"

# rates.toml in the workspace adds a year.
printf '# from the region\n[2026]\nrate = "3,80"\nsource = "Regionens brev"\n' >"$W/rates.toml"
in_dir "$W" grant calc --year 2026
expect_rc 0 "a year from rates.toml"
expect_out "× 3,80 kr. =" "the rate from rates.toml"
expect_out "(rates.toml:2)" "the rate's origin"
printf '[2026]\nrate = "3,805"\nsource = "x"\n' >"$W/rates.toml"
refused "$W" 3 "rates.toml:2:8" grant calc --year 2026
rm "$W/rates.toml"

# A practice without a count on or before the census date is reported, not zero.
(cd "$W" && "$KLYNGE" practice add 100004 --name "Nyt Lægehus" --patients 2000 --as-of 2025-03-01 --joined 2024-06-01) >/dev/null
refused "$W" 1 "the 2025 grant of Østerbroklyngen cannot be computed" grant calc --year 2025
expect_err "practice 100004 (Nyt Lægehus) has no patient count on or before 2025-02-01" "the practice is named"
expect_err "klynge practice set 100004 --patients N --as-of 2025-02-01" "how to fix it"
(cd "$W" && "$KLYNGE" practice set 100004 --patients 1900 --as-of 2025-01-31) >/dev/null
in_dir "$W" grant calc --year 2025
expect_out "38.621 patients × 3,65 kr. = 140.966,65 kr." "after the count is recorded"

# The founding year: 10.000 kr per doctor capacity as of the founding date.
F=$TMP/f
"$KLYNGE" init "$F" --name "Klynge Halsnæs" --cvr 12345674 --municipality Halsnæs --region Hovedstaden \
    --founded 2025-01-10 >/dev/null
(cd "$F" && "$KLYNGE" practice add 200001 --name "Lægerne Torvet" --patients 9000 --capacities 3 --as-of 2025-01-10 \
  && "$KLYNGE" practice add 200002 --name "Lægehuset Havnen" --patients 9500 --capacities 2 --as-of 2025-01-10) >/dev/null
in_dir "$F" grant calc --year 2025
expect_out "Start-up grant:  5 doctor capacities × 10.000,00 kr. = 50.000,00 kr." "start-up grant"
expect_out "Total:           117.525,00 kr." "total with the start-up grant"
refused "$F" 1 "there is no grant for 2024" grant calc --year 2024

# --- several workspaces -----------------------------------------------------------
run grant calc --workspace "$W" "$F" --year 2025
expect_rc 0 "--workspace"
expect_out "Klynge Halsnæs" "second cluster"
expect_out "TOTAL                    6    57.121  3,65 kr.  208.491,65 kr.   0,00 kr.           5  50.000,00 kr.  258.491,65 kr." "total row"
run grant calc --workspace "$W" "$W" --year 2025
expect_rc 2 "the same workspace twice"
expect_err "is given twice" "the same workspace twice"
(cd "$F" && "$KLYNGE" practice add 100003 --name "Læge A. Holm" --patients 19441 --capacities 4 --as-of 2023-03-01) >/dev/null
run grant calc --workspace "$W" "$F" --year 2025
expect_rc 1 "a practice in two workspaces"
expect_err "practice 100003 is also in $W" "a practice in two workspaces"

# --- a region's batch ------------------------------------------------------------------
run grant calc --batch "$REGION" --year 2025
expect_rc 0 "batch of examples/region-hovedstaden.csv"
expect_out "Klynge Gentofte Nord                 9     36.721  3,65 kr.    134.031,65 kr." "the seed figure in the batch"
expect_out "Klynge Halsnæs" "the founding cluster"
expect_eq "$ERR" "" "no progress bar when stderr is not a terminal"

run grant calc --batch "$REGION" --year 2025 --format csv -o "$TMP/tilskud-2025.csv"
expect_rc 0 "batch -o"
expect_err "Wrote the grants of 30 clusters (519 rows read)" "note about the file"
[ ! -e "$TMP/tilskud-2025.csv.klynge-tmp" ] && pass || fail "no temporary file is left"
expect_eq "$(head -1 "$TMP/tilskud-2025.csv" | tr -d '\r')" \
    "cluster,practices,patients,rate,operating_grant,fap_extra,capacities,startup_grant,total" "csv header"
expect_eq "$(wc -l <"$TMP/tilskud-2025.csv")" "32" "30 clusters and a total row"
# The total row is the sum of the rows, to the øre.
sums=$(tr -d '\r' <"$TMP/tilskud-2025.csv" | awk -F, 'NR>1 && $1!="TOTAL" { gsub(/\./,"",$5); gsub(/\./,"",$9); p+=$3; o+=$5; t+=$9 }
    $1=="TOTAL" { gsub(/\./,"",$5); gsub(/\./,"",$9); tp=$3; to=$5; tt=$9 }
    END { print (p==tp && o==to && t==tt) ? "equal" : "differ " p " " tp " " o " " to " " t " " tt }')
expect_eq "$sums" "equal" "totals equal the sum of the rows"
run grant calc --batch "$REGION" --year 2025 --format json
expect_out '"input": "practices",' "json input kind"
expect_out '"rows": 519,' "json rows"
expect_out '"startup_grant": 130000.00,' "json start-up of the founding cluster"

# The same region as one row per cluster, semicolons, BOM and CRLF; excel-da out.
printf '\xef\xbb\xbfklynge;patienter\r\nKlynge Gentofte Nord;36.721\r\nKlynge Østerbro;103115\r\n' >"$TMP/clusters.csv"
run grant calc --batch "$TMP/clusters.csv" --year 2025 --format csv --csv-dialect excel-da
expect_rc 0 "per-cluster batch with BOM and semicolons"
expect_out "Klynge Gentofte Nord;;36721;3,65;134031,65" "excel-da row"
run grant calc --batch - --year 2025 --format csv <"$TMP/clusters.csv"
expect_out "Klynge Østerbro,,103115,3.65,376369.75" "--batch - reads stdin"

# FAP years: the base rate from --rates, the extra built in [001].
printf '[2020]\nrate = "4,33"\nsource = "[001] §11, assumed for 2020"\n' >"$TMP/rates-2020.toml"
run grant calc --batch "$TMP/clusters.csv" --year 2020 --rates "$TMP/rates-2020.toml" --format csv
expect_rc 0 "a FAP year"
expect_out "Klynge Gentofte Nord,,36721,4.33,159001.93,79317.36,,0.00,238319.29" "FAP extra 2,16 kr. on top of 4,33 kr."

# Bad rows: every one reported with its line, nothing written, exit 1.
cat >"$TMP/bad.csv" <<'CSV'
cluster,ydernummer,patients
Klynge A,100001,9000
Klynge A,100002,ni tusind
Klynge B,100003,-5
Klynge B,100004
Klynge B,100001,3000
Klynge C;100005;4000
CSV
echo "old content" >"$TMP/out.csv"
refused "$TMP" 1 "bad.csv: 5 bad rows — fix them and run it again; nothing was written" \
    grant calc --batch "$TMP/bad.csv" --year 2025 --format csv -o "$TMP/out.csv"
expect_err "  bad.csv:3: patients \"ni tusind\" is not a whole number" "text in a number"
expect_err "  bad.csv:4: patients is -5 — it cannot be negative" "negative patients"
expect_err "  bad.csv:5: missing column \"patients\"" "missing column"
expect_err "  bad.csv:6: ydernummer 100001 is also on line 2" "duplicate ydernummer across clusters"
expect_err "  bad.csv:7: the row is separated by ';' but the header by ','" "wrong separator"
expect_eq "$(cat "$TMP/out.csv")" "old content" "a refused batch leaves -o untouched"
rm "$TMP/out.csv"
refused "$TMP" 1 "bad.csv: 5 bad rows" grant calc --batch "$TMP/bad.csv" --year 2025 -o "$TMP/out.csv"
[ ! -e "$TMP/out.csv" ] && pass || fail "a refused batch writes no file"

refused "$TMP" 1 "no grant rate is known for 2026" grant calc --batch "$REGION" --year 2026 -o "$TMP/out.csv"
run grant calc --batch "$REGION" --year 2026 --rates "$TMP/rates-2026.toml" --format json
expect_rc 0 "batch with --rates"
expect_out '"rate": 3.80,' "the rate from --rates"
refused "$TMP" 2 "nonexistent.csv: no such file" grant calc --batch "$TMP/nonexistent.csv" --year 2025
refused "$TMP" 2 "excludes" grant calc --batch "$REGION" --workspace "$W"

run --dry-run grant calc --batch "$REGION" --year 2025 --format csv -o "$TMP/dry.csv"
expect_rc 0 "--dry-run"
[ ! -e "$TMP/dry.csv" ] && pass || fail "--dry-run writes no file"

# The man page renders without warnings.
if command -v groff >/dev/null; then
    warnings=$(groff -man -ww -Tutf8 "$KLYNGE_SOURCE/man/klynge-grant.1" 2>&1 >/dev/null)
    expect_eq "$warnings" "" "man/klynge-grant.1 renders cleanly"
fi

finish
