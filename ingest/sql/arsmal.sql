-- arsmal.sql: loading the annual targets (replacement as in bf_formedlingar.sql).

-- name: insert
INSERT INTO arsmal (ar, kategori, mal, source_file_id, source_line)
VALUES (:ar, :kategori, :mal, :file_id, :line);

-- name: insert_batch
-- The rows of a whole batch, as `insert` takes one, from the loader's table
-- fotstat_batch (ingest/batchvt.c).  A row whose key is already loaded, or
-- that breaks a rule of the table, is left out (OR IGNORE): the loader
-- finds it by its line and takes it the way of one row.
INSERT OR IGNORE INTO arsmal (ar, kategori, mal, source_file_id, source_line)
SELECT ar, kategori, mal, file_id, line
  FROM fotstat_batch;

-- name: replace
UPDATE arsmal SET
    mal = :mal,
    source_file_id = :file_id, source_line = :line
 WHERE ar = :ar AND kategori = :kategori AND source_file_id <> :file_id
   AND (mal IS NOT :mal);

-- name: first_line
SELECT source_line FROM arsmal
 WHERE ar = :ar AND kategori = :kategori AND source_file_id = :file_id;
