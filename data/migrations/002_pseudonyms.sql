-- 002_pseudonyms.sql: schema version 2.  Personnummer are kept only as
-- keyed pseudonyms (doc/exports.md section 8): HMAC-SHA256 of the twelve-digit
-- number under a 32-byte key that lives outside the database (the key file,
-- see README "Så skyddas uppgifterna").  The same person has the same
-- pseudonym in every file and source loaded under the same key.

-- Settings of this database, one row each.
CREATE TABLE setting (
    name  TEXT PRIMARY KEY,          -- e.g. 'pseudonym_key_id'
    value TEXT NOT NULL              -- 'pseudonym_key_id': HMAC-SHA256 of a fixed text under
                                     -- the key, hex: names the key without revealing it
) WITHOUT ROWID;

ALTER TABLE bf_formedling  ADD COLUMN pseudonym TEXT;  -- hex HMAC of the main applicant's personnummer, or NULL
ALTER TABLE shis_placering ADD COLUMN pseudonym TEXT;  -- as in bf_formedling
ALTER TABLE kartlaggning   ADD COLUMN pseudonym TEXT;  -- as in bf_formedling

CREATE INDEX bf_formedling_pseudonym  ON bf_formedling(pseudonym)  WHERE pseudonym IS NOT NULL;
CREATE INDEX shis_placering_pseudonym ON shis_placering(pseudonym) WHERE pseudonym IS NOT NULL;
CREATE INDEX kartlaggning_pseudonym   ON kartlaggning(pseudonym)   WHERE pseudonym IS NOT NULL;
