#!/bin/sh
# analyze.sh: static analysis of every source file, three analysers.
#
#   sh tests/analyze.sh        (make analyze; make check runs it too)
#
# cppcheck (warnings, portability, performance), gcc's -fanalyzer and
# clang's static analyser (clang --analyze, the engine of scan-build).  A
# finding fails its analyser; fix it, or, where the analyser is wrong,
# suppress it in place with a comment saying why.  Prints one PASS or FAIL
# line per analyser.
set -u
cd "$(dirname "$0")/.."
DEFS="-D_POSIX_C_SOURCE=200809L -DFOTSTAT_VERSION=\"x\" -DFOTSTAT_DATADIR=\"x\" -I."
SRC="$(ls common/*.c ingest/*.c transform/*.c report/*.c) cli.c main.c"
TESTS="$(ls tests/*.c tests/fuzz/*.c) tools/gensample.c"
LOG=$(mktemp /tmp/fotstat-analyze.XXXXXX)
trap 'rm -f "$LOG"' EXIT
bad=0

# shellcheck disable=SC2086
if cppcheck --quiet --enable=warning,portability,performance --std=c11 --inline-suppr \
        --error-exitcode=1 $DEFS $SRC $TESTS >"$LOG" 2>&1; then
    echo "PASS cppcheck: $(echo $SRC $TESTS | wc -w) files, no finding"
else
    echo "FAIL cppcheck: $(head -c 600 "$LOG")"; bad=1
fi

: >"$LOG"
for f in $SRC; do
    # shellcheck disable=SC2086
    gcc -std=c17 -pthread $DEFS -O1 -fanalyzer -Werror -c "$f" -o /dev/null >>"$LOG" 2>&1
done
if [ ! -s "$LOG" ]; then
    echo "PASS gcc-fanalyzer: $(echo $SRC | wc -w) files, no finding"
else
    echo "FAIL gcc-fanalyzer: $(grep -m3 'warning\|error' "$LOG")"; bad=1
fi

: >"$LOG"
for f in $SRC $TESTS; do
    case $f in tests/*) t=-DTESTING ;; *) t= ;; esac    # the tests see the internals
    # shellcheck disable=SC2086
    clang --analyze -std=c17 -pthread $DEFS $t -o /dev/null "$f" >>"$LOG" 2>&1
done
if ! grep -q 'warning:\|error:' "$LOG"; then
    echo "PASS clang-analyzer: $(echo $SRC $TESTS | wc -w) files, no finding"
else
    echo "FAIL clang-analyzer: $(grep -m3 'warning:\|error:' "$LOG")"; bad=1
fi
exit $bad
