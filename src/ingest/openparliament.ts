/**
 * Historical MPs from openparliament.ca's Django fixtures (sessions.json,
 * parties.json, ridings.json, politicians.json): sessions 35-1 … 40-3 with their
 * dates, parties, ridings, politicians and their elected terms as House seats.
 *
 * Politicians are person records keyed by the openparliament politician id:
 * `parl_id` holds Hansard affiliation ids and `parlinfo_id` ParlInfo GUIDs, not
 * House PersonIds (`parl_mp_id`, as later openparliament dumps have, is). Who
 * they are across sources is the resolver's business (identity.ts): their
 * identifiers and seats are what it matches on.
 */
import { join } from 'node:path';
import { divisions, legislativeSessions, memberships, organizations, type ContactDetail, type Link, type OtherIdentifier, type PersonSeat } from '../db/schema.js';
import { FEDERAL_JURISDICTION, personId, recordId, sessionId } from '../domain/ids.js';
import { endWithLegislature } from '../domain/legislatures.js';
import { federalParty, partyOrganization } from '../domain/parties.js';
import { clean, datePart, searchKey } from '../domain/text.js';
import { FederalDistricts, locateRegistry, REGISTRY_FILE, ridingName, type FederalDistrict } from './federal-districts.js';
import { decodeText, readSourceBytes } from './files.js';
import { locateNamedFiles } from './named-files.js';
import { writePersonRecords, type PersonRecordRow } from './identity.js';
import { ensureFederal, HOUSE_OF_COMMONS } from './reference.js';
import { ImportError, type ImportContext, type Importer } from './runner.js';
import { addCounts, emptyCounts, ensure, upsert, type WriteCounts } from './upsert.js';
import { catalogued } from './catalog.js';

export const FIXTURE_FILES = {
  sessions: 'sessions.json',
  parties: 'parties.json',
  ridings: 'ridings.json',
  politicians: 'politicians.json',
} as const;
type Part = keyof typeof FIXTURE_FILES;

const BATCH = 200;
const SESSION = /^(\d+)-(\d+)$/;
const MEDIA = 'https://openparliament.ca/media/';

type Fields = Record<string, unknown>;
interface Fixture {
  model: string;
  pk: string | number;
  fields: Fields;
  /** Where in its file: `core.politician:127`. */
  at: string;
  /** File and place, for rejections: `…/politicians.json#core.politician:127`. */
  location: string;
}

interface Riding {
  name: string;
  nameFr: string | null;
  /** The OCD id of the riding as the fixture last knew it (edid of the order then current), if it has an edid. */
  divisionId: string | null;
}

interface Context {
  ctx: ImportContext;
  files: Record<Part, string>;
  registry: string;
  districts: FederalDistricts;
  parties: Map<number, string>;
  ridings: Map<number, Riding>;
  sessionEnds: Map<string, string | null>;
  /** Districts found by name for terms, to ensure with the terms. */
  termDistricts: Map<string, FederalDistrict>;
}

function locate(paths: string[]): { files: Record<Part, string>; registry: string } {
  const { files, folder } = locateNamedFiles(paths, FIXTURE_FILES, [REGISTRY_FILE]);
  return { files, registry: locateRegistry(paths, folder) };
}

/** The records of a Django fixture; a file that is not one fails the run. */
function readFixture(file: string): Fixture[] {
  let data: unknown;
  try {
    data = JSON.parse(decodeText(readSourceBytes(file)).text);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(file, `malformed JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new ImportError(file, 'not a Django fixture (expected a JSON array of records)');
  return data.map((r: unknown, i) => {
    const record = (r ?? {}) as Partial<Fixture>;
    const ok = typeof record.model === 'string' && (typeof record.pk === 'number' || typeof record.pk === 'string') && typeof record.fields === 'object' && record.fields !== null;
    const at = ok ? `${record.model}:${record.pk}` : String(i);
    return ok
      ? { model: record.model!, pk: record.pk!, fields: record.fields!, at, location: `${file}#${at}` }
      : { model: '', pk: '', fields: {}, at, location: `${file}#${at}` };
  });
}

function text(fields: Fields, key: string): string | null {
  return clean(fields[key]);
}

