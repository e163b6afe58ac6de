/**
 * Database access control. On real PostgreSQL: the API logged in as an
 * application role (DML, no DDL, no rewriting the audit log) works end to end,
 * row-level security confines it to one user's sessions and keys even when a
 * query forgets its WHERE (an admin scope opens every key, to a live admin
 * only), and the reporting role reads data but no credentials. On PGlite: the
 * same policies and grants hold inside the transactions the API scopes to a
 * user (it switches to the application role).
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { scoped } from '../../src/auth/scope.js';
import { AccessTokens, sha256 } from '../../src/auth/tokens.js';
import { users } from '../../src/db/schema.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { bearer, JWT_SECRET, NO_LIMITS, PASSWORD, testStore } from './support.js';

type Sql = postgres.Sql;

interface Seeded {
  alice: string;
  bob: string;
  keyOfAlice: string;
  keyOfBob: string;
  admin: string;
  /** What the database derives the admin from: the hash of its session's secret, and of its API key. */
  adminSession: string;
  adminKey: string;
}

/** Two users, each with a session and an API key, and an admin with a session and a key, made through the API itself. */
async function seedThroughApi(database: Database, makeAdmin: (email: string) => Promise<void>): Promise<Seeded> {
  const store = testStore();
  const app = await buildApp({ database, store, security: { jwtSecret: JWT_SECRET, ...NO_LIMITS } });
  const ids: string[] = [];
  const keys: string[] = [];
  const sessions: string[] = [];
  for (const name of ['alice', 'bob', 'admin']) {
    const email = `${name}-${randomBytes(3).toString('hex')}@example.org`;
    const reg = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email, password: PASSWORD } });
    expect(reg.statusCode, reg.body).toBe(202);
    const [registered] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    ids.push(registered!.id);
    if (name === 'admin') await makeAdmin(email);
    const tokens = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } })).json();
    const sid = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url').toString()).sid as string;
    sessions.push(new AccessTokens(JWT_SECRET).sessionSecretHash(sid));
    const key = await app.inject({ method: 'POST', url: '/api/v1/keys', headers: bearer(tokens), payload: { name: `${name}'s key` } });
    expect(key.statusCode, key.body).toBe(201);
    keys.push(key.json().key);
    expect((await app.inject({ method: 'GET', url: '/api/v1/bills', headers: { 'x-api-key': key.json().key } })).statusCode).toBe(200);
  }
  await app.close();
  await store.close();
  return { alice: ids[0]!, bob: ids[1]!, admin: ids[2]!, keyOfAlice: keys[0]!, keyOfBob: keys[1]!, adminSession: sessions[2]!, adminKey: sha256(keys[2]!) };
}

/** Result rows of a raw statement, from either driver. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/**
 * Hole 8 of the outside test: the application role naming whom it acts for.
 * Run as the application role (a login role on PostgreSQL, SET ROLE on PGlite),
 * inside the transactions the API uses.
 */
