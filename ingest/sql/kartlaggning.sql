-- kartlaggning.sql: loading the survey (replacement as in bf_formedlingar.sql).

-- name: upsert
INSERT INTO kartlaggning (omgang, omgang_manad, hushallsid, stadsdel, hushallstyp,
    antal_barn, nyanland, boendesituation, orsak, pseudonym, source_file_id, source_line)
VALUES (:omgang, :omgang_manad, :hushallsid, :stadsdel, :hushallstyp,
    :antal_barn, :nyanland, :boendesituation, :orsak, :pseudonym, :file_id, :line)
ON CONFLICT (omgang, hushallsid) DO UPDATE SET
    omgang_manad = excluded.omgang_manad, stadsdel = excluded.stadsdel,
    hushallstyp = excluded.hushallstyp, antal_barn = excluded.antal_barn,
    nyanland = excluded.nyanland, boendesituation = excluded.boendesituation,
    orsak = excluded.orsak,
    pseudonym = excluded.pseudonym,
    source_file_id = excluded.source_file_id, source_line = excluded.source_line
WHERE kartlaggning.source_file_id <> excluded.source_file_id;

-- name: first_line
SELECT source_line FROM kartlaggning
 WHERE omgang = :omgang AND hushallsid = :hushallsid AND source_file_id = :file_id;