function integer(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function reject(c: Context, record: Fixture, message: string): void {
  c.ctx.reject({ location: record.location, message, record: JSON.stringify(record).slice(0, 2000) });
}

function ensured(inserted: number, total: number): WriteCounts {
  return { inserted, updated: 0, unchanged: total - inserted };
}

async function importSessions(c: Context, records: Fixture[]): Promise<void> {
  const rows: (typeof legislativeSessions.$inferInsert)[] = [];
  for (const r of records) {
    const identifier = String(r.pk);
    const name = text(r.fields, 'name');
    if (r.model !== 'core.session' || !SESSION.test(identifier) || !name) {
      reject(c, r, 'not a session with an identifier like 40-3 and a name');
      continue;
    }
    const startDate = datePart(r.fields.start);
    // The fixtures were taken during the 3rd session of the 40th Parliament, which they leave open: it ended with that Parliament.
    const endDate = endWithLegislature(FEDERAL_JURISDICTION, startDate, datePart(r.fields.end));
    c.sessionEnds.set(identifier, endDate);
    rows.push({
      id: sessionId(FEDERAL_JURISDICTION, identifier),
      jurisdictionId: FEDERAL_JURISDICTION,
      identifier,
      name,
      classification: 'primary',
      startDate,
      endDate,
      sources: c.ctx.provenance(c.files.sessions, r.at),
    });
  }
  await c.ctx.unit(FIXTURE_FILES.sessions, async (tx) => {
    await ensureFederal(tx);
    return upsert(tx, legislativeSessions, rows);
  });
  c.ctx.progress.tick(records.length);
}

async function importParties(c: Context, records: Fixture[]): Promise<void> {
  const rows = new Map<string, typeof organizations.$inferInsert>();
  for (const r of records) {
    const pk = integer(r.pk);
    const name = text(r.fields, 'name_en');
    if (r.model !== 'core.party' || pk === null || !name) {
      reject(c, r, 'not a party with a name');
      continue;
    }
    // Short names ("Bloc", "Green") are what other sources call the big parties; the full name is the fallback key.
    const party = federalParty(text(r.fields, 'short_name_en') ?? name, { name, nameFr: text(r.fields, 'name_fr'), abbreviation: null });
    const row = { ...partyOrganization(party), sources: c.ctx.provenance(c.files.parties, r.at) };
    c.parties.set(pk, row.id);
    rows.set(row.id, row);
  }
  await c.ctx.unit(FIXTURE_FILES.parties, (tx) => upsert(tx, organizations, [...rows.values()]));
  c.ctx.progress.tick(records.length);
}

/**
 * A riding's edid is of the representation order the fixture calls current
 * (the 2013 order: `ed:<edid>-2013`); the other ridings with an edid are of the
 * 2003 order, whose OCD ids carry no suffix.
 */
function ridingDivisionId(fields: Fields): string | null {
  const edid = integer(fields.edid);
  if (edid === null) return null;
  return `ocd-division/country:ca/ed:${edid}${fields.current === true ? '-2013' : ''}`;
}

async function importRidings(c: Context, records: Fixture[]): Promise<void> {
  const rows: (typeof divisions.$inferInsert)[] = [];
  for (const r of records) {
    const pk = integer(r.pk);
    const name = text(r.fields, 'name_en');
    if (r.model !== 'core.riding' || pk === null || !name) {
      reject(c, r, 'not a riding with a name');
      continue;
    }
    const nameFr = text(r.fields, 'name_fr');
    const riding: Riding = { name: ridingName(name), nameFr: nameFr ? ridingName(nameFr) : null, divisionId: ridingDivisionId(r.fields) };
    c.ridings.set(pk, riding);
    if (riding.divisionId) {
      rows.push({ id: riding.divisionId, name: riding.name, nameFr: riding.nameFr, classification: 'ed', sources: c.ctx.provenance(c.files.ridings, r.at) });
    }
  }
  await c.ctx.unit(FIXTURE_FILES.ridings, async (tx) => ensured(await ensure(tx, divisions, rows), rows.length));
  c.ctx.progress.tick(records.length);
}

interface Info {
  schema: string;
  value: string;
}

const IDENTIFIER_SCHEMES: Record<string, string> = {
  parl_mp_id: 'parl-person-id',
  parl_id: 'parl-affiliation-id',
  parlinfo_id: 'parlinfo-id',
  freebase_id: 'freebase-id',
};
const GENDERS: Record<string, string> = { M: 'male', F: 'female' };

function personRecord(c: Context, r: Fixture, info: Info[], seats: PersonSeat[]): PersonRecordRow {
  const pk = String(r.pk);
  const name = text(r.fields, 'name')!;
  const values = (schema: string) => info.filter((i) => i.schema === schema).map((i) => i.value);
  const alternates = [...new Map(values('alternate_name').map((n) => [searchKey(n), n])).entries()]
    .filter(([key]) => key !== searchKey(name))
    .map(([, n]) => n);
  const headshot = text(r.fields, 'headshot');
  const slug = text(r.fields, 'slug');
  const otherIdentifiers: OtherIdentifier[] = [
    { scheme: 'openparliament-politician', identifier: pk },
    ...info.filter((i) => IDENTIFIER_SCHEMES[i.schema]).map((i) => ({ scheme: IDENTIFIER_SCHEMES[i.schema]!, identifier: i.value })),
  ];
  const contactDetails: ContactDetail[] = [
    ...values('email').map((value): ContactDetail => ({ type: 'email', value })),
    ...values('phone').map((value): ContactDetail => ({ type: 'voice', value })),
    ...values('fax').map((value): ContactDetail => ({ type: 'fax', value })),
    ...values('constituency_offices').map((value): ContactDetail => ({ type: 'address', value, note: 'constituency offices' })),
  ];
  const links: Link[] = [
    ...(slug ? [{ url: `https://openparliament.ca/politicians/${slug}/`, note: 'openparliament.ca' }] : []),
    ...values('web_site').map((url) => ({ url, note: 'web site' })),
    ...values('twitter').map((handle) => ({ url: `https://twitter.com/${handle}`, note: 'twitter' })),
  ];
  const given = text(r.fields, 'name_given');
  const family = text(r.fields, 'name_family');
  return {
    sourceKey: `openparliament-politician:${pk}`,
    name,
    givenName: given,
    familyName: family,
    sortName: family && given ? `${family}, ${given}` : name,
    otherNames: alternates.map((n) => ({ name: n, note: 'alternate name' })),
    gender: GENDERS[text(r.fields, 'gender') ?? ''] ?? null,
    image: headshot ? `${MEDIA}${headshot}` : null,
    email: values('email')[0] ?? null,
    contactDetails,
    links,
    otherIdentifiers,
    seats,
    sources: c.ctx.provenance(c.files.politicians, r.at),
  };
}

/**
 * When a term ended: its end_date, else the end of the last session it lists
 * (a term left open in the snapshot, or one whose member did not run again),
 * else its Parliament's.
 */
function termEnd(c: Context, fields: Fields): string | null {
  const end = datePart(fields.end_date);
  if (end) return end;
  const sessions = Array.isArray(fields.sessions) ? fields.sessions.map(String) : [];
  const last = sessions.sort((a, b) => sessionOrder(a) - sessionOrder(b)).at(-1);
  return (last ? c.sessionEnds.get(last) : null) ?? endWithLegislature(FEDERAL_JURISDICTION, datePart(fields.start_date), null);
}

function sessionOrder(identifier: string): number {
  const m = SESSION.exec(identifier);
  return m ? Number(m[1]) * 100 + Number(m[2]) : 0;
}

/**
 * The district of a term: the riding's own when its order was in force at the
 * start of the term, else the registry's district of that name in force then (a
 * riding openparliament carried over to the 2013 order was a 2003-order
 * district before, and a 1990s term sat for a 1987- or 1996-order district).
 */
function termDivision(c: Context, riding: Riding, start: string): string | null {
  if (riding.divisionId && c.districts.inForce(riding.divisionId, start)) return riding.divisionId;
  const district = c.districts.resolve(riding.name, start);
  if (district) c.termDistricts.set(district.id, district);
  return district?.id ?? null;
}

type MembershipRow = typeof memberships.$inferInsert;

function termRows(c: Context, r: Fixture, person: string): MembershipRow[] | string {
  const riding = c.ridings.get(integer(r.fields.riding) ?? NaN);
  const party = c.parties.get(integer(r.fields.party) ?? NaN);
  const start = datePart(r.fields.start_date);
  if (!riding) return `unknown riding ${JSON.stringify(r.fields.riding)}`;
  if (!party) return `unknown party ${JSON.stringify(r.fields.party)}`;
  if (!start) return `malformed start_date ${JSON.stringify(r.fields.start_date)}`;
  const end = termEnd(c, r.fields);
  const sources = c.ctx.provenance(c.files.politicians, r.at);
  const common = { personId: person, role: 'member', startDate: start, endDate: end, sources };
  return [
    {
      ...common,
      id: recordId('membership', person, HOUSE_OF_COMMONS, 'member', start),
      organizationId: HOUSE_OF_COMMONS,
      onBehalfOfId: party,
      label: `MP for ${riding.name}`,
      district: riding.name,
      divisionId: termDivision(c, riding, start),
    },
    {
      ...common,
      id: recordId('membership', person, party, 'member', start),
      organizationId: party,
      onBehalfOfId: null,
      label: null,
      district: null,
      divisionId: null,
    },
  ];
}

async function importPoliticians(c: Context, records: Fixture[]): Promise<void> {
  const politicians = records.filter((r) => r.model === 'core.politician');
  const known = new Set(politicians.map((r) => String(r.pk)));
  const info = new Map<string, Info[]>();
  const terms = new Map<string, Fixture[]>();
  for (const r of records) {
    const owner = String(r.fields.politician ?? '');
    if (r.model === 'core.politician') {
      if (!text(r.fields, 'name')) reject(c, r, 'politician without a name');
    } else if (!known.has(owner)) {
      reject(c, r, `${r.model || 'record'} of unknown politician ${JSON.stringify(r.fields.politician ?? null)}`);
    } else if (r.model === 'core.politicianinfo') {
      const schema = text(r.fields, 'schema');
      const value = schema === 'constituency_offices' ? String(r.fields.value ?? '').trim() : text(r.fields, 'value');
      if (schema && value) info.set(owner, [...(info.get(owner) ?? []), { schema, value }]);
      else reject(c, r, 'politician info without schema or value');
    } else if (r.model === 'core.electedmember') {
      terms.set(owner, [...(terms.get(owner) ?? []), r]);
    } else {
      reject(c, r, `unexpected record ${JSON.stringify(r.model)}`);
    }
  }

  const named = politicians.filter((r) => text(r.fields, 'name'));
  for (let start = 0; start < named.length; start += BATCH) {
    const batch = named.slice(start, start + BATCH);
    const seats = new Map<string, MembershipRow[]>();
    for (const r of batch) {
      const pk = String(r.pk);
      seats.set(pk, []);
      for (const term of terms.get(pk) ?? []) {
        // Keyed by the politician whoever they resolve to, so a term keeps its row when people merge.
        const rows = termRows(c, term, personId('openparliament-politician', pk));
        if (typeof rows === 'string') reject(c, term, rows);
        else seats.get(pk)!.push(...rows);
      }
    }
    await c.ctx.unit(`${FIXTURE_FILES.politicians} ${start + 1}-${start + batch.length}`, async (tx) => {
      const counts = emptyCounts();
      const districtRows = [...c.termDistricts.values()].map((d) => ({
        id: d.id, name: d.name, nameFr: d.nameFr, classification: d.classification, validFrom: d.validFrom, validThrough: d.validThrough,
        sources: c.ctx.provenance(c.registry),
      }));
      c.termDistricts.clear();
      addCounts(counts, ensured(await ensure(tx, divisions, districtRows), districtRows.length));
      const records = batch.map((r) => {
        const pk = String(r.pk);
        const houseSeats = seats.get(pk)!.filter((m) => m.organizationId === HOUSE_OF_COMMONS)
          .map((m) => ({ organization: HOUSE_OF_COMMONS, district: m.district!, start: m.startDate ?? null, end: m.endDate ?? null }));
        return personRecord(c, r, info.get(pk) ?? [], houseSeats);
      });
      const resolved = await writePersonRecords(tx, c.ctx, records);
      addCounts(counts, resolved.counts);
      const membershipRows = batch.flatMap((r) => {
        const person = resolved.personOf.get(`openparliament-politician:${r.pk}`)!;
        return seats.get(String(r.pk))!.map((m) => ({ ...m, personId: person }));
      });
      return addCounts(counts, await upsert(tx, memberships, membershipRows));
    });
    c.ctx.progress.tick(batch.length);
  }
}

async function importFixtures(ctx: ImportContext, paths: string[]): Promise<void> {
  const { files, registry } = locate(paths);
  const records = Object.fromEntries((Object.keys(FIXTURE_FILES) as Part[]).map((p) => [p, readFixture(files[p])])) as Record<Part, Fixture[]>;
  const c: Context = {
    ctx,
    files,
    registry,
    districts: await FederalDistricts.load(registry),
    parties: new Map(),
    ridings: new Map(),
    sessionEnds: new Map(),
    termDistricts: new Map(),
  };
  ctx.progress.setTotal(records.sessions.length + records.parties.length + records.ridings.length + records.politicians.filter((r) => r.model === 'core.politician').length);
  // Parties and ridings first: the terms refer to them.
  await importSessions(c, records.sessions);
  await importParties(c, records.parties);
  await importRidings(c, records.ridings);
  await importPoliticians(c, records.politicians);
}

export const openparliament: Importer = {
  ...catalogued('openparliament'),
  samplePaths: (dataRoot) => [join(dataRoot, 'openparliament-fixtures')],
  run: importFixtures,
};
