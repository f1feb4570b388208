-- changes.sql: the rows that differ between two moments (--compare).
--
-- A moment is "right after file :c" (asof.sql): a current row brought by a
-- file up to :c, or a version brought by a file up to :c and replaced
-- after it.  Each statement takes the rows of moment :c2 (after), looks up
-- each key's row at moment :c1 (before: the current row m if its file is
-- up to :c1, else the one version v of that moment), and returns the rows
-- added or changed: the key, the file that brought the later row, whether
-- it is new, then each column before and after, in the order of
-- transform/changes.c's column lists.  Reads the main tables by name, past
-- the TEMP tables of --as-of.

-- name: bf_formedling
-- Reads every row of bf_formedling and its versions up to :c2.
WITH b AS (
    SELECT arendenummer, erbjudandedatum, boendeform, bestallare, hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak, kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum, avslutsorsak, pseudonym, source_file_id FROM main.bf_formedling WHERE source_file_id <= :c2
    UNION ALL
    SELECT arendenummer, erbjudandedatum, boendeform, bestallare, hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak, kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum, avslutsorsak, pseudonym, source_file_id FROM main.bf_formedling_version
     WHERE source_file_id <= :c2 AND replaced_by_file_id > :c2)
SELECT b.arendenummer, f.name, coalesce(m.source_file_id, v.source_file_id) IS NULL,
       iif(m.source_file_id IS NOT NULL, m.erbjudandedatum, v.erbjudandedatum), b.erbjudandedatum,
       iif(m.source_file_id IS NOT NULL, m.boendeform, v.boendeform), b.boendeform,
       iif(m.source_file_id IS NOT NULL, m.bestallare, v.bestallare), b.bestallare,
       iif(m.source_file_id IS NOT NULL, m.hyresvard, v.hyresvard), b.hyresvard,
       iif(m.source_file_id IS NOT NULL, m.stadsdelsomrade, v.stadsdelsomrade), b.stadsdelsomrade,
       iif(m.source_file_id IS NOT NULL, m.antal_rum, v.antal_rum), b.antal_rum,
       iif(m.source_file_id IS NOT NULL, m.yta, v.yta), b.yta,
       iif(m.source_file_id IS NOT NULL, m.hyra, v.hyra), b.hyra,
       iif(m.source_file_id IS NOT NULL, m.svar, v.svar), b.svar,
       iif(m.source_file_id IS NOT NULL, m.svarsdatum, v.svarsdatum), b.svarsdatum,
       iif(m.source_file_id IS NOT NULL, m.nej_orsak, v.nej_orsak), b.nej_orsak,
       iif(m.source_file_id IS NOT NULL, m.kontraktsdatum, v.kontraktsdatum), b.kontraktsdatum,
       iif(m.source_file_id IS NOT NULL, m.hushallstyp, v.hushallstyp), b.hushallstyp,
       iif(m.source_file_id IS NOT NULL, m.antal_barn, v.antal_barn), b.antal_barn,
       iif(m.source_file_id IS NOT NULL, m.kontrollstation, v.kontrollstation), b.kontrollstation,
       iif(m.source_file_id IS NOT NULL, m.avslutsdatum, v.avslutsdatum), b.avslutsdatum,
       iif(m.source_file_id IS NOT NULL, m.avslutsorsak, v.avslutsorsak), b.avslutsorsak,
       iif(m.source_file_id IS NOT NULL, m.pseudonym, v.pseudonym), b.pseudonym
  FROM b
  LEFT JOIN main.bf_formedling m ON m.arendenummer = b.arendenummer AND m.source_file_id <= :c1
  LEFT JOIN main.bf_formedling_version v ON v.arendenummer = b.arendenummer AND v.source_file_id <= :c1
        AND v.replaced_by_file_id > :c1
  JOIN main.source_file f ON f.id = b.source_file_id
 WHERE coalesce(m.source_file_id, v.source_file_id) IS NULL
    OR (b.source_file_id <> coalesce(m.source_file_id, v.source_file_id)
        AND (iif(m.source_file_id IS NOT NULL, m.erbjudandedatum, v.erbjudandedatum) IS NOT b.erbjudandedatum
        OR iif(m.source_file_id IS NOT NULL, m.boendeform, v.boendeform) IS NOT b.boendeform
        OR iif(m.source_file_id IS NOT NULL, m.bestallare, v.bestallare) IS NOT b.bestallare
        OR iif(m.source_file_id IS NOT NULL, m.hyresvard, v.hyresvard) IS NOT b.hyresvard
        OR iif(m.source_file_id IS NOT NULL, m.stadsdelsomrade, v.stadsdelsomrade) IS NOT b.stadsdelsomrade
        OR iif(m.source_file_id IS NOT NULL, m.antal_rum, v.antal_rum) IS NOT b.antal_rum
        OR iif(m.source_file_id IS NOT NULL, m.yta, v.yta) IS NOT b.yta
        OR iif(m.source_file_id IS NOT NULL, m.hyra, v.hyra) IS NOT b.hyra
        OR iif(m.source_file_id IS NOT NULL, m.svar, v.svar) IS NOT b.svar
        OR iif(m.source_file_id IS NOT NULL, m.svarsdatum, v.svarsdatum) IS NOT b.svarsdatum
        OR iif(m.source_file_id IS NOT NULL, m.nej_orsak, v.nej_orsak) IS NOT b.nej_orsak
        OR iif(m.source_file_id IS NOT NULL, m.kontraktsdatum, v.kontraktsdatum) IS NOT b.kontraktsdatum
        OR iif(m.source_file_id IS NOT NULL, m.hushallstyp, v.hushallstyp) IS NOT b.hushallstyp
        OR iif(m.source_file_id IS NOT NULL, m.antal_barn, v.antal_barn) IS NOT b.antal_barn
        OR iif(m.source_file_id IS NOT NULL, m.kontrollstation, v.kontrollstation) IS NOT b.kontrollstation
        OR iif(m.source_file_id IS NOT NULL, m.avslutsdatum, v.avslutsdatum) IS NOT b.avslutsdatum
        OR iif(m.source_file_id IS NOT NULL, m.avslutsorsak, v.avslutsorsak) IS NOT b.avslutsorsak
        OR iif(m.source_file_id IS NOT NULL, m.pseudonym, v.pseudonym) IS NOT b.pseudonym))
 ORDER BY 1;

