/** Bills: list with filters, full-text search and sorts; one bill by OCD id or natural key, with includes. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import { Type, type Static } from 'typebox';
import type { Db } from '../../db/client.js';
import {
  billActions, bills, billTexts, committeeMeetingBills, committeeMeetings, legislativeSessions, organizations, voteEvents,
} from '../../db/schema.js';
import { billNumberOrder, noDate } from '../../db/bill-order.js';
import { billId as naturalBillId } from '../../domain/ids.js';
import { jurisdictionCode, resolveJurisdiction } from '../../domain/jurisdictions.js';
import { sameNumber, textMatches, textQuery, textRank } from '../../db/full-text.js';
import { shapedQuery } from '../../db/prepared.js';
import { asJson, jsonArrayText, type MaybeText } from '../../db/json-columns.js';
import { by, columnsWithout, includes, keysetList, respondList, sortBy, type CsvColumn, type Orders, type Sort } from '../lists.js';
import { listResponse } from '../schemas/lists.js';
import { badParameter, notFound } from '../../errors/problem.js';
import { bilingual, isoTime, listScope } from '../resources.js';
import { Actions, BILL_ORDERS, BillTexts, BillVotes, CommitteeMeetings, INCLUDES, BillsQuery, Bill, BillDetail, DetailQuery } from '../schemas/bills.js';

// ── query ─────────────────────────────────────────────────────────────────
/** What a bill response shows: every column but the search vectors, and the session's identifier. */
const billFields = { ...columnsWithout(bills, ['searchEn', 'searchFr']), session: legislativeSessions.identifier };
const billJoins = [{ table: legislativeSessions, on: eq(legislativeSessions.id, bills.sessionId), exactlyOne: true }];
type BillRow = SelectResultFields<typeof billFields>;
const billVectors = { en: bills.searchEn, fr: bills.searchFr };

function filters(q: Static<typeof BillsQuery>): SQL[] {
  const where: SQL[] = [];
  const scope = listScope(q, bills);
  if (scope) where.push(scope);
  if (q.chamber) where.push(eq(bills.originatingChamber, q.chamber));
  if (q.type) where.push(sql`lower(${bills.billType}) = lower(${q.type})`);
  if (q.government !== undefined) where.push(eq(bills.isGovernment, q.government));
  if (q.status) where.push(sql`(lower(${bills.statusEn}) = lower(${q.status}) OR lower(${bills.statusFr}) = lower(${q.status}))`);
  if (q.sponsor) where.push(eq(bills.sponsorPersonId, q.sponsor));
  if (q.introduced_since) where.push(gte(bills.introducedDate, q.introduced_since));
  if (q.introduced_before) where.push(lt(bills.introducedDate, q.introduced_before));
  if (q.q) where.push(sql`(${textMatches(billVectors, textQuery(q.q))} OR ${sameNumber(bills.identifier, q.q)})`);
  return where;
}

const [numberSession, numberPrefix, numberValue] = billNumberOrder(bills);

const orders: Orders<(typeof BILL_ORDERS)[number]> = {
  updated: [by(bills.updatedAt, 'time'), by(bills.id, 'text')],
  introduced: [by(noDate(bills.introducedDate), 'date'), by(bills.id, 'text')],
  latest_action: [by(noDate(bills.latestActionDate), 'date'), by(bills.id, 'text')],
  number: [by(numberSession, 'text'), by(numberPrefix, 'text'), by(numberValue, 'int'), by(bills.id, 'text')],
};

function ordering(q: Static<typeof BillsQuery>): Sort {
  const sort = q.sort ?? (q.q ? 'relevance' : 'updated_desc');
  if (sort !== 'relevance') return sortBy(sort, orders);
  if (!q.q) throw badParameter('sort', 'sort=relevance needs a q to rank by.');
  const exact = sql`(${sameNumber(bills.identifier, q.q)})::int`;
  return {
    keys: [by(exact, 'int'), by(textRank(billVectors, textQuery(q.q)), 'number'), by(noDate(bills.introducedDate), 'date'), by(bills.id, 'text')],
    direction: 'desc',
  };
}

export function billSource(db: Db, q: Static<typeof BillsQuery>) {
  return keysetList(db, {
    from: bills, joins: billJoins, fields: billFields, where: filters(q), sort: ordering(q), changedSince: { column: bills.updatedAt, since: q.updated_since },
  });
}

