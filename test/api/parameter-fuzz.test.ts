/**
 * Property-based fuzzing of every documented read route's parameters, taken from
 * the OpenAPI document (a new route or parameter is covered without editing this
 * file): dates PostgreSQL refuses, huge and non-finite numbers, forged cursors,
 * NUL, invalid UTF-8 escapes, any unicode. The API answers 2xx, 404, or a 400
 * problem+json naming the parameter — never a 5xx — on the sample data.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAll, SAMPLE_DATA_DIR } from '../../src/ingest/import-all.js';
import { bearer, login, makeUser, testApp, type TestApp } from '../security/support.js';

interface Parameter { name: string; in: 'query' | 'path'; required?: boolean; schema: Record<string, unknown> }
interface Operation { path: string; parameters: Parameter[] }

let t: TestApp;
let adminAuth: Record<string, string>;
let operations: Operation[];
/** Path parameter values that name a real record, per operation path: found from the lists, or these from the README. */
const realPathValues = new Map<string, Record<string, string>>([
  ['/api/v1/bills/{jurisdiction}/{session}/{number}', { jurisdiction: 'ca', session: '45-1', number: 'C-12' }],
  ['/api/v1/votes/{jurisdiction}/{session}/{number}', { jurisdiction: 'ca', session: '44-1', number: '332' }],
]);
/** A value for a required query parameter, so that the one under test is the only one at fault. */
const REQUIRED_EXAMPLE = 'tax';

