/**
 * The permission matrix over every route the app has: anonymous, user, editor
 * and admin each get the expected 401 / 403 / allowed. A route added without a
 * declared permission is refused when it is registered, so the app (and this
 * test) cannot start; a private route missing from the table below fails here.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.js';
import { KEY_SCOPES, ROLE_PERMISSIONS, type Permission, type Role } from '../../src/auth/permissions.js';
import { installSecurityPolicies } from '../../src/auth/security.js';
import { bearer, login, makeUser, testApp, type TestApp, type TestUser } from './support.js';

/** Every route that is not a public read, with the permission it must declare. */
const EXPECTED: Record<string, Permission> = {
  'POST /api/v1/auth/register': 'auth:public',
  'POST /api/v1/auth/login': 'auth:public',
  'POST /api/v1/auth/refresh': 'auth:public',
  'POST /api/v1/auth/password-reset': 'auth:public',
  'POST /api/v1/auth/password-reset/confirm': 'auth:public',
  'POST /api/v1/auth/logout': 'account:self',
  'GET /api/v1/auth/me': 'account:self',
  'POST /api/v1/auth/password': 'account:self',
  'GET /api/v1/auth/sessions': 'account:self',
  'DELETE /api/v1/auth/sessions': 'account:self',
  'DELETE /api/v1/auth/sessions/:id': 'account:self',
  'POST /api/v1/keys': 'keys:manage',
  'GET /api/v1/keys': 'keys:manage',
  'GET /api/v1/keys/:id': 'keys:manage',
  'DELETE /api/v1/keys/:id': 'keys:manage',
  'GET /api/v1/me/saved': 'saved:manage',
  'PUT /api/v1/me/saved/:type/:uuid': 'saved:manage',
  'PATCH /api/v1/me/saved/:type/:uuid': 'saved:manage',
  'DELETE /api/v1/me/saved/:type/:uuid': 'saved:manage',
  'GET /api/v1/me/alerts': 'saved:manage',
  'PUT /api/v1/me/alerts': 'saved:manage',
  'GET /api/v1/me/searches': 'saved:manage',
  'POST /api/v1/me/searches': 'saved:manage',
  'DELETE /api/v1/me/searches/:id': 'saved:manage',
  'GET /api/v1/me/webhooks': 'saved:manage',
  'POST /api/v1/me/webhooks': 'saved:manage',
  'DELETE /api/v1/me/webhooks/:id': 'saved:manage',
  'GET /api/v1/me/webhooks/:id/deliveries': 'saved:manage',
  'POST /api/v1/me/webhooks/:id/test': 'saved:manage',
  // One-click unsubscribe: the mailed secret is the authority, no account.
  'POST /api/v1/unsubscribe/:token': 'public:read',
  'GET /api/v1/admin/users': 'users:manage',
  'GET /api/v1/admin/users/:id': 'users:manage',
  'PATCH /api/v1/admin/users/:id': 'users:manage',
  'DELETE /api/v1/admin/users/:id': 'users:manage',
  'POST /api/v1/admin/users/:id/unlock': 'users:manage',
  'GET /api/v1/admin/audit': 'audit:read',
  'GET /api/v1/admin/outbox': 'outbox:read',
  'GET /api/v1/admin/keys': 'users:manage',
  'DELETE /api/v1/admin/keys/:id': 'users:manage',
  'POST /api/v1/admin/imports': 'imports:run',
  'GET /api/v1/admin/imports': 'imports:read',
  'GET /api/v1/admin/imports/:id': 'imports:read',
  'GET /api/v1/admin/fetch': 'imports:read',
  'POST /api/v1/admin/fetch/:source': 'imports:run',
  'GET /admin/performance/stream': 'ops:read',
};

/** Routes that answer 2xx to each allowed role with no parameters or body. */
const PLAIN_READS = ['/api/v1/auth/me', '/api/v1/auth/sessions', '/api/v1/keys', '/api/v1/me/saved', '/api/v1/admin/users', '/api/v1/admin/audit', '/api/v1/admin/outbox', '/api/v1/admin/keys', '/api/v1/admin/imports', '/api/v1/admin/fetch'];

const PRIVATE = /^\/api\/v1\/(auth|keys|admin|me)(\/|$)/;

let t: TestApp;
const users: Partial<Record<Role, TestUser>> = {};

beforeAll(async () => {
  t = await testApp();
  for (const role of ['user', 'editor', 'admin'] as const) users[role] = await makeUser(t, role);
});
afterAll(async () => {
  await t?.close();
});

function concreteUrl(url: string): string {
  if (url === '*') return '/api/v1/bills';
  return url
    .replace(/\/admin\/imports\/:id/, '/admin/imports/2147483000')
    .replace(/:id(?=\/|$)/g, '0f0e0d0c-0b0a-4908-8706-050403020100')
    .replace(/:[A-Za-z_]+/g, 'x')
    .replace(/\*$/, 'x');
}