// ── response ──────────────────────────────────────────────────────────────
export function billUrl(jurisdictionId: string, session: string, identifier: string): string {
  return `/api/v1/bills/${jurisdictionCode(jurisdictionId)}/${session}/${identifier}`;
}

export function presentBill(b: BillRow): Static<typeof Bill> {
  return {
    id: b.id,
    jurisdiction_id: b.jurisdictionId,
    session: b.session,
    identifier: b.identifier,
    title: bilingual(b.titleEn, b.titleFr),
    short_title: bilingual(b.shortTitleEn, b.shortTitleFr),
    type: b.billType,
    is_government: b.isGovernment,
    from_organization: b.originatingChamber,
    sponsor: b.sponsorPersonId ? { id: b.sponsorPersonId, name: b.sponsorName, title: b.sponsorTitle } : null,
    status: bilingual(b.statusEn, b.statusFr),
    latest_stage: bilingual(b.latestStageEn, b.latestStageFr),
    introduced_date: b.introducedDate,
    latest_action_date: b.latestActionDate,
    royal_assent_date: b.royalAssentDate,
    statute: b.statuteChapter || b.statuteYear ? { year: b.statuteYear, chapter: b.statuteChapter } : null,
    summary: bilingual(b.summaryEn, b.summaryFr),
    other_identifiers: b.otherIdentifiers,
    sources: b.sources,
    url: billUrl(b.jurisdictionId, b.session, b.identifier),
    created_at: isoTime(b.createdAt)!,
    updated_at: isoTime(b.updatedAt)!,
  };
}

type Detail = Static<typeof BillDetail>;
type Included = 'actions' | 'votes' | 'texts' | 'committee_meetings';

/**
 * What each include reads, as a column of the bill's own statement holding the items as the response writes them:
 * the bill and all it includes are one statement and one round trip. As three (the bill, its actions, its
 * divisions) they cost 350 µs of backend CPU per request for 0.25 ms of execution, and a socket write each.
 */
const includeColumns: { [K in Included]: SQL<MaybeText<NonNullable<Detail[K]>>> } = {
  actions: jsonArrayText(Actions, {
    order: billActions.order, date: billActions.date, time: billActions.time, chamber: billActions.chamber,
    stage: { en: billActions.stageEn, fr: billActions.stageFr }, description: { en: billActions.descriptionEn, fr: billActions.descriptionFr },
    classification: billActions.classification, committee_id: billActions.committeeId,
  }, sql`${billActions}`, eq(billActions.billId, bills.id), sql`${billActions.order}`),
  votes: jsonArrayText(BillVotes, {
    id: voteEvents.id, identifier: voteEvents.identifier, start_date: voteEvents.startDate,
    motion_text: { en: voteEvents.motionTextEn, fr: voteEvents.motionTextFr }, result: voteEvents.result,
    counts: [{ option: sql`'yes'::text`, value: voteEvents.yesCount }, { option: sql`'no'::text`, value: voteEvents.noCount }, { option: sql`'paired'::text`, value: voteEvents.pairedCount }],
  }, sql`${voteEvents}`, eq(voteEvents.billId, bills.id), sql`${voteEvents.startDate}, ${voteEvents.number}`),
  texts: jsonArrayText(BillTexts, { version: billTexts.version, language: billTexts.language, url: billTexts.url, text: billTexts.text },
    sql`${billTexts}`, eq(billTexts.billId, bills.id), sql`${billTexts.language}, ${billTexts.version}`),
  committee_meetings: jsonArrayText(CommitteeMeetings, {
    id: committeeMeetings.id, committee: { id: organizations.id, name: { en: organizations.name, fr: organizations.nameFr }, abbreviation: organizations.abbreviation },
    number: committeeMeetings.number, date: committeeMeetings.date, title: committeeMeetings.title, url: committeeMeetings.url,
  }, sql`${committeeMeetingBills}
    inner join ${committeeMeetings} on ${committeeMeetings.id} = ${committeeMeetingBills.meetingId}
    inner join ${organizations} on ${organizations.id} = ${committeeMeetings.committeeId}`,
  eq(committeeMeetingBills.billId, bills.id), sql`${committeeMeetings.date}, ${committeeMeetings.number}`),
};

type BillWith = BillRow & { [K in Included]?: MaybeText<NonNullable<Detail[K]>> };

