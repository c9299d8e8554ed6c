#!/usr/bin/env bash
# klynge ledger and budget (klynge-ledger(1), klynge-budget(1)): the status
# flow and its refusals, the category policy, amounts in every accepted form,
# receipts, the claim pack, the annual accounts, status, and an edit made
# behind klynge's back caught by `klynge check`.
source "$(dirname "$0")/lib.sh"
export KLYNGE_TODAY=2026-03-10

W=$TMP/w
small_cluster "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k member registered --date 2025-12-01

# --- the issue's tour -----------------------------------------------------------
in_dir "$W" ledger income --date 2026-02-01 --amount 134031,65 --kind driftstilskud --text "Klyngemidler 2026"
expect_rc 0 "income"
expect_out "Recorded B-2026-001: driftstilskud 134.031,65 kr. (Klyngemidler 2026)" "income voucher"
printf '%%PDF-1.4 smørrebrød\n' >"$TMP/smoerrebroed.pdf"
in_dir "$W" ledger add --date 2026-02-20 --amount 1.234,00 --category forplejning --receipt "$TMP/smoerrebroed.pdf" \
    --text "Smørrebrød til GF"
expect_rc 0 "add with a receipt"
expect_out "Recorded B-2026-002: forplejning 1.234,00 kr. (Smørrebrød til GF) — afventer godkendelse" "add"
sha=$(sha256sum "$TMP/smoerrebroed.pdf" | cut -d' ' -f1)
[ -f "$W/receipts/$sha.pdf" ] && pass || fail "the receipt is not in receipts/<sha256>.pdf"
cmp -s "$W/receipts/$sha.pdf" "$TMP/smoerrebroed.pdf" && pass || fail "the stored receipt differs"
ls "$W/receipts" | grep -q klynge-tmp && fail "a temporary receipt was left" || pass

# Amounts in every accepted form, each recorded exactly.
for amount in "1234" "1234.50" "1234,50" "1.234,50" "1 234,50" "1234,50 kr" "kr. 1.234,50" "1.234.567,00" "100,-"; do
    in_dir "$W" ledger add --date 2026-02-21 --amount "$amount" --category materialer --text "Form $amount"
    expect_rc 0 "amount $amount"
done
in_dir "$W" --format json ledger list --category materialer
expect_out '"amount": 1234.00,' "1234"
expect_out '"amount": 1234.50,' "1.234,50 and friends"
expect_out '"amount": 1234567.00,' "thousands dots"
expect_out '"amount": 100.00,' "100,-"
refused "$W" 2 'invalid amount "1.234": it could mean 1.234,00 kr. (thousands dot) or 1,234 kr.' ledger add --date 2026-02-21 --amount 1.234 \
    --category materialer --text x
refused "$W" 2 "--amount -5,00 kr. is not more than 0 kr." ledger add --date 2026-02-21 --amount=-5 \
    --category materialer --text x
refused "$W" 2 "--amount" ledger add --date 2026-02-21 --amount 12,345 --category materialer --text x

# The status flow, and its refusals: each leaves the workspace byte-for-byte unchanged.
in_dir "$W" ledger add --date 2026-02-22 --amount 2500 --category restaurant --text "Middag"
expect_rc 0 "a discouraged category is accepted"
expect_err "warning: restaurant is discouraged" "with a warning"
expect_err "has no receipt" "and a missing-receipt warning"
R=B-2026-012 # after the income, the smørrebrød and the nine amounts
# Mileage and honoraria to a person go through `klynge payout` (their B-income record).
refused "$W" 1 "kørsel to a person is B-income that SKAT must be told about — record it with \`klynge payout" \
    ledger add --date 2026-02-23 --amount 450 --category kørsel --text "Kørsel til GF"
refused "$W" 1 "honorar to a person is B-income" \
    ledger add --date 2026-02-23 --amount 450 --category honorar --text "Honorar" --payee "Bo Østergaard"
in_dir "$W" ledger add --date 2026-02-23 --amount 450 --category materialer --text "Taxa til GF"
T=B-2026-013
refused "$W" 1 "cluster money may not pay for medlemstransport: members' travel to cluster meetings [001 §12]" \
    ledger add --date 2026-02-23 --amount 450 --category medlemstransport --text "Taxa"
