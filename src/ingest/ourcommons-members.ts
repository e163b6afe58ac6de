/**
 * Members of the 44th Parliament from the House of Commons' member exports
 * (members_*.csv): one person per PersonId with a seat in the House (riding,
 * OCD district, party) and a membership in each caucus they sat with. The
 * export was taken while that Parliament sat and prints no end (NA) for those
 * still in their seat: their seats and caucuses end at its dissolution.
 *
 * The four files join on PersonId, except members_seating.csv, the only one with
 * names, which has no PersonId and is joined by riding. Ridings resolve to the
 * OCD district in force when the member took their seat, read from the OCD
 * registry (country-ca.csv given with the paths, else `../ocd/country-ca.csv`
 * beside the members folder).
 */
import { join } from 'node:path';
import { divisions, memberships, organizations } from '../db/schema.js';
import { FEDERAL_JURISDICTION, personId as personIdOf, recordId } from '../domain/ids.js';
import { endWithLegislature } from '../domain/legislatures.js';
import { federalParty, federalPartyId, partyOrganization } from '../domain/parties.js';
import { clean, datePart, searchKey } from '../domain/text.js';
import { districtKey, FederalDistricts, locateRegistry, REGISTRY_FILE, type FederalDistrict } from './federal-districts.js';
import { decodeText, readCsv, readSourceBytes, type CsvRow } from './files.js';
import { locateNamedFiles } from './named-files.js';
import { writePersonRecords, type PersonRecordRow } from './identity.js';
import { ensureFederal, HOUSE_OF_COMMONS } from './reference.js';
import type { ImportContext, Importer } from './runner.js';
import { addCounts, emptyCounts, ensure, upsert, type WriteCounts } from './upsert.js';
import { catalogued } from './catalog.js';

export const MEMBER_FILES = {
  caucus: 'members_caucus.csv',
  constituency: 'members_constituency.csv',
  seating: 'members_seating.csv',
  tenure: 'members_tenure.csv',
} as const;
type Part = keyof typeof MEMBER_FILES;

const REQUIRED: Record<Part, string[]> = {
  caucus: ['PersonId', 'CaucusShortName', 'StartDate', 'EndDate'],
  constituency: ['PersonId', 'ConstituencyName', 'Pic_URL'],
  seating: ['Member of Parliament', 'Constituency'],
  tenure: ['PersonId', 'StartDate', 'EndDate'],
};

const BATCH = 200;
const PERSON_ID = /^\d+$/;
const HONORIFIC = /^(?:The\s+)?(?:Right\s+)?Hon(?:\.|ourable)\s+/i;
const INITIAL = /^\p{Lu}\.$/u;

type MembershipRow = typeof memberships.$inferInsert;
type Rows = Record<Part, CsvRow[]>;

interface Located {
  files: Record<Part, string>;
  registry: string;
}

interface Span {
  start: string | null;
  end: string | null;
}

interface Caucus extends Span {
  party: string;
  line: number;
}

interface Member {
  personId: string;
  constituency: string;
  image: string | null;
  line: number;
  tenure: { start: string; end: string | null; line: number };
  caucuses: Caucus[];
}

/** A member with their name from members_seating.csv, without honorific. */
type NamedMember = Member & { name: string };

function locate(paths: string[]): Located {
  const { files, folder } = locateNamedFiles(paths, MEMBER_FILES, [REGISTRY_FILE]);
  return { files, registry: locateRegistry(paths, folder) };
}

async function readPart(file: string, part: Part): Promise<CsvRow[]> {
  // members_seating.csv is Windows-1252, the others UTF-8: decodeText tells them apart.
  const { text } = decodeText(readSourceBytes(file));
  return readCsv(text, file, { required: REQUIRED[part] });
}

/** A date cell: "2021-09-20 12:00:00 AM" → 2021-09-20; empty or "NA" → null; anything else → undefined. */
function memberDate(value: string | undefined): string | null | undefined {
  const s = clean(value);
  if (!s || s === 'NA') return null;
  return datePart(s) ?? undefined;
}

/** "Right Hon. Justin Trudeau" → "Justin Trudeau": the honorific is a title, not part of the name. */
export function withoutHonorific(printed: string): string {
  return clean(printed.replace(HONORIFIC, '')) ?? '';
}

/**
 * Given name(s) and family name from a name written "Given [Initials] Family".
 * The first word and any initials after it are the given name and the rest the
 * family name, which keeps compound surnames whole ("Martinez Ferrada",
 * "Van Bynen") at the cost of two-word given names ("Lisa Marie Barron").
 */
export function splitName(name: string): { given: string | null; family: string } {
  const words = name.split(' ');
  let cut = 1;
  while (cut < words.length - 1 && INITIAL.test(words[cut]!)) cut++;
  if (words.length < 2) return { given: null, family: name };
  return { given: words.slice(0, cut).join(' '), family: words.slice(cut).join(' ') };
}

