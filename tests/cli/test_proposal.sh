#!/usr/bin/env bash
# klynge meeting proposal: members' proposals for a general assembly with the
# day they reached the board; the notice and agenda list them under "Indkomne
# forslag"; one received after the deadline (policy.proposal_days before the
# assembly, standard bylaws §5) is an error of `klynge check`.
source "$(dirname "$0")/lib.sh"

W=$TMP/w
export KLYNGE_TODAY=2026-02-01
new_workspace "$W"
k() { (cd "$W" && "$KLYNGE" "$@" >/dev/null 2>&1) || { echo "setup failed: $*" >&2; exit 1; }; }
k practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --capacities 2 --as-of 2025-01-01 --joined 2018-11-15
k member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge --joined 2018-11-15
k role assign koordinator anne@example.dk --from 2018-11-15
k meeting call --type generalforsamling --title "Ordinær generalforsamling 2026" --place "Huset" \
    --start "2026-03-05 17:00" --end "19:00"
k meeting call --type klyngemøde --title "KOL" --place "Huset" --start "2026-04-05 17:00" --end "19:00"
F=$W/documents/meetings/2026-03-05-ordinaer-generalforsamling-2026

refused "$W" 1 "proposals are for a general assembly" meeting proposal 2 "Kontingent" --by bo@example.dk
refused "$W" 2 "--received 2026-02-10 is after today" meeting proposal 1 "Kontingent" --by bo@example.dk --received 2026-02-10
refused "$W" 1 "no member" meeting proposal 1 "Kontingent" --by eva@example.dk

export KLYNGE_TODAY=2026-02-10
in_dir "$W" meeting proposal 1 "Klyngen indfører et kontingent på 200 kr." --by bo@example.dk
expect_rc 0 "a proposal in time"
expect_out "Proposal #1 for meeting #1 from Bo Østergaard, received 2026-02-10" "proposal recorded"
grep -q "^- Klyngen indfører et kontingent på 200 kr. (stillet af Bo Østergaard, modtaget 10. februar 2026)$" "$F/dagsorden.md" \
    && pass || fail "the agenda lists the proposal: $(cat "$F/dagsorden.md")"
grep -q "## Indkomne forslag" "$F/indkaldelse.md" && pass || fail "the notice lists the proposals"
in_dir "$W" check
expect_no_out "meeting.proposal-deadline]" "a proposal in time is not flagged"

export KLYNGE_TODAY=2026-02-25
in_dir "$W" meeting proposal 1 "Næste internat holdes i Skagen" --by anne@example.dk
expect_rc 0 "a late proposal is recorded"
expect_err "after the deadline 2026-02-19" "the late proposal is warned about at once"
grep -q "Skagen (stillet af Anne Ærø, modtaget 25. februar 2026; efter fristen 19. februar 2026)" "$F/dagsorden.md" \
    && pass || fail "the agenda marks the late proposal"
in_dir "$W" check
expect_rc 1 "check fails on a late proposal"
expect_out "error: proposal #2 (Næste internat holdes i Skagen) from Anne Ærø reached the board on 2026-02-25, after the deadline 2026-02-19" \
    "check names the late proposal"
# After the assembly it is history, not an error.
export KLYNGE_TODAY=2026-03-05
k meeting attend 1 anne@example.dk bo@example.dk
in_dir "$W" check
expect_no_out "meeting.proposal-deadline]" "a held assembly's late proposal is no longer flagged"

# --- Exclusion [001 §10]: the member, the documentation and the warning -------
refused "$W" 1 "an exclusion needs the documentation" vote 1 --motion "Eksklusion" --kind exclusion \
    --member bo@example.dk --yes 2 --no 0
refused "$W" 1 "must be warned in time" vote 1 --motion "Eksklusion" --kind exclusion --member bo@example.dk \
    --documentation "Tre møder uden afbud" --warned 2026-03-05 --yes 2 --no 0
refused "$W" 2 "belong to an exclusion" vote 1 --motion "Budget" --member bo@example.dk --yes 2 --no 0
in_dir "$W" vote 1 --motion "Eksklusion af Bo Østergaard" --kind exclusion --member bo@example.dk \
    --documentation "Referater fra tre møder uden afbud" --warned 2026-02-01 --yes 2 --no 0
expect_rc 0 "an adopted exclusion"
expect_out "Bo Østergaard is excluded: the membership ends on 2026-03-05" "the membership ends"
in_dir "$W" member list --format csv
expect_no_out "bo@example.dk" "Bo is no longer an active member"
k meeting minutes 1
grep -q "eksklusion af Bo Østergaard; dokumentation: Referater fra tre møder uden afbud; varslet den 1. februar 2026" \
    "$F/referat.md" && pass || fail "the minutes show the documentation and the warning"

finish
