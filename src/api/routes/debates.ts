/** Debates (Hansard sittings) by date, each with its speeches; speeches across sittings with full-text search. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import { Type, type Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { bills, debates, legislativeSessions, speeches } from '../../db/schema.js';
import { onceEach, sameNumber, textMatches, textQuery, textRank, type TextQuery } from '../../db/full-text.js';
import { shapedQuery } from '../../db/prepared.js';
import { by, columnsWithout, includes, keysetList, respondList, sortBy, type CsvColumn, type Orders, type Sort } from '../lists.js';
import { includeParameter, listResponse, type SortValue } from '../schemas/lists.js';
import { badParameter, notFound } from '../../errors/problem.js';
import { bilingual, isoTime, listScope } from '../resources.js';
import {
  DebatesQuery, SpeechesQuery, SittingSpeechesQuery, Debate, Speech, DEBATE_INCLUDES, SubjectEntry, DebateDetail, IdParams,
} from '../schemas/debates.js';

// ── query ─────────────────────────────────────────────────────────────────
const speechCount = sql<number>`(select count(*)::int from ${speeches} where ${speeches.debateId} = ${debates.id})`;
const debateFields = { debate: debates, session: legislativeSessions.identifier, speechCount };
const debateJoins = [{ table: legislativeSessions, on: eq(legislativeSessions.id, debates.sessionId), left: true }];
// The session is left-joined: a sitting may not be placed in one.
type DebateRow = Omit<SelectResultFields<typeof debateFields>, 'session'> & { session: string | null };

/** What a speech response shows: the speech without its search vectors, its sitting's date and its bill's number. */
const speechFields = { speech: columnsWithout(speeches, ['searchEn', 'searchFr']), date: debates.date, billIdentifier: bills.identifier };
const speechJoins = [
  { table: debates, on: eq(debates.id, speeches.debateId), exactlyOne: true },
  { table: bills, on: eq(bills.id, speeches.billId), left: true },
];
type SpeechRow = Omit<SelectResultFields<typeof speechFields>, 'billIdentifier'> & { billIdentifier: string | null };
const speechVectors = { en: speeches.searchEn, fr: speeches.searchFr };

function dateFilters(column: typeof debates.date, q: { date?: string; since?: string; before?: string }): SQL[] {
  const where: SQL[] = [];
  if (q.date) where.push(eq(column, q.date));
  if (q.since) where.push(gte(column, q.since));
  if (q.before) where.push(lt(column, q.before));
  return where;
}

const debateOrders: Orders<'date'> = { date: [by(debates.date, 'date'), by(debates.id, 'text')] };

function debateSource(db: Db, q: Static<typeof DebatesQuery>) {
  const where = dateFilters(debates.date, q);
  const scope = listScope(q, debates);
  if (scope) where.push(scope);
  return keysetList<typeof debateFields, DebateRow>(db, {
    from: debates, joins: debateJoins, fields: debateFields, where, sort: sortBy(q.sort ?? 'date_desc', debateOrders),
    changedSince: { column: debates.updatedAt, since: q.updated_since },
  });
}

export function speechFilters(q: Static<typeof SpeechesQuery>): SQL[] {
  const where = dateFilters(debates.date, q);
  if (q.person) where.push(eq(speeches.personId, q.person));
  if (q.bill) {
    where.push(q.bill.startsWith('ocd-bill/')
      ? eq(speeches.billId, q.bill)
      : inArray(speeches.billId, sql`(select ${bills.id} from ${bills} where ${sameNumber(bills.identifier, q.bill)})`));
  }
  if (q.q) where.push(textMatches(speechVectors, wordsQuery(q.q)));
  return where;
}

/**
 * The words as a query computed once per execution: with no value of theirs to fold in, PostgreSQL's custom plans of a
 * speech search cost what its generic one does, and it keeps the generic one. A query asked again and again was planned
 * afresh on every request, a plan for its own words costing less (~0.5 ms of backend CPU on the full data, as much as
 * running it).
 */
function wordsQuery(q: string): TextQuery {
  return onceEach(textQuery(sql`(select ${q}::text)`));
}