class MemberReader {
  constructor(private readonly ctx: ImportContext, private readonly files: Record<Part, string>) {}

  private reject(part: Part, row: CsvRow, message: string): void {
    this.ctx.reject({ location: `${this.files[part]}:${row.line}`, message, record: JSON.stringify(row.record) });
  }

  private personIdOf(part: Part, row: CsvRow): string | null {
    const id = clean(row.record.PersonId);
    if (id && PERSON_ID.test(id)) return id;
    this.reject(part, row, `malformed PersonId ${JSON.stringify(row.record.PersonId ?? '')}`);
    return null;
  }

  private span(part: Part, row: CsvRow): Span | null {
    const start = memberDate(row.record.StartDate);
    const end = memberDate(row.record.EndDate);
    if (start === undefined || end === undefined) {
      this.reject(part, row, `malformed date (StartDate ${JSON.stringify(row.record.StartDate)}, EndDate ${JSON.stringify(row.record.EndDate)})`);
      return null;
    }
    return { start, end };
  }

  /** Everyone in members_constituency.csv who has a tenure, with their caucuses. */
  members(rows: Rows): Member[] {
    const tenures = new Map<string, Member['tenure']>();
    for (const row of rows.tenure) {
      const id = this.personIdOf('tenure', row);
      const span = id ? this.span('tenure', row) : null;
      if (!id || !span) continue;
      if (!span.start) this.reject('tenure', row, 'no StartDate');
      else tenures.set(id, { start: span.start, end: span.end, line: row.line });
    }
    const caucuses = new Map<string, Caucus[]>();
    for (const row of rows.caucus) {
      const id = this.personIdOf('caucus', row);
      const span = id ? this.span('caucus', row) : null;
      const party = clean(row.record.CaucusShortName);
      if (!id || !span) continue;
      if (!party) this.reject('caucus', row, 'no CaucusShortName');
      else caucuses.set(id, [...(caucuses.get(id) ?? []), { party, ...span, line: row.line }]);
    }
    const members: Member[] = [];
    for (const row of rows.constituency) {
      const id = this.personIdOf('constituency', row);
      const constituency = clean(row.record.ConstituencyName);
      if (!id) continue;
      const tenure = tenures.get(id);
      if (!constituency) this.reject('constituency', row, `PersonId ${id} has no ConstituencyName`);
      else if (!tenure) this.reject('constituency', row, `PersonId ${id} has no row in ${MEMBER_FILES.tenure}`);
      else members.push({ personId: id, constituency, image: clean(row.record.Pic_URL), line: row.line, tenure, caucuses: caucuses.get(id) ?? [] });
    }
    const known = new Set(members.map((m) => m.personId));
    for (const [part, byId] of [['tenure', tenures], ['caucus', caucuses]] as const) {
      for (const id of byId.keys()) {
        if (known.has(id)) continue;
        const row = rows[part].find((r) => clean(r.record.PersonId) === id)!;
        this.reject(part, row, `PersonId ${id} is not in ${MEMBER_FILES.constituency}`);
      }
    }
    return members;
  }

  /**
   * Names each member from members_seating.csv by riding. A riding listed twice
   * had a by-election: the file lists sitting members in seat order and appends
   * departed ones after them, so the earlier row is the member still sitting.
   * Any other ambiguity leaves the member out, rejected.
   */
  name(members: Member[], seating: CsvRow[]): NamedMember[] {
    const seats = new Map<string, CsvRow[]>();
    for (const row of seating) {
      const riding = clean(row.record.Constituency);
      if (!riding || !clean(row.record['Member of Parliament'])) this.reject('seating', row, 'no member name or constituency');
      else seats.set(districtKey(riding), [...(seats.get(districtKey(riding)) ?? []), row]);
    }
    const byRiding = new Map<string, Member[]>();
    for (const m of members) byRiding.set(districtKey(m.constituency), [...(byRiding.get(districtKey(m.constituency)) ?? []), m]);

    const named: NamedMember[] = [];
    for (const [riding, group] of byRiding) {
      const rows = seats.get(riding) ?? [];
      const sitting = group.filter((m) => !m.tenure.end);
      const departed = group.filter((m) => m.tenure.end);
      const matchable = rows.length === group.length && sitting.length <= 1 && departed.length <= 1;
      if (!matchable) {
        for (const m of group) {
          this.ctx.reject({
            location: `${this.files.constituency}:${m.line}`,
            message: `cannot name PersonId ${m.personId}: ${rows.length} name(s) for ${m.constituency} in ${MEMBER_FILES.seating}, ${group.length} member(s) in ${MEMBER_FILES.constituency}`,
          });
        }
        continue;
      }
      [...sitting, ...departed].forEach((m, i) => named.push({ ...m, name: withoutHonorific(rows[i]!.record['Member of Parliament']!) }));
    }
    return named;
  }
}

function latest<T extends Span>(spans: T[]): T | null {
  return [...spans].sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '')).at(-1) ?? null;
}

