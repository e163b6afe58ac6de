/**
 * Helpers for the security tests: an app on a fresh database and a store of its
 * own (Redis under a unique prefix when REDIS_URL is set), and users of each role.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/api/app.js';
import type { Role } from '../../src/auth/permissions.js';
import type { SecurityOptions } from '../../src/auth/security.js';
import { createUser } from '../../src/auth/users.js';
import { checkContract } from '../support/contract.js';
import { memoryStore, redisStore, type Store } from '../../src/store/store.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

export const JWT_SECRET = 'test-secret-of-at-least-thirty-two-bytes-0123456789';
export const PASSWORD = 'correct horse battery staple';

/** Quotas high enough that a test's own traffic never trips them. */
export const NO_LIMITS: SecurityOptions = {
  tiers: { anonymous: [{ limit: 100_000, windowMs: 60_000 }], default: [{ limit: 100_000, windowMs: 60_000 }] },
  authIpQuota: { limit: 100_000, windowMs: 60_000 },
};

export function testStore(prefix = `test:${randomUUID()}:`): Store {
  return process.env.REDIS_URL ? redisStore(process.env.REDIS_URL, prefix) : memoryStore();
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  store: Store;
  close(): Promise<void>;
}

export async function testApp(
  security: SecurityOptions = NO_LIMITS,
  database?: TestDatabase,
  alerts?: AppOptions['alerts'],
  more: Pick<AppOptions, 'fetch' | 'ops'> = {},
): Promise<TestApp> {
  const db = database ?? (await testDatabase());
  const store = testStore();
  const app = await buildApp({ database: db, store, security: { jwtSecret: JWT_SECRET, ...security }, ...(alerts ? { alerts } : {}), ...more });
  await app.ready();
  // Every response is checked against the OpenAPI document; close() reports the violations.
  const contract = checkContract(app);
  return {
    app,
    database: db,
    store,
    async close() {
      await app.close();
      await store.close();
      if (!database) await db.drop();
      if (contract.violations.length) throw new Error(`Responses that violate the OpenAPI document:\n${JSON.stringify(contract.violations, null, 1)}`);
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

let counter = 0;
export async function makeUser(t: TestApp, role: Role = 'user', password = PASSWORD): Promise<TestUser> {
  const email = `${role}-${++counter}-${randomUUID().slice(0, 8)}@example.org`;
  const row = await createUser(t.database.db, { email, password, role });
  return { id: row.id, email, password, role };
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
}

export async function login(t: TestApp, user: { email: string; password: string }): Promise<Tokens> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const bearer = (tokens: Tokens | string) => ({ authorization: `Bearer ${typeof tokens === 'string' ? tokens : tokens.access_token}` });

export function expectProblem(res: LightMyRequestResponse, status: number, slug?: string): Record<string, unknown> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) throw new Error(`not problem+json: ${res.headers['content-type']}`);
  const body = res.json() as Record<string, unknown>;
  if (slug && !String(body.type).endsWith(`/${slug}`)) throw new Error(`expected problem ${slug}, got ${String(body.type)}: ${String(body.detail)}`);
  return body;
}

/** An import or fetch run once it is no longer running, polled as the console does. */
export async function finishedRun(t: TestApp, who: Tokens, id: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const run = (await t.app.inject({ method: 'GET', url: `/api/v1/admin/imports/${id}`, headers: bearer(who) })).json();
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`run ${id} did not finish`);
}
