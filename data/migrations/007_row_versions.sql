-- 007_row_versions.sql: nothing a later file replaces is lost.
--
-- A later export replaces a row by its key (doc/exports.md).  The row it
-- replaces is kept, whole, in the table's _version twin, with the file
-- that brought it (source_file_id, source_line) and the file that replaced
-- it (replaced_by_file_id).  A trigger does the keeping, so it costs work
-- only when a key is replaced, and no loader can forget it.  The rows as
-- the database knew them after file C are then the current rows of files
-- up to C and the versions brought by files up to C and replaced after it
-- (transform/sql/asof.sql).  A row sent again unchanged is not replaced.
--
-- source_file counts, per file, the rows it added, replaced and left
-- unchanged; NULL for files loaded before this version, which did not
-- tell the three apart.

ALTER TABLE source_file ADD COLUMN rows_added INTEGER;
ALTER TABLE source_file ADD COLUMN rows_replaced INTEGER;
ALTER TABLE source_file ADD COLUMN rows_unchanged INTEGER;

CREATE TABLE bf_formedling_version AS SELECT arendenummer, erbjudandedatum, boendeform, bestallare, hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak, kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum, avslutsorsak, pseudonym, source_file_id, source_line,
    source_file_id AS replaced_by_file_id
  FROM bf_formedling WHERE 0;
CREATE INDEX bf_formedling_version_key ON bf_formedling_version(arendenummer);
CREATE INDEX bf_formedling_version_replaced ON bf_formedling_version(replaced_by_file_id);
CREATE TRIGGER bf_formedling_keep BEFORE UPDATE ON bf_formedling
BEGIN
    INSERT INTO bf_formedling_version (arendenummer, erbjudandedatum, boendeform, bestallare, hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak, kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum, avslutsorsak, pseudonym,
        source_file_id, source_line, replaced_by_file_id)
    VALUES (OLD.arendenummer, OLD.erbjudandedatum, OLD.boendeform, OLD.bestallare, OLD.hyresvard, OLD.stadsdelsomrade, OLD.antal_rum, OLD.yta, OLD.hyra, OLD.svar, OLD.svarsdatum, OLD.nej_orsak, OLD.kontraktsdatum, OLD.hushallstyp, OLD.antal_barn, OLD.kontrollstation, OLD.avslutsdatum, OLD.avslutsorsak, OLD.pseudonym,
        OLD.source_file_id, OLD.source_line, NEW.source_file_id);
END;

CREATE TABLE shis_placering_version AS SELECT placeringsid, inflyttningsdatum, utflyttningsdatum, boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn, bf_arendenummer, pseudonym, source_file_id, source_line,
    source_file_id AS replaced_by_file_id
  FROM shis_placering WHERE 0;
CREATE INDEX shis_placering_version_key ON shis_placering_version(placeringsid);
CREATE INDEX shis_placering_version_replaced ON shis_placering_version(replaced_by_file_id);
CREATE TRIGGER shis_placering_keep BEFORE UPDATE ON shis_placering
BEGIN
    INSERT INTO shis_placering_version (placeringsid, inflyttningsdatum, utflyttningsdatum, boendeform, bestand, remitterande_stadsdel, hushallstyp, antal_barn, bf_arendenummer, pseudonym,
        source_file_id, source_line, replaced_by_file_id)
    VALUES (OLD.placeringsid, OLD.inflyttningsdatum, OLD.utflyttningsdatum, OLD.boendeform, OLD.bestand, OLD.remitterande_stadsdel, OLD.hushallstyp, OLD.antal_barn, OLD.bf_arendenummer, OLD.pseudonym,
        OLD.source_file_id, OLD.source_line, NEW.source_file_id);
END;

CREATE TABLE shis_bestand_version AS SELECT manad, boendeform, lagenheter, belagda, tomstallda, vantande_hushall, source_file_id, source_line,
    source_file_id AS replaced_by_file_id
  FROM shis_bestand WHERE 0;
CREATE INDEX shis_bestand_version_key ON shis_bestand_version(manad, boendeform);
CREATE INDEX shis_bestand_version_replaced ON shis_bestand_version(replaced_by_file_id);
CREATE TRIGGER shis_bestand_keep BEFORE UPDATE ON shis_bestand
BEGIN
    INSERT INTO shis_bestand_version (manad, boendeform, lagenheter, belagda, tomstallda, vantande_hushall,
        source_file_id, source_line, replaced_by_file_id)
    VALUES (OLD.manad, OLD.boendeform, OLD.lagenheter, OLD.belagda, OLD.tomstallda, OLD.vantande_hushall,
        OLD.source_file_id, OLD.source_line, NEW.source_file_id);
END;

CREATE TABLE kartlaggning_version AS SELECT omgang, omgang_manad, hushallsid, stadsdel, hushallstyp, antal_barn, nyanland, boendesituation, orsak, pseudonym, source_file_id, source_line,
    source_file_id AS replaced_by_file_id
  FROM kartlaggning WHERE 0;
CREATE INDEX kartlaggning_version_key ON kartlaggning_version(omgang, hushallsid);
CREATE INDEX kartlaggning_version_replaced ON kartlaggning_version(replaced_by_file_id);
CREATE TRIGGER kartlaggning_keep BEFORE UPDATE ON kartlaggning
BEGIN
    INSERT INTO kartlaggning_version (omgang, omgang_manad, hushallsid, stadsdel, hushallstyp, antal_barn, nyanland, boendesituation, orsak, pseudonym,
        source_file_id, source_line, replaced_by_file_id)
    VALUES (OLD.omgang, OLD.omgang_manad, OLD.hushallsid, OLD.stadsdel, OLD.hushallstyp, OLD.antal_barn, OLD.nyanland, OLD.boendesituation, OLD.orsak, OLD.pseudonym,
        OLD.source_file_id, OLD.source_line, NEW.source_file_id);
END;

CREATE TABLE arsmal_version AS SELECT ar, kategori, mal, source_file_id, source_line,
    source_file_id AS replaced_by_file_id
  FROM arsmal WHERE 0;
CREATE INDEX arsmal_version_key ON arsmal_version(ar, kategori);
CREATE INDEX arsmal_version_replaced ON arsmal_version(replaced_by_file_id);
CREATE TRIGGER arsmal_keep BEFORE UPDATE ON arsmal
BEGIN
    INSERT INTO arsmal_version (ar, kategori, mal,
        source_file_id, source_line, replaced_by_file_id)
    VALUES (OLD.ar, OLD.kategori, OLD.mal,
        OLD.source_file_id, OLD.source_line, NEW.source_file_id);
END;
