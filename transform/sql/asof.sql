-- asof.sql: the database as it was right after file :c was loaded.
--
-- `--as-of` builds TEMP tables named like the main ones.  SQLite resolves
-- an unqualified name to temp before main, so every report's SQL reads the
-- moment's rows unchanged.  A fact row of that moment is a current row
-- brought by a file up to :c, or a version brought by a file up to :c and
-- replaced by a later one (migration 007).  The main tables' indexes are
-- created again on the temp tables (asof.c), with the keys below.

-- name: cutoff_file
-- The last load of a file of that name.
SELECT max(id), max(ingested_at) FROM source_file WHERE name = :name;

-- name: cutoff_time
-- The last file loaded at or before :t ('YYYY-MM-DDTHH:MM:SSZ', UTC).
SELECT max(id) FROM source_file WHERE ingested_at <= :t;

-- name: shadow_source_file
-- Reads every file record (few).
CREATE TEMP TABLE source_file AS SELECT * FROM main.source_file WHERE id <= :c;

-- name: shadow_rejected_row
-- Reads every rejected row up to :c.
CREATE TEMP TABLE rejected_row AS SELECT * FROM main.rejected_row WHERE source_file_id <= :c;

-- name: shadow_bf_formedling
-- Reads every row of bf_formedling and its versions: built once per --as-of run.
CREATE TEMP TABLE bf_formedling AS
SELECT arendenummer, erbjudandedatum, boendeform, bestallare, hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak, kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum, avslutsorsak, pseudonym, source_file_id, source_line FROM main.bf_formedling
 WHERE source_file_id <= :c
UNION ALL
SELECT arendenummer, erbjudandedatum, boendeform, bestallare, hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak, kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum, avslutsorsak, pseudonym, source_file_id, source_line FROM main.bf_formedling_version
 WHERE source_file_id <= :c AND replaced_by_file_id > :c;

-- name: shadow_shis_placering
-- Reads every row of shis_placering and its versions: built once per --as-of run.
CREATE TEMP TABLE shis_placering AS
SELECT placeringsid, inflyttningsdatum, utflyttningsdatum, boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn, bf_arendenummer, pseudonym, source_file_id, source_line FROM main.shis_placering
 WHERE source_file_id <= :c
UNION ALL
SELECT placeringsid, inflyttningsdatum, utflyttningsdatum, boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn, bf_arendenummer, pseudonym, source_file_id, source_line FROM main.shis_placering_version
 WHERE source_file_id <= :c AND replaced_by_file_id > :c;

-- name: shadow_shis_bestand
-- Reads every row of shis_bestand and its versions: built once per --as-of run.
CREATE TEMP TABLE shis_bestand AS
SELECT manad, boendeform, lagenheter, belagda, tomstallda, vantande_hushall, source_file_id, source_line FROM main.shis_bestand
 WHERE source_file_id <= :c
UNION ALL
SELECT manad, boendeform, lagenheter, belagda, tomstallda, vantande_hushall, source_file_id, source_line FROM main.shis_bestand_version
 WHERE source_file_id <= :c AND replaced_by_file_id > :c;

-- name: shadow_kartlaggning
-- Reads every row of kartlaggning and its versions: built once per --as-of run.
CREATE TEMP TABLE kartlaggning AS
SELECT omgang, omgang_manad, hushallsid, stadsdel, hushallstyp, antal_barn, nyanland, boendesituation, orsak, pseudonym, source_file_id, source_line FROM main.kartlaggning
 WHERE source_file_id <= :c
UNION ALL
SELECT omgang, omgang_manad, hushallsid, stadsdel, hushallstyp, antal_barn, nyanland, boendesituation, orsak, pseudonym, source_file_id, source_line FROM main.kartlaggning_version
 WHERE source_file_id <= :c AND replaced_by_file_id > :c;

-- name: shadow_kartlaggning_omgang
-- The survey's counts per round (migration 010) as they were.  Reads every
-- household of the survey as it was: the temp table just made above, which
-- the unqualified name means from then on.  Once per --as-of run.
CREATE TEMP TABLE kartlaggning_omgang AS
SELECT omgang, nyanland, hushallstyp, boendesituation, count(*) AS antal FROM kartlaggning
 GROUP BY omgang, nyanland, hushallstyp, boendesituation;

-- name: shadow_arsmal
-- Reads every row of arsmal and its versions: built once per --as-of run.
CREATE TEMP TABLE arsmal AS
SELECT ar, kategori, mal, source_file_id, source_line FROM main.arsmal
 WHERE source_file_id <= :c
UNION ALL
SELECT ar, kategori, mal, source_file_id, source_line FROM main.arsmal_version
 WHERE source_file_id <= :c AND replaced_by_file_id > :c;

-- name: indexes
-- The main tables' own indexes, to build again on the temp tables.
SELECT sql FROM main.sqlite_schema
 WHERE type = 'index' AND sql IS NOT NULL
   AND tbl_name IN ('source_file', 'rejected_row', 'bf_formedling', 'shis_placering',
                    'shis_bestand', 'kartlaggning', 'arsmal');

-- The keys of the temp tables: unique, so that two rows of one key at one moment fail loudly.

-- name: key_bf_formedling
-- No plan: an index of a temp table (tests/unit_plan.c).
CREATE UNIQUE INDEX temp.bf_formedling_asof_key ON bf_formedling(arendenummer);

-- name: key_shis_placering
-- No plan: an index of a temp table (tests/unit_plan.c).
CREATE UNIQUE INDEX temp.shis_placering_asof_key ON shis_placering(placeringsid);

-- name: key_shis_bestand
-- No plan: an index of a temp table (tests/unit_plan.c).
CREATE UNIQUE INDEX temp.shis_bestand_asof_key ON shis_bestand(manad, boendeform);

-- name: key_kartlaggning
-- No plan: an index of a temp table (tests/unit_plan.c).
CREATE UNIQUE INDEX temp.kartlaggning_asof_key ON kartlaggning(omgang, hushallsid);

-- name: key_kartlaggning_omgang
-- No plan: an index of a temp table (tests/unit_plan.c).
CREATE UNIQUE INDEX temp.kartlaggning_omgang_asof_key
    ON kartlaggning_omgang(omgang, nyanland, hushallstyp, boendesituation);

-- name: key_arsmal
-- No plan: an index of a temp table (tests/unit_plan.c).
CREATE UNIQUE INDEX temp.arsmal_asof_key ON arsmal(ar, kategori);

-- name: key_source_file
-- No plan: an index of a temp table (tests/unit_plan.c).
CREATE UNIQUE INDEX temp.source_file_asof_key ON source_file(id);
