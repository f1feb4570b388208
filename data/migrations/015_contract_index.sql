-- 015_contract_index.sql: schema version 15.  Bostadsförmedlingen's rows
-- are read by the reports through two indexes, each holding everything a
-- report reads of a row in it, so that no report visits the table once per
-- counted row however the table is ordered and however long its Hyresvärd
-- names are (issue 30, BENCHMARKS.md).
--
-- By Kontraktsdatum, the förmedlade: every column the årsmål, the tertial,
-- the follow-up, the jämställdhetsanalys and SHIS's genomgångsbostäder
-- count, list or cite, the Ärendenummer second, so that a period comes in
-- the underlag's order (Kontraktsdatum, Ärendenummer) with no sort, and the
-- index build compares no further than that unique key.  It also holds
-- the Erbjudandedatum, which with the Ärendenummer is the contract's key
-- in the index by Erbjudandedatum.
--
-- By Erbjudandedatum, the offers: the Ärendenummer second, for the audit
-- of a series of publications, and Hyresvärd.  The årsmål counts its
-- contracts by Hyresvärd and seeks each one there, an offer signed in the
-- period having mostly been made in it: the seeks stay within a few pages
-- of the index.  Kept out of the index by Kontraktsdatum, the free text,
-- however long, does not weigh on the follow-up, which reads every
-- contract ever signed in that index.
--
-- The index by the arrangement's end (migration 008) goes: the follow-up
-- reads the arrangements running into a period from the index by
-- Kontraktsdatum, every contract signed by the period's end, as it already
-- read them for the takeover times.  One index build fewer is the largest
-- single saving an ingest can make.
--
-- Each index is dropped only if it is there (IF EXISTS), so that the
-- migration also runs on a database whose register alone was taken back to
-- an older version, as t_register_groups_from_version_12 does.

DROP INDEX IF EXISTS bf_formedling_slut;
DROP INDEX IF EXISTS bf_formedling_kontrakt;
CREATE INDEX bf_formedling_kontrakt ON bf_formedling(kontraktsdatum, arendenummer, boendeform,
    bestallare, hushallstyp, avslutsdatum, avslutsorsak, kontrollstation, source_file_id,
    source_line, erbjudandedatum)
    WHERE kontraktsdatum IS NOT NULL;
DROP INDEX IF EXISTS bf_formedling_erbjudande;
CREATE INDEX bf_formedling_erbjudande ON bf_formedling(erbjudandedatum, arendenummer, boendeform,
    svar, bestallare, nej_orsak, source_file_id, hyresvard);

-- SHIS's placements by the day they moved in, likewise: the Placeringsid
-- second (the order the lists of placements via Bostadsförmedlingen are
-- in), and the BF-ärendenummer and the pseudonym that the returns and the
-- placements via Bostadsförmedlingen read, so that these too come from the
-- index alone.
DROP INDEX IF EXISTS shis_placering_inflyttning;
CREATE INDEX shis_placering_inflyttning ON shis_placering(inflyttningsdatum, placeringsid,
    boendeform, bestand, remitterande_stadsdel, hushallstyp, source_file_id, bf_arendenummer,
    pseudonym);
