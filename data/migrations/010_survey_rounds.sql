-- 010_survey_rounds.sql: schema version 10.  The tables over the survey
-- rounds (the stadigvarande share per round, household types per round)
-- read every household of every round loaded: 700 000 rows for ten rounds
-- of the bench's survey, three times the time of a report on two rounds
-- (BENCHMARKS.md).  Each round's households are now also kept counted by
-- what those tables break them down by, a few hundred rows per round
-- whatever its size.  The ingest makes the counts of a round again, in the
-- same transaction, whenever a file adds or changes a household of it
-- (ingest/sql/kartlaggning.sql); --as-of counts its own from the survey as
-- it was (transform/sql/asof.sql).  A round's own tables still read its
-- households.

CREATE TABLE kartlaggning_omgang (
    omgang          INTEGER NOT NULL,  -- the round's year, as kartlaggning.omgang
    nyanland        INTEGER NOT NULL,  -- 1 newly arrived, 0 not
    hushallstyp     TEXT NOT NULL,     -- Hushållstyp
    boendesituation TEXT NOT NULL,     -- Boendesituation
    antal           INTEGER NOT NULL CHECK (antal > 0), -- households of the round with these
    PRIMARY KEY (omgang, nyanland, hushallstyp, boendesituation)
) WITHOUT ROWID;

INSERT INTO kartlaggning_omgang (omgang, nyanland, hushallstyp, boendesituation, antal)
SELECT omgang, nyanland, hushallstyp, boendesituation, count(*)
  FROM kartlaggning
 GROUP BY omgang, nyanland, hushallstyp, boendesituation;
