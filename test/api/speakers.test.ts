import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { personId } from '../../src/domain/ids.js';
import { hansard } from '../../src/ingest/hansard.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { runImport } from '../../src/ingest/runner.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';

// Meeting 53 of the Standing Committee on Science and Research (2023-09-20): members, its chair, and witnesses.
const { get } = testApi(async (database) => {
  expect((await runImport(database, ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')])).status).toBe('succeeded');
  expect((await runImport(database, hansard, [join(SHARED_DATA, 'hansard/12324877-en.xml')])).status).toBe('succeeded');
});

interface SpeechBody { speaker: { name: string; person_id: string | null; affiliation: string | null; role: string | null } }

describe('who spoke, in the API', () => {
  it('labels witnesses as witnesses, unlinked, and links every member and the chair', async () => {
    const speeches: SpeechBody[] = [];
    let url: string | null = '/api/v1/speeches?date=2023-09-20&per_page=100';
    while (url) {
      const page = (await get(url)).json() as { results: SpeechBody[]; pagination: { next: string | null } };
      speeches.push(...page.results);
      url = page.pagination.next;
    }
    const byRole = (role: string) => speeches.filter((s) => s.speaker.role === role);
    const witnesses = byRole('witness');
    expect(witnesses.length).toBeGreaterThan(50);
    expect(witnesses.every((s) => s.speaker.person_id === null)).toBe(true);
    expect(witnesses.map((s) => s.speaker.name)).toContain('Ms. Cherie Wong');
    expect(witnesses.find((s) => s.speaker.affiliation)?.speaker.affiliation).toMatch(/,/);
    const chair = byRole('presiding_officer');
    expect(chair.length).toBeGreaterThan(20);
    // The meeting's chair is named on its cover: Lloyd Longfield (Guelph).
    expect(new Set(chair.map((s) => s.speaker.person_id))).toEqual(new Set([personId('parl-person-id', 88761)]));
    const members = byRole('member');
    expect(members.length).toBeGreaterThan(50);
    expect(members.filter((s) => s.speaker.person_id === null)).toEqual([]);
    expect(speeches.length).toBe(witnesses.length + chair.length + members.length);
  });

  it('titles the meeting with the committee\'s name in both languages, as the English evidence prints them', async () => {
    const [meeting] = (await get('/api/v1/debates?date=2023-09-20')).json().results as { title: unknown }[];
    expect(meeting!.title).toEqual({
      en: 'Standing Committee on Science and Research, No. 53',
      fr: 'Comité permanent de la science et de la recherche, numéro 53',
    });
  });
});