// One query per set of includes asked for (in INCLUDES' order), each prepared once per shape of its `where`.
const billQueries = new Map<string, (db: Db, where: SQL) => Promise<BillWith[]>>();

function billQuery(include: Set<(typeof INCLUDES)[number]>) {
  const included = INCLUDES.filter((name): name is Included => name in includeColumns && include.has(name));
  const key = included.join();
  let query = billQueries.get(key);
  if (!query) {
    const fields = { ...billFields, ...Object.fromEntries(included.map((name) => [name, includeColumns[name]])) };
    query = shapedQuery((db, where: SQL) => db.select(fields).from(bills).innerJoin(legislativeSessions, billJoins[0]!.on).where(where).limit(1)) as (db: Db, where: SQL) => Promise<BillWith[]>;
    billQueries.set(key, query);
  }
  return query;
}

/** The bill `where` selects with what `include` asks for, as the response shows it; undefined when there is none. */
async function billDetail(db: Db, where: SQL, include: Set<(typeof INCLUDES)[number]>): Promise<Detail | undefined> {
  const [bill] = await billQuery(include)(db, where);
  if (!bill) return undefined;
  const detail: Detail = presentBill(bill);
  if (bill.actions) detail.actions = asJson(bill.actions);
  if (include.has('sponsors')) {
    detail.sponsors = bill.sponsorPersonId ? [{ id: bill.sponsorPersonId, name: bill.sponsorName, title: bill.sponsorTitle, primary: true }] : [];
  }
  if (bill.votes) detail.votes = asJson(bill.votes);
  if (bill.texts) detail.texts = asJson(bill.texts);
  if (bill.committee_meetings) detail.committee_meetings = asJson(bill.committee_meetings);
  return detail;
}

export const billCsvColumns: CsvColumn<Static<typeof Bill>>[] = [
  { header: 'id', value: (b) => b.id }, { header: 'session', value: (b) => b.session }, { header: 'identifier', value: (b) => b.identifier },
  { header: 'title_en', value: (b) => b.title.en }, { header: 'title_fr', value: (b) => b.title.fr },
  { header: 'short_title_en', value: (b) => b.short_title.en }, { header: 'type', value: (b) => b.type },
  { header: 'is_government', value: (b) => b.is_government }, { header: 'sponsor_id', value: (b) => b.sponsor?.id },
  { header: 'sponsor_name', value: (b) => b.sponsor?.name }, { header: 'status_en', value: (b) => b.status.en },
  { header: 'introduced_date', value: (b) => b.introduced_date }, { header: 'latest_action_date', value: (b) => b.latest_action_date },
  { header: 'royal_assent_date', value: (b) => b.royal_assent_date }, { header: 'updated_at', value: (b) => b.updated_at },
];

export const billRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/bills', { schema: { tags: ['bills'], summary: 'List and search bills', querystring: BillsQuery, response: { 200: listResponse(Bill) } } },
    async (request, reply) => respondList(request, reply, request.query, billSource(db, request.query), presentBill, {
      filename: 'bills', columns: billCsvColumns,
    }));

  app.get('/bills/ocd-bill/:uuid', { schema: { tags: ['bills'], summary: 'One bill by OCD id', params: Type.Object({ uuid: Type.String() }), querystring: DetailQuery, response: { 200: BillDetail } } },
    async (request) => {
      const id = `ocd-bill/${request.params.uuid}`;
      const detail = await billDetail(db, eq(bills.id, id), includes(request.query.include, INCLUDES));
      if (!detail) throw notFound('bill', id);
      return detail;
    });

  app.get('/bills/:jurisdiction/:session/:number', {
    schema: {
      tags: ['bills'], summary: 'One bill by natural key, e.g. /bills/ca/45-1/C-12',
      params: Type.Object({ jurisdiction: Type.String(), session: Type.String(), number: Type.String() }), querystring: DetailQuery, response: { 200: BillDetail },
    },
  }, async (request) => {
    const { jurisdiction, session, number } = request.params;
    const jurisdictionId = resolveJurisdiction(jurisdiction);
    if (!jurisdictionId) throw badParameter('jurisdiction', `Unknown jurisdiction "${jurisdiction}".`);
    const detail = await billDetail(db, eq(bills.id, naturalBillId(jurisdictionId, session, number)), includes(request.query.include, INCLUDES));
    if (!detail) throw notFound('bill', `${jurisdiction}/${session}/${number}`);
    return detail;
  });
};
