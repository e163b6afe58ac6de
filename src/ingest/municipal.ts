/**
 * Municipal councils from each city's own open-data export: one jurisdiction,
 * council and people with their seats per city, linked to the municipality's
 * OCD division and, where the registry knows them, to the wards.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { jurisdictions, memberships, organizations, people } from '../db/schema.js';
import { municipalJurisdiction, organizationId, personId, recordId } from '../domain/ids.js';
import { clean, searchKey } from '../domain/text.js';
import { locateRegistry, REGISTRY_FILE } from './federal-districts.js';
import { decodeText, readCsv, readSourceBytes } from './files.js';
import { readMembers, type Format } from './municipal/formats.js';
import type { Body, Member } from './municipal/members.js';
import { divisionParent } from './ocd-divisions.js';
import { ImportError, type ImportContext, type Importer } from './runner.js';
import { addCounts, emptyCounts, upsert } from './upsert.js';
import { catalogued } from './catalog.js';

interface City {
  file: string;
  format: Format;
  divisionId: string;
  /** The municipality's usual name, also the "district" of members elected at large. */
  name: string;
  jurisdiction: string;
  jurisdictionFr?: string;
  council: string;
  councilFr?: string;
  /** Statutory general-election day of a year, to date terms a source gives by year only. */
  electionDay?: (year: number) => string;
  /** An upper-tier council, on which the mayors of its municipalities sit as councillors. */
  regional?: boolean;
  /** Bodies other than the council, by the member's role. */
  bodies?: Record<string, Body>;
}

/** The nth (1-based) weekday (0 = Sunday) of a month, as YYYY-MM-DD. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
// Loi sur les élections et les référendums dans les municipalités, s. 3: the first Sunday of November.
const quebecElectionDay = (year: number) => nthWeekday(year, 11, 0, 1);
// The Municipal Councils and School Boards Elections Act (Manitoba): the fourth Wednesday of October.
const manitobaElectionDay = (year: number) => nthWeekday(year, 10, 3, 4);

const csd = (sgc: string) => `ocd-division/country:ca/csd:${sgc}`;

/**
 * The 13 municipalities of the data set by file name, with their OCD divisions
 * as named in country-ca.csv. quebec.csv is not Québec City's: its districts
 * (Chomedey, Sainte-Rose…), @laval.ca addresses and parties (Mouvement lavallois,
 * Action Laval) are Laval's, so it is Laval (csd:2465005). Niagara Region is a
 * regional municipality, a census division (cd:3526) rather than a subdivision.
 */
export const CITIES: City[] = [
  { file: 'toronto.csv', format: 'csv', divisionId: csd('3520005'), name: 'Toronto', jurisdiction: 'City of Toronto', council: 'Toronto City Council' },
  {
    file: 'montreal.csv', format: 'montreal', divisionId: csd('2466023'), name: 'Montréal',
    jurisdiction: 'City of Montréal', jurisdictionFr: 'Ville de Montréal', council: 'Montréal City Council', councilFr: 'Conseil municipal de Montréal',
  },
  {
    file: 'quebec.csv', format: 'csv', divisionId: csd('2465005'), name: 'Laval', electionDay: quebecElectionDay,
    jurisdiction: 'City of Laval', jurisdictionFr: 'Ville de Laval', council: 'Laval City Council', councilFr: 'Conseil municipal de Laval',
  },
  {
    file: 'winnipeg.json', format: 'winnipeg', divisionId: csd('4611040'), name: 'Winnipeg', electionDay: manitobaElectionDay,
    jurisdiction: 'City of Winnipeg', jurisdictionFr: 'Ville de Winnipeg', council: 'Winnipeg City Council', councilFr: 'Conseil municipal de Winnipeg',
  },
  {
    file: 'vancouver.csv', format: 'csv', divisionId: csd('5915022'), name: 'Vancouver', jurisdiction: 'City of Vancouver', council: 'Vancouver City Council',
    bodies: {
      commissioner: { key: 'park-board', name: 'Vancouver Board of Parks and Recreation', nameFr: null, classification: 'board', underCouncil: false },
    },
  },
  { file: 'kitchener.csv', format: 'csv', divisionId: csd('3530013'), name: 'Kitchener', jurisdiction: 'City of Kitchener', council: 'Kitchener City Council' },
  { file: 'guelph.csv', format: 'csv', divisionId: csd('3523008'), name: 'Guelph', jurisdiction: 'City of Guelph', council: 'Guelph City Council' },
  { file: 'cambridge.csv', format: 'csv', divisionId: csd('3530010'), name: 'Cambridge', jurisdiction: 'City of Cambridge', council: 'Cambridge City Council' },
  { file: 'waterloo.csv', format: 'csv', divisionId: csd('3530016'), name: 'Waterloo', jurisdiction: 'City of Waterloo', council: 'Waterloo City Council' },
  { file: 'kingston.csv', format: 'csv', divisionId: csd('3510010'), name: 'Kingston', jurisdiction: 'City of Kingston', council: 'Kingston City Council' },
  {
    file: 'niagara-region.csv', format: 'csv', divisionId: 'ocd-division/country:ca/cd:3526', name: 'Niagara Region', regional: true,
    jurisdiction: 'Regional Municipality of Niagara', council: 'Niagara Regional Council',
  },
  { file: 'newmarket.csv', format: 'csv', divisionId: csd('3519048'), name: 'Newmarket', jurisdiction: 'Town of Newmarket', council: 'Newmarket Town Council' },
  {
    file: 'moncton.geojson', format: 'geojson', divisionId: csd('1307022'), name: 'Moncton',
    jurisdiction: 'City of Moncton', jurisdictionFr: 'Ville de Moncton', council: 'Moncton City Council', councilFr: 'Conseil municipal de Moncton',
  },
];