/** Percent-encodes every byte: lone surrogates become U+FFFD, as any client's UTF-8 encoder makes them. */
const encode = (value: string) => [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const raw = (escaped: string) => ({ raw: escaped });
type Value = string | { raw: string };
const asUrl = (value: Value) => (typeof value === 'string' ? encode(value) : value.raw);

const pad = (n: number, width: number) => (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0');
const dateLike = fc.tuple(fc.integer({ min: -10, max: 300_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const dateTimeLike = fc.tuple(dateLike, fc.integer({ min: 0, max: 25 }), fc.constantFrom('Z', '+00:00', '+99:00', '-14:00', ''))
  .map(([date, h, zone]) => `${date}T${pad(h, 2)}:00:00${zone}`);
const numberLike = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.constantFrom('2147483648', '9223372036854775808', '99999999999999999999', '1e309', '-0', '0x10', ' 1', '1 ', '١٢'),
);
const bytes = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => raw([...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')));
const HOSTILE: Value[] = [
  '0000-01-01', '-0001-01-01', '10000-01-01', '0000-01-01T00:00:00Z', '294277-01-01', '2024-02-30', '9999-12-31T23:59:59+99:00',
  '', ' ', '\0', 'a\u0000b', raw('%00'), raw('%FF'), raw('%C3%28'), raw('%ED%A0%80'), raw('%F0%90%80'), raw('%'), raw('%zz'),
  '\ud800', '🙂', 'x'.repeat(5000), "' OR 1=1 --", '\\', '%_', '(', '[', '!&|:*', '"', '<>', 'ocd-person/', '../..', 'W3siYSI6MX1d',
];
const DOT_SEGMENTS: Value[] = [raw('%2e'), raw('%2E%2e'), raw('.%2E')];
const hostile: fc.Arbitrary<Value> = fc.oneof(
  fc.constantFrom(...HOSTILE),
  dateLike, dateTimeLike, numberLike, bytes,
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function get(url: string, path: string) {
  const isPublic = !/^\/api\/v1\/(auth|keys|me|admin)\//.test(path);
  return t.app.inject({ method: 'GET', url, headers: isPublic ? {} : adminAuth });
}

/** A path value of the parameter's documented form that names no record (a uuid where one is asked), so the route's own checks are reached. */
function absentRecord(parameter: Parameter | undefined): string {
  return parameter?.schema.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'unknown';
}

function fill({ path, parameters }: Operation, values: Record<string, Value>): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = values[name] ?? realPathValues.get(path)?.[name] ?? absentRecord(parameters.find((p) => p.in === 'path' && p.name === name));
    // A wildcard takes slashes as they are (an OCD id); everything else is one segment.
    return typeof value === 'string' && name === '*' ? value.split('/').map(encode).join('/') : asUrl(value);
  });
}

/** For `/people/ocd-person/{uuid}/votes`: the first record of `/people`, its id's part after `ocd-person/`. */
async function findRealPathValues(): Promise<void> {
  for (const { path, parameters } of operations) {
    const names = parameters.filter((p) => p.in === 'path').map((p) => p.name);
    if (names.length !== 1) continue;
    const list = path.slice(0, path.indexOf('{') - 1).replace(/\/ocd-[a-z]+$/, '');
    const res = await get(`${list}?per_page=1`, list);
    const id = res.statusCode === 200 ? (res.json() as { results?: { id?: string }[] }).results?.[0]?.id : undefined;
    if (!id) continue;
    realPathValues.set(path, { [names[0]!]: /\/ocd-[a-z]+\/\{/.test(path) ? id.slice(id.indexOf('/') + 1) : id });
  }
}

beforeAll(async () => {
  t = await testApp();
  await importAll(t.database, SAMPLE_DATA_DIR);
  adminAuth = bearer(await login(t, await makeUser(t, 'admin')));
  const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
  operations = Object.entries(doc.paths)
    .filter(([path, ops]) => path.startsWith('/api/v1/') && ops.get)
    .map(([path, ops]) => ({ path, parameters: ops.get!.parameters ?? [] }));
  await findRealPathValues();
}, 600_000);
afterAll(async () => {
  await t?.close();
});

interface Outcome { status: number; type: string; parameter?: string; detail?: string }

async function request(operation: Operation, query: [string, Value][], path: Record<string, Value> = {}): Promise<Outcome> {
  const required = operation.parameters.filter((p) => p.in === 'query' && p.required && !query.some(([name]) => name === p.name));
  const qs = [...query, ...required.map((p): [string, Value] => [p.name, REQUIRED_EXAMPLE])].map(([name, value]) => `${encode(name)}=${asUrl(value)}`).join('&');
  const res = await get(`${fill(operation, path)}${qs ? `?${qs}` : ''}`, operation.path);
  const type = String(res.headers['content-type'] ?? '');
  const body = type.includes('json') ? (res.json() as { parameter?: string; detail?: string }) : {};
  return { status: res.statusCode, type, parameter: body.parameter, detail: body.detail };
}

const describeValue = (value: Value) => (typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : value.raw);

/** What is wrong with an answer: a 5xx; a 4xx that is not problem+json; a 400 for one bad query parameter that does not name it. */
function fault(outcome: Outcome, parameter?: string): string | null {
  if (outcome.status >= 500) return `${outcome.status} ${outcome.detail ?? ''}`;
  if (outcome.status >= 400 && !outcome.type.startsWith('application/problem+json')) return `${outcome.status} as ${outcome.type}`;
  if (outcome.status === 400 && parameter && outcome.parameter !== parameter) return `400 naming ${outcome.parameter ?? 'nothing'}: ${outcome.detail}`;
  return null;
}

function check(outcome: Outcome, what: string, parameter?: string): void {
  expect(fault(outcome, parameter), what).toBeNull();
}

describe('every documented read route', () => {
  it('covers the routes the document lists', () => {
    expect(operations.length).toBeGreaterThanOrEqual(25);
    expect(operations.flatMap((o) => o.parameters).filter((p) => (p.schema as { format?: string }).format === 'date').length).toBeGreaterThanOrEqual(10);
    expect(realPathValues.size).toBeGreaterThanOrEqual(6);
  });

  it('answers each hostile query parameter with 2xx, 404 or a 400 naming it', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
        for (const value of HOSTILE) {
          const problem = fault(await request(operation, [[parameter.name, value]]), parameter.name);
          if (problem) failures.push(`GET ${operation.path}?${parameter.name}=${describeValue(value)} → ${problem}`);
        }
      }
    }
    expect(failures).toEqual([]);
    for (const operation of operations) {
      for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
        await fc.assert(fc.asyncProperty(hostile, async (value) => {
          check(await request(operation, [[parameter.name, value]]), `GET ${operation.path}?${parameter.name}=${describeValue(value)}`, parameter.name);
        }), { numRuns: 25 });
      }
    }
  }, 900_000);

  it('answers hostile path parameters with 404 or 400, never a 5xx', async () => {
    for (const operation of operations) {
      for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
        // A value that is a dot segment once decoded is no value: the path is another route's (`/keys/%2e` is `/keys`).
        for (const value of DOT_SEGMENTS) {
          check(await request(operation, [], { [parameter.name]: value }), `GET ${operation.path} with ${parameter.name}=${describeValue(value)}`);
        }
        await fc.assert(fc.asyncProperty(fc.oneof(fc.constantFrom(...HOSTILE), hostile), async (value) => {
          check(await request(operation, [], { [parameter.name]: value }), `GET ${operation.path} with ${parameter.name}=${describeValue(value)}`);
        }), { numRuns: 40 });
      }
    }
  }, 900_000);

  it('answers any mix of parameters, valid-looking and hostile, without a 5xx', async () => {
    for (const operation of operations.filter((o) => o.parameters.some((p) => p.in === 'query'))) {
      const names = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      const pairs = fc.array(fc.tuple(fc.constantFrom(...names), fc.oneof(hostile, fc.constantFrom<Value>('1', '20', 'ca', '44-1', '2023-01-01', 'true', 'csv', 'C-12'))), { maxLength: 6 });
      await fc.assert(fc.asyncProperty(pairs, async (query) => {
        check(await request(operation, query), `GET ${operation.path}?${query.map(([n, v]) => `${n}=${describeValue(v)}`).join('&')}`);
      }), { numRuns: 30 });
    }
  }, 900_000);
});
