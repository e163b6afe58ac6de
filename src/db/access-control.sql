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
REVOKE SELECT ON users, sessions, refresh_tokens, api_keys, password_resets, email_outbox, saved_items,
  saved_searches, webhooks, alert_settings, notifications, jobs FROM openpolicy_readonly;

-- Append-only for everyone, superusers and the embedded PGlite included: an
-- operator who must prune it disables this trigger as the owner, deliberately.
CREATE OR REPLACE FUNCTION openpolicy_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- Who is acting is the database's to work out, never the application's to say.
-- The API's user-owned queries run in a transaction that sets `app.secret_hash`:
-- the SHA-256 of the secret the caller presented (a session's secret behind its
-- access token, an API key, a refresh token, a reset token). The database
-- derives the user from the live credential with that hash; with none, or an
-- unknown one, a query sees no row at all. Nothing the application role can
-- set names a user directly: knowing a user's id gains nothing without a
-- secret of theirs. These functions run as the owner, which row-level security
-- does not bind (no FORCE), so they can look a hash up whatever the caller sees.
CREATE OR REPLACE FUNCTION openpolicy_secret_hash() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.secret_hash', true), '') $$;
-- The user of a live session with this secret: the only credential that manages users.
CREATE OR REPLACE FUNCTION openpolicy_session_user_id() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT user_id FROM public.sessions
     WHERE secret_hash = openpolicy_secret_hash() AND revoked_at IS NULL AND expires_at > now() $$;
CREATE OR REPLACE FUNCTION openpolicy_user_id() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT coalesce(
       openpolicy_session_user_id(),
       (SELECT user_id FROM public.api_keys WHERE key_hash = openpolicy_secret_hash()
          AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())),
       -- A used refresh token still names its user: presenting it again revokes its session.
       (SELECT user_id FROM public.refresh_tokens WHERE token_hash = openpolicy_secret_hash()),
       (SELECT user_id FROM public.password_resets WHERE token_hash = openpolicy_secret_hash()
          AND used_at IS NULL AND expires_at > now())) $$;
-- The admin console's scope: the acting user is a live, enabled admin, by a session (never a key).
CREATE OR REPLACE FUNCTION openpolicy_admin_scope() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT EXISTS (SELECT 1 FROM public.users
                    WHERE id = openpolicy_session_user_id() AND role = 'admin' AND disabled_at IS NULL) $$;

-- Roles change only here: the acting admin is derived from its session's secret,
-- and the last active admin is never demoted.
CREATE OR REPLACE FUNCTION openpolicy_set_role(target uuid, new_role text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT openpolicy_admin_scope() THEN
    RAISE EXCEPTION 'only a live admin session may change a role' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF new_role NOT IN ('admin', 'editor', 'user') THEN
    RAISE EXCEPTION 'unknown role %', new_role USING ERRCODE = 'check_violation';
  END IF;
  IF new_role <> 'admin' AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> target) THEN
    RAISE EXCEPTION 'cannot demote the last active admin' USING ERRCODE = 'check_violation';
  END IF;
  UPDATE users SET role = new_role, updated_at = now() WHERE id = target;
END $$;

