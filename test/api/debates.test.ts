import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { billId, FEDERAL_JURISDICTION } from '../../src/domain/ids.js';
import { hansard } from '../../src/ingest/hansard.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { runImport } from '../../src/ingest/runner.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

const { get } = testApi(async (database) => {
  // The 44th Parliament's members (so speakers resolve to people), sitting 200 of 44-1 (English, 2023-05-18),
  // sitting 2 of 42-1 (French, 2015-12-04), and C-21, a bill sitting 200 debated.
  const members = await runImport(database, ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]);
  expect(members.status).toBe('succeeded');
  const sittings = await runImport(database, hansard, [join(SHARED_DATA, 'hansard/44-1-200-en.xml'), join(SHARED_DATA, 'hansard/42-1-2-fr.xml')]);
  expect(sittings.status).toBe('succeeded');
  const c21 = await runImport(database, legisinfoBills, legisinfoBillFiles(['44-1']).filter((f) => f.includes('/C-21/')));
  expect(c21.status).toBe('succeeded');
});

interface SpeechBody {
  id: string;
  debate_id: string;
  date: string;
  sequence: number;
  speaker: { name: string; person_id: string | null };
  text: { en: string | null; fr: string | null };
  bill: { id: string; identifier: string | null } | null;
}
interface Page<T> { results: T[]; pagination: { total_items: number; next: string | null } }

async function sitting200() {
  const body = (await get('/api/v1/debates?date=2023-05-18')).json();
  expect(body.results).toHaveLength(1);
  return body.results[0] as { id: string; url: string; speech_count: number };
}

