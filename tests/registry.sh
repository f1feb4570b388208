#!/bin/sh
# registry.sh: the registry of reports and the table of commands are the
# whole truth.  Every list of commands, reports and options outside the C
# (the bash completion, the manual page, the benchmark, the end-to-end
# tests) is checked against what the program says of itself in --help,
# which is made from those tables; the fuzzer takes its list from the
# registry itself.  One PASS or FAIL line per test, then "N passed, M failed".
#
#   sh tests/registry.sh ./fotstat        (make check runs it)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FOT=${1:-$ROOT/fotstat}
case $FOT in /*) ;; *) FOT=$PWD/$FOT ;; esac
# shellcheck disable=SC2034   # read by tests/harness.sh
HARNESS=registry
# shellcheck source=tests/harness.sh
. "$ROOT/tests/harness.sh"
# sorted words, one a line
words() { tr ' ' '\n' | grep -v '^$' | LC_ALL=C sort -u; }
same() {   # same WHAT WANT GOT
    [ "$2" = "$3" ] || fail "$1: want [$(echo "$2" | tr '\n' ' ')] got [$(echo "$3" | tr '\n' ' ')]"
}

# What the program says: commands, reports, each command's options.
"$FOT" --help >"$WORK/main" 2>&1
"$FOT" report --help >"$WORK/report" 2>&1
commands() { sed -n '/^Kommandon:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p' "$WORK/main" | words; }
reports() { sed -n '/^Rapporter:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p' "$WORK/report" | words; }
options() {   # options COMMAND: the flags its --help lists, and --help
    { "$FOT" "$1" --help | sed -n '/^Flaggor:/,/^$/s/^  \(--[a-z-]*\).*/\1/p'; echo --help; } | words
}
global_options() { sed -n '/^Flaggor:/,/^$/s/^  \(--[a-z-]*\).*/\1/p' "$WORK/main" | words; }

t_tables_are_not_empty() {
    [ "$(commands | wc -l)" -ge 4 ] || fail "no commands in --help"
    [ "$(reports | wc -l)" -ge 6 ] || fail "no reports in report --help"
    [ "$(options report | wc -l)" -ge 10 ] || fail "no report options in report --help"
}

# The completion's lists are the program's.
t_completion_lists() {
    C=$ROOT/completion/fotstat
    list() { sed -n "s/^ *local $1=\"\\(.*\\)\"\$/\\1/p" "$C" | words; }
    same "completion commands" "$(commands)" "$(list commands)"
    same "completion reports" "$(reports)" "$(list reports)"
    same "completion report options" "$(options report)" "$(list report_opts)"
    same "completion global options" "$(global_options)" \
         "$(sed -n 's/.*_fotstat_reply -W "$commands \(.*\)" -- .*/\1/p' "$C" | words)"
    for c in $(commands); do
        [ "$c" = report ] && continue
        got=$(sed -n "/^        $c)/,/;;/s/.*-W \"\\(--[^\"]*\\)\".*/\\1/p" "$C" | words)
        same "completion options of $c" "$(options "$c")" "$got"
    done
}

# The manual page has an entry for every command and every report, and no other.
t_manual_lists() {
    M=$ROOT/doc/fotstat.1
    heads() {   # the first word of every .TP entry in section $1
        sed -n "/^\\.SH $1\$/,/^\\.SH /p" "$M" | sed -n '/^\.TP$/{n;p}' |
            sed 's/^\.B[IR]* *//; s/\\-/-/g; s/"//g; s/\\f[BIRP]//g' | cut -d' ' -f1 | grep -v '^-' | words
    }
    same "manual KOMMANDON" "$(commands)" "$(heads KOMMANDON)"
    same "manual RAPPORTER" "$(reports)" "$(heads RAPPORTER)"
}

# The benchmark times every report.
t_bench_times_every_report() {
    got=$(sed -n 's/^REPORTS="\(.*\)"$/\1/p' "$ROOT/tests/bench.sh" | tr ' ' '\n' | cut -d: -f1 | words)
    same "bench.sh REPORTS" "$(reports)" "$got"
}

# The end-to-end tests that must cover every report take them from the program
# (demo --help's runs); none names a report list of its own that could fall behind.
t_e2e_takes_reports_from_the_program() {
    runs=$("$FOT" demo --help | sed -n 's/^  fotstat report \([a-z-]*\).*/\1/p' | words)
    same "demo --help runs" "$(reports)" "$runs"
    E=$ROOT/tests/e2e.sh
    n=$(grep -c 'demo --help | sed' "$E")
    [ "$n" -ge 2 ] || fail "e2e.sh takes its reports from demo --help in $n places, want 2 or more"
    # A literal list of all the reports in e2e.sh is a list that can fall behind.
    all=$(reports | tr '\n' ' ')
    grep -n "for r in" "$E" | while IFS= read -r line; do
        k=0
        for r in $all; do echo "$line" | grep -qw -- "$r" && k=$((k + 1)); done
        [ "$k" -lt "$(reports | wc -l)" ] || echo "$line"
    done >"$WORK/lists"
    [ -s "$WORK/lists" ] && fail "e2e.sh lists every report by hand: $(head -c 200 "$WORK/lists")"
    return 0
}

# The fuzzer runs the registry's reports, not a list of its own.
t_fuzzer_takes_reports_from_the_registry() {
    F=$ROOT/tests/fuzz/fuzz_pipeline.c
    grep -q 'report_defs\[' "$F" || fail "fuzz_pipeline.c does not read report_defs"
    for r in $(reports); do
        grep -q "\"$r\"" "$F" && fail "fuzz_pipeline.c names $r itself"
    done
    return 0
}

for t in t_tables_are_not_empty t_completion_lists t_manual_lists t_bench_times_every_report \
         t_e2e_takes_reports_from_the_program t_fuzzer_takes_reports_from_the_registry; do
    run_test "$t"
done
harness_end
