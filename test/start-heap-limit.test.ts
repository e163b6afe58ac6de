/**
 * Every way the project starts node gives V8 the same old-space limit, written once, in the bin's shebang:
 * `npx openpolicy`, and `npm start` and `npm run serve|import|migrate|status`, which run the bin (and so
 * the bench and the tests, through startArguments). Below 2 GB of limit V8 lets its heap grow by at most
 * 1.3-2x its live size between full collections instead of 4x, which is what keeps the first start under 500 MB
 * (docs/notes/2026-12-06-issue-12g-r7.md); the limit itself stays far above what an import holds live.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureServerBuilt, ROOT, startArguments, startEnvironment } from '../scripts/server-build.js';

/** V8 sizes its heap's growth by the limit: at 2048 MB and above (64-bit) it grows up to 4x its live size. */
const FULL_GROWTH_LIMIT_MB = 2048;
/** The most a full import held live (sampled after each full collection), with room for the server beside it. */
const IMPORT_LIVE_PEAK_MB = 130;

let dir: string;
let probe: string;
let youngProbe: string;

beforeAll(async () => {
  await ensureServerBuilt();
  dir = mkdtempSync(join(tmpdir(), 'op-heap-limit-'));
  probe = join(dir, 'probe.mjs');
  writeFileSync(probe, `import { getHeapStatistics } from 'node:v8';\nconsole.error('heap limit MB', Math.round(getHeapStatistics().heap_size_limit / 2 ** 20), 'arenas', process.env.MALLOC_ARENA_MAX);\nprocess.exit(0);\n`);
  // Short-lived garbage until the young generation has grown as far as its bound lets it, then its size.
  youngProbe = join(dir, 'young.mjs');
  writeFileSync(youngProbe, `import { getHeapSpaceStatistics } from 'node:v8';\nlet kept = [];\nfor (let i = 0; i < 2e6; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 5e4) kept = []; }\nconsole.error('new space MB', Math.round(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20));\nprocess.exit(0);\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the module `probeFile`, which NODE_OPTIONS loads before the CLI (it does not wait for it), writes when node is started by `file` with `args` and `env`. */
function probed(probeFile: string, pattern: RegExp, file: string, args: string[], env: Record<string, string> = {}): RegExpExecArray {
  // Not the test run's own arena bound, if it has one: only what the start gives.
  const own: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--import ${probeFile}`, ...env };
  if (!('MALLOC_ARENA_MAX' in env)) delete own.MALLOC_ARENA_MAX;
  const { stderr, status } = spawnSync(file, args, { cwd: ROOT, env: own, encoding: 'utf8' });
  const found = pattern.exec(stderr);
  if (status !== 0 || !found) throw new Error(`${file} ${args.join(' ')} exited with ${status}: ${stderr}`);
  return found;
}

/** The heap limit and glibc's arena bound (MALLOC_ARENA_MAX) of a node started by `file` with `args` and `env`. */
function started(file: string, args: string[], env: Record<string, string> = {}): { limitMb: number; arenaMax: string } {
  const found = probed(probe, /heap limit MB (\d+) arenas (\S+)/, file, args, env);
  return { limitMb: Number(found[1]), arenaMax: found[2]! };
}
const heapLimitMb = (file: string, args: string[]) => started(file, args).limitMb;

function scripts(): Record<string, string> {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
}

it('npm start (and so the bench and the tests) runs the server with a heap limit below the size where V8 grows its heap 4x', () => {
  const limit = heapLimitMb(process.execPath, [...startArguments().slice(0, -1), 'help']);
  expect(limit).toBeLessThan(FULL_GROWTH_LIMIT_MB);
  expect(limit).toBeGreaterThan(3 * IMPORT_LIVE_PEAK_MB);
});

it('npx openpolicy (the bin run through its shebang) gets the same limit as the bench and the tests', () => {
  expect(heapLimitMb(join(ROOT, 'bin/openpolicy.js'), ['help'])).toBe(heapLimitMb(process.execPath, [...startArguments().slice(0, -1), 'help']));
});

it('npx openpolicy, and so npm start, bounds glibc to two malloc arenas, as the bench and the tests start it (startEnvironment)', () => {
  // Each thread that mallocs (V8's platform workers, libuv's pool) gets an arena of its own, whose free top glibc keeps once
  // an 8 MB block freed has raised its trim threshold: 11-15 MB resident after a bench-like load with 0.2 MB in use.
  const viaShebang = started(join(ROOT, 'bin/openpolicy.js'), ['help']);
  expect(viaShebang.arenaMax).toBe('2');
  expect(started(process.execPath, [...startArguments().slice(0, -1), 'help'], startEnvironment())).toEqual(viaShebang);
});

it('npx openpolicy, and so npm start, bounds V8\'s young generation to two semi-spaces of 8 MB, as the bench and the tests start it', () => {
  // V8's default (16 MB a semi-space) keeps 32 MB resident once a load has grown it: ~20 MB of the RSS after the bench.
  const youngMb = (file: string, args: string[]) => Number(probed(youngProbe, /new space MB (\d+)/, file, args)[1]);
  expect(youngMb(join(ROOT, 'bin/openpolicy.js'), ['help'])).toBe(16);
  expect(youngMb(process.execPath, [...startArguments().slice(0, -1), 'help'])).toBe(16);
});

it('the npm scripts that start the CLI run the bin, so its shebang is the one place where node flags are written', () => {
  for (const name of ['start', 'serve', 'import', 'migrate', 'status']) expect(scripts()[name]!.split(/\s+/)[0], name).toBe('bin/openpolicy.js');
  for (const [name, script] of Object.entries(scripts())) expect(script, name).not.toMatch(/max-old-space-size/);
});