/** A file's name as published: the bundled sample gzips them (`toronto.csv.gz`). */
function publishedName(path: string): string {
  return basename(path).replace(/\.gz$/, '');
}

function cityOf(file: string): City {
  const city = CITIES.find((c) => c.file === publishedName(file));
  if (!city) throw new ImportError(file, `no municipality is known for this file name (known: ${CITIES.map((c) => c.file).join(', ')})`);
  return city;
}

/**
 * The city files to import (each path given, or every city file of a folder) and
 * the OCD registry to find wards in: a country-ca.csv among the paths, else the
 * one beside the data folder (`<folder>/../ocd/country-ca.csv`).
 */
function locate(paths: string[]): { files: string[]; registry: string } {
  const files: string[] = [];
  for (const path of paths) {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      files.push(...readdirSync(path).sort().map((f) => join(path, f)).filter((f) => CITIES.some((c) => c.file === publishedName(f))));
    } else if (publishedName(path) !== REGISTRY_FILE) {
      if (!existsSync(path)) throw new ImportError(path, 'no such file or folder');
      cityOf(path);
      files.push(path);
    }
  }
  const folder = files[0] ? dirname(files[0]) : paths[0] ?? '.';
  return { files, registry: locateRegistry(paths, folder) };
}

/** The seat as a role on the council: mayor, councillor, borough mayor, … or the published role. */
function normalizeRole(published: string | null, city: City): string {
  const r = searchKey(published);
  if (/^maire.*d'arrondissement/.test(r)) return 'borough mayor';
  if (/^conseill.*d'arrondissement/.test(r)) return 'borough councillor';
  if (/^deputy mayor/.test(r)) return 'deputy mayor';
  if (/^(mayor|maire)/.test(r)) return city.regional ? 'councillor' : 'mayor';
  if (/chair/.test(r)) return 'chair';
  if (/^(councillor|councilor|conseill)/.test(r)) return 'councillor';
  return r || 'member';
}

/** A district name without accents, punctuation or dash styles. */
function districtKey(name: string): string {
  return searchKey(name).replace(/[^a-z0-9]/g, '');
}

/**
 * The keys a district name matches on: as written and without a leading French
 * article, so "Ouest" meets "de l'Ouest" and "De Lorimier" meets "DeLorimier".
 */
function districtKeys(name: string): string[] {
  const bare = searchKey(name).replace(/^(de l['’]|de la |du |des |de |l['’]|la |le |les )/, '');
  return [districtKey(name), districtKey(bare)];
}

interface Subdivision {
  id: string;
  name: string;
  keys: string[];
  number: string;
  current: boolean;
}

/**
 * The registry's divisions directly under each municipality imported: wards,
 * districts, boroughs, or a region's municipalities.
 */
async function registrySubdivisions(registry: string, parents: Set<string>): Promise<Map<string, Subdivision[]>> {
  const rows = await readCsv(decodeText(readSourceBytes(registry)).text, registry, { required: ['id', 'name', 'parent_id', 'validThrough'] });
  const known = new Set(rows.map((r) => r.record.id!));
  const byParent = new Map<string, Subdivision[]>();
  for (const { record } of rows) {
    const id = record.id!;
    const parent = divisionParent(id, clean(record.parent_id), known);
    if (!parent || !parents.has(parent)) continue;
    const name = clean(record.name) ?? '';
    byParent.set(parent, [...(byParent.get(parent) ?? []), {
      id,
      name,
      keys: districtKeys(name),
      number: id.slice(id.lastIndexOf(':') + 1).replace(/-\d{4}$/, ''),
      current: !clean(record.validThrough),
    }]);
  }
  return byParent;
}

/** Only one candidate, or only one still current. */
function single(candidates: Subdivision[]): Subdivision | null {
  if (candidates.length === 1) return candidates[0]!;
  const current = candidates.filter((c) => c.current);
  return current.length === 1 ? current[0]! : null;
}

/**
 * The OCD division of a seat: the municipality for members elected at large,
 * else the subdivision of the same name, else, when the source only numbers the
 * ward ("Ward 3", "3"), the subdivision of that number. A named district that
 * matches nothing (renamed or redrawn since the registry) stays unlinked.
 */
function divisionOfSeat(city: City, subdivisions: Subdivision[], district: string, number: string | null): { id: string; name: string } | null {
  if (districtKey(district) === districtKey(city.name)) return { id: city.divisionId, name: city.name };
  const keys = districtKeys(district);
  const byName = single(subdivisions.filter((s) => s.keys.some((k) => keys.includes(k))));
  if (byName) return byName;
  const generic = /^((ward|district|quartier)\s*)?\d+$/i.test(district);
  const n = number ?? (generic ? district.replace(/\D/g, '') : null);
  return generic && n ? single(subdivisions.filter((s) => s.number === n)) : null;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const VACANT = /^vacant$/i;

type PersonRow = typeof people.$inferInsert;
type MembershipRow = typeof memberships.$inferInsert;
type OrganizationRow = typeof organizations.$inferInsert;

/** Newest seat first: current (and undated) seats, then past terms by the year they began. */
function byRecency(a: Member, b: Member): number {
  const rank = (m: Member) => (m.term === null || m.term.to === null ? Infinity : m.term.from);
  return rank(a) === rank(b) ? 0 : rank(b) > rank(a) ? 1 : -1;
}

/** One person from all the seats they held: the newest seat's details, gaps filled from older ones. */
function personFrom(ctx: ImportContext, file: string, id: string, seats: Member[]): PersonRow {
  const [newest] = seats as [Member, ...Member[]];
  const known = <T>(pick: (m: Member) => T | null): T | null => seats.map(pick).find((v) => v !== null) ?? null;
  const givenName = newest.givenName;
  const familyName = newest.familyName;
  return {
    id,
    name: newest.name!,
    givenName,
    familyName,
    sortName: familyName && givenName ? `${familyName}, ${givenName}` : newest.name!,
    searchName: searchKey(newest.name),
    gender: known((m) => m.gender),
    email: known((m) => m.email),
    image: known((m) => m.image),
    contactDetails: seats.find((m) => m.contactDetails.length > 0)?.contactDetails ?? [],
    links: seats.find((m) => m.links.length > 0)?.links ?? [],
    sources: ctx.provenance(file, newest.location),
  };
}

interface CityRows {
  organizations: OrganizationRow[];
  people: PersonRow[];
  memberships: MembershipRow[];
}

function cityRows(ctx: ImportContext, file: string, city: City, members: Member[], subdivisions: Subdivision[]): CityRows {
  const jurisdictionId = municipalJurisdiction(city.divisionId);
  const councilId = organizationId(jurisdictionId, 'council', 'council');
  const orgs: OrganizationRow[] = [{
    id: councilId, jurisdictionId, parentId: null, name: city.council, nameFr: city.councilFr ?? null, classification: 'council',
    sources: ctx.provenance(file),
  }];
  const bodyId = (body: Body): string => {
    const id = organizationId(jurisdictionId, body.classification, body.key);
    orgs.push({
      id, jurisdictionId, parentId: body.underCouncil ? councilId : null, name: body.name, nameFr: body.nameFr,
      classification: body.classification, sources: ctx.provenance(file),
    });
    return id;
  };
  const partyId = (party: string | null): string | null => {
    if (!party || /^ind[eé]pendant/i.test(party)) return null;
    const id = organizationId(jurisdictionId, 'party', party);
    orgs.push({ id, jurisdictionId, parentId: null, name: party, nameFr: null, classification: 'party', sources: ctx.provenance(file) });
    return id;
  };

  const seatsByPerson = new Map<string, Member[]>();
  const seats: MembershipRow[] = [];
  for (const m of members) {
    const person = personId('municipal', `${city.divisionId}:${searchKey(m.name)}`);
    seatsByPerson.set(person, [...(seatsByPerson.get(person) ?? []), m]);
    const role = normalizeRole(m.role, city);
    const body = m.body ?? city.bodies?.[role] ?? null;
    const organization = body ? bodyId(body) : councilId;
    const published = m.district ?? city.name;
    const division = divisionOfSeat(city, subdivisions, published, m.districtNumber);
    // A ward the source only numbers ("1") takes the registry's name for it ("Ward 1").
    const district = /^\d+$/.test(published) && division ? division.name : published;
    const atLarge = districtKey(district) === districtKey(city.name);
    const startDate = m.term && city.electionDay ? city.electionDay(m.term.from) : null;
    const endDate = m.term?.to && city.electionDay ? city.electionDay(m.term.to) : null;
    seats.push({
      id: recordId('municipal-membership', organization, person, role, district, startDate ?? ''),
      personId: person,
      organizationId: organization,
      onBehalfOfId: partyId(m.party),
      role,
      label: [capitalize(m.role ?? role), atLarge ? null : district].filter(Boolean).join(', '),
      district,
      divisionId: division?.id ?? null,
      startDate,
      endDate,
      sources: ctx.provenance(file, m.location),
    });
  }
  const persons = [...seatsByPerson].map(([id, held]) => personFrom(ctx, file, id, [...held].sort(byRecency)));
  return { organizations: orgs, people: persons, memberships: seats };
}

async function importCity(ctx: ImportContext, file: string, subdivisions: Subdivision[]): Promise<void> {
  const city = cityOf(file);
  const read = await readMembers(file, city.format);
  const members = read.filter((m) => {
    if (m.name === null) {
      ctx.reject({ location: m.location, message: 'member has no name', record: m.record });
      return false;
    }
    return !VACANT.test(m.name); // a vacant seat is no person
  });
  const rows = cityRows(ctx, file, city, members, subdivisions);
  await ctx.unit(basename(file), async (tx) => {
    const counts = emptyCounts();
    addCounts(counts, await upsert(tx, jurisdictions, [{
      id: municipalJurisdiction(city.divisionId),
      name: city.jurisdiction,
      nameFr: city.jurisdictionFr ?? null,
      classification: 'council',
      level: 'municipal',
      divisionId: city.divisionId,
      sources: ctx.provenance(file),
    }]));
    addCounts(counts, await upsert(tx, organizations, rows.organizations));
    addCounts(counts, await upsert(tx, people, rows.people));
    addCounts(counts, await upsert(tx, memberships, rows.memberships));
    return counts;
  });
  ctx.progress.tick();
}

export const municipal: Importer = {
  ...catalogued('municipal'),
  samplePaths: (dataRoot) => [join(dataRoot, 'municipal')],
  async run(ctx, paths) {
    const { files, registry } = locate(paths);
    ctx.progress.setTotal(files.length);
    const subdivisions = await registrySubdivisions(registry, new Set(files.map((f) => cityOf(f).divisionId)));
    for (const file of files) await importCity(ctx, file, subdivisions.get(cityOf(file).divisionId) ?? []);
  },
};
