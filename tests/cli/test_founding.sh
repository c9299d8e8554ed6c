#!/usr/bin/env bash
# A cluster being founded (issue 13 §5, seed 000): `klynge init` without
# --cvr, the founding checklist in `status` and `check`, the commands that
# need the CVR refusing until `klynge config set cluster.cvr` records it, and
# `config set` itself — one line changed, every other byte kept, every bad
# value refused with the file untouched.
source "$(dirname "$0")/lib.sh"

export KLYNGE_TODAY=2026-04-15
W=$TMP/w
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }

# --- init without a CVR --------------------------------------------------------
run init "$TMP/empty-cvr" --name "Nyklyngen" --cvr '' --municipality Vejle --region Syddanmark
expect_rc 2 "an empty --cvr is a mistake, not a founding cluster"
expect_err "--cvr" "the error names the option"
[ ! -e "$TMP/empty-cvr" ] && pass || fail "a refused init creates nothing"

run init "$W" --name "Nyklyngen" --municipality Vejle --region Syddanmark
expect_rc 0 "init without --cvr creates a founding cluster's workspace"
expect_out "klynge config set cluster.cvr" "init says how to record the CVR later"
grep -q '^# cvr = ""' "$W/klynge.toml" && pass || fail "klynge.toml has the CVR as a commented line"
grep -q "CVR" "$W/documents/vedtaegter.md" && fail "the draft bylaws name no CVR number" || pass
grep -q "Udkast til vedtagelse på klyngens stiftende generalforsamling." "$W/documents/vedtaegter.md" && pass ||
    fail "the bylaws are the draft for the founding assembly"

in_dir "$W" status
expect_rc 0 "status works for a founding cluster"
expect_out "Nyklyngen (no CVR yet)" "status says there is no CVR yet"
expect_out "being founded: 0 of 6 steps done" "status counts the founding steps"
expect_out "[ ] CVR number registered at virk.dk" "the CVR is an open step"
expect_out "[ ] founding general assembly held" "the founding assembly is an open step"
in_dir "$W" --format json status
expect_rc 0 "status --format json"
steps=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(s["step"]+"="+s["state"] for s in d["founding"]))' <<<"$OUT")
expect_eq "$steps" "assembly=open bylaws=open coordinator=open cvr=open account=open kiap=open" "JSON founding steps"

in_dir "$W" check
expect_rc 0 "check of a founding cluster has warnings, no errors"
expect_out "[cluster.founding]" "check names the founding steps"
expect_no_out "cluster.coordinator]" "no coordinator is a founding step, not an error"
expect_no_out "[meeting.ordinary-q1]" "no ordinary assembly is due before the founding one"
expect_no_out "ordinary general assembly" "no ordinary assembly warning for a cluster being founded"

# --- what needs the CVR refuses until it is recorded ----------------------------
k practice add 123456 --name "Lægerne i Vejle" --patients 9000 --capacities 2 --as-of 2026-03-01 --joined 2026-03-01
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2026-03-01
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2026-03-01
k role assign koordinator anne@example.dk --from 2026-03-01
refused "$W" 3 "the cluster has no CVR number yet" member export --kiap
expect_err "klynge config set cluster.cvr" "the refusal says how to record the CVR"
k config set skat.reporter cluster
refused "$W" 3 "the cluster has no CVR number yet" skat report --month 2026-03 --eindkomst -o private/e.csv
k meeting call --type stiftende --title "Stiftende generalforsamling" --place "Vejle Bibliotek" \
    --start "2026-05-05 17:00" --end "19:00" --force --reason "test: kort varsel"
in_dir "$W" status
expect_out "called as meeting 1 for 2026-05-05" "a called founding assembly is shown with its date"
expect_out "[x] coordinator chosen — Anne Ærø" "the coordinator step is done"
expect_out "[?] registered at SKAT to pay B-income" "a cluster that reports itself checks its SKAT registration by hand"

# --- config set ------------------------------------------------------------------
refused "$W" 2 "the check digit does not match" config set cluster.cvr 12345678
refused "$W" 2 "a CVR number has 8 digits" config set cluster.cvr ''
refused "$W" 2 "unknown setting \"cluster.cvrr\"" config set cluster.cvrr 12345674
refused "$W" 2 "policy.notice_days cannot be \"fjorten\"" config set policy.notice_days fjorten
refused "$W" 2 "policy.notice_days is 400" config set policy.notice_days 400
refused "$W" 2 "policy.voting_positions has an unknown entry" config set policy.voting_positions "ejerlæge,læge"
refused "$W" 2 "finance.model is \"bank\"" config set finance.model bank
refused "$W" 2 "cluster.founded cannot be \"2026-02-30\"" config set cluster.founded 2026-02-30
refused "$W" 2 "is not valid UTF-8" config set cluster.name $'Ny\xffklyngen'

before=$(snapshot "$W")
in_dir "$W" --dry-run config set cluster.cvr 12345674
expect_rc 0 "config set --dry-run"
expect_err "dry run: would set cluster.cvr = \"12345674\"" "--dry-run says what it would set"
expect_eq "$(snapshot "$W")" "$before" "--dry-run changes nothing"

