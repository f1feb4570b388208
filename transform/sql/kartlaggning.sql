-- kartlaggning.sql: the survey of families with children in insecure
-- housing (EXPORTS.md section 5).  One round is bound as :year and read
-- as one range of the table, which is kept in key order (WITHOUT ROWID,
-- migration 008); only `stadigvarande` reads
-- every round up to :year, because that is what it shows.

-- name: boendesituation
-- Tabell 2: households not newly arrived, by Boendesituation.
SELECT k.boendesituation, 'Antal', count(*)
  FROM kartlaggning k JOIN ref_boendesituation r ON r.label = k.boendesituation
 WHERE k.omgang = :year AND k.nyanland = 0
 GROUP BY k.boendesituation
 ORDER BY min(r.sort);

-- name: situations
-- The twelve labels of Tabell 2, in order.
SELECT label FROM ref_boendesituation ORDER BY sort;

-- name: stadigvarande
-- Per round up to :year: households not newly arrived, and of them those
-- in relatively stable housing.  Reads every such round.
SELECT k.omgang, max(k.omgang_manad), count(*), sum(r.stadigvarande)
  FROM kartlaggning k JOIN ref_boendesituation r ON r.label = k.boendesituation
 WHERE k.omgang <= :year AND k.nyanland = 0
 GROUP BY k.omgang
 ORDER BY k.omgang;

-- name: nyanlanda
-- The round's households, the newly arrived among them, and of those the
-- ones living in SHIS's housing (both SHIS labels).
SELECT count(*), coalesce(sum(k.nyanland), 0), coalesce(sum(k.nyanland * r.shis), 0)
  FROM kartlaggning k JOIN ref_boendesituation r ON r.label = k.boendesituation
 WHERE k.omgang = :year;

-- name: per_stadsdel
-- Households by reporting stadsdel and group.
SELECT k.stadsdel,
       CASE WHEN k.nyanland = 1 THEN 'Nyanlända'
            WHEN r.stadigvarande = 1 THEN 'Stadigvarande boende'
            ELSE 'Annat boende' END,
       count(*)
  FROM kartlaggning k
  JOIN ref_boendesituation r ON r.label = k.boendesituation
  JOIN ref_organisation o ON o.label = k.stadsdel
 WHERE k.omgang = :year
 GROUP BY 1, 2
 ORDER BY min(o.sort);

-- name: stadsdelar
-- The units that report to the survey: the stadsdelsnämnder and the förvaltning.
SELECT label FROM ref_organisation WHERE typ <> 'SHIS' ORDER BY sort;

-- name: per_orsak
-- Households by the reason for their situation (Orsak, optional) and group.
SELECT coalesce(k.orsak, 'Uppgift saknas'),
       CASE WHEN k.nyanland = 1 THEN 'Nyanlända'
            WHEN r.stadigvarande = 1 THEN 'Stadigvarande boende'
            ELSE 'Annat boende' END,
       count(*)
  FROM kartlaggning k
  JOIN ref_boendesituation r ON r.label = k.boendesituation
  LEFT JOIN ref_orsak o ON o.label = k.orsak
 WHERE k.omgang = :year
 GROUP BY 1, 2
 ORDER BY min(coalesce(o.sort, 1000));

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
