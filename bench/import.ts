/**
 * Import benchmark: the full shared data set (all 6,229 bills and every other
 * source) into a fresh PostgreSQL database and into a fresh PGlite folder, each
 * in its own process so peak RSS is that import's alone.
 *
 *   npm run bench:import [-- <data-dir>]     (default ../shared/data)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.js';
import { importAll } from '../src/ingest/import-all.js';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Result {
  target: string;
  seconds: number;
  records: number;
  perSource: Record<string, { records: number; seconds: number; status: string }>;
  peakRssMb: number;
}

async function runChild(target: 'postgres' | 'pglite', dataRoot: string): Promise<void> {
  let url: string | undefined;
  let dataDir: string | undefined;
  let cleanup = async () => {};
  if (target === 'postgres') {
    const name = `op_bench_${process.pid}`;
    const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    cleanup = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'op-bench-'));
    cleanup = async () => rmSync(dataDir!, { recursive: true, force: true });
  }
  const database = await openDatabase({ url, dataDir });
  await database.migrate();
  const started = performance.now();
  const reports = await importAll(database, dataRoot);
  const seconds = (performance.now() - started) / 1000;
  await database.close();
  await cleanup();
  const perSource = Object.fromEntries(reports.map((r) => [r.source, { records: r.inserted + r.updated + r.unchanged, seconds: +r.seconds.toFixed(2), status: r.status }]));
  const result: Result = {
    target,
    seconds: +seconds.toFixed(2),
    records: reports.reduce((n, r) => n + r.inserted + r.updated + r.unchanged, 0),
    perSource,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(result));
}

async function main() {
  const [mode, arg] = process.argv.slice(2);
  if (mode === '--child') return runChild(arg as 'postgres' | 'pglite', process.argv[4]!);
  const dataRoot = resolve(mode ?? fileURLToPath(new URL('../../shared/data/', import.meta.url)));
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
  for (const target of ['postgres', 'pglite'] as const) {
    const child = spawnSync(process.execPath, [tsx, fileURLToPath(import.meta.url), '--child', target, dataRoot], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      console.error(`${target}: failed (exit ${child.status})`);
      process.exitCode = 1;
      continue;
    }
    const r = JSON.parse(line) as Result;
    console.log(`\n${target}: ${r.records.toLocaleString('en-CA')} records in ${r.seconds}s = ${Math.round(r.records / r.seconds).toLocaleString('en-CA')} records/s, peak RSS ${r.peakRssMb} MB`);
    for (const [source, s] of Object.entries(r.perSource)) {
      console.log(`  ${source.padEnd(22)} ${String(s.records).padStart(8)} records ${String(s.seconds).padStart(7)}s  ${s.status}`);
    }
  }
}

await main();
