-- schema.sql: the fotstat database, schema version 1 (PRAGMA user_version).
--
-- Facts are kept one table per export kind, typed, with ISO dates
-- (TEXT 'YYYY-MM-DD', months 'YYYY-MM'), and every fact row points to the
-- source_file it was last loaded from and the physical line it started on.
-- Code lists are reference tables (reference.sql), so that a value in a
-- fact table is always one of the listed labels, spelt as listed.
-- A later schema is a new migration (common/db.c), never an edit of this.

-- One row per ingested file: what it was, how it was read, what it gave.
CREATE TABLE source_file (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,      -- base name, e.g. 'bf-formedlingar-2021.csv'
    kind          TEXT NOT NULL REFERENCES ref_kind(kind),
    sha256        TEXT NOT NULL UNIQUE, -- hex digest of the file's bytes; equal bytes load once
    size_bytes    INTEGER NOT NULL,   -- file size
    encoding      TEXT NOT NULL CHECK (encoding IN ('UTF-8', 'UTF-8 med BOM', 'Windows-1252')),
    delimiter     TEXT NOT NULL CHECK (delimiter IN (';', ',', 'TAB')),
    rows_read     INTEGER NOT NULL,   -- data records after the header
    rows_loaded   INTEGER NOT NULL,   -- records inserted or replacing an earlier row
    rows_rejected INTEGER NOT NULL,   -- records kept in rejected_row instead
    ingested_at   TEXT NOT NULL       -- UTC, 'YYYY-MM-DDTHH:MM:SSZ'
);

-- One row per rejected record: where and why, never the record's contents.
CREATE TABLE rejected_row (
    id             INTEGER PRIMARY KEY,
    source_file_id INTEGER NOT NULL REFERENCES source_file(id),
    line           INTEGER NOT NULL,  -- physical line the record starts on (header is line 1)
    column_name    TEXT,              -- the column at fault, as named in the header; NULL for the whole row
    reason         TEXT NOT NULL      -- Swedish, e.g. 'ogiltigt datum "2021-02-30"'
);
CREATE INDEX rejected_row_file ON rejected_row(source_file_id);

-- The export kinds of doc/exports.md, in the order status lists them.
CREATE TABLE ref_kind (
    kind  TEXT PRIMARY KEY,           -- 'bf-formedlingar', 'shis-placeringar', ...
    title TEXT NOT NULL,              -- Swedish description for status
    sort  INTEGER NOT NULL
);

