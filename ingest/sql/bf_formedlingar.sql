-- bf_formedlingar.sql: loading Bostadsförmedlingen's offers.
-- A new key is inserted.  When the insert fails on the key, `replace` runs:
-- a key loaded from another file is replaced; from the same file it is a
-- repeat, which the WHERE leaves unchanged (changes() = 0) for the ingest
-- to reject.  Two plain statements rather than one upsert: an upsert on a
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
 WHERE arendenummer = :arendenummer AND source_file_id <> :file_id;

-- name: first_line
SELECT source_line FROM bf_formedling
 WHERE arendenummer = :arendenummer AND source_file_id = :file_id;