-- name: shis_placering
-- Reads every row of shis_placering and its versions up to :c2.
WITH b AS (
    SELECT placeringsid, inflyttningsdatum, utflyttningsdatum, boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn, bf_arendenummer, pseudonym, source_file_id FROM main.shis_placering WHERE source_file_id <= :c2
    UNION ALL
    SELECT placeringsid, inflyttningsdatum, utflyttningsdatum, boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn, bf_arendenummer, pseudonym, source_file_id FROM main.shis_placering_version
     WHERE source_file_id <= :c2 AND replaced_by_file_id > :c2)
SELECT b.placeringsid, f.name, coalesce(m.source_file_id, v.source_file_id) IS NULL,
       iif(m.source_file_id IS NOT NULL, m.inflyttningsdatum, v.inflyttningsdatum), b.inflyttningsdatum,
       iif(m.source_file_id IS NOT NULL, m.utflyttningsdatum, v.utflyttningsdatum), b.utflyttningsdatum,
       iif(m.source_file_id IS NOT NULL, m.boendeform, v.boendeform), b.boendeform,
       iif(m.source_file_id IS NOT NULL, m.bestand, v.bestand), b.bestand,
       iif(m.source_file_id IS NOT NULL, m.remitterande_stadsdel, v.remitterande_stadsdel), b.remitterande_stadsdel,
       iif(m.source_file_id IS NOT NULL, m.hushallstyp, v.hushallstyp), b.hushallstyp,
       iif(m.source_file_id IS NOT NULL, m.antal_barn, v.antal_barn), b.antal_barn,
       iif(m.source_file_id IS NOT NULL, m.bf_arendenummer, v.bf_arendenummer), b.bf_arendenummer,
       iif(m.source_file_id IS NOT NULL, m.pseudonym, v.pseudonym), b.pseudonym
  FROM b
  LEFT JOIN main.shis_placering m ON m.placeringsid = b.placeringsid AND m.source_file_id <= :c1
  LEFT JOIN main.shis_placering_version v ON v.placeringsid = b.placeringsid AND v.source_file_id <= :c1
        AND v.replaced_by_file_id > :c1
  JOIN main.source_file f ON f.id = b.source_file_id
 WHERE coalesce(m.source_file_id, v.source_file_id) IS NULL
    OR (b.source_file_id <> coalesce(m.source_file_id, v.source_file_id)
        AND (iif(m.source_file_id IS NOT NULL, m.inflyttningsdatum, v.inflyttningsdatum) IS NOT b.inflyttningsdatum
        OR iif(m.source_file_id IS NOT NULL, m.utflyttningsdatum, v.utflyttningsdatum) IS NOT b.utflyttningsdatum
        OR iif(m.source_file_id IS NOT NULL, m.boendeform, v.boendeform) IS NOT b.boendeform
        OR iif(m.source_file_id IS NOT NULL, m.bestand, v.bestand) IS NOT b.bestand
        OR iif(m.source_file_id IS NOT NULL, m.remitterande_stadsdel, v.remitterande_stadsdel) IS NOT b.remitterande_stadsdel
        OR iif(m.source_file_id IS NOT NULL, m.hushallstyp, v.hushallstyp) IS NOT b.hushallstyp
        OR iif(m.source_file_id IS NOT NULL, m.antal_barn, v.antal_barn) IS NOT b.antal_barn
        OR iif(m.source_file_id IS NOT NULL, m.bf_arendenummer, v.bf_arendenummer) IS NOT b.bf_arendenummer
        OR iif(m.source_file_id IS NOT NULL, m.pseudonym, v.pseudonym) IS NOT b.pseudonym))
 ORDER BY 1;

