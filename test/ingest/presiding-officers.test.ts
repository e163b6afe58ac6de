/**
 * The presiding officers table (src/domain/presiding-officers.ts) against what the
 * shared Hansard sittings themselves print: the Speaker on the cover, and every chair
 * heading whose occupant the sitting names (in the heading's parenthesis or its
 * table-of-contents line).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presidingOffice, presidingOfficer, type PresidingOffice } from '../../src/domain/presiding-officers.js';
import { personNameKey } from '../../src/domain/text.js';
import { SHARED_DATA } from '../support/db.js';

interface Printed { file: string; date: string; office: string; printed: string; table: string | null }

const HANSARD = join(SHARED_DATA, 'hansard');
const item = (xml: string, name: string) => new RegExp(`<ExtractedItem Name="${name}">([^<]*)<`).exec(xml)?.[1]?.trim();
const surname = (name: string) => personNameKey(name).split(' ').at(-1)!;
// Headings of affiliation types 92 and 93 ("The Acting Speaker (Mr. Barry Devolin)", "The Assistant Deputy Speaker
// (Mrs. Carol Hughes)") name one of the two Assistant Deputy Speakers: the Deputy Chair or the Assistant Deputy Chair
// of Committees of the Whole. Any other member may also act as Speaker, under their own affiliation (type 2).
const ASSISTANT_TYPES = new Set(['92', '93']);
const NAMED = /\((.+)\)$/;
const ASSISTANTS: PresidingOffice[] = ['deputy chair', 'assistant deputy chair'];

function printedChairs(file: string): Printed[] {
  const xml = readFileSync(join(HANSARD, file), 'utf8');
  const date = `${item(xml, 'MetaDateNumYear')}-${item(xml, 'MetaDateNumMonth')?.padStart(2, '0')}-${item(xml, 'MetaDateNumDay')?.padStart(2, '0')}`;
  const found: Printed[] = [];
  // The House's cover names its Speaker; a committee's names its chair.
  const cover = /^(?:Speaker: The Honourable|Présidence de l'honorable) (.+)$/.exec(item(xml, 'SpeakerName') ?? '');
  if (cover) found.push({ file, date, office: 'speaker', printed: cover[1]!, table: presidingOfficer('speaker', date) });
  const heading = /<Intervention\b([^>]*)>\s*<PersonSpeaking>\s*<Affiliation DbId="\d+" Type="(\d+)">([^<]+)<\/Affiliation>/g;
  for (const [, attributes, type, title] of xml.matchAll(heading)) {
    const toc = /ToCText="([^"]*)"/.exec(attributes!)?.[1];
    const acting = ASSISTANT_TYPES.has(type!) ? NAMED.exec(title!.trim()) : null;
    if (acting) {
      const occupants = ASSISTANTS.map((o) => presidingOfficer(o, date));
      found.push({ file, date, office: 'deputy chair or assistant deputy chair', printed: acting[1]!,
        table: occupants.find((n) => n && surname(n) === surname(acting[1]!)) ?? occupants.join(' / ') });
      continue;
    }
    const office = presidingOffice(title!.trim(), false);
    // An office heading names its occupant only in the table-of-contents line ("Mr. Comartin"), when that line is not a title too.
    if (!office || office === 'speaker' || !toc || presidingOffice(toc, false) || /^the /i.test(toc)) continue;
    found.push({ file, date, office, printed: toc, table: presidingOfficer(office, date) });
  }
  return found;
}

describe('presiding officers by date', () => {
  const printed = readdirSync(HANSARD).filter((f) => f.endsWith('.xml')).sort().flatMap(printedChairs);
  const distinct = [...new Map(printed.map((p) => [`${p.date}|${p.office}|${surname(p.printed)}`, p])).values()];

  it('agree with every chair the shared sittings name', () => {
    console.log(distinct.map((p) => `${p.date} ${p.office}: printed ${p.printed}, table ${p.table}`).join('\n'));
    const disagreements = distinct.filter((p) => !p.table || surname(p.table) !== surname(p.printed));
    expect(disagreements).toEqual([]);
  });

  it('are checked for each office of the table, in the 41st, 43rd and 44th Parliaments', () => {
    const offices = new Set(distinct.map((p) => p.office));
    expect([...offices].sort()).toEqual(['deputy chair', 'deputy chair or assistant deputy chair', 'assistant deputy chair', 'deputy speaker', 'speaker'].sort());
    const years = new Set(distinct.map((p) => p.date.slice(0, 4)));
    for (const year of ['2011', '2014', '2020', '2021', '2023', '2024']) expect(years, year).toContain(year);
  });
});
