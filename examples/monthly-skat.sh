#!/usr/bin/env bash
# The treasurer's monthly cron job: what must be reported to SKAT's
# eIndkomst, and by when (DOMAIN.md, "Honoraria and SKAT": B-income by the
# 10th of the month after the payout). For example, on the 1st of every month:
#
#   0 7 1 * *  cd /srv/klynge/oesterbro && examples/monthly-skat.sh | mail -s "klynge: SKAT" kasserer@example.dk
#
# Run it inside the cluster's workspace (or with KLYNGE_DIR set); $KLYNGE
# names the klynge binary (default: klynge on PATH). CPR numbers are shown
# masked: key them in from `klynge skat report --month M --reveal-cpr` on
# the treasurer's own machine.
#
# Exit status: 0 nothing to report; 1 something must be reported (or is
# overdue); anything else is klynge's own error (3: not a workspace, ...).
set -uo pipefail
KLYNGE=${KLYNGE:-klynge}

"$KLYNGE" config get cluster.name >/dev/null || exit $?

echo "== B-income not yet reported to SKAT"
"$KLYNGE" skat pending
rc=$?
case $rc in
0) exit 0 ;;
1) ;;
*) exit "$rc" ;;
esac

months=$("$KLYNGE" skat pending --format csv 2>/dev/null | tail -n +2 | cut -d, -f1 | sort -u)
for month in $months; do
    echo
    echo "== What to report for $month"
    "$KLYNGE" skat report --month "$month" || exit $?
done
echo
echo "== Then record each report with SKAT's receipt, e.g."
for month in $months; do
    echo "   klynge skat mark-reported --month $month --ref \"kvittering ...\""
done
exit 1
