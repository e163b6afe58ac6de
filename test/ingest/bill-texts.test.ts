import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textQuery } from '../../src/db/full-text.js';
import { billTexts } from '../../src/ingest/bill-texts.js';
import { readTarEntries } from '../../src/ingest/files.js';
import { runImport, type RunReport } from '../../src/ingest/runner.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';

const TARBALL = join(SHARED_DATA, 'legisinfo', 'bill-texts-44-1_45-1.tar.gz');

let database: TestDatabase;
let first: RunReport;

/** Bills whose text matches an English full-text query, as "session/number". */
async function search(query: string): Promise<string[]> {
  const rows = await database.rows<{ bill: string }>(sql`
    select s.identifier || '/' || b.identifier as bill
    from bill_texts t join bills b on b.id = t.bill_id join legislative_sessions s on s.id = b.session_id
    where t.search_en @@ ${textQuery(query).en} order by 1`);
  return rows.map((r) => r.bill);
}

async function textOf(session: string, number: string) {
  const [row] = await database.rows<{ version: string; language: string; url: string | null; text: string; title_en: string }>(sql`
    select t.version, t.language, t.url, t.text, b.title_en
    from bill_texts t join bills b on b.id = t.bill_id join legislative_sessions s on s.id = b.session_id
    where s.identifier = ${session} and b.identifier = ${number}`);
  return row!;
}

async function writeTarball(path: string, entries: { name: string; content: Buffer }[]): Promise<void> {
  const pack = tar.pack();
  for (const entry of entries) pack.entry({ name: entry.name }, entry.content);
  pack.finalize();
  await pipeline(pack, createGzip(), createWriteStream(path));
}

beforeAll(async () => {
  database = await testDatabase();
  first = await runImport(database, billTexts, [TARBALL]);
});
afterAll(async () => database?.drop());

describe('bill-texts importer', () => {
  it('imports one text per bill_text.xml entry of the tarball', async () => {
    let entries = 0;
    for await (const { name } of readTarEntries(TARBALL)) if (name.endsWith('/bill_text.xml')) entries++;
    expect(entries).toBe(570);
    expect(first).toMatchObject({ status: 'succeeded', inserted: 570, updated: 0, unchanged: 0, rejected: 0 });
    expect(await database.rows(sql`select version, language, count(*)::int as n from bill_texts group by 1, 2 order by n desc, version`)).toEqual([
      { version: 'First Reading', language: 'en', n: 424 },
      { version: 'Royal Assent', language: 'en', n: 99 },
      { version: 'As passed by the House of Commons', language: 'en', n: 21 },
      { version: 'As passed by the Senate', language: 'en', n: 14 },
      { version: 'As amended by committee', language: 'en', n: 12 },
    ]);
    // Each text's bill is ensured (with its session) so texts can load before LEGISinfo's metadata.
    expect(await database.rows(sql`select s.identifier, count(*)::int as n from bills b join legislative_sessions s on s.id = b.session_id group by 1 order by 1`))
      .toEqual([{ identifier: '44-1', n: 394 }, { identifier: '45-1', n: 176 }]);
  });

  it('renders the bill XML as readable lines of plain text', async () => {
    const c18 = await textOf('44-1', 'C-18');
    expect(c18).toMatchObject({
      version: 'Royal Assent',
      language: 'en',
      url: 'https://www.parl.ca/DocumentViewer/en/44-1/bill/C-18/royal-assent',
      title_en: 'An Act respecting online communications platforms that make news content available to persons in Canada',
    });
    const lines = c18.text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Bill C-18',
      'An Act respecting online communications platforms that make news content available to persons in Canada',
      'RECOMMENDATION',
    ]);
    expect(lines).toContain('1 This Act may be cited as the Online News Act.');
    expect(lines).toContain('(m) requires the Canadian Broadcasting Corporation to provide the Commission with an annual report if the Corporation is a party to an agreement with an operator;');
    expect(c18.text).not.toMatch(/<[A-Za-z/]/);
    // A report-stage reprint: no known DocumentViewer address, so no url.
    expect((await database.rows(sql`select count(*)::int as n from bill_texts where version = 'As amended by committee' and url is null`))[0]).toEqual({ n: 12 });
  });

  it('finds a bill by a phrase of its text, in the right session', async () => {
    expect(await search('digital news intermediary')).toEqual(['44-1/C-18']);
    expect(await search('Canada–Indonesia Comprehensive Economic Partnership')).toEqual(['45-1/C-18']);
  });

  it('stores the longest text whole and indexes its leading 500,000 characters', async () => {
    const [longest] = await database.rows<{ bill: string; length: number; indexed: boolean }>(sql`
      select s.identifier || '/' || b.identifier as bill, length(t.text) as length, t.search_en is not null as indexed
      from bill_texts t join bills b on b.id = t.bill_id join legislative_sessions s on s.id = b.session_id
      order by length(t.text) desc limit 1`);
    expect(longest).toEqual({ bill: '44-1/C-69', length: 1186105, indexed: true });
    expect(await search('budget tabled in Parliament on April 16, 2024 global minimum tax')).toContain('44-1/C-69');
  });

  it('changes nothing on a second import', async () => {
    const again = await runImport(database, billTexts, [TARBALL]);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 570, rejected: 0 });
  });

  it('rejects a truncated entry by its name and imports the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bill-texts-'));
    try {
      const entries: { name: string; content: Buffer }[] = [];
      for await (const entry of readTarEntries(TARBALL)) {
        if (entry.name === '44-1/bills/C-18/bill_text.xml') entries.push({ name: entry.name, content: entry.content.subarray(0, entry.content.length / 2) });
        else if (entries.length < 3) entries.push(entry);
      }
      const broken = join(dir, 'bill-texts.tar.gz');
      await writeTarball(broken, entries);

      const report = await runImport(database, billTexts, [broken]);
      expect(report).toMatchObject({ status: 'partial', inserted: 0, updated: 0, unchanged: 3, rejected: 1 });
      expect(report.rejections[0]!.location).toMatch(/^44-1\/bills\/C-18\/bill_text\.xml:\d+:\d+$/);
      expect(report.rejections[0]!.message).toMatch(/^malformed XML/);
      expect((await textOf('44-1', 'C-18')).text).toContain('1 This Act may be cited as the Online News Act.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
