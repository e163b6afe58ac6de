/**
 * JSON columns as the response's own text, built by this database (src/db/json-columns.ts) and written into the body
 * as it is (src/api/piecewise-serializer.ts): the same bytes the serializer writes from the database's JSON of the same
 * values. Over real data, every bill of 44-1 and 45-1 with every include, against the bytes the columns gave before
 * they were text (the statements as they were, in `before` below); and values chosen to differ (escapes, non-ASCII,
 * nulls, jsonb's spaces, a value the schema does not describe) on this database, PostgreSQL's or PGlite's.
 */
import { join } from 'node:path';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { JsonText, jsonArrayText } from '../../src/db/json-columns.js';
import { preparedOn } from '../../src/db/prepared.js';
import { billTexts } from '../../src/ingest/bill-texts.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { BillDetail } from '../../src/api/schemas/bills.js';
import { NO_LIMITS } from '../security/support.js';
import { testApi } from '../support/api.js';
import { SHARED_DATA } from '../support/db.js';
import { federal44_1, importSteps } from '../support/imports.js';
import { legisinfoBillFiles } from '../support/legisinfo.js';

// Every bill read anonymously: no quota in the way.
const api = testApi(async (database) => importSteps(database, [...federal44_1(), [legisinfoBills, legisinfoBillFiles(['45-1'])],
  [billTexts, [join(SHARED_DATA, 'legisinfo', 'bill-texts-44-1_45-1.tar.gz')]]]), { security: NO_LIMITS });

// fastify's own serializer of the whole schema: the bytes before the text.
const whole = SerializerSelector()({}, {});
const serialize = (schema: unknown) => whole({ schema, method: 'GET', url: '/', httpStatus: '200' } as Parameters<typeof whole>[0]);

/** The JSON columns of every bill as the statements made them before they were text (main at eb377df). */
const before = sql`select b.id, b.sources, b.other_identifiers,
  (select coalesce(json_agg(json_build_object('order', a."order", 'date', a.date, 'time', a.time, 'chamber', a.chamber,
     'stage', json_build_object('en', a.stage_en, 'fr', a.stage_fr), 'description', json_build_object('en', a.description_en, 'fr', a.description_fr),
     'classification', a.classification, 'committee_id', a.committee_id) order by a."order"), '[]') from bill_actions a where a.bill_id = b.id) as actions,
  (select coalesce(json_agg(json_build_object('id', v.id, 'identifier', v.identifier, 'start_date', v.start_date,
     'motion_text', json_build_object('en', v.motion_text_en, 'fr', v.motion_text_fr), 'result', v.result,
     'counts', json_build_array(json_build_object('option', 'yes', 'value', v.yes_count), json_build_object('option', 'no', 'value', v.no_count),
       json_build_object('option', 'paired', 'value', v.paired_count))) order by v.start_date, v.number), '[]') from vote_events v where v.bill_id = b.id) as votes,
  (select coalesce(json_agg(json_build_object('version', t.version, 'language', t.language, 'url', t.url, 'text', t.text) order by t.language, t.version), '[]')
     from bill_texts t where t.bill_id = b.id) as texts,
  (select coalesce(json_agg(json_build_object('id', m.id, 'committee', json_build_object('id', o.id, 'name', json_build_object('en', o.name, 'fr', o.name_fr),
     'abbreviation', o.abbreviation), 'number', m.number, 'date', m.date, 'title', m.title, 'url', m.url) order by m.date, m.number), '[]')
     from committee_meeting_bills cb join committee_meetings m on m.id = cb.meeting_id join organizations o on o.id = m.committee_id where cb.bill_id = b.id) as committee_meetings
  from bills b`;

type Row = Record<string, unknown>;
const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

