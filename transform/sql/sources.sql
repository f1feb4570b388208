-- sources.sql: the files behind a report, for its "Om rapporten" sheet.

-- name: files
-- :kinds is a JSON array of export kinds, e.g. '["bf-formedlingar","arsmal"]'.
-- Reads every source_file row: one per file loaded, a few hundred at most.
SELECT name, kind, sha256, rows_read, rows_loaded, rows_rejected, ingested_at
  FROM source_file
 WHERE kind IN (SELECT value FROM json_each(:kinds))
 ORDER BY id;

-- name: names_of
-- The names of the files whose ids :ids holds, a JSON array such as '[3,5]':
-- the files behind figures a report counted in one pass of its own.
SELECT name FROM source_file WHERE id IN (SELECT value FROM json_each(:ids)) ORDER BY name;
