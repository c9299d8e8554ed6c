# Shared helpers for the CLI tests: run the real klynge binary on temporary
# workspaces and compare exit code, stdout, stderr and the workspace's bytes.
# Usage in a test file:  source "$(dirname "$0")/lib.sh"; ...; finish
set -uo pipefail

: "${KLYNGE:?set KLYNGE to the klynge binary}"
: "${KLYNGE_SOURCE:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
: "${KLYNGE_FIXTURES:=$KLYNGE_SOURCE/tests/fixtures}"
unset KLYNGE_DIR NO_COLOR
export KLYNGE_TODAY=2025-01-20
export LC_ALL=C.UTF-8

TMP=$(mktemp -d)
CAPTURE=$(mktemp -d) # outside TMP, so capturing output changes no snapshot
trap 'rm -rf "$TMP" "$CAPTURE"' EXIT
# git runs `klynge dump` (textconv) and klynge's merge driver by name, as in
# a real installation: this klynge is the one on the PATH.
mkdir -p "$CAPTURE/bin"
ln -s "$(realpath "$KLYNGE")" "$CAPTURE/bin/klynge"
export PATH=$CAPTURE/bin:$PATH
PASSED=0
FAILED=0
OUT=""
ERR=""
RC=0

pass() { PASSED=$((PASSED + 1)); }
fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL: $*" >&2
    echo "  exit: $RC" >&2
    echo "  stdout: ${OUT:0:2000}" >&2
    echo "  stderr: ${ERR:0:2000}" >&2
}

# run ARGS... : runs klynge, capturing stdout, stderr and the exit code.
run() {
    OUT=$("$KLYNGE" "$@" 2>"$CAPTURE/stderr")
    RC=$?
    ERR=$(cat "$CAPTURE/stderr")
}
# in DIR ARGS... : runs klynge inside DIR.
in_dir() {
    local dir=$1
    shift
    OUT=$(cd "$dir" && "$KLYNGE" "$@" 2>"$CAPTURE/stderr")
    RC=$?
    ERR=$(cat "$CAPTURE/stderr")
}

expect_rc() { # expect_rc N DESCRIPTION
    if [ "$RC" -eq "$1" ]; then pass; else fail "$2: expected exit $1"; fi
}
expect_out() { # expect_out SUBSTRING DESCRIPTION
    if [[ "$OUT" == *"$1"* ]]; then pass; else fail "$2: stdout lacks '$1'"; fi
}
expect_no_out() {
    if [[ "$OUT" != *"$1"* ]]; then pass; else fail "$2: stdout has '$1'"; fi
}
expect_err() {
    if [[ "$ERR" == *"$1"* ]]; then pass; else fail "$2: stderr lacks '$1'"; fi
}
expect_eq() { # expect_eq ACTUAL EXPECTED DESCRIPTION
    if [ "$1" == "$2" ]; then pass; else fail "$3: got '$1', expected '$2'"; fi
}

# A digest of every file under DIR (names, modes and bytes).
snapshot() {
    (cd "$1" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
     find . -path ./.git -prune -o -printf '%p %m\n' | sort) | sha256sum | cut -d' ' -f1
}

# refused DIR EXIT MESSAGE ARGS... : the command fails with EXIT, prints
# MESSAGE in its one-line error, and leaves DIR byte-for-byte unchanged.
refused() {
    local dir=$1 code=$2 msg=$3
    shift 3
    local before after
    before=$(snapshot "$dir")
    OUT=$(cd "$dir" && "$KLYNGE" "$@" 2>"$CAPTURE/stderr")
    RC=$?
    ERR=$(cat "$CAPTURE/stderr")
    local what="klynge $*"
    expect_rc "$code" "$what"
    expect_err "klynge: error: " "$what"
    expect_err "$msg" "$what"
    if [[ "$(head -1 <<<"$ERR")" == *" — "* ]]; then pass; else fail "$what: error does not say how to fix it"; fi
    after=$(snapshot "$dir")
    if [ "$before" == "$after" ]; then pass; else fail "$what: workspace changed"; fi
}

