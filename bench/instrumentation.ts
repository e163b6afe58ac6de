/**
 * The cost of instrumentation: the same data endpoint served by two child
 * processes on one database, one with request metrics, query metrics and a JSON
 * log line per request (written to a real file descriptor, as to stdout), one
 * with all of that off. Each round measures both back to back (in alternating
 * order), so load from other processes hits both alike; the price is the median
 * of the rounds' on/off ratios. Throughput on a shared machine swings with
 * everyone else's load, so the CPU time each server spent per request (from
 * /proc) is reported too: it does not depend on how the scheduler shared the
 * cores. Target: instrumented ≥ 0.8× uninstrumented.
 *
 *   npx tsx bench/instrumentation.ts [--seconds 3 --rounds 10 --connections 10 --path /api/v1/bills?session=44-1]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { openDatabase } from '../src/db/client.js';
import { memoryStore } from '../src/store/store.js';
import { importAll, SAMPLE_DATA_DIR } from '../src/ingest/import-all.js';
import { median, PG_ADMIN_URL } from './platform.js';
import { measure, wrkAvailable, type Measurement } from './wrk.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    path: { type: 'string', default: '/api/v1/bills?session=44-1' },
    serve: { type: 'string' }, // internal: run as the 'on' or 'off' server
    database: { type: 'string' },
  },
});

// Quotas far above what wrk sends, so every request is answered, not refused.
const NO_LIMITS = { tiers: { anonymous: [{ limit: 1e9, windowMs: 60_000 }] } };

/** A child process serving the app, instrumented or not; tells its parent the port. */
async function serve(instrumented: boolean, url: string) {
  const database = await openDatabase({ url });
  const app = instrumented
    ? await buildApp({ database, store: memoryStore(), security: NO_LIMITS, logger: { level: 'info', stream: pino.destination({ dest: '/dev/null', sync: true }) } })
    : await buildApp({ database, store: memoryStore(), security: NO_LIMITS, ops: { instrument: false } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!((app.server.address() as { port: number }).port);
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function start(mode: 'on' | 'off', database: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(process.argv[1]!, ['--serve', mode, '--database', database], { execArgv: process.execArgv });
  return new Promise((resolve, reject) => {
    child.once('message', (port) => resolve({ child, port: Number(port) }));
    child.once('exit', (code) => reject(new Error(`the ${mode} server exited with ${code}`)));
  });
}

type Mode = 'on' | 'off';

/** A fresh PostgreSQL database with the bundled sample: the endpoint's answer is cached, so the data's size does not matter. */
async function sampleDatabase(name = 'op_bench_instrumentation'): Promise<string> {
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  await database.migrate();
  await importAll(database, SAMPLE_DATA_DIR);
  await database.close();
  return url.toString();
}

async function main() {
  if (!wrkAvailable()) throw new Error('wrk is needed: apt-get install -y wrk');
  const database = await sampleDatabase();
  const seconds = Number(args.seconds);
  const connections = Number(args.connections);
  const rounds = Number(args.rounds);
  console.log(`# instrumentation cost: GET ${args.path}, wrk -t1 -c${connections}, ${seconds}s × ${rounds} rounds each; ${new Date().toISOString()}`);
  const results: Record<Mode, Measurement[]> = { on: [], off: [] };
  const cpuPerRequest: Record<Mode, number[]> = { on: [], off: [] };
  const ratios: number[] = [];

  // Two passes, the servers started in opposite orders: on this machine the first one started ran
  // measurably slower whatever it was, so each order gets half the rounds.
  for (const order of [['on', 'off'], ['off', 'on']] as const) {
    const servers = {} as Record<Mode, { child: ChildProcess; port: number }>;
    for (const mode of order) servers[mode] = await start(mode, database);
    const url = (mode: Mode) => `http://127.0.0.1:${servers[mode].port}${args.path}`;
    for (const mode of order) {
      const res = await fetch(url(mode));
      if (!res.ok) throw new Error(`${url(mode)}: ${res.status}`);
      measure(url(mode), connections, 2); // warm-up
    }
    for (let round = 0; round < Math.ceil(rounds / 2); round++) {
      for (const mode of round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const pid = servers[mode].child.pid!;
        const cpuBefore = cpuSeconds(pid);
        const m = measure(url(mode), connections, seconds);
        if (m.errors + m.non2xx) throw new Error(`${mode}: ${m.errors} errors, ${m.non2xx} non-2xx`);
        cpuPerRequest[mode].push(((cpuSeconds(pid) - cpuBefore) / m.requests) * 1e6);
        results[mode].push(m);
        console.log(`  ${mode.padEnd(3)} (${order[0]} started first) round ${round + 1}: ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50Ms.toFixed(2)} ms  p99 ${m.p99Ms.toFixed(2)} ms  CPU ${cpuPerRequest[mode].at(-1)!.toFixed(1)} µs/request`);
      }
      ratios.push(results.on.at(-1)!.requestsPerSecond / results.off.at(-1)!.requestsPerSecond);
    }
    for (const { child } of Object.values(servers)) child.kill('SIGKILL');
  }

  const rps = (mode: Mode) => median(results[mode].map((m) => m.requestsPerSecond));
  const p99 = (mode: Mode) => median(results[mode].map((m) => m.p99Ms));
  const cpu = (mode: Mode) => median(cpuPerRequest[mode]);
  const sorted = [...ratios].sort((a, b) => a - b);
  const quartile = (q: number) => sorted[Math.round(q * (sorted.length - 1))]!.toFixed(2);
  console.log(`metrics + logging on : ${rps('on').toFixed(0)} req/s, p99 ${p99('on').toFixed(2)} ms, CPU ${cpu('on').toFixed(1)} µs/request`);
  console.log(`metrics + logging off: ${rps('off').toFixed(0)} req/s, p99 ${p99('off').toFixed(2)} ms, CPU ${cpu('off').toFixed(1)} µs/request`);
  console.log(`instrumentation: ${(cpu('on') - cpu('off')).toFixed(1)} µs of CPU a request; throughput at equal CPU ${(cpu('off') / cpu('on')).toFixed(3)}×`);
  console.log(`ratio on/off: median of rounds ${median(ratios).toFixed(3)} (quartiles ${quartile(0.25)}–${quartile(0.75)}); of medians ${(rps('on') / rps('off')).toFixed(3)}; target ≥ 0.8`);
}

(args.serve ? serve(args.serve === 'on', args.database!) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