describe('every route declares a permission', () => {
  it('and private routes declare the expected one; everything else is a public read', () => {
    const routes = t.app.routePermissions;
    expect(routes.length).toBeGreaterThan(Object.keys(EXPECTED).length);
    const seen = new Set<string>();
    for (const route of routes) {
      const method = route.method === 'HEAD' ? 'GET' : route.method;
      const key = `${method} ${route.url}`;
      seen.add(key);
      if (EXPECTED[key]) {
        expect(route.permission, key).toBe(EXPECTED[key]);
        continue;
      }
      expect(PRIVATE.test(route.url), `${key} is under a private prefix but missing from the EXPECTED table of this test`).toBe(false);
      expect(['GET', 'OPTIONS'].includes(method), `${key} writes but is not in the EXPECTED table`).toBe(true);
      expect(route.permission, key).toBe('public:read');
    }
    for (const key of Object.keys(EXPECTED)) expect(seen.has(key), `${key} is expected but not registered`).toBe(true);
  });

  it('a route registered without one is refused at startup, naming the fix', async () => {
    const app = Fastify();
    app.decorate('database', t.database);
    app.decorate('store', t.store);
    installSecurityPolicies(app, {});
    expect(() => app.post('/api/v1/corrections', async () => ({}))).toThrow(/declares no permission.*config: \{ permission/);
    expect(() => app.get('/internal/stats', async () => ({}))).toThrow(/declares no permission/);
    expect(() => app.get('/api/v1/admin/secret', async () => ({}))).toThrow(/declares no permission/);
    expect(() => app.get('/api/v1/x', { config: { permission: 'root' as Permission } }, async () => ({}))).toThrow(/unknown permission "root"/);
    expect(() => app.get('/api/v1/new-public-list', async () => ({}))).not.toThrow();
    await app.close();
  });
});

type Credential = 'token' | 'key' | 'full-key';
const ANYONE: Permission[] = ['public:read', 'auth:public'];
/** What a key may be given beyond public reads, stated here rather than read from the code under test. */
const KEY_GRANTABLE: Permission[] = ['saved:manage', 'imports:read', 'imports:run', 'records:edit'];

/** 'allowed', '401' or '403' for a role with a credential on a route needing `permission`. */
function expectedAnswer(role: Role | 'anonymous', credential: Credential, permission: Permission): string {
  if (ANYONE.includes(permission)) return 'allowed';
  if (role === 'anonymous') return '401';
  if (!ROLE_PERMISSIONS[role].has(permission)) return '403';
  if (credential === 'token') return 'allowed';
  // A key made with no scopes reads; one made with every scope its role allows still never manages users, keys, the account, audit, mail or operations.
  return credential === 'full-key' && KEY_GRANTABLE.includes(permission) ? 'allowed' : '403';
}

describe('the matrix: anonymous, user, editor, admin, each with an access token, a default key and a key with every scope, on every route', () => {
  it('answers 401 to anonymous and 403 without the permission or scope; never 401/403 to those with it', async () => {
    const failures: string[] = [];
    // Reads share one session per role. A write may end every other session (DELETE /auth/sessions), so it runs
    // in a fresh one and the next read logs in again.
    const reads = new Map<Role, string>();
    const readToken = async (role: Role) => {
      if (!reads.has(role)) reads.set(role, (await login(t, users[role]!)).access_token);
      return reads.get(role)!;
    };
    const keys = new Map<string, string>();
    for (const role of ['user', 'editor', 'admin'] as const) {
      keys.set(`${role} key`, (await createApiKey(t.database.db, users[role]!.id, { name: 'default', expiresAt: null })).key);
      const all = KEY_SCOPES.filter((scope) => ROLE_PERMISSIONS[role].has(scope));
      keys.set(`${role} full-key`, (await createApiKey(t.database.db, users[role]!.id, { name: 'full', expiresAt: null, scopes: all })).key);
    }

    for (const route of t.app.routePermissions) {
      for (const role of ['anonymous', 'user', 'editor', 'admin'] as const) {
        for (const credential of role === 'anonymous' ? ['token' as const] : (['token', 'key', 'full-key'] as const)) {
          let headers: Record<string, string> = {};
          if (role !== 'anonymous' && credential === 'token') {
            // Writes may end the session they run in (logout, revoke): each gets a fresh one.
            const read = route.method === 'GET' || route.method === 'HEAD';
            headers = bearer(read ? await readToken(role) : await login(t, users[role]!));
            if (!read) reads.delete(role);
          } else if (role !== 'anonymous') {
            headers = { 'x-api-key': keys.get(`${role} ${credential}`)! };
          }
          if (route.method === 'OPTIONS') headers = { ...headers, origin: 'https://example.org', 'access-control-request-method': 'GET' };
          // As a stream: a Server-Sent Events route never ends, and its status is all the matrix needs.
          const res = await t.app.inject({ method: route.method as 'GET', url: concreteUrl(route.url), headers, payloadAsStream: true });
          let body = '';
          for await (const chunk of res.stream()) {
            body = String(chunk).slice(0, 120);
            break;
          }
          const expected = expectedAnswer(role, credential, route.permission);
          const got = res.statusCode === 401 || res.statusCode === 403 ? String(res.statusCode) : 'allowed';
          const who = role === 'anonymous' ? role : `${role} ${credential}`;
          if (got !== expected) failures.push(`${who} ${route.method} ${route.url}: expected ${expected}, got ${res.statusCode} ${body}`);
          if (expected === 'allowed' && route.method === 'GET' && PLAIN_READS.includes(route.url) && (res.statusCode < 200 || res.statusCode > 299)) {
            failures.push(`${who} GET ${route.url}: expected 2xx, got ${res.statusCode}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route × four roles × three credentials, with a fresh login per write: minutes on a busy machine.
  }, 600_000);

  it('the role table itself: each role has its predecessor\'s permissions and more', () => {
    const order = ['anonymous', 'user', 'editor', 'admin'] as const;
    for (let i = 1; i < order.length; i++) {
      for (const p of ROLE_PERMISSIONS[order[i - 1]!]) expect(ROLE_PERMISSIONS[order[i]!].has(p)).toBe(true);
      expect(ROLE_PERMISSIONS[order[i]!].size).toBeGreaterThan(ROLE_PERMISSIONS[order[i - 1]!].size);
    }
  });
});
