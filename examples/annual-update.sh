#!/usr/bin/env bash
# The yearly membership update that must be registered at KiAP before
# 1 January (DOMAIN.md [001 §11, §15]), from the roster the practices sent in.
#
#   examples/annual-update.sh ROSTER.csv            # step 1–3: import, show, export
#   examples/annual-update.sh --registered DATE     # step 4: after registering at KiAP
#
# Run it inside the cluster's workspace (or with KLYNGE_DIR set). $KLYNGE
# names the klynge binary (default: klynge on PATH). Exit status: 0 when the
# roster is ready to register, klynge's own exit code otherwise.
set -euo pipefail
KLYNGE=${KLYNGE:-klynge}

if [ "${1:-}" = "--registered" ]; then
    "$KLYNGE" member registered --date "${2:?give the date you registered at KiAP}"
    exec "$KLYNGE" check
fi

roster=${1:?usage: annual-update.sh ROSTER.csv | --registered DATE}
"$KLYNGE" config get cluster.name >/dev/null  # fails early outside a workspace
today=$(date +%F)
today=${KLYNGE_TODAY:-$today}

echo "== 1. What the roster would change (dry run: nothing is written)"
"$KLYNGE" --dry-run member import "$roster" --leave-missing "$today"

echo
echo "== 2. Import it: doctors not on the roster leave as of $today"
"$KLYNGE" --quiet member import "$roster" --leave-missing "$today"
"$KLYNGE" member diff || true   # since the last registration; fails only if none is recorded

echo
echo "== 3. What KiAP asks for"
out=kiap-$today.csv
"$KLYNGE" --csv-dialect excel-da member export --kiap --format csv >"$out"
"$KLYNGE" member export --kiap --document "documents/kiap-registrering-$today.md" >/dev/null
echo "Wrote $out (semicolons, decimal comma and BOM: opens in Danish Excel)"

echo
echo "== Next: register the roster at KiAP, then run"
echo "   examples/annual-update.sh --registered YYYY-MM-DD"
"$KLYNGE" check || true