-- Code lists, one table each, so that fact columns are foreign keys.
-- `label` is the canonical spelling stored in the facts; `sort` the
-- display order in reports.  The rows are in reference.sql: another
-- municipality replaces them there.
CREATE TABLE ref_bf_boendeform (
    label    TEXT PRIMARY KEY,
    sort     INTEGER NOT NULL,
    kategori TEXT NOT NULL,           -- årsmål category: 'FoT', 'Bostad Först', 'Genomgångsbostad'
    rad      TEXT NOT NULL            -- row of Tabell 1 it is reported under (Jourlägenhet: Träningslägenhet)
);
CREATE TABLE ref_organisation (
    label TEXT PRIMARY KEY,
    sort  INTEGER NOT NULL,
    typ   TEXT NOT NULL CHECK (typ IN ('stadsdelsnämnd', 'förvaltning', 'SHIS'))
);
CREATE TABLE ref_svar            (label TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE ref_nej_orsak       (label TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE ref_avslutsorsak    (label TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE ref_hushallstyp     (label TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE ref_shis_boendeform (label TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE ref_shis_bestand    (label TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE ref_orsak           (label TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE ref_arsmal_kategori (label TEXT PRIMARY KEY, sort INTEGER NOT NULL);
CREATE TABLE ref_boendesituation (
    label         TEXT PRIMARY KEY,
    sort          INTEGER NOT NULL,
    stadigvarande INTEGER NOT NULL CHECK (stadigvarande IN (0, 1)) -- relatively stable housing
);

-- Other spellings accepted for a code, e.g. older stadsdelsnämnd names.
CREATE TABLE ref_alias (
    list  TEXT NOT NULL,              -- the list's name in ref_code, e.g. 'organisation'
    alias TEXT NOT NULL,              -- accepted spelling (matched like a label)
    label TEXT NOT NULL,              -- the canonical label it stands for
    PRIMARY KEY (list, alias)
) WITHOUT ROWID;

-- Every code list as (list, label), for the ingest's validation and messages.
CREATE VIEW ref_code (list, label, sort) AS
          SELECT 'bf_boendeform',   label, sort FROM ref_bf_boendeform
UNION ALL SELECT 'organisation',    label, sort FROM ref_organisation
UNION ALL SELECT 'stadsdelsnamnd',  label, sort FROM ref_organisation WHERE typ = 'stadsdelsnämnd'
UNION ALL SELECT 'remittent',       label, sort FROM ref_organisation WHERE typ <> 'SHIS'
UNION ALL SELECT 'svar',            label, sort FROM ref_svar
UNION ALL SELECT 'nej_orsak',       label, sort FROM ref_nej_orsak
UNION ALL SELECT 'avslutsorsak',    label, sort FROM ref_avslutsorsak
UNION ALL SELECT 'hushallstyp',     label, sort FROM ref_hushallstyp
UNION ALL SELECT 'shis_boendeform', label, sort FROM ref_shis_boendeform
UNION ALL SELECT 'shis_bestand',    label, sort FROM ref_shis_bestand
UNION ALL SELECT 'orsak',           label, sort FROM ref_orsak
UNION ALL SELECT 'arsmal_kategori', label, sort FROM ref_arsmal_kategori
UNION ALL SELECT 'boendesituation', label, sort FROM ref_boendesituation;

-- bf-formedlingar: one offer of an apartment by Bostadsförmedlingen.
CREATE TABLE bf_formedling (
    arendenummer    TEXT PRIMARY KEY, -- Ärendenummer, unique per offer
    erbjudandedatum TEXT NOT NULL,    -- Erbjudandedatum
    boendeform      TEXT NOT NULL REFERENCES ref_bf_boendeform(label),
    bestallare      TEXT NOT NULL REFERENCES ref_organisation(label), -- Beställare
    hyresvard       TEXT NOT NULL,    -- Hyresvärd, free text
    stadsdelsomrade TEXT REFERENCES ref_organisation(label), -- Stadsdelsområde (a stadsdelsnämnd)
    antal_rum       INTEGER CHECK (antal_rum BETWEEN 1 AND 8),
    yta             REAL CHECK (yta > 0 AND yta < 300),  -- m²
    hyra            REAL CHECK (hyra > 0),               -- kr per month
    svar            TEXT NOT NULL REFERENCES ref_svar(label),
    svarsdatum      TEXT,             -- Svarsdatum, not before erbjudandedatum
    nej_orsak       TEXT REFERENCES ref_nej_orsak(label), -- set when svar = 'Nej'
    kontraktsdatum  TEXT,             -- Kontraktsdatum: set means förmedlad, counted in its year
    hushallstyp     TEXT REFERENCES ref_hushallstyp(label),
    antal_barn      INTEGER CHECK (antal_barn >= 0),
    kontrollstation TEXT,             -- Kontrollstation: date of the one-year follow-up
    avslutsdatum    TEXT,             -- Avslutsdatum, not before kontraktsdatum
    avslutsorsak    TEXT REFERENCES ref_avslutsorsak(label), -- set with avslutsdatum
    source_file_id  INTEGER NOT NULL REFERENCES source_file(id),
    source_line     INTEGER NOT NULL, -- physical line in that file
    CHECK (kontraktsdatum IS NULL OR svar = 'Ja'),
    CHECK (svar <> 'Nej' OR nej_orsak IS NOT NULL),
    CHECK (avslutsdatum IS NULL OR avslutsorsak IS NOT NULL)
);
CREATE INDEX bf_formedling_kontrakt ON bf_formedling(kontraktsdatum) WHERE kontraktsdatum IS NOT NULL;
CREATE INDEX bf_formedling_erbjudande ON bf_formedling(erbjudandedatum);
CREATE INDEX bf_formedling_file ON bf_formedling(source_file_id);

-- shis-placeringar: one household placed in SHIS housing.
CREATE TABLE shis_placering (
    placeringsid          TEXT PRIMARY KEY, -- Placeringsid
    inflyttningsdatum     TEXT NOT NULL,    -- Inflyttningsdatum
    utflyttningsdatum     TEXT,             -- Utflyttningsdatum, not before inflyttning
    boendeform            TEXT NOT NULL REFERENCES ref_shis_boendeform(label),
    bestand               TEXT NOT NULL REFERENCES ref_shis_bestand(label), -- Bestånd
    remitterande_stadsdel TEXT NOT NULL REFERENCES ref_organisation(label),
    hushallstyp           TEXT REFERENCES ref_hushallstyp(label),
    antal_barn            INTEGER CHECK (antal_barn >= 0),
    bf_arendenummer       TEXT,             -- BF-ärendenummer behind a Bostadsförmedlingen placement
    source_file_id        INTEGER NOT NULL REFERENCES source_file(id),
    source_line           INTEGER NOT NULL
);
CREATE INDEX shis_placering_inflyttning ON shis_placering(inflyttningsdatum);
CREATE INDEX shis_placering_file ON shis_placering(source_file_id);

-- shis-bestand: SHIS's stock at the end of a month, per boendeform.
CREATE TABLE shis_bestand (
    manad            TEXT NOT NULL,     -- Månad, 'YYYY-MM'
    boendeform       TEXT NOT NULL REFERENCES ref_shis_boendeform(label),
    lagenheter       INTEGER NOT NULL CHECK (lagenheter >= 0),
    belagda          INTEGER NOT NULL CHECK (belagda BETWEEN 0 AND lagenheter),
    tomstallda       INTEGER CHECK (tomstallda = lagenheter - belagda),
    vantande_hushall INTEGER CHECK (vantande_hushall >= 0),
    source_file_id   INTEGER NOT NULL REFERENCES source_file(id),
    source_line      INTEGER NOT NULL,
    PRIMARY KEY (manad, boendeform)
);
CREATE INDEX shis_bestand_file ON shis_bestand(source_file_id);

-- kartlaggning: one household in a round of the survey.
CREATE TABLE kartlaggning (
    omgang          INTEGER NOT NULL,  -- the round's year (Kartläggning '2021-04' or '2021')
    omgang_manad    TEXT,              -- the round's month when the export gave one
    hushallsid      TEXT NOT NULL,     -- Hushållsid, unique within the round
    stadsdel        TEXT NOT NULL REFERENCES ref_organisation(label),
    hushallstyp     TEXT NOT NULL REFERENCES ref_hushallstyp(label),
    antal_barn      INTEGER NOT NULL CHECK (antal_barn >= 1),
    nyanland        INTEGER NOT NULL CHECK (nyanland IN (0, 1)),
    boendesituation TEXT NOT NULL REFERENCES ref_boendesituation(label),
    orsak           TEXT REFERENCES ref_orsak(label),
    source_file_id  INTEGER NOT NULL REFERENCES source_file(id),
    source_line     INTEGER NOT NULL,
    PRIMARY KEY (omgang, hushallsid)
);
CREATE INDEX kartlaggning_file ON kartlaggning(source_file_id);

-- arsmal: the council's annual targets, as kept by the users.
CREATE TABLE arsmal (
    ar             INTEGER NOT NULL,   -- År
    kategori       TEXT NOT NULL REFERENCES ref_arsmal_kategori(label),
    mal            INTEGER NOT NULL CHECK (mal >= 0),
    source_file_id INTEGER NOT NULL REFERENCES source_file(id),
    source_line    INTEGER NOT NULL,
    PRIMARY KEY (ar, kategori)
);