chmod 640 "$W/klynge.toml"
cp "$W/klynge.toml" "$TMP/before.toml"
in_dir "$W" config set cluster.cvr "1234 5674"
expect_rc 0 "config set cluster.cvr records the CVR"
expect_out 'klynge.toml: cluster.cvr = "12345674"' "set says what it wrote"
changed=$(diff "$TMP/before.toml" "$W/klynge.toml" | grep -c '^[<>]')
expect_eq "$changed" "2" "one line of klynge.toml changed"
grep -q '^cvr = "12345674"$' "$W/klynge.toml" && pass || fail "the commented default became the setting"
expect_eq "$(stat -c %a "$W/klynge.toml")" "640" "config set keeps klynge.toml's permissions"
ls "$W" | grep -q klynge-tmp && fail "config set leaves no temporary" || pass
in_dir "$W" log
expect_out 'set cluster.cvr = "12345674"' "the change is in the audit log"
in_dir "$W" config set cluster.cvr 12345674
expect_rc 0 "setting the same value again"
expect_out "already" "an unchanged value is said so"

in_dir "$W" member export --kiap
expect_rc 0 "the KiAP sheet works once the CVR is recorded"
expect_out "12345674" "the KiAP sheet has the CVR"
in_dir "$W" status
expect_out "Nyklyngen (CVR 12345674)" "status shows the CVR"
expect_out "[x] CVR number registered at virk.dk — 12345674" "the CVR step is done"

# The founding assembly is held and its date recorded: the cluster is founded.
in_dir "$W" config set cluster.founded 2026-05-05
expect_rc 0 "config set cluster.founded"
in_dir "$W" status
expect_no_out "being founded" "a founded cluster shows no founding checklist"
in_dir "$W" --format json status
expect_eq "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["founding"])' <<<"$OUT")" "None" \
    "JSON founding is null once founded"
grep -q "Vedtaget på den stiftende generalforsamling den" <(cd "$W" && "$KLYNGE" meeting bylaws 2>/dev/null; cat "$W/documents/vedtaegter.md") &&
    pass || fail "the bylaws say when they were adopted"

# --- config set on klynge.toml as people write it ----------------------------------
# A list over several lines is replaced whole; a setting whose section is
# missing gets its section; other lines and comments stay as they are.
python3 - "$W/klynge.toml" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('# voting_positions = ["ejerlæge"]', 'voting_positions = [\n    "ejerlæge",  # owners\n    "ansat",\n]')
open(p, "w", encoding="utf-8").write(s)
EOF
in_dir "$W" config get policy.voting_positions
expect_out '["ejerlæge", "ansat"]' "the hand-written list is read"
in_dir "$W" config set policy.voting_positions "ejerlæge,ansat,uddannelseslæge"
expect_rc 0 "config set replaces a list written over several lines"
in_dir "$W" config get policy.voting_positions
expect_out '["ejerlæge", "ansat", "uddannelseslæge"]' "the new list is in effect"
grep -q '# owners' "$W/klynge.toml" && fail "the old list's lines are gone" || pass

python3 - "$W/klynge.toml" <<'EOF'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
# Drop the [finance] section: a hand-written file need not have every section.
s = re.sub(r"\n\[finance\]\n(?:[^\[].*\n|\n)*", "\n", s)
open(p, "w", encoding="utf-8").write(s)
EOF
grep -q '^\[finance\]' "$W/klynge.toml" && fail "setup: [finance] removed" || pass
in_dir "$W" config set finance.model own-account
expect_rc 0 "config set adds a missing section"
grep -q '^\[finance\]' "$W/klynge.toml" && pass || fail "the section is added"
in_dir "$W" config get finance.model
expect_out "own-account" "the added setting is in effect"

# A setting written as an inline table cannot be changed line by line.
python3 - "$W/klynge.toml" <<'EOF'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r"\n\[finance\]\n(?:[^\[].*\n|\n)*", "\n", s)
s = s.replace("[cluster]", 'finance = { model = "plo" }\n\n[cluster]', 1)
open(p, "w", encoding="utf-8").write(s)
EOF
in_dir "$W" config get finance.model
expect_out "plo" "setup: the inline table is read"
refused "$W" 3 "edit klynge.toml by hand" config set finance.model own-account

# A broken klynge.toml is reported, not rewritten.
printf '\n[policy\n' >>"$W/klynge.toml"
refused "$W" 3 "fix the TOML syntax" config set cluster.cvr 12345674
# A letter outside a string, where toml++ asks whether it is white space
# (its Unicode tables end in an unreachable point for "æ"): a syntax error
# with its line, from every command.
cp "$W/klynge.toml" "$TMP/founding.toml"
sed -i '$d' "$W/klynge.toml"
printf 'rerlæge = 1\n' >>"$W/klynge.toml"
refused "$W" 3 "expected '=', saw 'æ'" member list
refused "$W" 3 "fix the TOML syntax" status
cp "$TMP/founding.toml" "$W/klynge.toml"

# --- skat.reporter follows finance.model unless set --------------------------------
F=$TMP/f
run init "$F" --name "Nordklyngen" --cvr 12345674 --municipality Aalborg --region Nordjylland --founded 2019-02-01
expect_rc 0 "init of a founded cluster"
in_dir "$F" config get skat.reporter
expect_eq "$OUT" "plo" "under finance.model plo, PLO reports"
in_dir "$F" config show
expect_out "default (follows finance.model)" "config show says the default follows finance.model"
(cd "$F" && "$KLYNGE" config set finance.model own-account >/dev/null 2>&1)
in_dir "$F" config get skat.reporter
expect_eq "$OUT" "cluster" "under own-account, the cluster reports"
(cd "$F" && "$KLYNGE" config set skat.reporter plo >/dev/null 2>&1)
in_dir "$F" config get skat.reporter
expect_eq "$OUT" "plo" "a set skat.reporter wins over finance.model"

finish