refused "$W" 1 "cluster money may not pay for klinisk-udstyr" \
    ledger add --date 2026-02-23 --amount 4500 --category klinisk-udstyr --text "Blodtryksapparat"
refused "$W" 2 "unknown category \"champagne\"" ledger add --date 2026-02-23 --amount 45 --category champagne --text x
refused "$W" 2 "after today (2026-03-10)" ledger add --date 2026-04-01 --amount 45 --category forplejning --text x
refused "$W" 1 "there is no meeting #7" ledger add --date 2026-02-23 --amount 45 --category forplejning --text x \
    --meeting 7
refused "$W" 2 "--text is empty" ledger add --date 2026-02-23 --amount 45 --category forplejning --text " "
refused "$W" 2 "--receipt $TMP/missing.pdf: no such file" ledger add --date 2026-02-23 --amount 45 \
    --category forplejning --text x --receipt "$TMP/missing.pdf"
refused "$W" 2 "--unpaid is for finance.model" ledger add --date 2026-02-23 --amount 45 --category forplejning \
    --text x --unpaid
refused "$W" 1 "B-2026-002 is not approved yet" ledger pay B-2026-002 --date 2026-03-02
in_dir "$W" ledger approve 2 --date 2026-02-25
expect_rc 0 "approve"
expect_out "B-2026-002 approved on 2026-02-25" "approve"
refused "$W" 1 "B-2026-002 was already approved on 2026-02-25" ledger approve B-2026-002
refused "$W" 2 "--date 2026-02-24 is before the last step of B-2026-002 (2026-02-25)" \
    ledger pay B-2026-002 --date 2026-02-24
in_dir "$W" ledger pay 2 --date 2026-03-02
expect_rc 0 "pay"
expect_out "B-2026-002 paid on 2026-03-02: forplejning 1.234,00 kr. — udbetalt" "pay"
refused "$W" 1 "B-2026-002 was already paid on 2026-03-02" ledger pay 2 --date 2026-03-03
in_dir "$W" ledger reject "$T" --reason "Ikke tilladt: transport"
expect_rc 0 "reject"
refused "$W" 1 "$T was rejected on 2026-03-10 (Ikke tilladt: transport) — a rejected expense is not paid" \
    ledger pay "$T" --date 2026-03-10
refused "$W" 1 "it never counted, so there is nothing to reverse" ledger reverse "$T" --reason x
refused "$W" 1 "B-2026-001 is income" ledger approve B-2026-001
refused "$W" 1 "there is no ledger entry B-2031-001" ledger approve B-2031-001
in_dir "$W" ledger reverse B-2026-004 --reason "Dobbeltbogført"
expect_rc 0 "reverse"
REV=B-2026-014
expect_out "Recorded $REV reversing B-2026-004 (-1.234,50 kr.)" "the reversal has its own voucher"
refused "$W" 1 "$REV is itself the reversal of B-2026-004" ledger reverse "$REV" --reason x
refused "$W" 1 "B-2026-004 was already reversed by $REV" ledger reverse B-2026-004 --reason x
refused "$W" 1 "B-2026-004 was reversed by $REV on 2026-03-10 — it can no longer be approved" \
    ledger approve B-2026-004
refused "$W" 2 "--reason is required" ledger reverse B-2026-005
before=$(snapshot "$W")
printf 'dry\n' >"$TMP/dry.pdf"
in_dir "$W" --dry-run ledger add --date 2026-02-23 --amount 45 --category forplejning --text x --receipt "$TMP/dry.pdf"
expect_rc 0 "dry run"
expect_err "dry run: nothing was written" "dry run"
[ "$before" == "$(snapshot "$W")" ] && pass || fail "--dry-run ledger add changed the workspace"

in_dir "$W" ledger list --status afventer
expect_out "$R" "pending list has the restaurant"
expect_no_out "B-2026-002" "paid is not pending"
in_dir "$W" ledger list --status tilbageført
expect_out "tilbageført ($REV)" "reversed status names the reversal"
in_dir "$W" ledger show B-2026-002
expect_out "Status (Danish):  udbetalt 2026-03-02" "show status"
expect_out "receipts/$sha.pdf  (smoerrebroed.pdf" "show receipt"
expect_out "2026-02-25  approved" "show history"

