#!/bin/sh
# bench.sh: fotstat's speed and memory against SQLite's own shell, on large
# exports from the project's generator (tools/gensample.c --bench: quoted
# fields with line breaks, Hyra with a blank as thousands separator, mixed
# date forms, ten years, personnummer).  Whole processes, timed with
# /usr/bin/time; every pair runs back to back (A B A B ...) so that both
# sides see the same machine state; medians and spread (min-max).
# Writes BENCHMARKS.md's measured section (between its markers) and prints it.
#
#   make bench                        1M and 10M rows (about 35 minutes)
#   BENCH_RUNS=5 BENCH_BIG=0 make bench   more runs, without the 10M file
#   BENCH_DIR=/mnt/x make bench       where the large files go (8 GB free needed)
#   BENCH_BEFORE=REV make bench       whose profile is "before" (default 83e228a,
#                                     the last commit before issue 30; none: -)
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${BENCH_RUNS:-3}
PAIRS=${BENCH_PAIRS:-9}   # the 1M ingest pairs: a few seconds each, the noisiest ratios
BIGRUNS=${BENCH_BIG_RUNS:-5}   # the 10M ingests, each beside a 1M ingest of its kind
BIG=${BENCH_BIG:-1}
W=$(mktemp -d "${BENCH_DIR:-/tmp}/fotstat-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
FOT=$ROOT/fotstat
GEN=$ROOT/build/gensample
export FOTSTAT_KEY_FILE="$W/key"
RES=$W/results        # lines: name seconds KiB user-seconds system-seconds
BEFORE=${BENCH_BEFORE:-83e228a}

say() { printf '%s\n' "$*" >&2; }

# run NAME COMMAND...: one timed run, appended to $RES
run() {
    what=$1; shift
    /usr/bin/time -f "%e %M %U %S" -o "$W/t" "$@" >/dev/null 2>"$W/err" || {
        [ $? = 1 ] || { say "bench: $what failed:"; cat "$W/err" >&2; exit 1; }; }
    echo "$what $(tail -n1 "$W/t")" >>"$RES"    # time puts a note of a non-zero exit first
}

# medrange: the median, least and greatest of the numbers on stdin, or "- - -"
medrange() {
    sort -g | awk '{ v[++k] = $1 }
        END { if (!k) { print "- - -"; exit }
              m = k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
              print m, v[1], v[k] }'
}
# stat NAME FIELD: median, min and max of a measured name (FIELD 2 seconds, 3 KiB, 4 user seconds)
stat() { awk -v n="$1" -v f="$2" '$1 == n { print $f }' "$RES" | medrange; }
med() { stat "$1" "${2:-2}" | cut -d' ' -f1; }
# pratio NAME REF...: the median over the runs of NAME's i-th run against
# the sum of each REF's i-th run, then the least and greatest of those
# ratios.  Runs of one loop are compared with each other, as they were
# made, not with another minute's: this machine's times swing by a third
# within the hour, and a median of each side apart lets one side's slow
# run stand against the other's fast one.  pratio_of FIELD NAME REF...
# does the same for another field (4: user CPU).
pratio() { pratio_of 2 "$@"; }
pratio_of() {
    f=$1; shift
    awk -v names="$*" -v f="$f" '
        BEGIN { n = split(names, nm, " "); for (j = 1; j <= n; j++) idx[nm[j]] = j }
        ($1 in idx) { j = idx[$1]; v[j, ++c[j]] = $f }
        END {
            k = c[1]; for (j = 2; j <= n; j++) if (c[j] < k) k = c[j]
            for (i = 1; i <= k; i++) {
                s = 0; for (j = 2; j <= n; j++) s += v[j, i]
                printf "%.17g\n", (s > 0 ? v[1, i] / s : 0)
            } }' "$RES" | medrange |
        awk '$1 == "-" { printf "-"; next } { printf "%.2f (%.2f–%.2f)", $1, $2, $3 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# A keyed table for the shell's .import, with the export's header as columns.
import_sql() {   # import_sql FILE KEYCOLUMN
    head -n1 "$1" | awk -F';' -v key="$2" '{
        printf "CREATE TABLE p("
        for (i = 1; i <= NF; i++) printf "%s\"%s\"%s", (i > 1 ? ", " : ""), $i, ($i == key ? " TEXT PRIMARY KEY" : "")
        print ");" }'
    printf '.mode csv\n.separator ;\n.import --skip 1 %s p\n' "$1"
}

say "bench: generating the exports in $W"
$GEN --bench bf-formedlingar 1000000 2012 2021 "$W/bf1m.csv"
$GEN --bench bf-formedlingar 200000 2020 2021 "$W/bf2y.csv"
$GEN --bench shis-placeringar 1000000 2012 2021 "$W/shis1m.csv"
$GEN --bench shis-placeringar 200000 2020 2021 "$W/shis2y.csv"
$GEN --bench kartlaggning 1000000 2012 2021 "$W/kart1m.csv"
$GEN --bench kartlaggning 200000 2020 2021 "$W/kart2y.csv"
$GEN --bench-shaped bf-formedlingar 1000000 2012 2021 "$W/bfs1m.csv"
if [ "$BIG" != 0 ]; then
    $GEN --bench bf-formedlingar 10000000 2012 2021 "$W/bf10m.csv"
    $GEN --bench shis-placeringar 10000000 2012 2021 "$W/shis10m.csv"
    $GEN --bench kartlaggning 10000000 2012 2021 "$W/kart10m.csv"
    BF10M_MB=$(ls -l "$W/bf10m.csv" | awk '{ printf "%.0f", $5 / 1e6 }')   # each file goes once measured
fi
import_sql "$W/bf1m.csv" "Ärendenummer" >"$W/imp-bf1m.sql"
if [ "$BIG" != 0 ]; then
    import_sql "$W/bf10m.csv" "Ärendenummer" >"$W/imp-bf10m.sql"
    import_sql "$W/shis10m.csv" "Placeringsid" >"$W/imp-shis10m.sql"
    import_sql "$W/kart10m.csv" "Hushållsid" >"$W/imp-kart10m.sql"
fi
import_sql "$W/shis1m.csv" "Placeringsid" >"$W/imp-shis1m.sql"
import_sql "$W/bfs1m.csv" "Ärendenummer" >"$W/imp-bfs1m.sql"
import_sql "$W/kart1m.csv" "Hushållsid" >"$W/imp-kart1m.sql"
: >"$RES"

load() {   # load DB FILE...: exit 1 (some rows rejected) is fine, 2 is not
    db=$1; shift
    "$FOT" --db "$db" ingest "$@" >"$W/err" 2>&1 || [ $? = 1 ] || { cat "$W/err" >&2; exit 1; }
}

# SQLite's own share of the bf ingest (tests/bench_floor.sh), copied from a
# database fotstat made of the same file: the rows alone, and the rows with
# the indexes.  Each is a third and fourth member of the bf1m pair.
rm -f "$W/src.db"* "$W/key"
load "$W/src.db" "$W/bf1m.csv"

# Ingest, paired with .import: fresh databases every run.  (The kart1m
# pair is shown, not a target: the survey's key is (round, Hushållsid), the
# shell's table keys Hushållsid alone.)
for kind in bf1m shis1m kart1m; do
    for i in $(seq "$PAIRS"); do
        say "bench: ingest $kind, run $i"
        rm -f "$W/a.db"* "$W/key"
        run "ingest-$kind" "$FOT" --db "$W/a.db" ingest "$W/$kind.csv"
        if [ -f "$W/imp-$kind.sql" ]; then
            rm -f "$W/b.db"*
            run "import-$kind" sqlite3 "$W/b.db" ".read $W/imp-$kind.sql"
        fi
        if [ "$kind" = bf1m ]; then
            run floor-load-bf1m sh tests/bench_floor.sh "$W/src.db" bf_formedling "$W/c.db" load
            run floor-all-bf1m sh tests/bench_floor.sh "$W/src.db" bf_formedling "$W/c.db" all
            rm -f "$W/c.db"*
        fi
    done
done
rm -f "$W/src.db"*
if [ "$BIG" != 0 ]; then
    for kind in bf10m shis10m kart10m; do
        for i in $(seq "$BIGRUNS"); do
            say "bench: ingest $kind, run $i"
            # The 1M file of the kind first, so that the 10M/1M ratio is of
            # two runs of the same minute, as every other ratio here.
            rm -f "$W/a.db"* "$W/key"
            run "ingest-${kind%10m}1m-beside10m" "$FOT" --db "$W/a.db" ingest "$W/${kind%10m}1m.csv"
            rm -f "$W/a.db"* "$W/key" "$W/b.db"*
            run "ingest-$kind" "$FOT" --db "$W/a.db" ingest "$W/$kind.csv"
            rm -f "$W/a.db"*
            run "import-$kind" sqlite3 "$W/b.db" ".read $W/imp-$kind.sql"
            rm -f "$W/b.db"*
        done
        rm -f "$W/$kind.csv"
    done
fi

# The databases the reports read: ten years, and the same two years alone.
say "bench: loading the report databases"
rm -f "$W/key" "$W/ten.db"* "$W/two.db"* "$W/imp.db"* "$W/impshis.db"* "$W/impkart.db"*
load "$W/ten.db" "$W/bf1m.csv" "$W/shis1m.csv" "$W/kart1m.csv" data/arsmal.csv data/sample/shis-bestand.csv
load "$W/two.db" "$W/bf2y.csv" "$W/shis2y.csv" "$W/kart2y.csv" data/arsmal.csv data/sample/shis-bestand.csv
load "$W/shaped.db" "$W/bfs1m.csv" "$W/shis1m.csv" "$W/kart1m.csv" data/arsmal.csv data/sample/shis-bestand.csv
sqlite3 "$W/imp.db" ".read $W/imp-bf1m.sql"
sqlite3 "$W/impbfs.db" ".read $W/imp-bfs1m.sql"
sqlite3 "$W/impshis.db" ".read $W/imp-shis1m.sql"
sqlite3 "$W/impkart.db" ".read $W/imp-kart1m.sql"
for i in $(seq "$RUNS"); do
    say "bench: re-ingest, run $i"
    run reingest-bf1m "$FOT" --db "$W/ten.db" ingest "$W/bf1m.csv"
    run sha256sum-bf1m sha256sum "$W/bf1m.csv"
done

# A re-export: the same 1M offers with every tenth changed (Antal rum), and
# one with none changed (new bytes: a blank line at the end).  Each run
# loads it onto a copy of the database it corrects.
python3 - "$W/bf1m.csv" "$W/bf1m-10pct.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as src, \
     open(sys.argv[2], "w", newline="", encoding="utf-8") as dst:
    r, w = csv.reader(src, delimiter=";"), csv.writer(dst, delimiter=";", lineterminator="\n")
    head = next(r)
    w.writerow(head)
    rum = head.index("Antal rum")
    for i, row in enumerate(r):
        if i % 10 == 0:
            row[rum] = "2" if row[rum].strip() == "1" else "1"
        w.writerow(row)
PY
{ cat "$W/bf1m.csv"; echo; } >"$W/bf1m-same.csv"
rm -f "$W/one.db"*
load "$W/one.db" "$W/bf1m.csv"
for i in $(seq "$RUNS"); do
    say "bench: re-export, run $i"
    cp "$W/one.db" "$W/rx.db"
    run reexport10-bf1m "$FOT" --db "$W/rx.db" ingest "$W/bf1m-10pct.csv"
    cp "$W/one.db" "$W/rx.db"
    run reexport0-bf1m "$FOT" --db "$W/rx.db" ingest "$W/bf1m-same.csv"
done
rm -f "$W/rx.db"* "$W/one.db"*

REPORTS="arsmal:--year:2021 tertial:--year:2021:--tertial:2 uppfoljning:--year:2021 shis-manad:--month:2021-09 jamstalldhet:--year:2021 kartlaggning:--year:2021"
for i in $(seq "$RUNS"); do
    say "bench: reports, run $i"
    for r in $REPORTS; do
        # shellcheck disable=SC2046
        set -- $(echo "$r" | tr ':' ' ')
        name=$1
        run "report-$name-ten" "$FOT" --db "$W/ten.db" report "$@" --format csv
        run "report-$name-two" "$FOT" --db "$W/two.db" report "$@" --format csv
        run "report-$name-shaped" "$FOT" --db "$W/shaped.db" report "$@" --format csv
        rm -rf "$W/out"
        run "report-$name-out" "$FOT" --db "$W/ten.db" report "$@" --out "$W/out"
    done
    run scan-bf sqlite3 "$W/imp.db" "SELECT substr(Erbjudandedatum, 1, 4), Boendeform, count(*) FROM p GROUP BY 1, 2"
    run scan-bfs sqlite3 "$W/impbfs.db" "SELECT substr(Erbjudandedatum, 1, 4), Boendeform, count(*) FROM p GROUP BY 1, 2"
    run scan-shis sqlite3 "$W/impshis.db" "SELECT substr(Inflyttningsdatum, 1, 4), Boendeform, count(*) FROM p GROUP BY 1, 2"
    run scan-kart sqlite3 "$W/impkart.db" "SELECT substr(Kartläggning, 1, 4), Boendesituation, count(*) FROM p GROUP BY 1, 2"
done

# The series of publications (issue 27): a copy of the ten-year database
# with a year published in the order it is sent (twelve mailings, the three
# tertials, the year's årsmål, uppföljning, kartläggning and
# jämställdhetsanalys), each audited against all before it, timed once as
# a whole; then every report again against the whole year.
say "bench: publishing a year of the series"
cp "$W/ten.db" "$W/ser.db"
cat >"$W/year.sh" <<EOF
set -e
pub() { "$FOT" --db "$W/ser.db" report "\$@" --out "$W/ser" --publish >/dev/null 2>&1; }
for m in 01 02 03 04; do pub shis-manad --month 2021-\$m; done
pub tertial --year 2021 --tertial 1
for m in 05 06 07 08; do pub shis-manad --month 2021-\$m; done
pub tertial --year 2021 --tertial 2
for m in 09 10 11 12; do pub shis-manad --month 2021-\$m; done
pub tertial --year 2021 --tertial 3
for r in arsmal uppfoljning kartlaggning jamstalldhet; do pub \$r --year 2021; done
EOF
run publish-year sh "$W/year.sh"
for i in $(seq "$RUNS"); do
    say "bench: reports against the year published, run $i"
    for r in $REPORTS; do
        # shellcheck disable=SC2046
        set -- $(echo "$r" | tr ':' ' ')
        run "report-$1-series" "$FOT" --db "$W/ser.db" report "$@" --format csv
    done
done
rm -rf "$W/ser.db"* "$W/ser"

# Profiles (FOTSTAT_PROFILE=1: each statement's and phase's time) of the 1M
# bf ingest and of the årsmål on the shaped file, with this build and, for
# "before", with BENCH_BEFORE's, built from its own tree in $W.  Each binary
# ingests into a database of its own schema.  The lines of 40 ms or more
# are kept; the row inserts the profile shows (those of 1 ms or more) are
# summed into one line.
profile() {   # profile BINARY TAG
    for f in bf1m bfs1m; do
        rm -f "$W/p.db"* "$W/key"
        FOTSTAT_PROFILE=1 "$1" --db "$W/p.db" ingest "$W/$f.csv" >/dev/null 2>"$W/prof-$2-ingest-$f" || [ $? = 1 ]
        FOTSTAT_PROFILE=1 "$1" --db "$W/p.db" report arsmal --year 2021 --format csv >/dev/null 2>"$W/prof-$2-arsmal-$f" || true
    done
    rm -f "$W/p.db"*
}
profile "$FOT" after
if [ "$BEFORE" != - ]; then
    say "bench: building $BEFORE for the profile before"
    mkdir -p "$W/before"
    if git archive "$BEFORE" | tar -x -C "$W/before" && make -s -C "$W/before" fotstat >/dev/null 2>&1; then
        profile "$W/before/fotstat" before
    else
        say "bench: $BEFORE could not be built; no profile before"
        BEFORE=-
    fi
fi
# prof FILE: the profile's lines of 40 ms or more, and the inserts summed
prof() {
    awk '/^profil:/ { ms = $2 + 0; $1 = ""; $2 = ""; $3 = ""; sub(/^ +/, "")
            if ($0 ~ /^INSERT INTO/) { ins += ms; n++; next }
            if (ms >= 40) printf "%9.1f ms  %.90s\n", ms, $0 }
         END { if (n) printf "%9.1f ms  row INSERTs of 1 ms or more (the profile shows no faster statement), %d of them\n", ins, n }' "$1"
}

