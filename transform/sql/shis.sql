-- shis.sql: SHIS's monthly report (shis-manad) and SHIS's part of the
-- tertialrapport.  Periods are bound as ISO dates :from and :through
-- (inclusive), months as 'YYYY-MM'.

-- name: forms
-- SHIS's boendeformer, in the order the reports show them.
SELECT label FROM ref_shis_boendeform ORDER BY sort;

-- name: remittenter
-- Every unit that can remit a household to SHIS: the rows of the per-stadsdel table.
SELECT label FROM ref_organisation WHERE typ <> 'SHIS' ORDER BY sort;

-- name: last_month
-- The last month SHIS's stock export covers: shis-manad's month when none is given.
SELECT max(manad) FROM shis_bestand;

-- name: bestand
-- The stock at the end of :manad and of the month before, :prev, per boendeform;
-- NULLs where the export has no row.
SELECT f.label, b.lagenheter, b.belagda, b.vantande_hushall,
       p.lagenheter, p.belagda, p.vantande_hushall
  FROM ref_shis_boendeform f
  LEFT JOIN shis_bestand b ON b.manad = :manad AND b.boendeform = f.label
  LEFT JOIN shis_bestand p ON p.manad = :prev AND p.boendeform = f.label
 ORDER BY f.sort;

-- name: belaggning
-- Apartments and occupied ones per month and boendeform, months :first to :last.
SELECT manad, boendeform, lagenheter, belagda
  FROM shis_bestand
 WHERE manad BETWEEN :first AND :last;

-- name: placements
-- Every household that moved in during the period (the year to date),
-- from the covering index by Inflyttningsdatum alone.  One pass counts
-- them in C for every table that reads them (shis_read in shis.c): in the
-- month and so far this year per boendeform, per month, per remitterande
-- stadsdel (naming each placement for the series audit), their files, and
-- the households the returns follow.  A GROUP BY per table would read and
-- sort the same rows again each time.
SELECT inflyttningsdatum, boendeform, bestand, remitterande_stadsdel, source_file_id,
       placeringsid, pseudonym
  FROM shis_placering
 WHERE inflyttningsdatum BETWEEN :from AND :through;

-- name: genomgang
-- Bostadsförmedlingen's genomgångsbostäder förmedlade in the period, and
-- whether SHIS has a placement behind each (by BF-ärendenummer).
SELECT b.arendenummer,
       EXISTS (SELECT 1 FROM shis_placering p WHERE p.bf_arendenummer = b.arendenummer)
  FROM bf_formedling b JOIN ref_bf_boendeform f ON f.label = b.boendeform
 WHERE f.kategori = 'Genomgångsbostad' AND b.kontraktsdatum BETWEEN :from AND :through
 ORDER BY b.kontraktsdatum, b.arendenummer;

-- name: via_bf
-- SHIS's placements via Bostadsförmedlingen that moved in during the period,
-- and what stands behind each: 0 a förmedlad genomgångsbostad, 1 no
-- BF-ärendenummer, 2 no such offer loaded, 3 an offer of another kind or
-- one without a contract.  Visits a row of bf_formedling for each such
-- placement, by its key: a few of SHIS's placements a month, never the
-- offers of a period.
SELECT p.placeringsid, p.bf_arendenummer,
       CASE WHEN p.bf_arendenummer IS NULL THEN 1
            WHEN b.arendenummer IS NULL THEN 2
            WHEN f.kategori <> 'Genomgångsbostad' OR b.kontraktsdatum IS NULL THEN 3
            ELSE 0 END
  FROM shis_placering p
  LEFT JOIN bf_formedling b ON b.arendenummer = p.bf_arendenummer
  LEFT JOIN ref_bf_boendeform f ON f.label = b.boendeform
 WHERE p.bestand = 'Bostadsförmedlingen' AND p.inflyttningsdatum BETWEEN :from AND :through
 ORDER BY p.inflyttningsdatum, p.placeringsid;

-- name: moveouts
-- Every move-out that can make a return in the period's move-ins (read by
-- "placements"): a move-out of the same household from twelve months
-- before the move-in up to, not including, it (a move out and in on the
-- same day is a change of flat).  From twelve months
-- before its first day (date(…, '-12 months') never decreases with the day)
-- up to its last.  One range of the index by move-out day, which carries
-- the pseudonym and the placement.
SELECT pseudonym, utflyttningsdatum, placeringsid
  FROM shis_placering
 WHERE utflyttningsdatum >= date(:from, '-12 months') AND utflyttningsdatum < :through
   AND pseudonym IS NOT NULL;

-- name: placering_files
-- The ids from the covering index by Inflyttningsdatum, then their names:
-- a join would sort every placement of the period for DISTINCT.
SELECT DISTINCT s.name
  FROM source_file s
 WHERE s.id IN (SELECT source_file_id FROM shis_placering
                 WHERE inflyttningsdatum BETWEEN :from AND :through)
 ORDER BY s.name;

-- name: bestand_files
SELECT DISTINCT s.name
  FROM shis_bestand b JOIN source_file s ON s.id = b.source_file_id
 WHERE b.manad BETWEEN :first AND :last
 ORDER BY s.name;

-- name: genomgang_files
SELECT DISTINCT s.name
  FROM bf_formedling b
  JOIN ref_bf_boendeform f ON f.label = b.boendeform
  JOIN source_file s ON s.id = b.source_file_id
 WHERE f.kategori = 'Genomgångsbostad' AND b.kontraktsdatum BETWEEN :from AND :through
 ORDER BY s.name;
