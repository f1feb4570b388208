-- 005_ingest_indexes.sql: schema version 5.  Two indexes that no report
-- reads are dropped: the pseudonyms of Bostadsförmedlingen's offers and of
-- the survey are only ever compared within SHIS's placements (the returns
-- table, shis_placering_pseudonym stays).  A pseudonym is a random 64-digit
-- key, so its index took a random page per row and was the largest single
-- cost of loading a big export (BENCHMARKS.md).  A later report that needs
-- one adds it back in its own migration.

DROP INDEX bf_formedling_pseudonym;
DROP INDEX kartlaggning_pseudonym;