-- name: shis_bestand
-- Reads every row of shis_bestand and its versions up to :c2.
WITH b AS (
    SELECT manad, boendeform, lagenheter, belagda, tomstallda, vantande_hushall, source_file_id FROM main.shis_bestand WHERE source_file_id <= :c2
    UNION ALL
    SELECT manad, boendeform, lagenheter, belagda, tomstallda, vantande_hushall, source_file_id FROM main.shis_bestand_version
     WHERE source_file_id <= :c2 AND replaced_by_file_id > :c2)
SELECT b.manad || ' ' || b.boendeform, f.name, coalesce(m.source_file_id, v.source_file_id) IS NULL,
       iif(m.source_file_id IS NOT NULL, m.lagenheter, v.lagenheter), b.lagenheter,
       iif(m.source_file_id IS NOT NULL, m.belagda, v.belagda), b.belagda,
       iif(m.source_file_id IS NOT NULL, m.tomstallda, v.tomstallda), b.tomstallda,
       iif(m.source_file_id IS NOT NULL, m.vantande_hushall, v.vantande_hushall), b.vantande_hushall
  FROM b
  LEFT JOIN main.shis_bestand m ON m.manad = b.manad AND m.boendeform = b.boendeform AND m.source_file_id <= :c1
  LEFT JOIN main.shis_bestand_version v ON v.manad = b.manad AND v.boendeform = b.boendeform AND v.source_file_id <= :c1
        AND v.replaced_by_file_id > :c1
  JOIN main.source_file f ON f.id = b.source_file_id
 WHERE coalesce(m.source_file_id, v.source_file_id) IS NULL
    OR (b.source_file_id <> coalesce(m.source_file_id, v.source_file_id)
        AND (iif(m.source_file_id IS NOT NULL, m.lagenheter, v.lagenheter) IS NOT b.lagenheter
        OR iif(m.source_file_id IS NOT NULL, m.belagda, v.belagda) IS NOT b.belagda
        OR iif(m.source_file_id IS NOT NULL, m.tomstallda, v.tomstallda) IS NOT b.tomstallda
        OR iif(m.source_file_id IS NOT NULL, m.vantande_hushall, v.vantande_hushall) IS NOT b.vantande_hushall))
 ORDER BY 1;

-- name: kartlaggning
-- Reads every row of kartlaggning and its versions up to :c2.
WITH b AS (
    SELECT omgang, hushallsid, omgang_manad, stadsdel, hushallstyp, antal_barn, nyanland, boendesituation, orsak, pseudonym, source_file_id FROM main.kartlaggning WHERE source_file_id <= :c2
    UNION ALL
    SELECT omgang, hushallsid, omgang_manad, stadsdel, hushallstyp, antal_barn, nyanland, boendesituation, orsak, pseudonym, source_file_id FROM main.kartlaggning_version
     WHERE source_file_id <= :c2 AND replaced_by_file_id > :c2)