# A report's yardstick is the full-scan aggregate of the tables its
# published tables are counted from, one scan each: the survey for
# kartlaggning; Bostadsförmedlingen's and SHIS's for the tertial (the årsmål
# and follow-up tables, and SHIS's figures); all three for jamstalldhet.
# (Key figures of a single number, such as the follow-up's survey share,
# add no scan.)
refs() {
    case $1 in
        arsmal|uppfoljning) echo scan-bf ;;
        shis-manad) echo scan-shis ;;
        kartlaggning) echo scan-kart ;;
        tertial) echo scan-bf scan-shis ;;
        jamstalldhet) echo scan-kart scan-bf scan-shis ;;
    esac
}
# refsum NAME [shaped]: the sum of the medians of the report's yardsticks, in
# seconds; on the shaped database Bostadsförmedlingen's scan is of its file.
refsum() {
    for x in $(reflist "$@"); do med "$x"; done | awk '{ s += $1 } END { printf "%.2f", s }'
}
reflist() {
    for x in $(refs "$1"); do
        [ "${2:-}" = shaped ] && [ "$x" = scan-bf ] && x=scan-bfs
        echo "$x"
    done
}

# ---- the measured section of BENCHMARKS.md --------------------------------
row() {   # row LABEL NAME [REFNAME]
    set -- "$1" "$(stat "$2" 2)" "$(stat "$2" 3)" "${3:-}"
    printf '| %s | %s s (%s–%s) | %s MiB |' "$1" "$(echo "$2" | cut -d' ' -f1)" \
        "$(echo "$2" | cut -d' ' -f2)" "$(echo "$2" | cut -d' ' -f3)" "$(mib "$(echo "$3" | cut -d' ' -f3)")"
}
{
    echo "<!-- measured: written by tests/bench.sh -->"
    echo "Measured $(date -u +%Y-%m-%d) by \`make bench\` ($RUNS runs per figure, $PAIRS of each 1M ingest and its peers, $BIGRUNS of each 10M, each beside a 1M run of its kind; median, then min–max; peak RSS is the largest run's). A ratio of runs made in one loop is the median of the runs' own ratios, then their least and greatest."
    echo
    echo "- Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1) (CPU family $(lscpu | sed -n 's/^CPU family: *//p' | head -1), model $(lscpu | sed -n 's/^Model: *//p' | head -1)), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); SHA-256: $("$FOT" --version 2>/dev/null | sed -n 's/.*SHA-256: *\([^)]*\).*/\1/p')"
    echo "- Versions: fotstat $("$FOT" --version | head -1 | awk '{ print $2 }'), SQLite $(sqlite3 --version | cut -d' ' -f1) (shell and library), $(gcc --version | head -1)"
    echo "- Files: $(ls -l "$W/bf1m.csv" | awk '{ printf "%.0f MB", $5 / 1e6 }') for 1M bf-formedlingar rows$( [ "$BIG" = 0 ] || echo ", $BF10M_MB MB for 10M")"
    echo
    echo "| what | time | peak memory |"
    echo "|---|---|---|"
    for k in bf1m shis1m kart1m bf10m shis10m kart10m; do
        [ "$(med "ingest-$k")" = - ] && continue
        echo "$(row "fotstat ingest, $k" "ingest-$k")"
        [ "$(med "import-$k")" = - ] || echo "$(row "sqlite3 .import into a keyed table, $k" "import-$k")"
        [ "$(med "ingest-$k-beside10m")" = - ] ||
            echo "$(row "fotstat ingest, $k, each run just before a 10M one" "ingest-$k-beside10m")"
    done
    echo "$(row "SQLite alone, fotstat's schema: the 1M bf rows copied typed, no index (tests/bench_floor.sh)" floor-load-bf1m)"
    echo "$(row "SQLite alone, fotstat's schema: the same with its indexes built" floor-all-bf1m)"
    echo "$(row "re-ingest of the same 1M bytes" reingest-bf1m)"
    echo "$(row "sha256sum of the same file" sha256sum-bf1m)"
    echo "$(row "re-export of the 1M rows, every tenth changed (100 000 rows replaced and kept)" reexport10-bf1m)"
    echo "$(row "re-export of the 1M rows, none changed (new bytes)" reexport0-bf1m)"
    for r in $REPORTS; do
        n=${r%%:*}
        echo "$(row "report $n, ten years loaded" "report-$n-ten")"
        [ "$(med "report-$n-two")" = - ] || echo "$(row "report $n, two years loaded" "report-$n-two")"
        echo "$(row "report $n, the shaped bf file (gensample --bench-shaped) instead" "report-$n-shaped")"
        echo "$(row "report $n --out (workbook, charts, HTML)" "report-$n-out")"
        echo "$(row "report $n, ten years loaded, a year of publications registered" "report-$n-series")"
    done
    echo "$(row "publishing that year: 19 reports with --publish, each against those before it" publish-year)"
    echo "$(row "sqlite3 full-scan aggregate, bf 1M" scan-bf)"
    echo "$(row "sqlite3 full-scan aggregate, the shaped bf 1M" scan-bfs)"
    echo "$(row "sqlite3 full-scan aggregate, shis 1M" scan-shis)"
    echo "$(row "sqlite3 full-scan aggregate, kartlaggning 1M" scan-kart)"
    echo
    echo "| target | measured | met |"
    echo "|---|---|---|"
    : >"$W/short"
    t() {   # t TEXT VALUE LIMIT: VALUE <= LIMIT; a target missed is also noted in $W/short
        met=$(awk -v v="$2" -v l="$3" 'BEGIN { if (v == "-" || v == "") print "-"; else print (v + 0 <= l + 0 ? "ja" : "**nej**") }')
        printf '| %s | %s | %s |\n' "$1" "$2" "$met"
        [ "$met" != "**nej**" ] || printf -- '- %s: %s\n' "$1" "$2" >>"$W/short"
    }
    t "ingest 1M / .import keyed (≤ 1.0)" "$(pratio ingest-bf1m import-bf1m)" 1.0
    t "ingest 1M / SQLite alone storing the same typed rows in its schema, indexes built (≤ 1.15)" \
        "$(pratio ingest-bf1m floor-all-bf1m)" 1.15
    printf '| %s | %s | %s |\n' "not a target: SQLite alone with fotstat's schema / .import keyed" \
        "$(pratio floor-all-bf1m import-bf1m)" "the floor under the line above"
    t "peak memory, ingest 1M (≤ 32 MiB)" "$(mib "$(stat ingest-bf1m 3 | cut -d' ' -f3)")" 32
    if [ "$BIG" != 0 ]; then
        for k in bf shis kart; do
            t "peak memory, ingest $k 10M (≤ 32 MiB)" "$(mib "$(stat "ingest-${k}10m" 3 | cut -d' ' -f3)")" 32
            t "ingest $k 10M / ingest $k 1M run beside it, user CPU (≤ 11)" "$(pratio_of 4 "ingest-${k}10m" "ingest-${k}1m-beside10m")" 11
            printf '| %s | %s | %s |\n' "not a target: ingest $k 10M / 1M, elapsed (the kernel's writeback shares the two cores)" \
                "$(pratio "ingest-${k}10m" "ingest-${k}1m-beside10m")" "beside the line above"
        done
    fi
    t "re-ingest of the same 1M bytes, s (< 0.3)" "$(med reingest-bf1m)" 0.3
    for r in $REPORTS; do
        n=${r%%:*}
        # shellcheck disable=SC2046  # the yardsticks' names, one word each
        t "report $n / full-scan aggregate of $(refs "$n" | sed 's/scan-//g; s/ / + /g') (≤ 0.5)" "$(pratio "report-$n-ten" $(reflist "$n"))" 0.5
        t "report $n with a year published / the same full-scan aggregate (≤ 0.5)" "$(ratio "$(med "report-$n-series")" "$(refsum "$n")")" 0.5
        # shellcheck disable=SC2046
        t "report $n on the shaped bf file / its full-scan aggregate (≤ 0.5)" "$(pratio "report-$n-shaped" $(reflist "$n" shaped))" 0.5
        case $n in
            uppfoljning|tertial)
                printf '| %s | %s | %s |\n' "not a target: report $n, ten years / two years" \
                    "$(pratio "report-$n-ten" "report-$n-two")" "its answers span every year" ;;
            *)
                t "report $n, ten years / two years (≤ 1.5)" "$(pratio "report-$n-ten" "report-$n-two")" 1.5 ;;
        esac
        t "report $n, --out adds, s (≤ 1)" "$(awk -v a="$(med "report-$n-out")" -v b="$(med "report-$n-ten")" 'BEGIN { printf "%.2f", a - b }')" 1
    done
    echo
    if [ -s "$W/short" ]; then
        echo "Short of its target in this run (why: the prose above the measured section):"
        echo
        cat "$W/short"
    else
        echo "Every target was met in this run."
    fi
    echo
    for f in bf1m bfs1m; do
        for what in ingest arsmal; do
            case $what in
                ingest) echo "Profile of \`fotstat ingest\` of $f.csv (\`FOTSTAT_PROFILE=1\`, one run each):" ;;
                arsmal) echo "Profile of \`report arsmal --year 2021\` on that database alone:" ;;
            esac
            echo
            echo '```'
            if [ "$BEFORE" != - ]; then
                echo "before ($BEFORE):"
                prof "$W/prof-before-$what-$f"
                echo "after ($(git rev-parse --short HEAD)):"
            fi
            prof "$W/prof-after-$what-$f"
            echo '```'
            echo
        done
    done
    echo "<!-- end measured -->"
} >"$W/section.md"

if [ -f BENCHMARKS.md ] && grep -q '^<!-- measured' BENCHMARKS.md; then
    awk -v f="$W/section.md" '/^<!-- measured/ { while ((getline l < f) > 0) print l; skip = 1; next }
        /^<!-- end measured/ { skip = 0; next } !skip' BENCHMARKS.md >"$W/B.md" && cp "$W/B.md" BENCHMARKS.md
else
    cat "$W/section.md" >>BENCHMARKS.md
fi
cat "$W/section.md"
