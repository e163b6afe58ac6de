-- What the PostgreSQL settings (conf.d/openpolicy.conf) need inside the database:
-- the statement statistics, the exporter's role, and finer statistics where the
-- API filters on a column with many values. Idempotent; run as a superuser after
-- every `openpolicy migrate` that recreated tables:
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

-- The person a list is filtered by (/people/{id}/votes, a sponsor's bills, a member's
-- speeches) is one of more than 100 distinct values, which is all the default
-- statistics target keeps as "most common": the planner then guesses every other
-- member's row count from an average. 1,000 holds every member of a Parliament
-- (bench/tuning.ts prints the distinct counts of the full data set).
ALTER TABLE votes ALTER COLUMN voter_id SET STATISTICS 1000;
ALTER TABLE bills ALTER COLUMN sponsor_person_id SET STATISTICS 1000;
ALTER TABLE speeches ALTER COLUMN person_id SET STATISTICS 1000;
ANALYZE votes, bills, speeches;
