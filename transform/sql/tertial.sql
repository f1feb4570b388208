-- tertial.sql: SHIS's part of the tertialrapport.

-- name: shis_inflyttade
-- Households that moved into SHIS housing in the period, by boendeform and bestånd.
SELECT p.boendeform,
       CASE p.bestand WHEN 'Eget' THEN 'I SHIS egna bestånd' ELSE 'Via Bostadsförmedlingen' END,
       count(*)
  FROM shis_placering p JOIN ref_shis_boendeform f ON f.label = p.boendeform
 WHERE p.inflyttningsdatum BETWEEN :from AND :through
 GROUP BY 1, 2
 ORDER BY f.sort;

-- name: shis_bestand
-- SHIS's stock at the end of the month :manad.
SELECT b.boendeform, b.lagenheter, b.belagda, b.tomstallda, b.vantande_hushall
  FROM shis_bestand b JOIN ref_shis_boendeform f ON f.label = b.boendeform
 WHERE b.manad = :manad
 ORDER BY f.sort;

-- name: shis_files
SELECT DISTINCT s.name FROM source_file s
 WHERE s.kind IN ('shis-placeringar', 'shis-bestand')
 ORDER BY s.name;