const speechOrders: Orders<'date' | 'sequence'> = {
  /**
   * Within a sitting speeches read in order, so the date-descending walk takes the
   * negated sequence: one direction for the whole key keeps the keyset a row comparison.
   */
  date: (direction) => [
    by(debates.date, 'date'), by(debates.id, 'text'), by(direction === 'asc' ? speeches.sequence : sql`-${speeches.sequence}`, 'int'), by(speeches.id, 'text'),
  ],
  sequence: [by(speeches.sequence, 'int'), by(speeches.id, 'text')],
};

export function speechOrdering(sort: SortValue<'date' | 'sequence'> | 'relevance', q: string | undefined): Sort {
  if (sort !== 'relevance') return sortBy(sort, speechOrders);
  if (!q) throw badParameter('sort', 'sort=relevance needs a q to rank by.');
  return { keys: [by(textRank(speechVectors, wordsQuery(q)), 'number'), by(debates.date, 'date'), by(speeches.id, 'text')], direction: 'desc' };
}

export function speechSource(db: Db, where: SQL[], sort: Sort, since?: string) {
  return keysetList<typeof speechFields, SpeechRow>(db, {
    from: speeches, joins: speechJoins, fields: speechFields, where, sort, changedSince: { column: speeches.updatedAt, since },
  });
}

const debateWhere = shapedQuery((db, where: SQL) => db.select(debateFields).from(debates).leftJoin(legislativeSessions, debateJoins[0]!.on).where(where).limit(1));

async function findDebate(db: Db, id: string): Promise<DebateRow> {
  const [row] = await debateWhere(db, eq(debates.id, id));
  if (!row) throw notFound('debate', id);
  return row;
}

const subjectRows = shapedQuery((db, ofDebate: SQL) => db.select({ id: speeches.id, en: speeches.subjectEn, fr: speeches.subjectFr }).from(speeches)
  .where(ofDebate).orderBy(asc(speeches.sequence), asc(speeches.id)));

/** The sitting's speeches in order, cut into runs under one subject heading. */
async function debateSubjects(db: Db, debateId: string): Promise<Static<typeof SubjectEntry>[]> {
  const rows = await subjectRows(db, eq(speeches.debateId, debateId));
  const entries: Static<typeof SubjectEntry>[] = [];
  rows.forEach((r, i) => {
    const last = entries[entries.length - 1];
    if (last && last.subject.en === (r.en ?? null) && last.subject.fr === (r.fr ?? null)) last.speeches++;
    else entries.push({ subject: bilingual(r.en, r.fr), speeches: 1, first_speech_id: r.id, position: i + 1 });
  });
  return entries;
}

// ── response ──────────────────────────────────────────────────────────────
const debateUrl = (id: string) => `/api/v1/debates/${encodeURIComponent(id)}`;
export const speechUrl = (id: string) => `/api/v1/speeches/${encodeURIComponent(id)}`;

function presentDebate({ debate: d, session, speechCount: count }: DebateRow): Static<typeof Debate> {
  return {
    id: d.id, jurisdiction_id: d.jurisdictionId, session, organization_id: d.organizationId, date: d.date, number: d.number, title: bilingual(d.title, d.titleFr),
    speech_count: count, other_identifiers: d.otherIdentifiers, sources: d.sources, url: debateUrl(d.id), updated_at: isoTime(d.updatedAt)!,
  };
}

export function presentSpeech({ speech: s, date, billIdentifier }: SpeechRow): Static<typeof Speech> {
  return {
    id: s.id,
    debate_id: s.debateId,
    date,
    sequence: s.sequence,
    speaker: { name: s.speakerName, person_id: s.personId, affiliation: s.speakerAffiliation, role: s.speakerRole },
    time: isoTime(s.time),
    subject: bilingual(s.subjectEn, s.subjectFr),
    text: bilingual(s.textEn, s.textFr),
    bill: s.billId ? { id: s.billId, identifier: billIdentifier } : null,
    other_identifiers: s.otherIdentifiers,
    sources: s.sources,
    url: speechUrl(s.id),
    updated_at: isoTime(s.updatedAt)!,
  };
}