describe('JSON columns as text', () => {
  it('gives every bill of 44-1 and 45-1, with every include, the bytes it had', async () => {
    const rows = await api.database.rows<Row>(before);
    expect(rows.length).toBe(597);
    const counts = { actions: 0, votes: 0, texts: 0, committee_meetings: 0 };
    for (const row of rows) {
      const res = await api.get(`/api/v1/bills/${row.id}?include=actions,sponsors,votes,texts,committee_meetings`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const expected = { ...body, sources: parsed(row.sources), other_identifiers: parsed(row.other_identifiers) };
      for (const name of ['actions', 'votes', 'texts', 'committee_meetings'] as const) {
        expected[name] = parsed(row[name]);
        if (expected[name].length > 0) counts[name]++;
      }
      expect(res.body, String(row.id)).toBe(serialize(BillDetail)(expected));
    }
    // The data has every include somewhere.
    expect(Object.values(counts).every((n) => n > 0), JSON.stringify(counts)).toBe(true);
  }, 600_000);

  it('writes SQL values as the serializer does, nulls included', async () => {
    const Item = Type.Object({
      s: Type.String(), n: Type.Union([Type.String(), Type.Null()]), i: Type.Integer(), j: Type.Union([Type.Integer(), Type.Null()]),
      d: Type.Union([Type.String(), Type.Null()]), pair: Type.Object({ en: Type.Union([Type.String(), Type.Null()]), fr: Type.Union([Type.String(), Type.Null()]) }),
      tags: Type.Array(Type.String()), counts: Type.Array(Type.Object({ option: Type.String(), value: Type.Integer() })),
    });
    const Items = Type.Array(Item);
    const strings = ['plain', 'é — « » 🗳️ \u2028', 'a "b" \\ c\n\t\r\b\f \u0001 \u001f', '', null];
    const x = (column: string) => sql.raw(`x.${column}`);
    const item = { s: x('s'), n: x('s'), i: x('i'), j: x('i'), d: x('d'), pair: { en: x('s'), fr: sql`'fr'::text` }, tags: x('tags'),
      counts: [{ option: sql`'yes'::text`, value: x('i') }] };
    const from = (rows: SQL[]) => sql`(values ${sql.join(rows, sql`, `)}) x(k, s, i, d, tags)`;
    const tags = (s: string | null) => ['a', s ?? 'b', 'x", "y', ', ', '"', '\\", "'];
    const rows = strings.map((s, k) => sql`(${k}, ${s}::text, ${k === 4 ? null : k * 1000}::int, ${k === 4 ? null : '2024-06-19'}::date, ${JSON.stringify(tags(s))}::jsonb)`);
    const read = async (values: SQL[], where = sql`true`) => (await api.database.db.select({ t: jsonArrayText(Items, item, from(values), where, sql`x.k`) }).from(sql`(select 1) one`))[0]!.t;
    const text = await read(rows);
    expect(text).toBeInstanceOf(JsonText);
    const json = strings.map((s, k) => ({ s, n: s, i: k === 4 ? null : k * 1000, j: k === 4 ? null : k * 1000, d: k === 4 ? null : '2024-06-19',
      pair: { en: s, fr: 'fr' }, tags: tags(s), counts: [{ option: 'yes', value: k === 4 ? null : k * 1000 }] }));
    expect((text as JsonText).text).toBe(serialize(Items)(json));
    expect(await read(rows, sql`false`)).toEqual(new JsonText('[]', Items));
    // A jsonb value the schema does not describe (a number among strings): the database's JSON, parsed.
    const odd = await read([sql`(0, 'x'::text, 1::int, null::date, '["a", 1.50]'::jsonb)`]);
    expect(odd).toEqual([{ s: 'x', n: 'x', i: 1, j: 1, d: null, pair: { en: 'x', fr: 'fr' }, tags: ['a', 1.5], counts: [{ option: 'yes', value: 1 }] }]);
    // A string ending in `", ` would lose its space to the de-spacing of jsonb's `", "`: parsed instead, same bytes.
    const quoteComma = ['a", ', 'b', 'c\\", '];
    const despaced = await read([sql`(0, 'x'::text, 1::int, null::date, ${JSON.stringify(quoteComma)}::jsonb)`]);
    expect(despaced).not.toBeInstanceOf(JsonText);
    expect(despaced).toEqual([{ s: 'x', n: 'x', i: 1, j: 1, d: null, pair: { en: 'x', fr: 'fr' }, tags: quoteComma, counts: [{ option: 'yes', value: 1 }] }]);

    // Prepared, on postgres.js the statement is read raw (src/db/prepared.ts): the text stays the bytes received, every
    // other column is decoded as postgres.js decodes it; on PGlite the text is a string. The same JSON either way.
    const others = { id: sql<string>`'a"b'::text`, n: sql<number>`2::int`, big: sql<string>`9007199254740993::bigint`, d: sql<string>`'2024-06-19'::date`,
      at: sql<string>`'2024-06-19 10:00:00+00'::timestamptz`, list: sql<string[]>`array['a', 'b"c', null]::text[]`, ok: sql<boolean>`true`,
      j: sql<unknown>`'{"a": [1, "é"]}'::jsonb`, none: sql<string | null>`null::text` };
    const selectOf = (values: SQL[]) => (db: typeof api.database.db) => db.select({ ...others, t: jsonArrayText(Items, item, from(values), sql`true`, sql`x.k`) }).from(sql`(select 1) one`);
    const [plain] = await selectOf(rows)(api.database.db);
    const [prepared] = await preparedOn(api.database.db, 'json-text: strings', selectOf(rows)).execute();
    const { t, ...rest } = prepared!;
    const { t: plainText, ...plainRest } = plain!;
    expect(rest).toEqual(plainRest);
    expect(t).toBeInstanceOf(JsonText);
    const bytes = (t as JsonText).text;
    expect(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8')).toBe((plainText as JsonText).text);
    expect(typeof bytes === 'string').toBe(api.database.kind === 'pglite');
    const [oddPrepared] = await preparedOn(api.database.db, 'json-text: odd', selectOf([sql`(0, 'x'::text, 1::int, null::date, '["a", 1.50]'::jsonb)`])).execute();
    expect(oddPrepared!.t).toEqual(odd);
  });
});
