-- coverage.sql: which days the loaded exports of each kind cover, so that a
-- period they do not cover is refused by name rather than shown as zeros.
-- Each statement returns (first, last) as ISO dates or months, NULL when
-- nothing is loaded; every one is answered from an index's two ends.

-- name: bf-formedlingar
-- From the first offer to the last offer or contract.
SELECT (SELECT min(erbjudandedatum) FROM bf_formedling),
       max((SELECT max(erbjudandedatum) FROM bf_formedling),
           coalesce((SELECT max(kontraktsdatum) FROM bf_formedling
                      WHERE kontraktsdatum IS NOT NULL), ''));

-- name: shis-placeringar
SELECT (SELECT min(inflyttningsdatum) FROM shis_placering),
       (SELECT max(inflyttningsdatum) FROM shis_placering);

-- name: shis-bestand
-- Months, 'YYYY-MM'.
SELECT (SELECT min(manad) FROM shis_bestand), (SELECT max(manad) FROM shis_bestand);

-- name: rounds
-- The survey rounds loaded, for messages.  Reads every round's entries of
-- the primary key: only on the way to a refusal.
SELECT DISTINCT omgang FROM kartlaggning ORDER BY omgang;

-- name: round
-- One survey round: households, and the month it was held in (if given).
SELECT count(*), max(omgang_manad) FROM kartlaggning WHERE omgang = :year;

-- name: name
-- A name that belongs to the municipality (ref_name).
SELECT label FROM ref_name WHERE key = :key;
