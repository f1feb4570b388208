-- shis_bestand.sql: loading SHIS's monthly stock (replacement as in bf_formedlingar.sql).

-- name: upsert
INSERT INTO shis_bestand (manad, boendeform, lagenheter, belagda, tomstallda,
    vantande_hushall, source_file_id, source_line)
VALUES (:manad, :boendeform, :lagenheter, :belagda, :tomstallda,
    :vantande_hushall, :file_id, :line)
ON CONFLICT (manad, boendeform) DO UPDATE SET
    lagenheter = excluded.lagenheter, belagda = excluded.belagda,
    tomstallda = excluded.tomstallda, vantande_hushall = excluded.vantande_hushall,
    source_file_id = excluded.source_file_id, source_line = excluded.source_line
WHERE shis_bestand.source_file_id <> excluded.source_file_id;

-- name: first_line
SELECT source_line FROM shis_bestand
 WHERE manad = :manad AND boendeform = :boendeform AND source_file_id = :file_id;
