#!/bin/sh
# bench_floor.sh SOURCE_DB TABLE NEW_DB [load|all]: SQLite's own share of an
# ingest, with nothing of fotstat's: no parsing, no validation, no
# pseudonyms.  The rows of TABLE in SOURCE_DB (a database fotstat made) are
# copied, already typed, in one INSERT ... SELECT, into an empty NEW_DB with
# the same schema and the settings fotstat loads with (8 KiB pages, a 6 MiB
# page cache, the rollback journal, synchronous FULL, no foreign-key
# lookups); with `all` (the default) the table's secondary indexes are then
# built after the rows, with two sorting threads in 3 MiB each, as
# ingest.c's bulk load does; then one commit.  `load` leaves the indexes out,
# so the difference of the two is what the indexes cost.
#
# The schema is read from SOURCE_DB, so the floor follows every migration.
# The copy reads SOURCE_DB's pages, which an ingest does not; it binds no
# parameter and makes no call per row, which an ingest does.  tests/bench.sh
# times it as a whole process beside `fotstat ingest` and `.import`.
set -eu
[ $# -ge 3 ] || { echo "användning: bench_floor.sh KÄLLDATABAS TABELL NY_DATABAS [load|all]" >&2; exit 2; }
src=$1 table=$2 new=$3 what=${4:-all}
rm -f "$new" "$new-journal"

# The table's secondary indexes, as bulk.sql's `indexes` picks them: left
# out of the schema made first, and with `all` built after the rows.
secondary="SELECT il.name FROM pragma_index_list('$table') AS il
    WHERE il.origin = 'c' AND il.\"unique\" = 0"
schema=$(sqlite3 "$src" "SELECT sql || ';' FROM sqlite_schema
    WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT IN ($secondary) ORDER BY rowid")
idx=
[ "$what" != all ] ||
    idx=$(sqlite3 "$src" "SELECT sql || ';' FROM sqlite_schema WHERE name IN ($secondary) ORDER BY name")

sqlite3 "$new" <<SQL
PRAGMA page_size = 8192;
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -6144;
$schema
ATTACH '$src' AS src;
INSERT INTO source_file SELECT * FROM src.source_file;
BEGIN;
INSERT INTO main."$table" SELECT * FROM src."$table" WHERE rowid > 0;
PRAGMA threads = 1;
PRAGMA cache_size = -3072;
$idx
COMMIT;
SQL
