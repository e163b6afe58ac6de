/** The fetch schedule of `serve`, against a local server serving a shared Hansard sitting under ourcommons.ca's layout. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { hansardFetcher } from '../../src/fetch/hansard.js';
import { startFetchScheduler } from '../../src/fetch/scheduler.js';
import { DATA_CHANGED } from '../../src/store/data-changed.js';
import { startRun } from '../../src/ingest/import-runs.js';
import { memoryStore } from '../../src/store/store.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { publisherServer, type PublisherServer } from '../support/publisher-server.js';

/** Polls `check` until it holds; the machine is shared, so only an upper bound far above need. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the fetch scheduler', () => {
  let server: PublisherServer;
  let database: TestDatabase;
  const store = memoryStore();
  const settings = () => loadConfig({
    FETCH: 'on', FETCH_CONTACT: 'data@openpolicy.test', FETCH_OURCOMMONS_URL: server.url, FETCH_SESSION: '44-1', FETCH_HANSARD_FROM: '200',
    FETCH_HOST_INTERVAL_MS: '0',
  }).fetch;
  const runs = async () => database.rows<{ status: string; inserted: number; error: string | null }>(sql`
    SELECT status, inserted, error FROM import_runs WHERE source = 'hansard' ORDER BY id`);
  const messages: string[] = [];
  const log = { info: (_: object, message: string) => messages.push(message), error: (_: object, message: string) => messages.push(message) };

  beforeAll(async () => {
    server = await publisherServer();
    server.documents.set('/Content/House/441/Debates/200/HAN200-E.XML', readFileSync(join(SHARED_DATA, 'hansard', '44-1-200-en.xml')));
    database = await testDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('runs each source again and again, announcing only the runs that wrote something', async () => {
    const announced: string[] = [];
    await store.subscribe(DATA_CHANGED, (message) => announced.push(message));
    const scheduler = startFetchScheduler({ database, store, settings: settings(), log, fetchers: [hansardFetcher], firstRunAfterMs: 0, periodMs: () => 10 });
    await eventually(async () => (await runs()).length >= 3, 'three scheduled runs');
    await scheduler.stop();
    const done = await runs();
    // A run in progress when the scheduler stops ends at its next request, failed with the reason.
    const last = done.at(-1)!;
    if (last.status === 'failed') expect(last.error).toMatch(/^stopped before GET http:\/\/127\.0\.0\.1:\d+\/Content\/House\/441\/Debates\/\d+\/HAN\d+-[EF]\.XML: the server is shutting down$/);
    const finished = last.status === 'failed' ? done.slice(0, -1) : done;
    expect(finished.length).toBeGreaterThanOrEqual(2);
    expect(finished.map((r) => r.status)).toEqual(finished.map(() => 'succeeded'));
    expect(finished[0]!.inserted).toBeGreaterThan(0);
    expect(finished.slice(1).every((r) => r.inserted === 0)).toBe(true);
    expect(announced).toHaveLength(1);
    // Stopped means stopped: no run starts afterwards.
    const after = done.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await runs()).toHaveLength(after);
  });

  it('skips a source another run holds (the admin API, the CLI, another instance), and frees it after its own runs', async () => {
    const other = await startRun(database, 'hansard', ['held by the test']);
    const before = (await runs()).length;
    messages.length = 0;
    const scheduler = startFetchScheduler({ database, store, settings: settings(), log, fetchers: [hansardFetcher], firstRunAfterMs: 0, periodMs: () => 10 });
    await eventually(async () => messages.filter((m) => m.startsWith('scheduled fetch skipped')).length >= 2, 'two skipped runs');
    await scheduler.stop();
    expect(await runs()).toHaveLength(before);
    expect(await other.finish('succeeded', { inserted: 0, updated: 0, unchanged: 1, rejected: 0 }, null)).toBe(true);
    // The scheduler's own runs left the source free.
    const next = await startRun(database, 'hansard', ['taken again']);
    await next.finish('succeeded', { inserted: 0, updated: 0, unchanged: 1, rejected: 0 }, null);
  });
});
