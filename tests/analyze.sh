#!/bin/sh
# analyze.sh: static analysis of every source file, three analysers.
#
#   sh tests/analyze.sh        (make analyze; make check runs it too)
#
# cppcheck (warnings, portability, performance), gcc's -fanalyzer and
# clang's static analyser (clang --analyze, the engine of scan-build) over
# the C; shellcheck over the shell scripts (the tests, the tools, CI's run
# and the bash completion).  A finding fails its analyser; fix it, or,
# where the analyser is wrong, suppress it in place with a comment saying
# why.  Prints one PASS or FAIL line per analyser.
set -u
cd "$(dirname "$0")/.." || exit 1
# The compiler's definitions, as the positional parameters, so that the
# quotes of the string macros reach the analysers as quotes.
set -- -D_POSIX_C_SOURCE=200809L '-DFOTSTAT_VERSION="x"' '-DFOTSTAT_DATADIR="x"' -I.
SRC="$(ls common/*.c ingest/*.c transform/*.c report/*.c run/*.c) cli.c commands.c main.c"
TESTS="$(ls tests/*.c tests/fuzz/*.c) tools/gensample.c"
LOG=$(mktemp /tmp/fotstat-analyze.XXXXXX)
trap 'rm -f "$LOG"' EXIT
bad=0

# shellcheck disable=SC2086
if cppcheck --quiet --enable=warning,portability,performance --std=c11 --inline-suppr \
        --error-exitcode=1 "$@" $SRC $TESTS >"$LOG" 2>&1; then
    echo "PASS cppcheck: $(echo $SRC $TESTS | wc -w) files, no finding"
else
    echo "FAIL cppcheck: $(head -c 600 "$LOG")"; bad=1
fi

: >"$LOG"
for f in $SRC; do
    # shellcheck disable=SC2086
    gcc -std=c17 -pthread "$@" -O1 -fanalyzer -Werror -c "$f" -o /dev/null >>"$LOG" 2>&1
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
    clang --analyze -std=c17 -pthread "$@" $t -o /dev/null "$f" >>"$LOG" 2>&1
done
if ! grep -q 'warning:\|error:' "$LOG"; then
    echo "PASS clang-analyzer: $(echo $SRC $TESTS | wc -w) files, no finding"
else
    echo "FAIL clang-analyzer: $(grep -m3 'warning:\|error:' "$LOG")"; bad=1
fi
# Every shell script the project runs or installs, found by its first line
# (and the completion, which bash sources).  Warnings and errors, not style.
SH=$(for f in $(git ls-files 2>/dev/null || find . -type f ! -path './build/*' ! -path './.git/*'); do
         case $f in *completion/*) echo "$f"; continue ;; esac
         head -n 1 "$f" 2>/dev/null | grep -q '^#!.*\<\(ba\)\?sh\>' && echo "$f"
     done)
# shellcheck disable=SC2086
if shellcheck -S warning -f gcc $SH >"$LOG" 2>&1; then
    echo "PASS shellcheck: $(echo $SH | wc -w) scripts, no finding"
else
    echo "FAIL shellcheck: $(head -3 "$LOG")"; bad=1
fi
exit $bad
