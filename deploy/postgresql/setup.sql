-- What the PostgreSQL settings (conf.d/openpolicy.conf) need inside the database:
-- the statement statistics, the exporter's role, and per-table settings for the
-- tables the importers fill in bulk. Idempotent; run as a superuser after every
-- `openpolicy migrate` that recreated tables:
--   psql -d openpolicy -v ON_ERROR_STOP=1 -f deploy/postgresql/setup.sql

-- The slowest statements, for postgres_exporter (deploy/prometheus/postgres-exporter-queries.yml).
-- Needs pg_stat_statements in shared_preload_libraries (conf.d/openpolicy.conf).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

-- prometheus-postgres-exporter logs in as this role (give it a password, or a peer
-- or cert line in pg_hba.conf); pg_monitor reads every statistics view and nothing
-- of the data.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'postgres_exporter') THEN
    CREATE ROLE postgres_exporter LOGIN;
  END IF;
END $$;
GRANT pg_monitor TO postgres_exporter;

-- votes (a row per member per division: ~2 million rows on the full data set) and
-- speeches (every intervention in Hansard) grow by a whole session at a time. At
-- their size even 5 % is 100,000 rows, so vacuum and analyze on a fixed count
-- instead: the visibility map (index-only scans of votes_voter_idx) and the
-- statistics follow each import rather than every few imports.
ALTER TABLE votes SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
  autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000,
  autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 20000);
ALTER TABLE speeches SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
  autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 10000,
  autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 10000);
ALTER TABLE bill_actions SET (autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000,
  autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);

-- Re-imports update rows in place (updated_at, provenance); leaving a tenth of each
-- page free lets PostgreSQL write the new version on the same page (a HOT update:
-- no index entries to add, less bloat).
ALTER TABLE bills SET (fillfactor = 90);
ALTER TABLE people SET (fillfactor = 90);
ALTER TABLE vote_events SET (fillfactor = 90);

-- Filters the list builder uses on skewed columns: a few values (44-1, "yes") cover
-- most rows and many are rare; 1,000 buckets instead of 100 let the planner tell
-- a rare voter or session from a common one.
ALTER TABLE votes ALTER COLUMN voter_id SET STATISTICS 1000;
ALTER TABLE bills ALTER COLUMN session_id SET STATISTICS 1000;
ALTER TABLE bills ALTER COLUMN sponsor_person_id SET STATISTICS 1000;
ALTER TABLE speeches ALTER COLUMN person_id SET STATISTICS 1000;
ALTER TABLE vote_events ALTER COLUMN session_id SET STATISTICS 1000;

-- GIN indexes on the full-text vectors: during an import, new entries go to a
-- pending list merged later; 16 MB (default 4 MB) means fewer merges in the middle
-- of an import batch, at the price of a longer list for searches until vacuum.
ALTER INDEX speeches_search_en_idx SET (gin_pending_list_limit = 16384);
ALTER INDEX speeches_search_fr_idx SET (gin_pending_list_limit = 16384);
ALTER INDEX bill_texts_search_en_idx SET (gin_pending_list_limit = 16384);
ALTER INDEX bill_texts_search_fr_idx SET (gin_pending_list_limit = 16384);

ANALYZE votes, bills, speeches, vote_events;
