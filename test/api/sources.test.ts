import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hansard } from '../../src/ingest/hansard.js';
import { municipal } from '../../src/ingest/municipal.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { importers } from '../../src/ingest/sources.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';

const runs: Record<string, RunReport[]> = { municipal: [], hansard: [] };

const { get } = testApi(async (database) => {
  const toronto = join(SHARED_DATA, 'municipal/toronto.csv');
  runs.municipal!.push(await runImport(database, municipal, [toronto]), await runImport(database, municipal, [toronto]));
  runs.hansard!.push(
    await runImport(database, hansard, [join(SHARED_DATA, 'hansard/44-1-200-en.xml')]),
    await runImport(database, hansard, [join(SHARED_DATA, 'hansard/no-such-sitting.xml')]),
  );
});

interface SourceBody {
  source: string;
  description: string | null;
  last_run: { id: number; status: string; finished_at: string | null; inserted: number; updated: number; unchanged: number; rejected: number; error: string | null } | null;
  last_success_at: string | null;
  freshness_seconds: number | null;
  runs: number;
}

describe('GET /api/v1/sources', () => {
  it('reports the last run of each source with its counts, and how fresh its last success is', async () => {
    const body = (await get('/api/v1/sources?per_page=100')).json() as { results: SourceBody[] };
    const bySource = new Map(body.results.map((s) => [s.source, s]));

    const [firstToronto, secondToronto] = runs.municipal!;
    expect(firstToronto!.inserted).toBeGreaterThan(0);
    expect(bySource.get('municipal')).toMatchObject({
      runs: 2,
      last_run: { id: secondToronto!.runId, status: 'succeeded', inserted: 0, updated: 0, unchanged: secondToronto!.unchanged, rejected: 0, error: null },
    });
    const municipalSource = bySource.get('municipal')!;
    expect(municipalSource.last_success_at).toBe(municipalSource.last_run!.finished_at);
    expect(municipalSource.freshness_seconds).toBeGreaterThanOrEqual(0);
    expect(municipalSource.freshness_seconds).toBeLessThan(600);

    // A failed run is the last run, but the data are as fresh as the success before it.
    const [, failed] = runs.hansard!;
    expect(failed!.status).toBe('failed');
    const hansardSource = bySource.get('hansard')!;
    expect(hansardSource).toMatchObject({ runs: 2, last_run: { id: failed!.runId, status: 'failed', inserted: 0 } });
    expect(hansardSource.last_run!.error).toContain('no-such-sitting.xml');
    expect(hansardSource.last_success_at).not.toBeNull();
    expect(hansardSource.freshness_seconds).not.toBeNull();
  });

  it('lists every registered importer, run or not, with its description, by name', async () => {
    const body = (await get('/api/v1/sources?per_page=100')).json() as { results: SourceBody[] };
    const names = body.results.map((s) => s.source);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining([...importers.map((i) => i.source), 'hansard', 'municipal']));
    for (const importer of importers) {
      const source = body.results.find((s) => s.source === importer.source)!;
      expect(source.description).toBe(importer.description);
      if (importer.source !== 'hansard' && importer.source !== 'municipal') {
        expect(source).toMatchObject({ last_run: null, last_success_at: null, freshness_seconds: null, runs: 0 });
      }
    }
  });

  it('pages by cursor and streams CSV', async () => {
    const total = (await get('/api/v1/sources')).json().pagination.total_items as number;
    const seen: string[] = [];
    let url: string | null = '/api/v1/sources?per_page=1';
    while (url) {
      const body = (await get(url)).json() as { results: SourceBody[]; pagination: { next: string | null } };
      seen.push(...body.results.map((s) => s.source));
      url = body.pagination.next;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const csv = await get('/api/v1/sources?format=csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('source,last_status,last_started_at,last_finished_at,inserted,updated,unchanged,rejected,last_success_at,freshness_seconds,runs');
    expect(lines).toHaveLength(total + 1);
    expect(lines.find((l) => l.startsWith('hansard,'))).toMatch(/^hansard,failed,/);
  });

  it('rejects unknown parameters', async () => {
    const res = await get('/api/v1/sources?source=hansard');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().parameter).toBe('source');
  });
});
