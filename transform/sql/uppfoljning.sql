-- uppfoljning.sql: the follow-up and compliance report.  An arrangement is
-- a förmedling with a Kontraktsdatum; it runs from that date until its
-- Avslutsdatum.  :from and :through bound the period (ISO dates, inclusive);
-- "at the date" means on :through.

-- name: bestallare
SELECT label FROM ref_organisation ORDER BY sort;

-- name: boendeformer
SELECT label FROM ref_bf_boendeform ORDER BY sort;

-- name: avslutsorsaker
SELECT label FROM ref_avslutsorsak ORDER BY sort;

-- name: overtaget
-- The Avslutsorsak that means the tenant took the contract over.
SELECT label FROM ref_avslutsorsak WHERE utfall = 'Övertaget av hyresgästen';

-- name: pagaende
-- Arrangements running on :through, by beställare and boendeform.
SELECT bestallare, boendeform, count(*)
  FROM bf_formedling
 WHERE kontraktsdatum <= :through AND (avslutsdatum IS NULL OR avslutsdatum > :through)
 GROUP BY 1, 2;

-- name: avslutade
-- Arrangements that ended in the period, by Avslutsorsak and boendeform.
SELECT avslutsorsak, boendeform, count(*)
  FROM bf_formedling
 WHERE avslutsdatum BETWEEN :from AND :through
 GROUP BY 1, 2;

-- name: tid
-- Every arrangement with a contract signed by :through: its contract year,
-- the days to the takeover when the tenant had taken it over by :through
-- (NULL otherwise), and whether that was within 1, 2 and 3 years.
SELECT CAST(substr(b.kontraktsdatum, 1, 4) AS INTEGER),
       CASE WHEN a.utfall = 'Övertaget av hyresgästen' AND b.avslutsdatum <= :through
            THEN julianday(b.avslutsdatum) - julianday(b.kontraktsdatum) END,
       a.utfall = 'Övertaget av hyresgästen' AND b.avslutsdatum <= date(b.kontraktsdatum, '+1 years'),
       a.utfall = 'Övertaget av hyresgästen' AND b.avslutsdatum <= date(b.kontraktsdatum, '+2 years'),
       a.utfall = 'Övertaget av hyresgästen' AND b.avslutsdatum <= date(b.kontraktsdatum, '+3 years')
  FROM bf_formedling b LEFT JOIN ref_avslutsorsak a ON a.label = b.avslutsorsak
 WHERE b.kontraktsdatum <= :through
 ORDER BY 1, 2;

-- name: forsok_over_tre_ar
-- Försökslägenheter running on :through whose contract is more than three years old.
SELECT arendenummer, bestallare
  FROM bf_formedling
 WHERE boendeform = 'Försökslägenhet' AND kontraktsdatum < date(:through, '-3 years')
   AND (avslutsdatum IS NULL OR avslutsdatum > :through)
 ORDER BY kontraktsdatum, arendenummer;

-- name: utan_kontrollstation
-- Arrangements running on :through, more than a year old, with no Kontrollstation held by then.
SELECT arendenummer, bestallare
  FROM bf_formedling
 WHERE kontraktsdatum < date(:through, '-1 years')
   AND (avslutsdatum IS NULL OR avslutsdatum > :through)
   AND (kontrollstation IS NULL OR kontrollstation > :through)
 ORDER BY kontraktsdatum, arendenummer;

-- name: formedlade
-- Förmedlade in the period.
SELECT count(*) FROM bf_formedling WHERE kontraktsdatum BETWEEN :from AND :through;

-- name: mal
-- The year's total target, if the council set one.
SELECT mal FROM arsmal WHERE ar = :year AND kategori = 'Totalt';

-- name: belaggning
-- SHIS's apartments and occupied ones at the end of :manad (NULL when not loaded).
SELECT sum(lagenheter), sum(belagda), count(*) FROM shis_bestand WHERE manad = :manad;

-- name: inflyttade
SELECT count(*) FROM shis_placering WHERE inflyttningsdatum BETWEEN :from AND :through;

-- name: kartlaggning
-- The latest survey round up to :year: its year, households not newly
-- arrived, and how many of them lived in stadigvarande boende.
SELECT k.omgang, count(*), sum(s.stadigvarande)
  FROM kartlaggning k JOIN ref_boendesituation s ON s.label = k.boendesituation
 WHERE k.omgang = (SELECT max(omgang) FROM kartlaggning WHERE omgang <= :year)
   AND k.nyanland = 0
 GROUP BY k.omgang;

-- name: bf_files
-- The files behind the arrangements the report counts: signed by :through
-- and running into the period or ended in it.
-- Read from the covering index by Kontraktsdatum alone.
SELECT s.name
  FROM source_file s
 WHERE s.id IN (SELECT source_file_id FROM bf_formedling
                 WHERE kontraktsdatum <= :through AND (avslutsdatum IS NULL OR avslutsdatum >= :from))
 ORDER BY s.name;

-- name: tid_files
SELECT s.name
  FROM source_file s
 WHERE s.id IN (SELECT source_file_id FROM bf_formedling WHERE kontraktsdatum <= :through)
 ORDER BY s.name;

-- name: mal_files
SELECT DISTINCT s.name
  FROM arsmal a JOIN source_file s ON s.id = a.source_file_id
 WHERE a.ar = :year AND a.kategori = 'Totalt'
 ORDER BY s.name;

-- name: shis_files
-- SHIS's files behind the key figures: the stock of :manad and the placements of the period.
SELECT s.name
  FROM shis_bestand b JOIN source_file s ON s.id = b.source_file_id
 WHERE b.manad = :manad
UNION
SELECT s.name
  FROM shis_placering p JOIN source_file s ON s.id = p.source_file_id
 WHERE p.inflyttningsdatum BETWEEN :from AND :through
 ORDER BY 1;

-- name: kartlaggning_files
SELECT DISTINCT s.name
  FROM kartlaggning k JOIN source_file s ON s.id = k.source_file_id
 WHERE k.omgang = (SELECT max(omgang) FROM kartlaggning WHERE omgang <= :year)
 ORDER BY s.name;

-- name: last_date
-- The last day Bostadsförmedlingen's exports say anything about: an offer,
-- a contract or an arrangement's end (each from its index's end).
SELECT max(coalesce((SELECT max(erbjudandedatum) FROM bf_formedling), ''),
           coalesce((SELECT max(kontraktsdatum) FROM bf_formedling
                      WHERE kontraktsdatum IS NOT NULL), ''),
           coalesce((SELECT max(avslutsdatum) FROM bf_formedling
                      WHERE avslutsdatum IS NOT NULL), ''));
