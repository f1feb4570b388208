-- jamstalldhet.sql: the gender equality analysis.  The survey round is
-- bound as :year and read through the primary key; förmedlingar and SHIS
-- placements as the period :from – :through, through their date indexes.

-- name: hushallstyper
-- The household types of doc/exports.md section 9, in order.
SELECT label FROM ref_hushallstyp ORDER BY sort;

-- name: kon
-- The household types with one adult, and that adult's sex.
SELECT label, kon FROM ref_hushallstyp WHERE kon IS NOT NULL ORDER BY sort;

-- name: households
-- Every round's households not newly arrived up to :year, round by round
-- (key order), as the counts per round that the ingest keeps
-- (kartlaggning_omgang, migration 010): Hushållstyp, whether the housing
-- is relatively stable (asked of the year's round only), and how many.
-- The round's tables by Hushållstyp and by group, and the one over the
-- rounds, are all counted from this one pass (jamstalldhet.c).
SELECT o.omgang, o.hushallstyp,
       iif(o.omgang = :year,
           o.boendesituation IN (SELECT label FROM ref_boendesituation WHERE stadigvarande = 1), 0),
       o.antal
  FROM kartlaggning_omgang o
 WHERE o.omgang <= :year AND o.nyanland = 0;

-- name: rounds
-- The rounds up to :year: one seek of the index by round per round, from
-- each round to the next, rather than reading every household of them.
WITH RECURSIVE r(omgang) AS (
    SELECT min(omgang) FROM kartlaggning WHERE omgang <= :year
    UNION ALL
    SELECT (SELECT min(omgang) FROM kartlaggning WHERE omgang > r.omgang AND omgang <= :year)
      FROM r WHERE r.omgang IS NOT NULL)
SELECT omgang FROM r WHERE omgang IS NOT NULL ORDER BY omgang;

-- name: bf_boendeformer
SELECT label FROM ref_bf_boendeform ORDER BY sort;

-- name: utfall
-- How an arrangement can stand at the period's end: running, or ended in one of the groups.
SELECT 'Pågår'
UNION ALL
SELECT utfall FROM (SELECT utfall, min(sort) AS s FROM ref_avslutsorsak GROUP BY utfall ORDER BY s);

-- name: formedlade
-- Förmedlade lägenheter of the period: boendeform, Hushållstyp and how the
-- arrangement stood at :through (running, or ended in one of the groups).
-- One pass counts both tables of them (jamstalldhet.c).
SELECT b.boendeform, coalesce(b.hushallstyp, 'Uppgift saknas'),
       CASE WHEN b.avslutsdatum IS NULL OR b.avslutsdatum > :through THEN 'Pågår'
            ELSE a.utfall END
  FROM bf_formedling b LEFT JOIN ref_avslutsorsak a ON a.label = b.avslutsorsak
 WHERE b.kontraktsdatum BETWEEN :from AND :through;

-- name: shis_boendeformer
SELECT label FROM ref_shis_boendeform ORDER BY sort;

-- name: shis
-- Households that moved into SHIS's housing in the period, by boendeform and Hushållstyp.
SELECT p.boendeform, coalesce(p.hushallstyp, 'Uppgift saknas'), count(*)
  FROM shis_placering p
 WHERE p.inflyttningsdatum BETWEEN :from AND :through
 GROUP BY 1, 2;

-- name: bf_files
-- Read from the covering index by Kontraktsdatum alone.
SELECT s.name
  FROM source_file s
 WHERE s.id IN (SELECT source_file_id FROM bf_formedling
                 WHERE kontraktsdatum BETWEEN :from AND :through)
 ORDER BY s.name;

-- name: shis_files
-- The ids from the covering index by Inflyttningsdatum, then their names:
-- a join would sort every placement of the period for DISTINCT.
SELECT DISTINCT s.name
  FROM source_file s
 WHERE s.id IN (SELECT source_file_id FROM shis_placering
                 WHERE inflyttningsdatum BETWEEN :from AND :through)
 ORDER BY s.name;

-- The rows each count of the protected tables counted, one row each, for
-- the audit of a series of publications (table_units): only when
-- publications are registered, so that the counting statements stay as
-- they are.

-- name: households_units
-- The year's round's households not newly arrived: group, Hushållstyp, Hushållsid.
SELECT iif(k.boendesituation IN (SELECT label FROM ref_boendesituation WHERE stadigvarande = 1),
           'Stadigvarande boende', 'Annat boende'),
       k.hushallstyp, k.hushallsid
  FROM kartlaggning k
 WHERE k.omgang = :year AND k.nyanland = 0;

-- name: formedlade_units
-- As "formedlade", with each förmedling's Ärendenummer.
SELECT b.boendeform, coalesce(b.hushallstyp, 'Uppgift saknas'),
       CASE WHEN b.avslutsdatum IS NULL OR b.avslutsdatum > :through THEN 'Pågår'
            ELSE a.utfall END,
       b.arendenummer
  FROM bf_formedling b LEFT JOIN ref_avslutsorsak a ON a.label = b.avslutsorsak
 WHERE b.kontraktsdatum BETWEEN :from AND :through;

-- name: shis_units
-- As "shis", one row per placement with its Placeringsid.
SELECT p.boendeform, coalesce(p.hushallstyp, 'Uppgift saknas'), p.placeringsid
  FROM shis_placering p
 WHERE p.inflyttningsdatum BETWEEN :from AND :through;
