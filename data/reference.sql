-- reference.sql: the code lists of doc/exports.md, for the City of Stockholm.
-- Another municipality replaces the rows here (and its stadsdelsnämnder), and
-- those of data/migrations/003_reference_names.sql: the names the reports
-- print and the groupings of codes they show.

INSERT INTO ref_kind (kind, title, sort) VALUES
    ('bf-formedlingar',  'Bostadsförmedlingen, erbjudanden och förmedlingar', 1),
    ('shis-placeringar', 'SHIS, inflyttade hushåll', 2),
    ('shis-bestand',     'SHIS, bestånd per månad', 3),
    ('kartlaggning',     'Kartläggning av barnfamiljer i osäkert boende', 4),
    ('arsmal',           'Årsmål', 5);

INSERT INTO ref_bf_boendeform (label, sort, kategori, rad) VALUES
    ('Försökslägenhet',  1, 'FoT',              'Försökslägenhet'),
    ('Träningslägenhet', 2, 'FoT',              'Träningslägenhet'),
    ('Jourlägenhet',     3, 'FoT',              'Träningslägenhet'),
    ('Bostad Först',     4, 'Bostad Först',     'Bostad Först'),
    ('Genomgångsbostad', 5, 'Genomgångsbostad', 'Genomgångsbostad');

-- Stadsdelsnämnder from 2020, then the city-wide units.
INSERT INTO ref_organisation (label, sort, typ) VALUES
    ('Rinkeby-Kista',        1, 'stadsdelsnämnd'),
    ('Spånga-Tensta',        2, 'stadsdelsnämnd'),
    ('Hässelby-Vällingby',   3, 'stadsdelsnämnd'),
    ('Bromma',               4, 'stadsdelsnämnd'),
    ('Kungsholmen',          5, 'stadsdelsnämnd'),
    ('Norrmalm',             6, 'stadsdelsnämnd'),
    ('Östermalm',            7, 'stadsdelsnämnd'),
    ('Södermalm',            8, 'stadsdelsnämnd'),
    ('Enskede-Årsta-Vantör', 9, 'stadsdelsnämnd'),
    ('Skarpnäck',           10, 'stadsdelsnämnd'),
    ('Farsta',              11, 'stadsdelsnämnd'),
    ('Hägersten-Älvsjö',    12, 'stadsdelsnämnd'),
    ('Skärholmen',          13, 'stadsdelsnämnd'),
    ('Socialförvaltningen', 14, 'förvaltning'),
    ('SHIS',                15, 'SHIS');

INSERT INTO ref_alias (list, alias, label) VALUES
    ('organisation',   'Hägersten-Liljeholmen', 'Hägersten-Älvsjö'),
    ('organisation',   'Älvsjö',                'Hägersten-Älvsjö'),
    ('stadsdelsnamnd', 'Hägersten-Liljeholmen', 'Hägersten-Älvsjö'),
    ('stadsdelsnamnd', 'Älvsjö',                'Hägersten-Älvsjö'),
    ('remittent',      'Hägersten-Liljeholmen', 'Hägersten-Älvsjö'),
    ('remittent',      'Älvsjö',                'Hägersten-Älvsjö');

INSERT INTO ref_svar (label, sort) VALUES ('Ja', 1), ('Nej', 2), ('Inväntar', 3);

INSERT INTO ref_nej_orsak (label, sort) VALUES
    ('Inget behov', 1), ('Fel storlek', 2), ('Fel läge', 3), ('För hög hyra', 4),
    ('Hyresvärden nekade', 5), ('Annan', 6);

INSERT INTO ref_avslutsorsak (label, sort) VALUES
    ('Övertaget av hyresgästen', 1), ('Omvandlat till försökslägenhet', 2),
    ('Uppsagt störningar', 3), ('Uppsagt hyresskulder', 4), ('Avflyttad', 5),
    ('Avliden', 6), ('Övrigt', 7);

INSERT INTO ref_hushallstyp (label, sort) VALUES
    ('Ensamstående kvinna', 1), ('Ensamstående man', 2),
    ('Ensamstående kvinna med barn', 3), ('Ensamstående man med barn', 4),
    ('Par utan barn', 5), ('Par med barn', 6), ('Övrigt', 7);

INSERT INTO ref_shis_boendeform (label, sort) VALUES
    ('Barnfamilj', 1), ('Nyanlända', 2), ('Vuxen', 3), ('Ung vuxen', 4);

INSERT INTO ref_shis_bestand (label, sort) VALUES ('Eget', 1), ('Bostadsförmedlingen', 2);

INSERT INTO ref_orsak (label, sort) VALUES
    ('Strukturell', 1), ('Social problematik', 2), ('Våld i nära relation', 3),
    ('Annan', 4), ('Vet ej', 5);

INSERT INTO ref_arsmal_kategori (label, sort) VALUES
    ('FoT', 1), ('Försökslägenhet', 2), ('Träningslägenhet', 3),
    ('Bostad Först', 4), ('Genomgångsbostad', 5), ('Totalt', 6);

INSERT INTO ref_boendesituation (label, sort, stadigvarande) VALUES
    ('SHIS boende för barnfamiljer', 1, 1),
    ('SHIS boende för nyanlända', 2, 1),
    ('Hotellrum', 3, 0),
    ('Tillfälligt inneboende/andrahandsboende, max tre månader', 4, 0),
    ('Försökslägenhet', 5, 1),
    ('Jourlägenhet', 6, 0),
    ('Träningslägenhet', 7, 1),
    ('Vandrarhem', 8, 0),
    ('Lägenhetshotell', 9, 0),
    ('Skyddat boende', 10, 0),
    ('Behandlingshem/familjehem/stödboende', 11, 0),
    ('Vet ej', 12, 0);
