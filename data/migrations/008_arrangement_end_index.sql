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

-- The survey: a round's households are read together, so the table is
-- kept in the order of its key (WITHOUT ROWID): a round is one range of
-- the table itself, with no index entry to follow per household and no
-- second copy of the rows to build at ingest.  The files behind a round
-- are found by a seek per file (the index by file and round), rather than
-- by reading a file's rows until one of the round turns up.
CREATE TABLE kartlaggning_by_round (
    omgang          INTEGER NOT NULL,  -- the round's year (Kartläggning '2021-04' or '2021')
    omgang_manad    TEXT,              -- the round's month when the export gave one
    hushallsid      TEXT NOT NULL,     -- Hushållsid, unique within the round
    stadsdel        TEXT NOT NULL REFERENCES ref_organisation(label),
    hushallstyp     TEXT NOT NULL REFERENCES ref_hushallstyp(label),
    antal_barn      INTEGER NOT NULL CHECK (antal_barn >= 1),
    nyanland        INTEGER NOT NULL CHECK (nyanland IN (0, 1)),
    boendesituation TEXT NOT NULL REFERENCES ref_boendesituation(label),
    orsak           TEXT REFERENCES ref_orsak(label),
    source_file_id  INTEGER NOT NULL REFERENCES source_file(id),
    source_line     INTEGER NOT NULL,
    pseudonym       TEXT,              -- as in bf_formedling (migration 002)
    PRIMARY KEY (omgang, hushallsid)
) WITHOUT ROWID;
INSERT INTO kartlaggning_by_round (omgang, omgang_manad, hushallsid, stadsdel, hushallstyp,
    antal_barn, nyanland, boendesituation, orsak, source_file_id, source_line, pseudonym)
SELECT omgang, omgang_manad, hushallsid, stadsdel, hushallstyp, antal_barn, nyanland,
       boendesituation, orsak, source_file_id, source_line, pseudonym
  FROM kartlaggning;
DROP TABLE kartlaggning;
ALTER TABLE kartlaggning_by_round RENAME TO kartlaggning;
CREATE INDEX kartlaggning_file ON kartlaggning(source_file_id, omgang);
CREATE TRIGGER kartlaggning_keep BEFORE UPDATE ON kartlaggning
BEGIN
    INSERT INTO kartlaggning_version (omgang, omgang_manad, hushallsid, stadsdel, hushallstyp, antal_barn, nyanland, boendesituation, orsak, pseudonym,
        source_file_id, source_line, replaced_by_file_id)
    VALUES (OLD.omgang, OLD.omgang_manad, OLD.hushallsid, OLD.stadsdel, OLD.hushallstyp, OLD.antal_barn, OLD.nyanland, OLD.boendesituation, OLD.orsak, OLD.pseudonym,
        OLD.source_file_id, OLD.source_line, NEW.source_file_id);
END;
