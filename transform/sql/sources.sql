-- sources.sql: the files behind a report, for its "Om rapporten" sheet.

-- name: files
SELECT name, kind, sha256, rows_read, rows_loaded, rows_rejected, ingested_at
  FROM source_file
 WHERE kind IN (:kind1, :kind2, :kind3, :kind4)
 ORDER BY id;
