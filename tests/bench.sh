#!/bin/sh
# bench.sh: ingest speed and peak memory against file size, and SQLite's own
# .import of the same file as the baseline.  Memory must not grow with the
# file: compare the peak RSS of the two sizes.
#
#   make bench
set -u
cd "$(dirname "$0")/.."
W=$(mktemp -d /tmp/fotstat-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT

gen() {   # gen ROWS FILE: a shis-placeringar export of ROWS rows
    { echo 'Placeringsid;Inflyttningsdatum;Utflyttningsdatum;Boendeform;Bestånd;Remitterande stadsdel;Hushållstyp;Antal barn;BF-ärendenummer'
      awk -v n="$1" 'BEGIN { split("Barnfamilj Nyanlända Vuxen", f, " ");
          for (i = 1; i <= n; i++)
              printf "P-%d;2021-%02d-%02d;;%s;Eget;Farsta;Par med barn;%d;\n", i, i % 12 + 1, i % 28 + 1, f[i % 3 + 1], i % 4 }'
    } >"$2"
}

measure() {   # measure LABEL COMMAND...: prints seconds and peak RSS
    label=$1; shift
    /usr/bin/time -f "%e %M" -o "$W/time" "$@" >/dev/null 2>&1
    read -r secs kb <"$W/time"
    echo "$label $secs $kb"
}

printf '%-34s %10s %12s %12s\n' "what" "seconds" "rows/s" "peak RSS KiB"
for n in 100000 1000000; do
    gen "$n" "$W/p$n.csv"
    rm -f "$W/db"*
    set -- $(measure x ./fotstat --db "$W/db" ingest "$W/p$n.csv")
    printf '%-34s %10s %12.0f %12s\n' "fotstat ingest, $n rows" "$2" "$(echo "$n / $2" | awk '{ print $1 / ($3 > 0 ? $3 : 0.001) }')" "$3"
    rm -f "$W/raw.db"*
    printf '.mode csv\n.separator ;\n.import %s p\n' "$W/p$n.csv" >"$W/imp"
    set -- $(measure x sqlite3 "$W/raw.db" ".read $W/imp")
    printf '%-34s %10s %12.0f %12s\n' "sqlite3 .import, $n rows" "$2" "$(echo "$n / $2" | awk '{ print $1 / ($3 > 0 ? $3 : 0.001) }')" "$3"
done