# Balance: klyngesaldo = income − paid; committed = recorded, not rejected, not paid.
in_dir "$W" --format json ledger balance
expect_out '"balance": 132797.65,' "klyngesaldo"
in_dir "$W" ledger balance --at 2026-03-01
expect_out "Klyngesaldo:            134.031,65 kr." "balance before the payment"

# --- receipts: attach, never overwritten --------------------------------------
printf 'kvittering middag\n' >"$TMP/middag.jpg"
in_dir "$W" ledger attach "$R" "$TMP/middag.jpg"
expect_rc 0 "attach"
expect_out "$R has 1 receipt" "attach"
refused "$W" 1 "middag.jpg is already attached to $R" ledger attach "$R" "$TMP/middag.jpg"
msha=$(sha256sum "$TMP/middag.jpg" | cut -d' ' -f1)
mtime=$(stat -c %Y "$W/receipts/$msha.jpg")
cp "$TMP/middag.jpg" "$TMP/same.JPG"
in_dir "$W" ledger attach B-2026-003 "$TMP/same.JPG"
expect_eq "$(stat -c %Y "$W/receipts/$msha.jpg")" "$mtime" "an existing receipt is not rewritten"

# --- budget, report, the annual accounts document, status --------------------------
in_dir "$W" budget set --year 2026 --category forplejning --amount 20000
expect_rc 0 "budget set"
in_dir "$W" budget set --year 2026 --category driftstilskud --amount 130.000,00
expect_rc 0 "budget for income"
in_dir "$W" budget set --year 2026 --category restaurant --amount 1000
refused "$W" 1 "cluster money may not pay for studierejse" budget set --year 2026 --category studierejse --amount 1
in_dir "$W" budget show --year 2026
expect_rc 0 "budget show"
grep -qE "^expense +restaurant +Udgifter:Restaurant +1.000,00 kr. +2.500,00 kr. +-1.500,00 kr. +250$" <<<"$OUT" \
    && pass || fail "budget vs actual: $OUT"
grep -qE "^income +driftstilskud +Indtægter:Driftstilskud +130.000,00 kr. +134.031,65 kr. +-4.031,65 kr. +103$" <<<"$OUT" \
    && pass || fail "budget vs actual for income: $OUT"
in_dir "$W" ledger report --year 2026 --document
expect_rc 0 "report"
expect_out "Carried over from 2025: 0,00 kr." "carried over"
expect_out "Carried over to 2027:" "carried forward"
[ -f "$W/documents/regnskab-2026.md" ] && pass || fail "no documents/regnskab-2026.md"
grep -q "^| Forplejning | 20.000,00 | 1.234,00 | -18.766,00 |$" "$W/documents/regnskab-2026.md" && pass \
    || fail "the accounts document lacks the forplejning line"
grep -q "^| \*\*Overføres til 2027\*\* |" "$W/documents/regnskab-2026.md" && pass || fail "document: carried forward"
in_dir "$W" --format json ledger report --year 2026
expect_out '"carried_forward": ' "json report"
in_dir "$W" status
expect_out "Money       klyngesaldo 132.797,65 kr.;" "status balance"
expect_out "2026: spent" "status budget line"
in_dir "$W" --format json status
expect_out '"committed": ' "status json committed"
in_dir "$W" check
expect_rc 0 "check passes (warnings only)"
expect_out "warning: 2026 spending is over budget: restaurant" "over budget warned"
expect_out "expense this year in a discouraged category: $R (restaurant)" "discouraged warned"

# --- the claim pack for a meeting ---------------------------------------------------
# Two meetings first, so the claimed one is number 3 (called in January, held before today).
for t in "Klyngemøde januar" "Klyngemøde februar"; do
    KLYNGE_TODAY=2026-01-10 k meeting call --type klyngemøde --title "$t" --start "2026-02-01 17:00" --end "19:00" \
        --place Lægehuset
done
KLYNGE_TODAY=2026-01-20 k meeting call --type generalforsamling --title "Generalforsamling 2026" \
    --start "2026-02-20 17:00" --end "20:00" --place Kulturhuset --invite anne@example.dk --invite bo@example.dk \
    --guest "Lise Hansen <lise@example.dk>"
