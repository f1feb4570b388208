-- 011_shis_file_index.sql: schema version 11.  SHIS's placements were
-- indexed by file alone, an index no report reads: a report finds a
-- period's files from the index by Inflyttningsdatum, which carries the
-- file, and --as-of reads every placement anyway (a full scan is cheaper
-- than a range of that index that visits the table for nearly every row).
-- A 1M-row load built it for 0.21 s, a 10M-row load for 2.6 s
-- (BENCHMARKS.md); Bostadsförmedlingen's index by file went the same way in
-- schema version 6.

DROP INDEX shis_placering_file;
