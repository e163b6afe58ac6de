/**
 * Lighthouse (mobile: its default Moto G Power profile, simulated slow 4G and
 * 4x CPU slowdown) on the site's main pages, served by `openpolicy serve` on
 * the full data set in PostgreSQL (bench/platform.ts), in Debian's Chromium.
 * Prints each page's performance and accessibility scores with the audits that
 * cost them, and the load average: the scores depend on timing, so this is a
 * measurement, not a test (targets: performance >= 90, accessibility 100).
 *
 *   npm run lighthouse [-- --runs 3 --pages home,person --url http://127.0.0.1:8080 --url http://127.0.0.1:8081 --save /tmp/lhr]
 *
 * With --url it measures a running server instead of starting one; given two
 * or more, their runs alternate (A, B, A, B) so a before/after comparison
 * sees the same machine load. Beside the scores, which swing with the load,
 * it prints what does not: the requests and bytes before the largest paint,
 * the longest chain of critical requests, the main thread's long tasks and
 * the nodes that shifted, with their share of the layout shift.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ensureWebBuilt } from '../web/ensure-built.js';
import { fullDataDatabase, median, startInstance, type Instance } from './platform.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    url: { type: 'string', multiple: true },
    pages: { type: 'string' },
    // A folder to keep each run's full report in (JSON), for what the summary leaves out.
    save: { type: 'string' },
  },
});
const runs = Number(args.runs);
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

/** The pages the issue names, with records looked up in the served data. */
async function pages(base: string): Promise<[string, string][]> {
  const people = await json<{ results: { id: string }[] }>(`${base}/api/v1/people?name=Anandasangaree&current=false`);
  const person = people.results[0]?.id.split('/')[1];
  if (!person) throw new Error(`${base} has no person named Anandasangaree: is the full data set imported?`);
  return [
    ['home', '/'],
    ['bills', '/bills'],
    ['bill', '/bills/ca/45-1/C-12'],
    ['division', '/votes/ca/44-1/332'],
    ['person', `/people/${person}`],
    ['search', '/search?q=firearms'],
  ];
}

interface Scores {
  performance: number;
  accessibility: number;
  /** Audits that cost points, worst first: "id (score)". */
  losses: string[];
  metrics: Record<string, number>;
  evidence: Evidence;
}

/** What a page load needed and did, which the machine's load does not change (unlike the timings). */
interface Evidence {
  /** Requests that started before the largest contentful paint (observed), and their bytes on the wire. */
  beforeLcp: { requests: number; bytes: number; kinds: string };
  /** Requests in the longest chain of critical requests (the document first). */
  chain: string[];
  /** Main-thread tasks of 50 ms or more, as Lighthouse counts them (their length does depend on the load). */
  longTasks: number;
  /** Each shifted node with its layout-shift score. */
  shifts: string[];
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];
type Item = Record<string, unknown>;

function items(lhr: Lhr, id: string): Item[] {
  const details = lhr.audits[id]?.details as { items?: Item[] } | undefined;
  return details?.items ?? [];
}

interface ChainNode { url: string; transferSize: number; isLongest?: boolean; children?: Record<string, ChainNode> }

function longestChain(lhr: Lhr): string[] {
  const section = items(lhr, 'network-dependency-tree-insight').find((i) => i.type === 'list-section') as { value?: { chains?: Record<string, ChainNode> } } | undefined;
  const chain: string[] = [];
  let level = section?.value?.chains;
  while (level) {
    const nodes = Object.values(level);
    const next = nodes.find((n) => n.isLongest) ?? nodes[0];
    if (!next) break;
    chain.push(`${new URL(next.url).pathname.replace(/-[\w-]{8}\.(js|css)$/, '.$1')} ${(next.transferSize / 1024).toFixed(1)} KB`);
    level = next.children && Object.keys(next.children).length ? next.children : undefined;
  }
  return chain;
}

function evidence(lhr: Lhr): Evidence {
  const metrics = items(lhr, 'metrics')[0] ?? {};
  const lcp = Number(metrics.observedLargestContentfulPaint ?? Infinity);
  const requests = items(lhr, 'network-requests').filter((r) => Number(r.networkRequestTime) < lcp);
  const kinds = new Map<string, number>();
  for (const r of requests) kinds.set(String(r.resourceType), (kinds.get(String(r.resourceType)) ?? 0) + 1);
  return {
    beforeLcp: {
      requests: requests.length,
      bytes: requests.reduce((sum, r) => sum + Number(r.transferSize ?? 0), 0),
      kinds: [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', '),
    },
    chain: longestChain(lhr),
    longTasks: items(lhr, 'long-tasks').length,
    shifts: items(lhr, 'layout-shifts').map((i) => {
      const node = i.node as { selector?: string; snippet?: string } | undefined;
      return `${Number(i.score).toFixed(3)} ${node?.selector ?? '?'} ${node?.snippet?.slice(0, 80) ?? ''}`;
    }),
  };
}

