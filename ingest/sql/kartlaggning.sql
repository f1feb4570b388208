-- kartlaggning.sql: loading the survey (replacement as in bf_formedlingar.sql).

-- name: insert
INSERT INTO kartlaggning (omgang, omgang_manad, hushallsid, stadsdel, hushallstyp,
    antal_barn, nyanland, boendesituation, orsak, pseudonym, source_file_id, source_line)
VALUES (:omgang, :omgang_manad, :hushallsid, :stadsdel, :hushallstyp,
    :antal_barn, :nyanland, :boendesituation, :orsak, :pseudonym, :file_id, :line);

-- name: replace
UPDATE kartlaggning SET
    omgang_manad = :omgang_manad, stadsdel = :stadsdel,
    hushallstyp = :hushallstyp, antal_barn = :antal_barn,
    nyanland = :nyanland, boendesituation = :boendesituation,
    orsak = :orsak,
    pseudonym = :pseudonym,
    source_file_id = :file_id, source_line = :line
 WHERE omgang = :omgang AND hushallsid = :hushallsid AND source_file_id <> :file_id
   AND (omgang_manad IS NOT :omgang_manad
        OR stadsdel IS NOT :stadsdel
        OR hushallstyp IS NOT :hushallstyp
        OR antal_barn IS NOT :antal_barn
        OR nyanland IS NOT :nyanland
        OR boendesituation IS NOT :boendesituation
        OR orsak IS NOT :orsak
        OR pseudonym IS NOT :pseudonym);

-- name: first_line
SELECT source_line FROM kartlaggning
 WHERE omgang = :omgang AND hushallsid = :hushallsid AND source_file_id = :file_id;
