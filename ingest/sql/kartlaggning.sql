-- kartlaggning.sql: loading the survey (replacement as in bf_formedlingar.sql).

-- name: insert
INSERT INTO kartlaggning (omgang, omgang_manad, hushallsid, stadsdel, hushallstyp,
    antal_barn, nyanland, boendesituation, orsak, pseudonym, source_file_id, source_line)
VALUES (:omgang, :omgang_manad, :hushallsid, :stadsdel, :hushallstyp,
    :antal_barn, :nyanland, :boendesituation, :orsak, :pseudonym, :file_id, :line);

-- name: insert_batch
-- The rows of a whole batch, as `insert` takes one, from the loader's table
-- fotstat_batch (ingest/batchvt.c).  A row whose key is already loaded, or
-- that breaks a rule of the table, is left out (OR IGNORE): the loader
-- finds it by its line and takes it the way of one row.
INSERT OR IGNORE INTO kartlaggning (omgang, omgang_manad, hushallsid, stadsdel, hushallstyp,
    antal_barn, nyanland, boendesituation, orsak, pseudonym, source_file_id, source_line)
SELECT omgang, omgang_manad, hushallsid, stadsdel, hushallstyp,
    antal_barn, nyanland, boendesituation, orsak, pseudonym, file_id, line
  FROM fotstat_batch;

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

-- The counts per round (kartlaggning_omgang, migration 010) are made again
-- for every round the file added or changed a household of (rounds.c):
-- those households now carry the file's id, and an unchanged one keeps its
-- old file and changes no count.

-- name: rounds_touched
-- The rounds with a household from :file_id: one seek each in the index by
-- (file, round), from each round to the next.
WITH RECURSIVE touched(omgang) AS (
    SELECT min(omgang) FROM kartlaggning WHERE source_file_id = :file_id
    UNION ALL
    SELECT (SELECT min(omgang) FROM kartlaggning
             WHERE source_file_id = :file_id AND omgang > t.omgang)
      FROM touched t WHERE t.omgang IS NOT NULL)
SELECT omgang FROM touched WHERE omgang IS NOT NULL;

-- name: round_clear
DELETE FROM kartlaggning_omgang WHERE omgang = :omgang;

-- name: round_households
-- The round's households, in key order, counted in rounds.c.
SELECT nyanland, hushallstyp, boendesituation FROM kartlaggning WHERE omgang = :omgang;

-- name: round_store
INSERT INTO kartlaggning_omgang (omgang, nyanland, hushallstyp, boendesituation, antal)
VALUES (:omgang, :nyanland, :hushallstyp, :boendesituation, :antal);
