#!/usr/bin/env bash
# Bad input at the edge (issue 11 §1 and §6), as a table: every row is a
# command line a user — or an adversary — could type, that klynge must
# refuse with the row's exit code and exactly one clear error line
# ("klynge: error: WHAT — HOW"; only the indented detail lines of a bad CSV
# may follow), print nothing on stdout, and leave every file byte-for-byte
# unchanged: the workspace (klynge.db, and so its audit log, included), the
# input files, and the folder beside it where init would create one.
#
# Rows: EXIT | MESSAGE FRAGMENT | ARGUMENTS (shell words; $VARIABLES and
# $'...' work). TODAY=YYYY-MM-DD first sets KLYNGE_TODAY (default 2026-03-10).
# Commands run in the workspace $W; ../in holds the input files, ../out is
# outside any workspace, ../w2 is a second workspace.
source "$(dirname "$0")/lib.sh"

ROOT=$TMP/root
W=$ROOT/w
IN=$ROOT/in
mkdir -p "$ROOT/out" "$IN"

# --- the workspace: two practices, four members, a held and a coming
# meeting, a decision, ledger entries in each state, a contract, a payout ---
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
export KLYNGE_TODAY=2026-01-10
new_workspace "$W"
new_workspace "$ROOT/w2"
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 4 --as-of 2018-11-15 --joined 2018-11-15
k practice add 234567 --name "Nordhavn Lægehus" --patients 4100 --capacities 2 --as-of 2018-11-15 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Carl Åberg" --email carl@example.dk --practice 234567 --position ejerlæge --joined 2018-11-15
k member add "Dorthe Dahl" --email dorthe@example.dk --practice 234567 --position ansat --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k role assign kasserer bo@example.dk --from 2018-11-15
k member registered --date 2025-12-01
k meeting call --type generalforsamling --title "GF 2026" --start "2026-02-20 17:00" --end "19:00" --place "Østerbrohuset"
k meeting call --type klyngemøde --title "Klyngemøde april" --start "2026-04-15 17:00" --end "19:00" --place Nordhavn
k ledger income --date 2026-01-05 --amount 10000 --kind driftstilskud --text "Klyngemidler 2026"
(cd "$W" && printf '%s\n' 010190-2345 | "$KLYNGE" contract add bo@example.dk --role koordinator --fee-per-year 12000 \
    --schedule quarterly --from 2026-01-01 --cpr - >/dev/null 2>&1) || { echo "setup failed: contract" >&2; exit 1; }
export KLYNGE_TODAY=2026-03-10
k meeting attend 1 anne@example.dk bo@example.dk carl@example.dk
k vote 1 --motion "Budget 2026" --yes 3 --no 0
k ledger add --date 2026-02-20 --amount 500 --category forplejning --text "Kage" --meeting 1 # B-2026-002 pending
k ledger add --date 2026-02-21 --amount 300 --category forplejning --text "Kaffe"             # B-2026-003 approved
k ledger approve B-2026-003
k ledger add --date 2026-02-22 --amount 200 --category forplejning --text "Frugt"             # B-2026-004 rejected
k ledger reject B-2026-004 --reason "Dobbelt"
k budget set --year 2026 --category forplejning --amount 5000
k payout --person bo@example.dk --amount 300 --kind honorar --date 2026-02-08
k hours log bo@example.dk --date 2026-02-20 --hours 3 --task "Generalforsamling"
mkdir -p "$W/.git" && printf '[core]\n[merge "klynge"]\n\tdriver = klynge merge-driver %%O %%A %%B %%P\n' >"$W/.git/config"         # the workspace is under git
ln -s ../w/klynge.db "$ROOT/out/innocent.sql"                  # a link that leads into the workspace
ln -s ../klynge.toml "$W/documents/settings.md"

# --- values beyond the limits, and input files of every bad kind ---
rep() { printf "%${2}s" "" | tr ' ' "$1"; }
N201="Anne $(rep x 196)"          # a name of 201 characters
T301=$(rep T 301)                 # a title of 301
X2001=$(rep x 2001)               # a note of 2,001
W101=$(rep w 101)                 # a role of 101
E255="$(rep a 244)@example.dk"    # an e-mail of 255 characters
R="name,email,ydernummer,position"
printf '%s\n' "$R" "Anne Ærø,anne@example.dk,123456,ejerlæge" >"$IN/one.csv"
printf '%s\n' "$R" >"$IN/header.csv"
: >"$IN/empty.csv"
printf '%s\n' "$R" $'Eve\e[2J,eve@example.dk,123456,ejerlæge' >"$IN/esc.csv"
printf '%s\n' "$R" $'Eve\x7f,eve@example.dk,123456,ejerlæge' >"$IN/del.csv"
printf '%s\n' "$R" $'Eve\xc2\x9b31m,eve@example.dk,123456,ejerlæge' >"$IN/c1.csv"
printf '%s\n' "$R" $'Eve \xe6bler,eve@example.dk,123456,ejerlæge' >"$IN/latin1.csv"
printf '%s\n' "$R" "$N201,eve@example.dk,123456,ejerlæge" >"$IN/longname.csv"
printf '%s\n' "$R" "Eve,$E255,123456,ejerlæge" >"$IN/longmail.csv"
printf '%s\n' "$R" $'"Eve\nBcc: x",eve@example.dk,123456,ejerlæge' >"$IN/linebreak.csv"
printf '%s\n' "$R" "Eve,eve@example.dk,123456,ejerlæge,9999-12-31" | sed '1s/$/,joined/' >"$IN/date9999.csv"
printf '%s\n' "$R" "Eve,eve@example.dk,123456,ejerlæge" "Eve,eve@example.dk,123456,ejerlæge" >"$IN/dup.csv"
printf '%s\n' "navn;mail" "Eve;eve@example.dk" >"$IN/columns.csv"
printf 'name,email\x00,ydernummer,position\nEve,eve@example.dk,123456,ejerlæge\n' >"$IN/nul.csv"
printf '\xff\xfen\x00a\x00m\x00e\x00,\x00' >"$IN/utf16.csv"
printf 'n\x00a\x00m\x00e\x00,\x00e\x00m\x00' >"$IN/utf16-nobom.csv"
printf '\xfe\xff\x00n\x00a\x00m\x00e' >"$IN/utf16be.csv"
L="date,amount,category,text"
printf '%s\n' "$L" $'2026-02-01,100,forplejning,Kage\e]0;pwned\a' >"$IN/ledger-esc.csv"
printf '%s\n' "$L" "2026-02-01,100,forplejning,$X2001" >"$IN/ledger-long.csv"
printf '%s\n' "$L" "0000-00-00,100,forplejning,Kage" >"$IN/ledger-date0.csv"
printf '%s\n' "$L" "9999-12-31,100,forplejning,Kage" >"$IN/ledger-date9.csv"
printf '%s\n' "$L" "2026-02-01,1.234,forplejning,Kage" >"$IN/ledger-ambiguous.csv"
printf '%s\n' "$L" "2026-02-01,-100,forplejning,Kage" >"$IN/ledger-negative.csv"
printf '%s\n' "$L" "2026-02-01,100,mad,Kage" >"$IN/ledger-category.csv"
printf '%s\n' "$L,payee" "2026-02-01,100,forplejning,Kage," "2026-02-01,450,kørsel,Kørsel,Bo" >"$IN/ledger-korsel.csv"
printf '%s\n' "$L" $'2026-02-01,100,forplejning,K\xf8ge' >"$IN/ledger-latin1.csv"
printf '\xff\xfed\x00a\x00t\x00e\x00' >"$IN/ledger-utf16.csv"
printf '%s\n' "date,amount" "2026-02-01,100" >"$IN/ledger-columns.csv"
B="cluster,ydernummer,patients"
printf '%s\n' "$B" $'Klynge \e[5mA,100001,9000' >"$IN/batch-esc.csv"
printf '%s\n' "$B" "Klynge A,100001,-5" >"$IN/batch-negative.csv"
printf '%s\n' "$B" "Klynge A,100001,99999999999999999999" >"$IN/batch-huge.csv"
printf '%s\n' "$B" "Klynge A,1000,9000" >"$IN/batch-ydernummer.csv"
printf '%s\n' "$B" "$T301,100001,9000" >"$IN/batch-longname.csv"
printf '%s\n' "$B" >"$IN/batch-header.csv"
printf '\xff\xfec\x00l\x00u\x00' >"$IN/batch-utf16.csv"
printf 'c\x00l\x00u\x00s\x00t\x00e\x00r\x00' >"$IN/batch-utf16-nobom.csv"
printf '%s\n' "$B" "Klynge A,100001,nitusinde" >"$IN/batch-letters.csv"
(cd "$W" && "$KLYNGE" dump) >"$IN/good.sql"
{ cat "$IN/good.sql"; grep -m1 '^INSERT INTO member' "$IN/good.sql"; } >"$IN/dup.sql"
{ grep -m1 '^PRAGMA' "$IN/good.sql"; echo 'DROP TABLE member;'; } >"$IN/drop.sql"
{ grep -m1 '^PRAGMA' "$IN/good.sql"; echo 'INSERT INTO member(id) VALUES(99); DELETE FROM audit;'; } >"$IN/twostatements.sql"
{ grep -m1 '^PRAGMA' "$IN/good.sql"; echo 'INSERT INTO nosuch(id) VALUES(1);'; } >"$IN/unknowntable.sql"
echo 'PRAGMA user_version = 999;' >"$IN/newer.sql"
printf '\xff\xfeP\x00R\x00A\x00G\x00M\x00A\x00' >"$IN/utf16.sql"
printf '[2026]\nrate = "3,80"\nsource = "x"\nbogus = 1\n' >"$IN/rates-key.toml"
printf '[2026\nrate = \n' >"$IN/rates-syntax.toml"
printf '\xff\xfe[\x002\x000\x00' >"$IN/rates-utf16.toml"
printf '[twenty]\nrate = "3,80"\nsource = "x"\n' >"$IN/rates-year.toml"
printf '%%PDF-1.4 kvittering\n' >"$IN/receipt.pdf"
: >"$IN/empty.pdf"
mkdir -p "$IN/folder" "$IN/folder.csv"
printf '1. Velkomst\e[31m\n2. Eventuelt\n' >"$IN/agenda-esc.md"

