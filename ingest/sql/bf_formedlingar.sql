-- bf_formedlingar.sql: loading Bostadsförmedlingen's offers.
-- A new key is inserted.  When the insert fails on the key, `replace` runs:
-- a key loaded from another file is replaced, if any value differs (the
-- row it replaces is kept by the trigger of migration 007).  When nothing
-- changes (changes() = 0), `first_line` tells a repeat within the same
-- file, which the ingest rejects, from a row sent again as it was, which is
-- left unchanged with the file that first brought it.  Two plain statements rather than one upsert: an upsert on a
-- table with foreign keys needs a statement journal, which costs a copy
-- of every page each row touches (see BENCHMARKS.md).

-- name: insert
INSERT INTO bf_formedling (arendenummer, erbjudandedatum, boendeform, bestallare,
    hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak,
    kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum,
    avslutsorsak, pseudonym, source_file_id, source_line)
VALUES (:arendenummer, :erbjudandedatum, :boendeform, :bestallare,
    :hyresvard, :stadsdelsomrade, :antal_rum, :yta, :hyra, :svar, :svarsdatum, :nej_orsak,
    :kontraktsdatum, :hushallstyp, :antal_barn, :kontrollstation, :avslutsdatum,
    :avslutsorsak, :pseudonym, :file_id, :line);

-- name: insert_batch
-- The rows of a whole batch, as `insert` takes one, from the loader's table
-- fotstat_batch (ingest/batchvt.c).  A row whose key is already loaded, or
-- that breaks a rule of the table, is left out (OR IGNORE): the loader
-- finds it by its line and takes it the way of one row.
INSERT OR IGNORE INTO bf_formedling (arendenummer, erbjudandedatum, boendeform, bestallare,
    hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak,
    kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum,
    avslutsorsak, pseudonym, source_file_id, source_line)
SELECT arendenummer, erbjudandedatum, boendeform, bestallare,
    hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak,
    kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum,
    avslutsorsak, pseudonym, file_id, line
  FROM fotstat_batch;

-- name: replace
UPDATE bf_formedling SET
    erbjudandedatum = :erbjudandedatum, boendeform = :boendeform,
    bestallare = :bestallare, hyresvard = :hyresvard,
    stadsdelsomrade = :stadsdelsomrade, antal_rum = :antal_rum,
    yta = :yta, hyra = :hyra, svar = :svar,
    svarsdatum = :svarsdatum, nej_orsak = :nej_orsak,
    kontraktsdatum = :kontraktsdatum, hushallstyp = :hushallstyp,
    antal_barn = :antal_barn, kontrollstation = :kontrollstation,
    avslutsdatum = :avslutsdatum, avslutsorsak = :avslutsorsak,
    pseudonym = :pseudonym,
    source_file_id = :file_id, source_line = :line
 WHERE arendenummer = :arendenummer AND source_file_id <> :file_id
   AND (erbjudandedatum IS NOT :erbjudandedatum
        OR boendeform IS NOT :boendeform
        OR bestallare IS NOT :bestallare
        OR hyresvard IS NOT :hyresvard
        OR stadsdelsomrade IS NOT :stadsdelsomrade
        OR antal_rum IS NOT :antal_rum
        OR yta IS NOT :yta
        OR hyra IS NOT :hyra
        OR svar IS NOT :svar
        OR svarsdatum IS NOT :svarsdatum
        OR nej_orsak IS NOT :nej_orsak
        OR kontraktsdatum IS NOT :kontraktsdatum
        OR hushallstyp IS NOT :hushallstyp
        OR antal_barn IS NOT :antal_barn
        OR kontrollstation IS NOT :kontrollstation
        OR avslutsdatum IS NOT :avslutsdatum
        OR avslutsorsak IS NOT :avslutsorsak
        OR pseudonym IS NOT :pseudonym);

-- name: first_line
SELECT source_line FROM bf_formedling
 WHERE arendenummer = :arendenummer AND source_file_id = :file_id;