describe('GET /api/v1/debates', () => {
  it('lists the sittings newest first, filtered by session and dates', async () => {
    const res = await get('/api/v1/debates');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pagination.total_items).toBe(2);
    expect(body.results.map((d: { date: string; session: string; number: number }) => [d.date, d.session, d.number]))
      .toEqual([['2023-05-18', '44-1', 200], ['2015-12-04', '42-1', 2]]);
    expect(body.results[0]).toMatchObject({ jurisdiction_id: FEDERAL_JURISDICTION, speech_count: 321 });
    expect(body.results[0].sources[0].source).toBe('hansard');
    expect(body.results[1].speech_count).toBe(42);
    // Each file names its publication in both languages; the French sitting's title is French too.
    expect(body.results.map((d: { title: unknown }) => d.title)).toEqual([
      { en: 'House of Commons Debates, No. 200', fr: 'Débats de la Chambre des communes, numéro 200' },
      { en: 'House of Commons Debates, No. 2', fr: 'Débats de la Chambre des communes, numéro 2' },
    ]);
    expect((await get('/api/v1/debates?session=42-1')).json().results.map((d: { number: number }) => d.number)).toEqual([2]);
    expect((await get('/api/v1/debates?jurisdiction=ca&since=2020-01-01')).json().pagination.total_items).toBe(1);
    expect((await get('/api/v1/debates?before=2015-12-04')).json().pagination.total_items).toBe(0);
    expect((await get('/api/v1/debates?sort=date_asc')).json().results[0].date).toBe('2015-12-04');
  });

  it('rejects bad parameters and unknown debates', async () => {
    for (const [query, parameter] of [['since=soon', 'since'], ['session=x', 'session'], ['jurisdiction=atlantis', 'jurisdiction'], ['speaker=me', 'speaker']] as const) {
      const res = await get(`/api/v1/debates?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ status: 400, parameter });
    }
    const missing = await get('/api/v1/debates/00000000-0000-0000-0000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await get('/api/v1/debates/00000000-0000-0000-0000-000000000000/speeches')).statusCode).toBe(404);
  });
});

describe('GET /api/v1/debates/{id}', () => {
  it('includes every speech of sitting 200 in order', async () => {
    const { id, url } = await sitting200();
    const plain = (await get(url)).json();
    expect(plain).toMatchObject({ id, date: '2023-05-18', number: 200, speech_count: 321, speeches_url: `${url}/speeches` });
    expect(plain.speeches).toBeUndefined();
    const full = (await get(`${url}?include=speeches`)).json();
    expect(full.speeches).toHaveLength(321);
    expect(full.speeches.map((s: SpeechBody) => s.sequence)).toEqual(full.speeches.map((_: SpeechBody, i: number) => i + 1));
    expect(full.speeches[0]).toMatchObject({ debate_id: id, date: '2023-05-18', speaker: { name: 'Ms. Laurel Collins' } });
    expect(full.speeches[0].text.en).toMatch(/^moved for leave to introduce Bill C-332/);
    expect((await get(`${url}?include=everything`)).json()).toMatchObject({ status: 400, parameter: 'include' });
  });

  it('gives the sitting\'s table of contents: each run of speeches under one subject, where it starts and how many', async () => {
    const { url } = await sitting200();
    const { subjects } = (await get(url)).json() as { subjects: { subject: { en: string | null }; speeches: number; first_speech_id: string; position: number }[] };
    const { speeches } = (await get(`${url}?include=speeches`)).json() as { speeches: (SpeechBody & { subject: { en: string | null } })[] };
    // Rebuilt from the speeches themselves: every speech in exactly one entry, entries in order, each one subject.
    expect(subjects.reduce((sum, s) => sum + s.speeches, 0)).toBe(321);
    expect(subjects.length).toBeGreaterThan(5);
    expect(subjects.length).toBeLessThan(321);
    for (const [i, entry] of subjects.entries()) {
      const run = speeches.slice(entry.position - 1, entry.position - 1 + entry.speeches);
      expect(run[0]!.id).toBe(entry.first_speech_id);
      expect(new Set(run.map((s) => s.subject.en))).toEqual(new Set([entry.subject.en]));
      if (i > 0) expect(entry.subject.en).not.toBe(subjects[i - 1]!.subject.en);
      expect(entry.position).toBe(i === 0 ? 1 : subjects[i - 1]!.position + subjects[i - 1]!.speeches);
    }
  });

  it('pages through the speeches by cursor, each once and in order, and as CSV', async () => {
    const { url } = await sitting200();
    const sequences: number[] = [];
    let next: string | null = `${url}/speeches?per_page=100`;
    while (next) {
      const body = (await get(next)).json() as Page<SpeechBody>;
      expect(body.pagination.total_items).toBe(321);
      sequences.push(...body.results.map((s) => s.sequence));
      next = body.pagination.next;
    }
    expect(sequences).toEqual(Array.from({ length: 321 }, (_, i) => i + 1));
    const csv = await get(`${url}/speeches?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,debate_id,date,sequence,speaker_name,person_id,time,subject_en,text_en,text_fr,bill_id');
    expect(lines.filter((l) => /^[0-9a-f-]{36},/.test(l))).toHaveLength(321);
  });
});

describe('GET /api/v1/speeches', () => {
  it('finds a phrase in English and in French', async () => {
    const en = (await get(`/api/v1/speeches?q=${encodeURIComponent('"medical cannabis"')}`)).json() as Page<SpeechBody>;
    expect(en.pagination.total_items).toBe(1);
    expect(en.results[0]).toMatchObject({ date: '2023-05-18', sequence: 3, speaker: { name: 'Mr. Brad Vis' } });
    expect(en.results[0]!.text.en).toContain('reform medical cannabis licences');
    const fr = (await get(`/api/v1/speeches?q=${encodeURIComponent('"minute de silence"')}`)).json() as Page<SpeechBody>;
    expect(fr.results.length).toBeGreaterThan(0);
    expect(fr.results[0]).toMatchObject({ date: '2015-12-04', speaker: { name: 'Le Président' } });
    expect(fr.results[0]!.text.fr).toContain('une minute de silence');
    const one = (await get(`/api/v1/speeches/${en.results[0]!.id}`)).json();
    expect(one).toEqual(en.results[0]);
    expect((await get('/api/v1/speeches/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
  });

  it('filters by speaker, bill and date', async () => {
    expect((await get('/api/v1/speeches?date=2023-05-18')).json().pagination.total_items).toBe(321);
    const { url } = await sitting200();
    const speeches = (await get(`${url}?include=speeches`)).json().speeches as SpeechBody[];
    const guilbeault = speeches.find((s) => s.speaker.name === 'Hon. Steven Guilbeault')!;
    const bySpeaker = (await get(`/api/v1/speeches?person=${encodeURIComponent(guilbeault.speaker.person_id!)}&per_page=100`)).json() as Page<SpeechBody>;
    expect(bySpeaker.pagination.total_items).toBe(20);
    expect(bySpeaker.results.every((s) => s.speaker.name === 'Hon. Steven Guilbeault')).toBe(true);

    const c21 = billId(FEDERAL_JURISDICTION, '44-1', 'C-21');
    const byNumber = (await get('/api/v1/speeches?bill=C-21')).json() as Page<SpeechBody>;
    expect(byNumber.pagination.total_items).toBe(4);
    expect(byNumber.results.every((s) => s.bill?.id === c21 && s.bill.identifier === 'C-21')).toBe(true);
    expect((await get(`/api/v1/speeches?bill=${encodeURIComponent(c21)}`)).json().pagination.total_items).toBe(4);
    expect((await get('/api/v1/speeches?bill=C%E2%80%9121')).json().pagination.total_items).toBe(4);
    expect((await get('/api/v1/speeches?since=2016-01-01&before=2023-05-18')).json().pagination.total_items).toBe(0);
  });

  it('rejects bad parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [['person=Guilbeault', 'person'], ['sort=relevance', 'sort'], ['date=18-05-2023', 'date'], ['q=', 'q'], ['topic=guns', 'topic']] as const) {
      const res = await get(`/api/v1/speeches?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, parameter });
    }
  });
});
