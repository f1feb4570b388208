-- kartlaggning.sql: the survey of families with children in insecure
-- housing (doc/exports.md section 5).  One round is bound as :year and read
-- as one range of the table, which is kept in key order (WITHOUT ROWID,
-- migration 008); only `stadigvarande` reads
-- every round up to :year, because that is what it shows.

-- name: round
-- The round's households, once: Tabell 2, the newly arrived and the
-- tables by stadsdel and by orsak are all counted from this one range of
-- the table (kartlaggning.c), instead of one GROUP BY each.
SELECT k.stadsdel, k.nyanland, k.boendesituation, k.orsak
  FROM kartlaggning k
 WHERE k.omgang = :year;

-- name: round_units
-- As "round", with each household's Hushållsid, for the audit of a series
-- of publications (table_units): only when publications are registered.
SELECT k.stadsdel, k.nyanland, k.boendesituation, k.orsak, k.hushallsid
  FROM kartlaggning k
 WHERE k.omgang = :year;

-- name: situation_sort
SELECT label, sort FROM ref_boendesituation;

-- name: situation_flags
-- What a Boendesituation is: 1 relatively stable housing, 2 SHIS's housing (bits).
SELECT label, stadigvarande + 2 * shis FROM ref_boendesituation;

-- name: stadsdel_sort
SELECT label, sort FROM ref_organisation;

-- name: orsak_sort
-- The orsaker in order, and a household without one last ('Uppgift saknas').
SELECT label, sort FROM ref_orsak
UNION ALL
SELECT 'Uppgift saknas', 1000 WHERE NOT EXISTS (SELECT 1 FROM ref_orsak WHERE label = 'Uppgift saknas');

-- name: situations
-- The twelve labels of Tabell 2, in order.
SELECT label FROM ref_boendesituation ORDER BY sort;

-- name: stadigvarande
-- Per round up to :year: households not newly arrived, and of them those
-- in relatively stable housing.  From the counts per round that the ingest
-- keeps (kartlaggning_omgang, migration 010), a few hundred rows a round,
-- not from every household of every round.
SELECT o.omgang, sum(o.antal),
       sum(o.antal * (o.boendesituation IN (SELECT label FROM ref_boendesituation
                                             WHERE stadigvarande = 1)))
  FROM kartlaggning_omgang o
 WHERE o.omgang <= :year AND o.nyanland = 0
 GROUP BY o.omgang
 ORDER BY o.omgang;

-- name: stadsdelar
-- The units that report to the survey: the stadsdelsnämnder and the förvaltning.
SELECT label FROM ref_organisation WHERE typ <> 'SHIS' ORDER BY sort;

-- name: orsaker
SELECT label FROM ref_orsak ORDER BY sort;

-- name: files
-- The files behind the round :year, or (:all = 1) every round up to it.
SELECT DISTINCT s.name
  FROM source_file s
 WHERE s.kind = 'kartlaggning'
   AND EXISTS (SELECT 1 FROM kartlaggning k
                WHERE k.source_file_id = s.id
                  AND k.omgang BETWEEN iif(:all = 1, 0, :year) AND :year)
 ORDER BY s.name;
