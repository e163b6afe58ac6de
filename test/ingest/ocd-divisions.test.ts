import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divisions, jurisdictions } from '../../src/db/schema.js';
import { provinceJurisdiction } from '../../src/domain/ids.js';
import { ocdDivisions } from '../../src/ingest/ocd-divisions.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';
import { withoutServerPaths } from '../../src/domain/text.js';

const REGISTRY = join(SHARED_DATA, 'ocd', 'country-ca.csv');
const lines = readFileSync(REGISTRY, 'utf8').split(/\r?\n/).filter((l) => l !== '');

describe('ocd-divisions importer (country-ca.csv)', () => {
  let database: TestDatabase;
  let first: RunReport;
  let tmp: string;

  beforeAll(async () => {
    database = await testDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'ocd-'));
    first = await runImport(database, ocdDivisions, [REGISTRY]);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const count = async (where?: ReturnType<typeof sql>) => {
    const [row] = await database.rows<{ n: number }>(
      sql`select count(*)::int as n from divisions ${where ? sql`where ${where}` : sql``}`,
    );
    return row!.n;
  };

  it('imports every one of the 12,428 divisions', async () => {
    expect(first.status).toBe('succeeded');
    expect(first.rejected).toBe(0);
    expect(lines.length - 1).toBe(12428);
    expect(await count()).toBe(12428);
    expect(first.inserted).toBe(12428 + 13); // divisions + 10 provincial and 3 territorial legislatures
  });

  it('keeps federal ridings with their parent, validity and French name', async () => {
    const [riding] = await database.db.select().from(divisions).where(eq(divisions.id, 'ocd-division/country:ca/ed:35110-2023'));
    expect(riding).toMatchObject({
      name: 'Toronto—Danforth',
      nameFr: 'Toronto—Danforth',
      classification: 'ed',
      parentId: 'ocd-division/country:ca',
      validFrom: '2024-04-23',
      validThrough: null,
    });
    const [old] = await database.db.select().from(divisions).where(eq(divisions.id, 'ocd-division/country:ca/ed:35110-2013'));
    expect(old).toMatchObject({ name: 'University—Rosedale', validFrom: '2015-10-19', validThrough: '2024-04-23' });
    expect(await count(sql`classification = 'ed'`)).toBe(989);
    // the one riding dated by year only (1905 to 1907) keeps the whole of those years
    const [saskatchewan] = await database.db.select().from(divisions).where(eq(divisions.id, 'ocd-division/country:ca/province:sk/fed:saskatchewan'));
    expect(saskatchewan).toMatchObject({ classification: 'fed', validFrom: '1905-01-01', validThrough: '1907-12-31' });
  });

  it('classifies by the id and links municipalities to their census division', async () => {
    expect(await count(sql`classification = 'csd'`)).toBe(5162);
    expect(await count(sql`classification = 'ped'`)).toBe(1387); // provincial and territorial ridings
    const [toronto] = await database.db.select().from(divisions).where(eq(divisions.id, 'ocd-division/country:ca/csd:3520005'));
    expect(toronto).toMatchObject({ name: 'Toronto', classification: 'csd', parentId: 'ocd-division/country:ca/cd:3520', sgc: '3520005' });
    const [ward] = await database.db.select().from(divisions).where(eq(divisions.id, 'ocd-division/country:ca/csd:3520005/ward:1-2018'));
    expect(ward).toMatchObject({ name: 'Etobicoke North', classification: 'ward', parentId: 'ocd-division/country:ca/csd:3520005' });
    const [quebec] = await database.db.select().from(divisions).where(eq(divisions.id, 'ocd-division/country:ca/province:qc'));
    expect(quebec).toMatchObject({ name: 'Quebec', nameFr: 'Québec', classification: 'province', parentId: 'ocd-division/country:ca', sgc: '24' });
    // every parent named is a division of the registry
    expect(await count(sql`parent_id is not null and parent_id not in (select id from divisions)`)).toBe(0);
  });

  it('creates the legislature of each province and territory', async () => {
    const rows = await database.db.select().from(jurisdictions).where(eq(jurisdictions.level, 'provincial'));
    expect(rows).toHaveLength(13);
    const [on] = rows.filter((j) => j.id === provinceJurisdiction('on'));
    expect(on).toMatchObject({ classification: 'legislature', divisionId: 'ocd-division/country:ca/province:on', name: 'Legislative Assembly of Ontario' });
    expect(rows.find((j) => j.divisionId === 'ocd-division/country:ca/territory:nu')?.id)
      .toBe('ocd-jurisdiction/country:ca/territory:nu/legislature');
  });

  it('changes nothing on a second import', async () => {
    const again = await runImport(database, ocdDivisions, [REGISTRY]);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 12428 + 13 });
  });

  it('rejects a row whose id is not an ocd-division id, with file and line', async () => {
    const file = join(tmp, 'broken.csv');
    const broken = lines[5]!.replace('ocd-division/country:ca/', 'division/ca/');
    writeFileSync(file, [...lines.slice(0, 5), broken, ...lines.slice(6, 20)].join('\n') + '\n');
    const report = await runImport(database, ocdDivisions, [file]);
    expect(report.status).toBe('partial');
    expect(report.rejected).toBe(1);
    expect(report.rejections[0]!.location).toBe(withoutServerPaths(`${file}:6`));
    expect(report.rejections[0]!.message).toMatch(/not an ocd-division id/);
    expect(report.unchanged).toBe(18);
  });

  it('reads a Windows-1252 copy of the registry with its accents intact', async () => {
    const file = join(tmp, 'cp1252.csv');
    const quebec = lines.filter((l) => l.startsWith('ocd-division/country:ca/csd:2466023/'));
    writeFileSync(file, iconv.encode([lines[0], ...quebec].join('\r\n') + '\r\n', 'win1252'));
    const report = await runImport(database, ocdDivisions, [file]);
    expect(report).toMatchObject({ status: 'succeeded', rejected: 0, inserted: 0, updated: 0, unchanged: quebec.length });
    const [borough] = await database.db.select().from(divisions).where(eq(divisions.id, 'ocd-division/country:ca/csd:2466023/borough:3'));
    expect(borough!.name).toBe('Côte-des-Neiges—Notre-Dame-de-Grâce');
  });

  it('finds the registry of the bundled sample, gzipped', () => {
    const [sample] = ocdDivisions.samplePaths(fileURLToPath(new URL('../../data/', import.meta.url)));
    expect(sample).toMatch(/country-ca\.csv(\.gz)?$/);
    expect(existsSync(sample!)).toBe(true);
  });

  it('fails the run when the file is missing', async () => {
    const report = await runImport(database, ocdDivisions, [join(tmp, 'nope.csv')]);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/no such file/);
  });
});
