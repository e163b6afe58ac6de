/**
 * Builds the web UI into web/dist when it is missing or older than its
 * sources: `npm start` runs this first (prestart), so the two-command start
 * shows the site, and it costs a few file stats when the build is current.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestChange } from '../scripts/server-build-current.mjs';

const WEB = fileURLToPath(new URL('.', import.meta.url));
const VITE = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
// With the server's module the site bundles too (the pages' titles), so a change to it rebuilds the site.
const SOURCES = ['index.html', 'vite.config.ts', 'tsconfig.json', 'src', 'public', '../src/api/page-titles.ts'];

export function webBuildIsCurrent(): boolean {
  const index = join(WEB, 'dist', 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((name) => !existsSync(join(WEB, name)) || newestChange(join(WEB, name)) <= built);
}

/** Builds when needed; true when it did. */
export function ensureWebBuilt(): boolean {
  if (webBuildIsCurrent()) return false;
  // An install without dev dependencies cannot build; it still serves the API (and a build made elsewhere).
  if (!existsSync(VITE)) {
    console.warn('web/dist is missing or out of date, and Vite is not installed (npm install without --omit=dev builds it)');
    return false;
  }
  execFileSync(process.execPath, [VITE, 'build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  if (ensureWebBuilt()) console.log(`web UI built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
