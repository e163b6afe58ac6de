import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { personId } from '../../src/domain/ids.js';
import { hansard } from '../../src/ingest/hansard.js';
import { ourcommonsDivisions } from '../../src/ingest/ourcommons-divisions.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { importSteps } from '../support/imports.js';

// The published list of 44-1 divisions, read independently of the importer to check the API's figures.
const divisionsCsv = parse(readFileSync(join(SHARED_DATA, 'ourcommons-44/divisions-44-1.csv')), { columns: true }) as Record<string, string>[];
const divisionDate = (row: Record<string, string>) => row.DecisionEventDateTime!.slice(0, 10);

const { get } = testApi(async (database) => {
  await importSteps(database, [
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [hansard, [join(SHARED_DATA, 'hansard/44-1-200-en.xml')]],
    [ourcommonsDivisions, [join(SHARED_DATA, 'ourcommons-44')]],
  ]);
});

interface VoteBody {
  id: string;
  identifier: string;
  start_date: string;
  result: string;
  counts: { option: string; value: number }[];
  bill: { id: string | null; identifier: string | null } | null;
}
const count = (v: { counts: { option: string; value: number }[] }, option: string) => v.counts.find((c) => c.option === option)?.value ?? 0;

describe('GET /api/v1/votes/{jurisdiction}/{session}/{number}', () => {
  it('returns division 332 of 44-1 with its counts and all 323 ballots', async () => {
    const res = await get('/api/v1/votes/ca/44-1/332');
    expect(res.statusCode).toBe(200);
    const vote = res.json();
    expect(vote).toMatchObject({
      identifier: '332', session: '44-1', start_date: '2023-05-18', result: 'fail',
      organization: { name: { en: 'House of Commons', fr: 'Chambre des communes' }, classification: 'lower' },
      bill: { identifier: 'C-21' }, url: '/api/v1/votes/ca/44-1/332',
    });
    expect(vote.bill.id).toMatch(/^ocd-bill\//);
    expect(vote.motion_text.en).toContain('Bill C-21');
    expect(vote.counts).toEqual([{ option: 'yes', value: 110 }, { option: 'no', value: 209 }, { option: 'paired', value: 4 }]);
    expect(vote.votes).toHaveLength(323);
    expect(vote.ballot_coverage).toEqual({ recorded: true, ballots: 323, division_total: 323 });
    for (const option of ['yes', 'no', 'paired']) {
      expect(vote.votes.filter((b: { option: string }) => b.option === option)).toHaveLength(count(vote, option));
    }
    expect(vote.sources[0].source).toBeTruthy();
    expect(vote.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const byId = await get(`/api/v1/votes/${vote.id}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual(vote);
  });

  it('names the riding each member sat for that day, from the member\'s seat in the House', async () => {
    const vote = (await get('/api/v1/votes/ca/44-1/332')).json() as { votes: { voter_name: string; voter_id: string | null; district: string | null }[] };
    const poilievre = vote.votes.find((b) => /Poilievre/.test(b.voter_name))!;
    expect(poilievre.district).toBe('Carleton');
    // Every member resolved to a person sat for a riding on 2023-05-18.
    const resolved = vote.votes.filter((b) => b.voter_id);
    expect(resolved.length).toBeGreaterThan(300);
    expect(resolved.filter((b) => !b.district).map((b) => b.voter_name)).toEqual([]);
  });

  it('breaks the ballots down by party, summing to the counts, with every party voting as a bloc', async () => {
    const vote = (await get('/api/v1/votes/ca/44-1/332')).json();
    for (const option of ['yes', 'no', 'paired']) {
      const total = vote.parties.reduce((sum: number, p: { counts: { option: string; value: number }[] }) => sum + count(p, option), 0);
      expect(total, option).toBe(count(vote, option));
    }
    const party = (name: string) => vote.parties.find((p: { party: { en: string } | null }) => p.party?.en === name);
    expect(party('Conservative Party of Canada')).toMatchObject({ majority: 'yes', bloc: true });
    expect(count(party('Conservative Party of Canada'), 'yes')).toBe(109);
    expect(party('Liberal Party of Canada')).toMatchObject({ majority: 'no', bloc: true });
    expect(party('Bloc Québécois')).toMatchObject({ counts: [{ option: 'no', value: 31 }], bloc: true });
    expect(party('New Democratic Party')).toMatchObject({ counts: [{ option: 'no', value: 25 }], bloc: true });
    // independents have no whip to break with
    expect(party('Independent')).toMatchObject({ bloc: null });
    // French pages name the parties in French, from the parties' organization records.
    expect(party('Conservative Party of Canada')).toMatchObject({ party: { en: 'Conservative Party of Canada', fr: 'Parti conservateur du Canada' } });
    expect(party('New Democratic Party')).toMatchObject({ party: { fr: 'Nouveau Parti démocratique' } });
    // Each ballot names its party the same way, in both languages.
    expect(vote.votes.find((b: { voter_name: string }) => b.voter_name === 'Poilievre'))
      .toMatchObject({ party: { en: 'Conservative Party of Canada', fr: 'Parti conservateur du Canada' } });
    expect(vote.dissenters).toEqual([]);
  });

  it('downloads a division\'s ballots as CSV, one line per member with riding and party', async () => {
    const json = (await get('/api/v1/votes/ca/44-1/332')).json() as { votes: { voter_name: string; district: string | null; option: string }[] };
    for (const [url, headers] of [['/api/v1/votes/ca/44-1/332?format=csv', {}], ['/api/v1/votes/ca/44-1/332', { accept: 'text/csv' }]] as const) {
      const res = await get(url, headers);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toBe('attachment; filename="votes-ca-44-1-332.csv"');
      const lines = res.body.trim().split('\r\n');
      expect(lines[0]).toBe('voter_name,voter_id,district,party,party_fr,option');
      expect(lines).toHaveLength(json.votes.length + 1);
      expect(lines.find((l) => l.startsWith('Poilievre,'))).toMatch(/^Poilievre,ocd-person\/[^,]+,Carleton,Conservative Party of Canada,Parti conservateur du Canada,yes$/);
    }
    expect((await get('/api/v1/votes/ca/44-1/332?format=xml')).statusCode).toBe(400);
  });

  it('names the Liberals who broke with their party on division 333 (third reading of C-21)', async () => {
    const vote = (await get('/api/v1/votes/ca/44-1/333')).json();
    const liberals = vote.parties.find((p: { party: { en: string } | null }) => p.party?.en === 'Liberal Party of Canada');
    expect(liberals).toMatchObject({ majority: 'yes', bloc: false });
    expect(vote.dissenters.map((d: { voter_name: string; option: string; party_majority: string }) => [d.voter_name, d.option, d.party_majority]))
      .toEqual([['Hanley', 'no', 'yes'], ['McLeod', 'no', 'yes']]);
    expect(vote.dissenters[0].party).toEqual({ en: 'Liberal Party of Canada', fr: 'Parti libéral du Canada' });
    expect(vote.dissenters[0].voter_id).toMatch(/^ocd-person\//);
    expect(vote.parties.filter((p: { bloc: boolean | null }) => p.bloc === true).map((p: { party: { en: string } }) => p.party.en))
      .toEqual(expect.arrayContaining(['Conservative Party of Canada', 'Bloc Québécois', 'New Democratic Party']));
  });

  it('404s unknown divisions and 400s unknown jurisdictions', async () => {
    const missing = await get('/api/v1/votes/ca/44-1/9999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ status: 404, title: 'Not Found' });
    expect((await get('/api/v1/votes/ocd-vote/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await get('/api/v1/votes/atlantis/44-1/332')).json()).toMatchObject({ status: 400, parameter: 'jurisdiction' });
  });
});

describe('GET /api/v1/votes', () => {
  it('lists the 408 divisions of 44-1, newest first', async () => {
    const res = await get('/api/v1/votes?session=44-1&per_page=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.pagination).toMatchObject({ page: 1, per_page: 5, max_page: 82, total_items: 408 });
    expect(divisionsCsv).toHaveLength(408);
    expect(body.results[0]).toMatchObject({ identifier: '408', start_date: '2023-06-22', result: 'pass', bill: null });
    expect(body.results[0].counts).toEqual([{ option: 'yes', value: 208 }, { option: 'no', value: 113 }, { option: 'paired', value: 2 }]);
    expect(body.results[0].ballot_coverage).toEqual({ recorded: false, ballots: 0, division_total: 323 });
    expect(body.results[1]).toMatchObject({ identifier: '407', bill: { identifier: 'C-42' } });
    const oldest = (await get('/api/v1/votes?session=44-1&sort=date_asc&per_page=1')).json();
    expect(oldest.results[0].start_date).toBe(divisionsCsv.map(divisionDate).sort()[0]);
  });

  it('filters by result, date, date range and bill as the published list does', async () => {
    const total = async (query: string) => (await get(`/api/v1/votes?session=44-1&${query}`)).json().pagination.total_items;
    expect(await total('result=pass')).toBe(divisionsCsv.filter((r) => r.DecisionResultName === 'Agreed To').length);
    expect(await total('result=fail')).toBe(divisionsCsv.filter((r) => r.DecisionResultName === 'Negatived').length);
    expect(await total('result=tie')).toBe(0);
    const day = (await get('/api/v1/votes?jurisdiction=ca&date=2023-05-18')).json();
    expect(day.results.map((v: VoteBody) => v.identifier).sort()).toEqual(['332', '333']);
    expect(await total('since=2023-05-01&before=2023-06-01'))
      .toBe(divisionsCsv.filter((r) => divisionDate(r) >= '2023-05-01' && divisionDate(r) < '2023-06-01').length);
    const c21 = (await get('/api/v1/votes?bill=C-21&session=44-1&per_page=100')).json();
    expect(c21.pagination.total_items).toBe(divisionsCsv.filter((r) => r.BillNumberCode === 'C-21').length);
    expect(c21.results.every((v: VoteBody) => v.bill?.identifier === 'C-21')).toBe(true);
    // Hansard prints bill numbers with U+2011; typed so, or with a lowercase letter, they are the same number.
    expect((await get('/api/v1/votes?bill=c%E2%80%9121&session=44-1&per_page=100')).json().pagination.total_items).toBe(c21.pagination.total_items);
    const byBillId = (await get(`/api/v1/votes?bill=${encodeURIComponent(c21.results[0].bill.id)}`)).json();
    expect(byBillId.pagination.total_items).toBe(c21.pagination.total_items);
  });

  it('walks every division once by cursor', async () => {
    const seen = new Set<string>();
    let url: string | null = '/api/v1/votes?session=44-1&per_page=100';
    while (url) {
      const body = (await get(url)).json() as { results: VoteBody[]; pagination: { next: string | null } };
      for (const v of body.results) {
        expect(seen.has(v.id)).toBe(false);
        seen.add(v.id);
      }
      url = body.pagination.next;
    }
    expect(seen.size).toBe(408);
  });

  it('streams CSV of the whole filtered list', async () => {
    const res = await get('/api/v1/votes?session=44-1&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,session,identifier,start_date,result,yes,no,paired,ballots_recorded,bill_id,bill_identifier,motion_text_en,motion_text_fr,updated_at');
    expect(lines).toHaveLength(409);
    expect(lines.find((l) => l.includes(',44-1,332,'))).toMatch(/,2023-05-18,fail,110,209,4,323,/);
    expect(lines.find((l) => l.includes(',44-1,408,'))).toMatch(/,2023-06-22,pass,208,113,2,0,/);
  });

  it('rejects bad parameters with problem+json naming the parameter', async () => {
    for (const [query, parameter] of [
      ['result=maybe', 'result'], ['since=yesterday', 'since'], ['date=2023-13-45', 'date'], ['session=forty', 'session'],
      ['jurisdiction=atlantis', 'jurisdiction'], ['sort=random', 'sort'], ['colour=blue', 'colour'], ['per_page=101', 'per_page'],
    ] as const) {
      const res = await get(`/api/v1/votes?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, parameter });
    }
  });
});

