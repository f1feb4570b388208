-- sources.sql: the files behind a report, for its "Om rapporten" sheet.

-- name: files
-- :kinds is a JSON array of export kinds, e.g. '["bf-formedlingar","arsmal"]'.
-- Reads every source_file row: one per file loaded, a few hundred at most.
SELECT name, kind, sha256, rows_read, rows_loaded, rows_rejected, ingested_at
  FROM source_file
 WHERE kind IN (SELECT value FROM json_each(:kinds))
 ORDER BY id;
