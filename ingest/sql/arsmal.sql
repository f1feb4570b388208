-- arsmal.sql: loading the annual targets (replacement as in bf_formedlingar.sql).

-- name: insert
INSERT INTO arsmal (ar, kategori, mal, source_file_id, source_line)
VALUES (:ar, :kategori, :mal, :file_id, :line);

-- name: replace
UPDATE arsmal SET
    mal = :mal,
    source_file_id = :file_id, source_line = :line
 WHERE ar = :ar AND kategori = :kategori AND source_file_id <> :file_id
   AND (mal IS NOT :mal);

-- name: first_line
SELECT source_line FROM arsmal
 WHERE ar = :ar AND kategori = :kategori AND source_file_id = :file_id;
