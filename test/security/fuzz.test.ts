/**
 * A fuzz pass over every write route the app has: malformed, oversized,
 * mistyped, prototype-polluting and wrongly typed bodies, and hostile path
 * parameters, as anonymous and as admin. Every answer is a 4xx problem, never a 5xx.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, login, makeUser, testApp, type TestApp } from './support.js';

let t: TestApp;
let adminToken: string;

beforeAll(async () => {
  t = await testApp();
  adminToken = (await login(t, await makeUser(t, 'admin'))).access_token;
});
afterAll(async () => {
  await t?.close();
});

const FIELDS = ['email', 'password', 'username', 'name', 'refresh_token', 'token', 'current_password', 'new_password', 'role', 'tier', 'disabled', 'source', 'sample', 'expires_at'];
const WEIRD: unknown[] = [null, 0, -1, 1e308, true, [], {}, [1, 2], { nested: { deeper: true } }, '', ' ', 'x'.repeat(20_000), '\u0000', 'a\u0000b', '\ud800', '🙂'.repeat(300), "' OR 1=1 --", '../../etc/passwd', '<script>alert(1)</script>', '%00', '2000-13-45T99:99:99Z'];

interface Case {
  name: string;
  payload: string | Buffer;
  contentType?: string;
}

function cases(): Case[] {
  const json = (name: string, value: unknown): Case => ({ name, payload: JSON.stringify(value), contentType: 'application/json' });
  const list: Case[] = [
    { name: 'truncated JSON', payload: '{"email": "a@b.c", "password": ', contentType: 'application/json' },
    { name: 'empty JSON body', payload: '', contentType: 'application/json' },
    { name: 'trailing garbage', payload: '{} {}', contentType: 'application/json' },
    { name: 'invalid UTF-8', payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), contentType: 'application/json' },
    { name: '__proto__ pollution', payload: '{"__proto__": {"role": "admin"}, "email": "a@b.c"}', contentType: 'application/json' },
    { name: 'constructor.prototype pollution', payload: '{"constructor": {"prototype": {"role": "admin"}}}', contentType: 'application/json' },
    { name: 'deep nesting', payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' },
    { name: 'over the body limit', payload: JSON.stringify({ email: 'a@b.c', password: 'p'.repeat(2 * 1024 * 1024) }), contentType: 'application/json' },
    { name: 'text/plain', payload: '{"email":"a@b.c"}', contentType: 'text/plain' },
    { name: 'form-urlencoded', payload: 'email=a%40b.c&password=x', contentType: 'application/x-www-form-urlencoded' },
    { name: 'multipart', payload: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
    { name: 'xml', payload: '<user><role>admin</role></user>', contentType: 'application/xml' },
    { name: 'json with a foreign charset', payload: '{}', contentType: 'application/json; charset=utf-16' },
    { name: 'no content type', payload: '{"email":"a@b.c"}' },
  ];
  for (const value of [null, [], 'text', 42, true]) list.push(json(`top-level ${JSON.stringify(value)}`, value));
  for (const value of WEIRD) {
    list.push(json(`every field = ${JSON.stringify(value)?.slice(0, 30)}`, Object.fromEntries(FIELDS.map((f) => [f, value]))));
  }
  // Numbers and booleans are left out here: the API coerces them to strings, which can make a lone field valid.
  for (const field of FIELDS) for (const value of [null, [], {}, 'x'.repeat(5000), 'a\u0000b']) list.push(json(`${field} = ${JSON.stringify(value).slice(0, 20)}`, { [field]: value }));
  return list;
}

const HOSTILE_IDS = ['not-a-uuid', '0', '-1', '99999999999999999999', "1' OR '1'='1", '..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(2000), '00000000-0000-0000-0000-00000000000g'];

it('every write route answers every malformed request with a 4xx problem, never a 5xx', async () => {
  const writes = t.app.routePermissions.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
  expect(writes.length).toBeGreaterThanOrEqual(15);
  const failures: string[] = [];
  let requests = 0;
  for (const route of writes) {
    const urls = route.url.includes(':') ? HOSTILE_IDS.map((id) => route.url.replace(/:[A-Za-z_]+/g, id)) : [route.url];
    for (const who of ['anonymous', 'admin'] as const) {
      const auth = who === 'admin' ? bearer(adminToken) : {};
      const sends = [...cases().map((c) => ({ url: route.url.replace(/:[A-Za-z_]+/g, '0f0e0d0c-0b0a-4908-8706-050403020100'), c })), ...urls.map((url) => ({ url, c: cases()[0]! }))];
      for (const { url, c } of sends) {
        const res = await t.app.inject({
          method: route.method as 'POST',
          url,
          payload: c.payload,
          headers: { ...auth, ...(c.contentType ? { 'content-type': c.contentType } : {}) },
        });
        requests++;
        const problem = String(res.headers['content-type']).startsWith('application/problem+json');
        if (res.statusCode < 400 || res.statusCode >= 500 || !problem) failures.push(`${who} ${route.method} ${url.slice(0, 80)} [${c.name}] → ${res.statusCode} ${res.body.slice(0, 150)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(requests).toBeGreaterThan(1000);
  // The admin's session survived: no malformed request reached a handler that ends it.
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(adminToken) })).statusCode).toBe(200);
});

it('hostile query strings on the public reads are 4xx too', async () => {
  const failures: string[] = [];
  for (const query of ['q=%00', 'page=0', 'page=-1', 'page=1e309', 'per_page=100000', 'cursor=%00', 'cursor=W3siYSI6MX1d', 'cursor=not-base64!', 'sort=__proto__', 'unknown=1', 'include=everything']) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/bills?${query}` });
    if (res.statusCode < 400 || res.statusCode >= 500) failures.push(`GET /api/v1/bills?${query} → ${res.statusCode} ${res.body.slice(0, 120)}`);
  }
  for (const query of ['cursor=WyJhYmMiXQ', 'cursor=W251bGxd', 'role=root', 'user_id=1', 'since=yesterday']) {
    for (const list of ['users', 'audit', 'outbox', 'keys']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/admin/${list}?${query}`, headers: bearer(adminToken) });
      if (res.statusCode >= 500) failures.push(`GET /api/v1/admin/${list}?${query} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
  }
  expect(failures).toEqual([]);
});
