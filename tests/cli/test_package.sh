#!/usr/bin/env bash
# The Debian package (issue 16 §1): build it with CPack in build/package (a
# Release build of its own; ccache when there is one), unpack it into a
# scratch root with dpkg -x, and use what it installs: the binary, every man
# page, the bash completion. Fails if the package lacks a file it must ship;
# lintian's remaining tags are printed, not failed on.
source "$(dirname "$0")/lib.sh"

for tool in cmake ninja cpack dpkg-deb dpkg-shlibdeps man readelf; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing — ./run.sh installs scripts/debian-packages.txt" >&2; exit 1; }
done
BUILD=$KLYNGE_SOURCE/build/package
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$KLYNGE_SOURCE" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKLYNGE_TESTS=OFF "${launcher[@]}" >/dev/null \
    || { echo "FAIL: cmake configure" >&2; exit 1; }
nice ninja -C "$BUILD" -j2 >"$CAPTURE/build.log" 2>&1 || { tail -20 "$CAPTURE/build.log" >&2; echo "FAIL: build" >&2; exit 1; }
rm -f "$BUILD"/klynge_*.deb
(cd "$BUILD" && cpack -G DEB >"$CAPTURE/cpack.log" 2>&1) || { cat "$CAPTURE/cpack.log" >&2; echo "FAIL: cpack" >&2; exit 1; }

version=$("$BUILD/klynge" --version | head -1 | cut -d' ' -f2)
arch=$(dpkg --print-architecture)
DEB=$BUILD/klynge_${version}_${arch}.deb
[ -f "$DEB" ] && pass || { fail "no $DEB (cpack made: $(ls "$BUILD"/*.deb 2>/dev/null))"; finish; exit 1; }

# --- what it ships ---------------------------------------------------------------
listing=$(dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's|^\./|/|')
must_ship=(/usr/bin/klynge
           /usr/share/bash-completion/completions/klynge
           /usr/share/zsh/vendor-completions/_klynge
           /usr/share/fish/vendor_completions.d/klynge.fish
           /usr/share/doc/klynge/copyright
           /usr/share/doc/klynge/README.md
           /usr/share/doc/klynge/changelog.gz
           /usr/share/doc/klynge/examples/annual-update.sh
           /usr/share/doc/klynge/examples/monthly-skat.sh
           /usr/share/doc/klynge/examples/crontab
           /usr/share/man/man1/klynge-restore.1.gz)
for page in "$KLYNGE_SOURCE"/man/*.1; do must_ship+=("/usr/share/man/man1/$(basename "$page").gz"); done
for f in "${must_ship[@]}"; do
    grep -qx "$f" <<<"$listing" && pass || fail "the package lacks $f"
done
control=$(dpkg-deb -f "$DEB")
[[ "$control" == *"Depends: "*libsqlite3* ]] && pass || fail "Depends (dpkg-shlibdeps) lacks libsqlite3: $control"
[[ "$(dpkg-deb -f "$DEB" Depends)" != *curl* ]] && pass || fail "libcurl is a Depends; it is loaded only to send mail"
[[ "$(dpkg-deb -f "$DEB" Recommends)" == *libcurl4* ]] && pass || fail "libcurl4 is not recommended"
# SHA-256 is klynge's own (store/sha256.cpp): OpenSSL is no dependency.
[[ "$(dpkg-deb -f "$DEB" Depends)" != *libssl* ]] && pass || fail "Depends names libssl; klynge hashes without it"

# --- installed into a scratch root ------------------------------------------------
ROOT=$TMP/root
dpkg -x "$DEB" "$ROOT"
BIN=$ROOT/usr/bin/klynge
readelf -S "$BIN" | grep -q '\.symtab' && fail "usr/bin/klynge is not stripped" || pass
# Start-up (issue 16 §3): libsqlite3 and libc are all a run loads; fmt and
# toml++ are compiled in, libstdc++ is linked statically, SHA-256 is klynge's
# own, and libcurl comes with dlopen when mail is sent.
# (ld-linux is the dynamic loader itself, named for thread-local storage.)
needed=$(readelf -d "$BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -v '^ld-linux' | sort | tr '\n' ' ')
[ "$needed" = "libc.so.6 libm.so.6 libsqlite3.so.0 " ] && pass || fail "usr/bin/klynge needs more than libc, libm and libsqlite3: $needed"
cmp -s "$ROOT/usr/share/doc/klynge/copyright" "$KLYNGE_SOURCE/LICENSE" && pass || fail "copyright is not LICENSE"
[ "$(readlink "$ROOT/usr/share/man/man1/klynge-restore.1.gz")" = klynge-dump.1.gz ] && pass \
    || fail "klynge-restore.1.gz is not a link to klynge-dump.1.gz"

OUT=$("$BIN" --version); RC=$?
expect_rc 0 "the installed klynge runs"
expect_out "klynge $version" "the installed klynge's version"
W=$TMP/w
OUT=$("$BIN" init "$W" --name "Østerbroklyngen" --cvr 12345674 --municipality København --region Hovedstaden 2>&1); RC=$?
expect_rc 0 "the installed klynge makes a workspace"
OUT=$(cd "$W" && "$BIN" status 2>&1); RC=$?
expect_rc 0 "the installed klynge reads it"
expect_out "Østerbroklyngen" "status names the cluster"
# `help --man` shows the page installed beside the binary.
OUT=$(MANPAGER=cat PAGER=cat "$BIN" help --man restore 2>&1); RC=$?
expect_rc 0 "installed: klynge help --man restore"
expect_out "KLYNGE-DUMP(1)" "installed: help --man restore opens the installed klynge-dump(1)"

# Every installed man page opens with man -l, klynge-restore(1) too.
for page in "$ROOT"/usr/share/man/man1/*.gz; do
    text=$(MANPAGER=cat man -l "$page" 2>"$CAPTURE/man.err")
    name=$(basename "$page" .1.gz)
    [[ -n "$text" && ! -s "$CAPTURE/man.err" ]] && pass || fail "man -l $name: $(head -3 "$CAPTURE/man.err")"
done
restore=$(MANPAGER=cat man -l "$ROOT/usr/share/man/man1/klynge-restore.1.gz" 2>/dev/null)
[[ "$restore" == *"restore"* ]] && pass || fail "man klynge-restore does not describe restore"

# The installed bash completion, with the installed klynge on the PATH.
spec=$(PATH=$ROOT/usr/bin:$PATH bash --norc --noprofile -c \
    'source "$1"; complete -p klynge' _ "$ROOT/usr/share/bash-completion/completions/klynge")
expect_eq "$spec" "complete -o default -F _klynge klynge" "installed bash completion: complete -p klynge"
got=$(cd "$W" && PATH=$ROOT/usr/bin:$PATH bash --norc --noprofile -c '
    source "$1"; COMP_WORDS=(klynge ledger bal); COMP_CWORD=2; _klynge; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$ROOT/usr/share/bash-completion/completions/klynge")
expect_eq "$got" "balance" "installed bash completion: klynge ledger bal<TAB>"

# --- lintian: what it still says (printed, never failed on) ----------------------
if command -v lintian >/dev/null; then
    tags=$(lintian --display-info "$DEB" 2>/dev/null)
    echo "lintian on $(basename "$DEB"): ${tags:-no tags}"
    grep -q '^E: ' <<<"$tags" && echo "note: lintian reports errors (above)" >&2
else
    echo "lintian is not installed: not run"
fi

finish