describe('ballot coverage', () => {
  it('says of every division whether its ballots are recorded: only the two of the imported sitting', async () => {
    const recorded: string[] = [];
    let url: string | null = '/api/v1/votes?session=44-1&per_page=100';
    while (url) {
      const body = (await get(url)).json() as { results: (VoteBody & { ballot_coverage: { recorded: boolean; ballots: number; division_total: number } })[]; pagination: { next: string | null } };
      for (const v of body.results) {
        const published = divisionsCsv.find((r) => r.DecisionDivisionNumber === v.identifier)!;
        const total = ['Yeas', 'Nays', 'Paired'].reduce((sum, k) => sum + Number(published[`DecisionDivisionNumberOf${k}`]), 0);
        expect(v.ballot_coverage.division_total, v.identifier).toBe(total);
        expect(v.ballot_coverage.recorded).toBe(v.ballot_coverage.ballots > 0);
        if (v.ballot_coverage.recorded) recorded.push(v.identifier);
      }
      url = body.pagination.next;
    }
    expect(recorded.sort()).toEqual(['332', '333']);
  });

  it("says on how many divisions a member's attendance rests, of those held while they sat", async () => {
    // Anandasangaree sat from 2021-09-20 (the House's tenure export), so every 44-1 division was held while he sat.
    const tenure = parse(readFileSync(join(SHARED_DATA, 'ourcommons-44/members_tenure.csv')), { columns: true }) as Record<string, string>[];
    const since = tenure.find((r) => r.PersonId === '89449')!.StartDate!;
    expect(since).toMatch(/^2021-09-20/);
    const summary = (await get(`/api/v1/people/${personId('parl-person-id', 89449)}/votes`)).json().summary;
    expect(summary).toMatchObject({ divisions: 2, divisions_held: divisionsCsv.length, attended: 2, attendance_rate: 1 });
    const inMay = (await get(`/api/v1/people/${personId('parl-person-id', 89449)}/votes?since=2023-05-01&before=2023-06-01`)).json().summary;
    expect(inMay.divisions_held).toBe(divisionsCsv.filter((r) => divisionDate(r) >= '2023-05-01' && divisionDate(r) < '2023-06-01').length);
  });
});
