-- source_file.sql: the record of every ingested file and its rejected rows.

-- name: same_size
-- Whether a file of these bytes could be loaded already: only then is the
-- digest waited for before the load (ingest.c).
SELECT 1 FROM source_file WHERE size_bytes = :size_bytes LIMIT 1;

-- name: find_sha
SELECT name, kind, ingested_at FROM source_file WHERE sha256 = :sha256;

-- name: insert
-- :sha256 is the digest if it is made already, or else PENDING_SHA256
-- (load.h), which `counts` replaces before the commit: no committed row
-- holds it, and it cannot equal a digest's 64 hex digits.
INSERT INTO source_file (name, kind, sha256, size_bytes, encoding, delimiter,
                         rows_read, rows_loaded, rows_rejected, ingested_at)
VALUES (:name, :kind, :sha256, :size_bytes, :encoding, :delimiter, 0, 0, 0,
        strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

-- name: counts
UPDATE source_file
   SET sha256 = :sha256,
       rows_read = :rows_read, rows_loaded = :rows_loaded, rows_rejected = :rows_rejected,
       rows_added = :rows_added, rows_replaced = :rows_replaced, rows_unchanged = :rows_unchanged
 WHERE id = :file_id;

-- name: reject
INSERT INTO rejected_row (source_file_id, line, column_name, reason)
VALUES (:file_id, :line, :column_name, :reason);
