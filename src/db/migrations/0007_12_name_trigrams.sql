-- People are found by what their name contains (search, people?name=, representatives: LIKE '%…%'):
-- trigrams index that, so a name search reads the index instead of every name. pg_trgm is a
-- trusted extension, like unaccent (0002): the database's owner creates it.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
--> statement-breakpoint
CREATE INDEX "people_search_name_trgm_idx" ON "people" USING gin ("search_name" gin_trgm_ops);
