-- Database access control, applied after the drizzle migrations on every
-- `migrate` (src/db/access-control.ts). Every statement is idempotent, so tables
-- added by later migrations pick up their grants on the next run, and the
-- migrations folder can be regenerated without losing this file.
--
--   openpolicy_owner     owns the schema; DATABASE_MIGRATION_URL logs in as it or a member of it
--   openpolicy_app       the API: DML on every table, no DDL, no UPDATE/DELETE on audit_log
--   openpolicy_readonly  reporting: SELECT, except on credentials and mail
--
-- The script runs as one transaction; the lock keeps two instances that migrate
-- one database at once from interleaving.
SELECT pg_advisory_xact_lock(hashtext('openpolicy_access_control'));

-- Roles are cluster-wide and several databases of one cluster migrate at once
-- (one per test file), so creation tolerates a concurrent creator.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['openpolicy_owner', 'openpolicy_app', 'openpolicy_readonly'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
  -- A non-superuser migrator needs membership to hand tables to the owner and to
  -- act as the application role (the API's user-scoped transactions SET ROLE to it).
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    FOREACH r IN ARRAY ARRAY['openpolicy_owner', 'openpolicy_app'] LOOP
      IF r <> current_user AND NOT pg_has_role(current_user, r, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', r, current_user);
      END IF;
    END LOOP;
  END IF;
END $$;

-- The owner owns every table (their sequences follow), whoever ran the migration.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'openpolicy_owner' LOOP
    EXECUTE format('ALTER TABLE public.%I OWNER TO openpolicy_owner', t.tablename);
  END LOOP;
END $$;

REVOKE CREATE ON SCHEMA public FROM openpolicy_app, openpolicy_readonly;
GRANT USAGE ON SCHEMA public TO openpolicy_app, openpolicy_readonly;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO openpolicy_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO openpolicy_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM openpolicy_app;
-- /health/ready checks that the migrations this code expects are applied (pendingMigrations in client.ts).
GRANT USAGE ON SCHEMA drizzle TO openpolicy_app;
GRANT SELECT ON drizzle.__drizzle_migrations TO openpolicy_app;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO openpolicy_readonly;
REVOKE SELECT ON users, sessions, refresh_tokens, api_keys, password_resets, email_outbox, saved_items FROM openpolicy_readonly;

-- Append-only for everyone, superusers and the embedded PGlite included: an
-- operator who must prune it disables this trigger as the owner, deliberately.
CREATE OR REPLACE FUNCTION openpolicy_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- Row-level security. The API runs user-owned queries in a transaction that sets
-- `app.user_id` (whose rows) or `app.secret_hash` (the hash of a refresh token or
-- API key the caller presented); with neither set a query sees no row at all.
-- The admin console's list and revocation of keys set `app.admin_id` instead:
-- it opens every user's API keys, but only while that id is a live admin's in
-- `users`, so a bug or injection that sets it for anyone else gains nothing.
CREATE OR REPLACE FUNCTION openpolicy_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
CREATE OR REPLACE FUNCTION openpolicy_secret_hash() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.secret_hash', true), '') $$;
CREATE OR REPLACE FUNCTION openpolicy_admin_scope() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT EXISTS (SELECT 1 FROM public.users
                    WHERE id = nullif(current_setting('app.admin_id', true), '')::uuid AND role = 'admin' AND disabled_at IS NULL) $$;

-- Table-level changes take an exclusive lock, so they run only when missing: a
-- second instance migrating a live database blocks no query. To change a policy,
-- give it a new name here (and drop the old one). An admin scope may read and
-- update (revoke) any key but insert or delete none; `(SELECT …)` makes its
-- check run once per query rather than once per row.
DO $$
DECLARE
  p record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_append_only' AND tgrelid = 'public.audit_log'::regclass) THEN
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION openpolicy_audit_append_only();
  END IF;

  FOR p IN SELECT * FROM (VALUES
    ('sessions', 'sessions_owner_v1', 'ALL',
      'user_id = openpolicy_user_id()',
      'user_id = openpolicy_user_id()'),
    ('refresh_tokens', 'refresh_tokens_owner_v1', 'ALL',
      'user_id = openpolicy_user_id() OR token_hash = openpolicy_secret_hash()',
      'user_id = openpolicy_user_id()'),
    ('api_keys', 'api_keys_owner_v1', 'ALL',
      'user_id = openpolicy_user_id() OR key_hash = openpolicy_secret_hash()',
      'user_id = openpolicy_user_id() OR key_hash = openpolicy_secret_hash()'),
    ('api_keys', 'api_keys_admin_read_v1', 'SELECT',
      '(SELECT openpolicy_admin_scope())',
      NULL),
    ('api_keys', 'api_keys_admin_revoke_v1', 'UPDATE',
      '(SELECT openpolicy_admin_scope())',
      '(SELECT openpolicy_admin_scope())'),
    ('saved_items', 'saved_items_owner_v1', 'ALL',
      'user_id = openpolicy_user_id()',
      'user_id = openpolicy_user_id()')
  ) AS v(tbl, policy, command, using_expr, check_expr) LOOP
    IF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = ('public.' || p.tbl)::regclass) THEN
      EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', p.tbl);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = p.tbl AND policyname = p.policy) THEN
      -- A SELECT policy takes no WITH CHECK: it never writes.
      EXECUTE format('CREATE POLICY %I ON public.%I FOR %s USING (%s)', p.policy, p.tbl, p.command, p.using_expr)
        || CASE WHEN p.check_expr IS NULL THEN '' ELSE format(' WITH CHECK (%s)', p.check_expr) END;
    END IF;
  END LOOP;
END $$;
