/**
 * The import service's one lock per source, its heartbeat and the reaper: a run
 * whose process was killed is marked abandoned and its source can be imported
 * again; a second import of a source is refused naming the run that holds it.
 * On PostgreSQL and on PGlite (the suite's two runs).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { importRuns } from '../../src/db/schema.js';
import { SAMPLE_DATA_DIR } from '../../src/ingest/import-all.js';
import { ABANDON_AFTER_MS, ImportRunning, reapAbandonedRuns, startRun } from '../../src/ingest/import-runs.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport, type Importer } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';

const SAMPLE = legisinfoBills.samplePaths(SAMPLE_DATA_DIR);
// 6,229 bills: an import that runs long enough to be killed in the middle.
const ALL_BILLS = join(SHARED_DATA, 'legisinfo', 'bills-metadata.tar.gz');
const NONE = { inserted: 0, updated: 0, unchanged: 1, rejected: 0 };
const onPostgres = Boolean(process.env.DATABASE_URL);

async function runRow(database: Database, id: number) {
  const [row] = await database.db.select().from(importRuns).where(eq(importRuns.id, id));
  return row!;
}

async function runCount(database: Database, source: string): Promise<number> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_runs WHERE source = ${source}`);
  return row!.n;
}

describe('one run per source', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('refuses a second run of a source while one runs, naming it, and writes nothing for it', async () => {
    const held = await startRun(database, 'legisinfo-bills', ['/admin/started/this']);
    const before = await runCount(database, 'legisinfo-bills');
    const refused = await runImport(database, legisinfoBills, SAMPLE).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRunning);
    expect((refused as ImportRunning).run.id).toBe(held.runId);
    expect((refused as Error).message).toMatch(new RegExp(`^An import of "legisinfo-bills" is already running: run ${held.runId}, started \\d{4}-\\d\\d-\\d\\dT`));
    expect(await runCount(database, 'legisinfo-bills')).toBe(before);
    // Other sources are not held.
    const other = await startRun(database, 'hansard', []);
    await other.finish('succeeded', NONE, null);

    expect(await held.finish('succeeded', NONE, null)).toBe(true);
    const report = await runImport(database, legisinfoBills, SAMPLE);
    expect(report.status, report.error ?? '').toBe('succeeded');
  }, 600_000);

  it('a run whose row was taken from it (marked abandoned) stops at its next unit and reports abandoned', async () => {
    let units = 0;
    const stolen: Importer = {
      ...legisinfoBills,
      async run(ctx) {
        await ctx.unit('first', async () => ({ inserted: 1, updated: 0, unchanged: 0 }));
        units++;
        // The reaper of another instance decided this process was dead.
        await database.rows(sql`UPDATE import_runs SET status = 'abandoned', error = 'reaped' WHERE id = ${ctx.runId}`);
        await ctx.unit('second', async () => ({ inserted: 1, updated: 0, unchanged: 0 }));
        await ctx.unit('third', async () => {
          units++;
          return { inserted: 1, updated: 0, unchanged: 0 };
        });
      },
    };
    const report = await runImport(database, stolen, SAMPLE, { countsEveryMs: 0 });
    expect(report.status).toBe('abandoned');
    expect(report.error).toMatch(/was marked abandoned/);
    expect(units).toBe(1);
    expect(await runRow(database, report.runId)).toMatchObject({ status: 'abandoned', error: 'reaped' });
  }, 600_000);

  it('the reaper ends runs whose process is gone, and only those', async () => {
    // A row of another process: on PostgreSQL judged by its heartbeat; PGlite has no other process.
    const insert = async (age: string) => (await database.rows<{ id: number }>(sql`
      INSERT INTO import_runs (source, status, updated_at) VALUES ('ocd-divisions', 'running', now() - ${age}::interval) RETURNING id::int AS id`))[0]!.id;
    const mine = await startRun(database, 'municipal', []);
    const silent = await insert(`${ABANDON_AFTER_MS / 1000 + 5} seconds`);
    const beating = await insert('2 seconds');
    const reaped = (await reapAbandonedRuns(database)).map((r) => r.id);
    expect(reaped).toContain(silent);
    expect(reaped).not.toContain(mine.runId);
    if (onPostgres) expect(reaped).not.toContain(beating);
    else expect(reaped).toContain(beating);
    expect(await runRow(database, silent)).toMatchObject({ status: 'abandoned', error: expect.stringMatching(/^abandoned: the process running it stopped/) });
    expect((await runRow(database, silent)).finishedAt).not.toBeNull();
    expect(await mine.finish('succeeded', NONE, null)).toBe(true);
    await database.rows(sql`UPDATE import_runs SET status = 'failed' WHERE id = ${beating}`);
  });
});

describe('a run whose process is killed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'op-killed-import-'));
  let database: TestDatabase | null = null;
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.REDIS_URL;

  beforeAll(async () => {
    if (onPostgres) {
      database = await testDatabase();
      env.DATABASE_URL = database.url;
    } else {
      delete env.DATABASE_URL;
      env.DATA_DIR = dataDir;
    }
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!onPostgres)('`openpolicy import` while another process runs the source (the admin API here): refused, naming the run, exit 1', async () => {
    const held = await startRun(database!, 'legisinfo-bills', ['/bundled/sample']);
    try {
      const child = spawn(process.execPath, ['bin/openpolicy.js', 'import', 'legisinfo-bills', ...SAMPLE], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code, stderr).toBe(1);
      expect(stderr).toContain(`refused: An import of "legisinfo-bills" is already running: run ${held.runId}, started `);
      expect(await runCount(database!, 'legisinfo-bills')).toBe(1);
    } finally {
      await held.finish('succeeded', NONE, null);
    }
  }, 300_000);

  it('is marked abandoned within a minute of its last heartbeat, and the source imports again', async () => {
    // `openpolicy import` in a process of its own, killed without warning once it has committed bills.
    const child = spawn(process.execPath, ['bin/openpolicy.js', 'import', 'legisinfo-bills', ALL_BILLS], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const check = () => (/legisinfo-bills: [1-9]\d*/.test(output) ? resolve() : undefined);
      child.stderr.on('data', check);
      child.once('exit', () => reject(new Error(`the import ended before it could be killed:\n${output}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const killedAt = Date.now();

    // PGlite: the folder the killed process owned opens again (its lock is stale), as the next `serve` would open it.
    const db: Database = database ?? await openDatabase({ dataDir });
    try {
      const [killed] = await db.rows<{ id: number; status: string }>(sql`
        SELECT id::int AS id, status FROM import_runs WHERE source = 'legisinfo-bills' ORDER BY id DESC LIMIT 1`);
      expect(killed).toBeDefined();
      if (onPostgres) {
        // Its heartbeat is recent: for now it still holds the source, and a second import is refused naming it.
        expect(killed!.status).toBe('running');
        const refused = await runImport(db, legisinfoBills, SAMPLE).then(() => null, (e: unknown) => e);
        expect((refused as ImportRunning).run?.id, String(refused)).toBe(killed!.id);
      }
      // Then the reaper (every instance runs it every 30 s, and before every start) ends it.
      for (;;) {
        await reapAbandonedRuns(db);
        if ((await runRow(db, killed!.id)).status !== 'running') break;
        expect(Date.now() - killedAt, 'no heartbeat for a minute, still running').toBeLessThan(ABANDON_AFTER_MS + 60_000);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const row = await runRow(db, killed!.id);
      expect(row.status).toBe('abandoned');
      expect(row.error).toMatch(/^abandoned: the process running it stopped/);
      // Its last heartbeat stays its updated_at; it was ended no later than a minute after it (plus one reaper round).
      expect(Date.parse(row.finishedAt!) - Date.parse(row.updatedAt)).toBeLessThan(ABANDON_AFTER_MS + 35_000);
      // What it had committed stays (each unit is one transaction); the source imports again.
      const again = await runImport(db, legisinfoBills, SAMPLE);
      expect(['succeeded', 'partial']).toContain(again.status);
      expect(again.runId).toBeGreaterThan(killed!.id);
    } finally {
      if (!database) await db.close();
    }
  }, 600_000);
});