k meeting attend 3 anne@example.dk lise@example.dk
refused "$W" 1 "meeting #3 (Generalforsamling 2026) has no expenses to claim" ledger claim 3
refused "$W" 1 "there is no meeting #9" ledger claim 9
in_dir "$W" ledger add --date 2026-02-20 --amount 980 --category forplejning --meeting 3 \
    --receipt "$TMP/smoerrebroed.pdf" --text "Smørrebrød til GF" --payee "Slagter Jensen"
C1=$(grep -o 'B-2026-[0-9]*' <<<"$OUT" | head -1)
in_dir "$W" ledger add --date 2026-02-20 --amount 1500 --category lokaleleje --meeting 3 --text "Lokale"
in_dir "$W" ledger claim 3
expect_rc 0 "claim"
expect_err "has no receipt — PLO pays against the original receipts" "claim warns of a missing receipt"
P=$W/documents/meetings/2026-02-20-generalforsamling-2026/afregning
[ -f "$P/udgifter.csv" ] && [ -f "$P/deltagere.csv" ] && [ -f "$P/bilag/$C1.pdf" ] && pass || fail "claim pack files"
grep -q "^$C1;2026-02-20;forplejning;Smørrebrød til GF;Slagter Jensen;980,00;afventer godkendelse;bilag/$C1.pdf" "$P/udgifter.csv" \
    && pass || fail "claim: expense line: $(cat "$P/udgifter.csv")"
grep -q "^I alt;;;;;2480,00;;" "$P/udgifter.csv" && pass || fail "claim: total"
expect_eq "$(tail -n +2 "$P/deltagere.csv" | tr -d '\r')" $'Anne Ærø;123456;Lægerne Østerbrogade;medlem\nLise Hansen;;;gæst' \
    "claim: participants are those who attended"
in_dir "$W" ledger claim 3
expect_rc 0 "claim again replaces the pack"
[ "$(find "$W/documents" -name '*klynge-*' | wc -l)" -eq 0 ] && pass || fail "claim left temporary folders"

# --- an amount edited behind klynge's back ------------------------------------------
(cd "$W" && "$KLYNGE" dump -o "$TMP/before.sql")
sqlite3 "$W/klynge.db" "DROP TRIGGER ledger_entry_no_update; UPDATE ledger_entry SET amount_ore = 12340 WHERE voucher = 'B-2026-002'"
in_dir "$W" check
expect_rc 1 "check fails after the edit"
expect_out "ledger entry B-2026-002 was changed behind klynge's back" "check names the voucher"
expect_out "[store.chain]" "the chain rule"
expect_out "trigger ledger_entry_no_update is missing" "the dropped trigger is named"
expect_out "the stored recorded total of expense forplejning on 2026-02-20" "the totals rule"
in_dir "$W" status
expect_rc 0 "status still answers"
expect_no_out "B-2026-002 was changed behind klynge's back" "status leaves the whole-history scan to klynge check"
rm "$W/klynge.db"
(cd "$W" && "$KLYNGE" restore "$TMP/before.sql" >/dev/null)
in_dir "$W" check
expect_rc 0 "restored from the dump, the chain verifies again"
in_dir "$W" dump
expect_eq "$OUT" "$(cat "$TMP/before.sql")" "dump → restore → dump is identical with money records"
# A receipt changed on disk.
printf 'changed' >"$W/receipts/$sha.pdf"
in_dir "$W" check
expect_rc 1 "a changed receipt fails the check"
expect_out "no longer match their hash: B-2026-002 (smoerrebroed.pdf" "the receipt is named"

# --- own account -----------------------------------------------------------------------
O=$TMP/own
new_workspace "$O"
sed -i 's/^# model = "plo"$/model = "own-account"/' "$O/klynge.toml"
grep -q '^model = "own-account"$' "$O/klynge.toml" && pass || fail "klynge.toml has no commented finance.model"
in_dir "$O" ledger add --date 2026-02-20 --amount 500 --category lokaleleje --text "Lokale"
expect_out "— betalt" "own account: paid on its date"
in_dir "$O" ledger add --date 2026-02-21 --amount 300 --category forplejning --text "Regning" --unpaid
expect_out "— afventer betaling" "own account: an unpaid bill"
in_dir "$O" ledger pay B-2026-002 --date 2026-03-01
expect_rc 0 "own account: paid without approval"
in_dir "$O" ledger export --to hledger
expect_out "Aktiver:Bank" "own account: the bank account"

finish
