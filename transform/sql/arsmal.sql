-- arsmal.sql: the årsmål report.  A förmedlad lägenhet is a bf_formedling
-- row with a Kontraktsdatum, counted on that date (doc/exports.md section 2).
-- Periods are bound as ISO dates :from and :through, both inclusive.

-- name: layout
-- The rows of Tabell 1: label, whether it counts every boendeform, and
-- whether it is the årsmål category of some boendeform.
SELECT k.label, k.alla,
       EXISTS (SELECT 1 FROM ref_bf_boendeform f WHERE f.kategori = k.label)
  FROM ref_arsmal_kategori k
 ORDER BY k.sort;

-- name: per_form
-- The boendeform of each förmedlad in the period, from the covering index by
-- Kontraktsdatum, counted per form in arsmal_pass.c (a GROUP BY would sort
-- them first).
SELECT b.boendeform
  FROM bf_formedling b
 WHERE b.kontraktsdatum BETWEEN :from AND :through;

-- name: targets
SELECT kategori, mal FROM arsmal WHERE ar = :year;

-- name: forms
-- Each boendeform with its sort order, årsmål category and Tabell 1 row.
SELECT label, sort, kategori, rad FROM ref_bf_boendeform;

-- name: organisations
SELECT label, sort FROM ref_organisation;

-- name: nej_orsaker
SELECT label, sort FROM ref_nej_orsak;

-- name: contracts
-- Every förmedling counted in the period (a contract signed in it), with
-- the file and line it was loaded from, in the order of the underlag.  One
-- pass counts every table of the förmedlade from it: the rows must be read
-- for Hyresvärd and the underlag anyway, and a GROUP BY per table would
-- read and sort them again each time.
-- Hyresvärd is found in the index by Erbjudandedatum, by the contract's
-- offer (migration 015): a seek per contract, near the last one.  Named,
-- because SQLite would take the key's index and visit the table (the
-- temp tables of --as-of get the same index, asof.sql).
SELECT b.kontraktsdatum, b.boendeform, b.bestallare,
       (SELECT o.hyresvard FROM bf_formedling o INDEXED BY bf_formedling_erbjudande
         WHERE o.erbjudandedatum = b.erbjudandedatum AND o.arendenummer = b.arendenummer),
       b.arendenummer, b.source_file_id, b.source_line
  FROM bf_formedling b
 WHERE b.kontraktsdatum BETWEEN :from AND :through
 ORDER BY b.kontraktsdatum, b.arendenummer;

-- name: offers
-- Every offer made in the period: one pass of the covering index by
-- Erbjudandedatum counts the answers, the Nej-orsaker and the answers per
-- beställare.
SELECT b.boendeform, b.svar, b.bestallare, b.nej_orsak, b.source_file_id
  FROM bf_formedling b
 WHERE b.erbjudandedatum BETWEEN :from AND :through;

-- name: offers_units
-- "offers" with each offer's Ärendenummer, for the audit of a series of
-- publications (table_units): only when publications are registered, so
-- that "offers" stays within its covering index.
SELECT b.boendeform, b.svar, b.bestallare, b.nej_orsak, b.source_file_id, b.arendenummer
  FROM bf_formedling b
 WHERE b.erbjudandedatum BETWEEN :from AND :through;

-- name: file_name
SELECT name FROM source_file WHERE id = :id;

-- name: target_files
SELECT DISTINCT s.name
  FROM arsmal a JOIN source_file s ON s.id = a.source_file_id
 WHERE a.ar = :year
 ORDER BY s.name;