-- A role other than user at creation (`openpolicy user create --admin`): for the
-- operator (a superuser or a role outside the application's), or the first admin
-- of a platform that has none.
CREATE OR REPLACE FUNCTION openpolicy_create_role(target uuid, new_role text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT ((SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
          OR NOT pg_has_role(session_user, 'openpolicy_app', 'MEMBER')
          OR NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL)) THEN
    RAISE EXCEPTION 'the application role may create only the first admin; run this as the schema owner (DATABASE_MIGRATION_URL)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE users SET role = new_role, updated_at = now() WHERE id = target;
END $$;

DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['openpolicy_session_user_id()', 'openpolicy_user_id()', 'openpolicy_admin_scope()',
                           'openpolicy_set_role(uuid, text)', 'openpolicy_create_role(uuid, text)'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO openpolicy_owner', f);
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION openpolicy_set_role(uuid, text), openpolicy_create_role(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION openpolicy_set_role(uuid, text), openpolicy_create_role(uuid, text) TO openpolicy_app;

-- The application role updates every column of users but the role, and inserts
-- users with role `user` only (drizzle names every column in an INSERT, so the
-- insert is guarded by a trigger rather than a column grant).
DO $$
DECLARE
  columns text;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ') INTO columns
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users' AND column_name <> 'role';
  REVOKE UPDATE ON users FROM openpolicy_app;
  EXECUTE format('GRANT UPDATE (%s) ON users TO openpolicy_app', columns);
END $$;

CREATE OR REPLACE FUNCTION openpolicy_users_start_as_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role <> 'user' AND pg_has_role(current_user, 'openpolicy_app', 'MEMBER')
     AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RAISE EXCEPTION 'the application role creates users with role user only (roles change through openpolicy_set_role)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'users_start_as_user' AND tgrelid = 'public.users'::regclass) THEN
    CREATE TRIGGER users_start_as_user BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION openpolicy_users_start_as_user();
  END IF;
END $$;

-- Table-level changes take an exclusive lock, so they run only when missing: a
-- second instance migrating a live database blocks no query. To change a policy,
-- give it a new name here (it drops the other versions of the table's policies).
-- A session is written by the one who holds its secret (a login creates it with
-- its secret set). An admin scope may read and update (revoke) any session or
-- key but insert or delete none; `(SELECT …)` makes a check run once per query
-- rather than once per row.
DO $$
DECLARE
  p record;
  stale record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_append_only' AND tgrelid = 'public.audit_log'::regclass) THEN
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION openpolicy_audit_append_only();
  END IF;

  CREATE TEMP TABLE wanted_policies (tbl text, policy text, command text, using_expr text, check_expr text) ON COMMIT DROP;
  INSERT INTO wanted_policies VALUES
    ('sessions', 'sessions_owner_v2', 'ALL',
      'user_id = (SELECT openpolicy_user_id()) OR secret_hash = openpolicy_secret_hash()',
      'user_id = (SELECT openpolicy_user_id()) OR secret_hash = openpolicy_secret_hash()'),
    ('sessions', 'sessions_admin_read_v2', 'SELECT', '(SELECT openpolicy_admin_scope())', NULL),
    ('sessions', 'sessions_admin_revoke_v2', 'UPDATE', '(SELECT openpolicy_admin_scope())', '(SELECT openpolicy_admin_scope())'),
    ('refresh_tokens', 'refresh_tokens_owner_v2', 'ALL',
      'user_id = (SELECT openpolicy_user_id()) OR token_hash = openpolicy_secret_hash()',
      'user_id = (SELECT openpolicy_user_id())'),
    ('api_keys', 'api_keys_owner_v2', 'ALL',
      'user_id = (SELECT openpolicy_user_id()) OR key_hash = openpolicy_secret_hash()',
      'user_id = (SELECT openpolicy_user_id()) OR key_hash = openpolicy_secret_hash()'),
    ('api_keys', 'api_keys_admin_read_v2', 'SELECT', '(SELECT openpolicy_admin_scope())', NULL),
    ('api_keys', 'api_keys_admin_revoke_v2', 'UPDATE', '(SELECT openpolicy_admin_scope())', '(SELECT openpolicy_admin_scope())'),
    ('saved_items', 'saved_items_owner_v2', 'ALL', 'user_id = (SELECT openpolicy_user_id())', 'user_id = (SELECT openpolicy_user_id())'),
    -- Alerts (src/alerts): the delivery worker reads every user's rows as the owner (DATABASE_MIGRATION_URL when set).
    ('saved_searches', 'saved_searches_owner_v1', 'ALL', 'user_id = (SELECT openpolicy_user_id())', 'user_id = (SELECT openpolicy_user_id())'),
    ('webhooks', 'webhooks_owner_v1', 'ALL', 'user_id = (SELECT openpolicy_user_id())', 'user_id = (SELECT openpolicy_user_id())');

  FOR stale IN SELECT tablename, policyname FROM pg_policies
    WHERE schemaname = 'public' AND tablename IN (SELECT tbl FROM wanted_policies) AND policyname NOT IN (SELECT policy FROM wanted_policies) LOOP
    EXECUTE format('DROP POLICY %I ON public.%I', stale.policyname, stale.tablename);
  END LOOP;

  FOR p IN SELECT * FROM wanted_policies LOOP
    -- Enabled, not forced: the owner's lookup functions above read through it.
    IF NOT (SELECT relrowsecurity AND NOT relforcerowsecurity FROM pg_class WHERE oid = ('public.' || p.tbl)::regclass) THEN
      EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY', p.tbl);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = p.tbl AND policyname = p.policy) THEN
      -- A SELECT policy takes no WITH CHECK: it never writes.
      EXECUTE format('CREATE POLICY %I ON public.%I FOR %s USING (%s)', p.policy, p.tbl, p.command, p.using_expr)
        || CASE WHEN p.check_expr IS NULL THEN '' ELSE format(' WITH CHECK (%s)', p.check_expr) END;
    END IF;
  END LOOP;
END $$;
