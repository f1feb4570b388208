-- shis_placeringar.sql: loading SHIS's placements (replacement as in bf_formedlingar.sql).

-- name: insert
INSERT INTO shis_placering (placeringsid, inflyttningsdatum, utflyttningsdatum,
    boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn,
    bf_arendenummer, pseudonym, source_file_id, source_line)
VALUES (:placeringsid, :inflyttningsdatum, :utflyttningsdatum,
    :boendeform, :bestand, :remitterande_stadsdel, :hushallstyp, :antal_barn,
    :bf_arendenummer, :pseudonym, :file_id, :line);

-- name: insert_batch
-- The rows of a whole batch, as `insert` takes one, from the loader's table
-- fotstat_batch (ingest/batchvt.c).  A row whose key is already loaded, or
-- that breaks a rule of the table, is left out (OR IGNORE): the loader
-- finds it by its line and takes it the way of one row.
INSERT OR IGNORE INTO shis_placering (placeringsid, inflyttningsdatum, utflyttningsdatum,
    boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn,
    bf_arendenummer, pseudonym, source_file_id, source_line)
SELECT placeringsid, inflyttningsdatum, utflyttningsdatum,
    boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn,
    bf_arendenummer, pseudonym, file_id, line
  FROM fotstat_batch;

-- name: replace
UPDATE shis_placering SET
    inflyttningsdatum = :inflyttningsdatum,
    utflyttningsdatum = :utflyttningsdatum, boendeform = :boendeform,
    bestand = :bestand, remitterande_stadsdel = :remitterande_stadsdel,
    hushallstyp = :hushallstyp, antal_barn = :antal_barn,
    bf_arendenummer = :bf_arendenummer,
    pseudonym = :pseudonym,
    source_file_id = :file_id, source_line = :line
 WHERE placeringsid = :placeringsid AND source_file_id <> :file_id
   AND (inflyttningsdatum IS NOT :inflyttningsdatum
        OR utflyttningsdatum IS NOT :utflyttningsdatum
        OR boendeform IS NOT :boendeform
        OR bestand IS NOT :bestand
        OR remitterande_stadsdel IS NOT :remitterande_stadsdel
        OR hushallstyp IS NOT :hushallstyp
        OR antal_barn IS NOT :antal_barn
        OR bf_arendenummer IS NOT :bf_arendenummer
        OR pseudonym IS NOT :pseudonym);

-- name: first_line
SELECT source_line FROM shis_placering
 WHERE placeringsid = :placeringsid AND source_file_id = :file_id;