function actingUserIsDerived(get: () => { db: Database['db']; seeded: Seeded }) {
  const owners = (secretHash: string, settings: Record<string, string> = {}) => scoped(get().db, { secretHash }, async (tx) => {
    for (const [name, value] of Object.entries(settings)) await tx.execute(sql`SELECT set_config(${name}, ${value}, true)`);
    return rowsOf<{ user_id: string }>(await tx.execute(sql`SELECT DISTINCT user_id FROM api_keys`)).map((r) => r.user_id).sort();
  });

  it('naming a user (app.user_id) or an admin (app.admin_id) opens nothing: the user comes from a secret\'s hash', async () => {
    const { seeded } = get();
    const nobody = sha256('a secret nobody was given');
    expect(await owners(nobody, { 'app.user_id': seeded.alice })).toEqual([]);
    expect(await owners(nobody, { 'app.admin_id': seeded.admin })).toEqual([]);
    expect(await owners(sha256(seeded.keyOfAlice))).toEqual([seeded.alice]);
    expect(await owners(sha256(seeded.keyOfAlice), { 'app.admin_id': seeded.admin })).toEqual([seeded.alice]);
    // An admin's session secret opens every user's keys for the console; the admin's API key does not.
    expect(await owners(seeded.adminSession)).toEqual([seeded.admin, seeded.alice, seeded.bob].sort());
    expect(await owners(seeded.adminKey)).toEqual([seeded.admin]);
  });

  it('UPDATE users SET role = \'admin\' is refused to the application role; only openpolicy_set_role with a live admin session changes a role', async () => {
    const { db, seeded } = get();
    // The database's own refusal, under drizzle's "Failed query" wrapper.
    const attempt = (secretHash: string, statement: ReturnType<typeof sql>) => scoped(db, { secretHash }, (tx) => tx.execute(statement))
      .catch((e: Error & { cause?: Error }) => Promise.reject(e.cause ?? e));
    await expect(attempt(sha256(seeded.keyOfAlice), sql`UPDATE users SET role = 'admin' WHERE id = ${seeded.alice}`)).rejects.toThrow();
    await expect(attempt(sha256(seeded.keyOfAlice), sql`INSERT INTO users (email, password_hash, role) VALUES ('climber@example.org', 'x', 'admin')`)).rejects.toThrow();
    await expect(attempt(sha256(seeded.keyOfAlice), sql`SELECT openpolicy_set_role(${seeded.alice}::uuid, 'admin')`)).rejects.toThrow(/live admin session/);
    await expect(attempt(seeded.adminKey, sql`SELECT openpolicy_set_role(${seeded.alice}::uuid, 'admin')`)).rejects.toThrow(/live admin session/);
    await attempt(seeded.adminSession, sql`SELECT openpolicy_set_role(${seeded.alice}::uuid, 'editor')`);
    const [alice] = await db.select({ role: users.role }).from(users).where(eq(users.id, seeded.alice));
    expect(alice!.role).toBe('editor');
    await expect(attempt(seeded.adminSession, sql`SELECT openpolicy_set_role(${seeded.admin}::uuid, 'user')`)).rejects.toThrow(/last active admin/);
  });
}

