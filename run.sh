#!/usr/bin/env bash
# The README's two quick-start commands, on a fresh Debian 12 machine:
#   ./run.sh demo   install what is missing, build, and run the demo cluster through a year
#   ./run.sh package  install what is missing, build a Release, and make the Debian package
#                   build/package/klynge_<version>_<arch>.deb (CPack; see cmake/Package.cmake)
#   ./run.sh test   install what is missing, build (warnings are errors), run every test,
#                   then again under AddressSanitizer/UBSan, then fuzz each parser for a
#                   bounded time ($KLYNGE_FUZZ_SECONDS per target, default 20; 0 skips it)
# Run as root or as a user with sudo. Build trees go to build/.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

install_packages() {
    local missing=()
    while read -r pkg; do
        [[ -z "$pkg" || "$pkg" == \#* ]] && continue
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done <scripts/debian-packages.txt
    [ ${#missing[@]} -eq 0 ] && return
    echo "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() { # build DIR CMAKE-ARGS...
    local dir=$1
    shift
    cmake -S "$ROOT" -B "$dir" -G Ninja "$@" >/dev/null
    ninja -C "$dir" -j2
}

case "${1:-}" in
demo)
    install_packages
    build build/release -DCMAKE_BUILD_TYPE=Release -DKLYNGE_TESTS=OFF
    exec examples/demo.sh build/release/klynge "$ROOT/build/demo"
    ;;
test)
    install_packages
    build build/ci -DCMAKE_BUILD_TYPE=Release -DKLYNGE_WERROR=ON
    ctest --test-dir build/ci -j2 --output-on-failure
    build build/asan -DCMAKE_BUILD_TYPE=Debug -DKLYNGE_WERROR=ON -DKLYNGE_SANITIZE=ON
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build/asan -j2 --output-on-failure
    # libFuzzer with clang, ASan and UBSan: 10 targets × 20 s (tests/fuzz/run.sh).
    if [ "${KLYNGE_FUZZ_SECONDS:-20}" -gt 0 ]; then
        tests/fuzz/run.sh "${KLYNGE_FUZZ_SECONDS:-20}"
    fi
    ;;
package)
    install_packages
    build build/package -DCMAKE_BUILD_TYPE=Release -DKLYNGE_TESTS=OFF
    (cd build/package && cpack -G DEB >/dev/null)
    ls build/package/klynge_*.deb
    ;;
*)
    echo "usage: ./run.sh demo | ./run.sh test | ./run.sh package" >&2
    exit 2
    ;;
esac
