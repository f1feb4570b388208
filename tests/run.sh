#!/bin/sh
# run.sh: every test, plain and under AddressSanitizer + UndefinedBehaviorSanitizer.
# Each runner prints PASS/FAIL lines; this counts them, says how long each
# runner took, and ends with the whole time and "N passed, M failed".  A
# runner that dies without its count is a failure.
set -u
cd "$(dirname "$0")/.." || exit 1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87
LOG=$(mktemp /tmp/fotstat-tests.XXXXXX)
trap 'rm -f "$LOG"' EXIT
passed=0
failed=0
start=$(date +%s)
times=""

run() {   # run LABEL COMMAND...
    label=$1; shift
    t0=$(date +%s)
    "$@" >"$LOG" 2>&1
    rc=$?
    times="$times $label $(($(date +%s) - t0)) s,"
    sed "s/^\(PASS\|FAIL\) /\1 [$label] /" "$LOG" | grep -v '^[0-9]* passed, [0-9]* failed$'
    p=$(grep -c '^PASS ' "$LOG")
    f=$(grep -c '^FAIL ' "$LOG")
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
        echo "FAIL [$label] the runner exited $rc"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
}

run unit build/unit
run unit-asan build/unit-san
run e2e sh tests/e2e.sh ./fotstat
run e2e-asan sh tests/e2e.sh build/fotstat-san
# The registry is the whole truth: completion, manual, bench and tests agree with it.
run registry sh tests/registry.sh ./fotstat
# make install into a temporary DESTDIR, the manual page and completion.
run install sh tests/install.sh
# Static analysis: cppcheck, gcc -fanalyzer, clang's analyser, shellcheck.
run analyze sh tests/analyze.sh
# Allocation failure: every 9th allocation of each scenario (make oom: all).
run oom env OOM_STRIDE="${OOM_STRIDE:-9}" build/oom .
# Each fuzzer briefly (make fuzz runs them longer), after its kept inputs.
run fuzz sh tests/fuzz/run.sh "${FUZZ_CHECK_SECONDS:-10}" csv pnr row pipeline
total=$(($(date +%s) - start))
echo "time:${times%,}"
echo "make check took $((total / 60)) min $((total % 60)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
