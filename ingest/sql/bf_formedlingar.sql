-- bf_formedlingar.sql: loading Bostadsförmedlingen's offers.
-- A key loaded from another file is replaced; from the same file it is a
-- repeat, which the WHERE leaves unchanged (changes() = 0) for the ingest
-- to reject.

-- name: upsert
INSERT INTO bf_formedling (arendenummer, erbjudandedatum, boendeform, bestallare,
    hyresvard, stadsdelsomrade, antal_rum, yta, hyra, svar, svarsdatum, nej_orsak,
    kontraktsdatum, hushallstyp, antal_barn, kontrollstation, avslutsdatum,
    avslutsorsak, pseudonym, source_file_id, source_line)
VALUES (:arendenummer, :erbjudandedatum, :boendeform, :bestallare,
    :hyresvard, :stadsdelsomrade, :antal_rum, :yta, :hyra, :svar, :svarsdatum, :nej_orsak,
    :kontraktsdatum, :hushallstyp, :antal_barn, :kontrollstation, :avslutsdatum,
    :avslutsorsak, :pseudonym, :file_id, :line)
ON CONFLICT (arendenummer) DO UPDATE SET
    erbjudandedatum = excluded.erbjudandedatum, boendeform = excluded.boendeform,
    bestallare = excluded.bestallare, hyresvard = excluded.hyresvard,
    stadsdelsomrade = excluded.stadsdelsomrade, antal_rum = excluded.antal_rum,
    yta = excluded.yta, hyra = excluded.hyra, svar = excluded.svar,
    svarsdatum = excluded.svarsdatum, nej_orsak = excluded.nej_orsak,
    kontraktsdatum = excluded.kontraktsdatum, hushallstyp = excluded.hushallstyp,
    antal_barn = excluded.antal_barn, kontrollstation = excluded.kontrollstation,
    avslutsdatum = excluded.avslutsdatum, avslutsorsak = excluded.avslutsorsak,
    pseudonym = excluded.pseudonym,
    source_file_id = excluded.source_file_id, source_line = excluded.source_line
WHERE bf_formedling.source_file_id <> excluded.source_file_id;

-- name: first_line
SELECT source_line FROM bf_formedling
 WHERE arendenummer = :arendenummer AND source_file_id = :file_id;
