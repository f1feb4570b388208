#!/bin/sh
# run.sh: runs the libFuzzer harnesses (tests/fuzz/fuzz_*.c).
#
#   sh tests/fuzz/run.sh SECONDS NAME...
#
# Each harness first runs every file of tests/fuzz/regress/NAME (the crashes
# found so far, kept as regression tests) and the huge hostile inputs made
# here, then fuzzes for SECONDS from its seed corpus tests/fuzz/corpus/NAME.
# New inputs go to build/fuzz/corpus-NAME; a crash is saved as
# build/fuzz/crash-NAME-* and fails the run: copy it into regress/NAME
# with the fix.  Prints "PASS fuzz_NAME: ..." or "FAIL fuzz_NAME: ..." per
# harness (tests/run.sh counts them); exits 1 on a crash.
set -u
secs=$1; shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/build/fuzz
bad=0

# Inputs too large to mutate usefully, run once as they are.
huge() {
    mkdir -p "$B/huge-$1"
    case $1 in
    csv)
        { printf '\100a;b\n1;'; head -c 1100000 /dev/zero | tr '\0' x; printf ';2\n3;4\n'; } >"$B/huge-csv/overlong-unquoted"
        { printf '\100a;b\n1;"'; head -c 1100000 /dev/zero | tr '\0' x; printf '"\n3;4\n'; } >"$B/huge-csv/overlong-quoted"
        { printf '\100a;b\n1;'; head -c 1100000 /dev/zero | tr '\0' x; printf ';"x\n'; } >"$B/huge-csv/overlong-then-open-quote" ;;
    pipeline)
        { head -n 1 "$ROOT/data/sample/shis-placeringar.csv"; printf 'P-1;2021-03-01;;Barnfamilj;Eget;Farsta;Par med barn;2;'; head -c 1100000 /dev/zero | tr '\0' x; printf ';\nP-2;2021-03-01;;Barnfamilj;Eget;Farsta;Par med barn;2;;\n'; } >"$B/huge-pipeline/overlong-row" ;;
    esac
}

for name in "$@"; do
    bin=$B/fuzz_$name
    mkdir -p "$B/corpus-$name"
    huge "$name"
    set -- "$ROOT"/tests/fuzz/regress/"$name"/* "$B"/huge-"$name"/*
    inputs=""
    for f in "$@"; do [ -f "$f" ] && inputs="$inputs $f"; done
    if [ -n "$inputs" ]; then
        # shellcheck disable=SC2086
        if ! "$bin" -close_fd_mask=3 -rss_limit_mb=4096 $inputs >"$B/log-$name-regress" 2>&1; then
            echo "FAIL fuzz_$name: a kept input fails again (build/fuzz/log-$name-regress)"
            tail -n 30 "$B/log-$name-regress"
            bad=1
            continue
        fi
    fi
    if "$bin" -max_total_time="$secs" -max_len=16384 -timeout=30 -rss_limit_mb=4096 -close_fd_mask=3 \
            -artifact_prefix="$B/crash-$name-" -print_final_stats=1 \
            "$B/corpus-$name" "$ROOT/tests/fuzz/corpus/$name" >"$B/log-$name" 2>&1; then
        echo "PASS fuzz_$name: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$B/log-$name" | grep -o '[0-9]*$') runs in ${secs} s, no crash; $(ls "$B/corpus-$name" | wc -l) inputs in its corpus"
    else
        echo "FAIL fuzz_$name: CRASH, input kept as $(ls "$B"/crash-"$name"-* 2>/dev/null | head -1) (build/fuzz/log-$name)"
        grep -A25 'ERROR\|==[0-9]*==' "$B/log-$name" | head -40
        bad=1
    fi
done
exit $bad
