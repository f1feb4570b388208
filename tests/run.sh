#!/bin/sh
# run.sh: every test, plain and under AddressSanitizer + UndefinedBehaviorSanitizer.
# Each runner prints PASS/FAIL lines; this counts them, says how long each
# runner took, and ends with the whole time and "N passed, M failed".  A
# runner that dies without its count is a failure.
#
# The runners go in two lanes at once, one a core of this two-core
# machine; each lane's runners one after another.  Every runner works in
# folders of its own (mktemp), so the lanes never meet.  The results are
# printed in a fixed order once both lanes are done.
set -u
cd "$(dirname "$0")/.." || exit 1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87
OUT=$(mktemp -d /tmp/fotstat-tests.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
start=${FOTSTAT_CHECK_START:-$(date +%s)}   # make check: when its build began

run() {   # run LABEL COMMAND...: the output, exit status and seconds into $OUT/LABEL.*
    label=$1; shift
    t0=$(date +%s)
    "$@" >"$OUT/$label.log" 2>&1
    echo $? >"$OUT/$label.rc"
    echo $(($(date +%s) - t0)) >"$OUT/$label.time"
}

(
    run unit build/unit
    run unit-asan build/unit-san
    run e2e sh tests/e2e.sh ./fotstat
    # The registry is the whole truth: completion, manual, bench and tests agree with it.
    run registry sh tests/registry.sh ./fotstat
    # make install into a temporary DESTDIR, the manual page and completion.
    run install sh tests/install.sh
    # Allocation failure: every 9th allocation of each scenario (make oom: all).
    run oom env OOM_STRIDE="${OOM_STRIDE:-9}" build/oom .
) &
(
    run e2e-asan sh tests/e2e.sh build/fotstat-san
    # Static analysis: cppcheck, gcc -fanalyzer, clang's analyser, shellcheck.
    run analyze sh tests/analyze.sh
    # Each fuzzer briefly (make fuzz runs them longer), after its kept inputs.
    run fuzz sh tests/fuzz/run.sh "${FUZZ_CHECK_SECONDS:-10}" csv pnr row pipeline
) &
wait

passed=0
failed=0
times=""
for label in unit unit-asan e2e e2e-asan registry install analyze oom fuzz; do
    log=$OUT/$label.log
    rc=$(cat "$OUT/$label.rc" 2>/dev/null || echo 99)
    sed "s/^\(PASS\|FAIL\) /\1 [$label] /" "$log" | grep -v '^[0-9]* passed, [0-9]* failed$'
    p=$(grep -c '^PASS ' "$log")
    f=$(grep -c '^FAIL ' "$log")
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        echo "FAIL [$label] the runner exited $rc"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    times="$times $label $(cat "$OUT/$label.time" 2>/dev/null || echo '?') s,"
done
total=$(($(date +%s) - start))
echo "time:${times%,}"
echo "make check took $((total / 60)) min $((total % 60)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
