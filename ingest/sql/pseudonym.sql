-- pseudonym.sql: the identifier of the key the pseudonyms were made with.

-- name: key_id
SELECT value FROM setting WHERE name = 'pseudonym_key_id';

-- name: set_key_id
INSERT INTO setting (name, value) VALUES ('pseudonym_key_id', :key_id);

-- name: count
SELECT (SELECT count(*) FROM bf_formedling WHERE pseudonym IS NOT NULL)
     + (SELECT count(*) FROM shis_placering WHERE pseudonym IS NOT NULL)
     + (SELECT count(*) FROM kartlaggning WHERE pseudonym IS NOT NULL);
