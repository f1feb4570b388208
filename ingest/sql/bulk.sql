-- bulk.sql: loading a large file into a table with its indexes built after
-- the rows rather than row by row (ingest.c: bulk_begin, bulk_end).

-- name: rows_before
-- An upper bound of the rows a kind's table holds: every row loaded, with
-- replacements counted twice.  Read from source_file, so it costs nothing
-- whatever the table's size.
SELECT coalesce(sum(rows_loaded), 0) FROM source_file WHERE kind = :kind;

-- name: indexes
-- The table's own secondary indexes: not the keys (origin 'pk' and 'u'),
-- which the load needs to find a replaced or repeated row, and never a
-- UNIQUE one, whose check must stay row by row.  The DROP statement is
-- quoted by SQLite's own %w.
SELECT s.sql, printf('DROP INDEX "%w"', s.name)
  FROM pragma_index_list(:table) AS il
  JOIN sqlite_schema AS s ON s.type = 'index' AND s.name = il.name
 WHERE il.origin = 'c' AND il."unique" = 0
 ORDER BY s.name;

-- name: references_by_ingest
-- While a file loads, SQLite does not look up each row's references: the
-- ingest guarantees them.  Every code column is matched against the code
-- lists read inside the file's transaction from ref_code, a view over the
-- very tables the columns reference (tests/unit_db.c proves each list a
-- subset of its column's table), and source_file_id is the row the same
-- transaction inserted.  Eight lookups a row cost about 0.7 s a million
-- rows (BENCHMARKS.md).  Outside a transaction only, as SQLite requires.
PRAGMA foreign_keys = OFF;

-- name: references_by_sqlite
-- Back to SQLite's own checks, for everything but the ingest's rows.
PRAGMA foreign_keys = ON;
