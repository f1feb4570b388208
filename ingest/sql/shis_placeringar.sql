-- shis_placeringar.sql: loading SHIS's placements (replacement as in bf_formedlingar.sql).

-- name: upsert
INSERT INTO shis_placering (placeringsid, inflyttningsdatum, utflyttningsdatum,
    boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn,
    bf_arendenummer, pseudonym, source_file_id, source_line)
VALUES (:placeringsid, :inflyttningsdatum, :utflyttningsdatum,
    :boendeform, :bestand, :remitterande_stadsdel, :hushallstyp, :antal_barn,
    :bf_arendenummer, :pseudonym, :file_id, :line)
ON CONFLICT (placeringsid) DO UPDATE SET
    inflyttningsdatum = excluded.inflyttningsdatum,
    utflyttningsdatum = excluded.utflyttningsdatum, boendeform = excluded.boendeform,
    bestand = excluded.bestand, remitterande_stadsdel = excluded.remitterande_stadsdel,
    hushallstyp = excluded.hushallstyp, antal_barn = excluded.antal_barn,
    bf_arendenummer = excluded.bf_arendenummer,
    pseudonym = excluded.pseudonym,
    source_file_id = excluded.source_file_id, source_line = excluded.source_line
WHERE shis_placering.source_file_id <> excluded.source_file_id;

-- name: first_line
SELECT source_line FROM shis_placering
 WHERE placeringsid = :placeringsid AND source_file_id = :file_id;