# new_workspace DIR : a workspace with the standard test identity.
new_workspace() {
    "$KLYNGE" init "$1" --name "Østerbroklyngen" --cvr 12345674 --municipality København \
        --region Hovedstaden --founded 2018-11-15 >/dev/null 2>&1 || { echo "init failed" >&2; exit 1; }
}

# small_cluster DIR : new_workspace with one practice (123456, 20.000 patients)
# and two owners, Anne Ærø (anne@example.dk, the koordinator) and Bo
# Østergaard (bo@example.dk), members since 2018-11-15.
small_cluster() {
    new_workspace "$1"
    (cd "$1" &&
        "$KLYNGE" practice add 123456 --name "Lægerne Østerbrogade" --patients 20000 --as-of 2025-01-15 \
            --joined 2018-11-15 &&
        "$KLYNGE" member add "Anne Ærø" --email anne@example.dk --practice 123456 --position ejerlæge \
            --joined 2018-11-15 &&
        "$KLYNGE" member add "Bo Østergaard" --email bo@example.dk --practice 123456 --position ejerlæge \
            --joined 2018-11-15 &&
        "$KLYNGE" role assign koordinator anne@example.dk --from 2018-11-15) >/dev/null 2>&1 ||
        { echo "setup failed: small_cluster $1" >&2; exit 1; }
}

# start_smtp_sink MODULE... : the test SMTP server on 127.0.0.1 (tests/smtp_sink.py,
# Debian python3-aiosmtpd) with user klynge, its password and a refuse file
# ($SINK/refuse: addresses it rejects); sets SINK, SINK_PID and PORT and
# stops it on exit. Fails the test if $PYTHON lacks a module it needs.
start_smtp_sink() {
    PYTHON=${KLYNGE_TEST_PYTHON:-/usr/bin/python3}
    local m
    for m in aiosmtpd "$@"; do
        "$PYTHON" -c "import $m" 2>/dev/null ||
            { echo "FAIL: $PYTHON cannot import $m — apt-get install python3-$m" >&2; exit 1; }
    done
    SINK=$TMP/sink
    mkdir -p "$SINK"
    : >"$SINK/refuse"
    "$PYTHON" "$KLYNGE_SOURCE/tests/smtp_sink.py" --port-file "$SINK/port" --maildir "$SINK/mail" \
        --refuse-file "$SINK/refuse" --user klynge --password 'Hemmelig-Kode-42' 2>"$SINK/log" &
    SINK_PID=$!
    trap 'kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null; rm -rf "$TMP" "$CAPTURE"' EXIT
    for _ in $(seq 600); do [ -s "$SINK/port" ] && break; sleep 0.1; done
    [ -s "$SINK/port" ] || { echo "FAIL: the SMTP sink did not start: $(cat "$SINK/log")" >&2; exit 1; }
    PORT=$(cat "$SINK/port")
}

# outbox_mail MBOX EMAIL FILE : the message to EMAIL in the outbox mailbox
# MBOX (issue 15: one .mbox per action) as its own .eml FILE, for the tests
# that read one message; fails unless there is exactly one, marked X-Unsent: 1.
outbox_mail() {
    /usr/bin/python3 - "$@" <<'PY'
import email.utils, mailbox, pathlib, sys
box = mailbox.mbox(sys.argv[1], create=False)
hits = [box.get_bytes(k) for k, m in box.items() if email.utils.parseaddr(m["To"])[1] == sys.argv[2]]
if len(hits) != 1:
    sys.exit(f"{sys.argv[1]}: {len(hits)} messages to {sys.argv[2]}")
if not hits[0].startswith(b"X-Unsent: 1\r\n"):
    sys.exit(f"{sys.argv[1]}: the message to {sys.argv[2]} is not marked X-Unsent: 1")
pathlib.Path(sys.argv[3]).write_bytes(hits[0])
PY
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