describe.skipIf(!process.env.DATABASE_URL)('on PostgreSQL, with login roles for the application and for reporting', () => {
  let database: TestDatabase;
  let admin: Sql; // the cluster's superuser, on the main database: creates and drops the login roles
  let owner: Sql; // the superuser on the test database
  let app: Sql;
  let reporting: Sql;
  let appDatabase: Database;
  const suffix = randomBytes(4).toString('hex');
  const appRole = `op_test_app_${suffix}`;
  const reportRole = `op_test_report_${suffix}`;
  let seeded: Seeded;

  const as = (role: string) => {
    const url = new URL(database.url!);
    url.username = role;
    url.password = '';
    return url.toString();
  };

  beforeAll(async () => {
    database = await testDatabase();
    admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE ROLE ${appRole} LOGIN IN ROLE openpolicy_app`);
    await admin.unsafe(`CREATE ROLE ${reportRole} LOGIN IN ROLE openpolicy_readonly`);
    owner = postgres(database.url!, { max: 1, onnotice: () => {} });
    app = postgres(as(appRole), { max: 1, onnotice: () => {} });
    reporting = postgres(as(reportRole), { max: 1, onnotice: () => {} });
    // The API as deployed: DATABASE_URL is the application role, DATABASE_MIGRATION_URL the owner.
    appDatabase = await openDatabase({ url: as(appRole), migrationUrl: database.url, max: 2 });
    await appDatabase.migrate();
    seeded = await seedThroughApi(appDatabase, async (email) => void (await owner`UPDATE users SET role = 'admin' WHERE email = ${email}`));
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await reporting?.end();
    await appDatabase?.close();
    await database?.drop();
    await admin?.unsafe(`DROP ROLE IF EXISTS ${appRole}`);
    await admin?.unsafe(`DROP ROLE IF EXISTS ${reportRole}`);
    await admin?.end();
  });

  it('the application role sees no session, refresh token or key without a user context', async () => {
    for (const table of ['sessions', 'refresh_tokens', 'api_keys', 'saved_items', 'saved_searches', 'webhooks']) {
      const [row] = await app.unsafe(`SELECT count(*)::int AS n FROM ${table}`);
      expect(row!.n, table).toBe(0);
    }
    // The superuser sees both users' rows: they exist.
    const [all] = await owner.unsafe(`SELECT count(DISTINCT user_id)::int AS n FROM api_keys`);
    expect(all!.n).toBeGreaterThanOrEqual(2);
  });

  it('in one user\'s context, a query without WHERE reads, updates and deletes that user\'s rows only', async () => {
    await app.begin(async (tx) => {
      await tx`SELECT set_config('app.secret_hash', ${sha256(seeded.keyOfAlice)}, true)`;
      const keys = await tx`SELECT user_id FROM api_keys`;
      expect(keys.map((k) => k.user_id)).toEqual([seeded.alice]);
      expect((await tx`UPDATE api_keys SET name = 'renamed by a buggy query' RETURNING user_id`).map((r) => r.user_id)).toEqual([seeded.alice]);
      expect((await tx`DELETE FROM sessions RETURNING user_id`).map((r) => r.user_id)).toEqual([seeded.alice]);
      throw Object.assign(new Error('rollback'), { rollback: true });
    }).catch((e: { rollback?: boolean }) => {
      if (!e.rollback) throw e;
    });
    const [bobs] = await owner`SELECT count(*)::int AS n FROM api_keys WHERE user_id = ${seeded.bob} AND name <> 'renamed by a buggy query'`;
    expect(bobs!.n).toBe(1);
  });

  it('cannot write a row for another user', async () => {
    await expect(app.begin(async (tx) => {
      await tx`SELECT set_config('app.secret_hash', ${sha256(seeded.keyOfAlice)}, true)`;
      await tx`INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES (${seeded.bob}, 'planted', 'opk_x', 'x')`;
    })).rejects.toThrow(/row-level security/);
  });

  it('a presented secret reveals its own row and nothing else', async () => {
    const hash = sha256(seeded.keyOfBob);
    const rows = await app.begin(async (tx) => {
      await tx`SELECT set_config('app.secret_hash', ${hash}, true)`;
      return tx`SELECT user_id FROM api_keys`;
    });
    expect(rows.map((r) => r.user_id)).toEqual([seeded.bob]);
  });

  it('an admin session opens every user\'s keys to read and revoke, never to insert or delete', async () => {
    const inScope = <T>(work: (tx: postgres.TransactionSql) => Promise<T>) => app.begin(async (tx) => {
      await tx`SELECT set_config('app.secret_hash', ${seeded.adminSession}, true)`;
      return work(tx);
    });
    // Its own keys are the admin's to delete, as any owner's; another user's are not.
    expect((await inScope((tx) => tx`DELETE FROM api_keys WHERE user_id <> ${seeded.admin} RETURNING id`)).length).toBe(0);
    await expect(inScope((tx) => tx`INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES (${seeded.bob}, 'planted', 'opk_x', 'x')`))
      .rejects.toThrow(/row-level security/);
  });

  describe('the acting user', () => actingUserIsDerived(() => ({ db: appDatabase.db, seeded })));

  it('may insert audit entries but never update or delete them, and has no DDL', async () => {
    await app`INSERT INTO audit_log (action, outcome) VALUES ('record.edit', 'success')`;
    await expect(app`UPDATE audit_log SET outcome = 'failure'`).rejects.toThrow(/permission denied for table audit_log/);
    await expect(app`DELETE FROM audit_log`).rejects.toThrow(/permission denied for table audit_log/);
    await expect(app`TRUNCATE audit_log`).rejects.toThrow(/permission denied/);
    await expect(app`CREATE TABLE scratch (x int)`).rejects.toThrow(/permission denied for schema public/);
    await expect(app`ALTER TABLE users ADD COLUMN is_admin boolean`).rejects.toThrow(/must be owner/);
    await expect(app`DROP TABLE bills`).rejects.toThrow(/must be owner/);
    await expect(app`ALTER TABLE api_keys DISABLE ROW LEVEL SECURITY`).rejects.toThrow(/must be owner/);
  });

  it('the reporting role reads the data but no credentials or mail, and writes nothing', async () => {
    const [bills] = await reporting`SELECT count(*)::int AS n FROM bills`;
    expect(bills!.n).toBe(0);
    expect((await reporting`SELECT count(*)::int AS n FROM audit_log`)[0]!.n).toBeGreaterThan(0);
    for (const table of ['users', 'sessions', 'refresh_tokens', 'api_keys', 'password_resets', 'email_outbox', 'saved_items',
      'saved_searches', 'webhooks', 'alert_settings', 'notifications', 'jobs']) {
      await expect(reporting.unsafe(`SELECT 1 FROM ${table} LIMIT 1`), table).rejects.toThrow(/permission denied/);
    }
    await expect(reporting`INSERT INTO audit_log (action, outcome) VALUES ('x', 'y')`).rejects.toThrow(/permission denied/);
  });

  it('the owner owns the schema; migrating as the application role fails naming DATABASE_MIGRATION_URL', async () => {
    const owners = await owner.unsafe(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
    expect(owners.map((o) => o.tableowner)).toEqual(['openpolicy_owner']);
    const appOnly = await openDatabase({ url: as(appRole), max: 1 });
    try {
      await expect(appOnly.migrate()).rejects.toThrow(/DATABASE_MIGRATION_URL/);
    } finally {
      await appOnly.close();
    }
  });
});

describe.skipIf(!!process.env.DATABASE_URL)('on PGlite (one superuser connection)', () => {
  let database: TestDatabase;
  let seeded: Seeded;

  beforeAll(async () => {
    database = await testDatabase();
    seeded = await seedThroughApi(database, async (email) => void (await database.db.update(users).set({ role: 'admin' }).where(eq(users.email, email))));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('the roles, policies and grants exist', async () => {
    const roles = await database.rows<{ rolname: string }>(sql`SELECT rolname FROM pg_roles WHERE rolname LIKE 'openpolicy_%' ORDER BY 1`);
    expect(roles.map((r) => r.rolname)).toEqual(['openpolicy_app', 'openpolicy_owner', 'openpolicy_readonly']);
    const guarded = await database.rows<{ relname: string }>(sql`SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = 'public'::regnamespace ORDER BY 1`);
    expect(guarded.map((r) => r.relname)).toEqual(['api_keys', 'refresh_tokens', 'saved_items', 'saved_searches', 'sessions', 'webhooks']);
  });

  it('inside a scoped transaction, a query without WHERE sees one user\'s rows only', async () => {
    const visible = await scoped(database.db, { secretHash: sha256(seeded.keyOfAlice) }, async (tx) => {
      const rows = (await tx.execute(sql`SELECT user_id FROM api_keys`)) as unknown as { rows: { user_id: string }[] };
      return rows.rows.map((r) => r.user_id);
    });
    expect(visible).toEqual([seeded.alice]);
    const none = await scoped(database.db, { secretHash: sha256('nobody') }, async (tx) =>
      ((await tx.execute(sql`SELECT count(*)::int AS n FROM sessions`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
    expect(none).toBe(0);
  });

  it('inside a scoped transaction the audit log cannot be rewritten and there is no DDL', async () => {
    const attempt = (statement: string) => scoped(database.db, { secretHash: sha256(seeded.keyOfAlice) }, (tx) => tx.execute(sql.raw(statement)));
    await expect(attempt(`UPDATE audit_log SET outcome = 'x'`)).rejects.toThrow();
    await expect(attempt(`CREATE TABLE scratch (x int)`)).rejects.toThrow();
    await expect(attempt(`INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES ('${seeded.bob}', 'planted', 'opk_x', 'x')`)).rejects.toThrow();
  });

  describe('the acting user', () => actingUserIsDerived(() => ({ db: database.db, seeded })));

  it('outside one (the superuser connection) row-level security does not apply: the code\'s WHERE is what holds', async () => {
    const rows = await database.rows<{ n: number }>(sql`SELECT count(DISTINCT user_id)::int AS n FROM api_keys`);
    expect(rows[0]!.n).toBe(3);
  });
});
