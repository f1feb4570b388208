-- 003_reference_names.sql: schema version 3.  Names and groupings that
-- belong to the municipality, not to the program, so that the reports take
-- them from here as reference.sql promises: another municipality replaces
-- the rows below together with those of reference.sql.

-- Names the reports print: who the city is, who made each export.
CREATE TABLE ref_name (
    key   TEXT PRIMARY KEY,           -- what the name is for, e.g. 'kommun'
    label TEXT NOT NULL               -- the name as printed
) WITHOUT ROWID;

INSERT INTO ref_name (key, label) VALUES
    ('kommun',            'Stockholms stad'),
    ('forvaltning',       'socialförvaltningen'),
    ('bostadsformedling', 'Bostadsförmedlingen i Stockholm AB'),
    ('shis',              'SHIS'),
    ('kartlaggning',      'Socialförvaltningens kartläggning av barnfamiljer i osäkra boendeförhållanden'),
    ('arsmal',            'årsmål enligt kommunfullmäktige');

-- A boendesituation inside SHIS's housing (the survey's nyanlända table).
ALTER TABLE ref_boendesituation ADD COLUMN shis INTEGER NOT NULL DEFAULT 0 CHECK (shis IN (0, 1));
UPDATE ref_boendesituation SET shis = 1
 WHERE label IN ('SHIS boende för barnfamiljer', 'SHIS boende för nyanlända');

-- How an arrangement ended, in the groups the gender equality analysis shows.
ALTER TABLE ref_avslutsorsak ADD COLUMN utfall TEXT;
UPDATE ref_avslutsorsak SET utfall = CASE
         WHEN label = 'Övertaget av hyresgästen' THEN 'Övertaget av hyresgästen'
         WHEN label IN ('Uppsagt störningar', 'Uppsagt hyresskulder') THEN 'Uppsagt'
         ELSE 'Annat avslut' END;

-- The single adult's sex in a household type, for the side-by-side figures
-- of women and men; NULL for couples and others.
ALTER TABLE ref_hushallstyp ADD COLUMN kon TEXT CHECK (kon IN ('kvinna', 'man'));
UPDATE ref_hushallstyp SET kon = 'kvinna'
 WHERE label IN ('Ensamstående kvinna', 'Ensamstående kvinna med barn');
UPDATE ref_hushallstyp SET kon = 'man'
 WHERE label IN ('Ensamstående man', 'Ensamstående man med barn');

-- Tabell 1's rows are the årsmål categories of ref_arsmal_kategori, in
-- their order; each counts the boendeformer whose kategori or rad it names
-- (ref_bf_boendeform), and the row marked here counts them all.
ALTER TABLE ref_arsmal_kategori ADD COLUMN alla INTEGER NOT NULL DEFAULT 0 CHECK (alla IN (0, 1));
UPDATE ref_arsmal_kategori SET alla = 1 WHERE label = 'Totalt';
