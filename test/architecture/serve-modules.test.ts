/**
 * `openpolicy serve` loads the importers and fetchers only when an import or a fetch runs: their
 * parsers and archive readers held about 13 MB of resident memory in every server, most of which
 * never imports (docs/notes/2026-12-06-issue-12m-r6.md). Checked over the modules src/cli.ts
 * loads with it (static imports, not type-only, followed through), and the catalog that names the
 * sources in their place kept true to the importers and fetchers.
 */
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { fetchers } from '../../src/fetch/fetchers.js';
import { FETCH_SOURCES, SOURCE_NAMES, SOURCES } from '../../src/ingest/catalog.js';
import { importers } from '../../src/ingest/sources.js';
import { importsOf } from './import-graph.js';

const SRC = join(new URL('../../', import.meta.url).pathname, 'src');

function loadedWith(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file, { onLoad: true })) if (next.startsWith(SRC)) walk(next);
  };
  walk(entry);
  return new Set([...seen].map((f) => relative(SRC, f)));
}

it('starting the CLI (and so the server) loads no importer, fetcher or import runner', () => {
  const loaded = loadedWith(join(SRC, 'cli.ts'));
  expect(loaded).toContain('serve.ts');
  expect(loaded).toContain('api/routes/admin-imports.ts');
  const importing = ['ingest/sources.ts', 'ingest/runner.ts', 'ingest/import-all.ts', 'ingest/hansard.ts', 'fetch/fetchers.ts', 'fetch/fetch-run.ts', 'fetch/scheduler.ts'];
  expect(importing.filter((m) => loaded.has(m))).toEqual([]);
});

it('the catalog names every importer, in the order import --all runs them, with its description', () => {
  expect(importers.map((i) => i.source)).toEqual(SOURCE_NAMES);
  for (const importer of importers) expect(importer.description).toBe(SOURCES[importer.source as keyof typeof SOURCES]);
});

it('the catalog names the fetched sources as the fetchers are listed', () => {
  expect(fetchers.map((f) => f.importer.source)).toEqual(FETCH_SOURCES);
});
