-- shis_bestand.sql: loading SHIS's monthly stock (replacement as in bf_formedlingar.sql).

-- name: insert
INSERT INTO shis_bestand (manad, boendeform, lagenheter, belagda, tomstallda,
    vantande_hushall, source_file_id, source_line)
VALUES (:manad, :boendeform, :lagenheter, :belagda, :tomstallda,
    :vantande_hushall, :file_id, :line);

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