type SpeechItem = Static<typeof Speech>;
export const speechColumns: CsvColumn<SpeechItem>[] = [
  { header: 'id', value: (s) => s.id }, { header: 'debate_id', value: (s) => s.debate_id }, { header: 'date', value: (s) => s.date },
  { header: 'sequence', value: (s) => s.sequence }, { header: 'speaker_name', value: (s) => s.speaker.name }, { header: 'person_id', value: (s) => s.speaker.person_id },
  { header: 'time', value: (s) => s.time }, { header: 'subject_en', value: (s) => s.subject.en }, { header: 'text_en', value: (s) => s.text.en },
  { header: 'text_fr', value: (s) => s.text.fr }, { header: 'bill_id', value: (s) => s.bill?.id },
];

export const debateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/debates', { schema: { tags: ['debates'], summary: 'List debates (sittings), newest first', querystring: DebatesQuery, response: { 200: listResponse(Debate) } } },
    async (request, reply) => respondList(request, reply, request.query, debateSource(db, request.query), presentDebate, {
      filename: 'debates',
      columns: [
        { header: 'id', value: (d) => d.id }, { header: 'jurisdiction_id', value: (d) => d.jurisdiction_id }, { header: 'session', value: (d) => d.session },
        { header: 'date', value: (d) => d.date }, { header: 'number', value: (d) => d.number },
        { header: 'title_en', value: (d) => d.title.en }, { header: 'title_fr', value: (d) => d.title.fr },
        { header: 'speech_count', value: (d) => d.speech_count }, { header: 'updated_at', value: (d) => d.updated_at },
      ],
    }));

  app.get('/debates/:id', {
    schema: { tags: ['debates'], summary: 'One debate; include=speeches for all its speeches', params: IdParams, querystring: Type.Object({ include: includeParameter(DEBATE_INCLUDES) }, { additionalProperties: false }), response: { 200: DebateDetail } },
  }, async (request) => {
    const include = includes(request.query.include, DEBATE_INCLUDES);
    const row = await findDebate(db, request.params.id);
    const detail: Static<typeof DebateDetail> = {
      ...presentDebate(row), speeches_url: `${debateUrl(row.debate.id)}/speeches`, subjects: await debateSubjects(db, row.debate.id),
    };
    if (include.has('speeches')) {
      const order = speechOrdering('sequence_asc', undefined);
      const rows = await speechSource(db, [eq(speeches.debateId, row.debate.id)], order).rows({ limit: row.speechCount, offset: 0, after: null });
      detail.speeches = rows.map(presentSpeech);
    }
    return detail;
  });

  app.get('/debates/:id/speeches', {
    schema: { tags: ['debates'], summary: 'The speeches of one debate, in order', params: IdParams, querystring: SittingSpeechesQuery, response: { 200: listResponse(Speech) } },
  }, async (request, reply) => {
    const row = await findDebate(db, request.params.id);
    const q = request.query;
    const source = speechSource(db, [eq(speeches.debateId, row.debate.id)], speechOrdering(q.sort ?? 'sequence_asc', undefined), q.updated_since);
    return respondList(request, reply, request.query, source, presentSpeech, { filename: 'speeches', columns: speechColumns });
  });

  app.get('/speeches', { schema: { tags: ['debates'], summary: 'List and search speeches', querystring: SpeechesQuery, response: { 200: listResponse(Speech) } } },
    async (request, reply) => {
      const q = request.query;
      const source = speechSource(db, speechFilters(q), speechOrdering(q.sort ?? (q.q ? 'relevance' : 'date_desc'), q.q), q.updated_since);
      return respondList(request, reply, q, source, presentSpeech, { filename: 'speeches', columns: speechColumns });
    });

  app.get('/speeches/:id', { schema: { tags: ['debates'], summary: 'One speech', params: IdParams, response: { 200: Speech } } },
    async (request) => {
      const [row] = await speechSource(db, [eq(speeches.id, request.params.id)], speechOrdering('sequence_asc', undefined)).rows({ limit: 1, offset: 0, after: null });
      if (!row) throw notFound('speech', request.params.id);
      return presentSpeech(row);
    });
};
