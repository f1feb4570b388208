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
INSERT INTO publication_figure (publication_id, nr, tabell, rad, kolumn, varde)
VALUES (:id, :nr, :tabell, :rad, :kolumn, :varde);

-- name: add_unit
INSERT INTO publication_unit (publication_id, nr, unit) VALUES (:id, :nr, :unit);

-- name: series_pubs
-- Every publication whose counts name their rows, for the audit of the series.
SELECT p.id, p.report, p.period, p.through
  FROM publication p
 WHERE EXISTS (SELECT 1 FROM publication_unit u WHERE u.publication_id = p.id)
 ORDER BY p.id;

-- name: series_counts
-- Reads every publication's counts and their rows: the series is audited whole.
SELECT u.publication_id, u.nr, f.tabell, f.rad, f.kolumn, f.varde, u.unit
  FROM publication_unit u
  JOIN publication_figure f ON f.publication_id = u.publication_id AND f.nr = u.nr
 ORDER BY u.publication_id, u.nr;

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
