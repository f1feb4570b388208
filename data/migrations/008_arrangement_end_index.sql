-- 008_arrangement_end_index.sql: schema version 8.  The follow-up reads the
-- arrangements that run into a period or end in it.  By Kontraktsdatum
-- that is every contract ever signed, so its cost grew with the years
-- loaded.  By the day an arrangement ends it is two ranges of one index:
-- the running ones (no Avslutsdatum, which sort first) signed by the
-- period's end, and those that ended on the period's first day or later.
-- Arrangements that ended before the period are never visited.  The index
-- carries everything the follow-up counts and lists, so the ranges are
-- read from it alone (BENCHMARKS.md).  It replaces the index by
-- Avslutsdatum alone: an Avslutsdatum requires a Kontraktsdatum (the
-- ingest's rule), so every ended arrangement is in it.

DROP INDEX bf_formedling_avslut;
CREATE INDEX bf_formedling_slut ON bf_formedling(avslutsdatum, kontraktsdatum, boendeform,
    bestallare, avslutsorsak, kontrollstation, arendenummer, source_file_id)
    WHERE kontraktsdatum IS NOT NULL;

-- SHIS's placements of a period, by the day they moved in: the index now
-- carries what the monthly report and the tertial count them by, so the
-- counts and the files behind them read the index alone.  The returns
-- look up a household's earlier move-outs by pseudonym; that index now
-- carries the move-out day and the placement, so the lookup stays in it.
DROP INDEX shis_placering_inflyttning;
CREATE INDEX shis_placering_inflyttning ON shis_placering(inflyttningsdatum, boendeform, bestand,
    remitterande_stadsdel, hushallstyp, source_file_id);
DROP INDEX shis_placering_pseudonym;
CREATE INDEX shis_placering_pseudonym ON shis_placering(pseudonym, utflyttningsdatum, placeringsid)
    WHERE pseudonym IS NOT NULL;

-- The survey: a round's households read from one covering index (by round,
-- then what the tables group by), not the table row behind each key; and
-- the files behind a round found per file, a seek each, rather than by
-- reading the file's rows until one of the round turns up.
DROP INDEX kartlaggning_file;
CREATE INDEX kartlaggning_file ON kartlaggning(source_file_id, omgang);
CREATE INDEX kartlaggning_omgang ON kartlaggning(omgang, nyanland, boendesituation, stadsdel, orsak,
    hushallstyp, omgang_manad);
