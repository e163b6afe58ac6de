/**
 * The two-command start as `npm start` runs it: the server compiled into dist/ (built here when
 * missing or stale, as prestart does) on an empty database migrates it, and serves /health while it
 * imports the sample, the API and the web site, all from the compiled output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureServerBuilt, ROOT, serverBuildIsCurrent, startArguments, startEnvironment } from '../scripts/server-build.js';
import { testDatabase, type TestDatabase } from './support/db.js';

let child: ChildProcess;
let database: TestDatabase;
let dataDir: string;
let output = '';
const port = 18000 + (process.pid % 1000);
const base = `http://127.0.0.1:${port}`;

beforeAll(async () => {
  await ensureServerBuilt();
  database = await testDatabase({ migrate: false });
  dataDir = mkdtempSync(join(tmpdir(), 'op-serve-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...startEnvironment() };
  if (database.url) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;
  child = spawn(process.execPath, startArguments(), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
});

afterAll(async () => {
  child?.kill('SIGTERM');
  await new Promise((r) => child?.once('exit', r));
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Health = { status: number; body: { status: string; import: { phase: string; current: { source: string; done: number } | null } } };

async function health(): Promise<Health | null> {
  try {
    const res = await fetch(`${base}/health`);
    const body = (await res.json()) as Health['body'];
    // A loaded machine can answer a problem (a 408) instead: not the health report yet.
    return body.import ? { status: res.status, body } : null;
  } catch {
    return null;
  }
}

it('runs the compiled server, not the TypeScript sources', () => {
  // npm start runs the bin, which runs dist/ when it is the build of the current sources (built above, as prestart does).
  expect(startArguments()).toContain('bin/openpolicy.js');
  expect(serverBuildIsCurrent()).toBe(true);
});

it('serves /health while the first-start import of the sample is running, and shows progress', async () => {
  let during = null;
  for (let i = 0; i < 600 && !during; i++) {
    const h = await health();
    if (h && h.body.import.phase === 'running' && h.body.import.current) during = h;
    else await new Promise((r) => setTimeout(r, 200));
  }
  expect(during, output).not.toBeNull();
  expect(during!.status).toBe(200);
  expect(during!.body.status).toBe('degraded');
  expect(during!.body.import.current!.done).toBeGreaterThanOrEqual(0);
  expect(output).toMatch(/rec\/s .*ETA/);
});

it('serves the API, on the schema it migrated, and the web site', async () => {
  const bills = await fetch(`${base}/api/v1/bills?per_page=5`);
  expect(bills.status, output).toBe(200);
  const body = (await bills.json()) as { results: unknown[]; pagination: { per_page: number } };
  expect(Array.isArray(body.results)).toBe(true);
  expect(body.pagination.per_page).toBe(5);
  const site = await fetch(`${base}/`);
  expect(site.status).toBe(200);
  expect(await site.text()).toMatch(/<script type="module"[^>]* src="\/assets\//);
});
