/** scripts/server-build.ts on a checkout of its own: what it compiles and copies, and when it builds again. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer, ensureServerBuilt, serverBuildIsCurrent } from '../scripts/server-build.js';

let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const run = () => execFileSync(process.execPath, [join(root, 'dist/main.js')], { encoding: 'utf8' }).trim();

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'op-server-build-'));
  write('package.json', JSON.stringify({ name: 'fixture', type: 'module' }));
  write('src/main.ts', `import { readFileSync } from 'node:fs';
import { GREETING } from './lib/greeting.js';
const query: string = readFileSync(new URL('./lib/query.sql', import.meta.url), 'utf8').trim();
const { name } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string };
console.log(GREETING, query, name);
`);
  write('src/lib/greeting.ts', `export const GREETING: string = 'hello';\n`);
  write('src/lib/query.sql', 'SELECT 1\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

it('compiles each source, copies the other files beside it, and paths from import.meta.url reach the checkout', async () => {
  expect(serverBuildIsCurrent(root)).toBe(false);
  await buildServer(root);
  expect(run()).toBe('hello SELECT 1 fixture');
  expect(serverBuildIsCurrent(root)).toBe(true);
});

/** Dates the last build a minute back, as if the edits that follow came after it. */
function ageBuild(): void {
  const stamp = join(root, 'dist/.built');
  const before = new Date(statSync(stamp).mtimeMs - 60_000);
  utimesSync(stamp, before, before);
}

it('builds again only when a source changed after the build, and drops the output of a removed source', async () => {
  await ensureServerBuilt(root);
  expect(await ensureServerBuilt(root)).toBe(false);

  ageBuild();
  write('src/lib/greeting.ts', `export const GREETING: string = 'bonjour';\n`);
  expect(serverBuildIsCurrent(root)).toBe(false);
  expect(await ensureServerBuilt(root)).toBe(true);
  expect(run()).toBe('bonjour SELECT 1 fixture');
  expect(await ensureServerBuilt(root)).toBe(false);

  ageBuild();
  write('src/unused.ts', 'export {};\n');
  expect(await ensureServerBuilt(root)).toBe(true);
  expect(existsSync(join(root, 'dist/unused.js'))).toBe(true);
  ageBuild();
  rmSync(join(root, 'src/unused.ts'));
  expect(await ensureServerBuilt(root)).toBe(true);
  expect(existsSync(join(root, 'dist/unused.js'))).toBe(false);
  expect(run()).toBe('bonjour SELECT 1 fixture');
});
