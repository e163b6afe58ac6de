/** Imports from the API: editors start one in the background and follow its run; users may not; all of it audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRun } from '../../src/ingest/import-runs.js';
import { bearer, expectProblem, finishedRun, login, makeUser, testApp, type TestApp, type Tokens } from './support.js';

let t: TestApp;
let editor: Tokens;

beforeAll(async () => {
  t = await testApp();
  editor = await login(t, await makeUser(t, 'editor'));
});
afterAll(async () => {
  await t?.close();
});

const finished = (id: number) => finishedRun(t, editor, id);

describe('POST /api/v1/admin/imports', () => {
  it('an editor imports the bundled OCD divisions in the background and follows the run to its counts', async () => {
    const start = await t.app.inject({ method: 'POST', url: '/api/v1/admin/imports', headers: bearer(editor), payload: { source: 'ocd-divisions', sample: true } });
    expect(start.statusCode).toBe(202);
    const run = start.json();
    expect(run).toMatchObject({ source: 'ocd-divisions', status: 'running' });
    expect(start.headers.location).toBe(`/api/v1/admin/imports/${run.id}`);
    // The console polls the run for its counts so far: no cache may answer in its place.
    const polled = await t.app.inject({ method: 'GET', url: `/api/v1/admin/imports/${run.id}`, headers: bearer(editor) });
    expect(polled.headers['cache-control']).toBe('no-store');

    const done = await finished(run.id);
    expect(['succeeded', 'partial']).toContain(done.status);
    expect(Number(done.inserted)).toBeGreaterThan(1000);
    expect(Array.isArray(done.rejections)).toBe(true);
    expect(done.rejections as unknown[]).toHaveLength(Math.min(Number(done.rejected), 100));

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/imports?source=ocd-divisions', headers: bearer(editor) })).json();
    expect(list.results[0]).toMatchObject({ id: run.id, status: done.status });

    const admin = await login(t, await makeUser(t, 'admin'));
    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit?per_page=100', headers: bearer(admin) })).json().results as { action: string; target_id: string; details: Record<string, unknown> }[];
    const ofRun = audit.filter((e) => e.target_id === String(run.id)).map((e) => e.action).sort();
    expect(ofRun).toEqual(['import.finish', 'import.start']);
    expect(audit.find((e) => e.action === 'import.finish')!.details).toMatchObject({ source: 'ocd-divisions', status: done.status, inserted: done.inserted });

    // Once finished, it may run again (and now finds everything unchanged).
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/admin/imports', headers: bearer(editor), payload: { source: 'ocd-divisions', sample: true } });
    expect(again.statusCode).toBe(202);
    const second = await finished(again.json().id);
    expect(second.unchanged).toBe(Number(done.inserted) + Number(done.updated));
  });

  it('one run per source at a time, whoever started the other (the CLI, the scheduler, another instance): 409 naming it', async () => {
    const other = await startRun(t.database, 'ocd-divisions', ['/elsewhere/country-ca.csv']);
    try {
      const busy = expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/admin/imports', headers: bearer(editor), payload: { source: 'ocd-divisions', sample: true } }), 409, 'import-running');
      expect(busy.detail).toContain(`An import of "ocd-divisions" is already running: run ${other.runId}, started `);
      expect(busy.detail).toContain(`GET /api/v1/admin/imports/${other.runId}`);
    } finally {
      await other.finish('succeeded', { inserted: 0, updated: 0, unchanged: 1, rejected: 0 }, null);
    }
  });

  it('refuses unknown sources, anything but the bundled sample, and callers below editor', async () => {
    const bad = expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/admin/imports', headers: bearer(editor), payload: { source: 'nope', sample: true } }), 400, 'invalid-parameter');
    expect(bad.detail).toMatch(/known sources: .*ocd-divisions/);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/admin/imports', headers: bearer(editor), payload: { source: 'ocd-divisions', sample: false } }), 400);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/admin/imports', headers: bearer(editor), payload: { source: 'ocd-divisions', paths: ['/etc/passwd'] } }), 400);
    const user = await login(t, await makeUser(t));
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/admin/imports', headers: bearer(user), payload: { source: 'ocd-divisions', sample: true } }), 403);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/imports', headers: bearer(user) }), 403);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/admin/imports/999999', headers: bearer(editor) }), 404);
  });
});
