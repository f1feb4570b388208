-- 013_series_groups.sql: schema version 13.  The rows behind the register's
-- counts, kept as groups instead of one row per count and export row.
--
-- The audit of a series (report/series.h) needs, for every published count,
-- which rows it counted, but only as far as the rows differ: rows that every
-- publication so far counted in exactly the same counts are one unknown to
-- an intruder.  Version 12 kept each (publication, count, row): four rows
-- per export row and table (its cell, its row's and its column's totals and
-- the grand total), millions for a year of mailings of a large city, all
-- read again by every later report.  Now each export row that any
-- publication counted names its group, and each group the counts its rows
-- are in.  Publishing a report moves each row it counts into the group of
-- (its old group, the counts of the new publication it is in); a count's
-- rows are still exactly those whose group names it, since a group's
-- counts only grow.

-- A group: how many rows it holds now (0: emptied, dropped when a
-- publication is recorded).
CREATE TABLE series_group (
    grp  INTEGER PRIMARY KEY,
    nrows INTEGER NOT NULL CHECK (nrows >= 0)
);

-- The counts (a publication's figure, publication_figure.nr) a group's rows
-- are in.
CREATE TABLE series_group_count (
    grp            INTEGER NOT NULL REFERENCES series_group(grp),
    publication_id INTEGER NOT NULL REFERENCES publication(id),
    nr             INTEGER NOT NULL,
    PRIMARY KEY (grp, publication_id, nr)
) WITHOUT ROWID;
-- The groups of a count: which publications count rows at all, and their counts.
CREATE INDEX series_group_count_figure ON series_group_count(publication_id, nr);

-- Every export row some publication counted, and its group: 'bf:' ||
-- Ärendenummer, 'shis:' || Placeringsid, 'kart:' || omgång || ':' ||
-- Hushållsid.  grp names a series_group row; it is not declared a foreign
-- key, since dropping an emptied group would then scan this table for it,
-- and an emptied group has no member by construction (publications.c).
CREATE TABLE series_member (
    unit TEXT PRIMARY KEY,
    grp  INTEGER NOT NULL
) WITHOUT ROWID;

-- The register of version 12, grouped: a row's group is the list of the
-- counts it is in.
CREATE TEMP TABLE mig_pu AS SELECT unit, publication_id, nr FROM publication_unit;
CREATE INDEX temp.mig_pu_unit ON mig_pu(unit);
CREATE TEMP TABLE mig_unit AS
    SELECT unit, group_concat(publication_id || ':' || nr, ',') AS k
      FROM (SELECT unit, publication_id, nr FROM mig_pu ORDER BY unit, publication_id, nr)
     GROUP BY unit;
CREATE TEMP TABLE mig_group (grp INTEGER PRIMARY KEY, k TEXT UNIQUE, one TEXT, nrows INTEGER);
INSERT INTO mig_group (k, one, nrows) SELECT k, min(unit), count(*) FROM mig_unit GROUP BY k ORDER BY k;
INSERT INTO series_group (grp, nrows) SELECT grp, nrows FROM mig_group;
INSERT INTO series_group_count (grp, publication_id, nr)
    SELECT g.grp, u.publication_id, u.nr FROM mig_group g JOIN mig_pu u ON u.unit = g.one;
INSERT INTO series_member (unit, grp) SELECT u.unit, g.grp FROM mig_unit u JOIN mig_group g ON g.k = u.k;
DROP TABLE mig_group;
DROP TABLE mig_unit;
DROP TABLE mig_pu;
DROP TABLE publication_unit;
