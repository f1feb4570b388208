#!/bin/sh
# valgrind.sh: the end-to-end tests with fotstat under valgrind's memcheck.
#
#   sh tests/valgrind.sh          (make valgrind)
#
# A wrapper runs every fotstat of tests/e2e.sh under memcheck: any invalid
# read or write, use of an uninitialised value, or definite leak makes that
# run exit 99, which fails its test, and the report is kept in
# build/valgrind/.  The tests that time or size a large file are skipped
# (E2E_SKIP): under valgrind they take minutes and test nothing new, and
# the ones that kill fotstat through strace cannot trace a traced process.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
V=$ROOT/build/valgrind
rm -rf "$V" && mkdir -p "$V" && chmod 1777 "$V"     # t_readonly_use runs fotstat as another user
cat >"$V/fotstat-valgrind" <<WRAP
#!/bin/sh
exec $(command -v valgrind) --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
    --show-leak-kinds=definite --track-origins=yes --child-silent-after-fork=yes \\
    --log-file="$V/vg.%p.log" "$ROOT/fotstat" "\$@"
WRAP
chmod +x "$V/fotstat-valgrind"
E2E_SKIP="t_ingest_memory_flat t_ingest_batches_keep_rows_and_order t_private_files t_concurrent_ingests_both_complete t_workbooks_print t_long_unquoted_row_rejects_only_it t_crash_at_many_points" \
    sh "$ROOT/tests/e2e.sh" "$V/fotstat-valgrind"
rc=$?
errors=$(cat "$V"/vg.*.log 2>/dev/null | grep -c 'ERROR SUMMARY: [1-9]\|definitely lost: [1-9]\|Invalid \|uninitialised')
echo "valgrind: $(ls "$V"/vg.*.log 2>/dev/null | wc -l) runs of fotstat, $errors reports of errors (build/valgrind/vg.*.log)"
[ "$rc" = 0 ] && [ "$errors" = 0 ]
