-- codes.sql: the code lists, read once at the start of an ingest.

-- name: labels
SELECT list, label, NULL AS alias, sort FROM ref_code
UNION ALL
SELECT list, label, alias, 1000 FROM ref_alias
ORDER BY 1, 4;
