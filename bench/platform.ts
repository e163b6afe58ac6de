/** Starting the real platform for benchmarks: a PostgreSQL database with the full data set, and `openpolicy serve` children. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.js';
import { importAll } from '../src/ingest/import-all.js';
import { progressPrinter } from '../src/ingest/progress.js';
import { ensureServerBuilt, startArguments, startEnvironment } from '../scripts/server-build.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SHARED_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
export const PG_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A PostgreSQL database holding the full shared data set, imported once and reused by later runs. */
export async function fullDataDatabase(name = 'op_bench_full'): Promise<string> {
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  const exists = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
  if (exists.length === 0) await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  let database = await openDatabase({ url: url.toString() });
  try {
    await database.migrate();
  } catch (e) {
    // The one initial migration is regenerated until the first release: a database made by an older one is rebuilt.
    console.error(`${name} was made by another initial migration (${(e as Error).message.split('\n')[0]}); rebuilding it…`);
    await database.close();
    await admin.unsafe(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    database = await openDatabase({ url: url.toString() });
    await database.migrate();
  }
  await admin.end();
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_runs WHERE source = 'legisinfo-bills' AND status IN ('succeeded','partial')`);
  if (!row?.n) {
    console.error(`importing the full data set from ${SHARED_DATA} into ${name} (once)…`);
    await importAll(database, SHARED_DATA, { onProgress: progressPrinter() });
  }
  await database.close();
  return url.toString();
}

export interface Instance {
  port: number;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the server as `npm start` does (compiled, built first when stale) and waits until /health says the data is loaded. */
export async function startInstance(port: number, env: Record<string, string | undefined>): Promise<Instance> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, ...startEnvironment() };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  await ensureServerBuilt();
  const child = spawn(process.execPath, startArguments(), { cwd: ROOT, env: childEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 3000; i++) {
    try {
      const res = await fetch(`${url}/health`);
      const body = (await res.json()) as { import: { phase: string } };
      if (res.ok && body.import.phase !== 'running') break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    url,
    child,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

// Runs in its own process: wrk is driven synchronously from this one, which would starve an in-process server.
const BARE_SERVER = `
const { createServer } = require('node:http');
const body = require('node:fs').readFileSync(process.argv[1]);
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': process.argv[2], 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

/** Bare node:http serving fixed bytes: the limit for a payload of that size on this machine. */
export async function bareServer(body: Buffer, contentType: string): Promise<{ url: string; close(): Promise<void> }> {
  const file = join(mkdtempSync(join(tmpdir(), 'op-bare-')), 'body');
  writeFileSync(file, body);
  const child = spawn(process.execPath, ['-e', BARE_SERVER, file, contentType], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The endpoints, with ids looked up from the running instance's real data. */
/**
 * Of division 332's first voters, the one with the most ballots. The shared data holds the ballots of two 44-1
 * divisions (and of 99 in the 40th and 41st Parliaments), so a sitting member has 2–10; the first voter alone has 2, a
 * page that measured an almost empty list.
 */
async function busiestVoter(base: string): Promise<string | undefined> {
  const vote = await json<{ votes: { voter_id: string | null }[] }>(`${base}/api/v1/votes/ca/44-1/332`).catch(() => null);
  const voters = [...new Set((vote?.votes ?? []).flatMap((v) => (v.voter_id ? [v.voter_id] : [])))].slice(0, 30);
  const counted = await Promise.all(voters.map(async (id) => {
    const page = await json<{ pagination: { total_items: number } }>(`${base}/api/v1/people/${id}/votes`);
    return { id, ballots: page.pagination.total_items };
  }));
  return counted.sort((a, b) => b.ballots - a.ballots || a.id.localeCompare(b.id))[0]?.id;
}

export async function endpoints(base: string): Promise<string[]> {
  const voter = await busiestVoter(base);
  return [
    '/api/v1/bills?per_page=20',
    '/api/v1/bills?session=44-1',
    '/api/v1/bills/ca/45-1/C-12?include=actions,votes',
    '/api/v1/votes/ca/44-1/332',
    '/api/v1/votes?session=44-1',
    '/api/v1/people?current=true',
    ...(voter ? [`/api/v1/people/${voter}/votes`] : []),
    '/api/v1/debates',
    '/api/v1/speeches?q=carbon%20tax',
    '/api/v1/search?q=firearms',
  ];
}
