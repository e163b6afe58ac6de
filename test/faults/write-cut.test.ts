/**
 * The database cut off (through a TCP proxy) in the middle of each write route:
 * after its 1st statement, its 2nd, … up to its last, each on fresh accounts.
 * Every time, the account's rows are as before the request or as after a whole
 * one — never half — the answer is the route's own or a 503 problem+json, and
 * the log holds no email, password or password hash. PostgreSQL only: PGlite
 * has no connection to cut.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { runImport } from '../../src/ingest/runner.js';
import { memoryStore } from '../../src/store/store.js';
import { eventually, loggedApp, TcpProxy, type LoggedApp } from '../ops/support.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';

const PG = process.env.DATABASE_URL;
const PASSWORD = 'a passphrase nobody may log';

interface Account {
  id: string;
  email: string;
  password: string;
  hash: string;
  access?: string;
  other?: string;
}

interface WriteRoute {
  name: string;
  /** Prepares fresh accounts (database up); returns the account whose rows the request changes, and the request. */
  prepare(): Promise<{ account: Account; request: InjectOptions }>;
}

describe.skipIf(!PG)('the database cut in the middle of each write route', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: Database;
  let logged: LoggedApp;
  let cutAt = 0;
  let seen = 0;
  let cut = false;
  let person = '';
  let admin: Account;
  const emails: string[] = [];

  const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token}` });
  const send = (request: InjectOptions) => logged.app.inject(request);

  async function account(role: 'user' | 'admin' = 'user', signIn = true): Promise<Account> {
    const email = `cut-${randomUUID().slice(0, 12)}@example.org`;
    emails.push(email);
    const row = await createUser(database.db, { email, password: PASSWORD, role });
    const [{ hash }] = await database.rows<{ hash: string }>(sql`SELECT password_hash AS hash FROM users WHERE id = ${row.id}`) as [{ hash: string }];
    const made: Account = { id: row.id, email, password: PASSWORD, hash };
    if (signIn) made.access = (await login(made)).access_token;
    return made;
  }

  async function login(a: Account): Promise<{ access_token: string }> {
    const res = await send({ method: 'POST', url: '/api/v1/auth/login', payload: { email: a.email, password: a.password } });
    if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  /** Everything the write routes change about an account, read directly (not through the proxy). */
  async function rowsOf(a: Account): Promise<Record<string, unknown>> {
    const [row] = await database.rows(sql`
      WITH u AS (SELECT * FROM users WHERE email = ${a.email})
      SELECT (SELECT count(*) FROM u)::int AS users,
        (SELECT string_agg(role || '/' || tier || '/' || (disabled_at IS NOT NULL)::text || '/' || (password_hash <> ${a.hash})::text, ',') FROM u) AS state,
        (SELECT count(*) FROM sessions s JOIN u ON u.id = s.user_id)::int AS sessions,
        (SELECT count(*) FROM sessions s JOIN u ON u.id = s.user_id WHERE s.revoked_at IS NOT NULL)::int AS sessions_revoked,
        (SELECT count(*) FROM refresh_tokens r JOIN u ON u.id = r.user_id)::int AS refresh_tokens,
        (SELECT count(*) FROM api_keys k JOIN u ON u.id = k.user_id)::int AS keys,
        (SELECT count(*) FROM api_keys k JOIN u ON u.id = k.user_id WHERE k.revoked_at IS NOT NULL)::int AS keys_revoked,
        (SELECT count(*) FROM saved_items i JOIN u ON u.id = i.user_id)::int AS saved,
        (SELECT count(*) FROM password_resets p JOIN u ON u.id = p.user_id WHERE p.used_at IS NOT NULL)::int AS resets_used,
        (SELECT count(*) FROM audit_log l WHERE l.actor = ${a.email} OR l.user_id IN (SELECT id FROM u) OR l.target_id IN (SELECT id::text FROM u))::int AS audit`);
    return row!;
  }

  const routes: WriteRoute[] = [
    {
      name: 'register',
      async prepare() {
        const email = `cut-${randomUUID().slice(0, 12)}@example.org`;
        emails.push(email);
        return { account: { id: '', email, password: PASSWORD, hash: '' }, request: { method: 'POST', url: '/api/v1/auth/register', payload: { email, password: PASSWORD } } };
      },
    },
    {
      name: 'login',
      async prepare() {
        const a = await account('user', false);
        return { account: a, request: { method: 'POST', url: '/api/v1/auth/login', payload: { email: a.email, password: a.password } } };
      },
    },
    {
      name: 'logout',
      async prepare() {
        const a = await account();
        return { account: a, request: { method: 'POST', url: '/api/v1/auth/logout', headers: bearer(a.access) } };
      },
    },
    {
      name: 'end my other sessions',
      async prepare() {
        const a = await account();
        await login(a);
        return { account: a, request: { method: 'DELETE', url: '/api/v1/auth/sessions', headers: bearer(a.access) } };
      },
    },
    {
      name: 'create a key',
      async prepare() {
        const a = await account();
        return { account: a, request: { method: 'POST', url: '/api/v1/keys', headers: bearer(a.access), payload: { name: 'cut' } } };
      },
    },
    {
      name: 'revoke a key',
      async prepare() {
        const a = await account();
        const key = (await send({ method: 'POST', url: '/api/v1/keys', headers: bearer(a.access), payload: { name: 'cut' } })).json() as { id: string };
        return { account: a, request: { method: 'DELETE', url: `/api/v1/keys/${key.id}`, headers: bearer(a.access) } };
      },
    },
    {
      name: 'follow a person',
      async prepare() {
        const a = await account();
        return { account: a, request: { method: 'PUT', url: `/api/v1/me/saved/person/${person}`, headers: bearer(a.access) } };
      },
    },
    {
      name: 'an admin disables an account',
      async prepare() {
        const a = await account();
        return { account: a, request: { method: 'PATCH', url: `/api/v1/admin/users/${a.id}`, headers: bearer(admin.access), payload: { disabled: true, tier: 'partner' } } };
      },
    },
    {
      name: 'password reset',
      async prepare() {
        const a = await account();
        expect((await send({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: a.email } })).statusCode).toBe(202);
        let token: string | undefined;
        await eventually(async () => {
          const rows = await database.rows<{ body: string }>(sql`SELECT body FROM email_outbox WHERE recipient = ${a.email} ORDER BY id DESC LIMIT 1`);
          token = rows[0]?.body.match(/oprs_[A-Za-z0-9_-]+/)?.[0];
          // The request's audit entry is written after the mail: wait for it too, or it lands during the cut request.
          const [audited] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'password.reset_request' AND actor = ${a.email}`);
          return token !== undefined && audited!.n === 1;
        });
        return { account: a, request: { method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'another passphrase, never logged' } } };
      },
    },
  ];

  beforeAll(async () => {
    database = await testDatabase();
    // Someone to follow: the House's members, as published.
    await runImport(database, ourcommonsMembers, ourcommonsMembers.samplePaths(SHARED_DATA));
    const [row] = await database.rows<{ id: string }>(sql`SELECT id::text AS id FROM people ORDER BY id LIMIT 1`);
    person = row!.id.split('/').pop()!;
    const target = new URL(database.url!);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    viaProxy = await openDatabase({ url: proxy.url(database.url!), max: 4 });
    // Cut the connection as the `cutAt`-th statement (or transaction) of the request finishes.
    viaProxy.onQuery(() => {
      if (cutAt > 0 && ++seen === cutAt) {
        cut = true;
        void proxy.cut();
      }
    });
    logged = await loggedApp({ database: viaProxy, store: memoryStore(), level: 'info' });
    admin = await account('admin');
  }, 600_000);
  afterAll(async () => {
    await logged?.app.close();
    await viaProxy?.close();
    await proxy?.cut();
    await database?.drop();
  });

  async function backUp(): Promise<void> {
    if (!cut) return;
    cut = false;
    await proxy.restore();
    await eventually(async () => (await send({ url: '/health/ready' })).statusCode === 200, 30_000, 200);
  }

  for (const route of routes) {
    it(`${route.name}: all or nothing at every statement`, async () => {
      // A whole request first: how many statements it takes, and what it changes.
      const whole = await route.prepare();
      const before = await rowsOf(whole.account);
      seen = 0;
      cutAt = Number.MAX_SAFE_INTEGER;
      const res = await send(whole.request);
      const statements = seen;
      cutAt = 0;
      expect(res.statusCode, res.body).toBeLessThan(300);
      const after = await rowsOf(whole.account);
      expect(after).not.toEqual(before);
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      expect(statements).toBeGreaterThan(0);

      for (let k = 1; k <= statements; k++) {
        const attempt = await route.prepare();
        const was = await rowsOf(attempt.account);
        seen = 0;
        cutAt = k;
        const answer = await send(attempt.request);
        cutAt = 0;
        const now = await rowsOf(attempt.account);
        const moved = Object.keys(now).filter((key) => now[key] !== was[key]);
        // Nothing changed, or everything a whole request changes (the cut came after its commit).
        expect(moved.length === 0 || moved.join() === changed.join(), `cut after statement ${k} of ${statements}: ${JSON.stringify({ was, now })}`).toBe(true);
        if (answer.statusCode >= 300) {
          expect(answer.statusCode, answer.body).toBe(503);
          expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
        await backUp();
      }
    }, 600_000);
  }

  it('logged no email, password or password hash through all of it', async () => {
    const hashes = await database.rows<{ hash: string }>(sql`SELECT password_hash AS hash FROM users`);
    const logs = logged.rawLogs.join('');
    expect(logs).toContain('database unavailable');
    for (const email of emails) expect(logs).not.toContain(email);
    for (const { hash } of hashes) expect(logs).not.toContain(hash);
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain('another passphrase, never logged');
  });
});
