-- 009_moveout_index.sql: schema version 9.  SHIS's returns (a household
-- that moves in within twelve months of moving out) looked up each
-- placement of the period by pseudonym: one seek into an index of every
-- placement ever loaded per household that moved in, the largest cost of
-- shis-manad (BENCHMARKS.md).  They are now one range of the move-outs
-- that can count, from twelve months before the period to its end, read
-- from one index that carries the pseudonym and the placement, and matched
-- to the period's households in memory.  That index replaces both the
-- index by pseudonym and the one by move-out day alone, which nothing else
-- reads, so a SHIS load builds one index fewer.

DROP INDEX shis_placering_pseudonym;
DROP INDEX shis_placering_utflyttning;
CREATE INDEX shis_placering_utflyttning ON shis_placering(utflyttningsdatum, pseudonym, placeringsid)
    WHERE utflyttningsdatum IS NOT NULL AND pseudonym IS NOT NULL;
