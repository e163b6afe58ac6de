import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { and, eq, isNull, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jurisdictions, memberships, organizations, people } from '../../src/db/schema.js';
import { municipalJurisdiction } from '../../src/domain/ids.js';
import { CITIES, municipal } from '../../src/ingest/municipal.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { withoutServerPaths } from '../../src/domain/text.js';

const FOLDER = join(SHARED_DATA, 'municipal');
const REGISTRY = join(SHARED_DATA, 'ocd', 'country-ca.csv');
const registryLines = readFileSync(REGISTRY, 'utf8').split(/\r?\n/).filter((l) => l !== '');
const registryIds = new Set(registryLines.slice(1).map((l) => l.slice(0, l.indexOf(','))));

/**
 * Current members per file: its rows, less Toronto's and Newmarket's vacant
 * seats; Laval's and Winnipeg's rows of past councils are ended seats.
 */
const CURRENT: Record<string, number> = {
  'toronto.csv': 25, 'montreal.csv': 103, 'quebec.csv': 22, 'winnipeg.json': 15, 'vancouver.csv': 18,
  'kitchener.csv': 11, 'guelph.csv': 13, 'cambridge.csv': 9, 'waterloo.csv': 8, 'kingston.csv': 13,
  'niagara-region.csv': 32, 'newmarket.csv': 8, 'moncton.geojson': 11,
};

/** Writes CSV records back with every field quoted. */
function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}