TRIED=0 CLEAR=0 UNCHANGED=0
BASE=$(snapshot "$ROOT")

# row EXIT MESSAGE ARGUMENTS: runs one row and counts it.
row() {
    local code=$1 msg=$2 today=2026-03-10
    local -a args
    eval "args=($3)" || { fail "row does not parse: $3"; return; }
    if [[ ${args[0]} == TODAY=* ]]; then
        today=${args[0]#TODAY=}
        args=("${args[@]:1}")
    fi
    TRIED=$((TRIED + 1))
    OUT=$(cd "$W" && KLYNGE_TODAY=$today "$KLYNGE" "${args[@]}" 2>"$CAPTURE/stderr" </dev/null)
    RC=$?
    ERR=$(cat "$CAPTURE/stderr")
    local first=${ERR%%$'\n'*} rest="" what
    what="klynge $(printf '%q ' "${args[@]}" | cut -c1-160)"
    [[ "$ERR" == *$'\n'* ]] && rest=${ERR#*$'\n'}
    local clear=1
    [ "$RC" -eq "$code" ] || { clear=0; fail "$what: expected exit $code"; }
    [[ "$first" == "klynge: error: "*" — "* ]] || { clear=0; fail "$what: the first line is not 'klynge: error: WHAT — HOW'"; }
    [[ "$first" == *"$msg"* ]] || { clear=0; fail "$what: the error lacks '$msg'"; }
    [ -z "$OUT" ] || { clear=0; fail "$what: a refused command printed on stdout"; }
    if [ -n "$rest" ] && grep -qv '^  ' <<<"$rest"; then clear=0; fail "$what: more than one error line"; fi
    # No raw control character (an ESC would repaint the terminal) and no
    # bad value echoed beyond ~80 characters.
    if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' <<<"$ERR"; then clear=0; fail "$what: raw control character"; fi
    if grep -qE '[^ ]{90}' <<<"$first"; then clear=0; fail "$what: echoes a long value"; fi
    CLEAR=$((CLEAR + clear))
    [ "$clear" -eq 1 ] && pass
    local after
    after=$(snapshot "$ROOT")
    if [ "$after" == "$BASE" ]; then
        UNCHANGED=$((UNCHANGED + 1))
        pass
    else
        fail "$what: the workspace or an input file changed"
        BASE=$after
    fi
}

while IFS='|' read -r code msg cmd; do
    code=${code// /}
    [[ -z "$code" || "$code" == \#* ]] && continue
    msg=${msg#"${msg%%[![:space:]]*}"}
    msg=${msg%"${msg##*[![:space:]]}"}
    row "$code" "$msg" "$cmd"
done <<'ROWS'
# ---- every argument: encoding and control characters, before any command runs
2 | argument 3 "Eve\x1b[31mRed" contains the control character ESC       | member add $'Eve\e[31mRed' --email eve@example.dk --practice 123456 --position ejerlæge
2 | --email "eve\x7f@example.dk" contains the control character DEL      | member add Eve --email $'eve\x7f@example.dk' --practice 123456 --position ejerlæge
2 | --name "Eve\xc2" is not valid UTF-8                                    | member set anne@example.dk --name $'Eve\xc2'
2 | --name "Anne \xe6" is not valid UTF-8 (byte 0xE6 at character 6)       | member set anne@example.dk --name $'Anne \xe6'
2 | contains the control character CSI (U+009B                            | member set anne@example.dk --name $'Anne\xc2\x9b31m'
2 | --text "Kage\x1b]0;pwned\x07" contains the control character ESC       | ledger add --date 2026-02-20 --amount 5 --category forplejning --text $'Kage\e]0;pwned\a'
2 | --title "GF\x08\x08" contains the control character U+0008            | meeting call --type klyngemøde --title $'GF\b\b' --start "2026-04-01 17:00" --end 19:00 --place X
2 | --place "Hal\x01" contains the control character U+0001              | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place $'Hal\x01'
2 | --motion "Budget\x1b[8m"                                              | vote 1 --motion $'Budget\e[8m' --yes 3 --no 0
2 | --reason "sne\x1b[2K" contains the control character ESC              | meeting cancel 2 --reason $'sne\e[2K'
2 | --note "vegetar\x1b[0m"                                               | meeting rsvp 2 anne@example.dk yes --note $'vegetar\e[0m'
2 | --subject "Budget\x1f" contains the control character U+001F         | meeting request-extraordinary --by anne@example.dk --date 2026-03-01 --subject $'Budget\x1f'
2 | --idea "KOL\x1b" contains the control character ESC                    | vote dots 1 --idea $'KOL\e' --idea Astma --dots anne@example.dk=Astma:1
2 | --candidate "Anne\x1b"                                                | vote election 1 --office koordinator --candidate $'Anne\e' --votes Anne=3
2 | --task "GF\x1b[1m"                                                    | hours log bo@example.dk --date 2026-02-20 --hours 1 --task $'GF\e[1m'
2 | --ref "kvittering\x1b"                                                | skat mark-reported --month 2026-02 --ref $'kvittering\e'
2 | --tasks "Ledelse\x1b"                                                 | contract add anne@example.dk --role sekretær --fee-per-year 100 --schedule yearly --from 2026-01-01 --cvr 12345674 --tasks $'Ledelse\e'
2 | --role "kasserer\x1b"                                                 | contract add anne@example.dk --role $'kasserer\e' --fee-per-year 100 --schedule yearly --from 2026-01-01 --cvr 12345674
2 | --name "Klinik\x1b"                                                   | practice add 345678 --name $'Klinik\e' --patients 5
2 | --name "X\x1b" contains the control character ESC                      | init ../out/x --name $'X\e' --cvr 12345674 --municipality København --region Hovedstaden
2 | --municipality "K\xf8benhavn" is not valid UTF-8                       | init ../out/x --name X --cvr 12345674 --municipality $'K\xf8benhavn' --region Hovedstaden
2 | argument 1 "memb\x1ber" contains                                      | $'memb\eer' list
2 | unknown command "stauts"                                              | stauts
2 | argument 3 "\x1b[2J" contains                                         | member show $'\e[2J'
2 | -o "out\x1b.sql" contains the control character ESC                    | dump -o $'out\e.sql'
2 | argument 3 "a\xff\xfe" is not valid UTF-8                              | member import $'a\xff\xfe'
2 | --payee "Bager\x1b"                                                   | ledger add --date 2026-02-20 --amount 5 --category forplejning --text Kage --payee $'Bager\e'
2 | --guest "Eva \x1b <eva@example.dk>"                                   | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place Y --guest $'Eva \e <eva@example.dk>'
2 | --at "2026-03-01\x1b"                                                 | status --at $'2026-03-01\e'
2 | --cpr "******-****\x1b" contains                                      | payout --person bo@example.dk --amount 5 --kind honorar --date 2026-03-01 --cpr $'0101901234\e'
2 | --host "Nord\x1b[31m" contains the control character ESC              | meeting move 2 --host $'Nord\e[31m'
2 | --host "Nordhavn\xff" is not valid UTF-8                               | meeting move 2 --host $'Nordhavn\xff'
2 | --link "https://meet.example.dk/\x1b[2J" contains the control character | meeting move 2 --link $'https://meet.example.dk/\e[2J'
2 | --link "https://meet.example.dk/\xe6" is not valid UTF-8               | meeting move 2 --link $'https://meet.example.dk/\xe6'
2 | is not a web address                                                  | meeting move 2 --link "javascript:alert(1)"
1 | --host "999999" is not a practice of the cluster                      | meeting move 2 --host 999999
# ---- line breaks, blank values and lengths of every kind of text
2 | the name contains a line break — write it on one line                 | member add $'Eve\nBcc: x@evil.example' --email eve@example.dk --practice 123456 --position ejerlæge
2 | the name "Eve\tEng" contains a tab at character 4                    | member add $'Eve\tEng' --email eve@example.dk --practice 123456 --position ejerlæge
2 | the name is empty                                                     | member add "   " --email eve@example.dk --practice 123456 --position ejerlæge
2 | the name is empty                                                     | member add "" --email eve@example.dk --practice 123456 --position ejerlæge
2 | is 201 characters long — at most 200                                  | member add "$N201" --email eve@example.dk --practice 123456 --position ejerlæge
2 | is 201 characters long — at most 200                                  | member set anne@example.dk --name "$N201"
2 | 255 characters long, and an address has at most 254                   | member add Eve --email "$E255" --practice 123456 --position ejerlæge
2 | invalid e-mail address "": it must contain exactly one @              | member add Eve --email "" --practice 123456 --position ejerlæge
2 | it contains a space                                                   | member add Eve --email "eve @example.dk" --practice 123456 --position ejerlæge
2 | it must contain exactly one @                                         | member add Eve --email eve@@example.dk --practice 123456 --position ejerlæge
2 | the part after the @ must be a domain                                 | member add Eve --email eve@localhost --practice 123456 --position ejerlæge
2 | the part after the @ must be a domain                                 | member add Eve --email eve@example..dk --practice 123456 --position ejerlæge
2 | there is nothing before the @                                         | member add Eve --email @example.dk --practice 123456 --position ejerlæge
2 | --title contains a line break                                         | meeting call --type klyngemøde --title $'Møde\r\nBcc: x@evil.example' --start "2026-04-01 17:00" --end 19:00 --place Y
2 | --title is empty                                                      | meeting call --type klyngemøde --title "  " --start "2026-04-01 17:00" --end 19:00 --place Y
2 | --title "TTTTTTTT                                                      | meeting call --type klyngemøde --title "$T301" --start "2026-04-01 17:00" --end 19:00 --place Y
2 | --place "TTTT                                                          | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place "$T301"
2 | --place is empty                                                      | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place ""
2 | --note "xxxxx                                                          | meeting rsvp 2 anne@example.dk yes --note "$X2001"
2 | --note contains a line break                                          | meeting rsvp 2 anne@example.dk yes --note $'kommer\nsent'
2 | --reason is empty                                                     | meeting cancel 2 --reason " "
2 | --reason "xxxx                                                         | meeting cancel 2 --reason "$X2001"
2 | --subject is empty                                                    | meeting request-extraordinary --by anne@example.dk --date 2026-03-01 --subject ""
2 | --subject "TTTT                                                        | meeting request-extraordinary --by anne@example.dk --date 2026-03-01 --subject "$T301"
2 | --motion "xxxx                                                         | vote 1 --motion "$X2001" --yes 3 --no 0
2 | --motion contains a line break                                        | vote 1 --motion $'Budget\n2026' --yes 3 --no 0
2 | no --motion                                                           | vote 1 --motion "" --yes 3 --no 0
2 | --office is empty                                                     | vote election 1 --office "" --candidate anne@example.dk --votes anne@example.dk=3
2 | --office "wwww                                                         | vote election 1 --office "$W101" --candidate anne@example.dk --votes anne@example.dk=3
2 | --idea is empty                                                       | vote dots 1 --idea "" --idea Astma --dots anne@example.dk=Astma:1
2 | --question "TTTT                                                       | vote dots 1 --idea KOL --idea Astma --dots anne@example.dk=Astma:1 --question "$T301"
2 | --text is empty                                                       | ledger add --date 2026-02-20 --amount 5 --category forplejning --text " "
2 | --text "xxxx                                                           | ledger add --date 2026-02-20 --amount 5 --category forplejning --text "$X2001"
2 | --text contains a line break                                          | ledger income --date 2026-02-20 --amount 5 --kind andet --text $'a\nb'
2 | --payee "Anne xxxx                                                     | ledger add --date 2026-02-20 --amount 5 --category forplejning --text Kage --payee "$N201"
2 | --reason is empty — say what it is, e.g. --reason "Dobbeltbogført"    | ledger reject B-2026-002 --reason ""
2 | --reason "xxxx                                                         | ledger reverse B-2026-003 --reason "$X2001"
2 | --ref is empty — say what it is, e.g. --ref "kvittering 4711"         | skat mark-reported --month 2026-02 --ref ""
2 | --ref "TTTT                                                            | skat mark-reported --month 2026-02 --ref "$T301"
2 | --role is empty — say what it is, e.g. --role "koordinator"           | contract add anne@example.dk --role "" --fee-per-year 100 --schedule yearly --from 2026-01-01 --cvr 12345674
2 | --role "wwww                                                           | contract add anne@example.dk --role "$W101" --fee-per-year 100 --schedule yearly --from 2026-01-01 --cvr 12345674
2 | --tasks "xxxx                                                          | contract add anne@example.dk --role sekretær --fee-per-year 100 --schedule yearly --from 2026-01-01 --cvr 12345674 --tasks "$X2001"
2 | --task is empty — say what it is, e.g. --task "Generalforsamling"     | hours log bo@example.dk --date 2026-02-20 --hours 1 --task ""
2 | --task "TTTT                                                           | hours log bo@example.dk --date 2026-02-20 --hours 1 --task "$T301"
2 | --note "xxxx                                                           | member registered --date 2026-03-01 --note "$X2001"
2 | the practice name is empty                                            | practice add 345678 --name "" --patients 5
2 | the practice name "TTTT                                                | practice add 345678 --name "$T301" --patients 5
2 | the practice name contains a line break                              | practice set 123456 --name $'Lægerne\nØsterbro'
2 | --name is empty — give a text                                         | init ../out/x --name "" --cvr 12345674 --municipality København --region Hovedstaden
2 | --name is empty — give a text                                         | init ../out/x --name "   " --cvr 12345674 --municipality København --region Hovedstaden
2 | --name "TTTT                                                           | init ../out/x --name "$T301" --cvr 12345674 --municipality København --region Hovedstaden
2 | --municipality is empty                                               | init ../out/x --name X --cvr 12345674 --municipality "" --region Hovedstaden
2 | --chair "Anne xxxx                                                     | meeting minutes 1 --chair "$N201"
2 | the name "Anne xxxx                                                    | role assign sekretær "$N201" --external --from 2026-01-01
2 | the name is empty                                                     | role assign sekretær "" --external --from 2026-01-01
# ---- numbers: negative, huge, not numbers, given twice
2 | --patients: -1 is negative — give a count of 0 or more                | practice add 345678 --name X --patients -1
2 | --patients: "abc" is not a whole number                               | practice add 345678 --name X --patients abc
2 | --patients: "1.5" is not a whole number                               | practice add 345678 --name X --patients 1.5
2 | --patients: "99999999999999999999" is too large                       | practice add 345678 --name X --patients 99999999999999999999
2 | --patients: 20000000 is not a plausible count                         | practice add 345678 --name X --patients 20000000
2 | --capacities: -2 is negative                                          | practice add 345678 --name X --patients 5 --capacities -2
2 | --patients: -5 is negative                                            | practice set 123456 --patients -5
2 | --patients is given 2 times — give it once                            | practice add 345678 --name X --patients 5 --patients 6
2 | --name is given 2 times — give it once                                | practice add 345678 --name X --name Y --patients 5
2 | --limit: -1 is negative — give a count of 0 or more                   | log --limit -1
2 | --limit: "abc" is not a whole number                                  | log --limit abc
2 | --limit: "99999999999999999999999" is too large                       | log -n 99999999999999999999999
2 | --year: 3000 is not a year klynge knows (1990–2100)                   | calendar --year 3000
2 | --year: "abc" is not a whole number                                   | calendar --year abc
2 | --year: 1999 is not a year klynge knows (2000–2100)                   | grant calc --year 1999
2 | --year: -1 is not a year klynge knows                                 | ledger report --year -1
2 | --year: 99999 is not a year klynge knows                              | ledger list --year 99999
2 | --year: 0 is not a year klynge knows                                  | budget show --year 0
2 | --year: 12 is not a year klynge knows                                 | budget set --year 12 --category forplejning --amount 5
2 | --year: 1800 is not a year klynge knows                               | hours report --year 1800
2 | --year: "twenty" is not a whole number                                | meeting list --year twenty
2 | --yes "-1" is not a number — give 0 or more                           | vote 1 --motion X --yes -1 --no 0
2 | --yes "abc" is not a number                                           | vote 1 --motion X --yes abc --no 0
2 | --yes is given 2 times                                                | vote 1 --motion X --yes 1 --no 1 --yes 2
2 | --hours "-3" is not a number of hours                                 | hours log bo@example.dk --date 2026-02-20 --hours -3 --task X
2 | --hours 25 is more than a day                                         | hours log bo@example.dk --date 2026-02-20 --hours 25 --task X
2 | --hours 0 is no time                                                  | hours log bo@example.dk --date 2026-02-20 --hours 0 --task X
2 | --hours "3:75" is not a number of hours                               | hours log bo@example.dk --date 2026-02-20 --hours 3:75 --task X
2 | --hours must be more than 0                                           | contract add anne@example.dk --role x --fee-per-year 100 --schedule yearly --from 2026-01-01 --hours -5 --cvr 12345674
2 | --choose -1 — choose at least 1                                       | vote dots 1 --idea KOL --idea Astma --dots anne@example.dk=Astma:1 --choose -1
2 | --dots "anne@example.dk=Astma:0": 0 dots                              | vote dots 1 --idea KOL --idea Astma --dots anne@example.dk=Astma:0
2 | --contract: "x" is not a whole number                                 | payout --contract x --date 2026-03-01
2 | MEETING: "abc" is not a meeting number                                    | vote list --meeting abc
2 | --meeting: "abc" is not a whole number                                | ledger add --date 2026-02-20 --amount 5 --category forplejning --text X --meeting abc
2 | ID: "-1" is not a meeting number                                          | meeting show -1
2 | ID: "99999999999999999999" is not a meeting number                        | meeting show 99999999999999999999
2 | ID: "abc" is not a decision number                                        | vote show abc
2 | --to is given 2 times — give it once                                  | ledger export --to csv --to hledger
# ---- amounts of money
2 | could mean 1.234,00 kr. (thousands dot) or 1,234 kr.                  | ledger add --date 2026-02-20 --amount 1.234 --category forplejning --text X
2 | it is not a number of kroner                                          | ledger add --date 2026-02-20 --amount abc --category forplejning --text X
2 | that is more than 10.000.000.000.000 kr.                              | ledger add --date 2026-02-20 --amount 99999999999999999 --category forplejning --text X
2 | is not more than 0 kr.                                                | ledger add --date 2026-02-20 --amount -5 --category forplejning --text X
2 | is not more than 0 kr.                                                | ledger add --date 2026-02-20 --amount 0 --category forplejning --text X
2 | --amount: empty amount                                                | ledger add --date 2026-02-20 --amount "" --category forplejning --text X
2 | --amount: invalid amount "1,234.50"                                   | ledger add --date 2026-02-20 --amount 1,234.50 --category forplejning --text X
2 | --amount: invalid amount "12,345"                                     | ledger add --date 2026-02-20 --amount 12,345 --category forplejning --text X
2 | is not more than 0 kr.                                                | ledger income --date 2026-02-20 --amount -5 --kind driftstilskud --text X
2 | is negative — a budget is 0 kr. or more                               | budget set --year 2026 --category forplejning --amount -100
2 | could mean 1.000,00 kr.                                               | budget set --year 2026 --category forplejning --amount 1.000
2 | is not more than 0 kr. — give the yearly fee                          | contract add anne@example.dk --role x --fee-per-year -5 --schedule yearly --from 2026-01-01 --cvr 12345674
2 | is not more than 0 kr. — give the amount paid                         | payout --person bo@example.dk --amount 0 --kind honorar --date 2026-03-01
2 | --amount: invalid amount "5 øre"                                      | payout --person bo@example.dk --amount "5 øre" --kind honorar --date 2026-03-01
# ---- dates and times
2 | --date: invalid date "0000-00-00": it is not a real date              | ledger add --date 0000-00-00 --amount 5 --category forplejning --text X
2 | --date: 9999-12-31 is outside the years klynge works with             | ledger add --date 9999-12-31 --amount 5 --category forplejning --text X
2 | --date: invalid date "2026-02-29": it is not a real date              | ledger add --date 2026-02-29 --amount 5 --category forplejning --text X
2 | --date: invalid date "": not a date in a known form                   | ledger add --date "" --amount 5 --category forplejning --text X
2 | --date: invalid date "tomorrow"                                       | practice leave 123456 --date tomorrow
2 | --date: 0001-01-01 is outside the years klynge works with (1900–2100) | member leave anne@example.dk --date 0001-01-01
2 | --date: 9999-12-31 is outside the years klynge works with             | member leave anne@example.dk --date 9999-12-31
2 | --joined: 2200-01-01 is outside the years klynge works with           | member add Eve --email eve@example.dk --practice 123456 --position ejerlæge --joined 2200-01-01
2 | --joined: invalid date "0000-00-00"                                   | member add Eve --email eve@example.dk --practice 123456 --position ejerlæge --joined 0000-00-00
2 | --at: invalid date "2026-02-31"                                       | status --at 2026-02-31
2 | --at: 9999-12-31 is outside the years klynge works with               | status --at 9999-12-31
2 | --at: invalid date "yesterday"                                        | check --at yesterday
2 | --at: 0001-01-01 is outside the years                                 | check --at 0001-01-01
2 | --at: invalid date "31.02.2026"                                       | role list --at 31.02.2026
2 | --at: invalid date "2026-00-01"                                       | practice list --at 2026-00-01
2 | --at: invalid date "2026-99-01"                                       | skat pending --at 2026-99-01
2 | --at: invalid date "2026-02-30"                                       | ledger balance --at 2026-02-30
2 | --as-of: invalid date "2026-02-30"                                    | practice add 345678 --name X --patients 5 --as-of 2026-02-30
2 | --as-of 2017-01-01 is before practice 123456 joined the cluster       | practice set 123456 --patients 5 --as-of 2017-01-01
2 | --as-of 2017-01-01 is before the practice joined the cluster (2018-01-01) | practice add 345678 --name X --patients 5 --as-of 2017-01-01 --joined 2018-01-01
2 | --date 2010-01-01 is before the practice joined                       | practice leave 123456 --date 2010-01-01
2 | --date 2017-01-01 is before                                           | member leave anne@example.dk --date 2017-01-01
2 | --until 2026-01-01 is before --since 2026-03-01                       | member diff --since 2026-03-01 --until 2026-01-01
2 | --since: invalid date "2026-13-01"                                    | member diff --since 2026-13-01
2 | --date 2026-12-01 is in the future                                    | member registered --date 2026-12-01
2 | --date: invalid date "2025-13-01"                                     | member registered --date 2025-13-01
2 | --start: invalid time "2026-13-01 17:00"                              | meeting call --type klyngemøde --title X --start "2026-13-01 17:00" --end 19:00 --place Y
2 | --start: invalid time "2026-04-01 25:00"                              | meeting call --type klyngemøde --title X --start "2026-04-01 25:00" --end 19:00 --place Y
2 | --start: invalid time "2026-04-01": no time of day                    | meeting call --type klyngemøde --title X --start 2026-04-01 --end 19:00 --place Y
2 | --end 2026-04-01 16:00 is not after --start 2026-04-01 17:00          | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 16:00 --place Y
2 | --end 2026-05-01 19:00 is 30 days after --start                       | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end "2026-05-01 19:00" --place Y
2 | --start 9999-04-01 17:00 is after 2100                                | meeting call --type klyngemøde --title X --start "9999-04-01 17:00" --end 19:00 --place Y
2 | --start 2020-04-01 17:00 is in the past                               | meeting call --type klyngemøde --title X --start "2020-04-01 17:00" --end 19:00 --place Y
2 | --end: invalid time "19"                                              | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19 --place Y
2 | --respond-by 2026-05-01 is not between today                          | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place Y --respond-by 2026-05-01
2 | --respond-by: invalid date "2026-04-31"                               | meeting call --type klyngemøde --title X --start "2026-05-01 17:00" --end 19:00 --place Y --respond-by 2026-04-31
2 | --from: invalid date "2026-02-30"                                     | role assign bestyrelse anne@example.dk --from 2026-02-30
2 | --to 2026-01-01 is before --from 2026-02-01                           | role assign bestyrelse anne@example.dk --from 2026-02-01 --to 2026-01-01
2 | --date 2010-01-01 is before the assignment began                      | role end koordinator anne@example.dk --date 2010-01-01
2 | --to 2025-01-01 is before --from 2026-01-01                           | contract add anne@example.dk --role x --fee-per-year 100 --schedule yearly --from 2026-01-01 --to 2025-01-01 --cvr 12345674
2 | --date 2020-01-01 is before contract #1 starts                        | contract end 1 --date 2020-01-01
2 | --date 2027-02-20 is after today                                      | hours log bo@example.dk --date 2027-02-20 --hours 3 --task X
2 | --date 2027-03-01 is after today                                      | payout --person bo@example.dk --amount 5 --kind honorar --date 2027-03-01
2 | --date 2025-01-01 is before the last step of B-2026-003               | ledger pay B-2026-003 --date 2025-01-01
2 | --date 2027-01-01 is after today                                      | skat mark-reported --month 2026-02 --ref x --date 2027-01-01
2 | --month "2026-13" is not a month                                      | skat report --month 2026-13
2 | --month "26-01" is not a month                                        | skat report --month 26-01
2 | --month "" is not a month                                             | skat report --month ""
2 | --founded 2030-01-01 is in the future                                 | init ../out/x --name X --cvr 12345674 --municipality København --region Hovedstaden --founded 2030-01-01
2 | --founded: invalid date "2018-02-30"                                  | init ../out/x --name X --cvr 12345674 --municipality København --region Hovedstaden --founded 2018-02-30
2 | --approved-on: invalid date "2026-02-30"                              | meeting minutes 1 --approve --approved-on 2026-02-30
2 | --date: invalid date "01/03/2026"                                     | meeting request-extraordinary --by anne@example.dk --date 01/03/2026 --subject X
# ---- identifiers and choices
2 | invalid ydernummer "1234567"                                          | practice add 1234567 --name X --patients 5
2 | invalid ydernummer "abcdef"                                           | practice show abcdef
2 | invalid ydernummer ""                                                 | member add Eve --email eve@example.dk --practice "" --position ejerlæge
2 | --cvr: invalid CVR number "12345678": the check digit                 | init ../out/x --name X --cvr 12345678 --municipality København --region Hovedstaden
2 | --cvr: invalid CVR number ""                                          | init ../out/x --name X --cvr "" --municipality København --region Hovedstaden
2 | --region "Jylland" is not a Danish region                             | init ../out/x --name X --cvr 12345674 --municipality København --region Jylland
2 | --cpr: invalid CPR number: the first six digits are not a real birth date | payout --person bo@example.dk --amount 5 --kind honorar --date 2026-03-01 --cpr 320190-1234
2 | --cpr: invalid CPR number: expected 10 digits                         | contract add Eva --role oplægsholder --fee-per-year 100 --schedule yearly --from 2026-01-01 --cpr 12345
2 | both --cpr and --cvr given                                            | contract add anne@example.dk --role x --fee-per-year 100 --schedule yearly --from 2026-01-01 --cpr 0101901234 --cvr 12345674
2 | unknown position "chef"                                               | member add Eve --email eve@example.dk --practice 123456 --position chef
2 | unknown position "chef"                                               | member list --position chef
2 | unknown role "formand"                                                | role assign formand anne@example.dk --from 2026-01-01
2 | unknown category "mad"                                                | ledger add --date 2026-02-20 --amount 5 --category mad --text X
2 | unknown category "mad"                                                | budget set --year 2026 --category mad --amount 5
2 | unknown income kind "gave"                                            | ledger income --date 2026-02-20 --amount 5 --kind gave --text X
2 | unknown status "weird"                                                | ledger list --status weird
2 | --kind: "weird" is not one of income, expense                         | ledger list --kind weird
2 | --to: "xml" is not one of hledger, ledger, beancount, csv             | ledger export --to xml
2 | --format: "xml" is not one of table, json, csv                        | --format xml status
2 | --csv-dialect: "x" is not one of rfc4180, excel-da                    | --csv-dialect x member list
2 | unknown schedule "weekly"                                             | contract add anne@example.dk --role x --fee-per-year 100 --schedule weekly --from 2026-01-01 --cvr 12345674
2 | --period "2026-K9" is not a quarterly period                          | payout --contract 1 --period 2026-K9 --date 2026-03-01
2 | unknown --kind "gave"                                                 | payout --person bo@example.dk --amount 5 --kind gave --date 2026-03-01
2 | unknown --kind "weird"                                                | vote 1 --motion X --yes 1 --no 0 --kind weird
2 | --type: unknown meeting type "fest"                                   | meeting call --type fest --title X --start "2026-04-01 17:00" --end 19:00 --place Y
2 | ANSWER "maybe" is neither yes nor no                                  | meeting rsvp 2 anne@example.dk maybe
2 | --casting "perhaps"                                                   | vote 1 --motion X --yes 1 --no 1 --casting perhaps
2 | --ballot "anne@example.dk=maybe": "maybe" is not a vote               | vote 1 --motion X --ballot anne@example.dk=maybe
2 | --dots "anne" is not PERSON=IDEA:N                                    | vote dots 1 --idea KOL --idea Astma --dots anne
2 | unknown setting "nope"                                                | config get nope
2 | unknown setting ""                                                    | config get ""
2 | --agenda "/nonexistent" is neither a built-in agenda                  | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place Y --agenda /nonexistent
2 | --guest: invalid e-mail address "Eva"                                 | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place Y --guest Eva
# ---- usage: missing, unexpected, contradictory
2 | --name is required                                                    | practice add 345678 --patients 5
2 | NAME is required                                                      | member add
2 | unexpected argument "extra"                                           | status extra
2 | unexpected argument "--bogus"                                         | status --bogus
2 | unknown command "frobnicate"                                          | frobnicate
2 | nothing to change — give --patients, --capacities or --name           | practice set 123456
2 | nothing to change                                                     | member set anne@example.dk
2 | nobody named                                                          | meeting attend 1
2 | give the votes either as --yes/--no/--blank counts or as --ballot     | vote 1 --motion X
2 | --force and --reason go together                                      | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place Y --force
2 | --workspace excludes --batch                                          | grant calc --batch ../in/batch-header.csv --workspace .
2 | --send excludes --outbox                                              | meeting cancel 2 --reason x --send --outbox
2 | --document needs --kiap                                               | member export --document ../out/kiap.md
2 | --force is only for --leave-missing                                   | member import ../in/one.csv --force
2 | --force is only for --reveal-cpr or --eindkomst with -o FILE                         | skat report --month 2026-02 --force
2 | a payout needs --contract ID, or --person P --amount A --kind         | payout --person bo@example.dk --kind honorar --date 2026-03-01
2 | --contract pays the schedule's amount                                 | payout --contract 1 --person bo@example.dk --amount 5 --date 2026-03-01
2 | give at least two --idea                                              | vote dots 1 --idea KOL --dots anne@example.dk=KOL:1
2 | --idea "KOL" is given twice                                           | vote dots 1 --idea KOL --idea KOL --dots anne@example.dk=KOL:1
2 | "anne@example.dk" is named both present and --absent                  | TODAY=2026-03-10 meeting attend 1 anne@example.dk --absent anne@example.dk
2 | "1" is named both present and --absent (as "anne@example.dk")         | meeting attend 1 anne@example.dk --absent 1
# ---- rules: the record exists, the state allows it
1 | practice 234567 (Nordhavn Lægehus) is already registered              | practice add 234567 --name X --patients 5
1 | practice 999999 is not registered                                     | practice set 999999 --name Y
1 | practice 999999 is not registered                                     | member add Eve --email eve@example.dk --practice 999999 --position ejerlæge
1 | already the e-mail of member #2                                       | member set anne@example.dk --email bo@example.dk
1 | already the e-mail                                                    | member add Eve --email ANNE@example.dk --practice 123456 --position ejerlæge
1 | no member "99"                                                        | member show 99
1 | no member "nobody@example.dk"                                         | member leave nobody@example.dk --date 2026-03-01
1 | Anne Ærø is still a member                                            | member forget anne@example.dk
1 | must be a member                                                      | role assign kasserer "Lise Hansen" --external --from 2026-01-01
1 | already holds the role                                                | role assign koordinator anne@example.dk --from 2026-01-10
1 | no open kasserer                                                      | role end kasserer carl@example.dk --date 2026-03-01
1 | no meeting #99                                                        | meeting show 99
1 | no meeting #99                                                        | meeting cancel 99 --reason x
1 | no meeting #0                                                         | meeting minutes 0
1 | meeting #1 was held on 2026-02-20 — answers are for meetings to come  | meeting rsvp 1 anne@example.dk yes
1 | meeting #2 is on 2026-04-15 — record who was present on or after      | meeting attend 2 anne@example.dk
1 | meeting #2 has not been held                                          | meeting minutes 2 --approve
1 | the notice is 2 days but a general assembly needs at least 14         | meeting call --type generalforsamling --title X --start "2026-03-12 17:00" --end 19:00 --place Y
1 | no member "nobody@x.dk"                                               | meeting request-extraordinary --by nobody@x.dk --date 2026-03-01 --subject X
1 | no member "nobody@x.dk"                                               | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place Y --invite nobody@x.dk
1 | no meeting #99                                                        | vote 99 --motion X --yes 1 --no 0
1 | nobody is recorded present at meeting #2                              | vote 2 --motion X --yes 1 --no 0
1 | no decision #999                                                      | vote show 999
1 | no member "nobody@example.dk"                                         | vote election 1 --office koordinator --candidate nobody@example.dk --votes nobody@example.dk=1
1 | there is no ledger entry B-2026-999                                   | ledger approve B-2026-999
1 | there is no ledger entry XYZ                                          | ledger show xyz
1 | B-2026-003 was already approved                                       | ledger approve B-2026-003
1 | B-2026-004 was rejected on 2026-03-10 (Dobbelt)                       | ledger approve B-2026-004
1 | B-2026-002 is not approved yet                                        | ledger pay B-2026-002 --date 2026-03-01
1 | there is no ledger entry B-2026-999                                   | ledger reverse B-2026-999 --reason x
1 | there is no meeting #99                                               | ledger add --date 2026-02-20 --amount 5 --category forplejning --text X --meeting 99
1 | there is no meeting #99                                               | ledger claim 99
1 | meeting #2 (Klyngemøde april) has no expenses to claim                | ledger claim 2
1 | there is no contract #99                                              | contract end 99 --date 2026-12-31
1 | there is no contract #99                                              | payout --contract 99 --date 2026-03-01
1 | "nobody" has no contract or payout yet                                | hours log nobody --date 2026-02-20 --hours 3 --task X
1 | no B-income was paid in 2026-05                                       | skat mark-reported --month 2026-05 --ref x
1 | klynge.db already holds records — give --force                        | restore ../in/good.sql
1 | --leave-missing would mark 4 of the 4 members as left (0 rows in header.csv) | member import ../in/header.csv --leave-missing 2026-03-01
1 | --leave-missing would mark 3 of the 4 members as left (1 row in one.csv)     | member import ../in/one.csv --leave-missing 2026-03-01
# ---- input files: missing, a folder, UTF-16, encodings, controls, limits
2 | cannot read ../in/missing.csv: no such file                           | member import ../in/missing.csv
2 | cannot read ../in/folder: it is a folder, not a file                  | member import ../in/folder
2 | cannot read ../in/folder.csv: it is a folder, not a file              | ledger import ../in/folder.csv
2 | cannot read --batch ../in/folder.csv: it is a folder                  | grant calc --batch ../in/folder.csv --year 2025
2 | cannot read the dump ../in/folder: it is a folder                     | restore --force ../in/folder
2 | cannot read the dump ../in/missing.sql: no such file                  | restore ../in/missing.sql
2 | --receipt ../in/folder: that is a folder                              | ledger add --date 2026-02-20 --amount 5 --category forplejning --text X --receipt ../in/folder
2 | --receipt ../in/folder: that is a folder                              | ledger attach B-2026-002 ../in/folder
2 | --receipt ../in/missing.pdf: no such file                             | ledger add --date 2026-02-20 --amount 5 --category forplejning --text X --receipt ../in/missing.pdf
2 | --receipt ../in/empty.pdf: the file is empty                          | ledger attach B-2026-002 ../in/empty.pdf
3 | cannot read the rates file ../in/folder: it is a folder               | grant calc --rates ../in/folder --year 2025
3 | cannot read the rates file ../in/missing.toml: no such file           | grant rates --rates ../in/missing.toml
3 | the rates file ../in/rates-utf16.toml is UTF-16 — save it as UTF-8    | grant rates --rates ../in/rates-utf16.toml
3 | rates-key.toml                                                        | grant rates --rates ../in/rates-key.toml
3 | rates-syntax.toml:                                                    | grant calc --rates ../in/rates-syntax.toml --year 2025
3 | "twenty" is not a year                                                | grant rates --rates ../in/rates-year.toml
2 | ../in/utf16.csv is UTF-16 — save it as UTF-8                          | member import ../in/utf16.csv
2 | ../in/utf16-nobom.csv is UTF-16                                       | member import ../in/utf16-nobom.csv
2 | ../in/utf16be.csv is UTF-16                                           | member import ../in/utf16be.csv
2 | ../in/ledger-utf16.csv is UTF-16                                      | ledger import ../in/ledger-utf16.csv
2 | --batch ../in/batch-utf16.csv is UTF-16                               | grant calc --batch ../in/batch-utf16.csv --year 2025
2 | --batch ../in/batch-utf16-nobom.csv is UTF-16                         | grant calc --batch ../in/batch-utf16-nobom.csv --year 2025
2 | the dump ../in/utf16.sql is UTF-16                                    | restore --force ../in/utf16.sql
2 | esc.csv:2: field 1 "Eve\x1b[2J" contains the control character ESC   | member import ../in/esc.csv
2 | del.csv:2: field 1 "Eve\x7f" contains the control character DEL       | member import ../in/del.csv
2 | c1.csv:2: field 1 "Eve\x9b31m" contains the control character CSI     | member import ../in/c1.csv
2 | nul.csv:1: field 2 "email\x00"                                        | member import ../in/nul.csv
2 | latin1.csv:2: invalid UTF-8 (the file is probably Windows-1252         | member import ../in/latin1.csv
2 | longname.csv: 1 bad row                                               | member import ../in/longname.csv
2 | longmail.csv: 1 bad row                                               | member import ../in/longmail.csv
2 | linebreak.csv: 1 bad row                                              | member import ../in/linebreak.csv
2 | date9999.csv: 1 bad row                                               | member import ../in/date9999.csv
2 | dup.csv: 1 bad row                                                    | member import ../in/dup.csv
2 | columns.csv:1: the header has no "ydernummer" column                  | member import ../in/columns.csv
2 | empty.csv is empty — it needs a header row                            | member import ../in/empty.csv
2 | ledger-esc.csv:2: field 4                                             | ledger import ../in/ledger-esc.csv
2 | ledger-latin1.csv:2: invalid UTF-8                                    | ledger import ../in/ledger-latin1.csv
2 | ledger-long.csv                                                       | ledger import ../in/ledger-long.csv
2 | ledger-date0.csv                                                      | ledger import ../in/ledger-date0.csv
2 | ledger-date9.csv                                                      | ledger import ../in/ledger-date9.csv
2 | ledger-ambiguous.csv                                                  | ledger import ../in/ledger-ambiguous.csv
2 | ledger-negative.csv                                                   | ledger import ../in/ledger-negative.csv
2 | ledger-category.csv                                                   | ledger import ../in/ledger-category.csv
1 | ledger-korsel.csv:3: kørsel to a person is B-income                   | ledger import ../in/ledger-korsel.csv
2 | ledger-columns.csv:1: the header has no "category" column             | ledger import ../in/ledger-columns.csv
2 | empty.csv is empty — it needs a header row: date,amount               | ledger import ../in/empty.csv
1 | batch-esc.csv: 1 bad row                                              | grant calc --batch ../in/batch-esc.csv --year 2025
1 | batch-negative.csv: 1 bad row                                         | grant calc --batch ../in/batch-negative.csv --year 2025
1 | batch-huge.csv: 1 bad row                                             | grant calc --batch ../in/batch-huge.csv --year 2025
1 | batch-ydernummer.csv: 1 bad row                                       | grant calc --batch ../in/batch-ydernummer.csv --year 2025
1 | batch-longname.csv: 1 bad row                                         | grant calc --batch ../in/batch-longname.csv --year 2025
1 | batch-header.csv: 1 bad row                                           | grant calc --batch ../in/batch-header.csv --year 2025
1 | batch-letters.csv: 1 bad row                                          | grant calc --batch ../in/batch-letters.csv --year 2025
1 | empty.csv is empty — it needs a header row, like cluster              | grant calc --batch ../in/empty.csv --year 2025
2 | dup.sql:                                                              | restore --force ../in/dup.sql
2 | a second member record with the same member.id                        | restore --force ../in/dup.sql
2 | drop.sql:2: not an INSERT statement                                   | restore --force ../in/drop.sql
2 | twostatements.sql:2: more than one statement on the line              | restore --force ../in/twostatements.sql
2 | unknowntable.sql:2: INSERT into an unknown table                      | restore --force ../in/unknowntable.sql
2 | newer.sql has schema version 999                                      | restore --force ../in/newer.sql
2 | one.csv:1: expected "PRAGMA user_version = N;"                        | restore --force ../in/one.csv
2 | empty.csv: empty dump                                                 | restore --force ../in/empty.csv
2 | cannot read DBFILE ../in/missing.db: no such file                     | dump ../in/missing.db
2 | DBFILE ../in/good.sql is not a klynge database                        | dump ../in/good.sql
2 | DBFILE ../in/folder: it is a folder                                   | dump ../in/folder
2 | --agenda ../in/agenda-esc.md: the file contains the control character ESC | meeting call --type klyngemøde --title X --start "2026-04-01 17:00" --end 19:00 --place Y --agenda ../in/agenda-esc.md
# ---- output paths (§1): never the workspace's own files, never a folder
2 | -o klynge.db: that is klynge.db, the workspace's database             | dump -o klynge.db
2 | -o ./klynge.db: that is klynge.db                                     | dump -o ./klynge.db
2 | -o documents/../klynge.db: that is klynge.db                          | dump -o documents/../klynge.db
2 | -o klynge.db-journal: that is klynge.db-journal                       | dump -o klynge.db-journal
2 | -o klynge.head: that is klynge.head, the anchor                       | ledger export --to csv -o klynge.head
2 | -o klynge.head-pending: that is klynge.head-pending                   | dump -o klynge.head-pending
2 | -o klynge.db-wal: that is klynge.db-wal                               | ledger export --to csv -o klynge.db-wal
2 | -o klynge.toml: that is klynge.toml, the cluster's settings           | ledger export --to csv -o klynge.toml
2 | -o rates.toml: that is rates.toml                                     | ledger export --to hledger -o rates.toml
2 | -o .gitignore: that is .gitignore                                     | dump -o .gitignore
2 | -o .gitattributes: that is .gitattributes                             | dump -o .gitattributes
2 | -o templates/indkaldelse.md.mustache: that is inside templates/       | dump -o templates/indkaldelse.md.mustache
2 | -o receipts/x.pdf: that is inside receipts/                           | ledger export --to beancount -o receipts/x.pdf
2 | -o .git/config: that is inside .git/                                  | meeting bylaws -o .git/config
2 | -o .git/hooks-new: that is inside .git/                               | dump -o .git/hooks-new
2 | -o private/cpr.db: that is private/cpr.db                             | dump -o private/cpr.db
2 | -o private: that is a folder                                          | dump -o private
2 | -o templates: that is a folder                                        | skat report --month 2026-02 -o templates
2 | -o documents: that is a folder                                        | dump -o documents
2 | -o .: that is a folder                                                | ledger export --to csv -o .
2 | -o ../out: that is a folder                                           | dump -o ../out
2 | -o ../w2/klynge.toml: that is klynge.toml                             | dump -o ../w2/klynge.toml
2 | -o ../w2/klynge.db: that is klynge.db                                 | grant calc --year 2025 -o ../w2/klynge.db
2 | -o ../out/innocent.sql: that is klynge.db                             | dump -o ../out/innocent.sql
2 | -o documents/settings.md: that is klynge.toml                         | dump -o documents/settings.md
2 | -o ../out/nodir/x.sql: the folder                                     | dump -o ../out/nodir/x.sql
2 | -o x.klynge-tmp: names with .klynge-tmp                               | dump -o x.klynge-tmp
2 | -o is empty                                                           | dump -o ""
2 | -o ../in/batch-header.csv: that is the file this command reads        | grant calc --batch ../in/batch-header.csv --year 2025 -o ../in/batch-header.csv
2 | -o klynge.toml: that is klynge.toml                                   | grant calc --batch ../in/batch-header.csv --year 2025 -o klynge.toml
2 | --ics klynge.db: that is klynge.db                                    | calendar --ics klynge.db
2 | --ics ../out: that is a folder                                        | calendar --holidays --ics ../out
2 | --ics private/cpr.db-journal: that is private/cpr.db-journal          | calendar --ics private/cpr.db-journal
2 | --document klynge.toml: that is klynge.toml                           | member export --kiap --document klynge.toml
2 | --document receipts/a.md: that is inside receipts/                    | member export --kiap --document receipts/a.md
2 | --document templates: that is a folder                                | member export --kiap --document templates
2 | -o templates/vedtaegter.md.mustache: that is inside templates/        | meeting bylaws -o templates/vedtaegter.md.mustache
2 | -o klynge.db: that is klynge.db                                       | --dry-run dump -o klynge.db
# ---- files with full CPR numbers (§1): never where git versions them
2 | -o eindkomst.csv: the file would hold full CPR numbers inside the workspace | skat report --month 2026-02 --reveal-cpr -o eindkomst.csv
2 | -o documents/eindkomst.csv: the file would hold full CPR numbers      | skat report --month 2026-02 --reveal-cpr --format csv -o documents/eindkomst.csv
2 | -o ../w2/eindkomst.csv: the file would hold full CPR numbers inside the workspace | skat report --month 2026-02 --reveal-cpr -o ../w2/eindkomst.csv
2 | -o private/cpr.db: that is private/cpr.db                             | skat report --month 2026-02 --reveal-cpr -o private/cpr.db --force
ROWS

echo "bad inputs: $TRIED tried, $CLEAR refused clearly, $UNCHANGED left the workspace unchanged"
[ "$TRIED" -ge 250 ] && pass || fail "only $TRIED bad inputs in the table (at least 250)"
finish
