# shellcheck shell=sh
# harness.sh: what the shell test runners share (e2e.sh, install.sh,
# registry.sh source it after setting HARNESS to their name).
#
# A test is a function t_NAME that says what is wrong with fail; run_test
# runs one in a folder of its own, $T under $WORK (removed at exit), and
# prints "PASS t_NAME" or "FAIL t_NAME: why"; harness_end prints
# "N passed, M failed" and is the runner's exit status.
WORK=$(mktemp -d "/tmp/fotstat-${HARNESS:-test}.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
why=""

fail() { why="$why${why:+; }$*"; }

run_test() {
    why=""
    # shellcheck disable=SC2034   # the test's folder, for the test
    T=$WORK/$1
    mkdir -p "$WORK/$1"
    "$1"
    if [ -z "$why" ]; then
        passed=$((passed + 1)); echo "PASS $1"
    else
        failed=$((failed + 1)); echo "FAIL $1: $why"
    fi
}

harness_end() {
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
}