describe('municipal importer', () => {
  let database: TestDatabase;
  let first: RunReport;
  let tmp: string;

  const cityId = (file: string) => municipalJurisdiction(CITIES.find((c) => c.file === file)!.divisionId);
  /** Seats of a city (council, boroughs, boards) with their holders. */
  const seats = (file: string) => database.db
    .select({ person: people, seat: memberships })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(organizations.jurisdictionId, cityId(file)));
  const seatOf = async (file: string, name: string) => (await seats(file)).filter((s) => s.person.name === name);

  beforeAll(async () => {
    database = await testDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'municipal-'));
    // The OCD registry is found beside the data folder (shared/data/ocd/country-ca.csv).
    first = await runImport(database, municipal, [FOLDER]);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('imports the 13 municipalities without rejecting anyone', () => {
    expect(first.error).toBeNull();
    expect(first.status).toBe('succeeded');
    expect(first.rejected).toBe(0);
  });

  it('has as many current members per city as its file has sitting members', async () => {
    for (const [file, expected] of Object.entries(CURRENT)) {
      const current = (await seats(file)).filter((s) => s.seat.endDate === null);
      expect(new Set(current.map((s) => s.person.id)).size, file).toBe(expected);
      expect(current, file).toHaveLength(expected);
    }
  });

  it('links every city to its division in the OCD registry', async () => {
    const rows = await database.db.select().from(jurisdictions).where(eq(jurisdictions.level, 'municipal'));
    expect(rows).toHaveLength(13);
    for (const j of rows) {
      expect(registryIds.has(j.divisionId!), j.divisionId!).toBe(true);
      expect(j).toMatchObject({ classification: 'council', id: municipalJurisdiction(j.divisionId!) });
    }
    // a regional municipality is a census division; the other twelve are census subdivisions
    expect(rows.filter((j) => j.divisionId!.includes('/csd:'))).toHaveLength(12);
    expect(rows.find((j) => j.name === 'Regional Municipality of Niagara')?.divisionId).toBe('ocd-division/country:ca/cd:3526');
  });

  it('reads Toronto: the mayor with her email, councillors on their wards', async () => {
    const [chow] = await seatOf('toronto.csv', 'Olivia Chow');
    expect(chow!.person).toMatchObject({ email: 'mayor_chow@toronto.ca', givenName: 'Olivia', familyName: 'Chow', searchName: 'olivia chow' });
    expect(chow!.person.contactDetails).toContainEqual({ type: 'voice', value: '416-397-2489' });
    expect(chow!.seat).toMatchObject({ role: 'mayor', label: 'Mayor', divisionId: 'ocd-division/country:ca/csd:3520005', endDate: null });
    const [crisanti] = await seatOf('toronto.csv', 'Vincent Crisanti');
    expect(crisanti!.seat).toMatchObject({ role: 'councillor', label: 'Councillor, Etobicoke North', divisionId: 'ocd-division/country:ca/csd:3520005/ward:1-2018' });
  });

  it('keeps Montréal French accents, boroughs and multi-line cells', async () => {
    const [thuillier] = await seatOf('montreal.csv', 'Émilie Thuillier');
    expect(thuillier!.person).toMatchObject({ givenName: 'Émilie', searchName: 'emilie thuillier', gender: 'female' });
    expect(thuillier!.seat).toMatchObject({
      role: 'borough mayor', district: 'Ahuntsic-Cartierville', divisionId: 'ocd-division/country:ca/csd:2466023/borough:1',
    });
    const [normand] = await seatOf('montreal.csv', 'Jérôme Normand');
    expect(normand!.seat).toMatchObject({ role: 'councillor', district: 'Sault-au-Récollet', label: 'Conseiller(ère) de la Ville, Sault-au-Récollet' });
    const [party] = await database.db.select().from(organizations).where(eq(organizations.id, normand!.seat.onBehalfOfId!));
    expect(party!.name).toBe('Projet Montréal - Équipe Valérie Plante');
    // a district name the export wraps over three lines
    const [li] = await seatOf('montreal.csv', 'Tan Shan Li');
    expect(li!.seat.district).toBe('Saint-Henri-Est–Petite-Bourgogne–Pointe-Saint-Charles–Griffintown');
    const [borough] = await database.db.select().from(organizations).where(eq(organizations.id, li!.seat.organizationId));
    expect(borough).toMatchObject({ name: 'Sud-Ouest Borough Council', nameFr: "Conseil d'arrondissement (Sud-Ouest)" });
    const [plante] = await seatOf('montreal.csv', 'Valérie Plante');
    expect(plante!.seat).toMatchObject({ role: 'mayor', divisionId: 'ocd-division/country:ca/csd:2466023' });
    expect(plante!.person.contactDetails).toContainEqual({ type: 'address', value: '155, rue Notre-Dame Est\nMontréal Québec H2Y 1C6', note: 'Hôtel de Ville' });
  });

  it('reads quebec.csv as Laval, with its past councils as ended seats', async () => {
    const laval = await database.db.select().from(jurisdictions).where(eq(jurisdictions.id, cityId('quebec.csv')));
    expect(laval[0]).toMatchObject({ name: 'City of Laval', divisionId: 'ocd-division/country:ca/csd:2465005' });
    const boyer = await seatOf('quebec.csv', 'Stéphane Boyer');
    expect(boyer.map((s) => [s.seat.role, s.seat.startDate, s.seat.endDate]).sort()).toEqual([
      ['councillor', '2013-11-03', '2017-11-05'],
      ['councillor', '2017-11-05', '2021-11-07'],
      ['mayor', '2021-11-07', null],
    ]);
    const all = await seats('quebec.csv');
    expect(new Set(all.map((s) => s.person.id)).size).toBe(37);
    expect(all.filter((s) => s.seat.endDate !== null)).toHaveLength(43);
    const [khalil] = await seatOf('quebec.csv', 'Ray Khalil');
    expect(khalil!.seat.divisionId).toBe('ocd-division/country:ca/csd:2465005/district:16');
  });

  it('parses Vancouver despite its semicolons, with Park Board commissioners on their own board', async () => {
    const all = await seats('vancouver.csv');
    expect(all).toHaveLength(18);
    const [sim] = all.filter((s) => s.person.name === 'Ken Sim');
    expect(sim!.person).toMatchObject({ email: 'Ken.Sim@vancouver.ca', gender: 'male' });
    expect(sim!.seat.role).toBe('mayor');
    const boards = await database.db.select().from(organizations).where(eq(organizations.classification, 'board'));
    expect(boards.map((b) => b.name)).toEqual(['Vancouver Board of Parks and Recreation']);
    expect(all.filter((s) => s.seat.organizationId === boards[0]!.id)).toHaveLength(7);
  });

  it('separates Winnipeg current council from the 2014 and 2018 councils', async () => {
    const all = await seats('winnipeg.json');
    expect(all.filter((s) => s.seat.endDate === null)).toHaveLength(15);
    expect(all.filter((s) => s.seat.endDate !== null)).toHaveLength(32);
    expect(new Set(all.map((s) => s.person.id)).size).toBe(22);
    const gillingham = await seatOf('winnipeg.json', 'Scott Gillingham');
    expect(gillingham.map((s) => [s.seat.role, s.seat.district, s.seat.startDate, s.seat.endDate]).sort()).toEqual([
      ['councillor', 'St. James - Brooklands - Weston', '2014-10-22', '2018-10-24'],
      ['councillor', 'St. James', '2018-10-24', '2022-10-26'],
      ['mayor', 'Winnipeg', '2022-10-26', null],
    ]);
    const [rollins] = (await seatOf('winnipeg.json', 'Sherri Rollins')).filter((s) => s.seat.endDate === null);
    expect(rollins!.seat.divisionId).toBe('ocd-division/country:ca/csd:4611040/ward:9');
  });

  it('reads Moncton from GeoJSON', async () => {
    const all = await seats('moncton.geojson');
    expect(all).toHaveLength(11);
    const [theriault] = all.filter((s) => s.person.name === 'Paulette Thériault');
    expect(theriault!.person.email).toBe('paulette.theriault@moncton.ca');
    // the export only numbers the ward ("1"): the registry names it
    expect(theriault!.seat).toMatchObject({ role: 'councillor', district: 'Ward 1', label: 'Councillor, Ward 1', divisionId: 'ocd-division/country:ca/csd:1307022/ward:1' });
  });

  it('decodes Niagara Region (Windows-1252) and seats local mayors as regional councillors', async () => {
    const [redekop] = await seatOf('niagara-region.csv', 'Wayne Redekop');
    expect(redekop!.person.contactDetails).toContainEqual({ type: 'address', value: '1553 Frenchman’s Ln.\nFort Erie ON L2A 5M4' });
    expect(redekop!.seat).toMatchObject({ role: 'councillor', label: 'Mayor, Fort Erie', divisionId: 'ocd-division/country:ca/csd:3526003' });
    const [bradley] = await seatOf('niagara-region.csv', 'Jim Bradley');
    expect(bradley!.seat).toMatchObject({ role: 'chair', divisionId: 'ocd-division/country:ca/cd:3526' });
  });

  it('changes nothing on a second import', async () => {
    const again = await runImport(database, municipal, [FOLDER]);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(first.inserted);
  });

  it('reads the gzipped bundled sample to the same records', async () => {
    const sample = municipal.samplePaths(fileURLToPath(new URL('../../data/', import.meta.url)));
    const report = await runImport(database, municipal, sample);
    expect(report).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: first.inserted });
  });

  it('decodes a Windows-1252 copy of the Montréal file to the same records', async () => {
    const dir = join(tmp, 'cp1252');
    mkdirSync(dir);
    const file = join(dir, 'montreal.csv');
    writeFileSync(file, iconv.encode(readFileSync(join(FOLDER, 'montreal.csv'), 'utf8'), 'win1252'));
    const report = await runImport(database, municipal, [file, REGISTRY]);
    expect(report).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 });
    const [normand] = await seatOf('montreal.csv', 'Jérôme Normand');
    expect(normand!.seat.district).toBe('Sault-au-Récollet');
  });

  it('fails a file without a name column, naming the column', async () => {
    const dir = join(tmp, 'no-last-name');
    mkdirSync(dir);
    const rows = parse(readFileSync(join(FOLDER, 'toronto.csv')), { bom: true }) as string[][];
    const drop = rows[0]!.indexOf('Last name');
    writeFileSync(join(dir, 'toronto.csv'), toCsv(rows.map((r) => r.filter((_, i) => i !== drop))));
    const report = await runImport(database, municipal, [join(dir, 'toronto.csv'), REGISTRY]);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/missing column "Last name"/);
  });

  it('rejects a member without a name, with file and line', async () => {
    const dir = join(tmp, 'no-name');
    mkdirSync(dir);
    const rows = parse(readFileSync(join(FOLDER, 'kitchener.csv')), { bom: true }) as string[][];
    const [firstName, lastName] = [rows[0]!.indexOf('First name'), rows[0]!.indexOf('Last name')];
    rows[3] = rows[3]!.map((f, i) => (i === firstName || i === lastName ? '' : f));
    const file = join(dir, 'kitchener.csv');
    writeFileSync(file, toCsv(rows));
    const report = await runImport(database, municipal, [file, REGISTRY]);
    expect(report).toMatchObject({ status: 'partial', rejected: 1, inserted: 0, updated: 0 });
    expect(report.rejections[0]).toMatchObject({ location: withoutServerPaths(`${file}:4`), message: 'member has no name' });
  });

  it('fails a file of no known municipality', async () => {
    const file = join(tmp, 'ottawa.csv');
    copyFileSync(join(FOLDER, 'kitchener.csv'), file);
    const report = await runImport(database, municipal, [file, REGISTRY]);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/no municipality is known for this file name/);
  });

  it('stores no vacant seat as a person', async () => {
    const vacant = await database.db.select().from(people).where(sql`lower(${people.name}) = 'vacant'`);
    expect(vacant).toEqual([]);
    const scarborough = await database.db.select().from(memberships)
      .where(and(eq(memberships.district, 'Scarborough-Rouge Park'), isNull(memberships.endDate)));
    expect(scarborough).toEqual([]);
  });
});
