/** The two-command start: `openpolicy serve` migrates, serves, and imports the sample while /health answers. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from './support/db.js';

let child: ChildProcess;
let database: TestDatabase;
let dataDir: string;
let output = '';
const port = 18000 + (process.pid % 1000);

beforeAll(async () => {
  database = await testDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'op-serve-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  if (database.url) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;
  child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli.ts', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
});

afterAll(async () => {
  child?.kill('SIGTERM');
  await new Promise((r) => child?.once('exit', r));
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function health(): Promise<{ status: number; body: { status: string; import: { phase: string; current: { source: string; done: number } | null } } } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return { status: res.status, body: await res.json() };
  } catch {
    return null;
  }
}

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
