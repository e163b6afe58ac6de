/**
 * The layers point down: the API (src/api) is built on the database, auth, ingest,
 * domain, store, fetch, ops, errors and alerts code, never the other way round, so each of
 * those can be used (by the CLI, the importers, the tests) without the HTTP layer.
 * Checked over the import graph: every static import, re-export and dynamic
 * import() of every module below the API, followed through the modules it reaches.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from './import-graph.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = join(ROOT, 'src');
const BELOW_API = ['db', 'auth', 'ingest', 'domain', 'store', 'fetch', 'ops', 'errors', 'alerts'];
const API = join(SRC, 'api') + '/';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Each way from `start` into src/api, as the chain of modules that leads there. */
function pathsIntoApi(start: string): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file)) {
      if (next.startsWith(API)) found.push([...chain, next]);
      else if (next.startsWith(SRC)) walk(next, [...chain, next]);
    }
  };
  walk(start, [start]);
  return found;
}

describe('the layers below the API', () => {
  it('reads every kind of import', () => {
    const sample = join(SRC, 'db/replica.ts');
    expect(importsOf(sample).map((f) => relative(SRC, f))).toContain('store/data-changed.ts');
    expect(importsOf(join(SRC, 'serve.ts')).some((f) => f.startsWith(API)), 'the server sits above the API and imports it').toBe(true);
  });

  it.each(BELOW_API)('nothing under src/%s imports src/api, directly or through another module', (folder) => {
    const files = tsFiles(join(SRC, folder));
    expect(files.length).toBeGreaterThan(0);
    const violations = files.flatMap(pathsIntoApi).map((chain) => chain.map((f) => relative(ROOT, f)).join(' → '));
    expect(violations).toEqual([]);
  });
});
