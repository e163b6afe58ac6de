/**
 * Fetching LEGISinfo bills from a local server that serves, under parl.ca's URL
 * layout, real bill XML of session 44-1 from the shared tarball and a session
 * list made of those same bills.
 */
import { readFileSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type FetchConfig } from '../../src/config.js';
import { runFetch } from '../../src/fetch/fetch-run.js';
import { legisinfoBillsFetcher } from '../../src/fetch/legisinfo-bills.js';
import type { RunReport } from '../../src/ingest/runner.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';
import { publisherServer, type PublisherServer } from '../support/publisher-server.js';

const LIST = '/legisinfo/en/bills/xml?parlsession=44-1';
const billPath = (number: string) => `/legisinfo/en/bill/44-1/${number}/xml`;

describe('fetching LEGISinfo bills of a session', () => {
  let server: PublisherServer;
  let database: TestDatabase;
  let settings: FetchConfig;
  let first: RunReport;
  const bills = new Map<string, Buffer>();

  /** The session list as LEGISinfo publishes it: the <Bill> elements of the bills it names. */
  const publishList = (numbers: string[]) => {
    const elements = numbers.map((n) => /<Bill>[\s\S]*<\/Bill>/.exec(bills.get(n)!.toString('utf8'))![0]);
    server.documents.set(LIST, Buffer.from(`<?xml version="1.0" encoding="utf-8"?>\n<Bills>\n${elements.join('\n')}\n</Bills>\n`));
  };
  const count = async (query: ReturnType<typeof sql>) => (await database.rows<{ n: number }>(query))[0]!.n;

  beforeAll(async () => {
    server = await publisherServer();
    for (const file of legisinfoBillFiles(['44-1'])) {
      const number = basename(dirname(file));
      if (['C-11', 'C-18', 'C-21', 'S-5'].includes(number)) bills.set(number, readFileSync(file));
    }
    for (const [number, xml] of bills) server.documents.set(billPath(number), xml);
    publishList(['C-11', 'C-18', 'C-21']);
    settings = loadConfig({ FETCH_CONTACT: 'https://openpolicy.test/contact', FETCH_LEGISINFO_URL: server.url, FETCH_SESSION: '44-1', FETCH_HOST_INTERVAL_MS: '0' }).fetch;
    database = await testDatabase();
    first = await runFetch(database, legisinfoBillsFetcher, settings);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('imports each listed bill from its own XML, naming that URL in provenance', async () => {
    expect(first).toMatchObject({ source: 'legisinfo-bills', status: 'succeeded', rejected: 0 });
    expect(server.requests.map((r) => `${r.status} ${r.target}`)).toEqual([`200 ${LIST}`, ...['C-11', 'C-18', 'C-21'].map((n) => `200 ${billPath(n)}`)]);
    const rows = await database.rows<{ identifier: string; sources: { url: string; file?: string }[] }>(sql`
      SELECT identifier, sources FROM bills ORDER BY identifier`);
    expect(rows.map((r) => r.identifier)).toEqual(['C-11', 'C-18', 'C-21']);
    for (const r of rows) {
      expect(r.sources).toEqual([expect.objectContaining({ source: 'legisinfo-bills', url: `${server.url}${billPath(r.identifier)}` })]);
      expect(r.sources[0]!.file).toBeUndefined();
    }
    expect(await count(sql`SELECT count(*)::int AS n FROM bill_actions`)).toBeGreaterThan(20);
    expect(await count(sql`SELECT count(*)::int AS n FROM fetched_documents`)).toBe(4);
  });

  it('a second fetch gets a 304 for the list, asks for nothing else, and writes nothing', async () => {
    const seen = server.requests.length;
    const before = await count(sql`SELECT count(*)::int AS n FROM fetched_documents`);
    const changed = await database.rows(sql`SELECT max(updated_at)::text AS at FROM bills`);
    const second = await runFetch(database, legisinfoBillsFetcher, settings);
    expect(second).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 0 });
    expect(server.requests.slice(seen).map((r) => `${r.status} ${r.target}`)).toEqual([`304 ${LIST}`]);
    expect(await count(sql`SELECT count(*)::int AS n FROM fetched_documents`)).toBe(before);
    expect(await database.rows(sql`SELECT max(updated_at)::text AS at FROM bills`)).toEqual(changed);
  });

  it('when the list changes, asks for every bill conditionally and imports only the new one', async () => {
    publishList(['C-11', 'C-18', 'C-21', 'S-5']);
    const seen = server.requests.length;
    const third = await runFetch(database, legisinfoBillsFetcher, settings);
    expect(third).toMatchObject({ status: 'succeeded', rejected: 0, updated: 0 });
    expect(third.inserted).toBeGreaterThan(0);
    expect(server.requests.slice(seen).map((r) => `${r.status} ${r.target}`)).toEqual([
      `200 ${LIST}`, ...['C-11', 'C-18', 'C-21'].map((n) => `304 ${billPath(n)}`), `200 ${billPath('S-5')}`,
    ]);
    expect(await count(sql`SELECT count(*)::int AS n FROM bills`)).toBe(4);
  });

  it('reports a listed bill the publisher does not serve, and imports the rest', async () => {
    server.documents.delete(billPath('S-5'));
    await database.db.execute(sql`DELETE FROM fetched_documents WHERE url LIKE '%/S-5/xml'`);
    const report = await runFetch(database, legisinfoBillsFetcher, settings);
    expect(report).toMatchObject({ status: 'partial', rejected: 1 });
    expect(report.rejections[0]).toEqual({ location: `${server.url}${billPath('S-5')}`, message: 'HTTP 404: bill S-5 is listed but its XML is not published' });
  });
});
