#!/usr/bin/env bash
# klynge ledger import (klynge-ledger(1), IMPORT FILE) and the rule of issue
# 13 §2: an honorar or kørsel row paid to a person is B-income that must go
# through `klynge payout`, exactly as `ledger add` refuses it — the whole
# import is refused (exit 1, one line naming the file's line), the workspace
# unchanged; to a company recorded with its CVR it is an invoice and accepted.
source "$(dirname "$0")/lib.sh"
export KLYNGE_TODAY=2026-03-10

W=$TMP/w
small_cluster "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
# A company on its CVR, and an external person (no CVR) with a contract.
k contract add "Klinik Nordhavn" --role sekretær --fee-per-year 12000 --schedule half-yearly --from 2026-01-01 \
    --to 2026-12-31 --cvr 29000018
k contract add "Eva Ekstern" --role oplægsholder --fee-per-year 3000 --schedule yearly --from 2026-01-01 --to 2026-12-31
books() { # books FILE ROW... : a books file with the header and the rows
    local f=$1
    shift
    printf '%s\n' "date,amount,category,text,payee" "$@" >"$f"
}

# --- what ledger add refuses, ledger import refuses on every row --------------
books "$TMP/bo.csv" "2026-02-01,100,forplejning,Kaffe," "2026-02-02,450,honorar,Honorar,Bo Østergaard" \
    "2026-02-03,80,materialer,Papir,"
refused "$W" 1 "bo.csv:3: honorar to a person is B-income that SKAT must be told about — record it with \`klynge payout" \
    ledger import "$TMP/bo.csv"
expect_err "nothing was imported" "the import says nothing was imported"
expect_eq "$(wc -l <<<"$ERR")" "1" "the refusal is one line"
# ledger add gives the same rule, the same exit code.
refused "$W" 1 "honorar to a person is B-income that SKAT must be told about" \
    ledger add --date 2026-02-02 --amount 450 --category honorar --text Honorar --payee "Bo Østergaard"
for payee in "" "bo@example.dk" "Anne Ærø" "Eva Ekstern" "Klinik Nordhavn ApS"; do
    books "$TMP/one.csv" "2026-02-02,450,kørsel,Kørsel til GF,$payee"
    refused "$W" 1 "one.csv:2: kørsel to a person is B-income" ledger import "$TMP/one.csv"
    expect_err "--kind kørsel" "the refusal names payout's kind ($payee)"
    refused "$W" 1 "kørsel to a person is B-income" \
        ledger add --date 2026-02-02 --amount 450 --category kørsel --text "Kørsel til GF" --payee "$payee"
done
# The spellings the import accepts for the category and its kind.
books "$TMP/spelled.csv" "2026-02-02,450,Korsel,Kørsel,Eva Ekstern"
refused "$W" 1 "spelled.csv:2: kørsel to a person is B-income" ledger import "$TMP/spelled.csv"
printf '%s\n' "date;amount;category;text;kind;payee" "2026-02-02;450;HONORAR;Oplæg;udgift;Eva Ekstern" >"$TMP/semi.csv"
refused "$W" 1 "semi.csv:2: honorar to a person is B-income" ledger import "$TMP/semi.csv"

# Several such rows: the first is named, the others counted by line.
books "$TMP/three.csv" "2026-02-01,100,forplejning,Kaffe," "2026-02-02,450,honorar,Honorar,Bo Østergaard" \
    "2026-02-03,80,kørsel,Kørsel,Anne Ærø" "2026-02-04,450,honorar,Honorar,Klinik Nordhavn" \
    "2026-02-05,90,honorar,Honorar,"
refused "$W" 1 "three.csv:3: honorar to a person" ledger import "$TMP/three.csv"
expect_err "nothing was imported (3 rows refused by the same rule: lines 3, 4, 6)" "the other rows are counted by line"
expect_eq "$(wc -l <<<"$ERR")" "1" "still one line"

# With other bad rows too, every bad row is listed (exit 2, as for any bad file).
books "$TMP/mixed.csv" "2026-02-01,100,champagne,Skål," "2026-02-02,450,honorar,Honorar,Bo Østergaard"
refused "$W" 2 "mixed.csv: 2 bad rows" ledger import "$TMP/mixed.csv"
expect_err "mixed.csv:2: unknown category \"champagne\"" "the bad value is listed"
expect_err "mixed.csv:3: honorar to a person is B-income" "the person's honorarium is listed"

# --- to a company recorded with its CVR: an invoice, accepted by both ----------
in_dir "$W" ledger add --date 2026-02-02 --amount 450 --category honorar --text "Faktura 17" --payee "Klinik Nordhavn"
expect_rc 0 "ledger add: honorar to a company"
books "$TMP/company.csv" "2026-02-01,100,forplejning,Kaffe," "2026-02-02,450,honorar,Faktura 18,Klinik Nordhavn" \
    "2026-02-03,80,kørsel,Faktura 19,Klinik Nordhavn"
in_dir "$W" ledger import "$TMP/company.csv"
expect_rc 0 "ledger import: honorar and kørsel to a company"
expect_out "Imported 3 entries" "every row imported"
in_dir "$W" --format csv ledger list --category honorar
expect_out "Faktura 18,Klinik Nordhavn" "the company's honorarium is in the books"
in_dir "$W" --format csv ledger list --category kørsel
expect_out "Faktura 19,Klinik Nordhavn" "the company's mileage is in the books"
# Payouts still go through `klynge payout`: no B-income record from the import.
expect_eq "$(sqlite3 "$W/klynge.db" 'SELECT count(*) FROM b_income')" "0" "an invoice is no B-income"

# --- all or nothing: every row is checked before the first is written ----------
# (klynge-ledger(1), IMPORT FILE) A bad row at the very end of a big file
# refuses the import with the workspace byte for byte unchanged; the same
# file without it is imported whole (9,000 records: more than one batch of
# the links the store hashes on a second thread).
{
    echo "date,amount,category,text,payee,approved,paid"
    for i in $(seq 1 3000); do
        d=2026-01-$(printf %02d $((i % 28 + 1)))
        echo "$d,$((i % 500 + 10)),forplejning,Møde $i,,$d,$d"
    done
} >"$TMP/big.csv"
cp "$TMP/big.csv" "$TMP/late.csv"
echo "2026-02-30,100,forplejning,Ingen dag,,," >>"$TMP/late.csv"
refused "$W" 2 "late.csv: 1 bad row" ledger import "$TMP/late.csv"
expect_err "late.csv:3002: " "the late bad row is named by its line"
in_dir "$W" ledger import "$TMP/big.csv"
expect_rc 0 "ledger import: the file without the bad row"
expect_out "Imported 3000 entries and 6000 status events" "every row imported"
in_dir "$W" check
expect_out "47 rules checked" "check runs after a big import"
for rule in store.chain store.anchor money.totals; do
    expect_no_out "[$rule]" "check after a big import: $rule finds nothing wrong"
done

finish
