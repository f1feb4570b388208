-- arsmal.sql: loading the annual targets (replacement as in bf_formedlingar.sql).

-- name: upsert
INSERT INTO arsmal (ar, kategori, mal, source_file_id, source_line)
VALUES (:ar, :kategori, :mal, :file_id, :line)
ON CONFLICT (ar, kategori) DO UPDATE SET
    mal = excluded.mal,
    source_file_id = excluded.source_file_id, source_line = excluded.source_line
WHERE arsmal.source_file_id <> excluded.source_file_id;

-- name: first_line
SELECT source_line FROM arsmal
 WHERE ar = :ar AND kategori = :kategori AND source_file_id = :file_id;