SELECT b.omgang || ' ' || b.hushallsid, f.name, coalesce(m.source_file_id, v.source_file_id) IS NULL,
       iif(m.source_file_id IS NOT NULL, m.omgang_manad, v.omgang_manad), b.omgang_manad,
       iif(m.source_file_id IS NOT NULL, m.stadsdel, v.stadsdel), b.stadsdel,
       iif(m.source_file_id IS NOT NULL, m.hushallstyp, v.hushallstyp), b.hushallstyp,
       iif(m.source_file_id IS NOT NULL, m.antal_barn, v.antal_barn), b.antal_barn,
       iif(m.source_file_id IS NOT NULL, m.nyanland, v.nyanland), b.nyanland,
       iif(m.source_file_id IS NOT NULL, m.boendesituation, v.boendesituation), b.boendesituation,
       iif(m.source_file_id IS NOT NULL, m.orsak, v.orsak), b.orsak,
       iif(m.source_file_id IS NOT NULL, m.pseudonym, v.pseudonym), b.pseudonym
  FROM b
  LEFT JOIN main.kartlaggning m ON m.omgang = b.omgang AND m.hushallsid = b.hushallsid AND m.source_file_id <= :c1
  LEFT JOIN main.kartlaggning_version v ON v.omgang = b.omgang AND v.hushallsid = b.hushallsid AND v.source_file_id <= :c1
        AND v.replaced_by_file_id > :c1
  JOIN main.source_file f ON f.id = b.source_file_id
 WHERE coalesce(m.source_file_id, v.source_file_id) IS NULL
    OR (b.source_file_id <> coalesce(m.source_file_id, v.source_file_id)
        AND (iif(m.source_file_id IS NOT NULL, m.omgang_manad, v.omgang_manad) IS NOT b.omgang_manad
        OR iif(m.source_file_id IS NOT NULL, m.stadsdel, v.stadsdel) IS NOT b.stadsdel
        OR iif(m.source_file_id IS NOT NULL, m.hushallstyp, v.hushallstyp) IS NOT b.hushallstyp
        OR iif(m.source_file_id IS NOT NULL, m.antal_barn, v.antal_barn) IS NOT b.antal_barn
        OR iif(m.source_file_id IS NOT NULL, m.nyanland, v.nyanland) IS NOT b.nyanland
        OR iif(m.source_file_id IS NOT NULL, m.boendesituation, v.boendesituation) IS NOT b.boendesituation
        OR iif(m.source_file_id IS NOT NULL, m.orsak, v.orsak) IS NOT b.orsak
        OR iif(m.source_file_id IS NOT NULL, m.pseudonym, v.pseudonym) IS NOT b.pseudonym))
 ORDER BY 1;

-- name: arsmal
-- Reads every row of arsmal and its versions up to :c2.
WITH b AS (
    SELECT ar, kategori, mal, source_file_id FROM main.arsmal WHERE source_file_id <= :c2
    UNION ALL
    SELECT ar, kategori, mal, source_file_id FROM main.arsmal_version
     WHERE source_file_id <= :c2 AND replaced_by_file_id > :c2)
SELECT b.ar || ' ' || b.kategori, f.name, coalesce(m.source_file_id, v.source_file_id) IS NULL,
       iif(m.source_file_id IS NOT NULL, m.mal, v.mal), b.mal
  FROM b
  LEFT JOIN main.arsmal m ON m.ar = b.ar AND m.kategori = b.kategori AND m.source_file_id <= :c1
  LEFT JOIN main.arsmal_version v ON v.ar = b.ar AND v.kategori = b.kategori AND v.source_file_id <= :c1
        AND v.replaced_by_file_id > :c1
  JOIN main.source_file f ON f.id = b.source_file_id
 WHERE coalesce(m.source_file_id, v.source_file_id) IS NULL
    OR (b.source_file_id <> coalesce(m.source_file_id, v.source_file_id)
        AND (iif(m.source_file_id IS NOT NULL, m.mal, v.mal) IS NOT b.mal))
 ORDER BY 1;

-- name: now
-- The last file loaded.
SELECT ifnull(max(id), 0) FROM main.source_file;
