-- shis_bestand.sql: loading SHIS's monthly stock (replacement as in bf_formedlingar.sql).

-- name: insert
INSERT INTO shis_bestand (manad, boendeform, lagenheter, belagda, tomstallda,
    vantande_hushall, source_file_id, source_line)
VALUES (:manad, :boendeform, :lagenheter, :belagda, :tomstallda,
    :vantande_hushall, :file_id, :line);

-- name: insert_batch
-- The rows of a whole batch, as `insert` takes one, from the loader's table
-- fotstat_batch (ingest/batchvt.c).  A row whose key is already loaded, or
-- that breaks a rule of the table, is left out (OR IGNORE): the loader
-- finds it by its line and takes it the way of one row.
INSERT OR IGNORE INTO shis_bestand (manad, boendeform, lagenheter, belagda, tomstallda,
    vantande_hushall, source_file_id, source_line)
SELECT manad, boendeform, lagenheter, belagda, tomstallda,
    vantande_hushall, file_id, line
  FROM fotstat_batch;

-- name: replace
UPDATE shis_bestand SET
    lagenheter = :lagenheter, belagda = :belagda,
    tomstallda = :tomstallda, vantande_hushall = :vantande_hushall,
    source_file_id = :file_id, source_line = :line
 WHERE manad = :manad AND boendeform = :boendeform AND source_file_id <> :file_id
   AND (lagenheter IS NOT :lagenheter
        OR belagda IS NOT :belagda
        OR tomstallda IS NOT :tomstallda
        OR vantande_hushall IS NOT :vantande_hushall);

-- name: first_line
SELECT source_line FROM shis_bestand
 WHERE manad = :manad AND boendeform = :boendeform AND source_file_id = :file_id;
