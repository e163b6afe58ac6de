/**
 * The table of legislatures (src/domain/legislatures.ts) against the dates the
 * shared data prints: openparliament's sessions open on a Parliament's first
 * sitting and close by its dissolution, and every 44-1 division of the House
 * export falls within the 44th Parliament. No database.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FEDERAL_JURISDICTION, provinceJurisdiction } from '../../src/domain/ids.js';
import { endWithLegislature, legislature, legislatureName, legislatureOn, nextLegislature } from '../../src/domain/legislatures.js';
import { SHARED_DATA } from '../support/db.js';

interface Session { pk: string; fields: { start: string; end: string | null } }
const sessions = JSON.parse(readFileSync(join(SHARED_DATA, 'openparliament-fixtures/sessions.json'), 'utf8')) as Session[];

describe('the table of legislatures', () => {
  it("places each openparliament session in its Parliament: the first opens on the first sitting, the last closed ends at the dissolution", () => {
    for (const s of sessions) {
      const [parliament, number] = s.pk.split('-').map(Number) as [number, number];
      const l = legislature(FEDERAL_JURISDICTION, parliament);
      expect(legislatureOn(FEDERAL_JURISDICTION, s.fields.start), s.pk).toBe(l);
      if (number === 1) expect(s.fields.start, s.pk).toBe(l.firstSitting);
      if (s.fields.end) expect(s.fields.end <= l.end!, s.pk).toBe(true);
      const last = Math.max(...sessions.filter((o) => o.pk.startsWith(`${parliament}-`)).map((o) => Number(o.pk.split('-')[1])));
      // 40-3 is open in the snapshot: it ended with the dissolution.
      if (number === last && s.fields.end) expect(s.fields.end, s.pk).toBe(l.end);
    }
    expect(sessions.filter((s) => !s.fields.end).map((s) => s.pk)).toEqual(['40-3']);
    expect(endWithLegislature(FEDERAL_JURISDICTION, '2010-03-03', null)).toBe('2011-03-26');
  });

  it('holds every 44-1 division of the House export within the 44th Parliament, and leaves the 45th open', () => {
    const rows = parse(readFileSync(join(SHARED_DATA, 'ourcommons-44/divisions-44-1.csv')), { columns: true }) as Record<string, string>[];
    const dates = rows.map((r) => r.DecisionEventDateTime!.slice(0, 10)).sort();
    const l44 = legislature(FEDERAL_JURISDICTION, 44);
    expect(dates[0]! >= l44.firstSitting && dates.at(-1)! <= l44.end!).toBe(true);
    expect(new Set(dates.map((d) => legislatureOn(FEDERAL_JURISDICTION, d)))).toEqual(new Set([l44]));
    // A seat the House export leaves open (EndDate NA) ends at the dissolution; one it ends keeps its end.
    expect(endWithLegislature(FEDERAL_JURISDICTION, '2021-09-20', null)).toBe('2025-03-23');
    expect(endWithLegislature(FEDERAL_JURISDICTION, '2021-09-20', '2022-05-27')).toBe('2022-05-27');
    const l45 = nextLegislature(l44)!;
    expect(l45).toMatchObject({ number: 45, end: null });
    expect(endWithLegislature(FEDERAL_JURISDICTION, '2025-04-28', null)).toBeNull();
    expect(legislatureName(l45)).toEqual({ en: '45th Parliament', fr: '45e législature' });
    expect(legislatureName(legislature(provinceJurisdiction('bc'), 41)).en).toBe('41st Parliament');
    // No legislature is known between a dissolution and the next election, nor for a council.
    expect(legislatureOn(FEDERAL_JURISDICTION, '2025-04-01')).toBeNull();
    expect(legislatureOn('ocd-jurisdiction/country:ca/csd:3520005/council', '2022-11-15')).toBeNull();
  });
});
