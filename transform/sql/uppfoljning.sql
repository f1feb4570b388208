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
-- The Avslutsorsaker that mean the tenant took the contract over.
SELECT label FROM ref_avslutsorsak WHERE utfall = 'Övertaget av hyresgästen' ORDER BY sort;

-- name: bounds
-- The days the case officers' lists count from: contracts signed before
-- the first were signed more than three years before :through, before the
-- second more than a year (SQLite's own date arithmetic, so 29 February
-- goes as it always has); and the boendeform whose trial should end after
-- three years.
SELECT date(:through, '-3 years'), date(:through, '-1 years'), 'Försökslägenhet';

-- name: contracts
-- Every contract signed by :through, in the order of the index by
-- Kontraktsdatum (so no sort), read from that index alone: one pass counts
-- the arrangements that run into the period or end in it (running on
-- :through, ended in the period, the lists, and their files) and the time
-- to takeover per contract year (uppfoljning.c).  The follow-up's answers
-- span every year, so it reads them all.
SELECT avslutsdatum, kontraktsdatum, boendeform, bestallare, avslutsorsak, kontrollstation,
       arendenummer, source_file_id
  FROM bf_formedling
 WHERE kontraktsdatum <= :through
 ORDER BY kontraktsdatum;

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
-- arrived, and how many of them lived in stadigvarande boende, from the
-- counts per round that the ingest keeps (kartlaggning_omgang).
SELECT o.omgang, sum(o.antal),
       sum(o.antal * (o.boendesituation IN (SELECT label FROM ref_boendesituation
                                             WHERE stadigvarande = 1)))
  FROM kartlaggning_omgang o
 WHERE o.omgang = (SELECT max(omgang) FROM kartlaggning_omgang WHERE omgang <= :year)
   AND o.nyanland = 0
 GROUP BY o.omgang;

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
  FROM source_file s
 WHERE s.id IN (SELECT source_file_id FROM shis_placering
                 WHERE inflyttningsdatum BETWEEN :from AND :through)
 ORDER BY 1;

-- name: kartlaggning_files
-- The files behind that round: one seek per survey file in the index by
-- (file, round), not a read of the round's households.
SELECT DISTINCT s.name
  FROM source_file s
 WHERE s.kind = 'kartlaggning'
   AND EXISTS (SELECT 1 FROM kartlaggning k
                WHERE k.source_file_id = s.id
                  AND k.omgang = (SELECT max(omgang) FROM kartlaggning WHERE omgang <= :year))
 ORDER BY s.name;

-- name: last_date
-- The last day Bostadsförmedlingen's exports say anything about, as far as
-- it can end the period :year_end closes: an offer or a contract (each
-- from its index's end), or an arrangement's end (one pass of the index by
-- Kontraktsdatum, which carries it).  The pass is made only when the
-- offers and contracts end before :year_end; otherwise the last day is on
-- or after it whatever the arrangements say, and the period is the whole
-- year either way.
SELECT CASE WHEN m0 >= :year_end THEN m0
            ELSE max(m0, coalesce((SELECT max(avslutsdatum) FROM bf_formedling
                                    WHERE kontraktsdatum IS NOT NULL), '')) END
  FROM (SELECT max(coalesce((SELECT max(erbjudandedatum) FROM bf_formedling), ''),
                   coalesce((SELECT max(kontraktsdatum) FROM bf_formedling
                              WHERE kontraktsdatum IS NOT NULL), '')) AS m0);
