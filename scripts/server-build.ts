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
 * The node arguments `npm start` amounts to (the bin's shebang flags, the bin, the start script's
 * arguments), so the bench and the tests start the server users get, under a node they choose.
 */
export function startArguments(root = ROOT): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.trim().split(/\s+/);
  if (command !== BIN) throw new Error(`package.json's start script runs ${command}; the bench and the tests expect it to run ${BIN}`);
  const shebang = /^#!\/usr\/bin\/env -S node((?: --?[\w-]+(?:=\S+)?)*)\n/.exec(readFileSync(join(root, BIN), 'utf8'));
  if (!shebang) throw new Error(`${BIN} does not start with the shebang the bench and the tests expect (#!/usr/bin/env -S node <flags>)`);
  return [...shebang[1]!.trim().split(/\s+/).filter(Boolean), BIN, ...args];
}
