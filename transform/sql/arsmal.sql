-- arsmal.sql: the årsmål report.  A förmedlad lägenhet is a bf_formedling
-- row with a Kontraktsdatum, counted on that date (EXPORTS.md section 2).
-- Periods are bound as ISO dates :from and :through, both inclusive.

-- name: layout
-- The rows of Tabell 1: label, whether it counts every boendeform, and
-- whether it is the årsmål category of some boendeform.
SELECT k.label, k.alla,
       EXISTS (SELECT 1 FROM ref_bf_boendeform f WHERE f.kategori = k.label)
  FROM ref_arsmal_kategori k
 ORDER BY k.sort;

-- name: per_form
-- Förmedlade per boendeform in the period, with the form's årsmål category and Tabell 1 row.
-- A boendeform with none is not returned (its count is 0).
SELECT f.label, f.kategori, f.rad, count(*)
  FROM bf_formedling b JOIN ref_bf_boendeform f ON f.label = b.boendeform
 WHERE b.kontraktsdatum BETWEEN :from AND :through
 GROUP BY f.label
 ORDER BY min(f.sort);

-- name: targets
SELECT kategori, mal FROM arsmal WHERE ar = :year;

-- name: per_month
-- Förmedlade per month (1..12) and category.
SELECT CAST(substr(b.kontraktsdatum, 6, 2) AS INTEGER), f.kategori, count(*)
  FROM bf_formedling b JOIN ref_bf_boendeform f ON f.label = b.boendeform
 WHERE b.kontraktsdatum BETWEEN :from AND :through
 GROUP BY 1, 2;

-- name: per_bestallare
SELECT b.bestallare, f.kategori, count(*)
  FROM bf_formedling b
  JOIN ref_bf_boendeform f ON f.label = b.boendeform
  JOIN ref_organisation o ON o.label = b.bestallare
 WHERE b.kontraktsdatum BETWEEN :from AND :through
 GROUP BY 1, 2
 ORDER BY o.sort;

-- name: per_hyresvard
SELECT b.hyresvard, f.kategori, count(*)
  FROM bf_formedling b JOIN ref_bf_boendeform f ON f.label = b.boendeform
 WHERE b.kontraktsdatum BETWEEN :from AND :through
 GROUP BY 1, 2
 ORDER BY b.hyresvard;

-- name: answers
-- Offers made in the period by boendeform and answer.
SELECT b.boendeform, b.svar, count(*)
  FROM bf_formedling b JOIN ref_bf_boendeform f ON f.label = b.boendeform
 WHERE b.erbjudandedatum BETWEEN :from AND :through
 GROUP BY 1, 2
 ORDER BY f.sort;

-- name: nej_orsak
SELECT b.nej_orsak, f.kategori, count(*)
  FROM bf_formedling b
  JOIN ref_bf_boendeform f ON f.label = b.boendeform
  JOIN ref_nej_orsak n ON n.label = b.nej_orsak
 WHERE b.svar = 'Nej' AND b.erbjudandedatum BETWEEN :from AND :through
 GROUP BY 1, 2
 ORDER BY n.sort;

-- name: answers_per_bestallare
SELECT b.bestallare, b.svar, count(*)
  FROM bf_formedling b JOIN ref_organisation o ON o.label = b.bestallare
 WHERE b.erbjudandedatum BETWEEN :from AND :through
 GROUP BY 1, 2
 ORDER BY o.sort;

-- name: underlag
-- Every förmedling counted, with the file and line it was loaded from.
SELECT b.arendenummer, b.kontraktsdatum, b.boendeform, b.bestallare, b.hyresvard,
       s.name, b.source_line
  FROM bf_formedling b JOIN source_file s ON s.id = b.source_file_id
 WHERE b.kontraktsdatum BETWEEN :from AND :through
 ORDER BY b.kontraktsdatum, b.arendenummer;

-- name: bf_files
-- The files behind the rows of the period, for the source line.
-- Two scans of covering indexes: an OR would visit every row behind them.
SELECT s.name
  FROM source_file s
 WHERE s.id IN (SELECT source_file_id FROM bf_formedling
                 WHERE erbjudandedatum BETWEEN :from AND :through
                UNION
                SELECT source_file_id FROM bf_formedling
                 WHERE kontraktsdatum BETWEEN :from AND :through)
 ORDER BY s.name;

-- name: target_files
SELECT DISTINCT s.name
  FROM arsmal a JOIN source_file s ON s.id = a.source_file_id
 WHERE a.ar = :year
 ORDER BY s.name;
