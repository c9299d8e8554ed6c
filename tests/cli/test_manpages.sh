#!/usr/bin/env bash
# Every command group has a man page that groff accepts without warnings, and
# every subcommand, option and positional that --help shows is in its page.
source "$(dirname "$0")/lib.sh"

MAN=$KLYNGE_SOURCE/man
render() { groff -man -Tascii -P-cbou "$1" 2>/dev/null; }

for page in "$MAN"/*.1; do
    warnings=$(groff -man -ww -z "$page" 2>&1)
    [ -z "$warnings" ] && pass || fail "$(basename "$page"): groff warnings: $warnings"
done

# The command groups, from klynge --help.
groups=$("$KLYNGE" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
[ -n "$groups" ] && pass || fail "no command groups in klynge --help"
for g in $groups; do
    page=$MAN/klynge-$g.1
    [ "$g" = restore ] && page=$MAN/klynge-dump.1
    [ "$g" = merge-driver ] && page=$MAN/klynge-merge.1
    if [ ! -f "$page" ]; then fail "no man page for $g"; continue; fi
    text=$(render "$page")
    grep -qw -- "$g" <<<"$(render "$MAN/klynge.1")" && pass || fail "klynge(1) does not mention $g"
    # The group itself and each of its subcommands.
    paths=("$g")
    for s in $("$KLYNGE" "$g" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}'); do
        paths+=("$g $s")
        [[ "$text" == *"$s"* ]] && pass || fail "klynge-$g(1) does not document subcommand $s"
    done
    for p in "${paths[@]}"; do
        # shellcheck disable=SC2086
        help=$("$KLYNGE" $p --help)
        for opt in $(grep -oE -- '--[a-z][a-z-]+' <<<"$help" | sort -u); do
            case "$opt" in --help | --format | --csv-dialect | --dry-run | --no-color) continue ;; esac
            [[ "$text" == *"$opt"* ]] && pass || fail "klynge-$g(1) lacks $opt of 'klynge $p'"
        done
    done
done

# Every setting klynge knows is documented in klynge-config(1).
W=$TMP/settings
new_workspace "$W"
settings=$(cd "$W" && "$KLYNGE" config show --format csv | tail -n +2 | cut -d, -f1)
[ -n "$settings" ] && pass || fail "no settings from klynge config show"
config_page=$(render "$MAN/klynge-config.1")
for key in $settings; do
    [[ "$config_page" == *"$key"* ]] && pass || fail "klynge-config(1) does not document $key"
done

finish
