-- status.sql: what is loaded, for `fotstat status`.

-- name: kinds
-- Reads every row's index entry: status is about everything loaded.
-- One row per export kind: files, rows now in the database, rows rejected
-- over all loaded files, and the period the rows cover.
SELECT k.kind,
       k.title,
       (SELECT count(*) FROM source_file f WHERE f.kind = k.kind) AS files,
       CASE k.kind
         WHEN 'bf-formedlingar'  THEN (SELECT count(*) FROM bf_formedling)
         WHEN 'shis-placeringar' THEN (SELECT count(*) FROM shis_placering)
         WHEN 'shis-bestand'     THEN (SELECT count(*) FROM shis_bestand)
         WHEN 'kartlaggning'     THEN (SELECT count(*) FROM kartlaggning)
         WHEN 'arsmal'           THEN (SELECT count(*) FROM arsmal)
       END AS nrows,
       (SELECT coalesce(sum(f.rows_rejected), 0) FROM source_file f WHERE f.kind = k.kind) AS rejected,
       CASE k.kind
         WHEN 'bf-formedlingar'  THEN (SELECT min(erbjudandedatum) FROM bf_formedling)
         WHEN 'shis-placeringar' THEN (SELECT min(inflyttningsdatum) FROM shis_placering)
         WHEN 'shis-bestand'     THEN (SELECT min(manad) FROM shis_bestand)
         WHEN 'kartlaggning'     THEN (SELECT min(omgang) FROM kartlaggning)
         WHEN 'arsmal'           THEN (SELECT min(ar) FROM arsmal)
       END AS first,
       CASE k.kind
         WHEN 'bf-formedlingar'  THEN (SELECT max(max(erbjudandedatum), coalesce(max(kontraktsdatum), ''))
                                        FROM bf_formedling)
         WHEN 'shis-placeringar' THEN (SELECT max(inflyttningsdatum) FROM shis_placering)
         WHEN 'shis-bestand'     THEN (SELECT max(manad) FROM shis_bestand)
         WHEN 'kartlaggning'     THEN (SELECT max(omgang) FROM kartlaggning)
         WHEN 'arsmal'           THEN (SELECT max(ar) FROM arsmal)
       END AS last
  FROM ref_kind k
 ORDER BY k.sort;

-- name: files
-- Every loaded file, oldest ingest first.
SELECT name, kind, rows_read, rows_loaded, rows_rejected, encoding, delimiter,
       substr(sha256, 1, 12), ingested_at, rows_added, rows_replaced, rows_unchanged
  FROM source_file
 ORDER BY id;
