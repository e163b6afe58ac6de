/**
 * Whether dist/ holds the build of the current sources. Plain JavaScript (typed by the .d.mts beside
 * it), so that bin/openpolicy.js can ask before it loads a TypeScript loader.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** What compiles the server: a change to it builds again too. */
const BUILD_SCRIPT = fileURLToPath(new URL('./server-build.ts', import.meta.url));
/** Written last by a build, dated when the build started: a source changed during the build makes the next start build again. */
export const STAMP = '.built';

/** The latest modification time in a tree: a directory's own time changes when a file in it is added or removed. */
export function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

export function serverBuildIsCurrent(root = ROOT) {
  const stamp = join(root, 'dist', STAMP);
  if (!existsSync(stamp)) return false;
  return Math.max(newestChange(join(root, 'src')), statSync(BUILD_SCRIPT).mtimeMs) <= statSync(stamp).mtimeMs;
}