function membershipId(person: string, organization: string, start: string | null): string {
  return recordId('membership', person, organization, 'member', start ?? '');
}

function personRecord(ctx: ImportContext, file: string, m: NamedMember): PersonRecordRow {
  const { name } = m;
  const { given, family } = splitName(name);
  return {
    sourceKey: `parl-person-id:${m.personId}`,
    name,
    givenName: given,
    familyName: family,
    sortName: given ? `${family}, ${given}` : family,
    image: m.image,
    otherIdentifiers: [{ scheme: 'parl-person-id', identifier: m.personId }],
    seats: [{ organization: HOUSE_OF_COMMONS, district: m.constituency, start: m.tenure.start, end: m.tenure.end }],
    sources: ctx.provenance(file, `line ${m.line}`),
  };
}

/** The member's seat and caucuses, as rows of `person` (ids stay keyed by the PersonId, whoever the person resolves to). */
function membershipRows(ctx: ImportContext, files: Record<Part, string>, m: Member, district: FederalDistrict | null, person: string): MembershipRow[] {
  const key = personIdOf('parl-person-id', m.personId);
  const party = latest(m.caucuses);
  const seat: MembershipRow = {
    id: membershipId(key, HOUSE_OF_COMMONS, m.tenure.start),
    personId: person,
    organizationId: HOUSE_OF_COMMONS,
    // A member who changed caucus sits for their last one; the caucus memberships keep the history.
    onBehalfOfId: party ? federalPartyId(party.party) : null,
    role: 'member',
    label: `MP for ${m.constituency}`,
    district: m.constituency,
    divisionId: district?.id ?? null,
    startDate: m.tenure.start,
    endDate: endWithLegislature(FEDERAL_JURISDICTION, m.tenure.start, m.tenure.end),
    sources: ctx.provenance(files.tenure, `line ${m.tenure.line}`),
  };
  const caucuses = m.caucuses.map((c): MembershipRow => ({
    id: membershipId(key, federalPartyId(c.party), c.start),
    personId: person,
    organizationId: federalPartyId(c.party),
    onBehalfOfId: null,
    role: 'member',
    label: null,
    district: null,
    divisionId: null,
    startDate: c.start,
    endDate: endWithLegislature(FEDERAL_JURISDICTION, c.start, c.end),
    sources: ctx.provenance(files.caucus, `line ${c.line}`),
  }));
  return [seat, ...caucuses];
}

function ensured(inserted: number, total: number): WriteCounts {
  return { inserted, updated: 0, unchanged: total - inserted };
}

async function importMembers(ctx: ImportContext, paths: string[]): Promise<void> {
  const { files, registry } = locate(paths);
  const rows = {} as Rows;
  for (const part of Object.keys(MEMBER_FILES) as Part[]) rows[part] = await readPart(files[part], part);
  const districts = await FederalDistricts.load(registry);

  const reader = new MemberReader(ctx, files);
  const members = reader.name(reader.members(rows), rows.seating);
  const districtOf = new Map(members.map((m) => [m.personId, districts.resolve(m.constituency, m.tenure.start)]));
  ctx.progress.setTotal(members.length);

  const parties = [...new Set(members.flatMap((m) => m.caucuses.map((c) => c.party)))];
  const resolved = [...new Map([...districtOf.values()].filter((d): d is FederalDistrict => !!d).map((d) => [d.id, d])).values()];
  await ctx.unit('parties and districts', async (tx) => {
    const counts = emptyCounts();
    await ensureFederal(tx);
    addCounts(counts, await upsert(tx, organizations, parties.map((p) => ({ ...partyOrganization(federalParty(p)), sources: ctx.provenance(files.caucus) }))));
    const divisionRows = resolved.map((d) => ({
      id: d.id, name: d.name, nameFr: d.nameFr, classification: d.classification, validFrom: d.validFrom, validThrough: d.validThrough,
      sources: ctx.provenance(registry),
    }));
    return addCounts(counts, ensured(await ensure(tx, divisions, divisionRows), divisionRows.length));
  });

  for (let start = 0; start < members.length; start += BATCH) {
    const batch = members.slice(start, start + BATCH);
    await ctx.unit(`members ${start + 1}-${start + batch.length}`, async (tx) => {
      const { counts, personOf } = await writePersonRecords(tx, ctx, batch.map((m) => personRecord(ctx, files.constituency, m)));
      const rows = batch.flatMap((m) => membershipRows(ctx, files, m, districtOf.get(m.personId) ?? null, personOf.get(`parl-person-id:${m.personId}`)!));
      return addCounts(counts, await upsert(tx, memberships, rows));
    });
    ctx.progress.tick(batch.length);
  }
}

export const ourcommonsMembers: Importer = {
  ...catalogued('ourcommons-members'),
  samplePaths: (dataRoot) => [join(dataRoot, 'ourcommons-44')],
  run: importMembers,
};
