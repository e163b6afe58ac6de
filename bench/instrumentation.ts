/**
 * The cost of instrumentation: the same data endpoint served by two child
 * processes on one database, one with request metrics, query metrics and a JSON
 * log line per request (written to a real file descriptor, as to stdout), one
 * with all of that off. Runs alternate on/off so drift hits both; the ratio of
 * the medians is the price. Target: instrumented ≥ 0.8× uninstrumented.
 *
 *   npx tsx bench/instrumentation.ts [--seconds 5 --rounds 3 --connections 10 --path /api/v1/bills?session=44-1]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildApp } from '../src/api/app.js';
import { openDatabase } from '../src/db/client.js';
import { memoryStore } from '../src/store/store.js';
import { fullDataDatabase, median } from './platform.js';
import { measure, wrkAvailable, type Measurement } from './wrk.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
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

function start(mode: 'on' | 'off', database: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(process.argv[1]!, ['--serve', mode, '--database', database], { execArgv: process.execArgv });
  return new Promise((resolve, reject) => {
    child.once('message', (port) => resolve({ child, port: Number(port) }));
    child.once('exit', (code) => reject(new Error(`the ${mode} server exited with ${code}`)));
  });
}

async function main() {
  if (!wrkAvailable()) throw new Error('wrk is needed: apt-get install -y wrk');
  const database = await fullDataDatabase();
  const servers = { on: await start('on', database), off: await start('off', database) };
  const urls: Record<string, string> = {};
  for (const name of ['on', 'off'] as const) {
    urls[name] = `http://127.0.0.1:${servers[name].port}${args.path}`;
    const res = await fetch(urls[name]);
    if (!res.ok) throw new Error(`${urls[name]}: ${res.status}`);
  }

  const seconds = Number(args.seconds);
  const connections = Number(args.connections);
  console.log(`# instrumentation cost: GET ${args.path}, wrk -t1 -c${connections}, ${seconds}s × ${args.rounds} rounds each; ${new Date().toISOString()}`);
  const results: Record<string, Measurement[]> = { on: [], off: [] };
  measure(urls.on!, connections, 2); // warm-up
  measure(urls.off!, connections, 2);
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const name of round % 2 ? ['off', 'on'] : ['on', 'off']) {
      const m = measure(urls[name]!, connections, seconds);
      if (m.errors + m.non2xx) throw new Error(`${name}: ${m.errors} errors, ${m.non2xx} non-2xx`);
      results[name]!.push(m);
      console.log(`  ${name.padEnd(3)} round ${round + 1}: ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50Ms.toFixed(2)} ms  p99 ${m.p99Ms.toFixed(2)} ms`);
    }
  }
  const rps = (name: string) => median(results[name]!.map((m) => m.requestsPerSecond));
  const p99 = (name: string) => median(results[name]!.map((m) => m.p99Ms));
  console.log(`metrics + logging on : ${rps('on').toFixed(0)} req/s, p99 ${p99('on').toFixed(2)} ms`);
  console.log(`metrics + logging off: ${rps('off').toFixed(0)} req/s, p99 ${p99('off').toFixed(2)} ms`);
  console.log(`ratio on/off: ${(rps('on') / rps('off')).toFixed(3)} (target ≥ 0.8)`);

  for (const { child } of Object.values(servers)) child.kill('SIGKILL');
}

(args.serve ? serve(args.serve === 'on', args.database!) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
