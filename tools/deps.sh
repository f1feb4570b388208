#!/bin/sh
# Makes sure the Debian packages fotstat builds and tests with are installed.
# As root with apt-get available, installs what is missing; otherwise prints
# the one command to run and fails.
#
#   tools/deps.sh            build and run dependencies
#   tools/deps.sh --check    only report, never install
set -u
PKGS="gcc make pkg-config sqlite3 time strace groff-base man-db clang libclang-rt-14-dev valgrind cppcheck shellcheck libcsv-dev libsqlite3-dev libxlsxwriter-dev libsodium-dev libglpk-dev gnuplot-nox fonts-dejavu-core python3-openpyxl python3-scipy libreoffice-calc-nogui poppler-utils chromium"

missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    case "$st" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "${1:-}" != "--check" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "fotstat: installerar saknade paket:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends $missing >/tmp/fotstat-apt.log 2>&1; then
        apt-get update >>/tmp/fotstat-apt.log 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >>/tmp/fotstat-apt.log 2>&1 || {
            echo "fotstat: apt-get misslyckades, se /tmp/fotstat-apt.log" >&2
            exit 1
        }
    fi
    exit 0
fi
echo "fotstat: paket saknas:$missing" >&2
echo "kör: sudo apt-get install -y$missing" >&2
exit 1
