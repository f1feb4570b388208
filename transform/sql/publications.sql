-- publications.sql: the register of publications (data/migrations/012_publications.sql).

-- name: add
INSERT INTO publication (report, period, through, options, suppress, title, data_file_id, as_of,
                         published_at, out_dir)
VALUES (:report, :period, :through, :options, :suppress, :title, :data_file_id, :as_of,
        strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :out_dir);

-- name: add_file
INSERT INTO publication_file (publication_id, name, sha256, size_bytes)
VALUES (:id, :name, :sha256, :size);

-- name: add_figure
INSERT INTO publication_figure (publication_id, nr, tabell, rad, kolumn, varde, rader)
VALUES (:id, :nr, :tabell, :rad, :kolumn, :varde, :rader);

-- The rows behind the counts, as groups (data/migrations/013_series_groups.sql):
-- recording a publication moves each row it counted from its group into
-- the group of (that group, the counts it is in here).

-- name: set_member
INSERT INTO series_member (unit, grp) VALUES (:unit, :grp)
    ON CONFLICT (unit) DO UPDATE SET grp = excluded.grp;

-- name: add_group
INSERT INTO series_group (nrows) VALUES (0);

-- name: copy_group
-- A new group's rows are in every count of the group they come from.
INSERT INTO series_group_count (grp, publication_id, nr)
SELECT :grp, publication_id, nr FROM series_group_count WHERE grp = :old;

-- name: add_group_count
INSERT INTO series_group_count (grp, publication_id, nr) VALUES (:grp, :id, :nr);

-- name: move_rows
-- :rows rows moved from group :old (0: none) into the new group :grp.
UPDATE series_group SET nrows = nrows + iif(grp = :grp, :rows, -:rows) WHERE grp IN (:grp, :old);

-- name: drop_empty_group_counts
DELETE FROM series_group_count WHERE grp IN (SELECT grp FROM series_group WHERE nrows = 0);

-- name: drop_empty_groups
DELETE FROM series_group WHERE nrows = 0;

-- Which group each row of a report is in, all at once (publications.c,
-- rows_groups: to audit it, and to record it): the report's keys in a
-- TEMP table, then one join.

-- name: lookup_table
-- Made before use: the statements after it are planned against it.
CREATE TEMP TABLE IF NOT EXISTS series_lookup (unit TEXT PRIMARY KEY, i INTEGER NOT NULL) WITHOUT ROWID;

-- name: lookup_begin
BEGIN;

-- name: lookup_add
INSERT INTO temp.series_lookup (unit, i) VALUES (:unit, :i);

-- name: lookup_groups
SELECT l.i, m.grp FROM temp.series_lookup l JOIN series_member m ON m.unit = l.unit;

-- name: lookup_clear
DELETE FROM temp.series_lookup;

-- name: lookup_end
COMMIT;

-- name: series_pubs
-- Every publication whose counts name their rows, for the audit of the series.
SELECT p.id, p.report, p.period, p.through
  FROM publication p
 WHERE EXISTS (SELECT 1 FROM series_group_count c WHERE c.publication_id = p.id)
 ORDER BY p.id;

-- name: series_counts
-- Every count some group's rows are in, with its figure: the series is audited whole.
SELECT f.publication_id, f.nr, f.tabell, f.rad, f.kolumn, f.varde
  FROM publication_figure f
 WHERE EXISTS (SELECT 1 FROM series_group_count c
                WHERE c.publication_id = f.publication_id AND c.nr = f.nr)
 ORDER BY f.publication_id, f.nr;

-- name: series_groups
-- Every group with its rows and its counts.
SELECT g.grp, g.nrows, c.publication_id, c.nr
  FROM series_group g JOIN series_group_count c ON c.grp = g.grp
 ORDER BY g.grp;

-- A report published again (report/series.h, `same`): the publications of
-- the same report and period, the latest first, and their counts: those
-- with their rows' fingerprints (data/migrations/014_figure_rows.sql) and
-- those hidden.

-- name: same_candidates
SELECT p.id, p.report, p.period
  FROM publication p
 WHERE p.report = :report AND p.period = :period
 ORDER BY p.id DESC;

-- name: same_figures
SELECT tabell, rad, kolumn, varde, ifnull(rader, '')
  FROM publication_figure
 WHERE publication_id = :id AND (rader IS NOT NULL OR varde = '..');

-- name: any
SELECT EXISTS (SELECT 1 FROM publication);

-- name: list
-- Every publication, oldest first, with the file its data were taken to,
-- and how many files and figures it published, how many of them hidden.
SELECT p.id, p.report, p.period, p.options, p.published_at, p.as_of,
       s.name, s.ingested_at,
       (SELECT count(*) FROM publication_file f WHERE f.publication_id = p.id),
       (SELECT count(*) FROM publication_figure g WHERE g.publication_id = p.id AND g.varde <> ''),
       (SELECT count(*) FROM publication_figure g WHERE g.publication_id = p.id AND g.varde = '..'),
       p.suppress, p.out_dir
  FROM publication p LEFT JOIN source_file s ON s.id = p.data_file_id
 ORDER BY p.id;
