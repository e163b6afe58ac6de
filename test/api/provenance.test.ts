import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutServerPaths } from '../../src/domain/text.js';
import { hansard } from '../../src/ingest/hansard.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { ourcommonsDivisions } from '../../src/ingest/ourcommons-divisions.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { runImport } from '../../src/ingest/runner.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

const SITTING_200 = join(SHARED_DATA, 'hansard/44-1-200-en.xml');

const { get } = testApi(async (database) => {
  await importSteps(database, [
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [legisinfoBills, legisinfoBillFiles(['44-1']).filter((f) => f.includes('/C-21/') || f.includes('/C-11/'))],
    [ourcommonsDivisions, [join(SHARED_DATA, 'ourcommons-44')]],
    [hansard, [SITTING_200]],
  ]);
  // A failed run's error is public too (GET /sources).
  await runImport(database, hansard, [join(SHARED_DATA, 'hansard/no-such-sitting.xml')]);
});

// A path on this machine: the shared data, a temporary folder, or any absolute path to a data file.
const SERVER_PATH = /(?<=["\s(])\/(?:[^\s/"]+\/)+[^\s/"]+\.(?:xml|csv|json|gz|tar)\b/;

describe('provenance in API responses', () => {
  it('cuts any absolute path in text to its source folder and file, and leaves URLs whole', () => {
    expect(withoutServerPaths(`${SITTING_200}: no such file`)).toBe('hansard/44-1-200-en.xml: no such file');
    expect(withoutServerPaths('/srv/op/data/legisinfo/bills-metadata.tar.gz#44-1/bills/C-21/metadata.xml'))
      .toBe('legisinfo/bills-metadata.tar.gz#44-1/bills/C-21/metadata.xml');
    expect(withoutServerPaths('https://www.parl.ca/legisinfo/en/bill/44-1/c-21')).toBe('https://www.parl.ca/legisinfo/en/bill/44-1/c-21');
  });

  it('has no absolute path anywhere in the answers', async () => {
    const urls = [
      '/api/v1/votes/ca/44-1/332',
      '/api/v1/votes?session=44-1&per_page=100',
      '/api/v1/bills/ca/44-1/C-21?include=actions&include=votes&include=sponsors&include=committee_meetings',
      '/api/v1/bills?session=44-1',
      '/api/v1/debates',
      '/api/v1/speeches?per_page=100',
      '/api/v1/people?current=false&per_page=100',
      '/api/v1/sources?per_page=100',
      '/api/v1/committees',
      '/api/v1/jurisdictions',
    ];
    const debates = (await get('/api/v1/debates')).json() as { results: { id: string }[] };
    urls.push(...debates.results.map((d) => `/api/v1/debates/${d.id}`));
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(SHARED_DATA);
      expect(res.body, url).not.toContain(`${tmpdir()}/`);
      expect(res.body.match(SERVER_PATH)?.[0] ?? null, url).toBeNull();
    }
    const sources = (await get('/api/v1/sources?per_page=100')).json() as { results: { source: string; last_run: { error: string | null } | null }[] };
    expect(sources.results.find((s) => s.source === 'hansard')!.last_run!.error).toContain('hansard/no-such-sitting.xml');
  });

  it('lists the three sources of division 332 of 44-1, each with the publisher\'s page and the file in the data folder', async () => {
    const vote = (await get('/api/v1/votes/ca/44-1/332')).json() as { sources: { source: string; url?: string; file?: string; location?: string }[] };
    expect(vote.sources.map((s) => s.source).sort()).toEqual(['hansard', 'legisinfo-bills', 'ourcommons-divisions']);
    const by = new Map(vote.sources.map((s) => [s.source, s]));
    expect(by.get('legisinfo-bills')).toMatchObject({ url: 'https://www.parl.ca/legisinfo/en/bill/44-1/c-21', file: 'C-21/metadata.xml' });
    expect(by.get('ourcommons-divisions')).toMatchObject({ url: 'https://www.ourcommons.ca/Members/en/votes/44/1/332', file: 'ourcommons-44/divisions-44-1.csv' });
    expect(by.get('hansard')).toMatchObject({
      url: 'https://www.ourcommons.ca/DocumentViewer/en/44-1/house/sitting-200/hansard',
      file: 'hansard/44-1-200-en.xml',
      location: 'Division 332',
    });
  });
});
