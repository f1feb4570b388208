-- 012_publications.sql: schema version 12.  The register of publications
-- (README "Så skyddas uppgifterna"): every report run with --publish, and
-- every earlier publication recorded afterwards with --as-of, so that each
-- later report is protected together with everything already out.
--
-- A publication is exact to its data: data_file_id is the last source file
-- loaded when its figures were made, and the database keeps every version
-- of every row (schema version 7), so the same report as of that file
-- (--as-of) counts the same rows again.  Its published figures are kept as
-- the tidy CSV printed them, hidden ones as '..'.

-- One row per publication.
CREATE TABLE publication (
    id           INTEGER PRIMARY KEY,  -- its number, as status lists it
    report       TEXT NOT NULL,        -- the report's name, e.g. 'shis-manad'
    period       TEXT NOT NULL,        -- its period as in file names, e.g. '2021-09', '2021-T2'
    through      TEXT,                 -- the last day it counts, 'YYYY-MM-DD': the series' order
    options      TEXT NOT NULL,        -- the report's period options as given, e.g. '--month 2021-09'
    suppress     INTEGER NOT NULL,     -- the --suppress threshold its tables were protected with
    title        TEXT NOT NULL,        -- the report's title, naming its period
    data_file_id INTEGER NOT NULL,     -- source_file.id of the last file its figures were made from
    as_of        TEXT,                 -- --as-of as given when it was recorded afterwards; NULL: made from the data loaded then
    published_at TEXT NOT NULL,        -- when it was registered, UTC 'YYYY-MM-DDTHH:MM:SSZ'
    out_dir      TEXT NOT NULL         -- the folder its files were written to, as given
);
CREATE INDEX publication_report ON publication(report, period);

-- Every file a publication wrote, publishable or internal.
CREATE TABLE publication_file (
    publication_id INTEGER NOT NULL REFERENCES publication(id),
    name           TEXT NOT NULL,      -- its path under the folder, e.g. 'shis-manad-2021-09.csv',
                                       -- 'internt/shis-manad-2021-09-internt.xlsx'
    sha256         TEXT NOT NULL,      -- hex digest of its bytes
    size_bytes     INTEGER NOT NULL,
    PRIMARY KEY (publication_id, name)
) WITHOUT ROWID;

-- Every published figure, one row per line of the tidy CSV.
CREATE TABLE publication_figure (
    publication_id INTEGER NOT NULL REFERENCES publication(id),
    nr             INTEGER NOT NULL,   -- the figure's line in the tidy CSV, 1 for the first
    tabell         TEXT NOT NULL,      -- the tidy CSV's tabell, rad and kolumn
    rad            TEXT NOT NULL,
    kolumn         TEXT NOT NULL,
    varde          TEXT NOT NULL,      -- as printed: '12', '66.8', '..' (hidden), '' (no figure)
    PRIMARY KEY (publication_id, nr)
) WITHOUT ROWID;

-- Which rows each published count counted, for the audit of the series
-- (report/series.h): one row per row of an export and count, for the
-- counts of the tables that break households down and those linked to them.
-- The count's value is the number of its rows.
CREATE TABLE publication_unit (
    publication_id INTEGER NOT NULL REFERENCES publication(id),
    nr             INTEGER NOT NULL,   -- the count: publication_figure.nr
    unit           TEXT NOT NULL,      -- the row's key: 'bf:' || Ärendenummer, 'shis:' || Placeringsid
    PRIMARY KEY (publication_id, nr, unit)
) WITHOUT ROWID;
