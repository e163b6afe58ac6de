/**
 * The fetch sources from the admin API: each one's schedule, last run and
 * freshness, and "fetch now" through the import service (one run per source:
 * 409 while another runs), counted in metrics and judged in /health. The
 * publisher is a local server serving the shared member files (no network).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { FETCH_SOURCES } from '../../src/ingest/catalog.js';
import { memberFileUrl } from '../../src/fetch/ourcommons-members.js';
import { startRun } from '../../src/ingest/import-runs.js';
import { MEMBER_FILES } from '../../src/ingest/ourcommons-members.js';
import { SHARED_DATA } from '../support/db.js';
import { publisherServer, type PublisherServer } from '../support/publisher-server.js';
import { bearer, expectProblem, finishedRun, login, makeUser, NO_LIMITS, testApp, type TestApp, type Tokens } from './support.js';

let server: PublisherServer;
let t: TestApp;
let editor: Tokens;
const env = () => ({ FETCH: 'on', FETCH_CONTACT: 'data@openpolicy.test', FETCH_MEMBERS_URL: server.url, FETCH_SCHEDULE: 'ourcommons-members=12h', FETCH_HOST_INTERVAL_MS: '0', FETCH_RETRIES: '0' });

beforeAll(async () => {
  server = await publisherServer();
  for (const file of Object.values(MEMBER_FILES)) server.documents.set(`/${file}`, readFileSync(join(SHARED_DATA, 'ourcommons-44', file)));
  t = await testApp(NO_LIMITS, undefined, undefined, { fetch: loadConfig(env()).fetch, ops: { expectedSources: FETCH_SOURCES } });
  editor = await login(t, await makeUser(t, 'editor'));
});
afterAll(async () => {
  await t?.close();
  await server?.close();
});

const overview = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/admin/fetch', headers: bearer(editor) })).json();
const members = async () => (await overview()).sources.find((s: { source: string }) => s.source === 'ourcommons-members');

const finished = (id: number) => finishedRun(t, editor, id);

describe('GET /api/v1/admin/fetch', () => {
  it('lists every fetch source with its schedule and feeds; one never run has no last run and is stale, in /health too', async () => {
    const body = await overview();
    expect(body).toMatchObject({ scheduled: true, can_fetch: true, stale_after_hours: 48 });
    expect(body.sources.map((s: { source: string }) => s.source)).toEqual(FETCH_SOURCES);
    expect(FETCH_SOURCES).toContain('ourcommons-members');
    expect(await members()).toEqual({
      source: 'ourcommons-members', every_minutes: 720, feeds: Object.values(MEMBER_FILES).map((f) => `${server.url}/${f}`),
      last_run: null, last_success_at: null, age_hours: null, stale: true,
    });
    const health = (await t.app.inject({ method: 'GET', url: '/health' })).json();
    expect(health.status).toBe('degraded');
    for (const source of FETCH_SOURCES) expect(health.components.importers).toContainEqual({ source, last_success_at: null, age_hours: null, stale: true });
  });
});

describe('POST /api/v1/admin/fetch/{source}', () => {
  it('an editor fetches the members now: the run imports them, then the source shows its last run, fresh, in /health and in metrics', async () => {
    const start = await t.app.inject({ method: 'POST', url: '/api/v1/admin/fetch/ourcommons-members', headers: bearer(editor) });
    expect(start.statusCode).toBe(202);
    const run = start.json();
    expect(run).toMatchObject({ source: 'ourcommons-members', status: 'running', paths: Object.values(MEMBER_FILES).map((f) => memberFileUrl(loadConfig(env()).fetch, f)) });
    expect(start.headers.location).toBe(`/api/v1/admin/imports/${run.id}`);
    const done = await finished(run.id);
    expect(done).toMatchObject({ status: 'succeeded', inserted: 6 + 338 + 339 + 339 + 341, rejected: 0 });

    const shown = await members();
    expect(shown.last_run).toMatchObject({ id: run.id, status: 'succeeded' });
    expect(shown).toMatchObject({ stale: false, last_success_at: done.finished_at });
    const health = (await t.app.inject({ method: 'GET', url: '/health' })).json();
    expect(health.components.importers).toContainEqual(expect.objectContaining({ source: 'ourcommons-members', stale: false }));

    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/import_runs_total\{source="ourcommons-members",status="succeeded"\} [1-9]/);
    expect(metrics).toMatch(/fetch_requests_total\{host="127\.0\.0\.1:\d+",outcome="modified"\} [4-9]/);

    // Fetched again, the publisher answers 304 for each file: the run writes nothing.
    const again = await finished((await t.app.inject({ method: 'POST', url: '/api/v1/admin/fetch/ourcommons-members', headers: bearer(editor) })).json().id);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    expect(server.requests.slice(-4).map((r) => r.status)).toEqual([304, 304, 304, 304]);
  });

  it('one run per source at a time, whoever started the other: 409 naming it', async () => {
    const other = await startRun(t.database, 'ourcommons-members', ['/elsewhere']);
    try {
      const busy = expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/admin/fetch/ourcommons-members', headers: bearer(editor) }), 409, 'import-running');
      expect(busy.detail).toContain(`An import of "ourcommons-members" is already running: run ${other.runId}`);
      expect((await members()).last_run).toMatchObject({ id: other.runId, status: 'running' });
    } finally {
      await other.finish('succeeded', { inserted: 0, updated: 0, unchanged: 0, rejected: 0 }, null);
    }
  });

  it('refuses a source that is not fetched, callers below editor, and a server with no contact for the publishers', async () => {
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/admin/fetch/bc-legislature', headers: bearer(editor) }), 400);
    const user = await login(t, await makeUser(t));
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/admin/fetch/ourcommons-members', headers: bearer(user) }), 403);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/fetch', headers: bearer(user) }), 403);

    const unconfigured = await testApp(NO_LIMITS, t.database);
    try {
      const ed = await login(unconfigured, await makeUser(unconfigured, 'editor'));
      const refused = expectProblem(await unconfigured.app.inject({ method: 'POST', url: '/api/v1/admin/fetch/ourcommons-members', headers: bearer(ed) }), 409, 'fetch-not-configured');
      expect(refused.detail).toMatch(/set FETCH_CONTACT/);
      expect((await unconfigured.app.inject({ method: 'GET', url: '/api/v1/admin/fetch', headers: bearer(ed) })).json()).toMatchObject({ scheduled: false, can_fetch: false });
    } finally {
      await unconfigured.close();
    }
  });
});
