-- Full-text search folds accents (Québec = Quebec): PostgreSQL's English and French
-- configurations with the unaccent dictionary before the stemmer, for the token types
-- that can hold a non-ASCII letter (src/db/full-text.ts names these configurations).
-- unaccent is a trusted extension: the schema owner creates it when it may create in
-- this database (its owner does); otherwise a superuser runs this one statement first.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.openpolicy_english (COPY = pg_catalog.english);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.openpolicy_english
  ALTER MAPPING FOR word, hword, hword_part WITH public.unaccent, pg_catalog.english_stem;
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.openpolicy_english
  ALTER MAPPING FOR numword, numhword, hword_numpart WITH public.unaccent, pg_catalog.simple;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.openpolicy_french (COPY = pg_catalog.french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.openpolicy_french
  ALTER MAPPING FOR word, hword, hword_part WITH public.unaccent, pg_catalog.french_stem;
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.openpolicy_french
  ALTER MAPPING FOR numword, numhword, hword_numpart WITH public.unaccent, pg_catalog.simple;