const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

let saved = 0;

async function measure(url: string, port: number, attempt = 1): Promise<Scores> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) {
    // Lighthouse's own failures (NO_NAVSTART, a lost trace on a loaded machine) ask for another run; twice more at most.
    if (attempt < 3) return measure(url, port, attempt + 1);
    throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  if (args.save) {
    mkdirSync(args.save, { recursive: true });
    writeFileSync(join(args.save, `${String(++saved).padStart(3, '0')}-${new URL(url).port}-${new URL(url).pathname.split('/')[1] || 'home'}.json`), JSON.stringify(lhr));
  }
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const losses = Object.values(lhr.categories).flatMap((category) => category.auditRefs
    .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
    .map((ref) => `${ref.id} (${lhr.audits[ref.id]!.score})`));
  // CLS is a fraction; the rest are milliseconds.
  const metrics = Object.fromEntries(METRICS.map((id) => [id, Math.round((lhr.audits[id]?.numericValue ?? -1) * (id === 'cumulative-layout-shift' ? 1000 : 1))]));
  return { performance: score('performance'), accessibility: score('accessibility'), losses, metrics, evidence: evidence(lhr) };
}

let instance: Instance | undefined;
let bases = args.url ?? [];
if (bases.length === 0) {
  ensureWebBuilt();
  const databaseUrl = await fullDataDatabase();
  instance = await startInstance(18500 + (process.pid % 400), { DATABASE_URL: databaseUrl, REDIS_URL: undefined });
  bases = [instance.url];
}
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  console.log(`Lighthouse mobile, ${runs} run(s) per page${bases.length > 1 ? ' and server, alternating' : ''}, median; load average before: ${load()}`);
  const rows: string[] = ['| page | server | performance | accessibility | FCP ms | LCP ms | TBT ms | CLS×1000 | long tasks | requests before LCP | KB before LCP |', '|---|---|---|---|---|---|---|---|---|---|---|'];
  const only = args.pages?.split(',');
  for (const [name, path] of (await pages(bases[0]!)).filter(([name]) => !only || only.includes(name))) {
    const results = bases.map((): Scores[] => []);
    // The first visit warms the server's cache and the database; each run is a fresh page load with an empty browser cache.
    for (const base of bases) await fetch(`${base}${path}`);
    for (let i = 0; i < runs; i++) {
      for (const [b, base] of bases.entries()) results[b]!.push(await measure(`${base}${path}`, chrome.port));
    }
    for (const [b, base] of bases.entries()) {
      const runsOf = results[b]!;
      const of = (pick: (s: Scores) => number) => median(runsOf.map(pick));
      const m = (id: string) => of((s) => s.metrics[id]!);
      const losses = [...new Set(runsOf.flatMap((s) => s.losses))];
      const last = runsOf[runsOf.length - 1]!.evidence;
      console.log(`${name.padEnd(9)} ${base}${path}  performance ${of((s) => s.performance)}  accessibility ${of((s) => s.accessibility)}`
        + `  (runs: ${runsOf.map((s) => `${s.performance}/${s.accessibility}`).join(' ')})${losses.length ? `\n          below 0.9: ${losses.join(', ')}` : ''}`
        + `\n          before LCP: ${last.beforeLcp.requests} requests (${last.beforeLcp.kinds}), ${(last.beforeLcp.bytes / 1024).toFixed(1)} KB; long tasks per run: ${runsOf.map((s) => s.evidence.longTasks).join(' ')}`
        + `\n          critical chain: ${last.chain.join(' → ')}`
        + runsOf.flatMap((s, i) => s.evidence.shifts.map((shift) => `\n          shift (run ${i + 1}): ${shift}`)).join(''));
      rows.push(`| ${name} | ${bases.length > 1 ? String.fromCharCode(65 + b) : base} | ${of((s) => s.performance)} | ${of((s) => s.accessibility)} | ${m('first-contentful-paint')} | ${m('largest-contentful-paint')} | ${m('total-blocking-time')} | ${m('cumulative-layout-shift')} | ${of((s) => s.evidence.longTasks)} | ${of((s) => s.evidence.beforeLcp.requests)} | ${(of((s) => s.evidence.beforeLcp.bytes) / 1024).toFixed(1)} |`);
    }
  }
  console.log(`load average after: ${load()}\n\n${rows.join('\n')}`);
} finally {
  await chrome.kill();
  await instance?.stop();
}
