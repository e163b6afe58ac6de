/**
 * Lighthouse (mobile: its default Moto G Power profile, simulated slow 4G and
 * 4x CPU slowdown) on the site's main pages, served by `openpolicy serve` on
 * the full data set in PostgreSQL (bench/platform.ts), in Debian's Chromium.
 * Prints each page's performance and accessibility scores with the audits that
 * cost them, and the load average: the scores depend on timing, so this is a
 * measurement, not a test (targets: performance >= 90, accessibility 100).
 *
 *   npm run lighthouse [-- --runs 3 --url http://127.0.0.1:8080]
 *
 * With --url it measures a running server instead of starting one.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ensureWebBuilt } from '../web/ensure-built.js';
import { fullDataDatabase, median, startInstance, type Instance } from './platform.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    url: { type: 'string' },
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
  const people = await json<{ results: { id: string }[] }>(`${base}/api/v1/people?name=Anandasangaree`);
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
}

const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

async function measure(url: string, port: number, attempt = 1): Promise<Scores> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) {
    // Lighthouse's own failures (NO_NAVSTART, a lost trace on a loaded machine) ask for another run; twice more at most.
    if (attempt < 3) return measure(url, port, attempt + 1);
    throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const losses = Object.values(lhr.categories).flatMap((category) => category.auditRefs
    .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
    .map((ref) => `${ref.id} (${lhr.audits[ref.id]!.score})`));
  // CLS is a fraction; the rest are milliseconds.
  const metrics = Object.fromEntries(METRICS.map((id) => [id, Math.round((lhr.audits[id]?.numericValue ?? -1) * (id === 'cumulative-layout-shift' ? 1000 : 1))]));
  return { performance: score('performance'), accessibility: score('accessibility'), losses, metrics };
}

let instance: Instance | undefined;
let base = args.url;
if (!base) {
  ensureWebBuilt();
  const databaseUrl = await fullDataDatabase();
  instance = await startInstance(18500 + (process.pid % 400), { DATABASE_URL: databaseUrl, REDIS_URL: undefined });
  base = instance.url;
}
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  console.log(`Lighthouse mobile, ${runs} run(s) per page, median; load average before: ${load()}`);
  const rows: string[] = ['| page | performance | accessibility | FCP ms | LCP ms | TBT ms | CLS×1000 |', '|---|---|---|---|---|---|---|'];
  for (const [name, path] of await pages(base)) {
    const results: Scores[] = [];
    // The first visit warms the server's cache and the database; each run is a fresh page load with an empty browser cache.
    await fetch(`${base}${path}`);
    for (let i = 0; i < runs; i++) results.push(await measure(`${base}${path}`, chrome.port));
    const of = (pick: (s: Scores) => number) => median(results.map(pick));
    const m = (id: string) => of((s) => s.metrics[id]!);
    const losses = [...new Set(results.flatMap((s) => s.losses))];
    console.log(`${name.padEnd(9)} ${path.padEnd(48)} performance ${of((s) => s.performance)}  accessibility ${of((s) => s.accessibility)}`
      + `  (runs: ${results.map((s) => `${s.performance}/${s.accessibility}`).join(' ')})${losses.length ? `\n          below 0.9: ${losses.join(', ')}` : ''}`);
    rows.push(`| ${name} | ${of((s) => s.performance)} | ${of((s) => s.accessibility)} | ${m('first-contentful-paint')} | ${m('largest-contentful-paint')} | ${m('total-blocking-time')} | ${m('cumulative-layout-shift')} |`);
  }
  console.log(`load average after: ${load()}\n\n${rows.join('\n')}`);
} finally {
  await chrome.kill();
  await instance?.stop();
}
