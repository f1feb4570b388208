-- 006_covering_indexes.sql: schema version 6.  The reports read a period's
-- förmedlingar through the date indexes; each entry then cost a visit to
-- the table's row, scattered over the whole table once it holds years.
-- These two indexes carry the columns the counts group by, so the counts
-- and the files behind them read the index alone (BENCHMARKS.md).
--
-- By Kontraktsdatum: Tabell 1, the months, the beställare, and the
-- follow-up's running and ended arrangements and their Kontrollstation.
-- By Erbjudandedatum: the answers, the nej-orsaker, the beställare's answers.
-- Both carry source_file_id, for the files a period's figures come from,
-- so the index by file alone, which no statement reads, goes: at ingest
-- every index costs a sort of the whole table.

DROP INDEX bf_formedling_kontrakt;
CREATE INDEX bf_formedling_kontrakt ON bf_formedling(kontraktsdatum, boendeform, bestallare,
    avslutsdatum, avslutsorsak, kontrollstation, source_file_id)
    WHERE kontraktsdatum IS NOT NULL;
DROP INDEX bf_formedling_erbjudande;
CREATE INDEX bf_formedling_erbjudande ON bf_formedling(erbjudandedatum, boendeform, svar,
    bestallare, nej_orsak, source_file_id);
DROP INDEX bf_formedling_file;
