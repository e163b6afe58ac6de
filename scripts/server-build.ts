/**
 * The server as `npm start` runs it: compiled JavaScript in dist/, which holds about 50 MB less
 * resident memory than the same code under tsx (docs/notes/2026-12-06-issue-12b-r4.md).
 *
 * Each src/ file is transpiled on its own, not bundled, into the same layout one level below the
 * checkout: the paths modules build from import.meta.url (../../web/dist, ../../data,
 * ../../package.json) still reach the checkout, and the files that sit beside the code (migrations,
 * SQL, the PGlite template, the password list) are copied beside it.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { serverBuildIsCurrent, STAMP } from './server-build-current.mjs';

export { serverBuildIsCurrent };

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Builds into a folder of its own beside dist/ and then puts it in place, so an interrupted build
 * leaves no half-built dist/, and two builds at once (two test runs) do not write the same files.
 */
export async function buildServer(root = ROOT): Promise<void> {
  const started = new Date();
  const src = join(root, 'src');
  const out = join(root, 'dist');
  const staging = `${out}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  const all = files(src);
  await build({
    entryPoints: all.filter((f) => f.endsWith('.ts')),
    outdir: staging,
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  for (const file of all.filter((f) => !f.endsWith('.ts'))) {
    const target = join(staging, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  writeFileSync(join(staging, STAMP), '');
  utimesSync(join(staging, STAMP), started, started);
  const previous = `${out}.${process.pid}.old`;
  if (existsSync(out)) renameSync(out, previous);
  try {
    renameSync(staging, out);
  } catch (e) {
    // Another build of the same sources took the place first: its output is as good as this one.
    if (!['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(previous, { recursive: true, force: true });
}

/** Builds when dist/ is missing or older than src/; true when it did. */
export async function ensureServerBuilt(root = ROOT): Promise<boolean> {
  if (serverBuildIsCurrent(root)) return false;
  await buildServer(root);
  return true;
}

/** The bin every npm script that starts the CLI runs (package.json): its shebang holds the node flags, written only there. */
const BIN = 'bin/openpolicy.js';

/**
 * The bin's shebang, `#!/usr/bin/env -S [NAME=value …] node [flags …]`: the environment `env` sets before node
 * starts (what the C library reads at its own start, which no flag or code of node's can set later) and node's flags.
 */
function shebang(root: string): { environment: Record<string, string>; flags: string[] } {
  const found = /^#!\/usr\/bin\/env -S((?: [A-Z_][A-Z0-9_]*=\S+)*) node((?: --?[\w-]+(?:=\S+)?)*)\n/.exec(readFileSync(join(root, BIN), 'utf8'));
  if (!found) throw new Error(`${BIN} does not start with the shebang the bench and the tests expect (#!/usr/bin/env -S [NAME=value …] node <flags>)`);
  const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
  return {
    environment: Object.fromEntries(words(found[1]!).map((assignment) => [assignment.slice(0, assignment.indexOf('=')), assignment.slice(assignment.indexOf('=') + 1)])),
    flags: words(found[2]!),
  };
}

/**
 * The node arguments `npm start` amounts to (the bin's shebang flags, the bin, the start script's
 * arguments), so the bench and the tests start the server users get, under a node they choose.
 * Spawn them with `startEnvironment` added to the child's environment.
 */
export function startArguments(root = ROOT): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.trim().split(/\s+/);
  if (command !== BIN) throw new Error(`package.json's start script runs ${command}; the bench and the tests expect it to run ${BIN}`);
  return [...shebang(root).flags, BIN, ...args];
}

/** The variables the bin's shebang sets for node (over the caller's own, as `env` does): what a spawn of `startArguments` adds. */
export function startEnvironment(root = ROOT): Record<string, string> {
  return shebang(root).environment;
}
