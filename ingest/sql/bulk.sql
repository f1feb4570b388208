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
