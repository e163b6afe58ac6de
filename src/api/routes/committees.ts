/** Committees: list with filters, one committee by OCD id, and its meetings with the bills each one studied. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import { alias } from 'drizzle-orm/pg-core';
import { type Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { anyOf, shapedQuery, shapedRows } from '../../db/prepared.js';
import { billActions, bills, committeeMeetingBills, committeeMeetings, legislativeSessions, organizations } from '../../db/schema.js';
import { resolveJurisdiction } from '../../domain/jurisdictions.js';
import { likeContains } from '../../domain/text.js';
import { by, keysetList, respondList, sortBy, type Orders } from '../lists.js';
import { listResponse } from '../schemas/lists.js';
import { badParameter, notFound } from '../../errors/problem.js';
import { bilingual, isoTime } from '../resources.js';
import { billUrl } from './bills.js';
import { CHAMBERS, CommitteesQuery, Committee, CommitteeDetail, MeetingsQuery, MeetingBill, Meeting, UuidParams } from '../schemas/committees.js';

// ── query ─────────────────────────────────────────────────────────────────
const parent = alias(organizations, 'parent');
const grandparent = alias(organizations, 'grandparent');
// A subcommittee sits under its committee: its chamber is the one its committee belongs to.
const chamberOf = sql<(typeof CHAMBERS)[number] | null>`case coalesce(nullif(${parent.classification}, 'committee'), ${grandparent.classification})
  when 'lower' then 'lower' when 'upper' then 'upper' when 'legislature' then 'joint' end`;

const committeeFields = { committee: organizations, chamber: chamberOf };
const committeeJoins = [
  { table: parent, on: eq(parent.id, organizations.parentId), left: true },
  { table: grandparent, on: eq(grandparent.id, parent.parentId), left: true },
];
type CommitteeRow = SelectResultFields<typeof committeeFields>;
type ActiveCommitteeRow = CommitteeRow & { activity: Activity };

/** When the data shows a committee at work, and the committee of the same name that took over from it. */
interface Activity {
  first: string | null;
  last: string | null;
  supersededBy: string | null;
}

/**
 * The activity of `rows`' committees: the first and last dates of their meetings and of the bill stages they
 * held, and, where another committee of the same legislature has the same name (the House renamed HEAL to HESA
 * in 2004, keeping "Standing Committee on Health"), the one of them last active after this one. One query.
 */
async function withActivity<R extends CommitteeRow>(db: Db, rows: R[]): Promise<(R & { activity: Activity })[]> {
  if (rows.length === 0) return [];
  const names = [...new Set(rows.map((r) => r.committee.name))];
  const found = await shapedRows<{ id: string; first: string | null; last: string | null; superseded_by: string | null }>(db, sql`
    with named as (
      select ${organizations.id} as id, ${organizations.name} as name, ${organizations.jurisdictionId} as jurisdiction_id from ${organizations}
      where ${organizations.classification} = 'committee' and ${anyOf(organizations.name, names)}
    ), activity as (
      -- Per committee, from the (committee_id, date) indexes: a union of every meeting and stage read both tables whole.
      select named.*, least(m.first, a.first)::text as first, greatest(m.last, a.last)::text as last from named
      left join lateral (select min(${committeeMeetings.date}) as first, max(${committeeMeetings.date}) as last
        from ${committeeMeetings} where ${committeeMeetings.committeeId} = named.id) m on true
      left join lateral (select min(${billActions.date}) as first, max(${billActions.date}) as last
        from ${billActions} where ${billActions.committeeId} = named.id) a on true
    )
    select one.id, one.first, one.last,
      (select later.id from activity later
        where later.name = one.name and later.jurisdiction_id is not distinct from one.jurisdiction_id and later.id <> one.id
          and later.last > coalesce(one.last, '0001-01-01')
        order by later.last desc, later.id limit 1) as superseded_by
    from activity one where ${anyOf(sql`one.id`, rows.map((r) => r.committee.id))}`);
  const byId = new Map(found.map((r) => [r.id, { first: r.first, last: r.last, supersededBy: r.superseded_by }]));
  // Added to the rows the query made for this request: a copy as `{ ...r, activity }` takes V8's slow path (~1 us a row).
  return rows.map((r) => Object.assign(r, { activity: byId.get(r.committee.id) ?? { first: null, last: null, supersededBy: null } }));
}

function committeeFilters(q: Static<typeof CommitteesQuery>): SQL[] {
  const where: SQL[] = [eq(organizations.classification, 'committee')];
  if (q.jurisdiction) {
    const id = resolveJurisdiction(q.jurisdiction);
    if (!id) throw badParameter('jurisdiction', `Unknown jurisdiction "${q.jurisdiction}"; use an OCD jurisdiction id or a code such as "ca" or "bc".`);
    where.push(eq(organizations.jurisdictionId, id));
  }
  if (q.chamber) where.push(sql`${chamberOf} = ${q.chamber}`);
  if (q.name) {
    const pattern = likeContains(q.name);
    where.push(sql`(${organizations.name} ilike ${pattern} or ${organizations.nameFr} ilike ${pattern} or ${organizations.abbreviation} ilike ${pattern})`);
  }
  return where;
}

const committeeOrders: Orders<'name' | 'updated'> = {
  name: [by(organizations.name, 'text'), by(organizations.id, 'text')],
  updated: [by(organizations.updatedAt, 'time'), by(organizations.id, 'text')],
};

function committeeSource(db: Db, q: Static<typeof CommitteesQuery>) {
  return keysetList<typeof committeeFields, ActiveCommitteeRow>(db, {
    from: organizations, joins: committeeJoins, fields: committeeFields, where: committeeFilters(q), sort: sortBy(q.sort ?? 'name_asc', committeeOrders),
    changedSince: { column: organizations.updatedAt, since: q.updated_since },
    attach: (rows) => withActivity(db, rows),
  });
}

const committeeWhere = shapedQuery((db, where: SQL) => db.select(committeeFields).from(organizations)
  .leftJoin(parent, committeeJoins[0]!.on)
  .leftJoin(grandparent, committeeJoins[1]!.on)
  .where(where).limit(1));

async function findCommittee(db: Db, id: string): Promise<CommitteeRow | undefined> {
  const [row] = await committeeWhere(db, and(eq(organizations.id, id), eq(organizations.classification, 'committee'))!);
  return row;
}

const meetingFields = { meeting: committeeMeetings, session: legislativeSessions.identifier };
const meetingJoins = [{ table: legislativeSessions, on: eq(legislativeSessions.id, committeeMeetings.sessionId), left: true }];
type MeetingRow = Omit<SelectResultFields<typeof meetingFields>, 'session'> & { session: string | null; bills: Static<typeof MeetingBill>[] };
// Undated meetings are the oldest; then by number so a sitting series reads in order.
const meetingOrders: Orders<'date'> = {
  date: [by(sql`coalesce(${committeeMeetings.date}, '0001-01-01'::date)`, 'date'), by(sql`coalesce(${committeeMeetings.number}, 0)`, 'int'), by(committeeMeetings.id, 'text')],
};

function meetingSource(db: Db, committeeId: string, q: Static<typeof MeetingsQuery>) {
  const where: SQL[] = [eq(committeeMeetings.committeeId, committeeId)];
  if (q.session) where.push(eq(legislativeSessions.identifier, q.session));
  if (q.since) where.push(gte(committeeMeetings.date, q.since));
  if (q.before) where.push(lt(committeeMeetings.date, q.before));
  return keysetList<typeof meetingFields, MeetingRow>(db, {
    from: committeeMeetings,
    joins: meetingJoins,
    fields: meetingFields,
    where,
    sort: sortBy(q.sort ?? 'date_desc', meetingOrders),
    changedSince: { column: committeeMeetings.updatedAt, since: q.updated_since },
    async attach(rows) {
      const studied = await billsStudied(db, rows.map((r) => r.meeting.id));
      return rows.map((r) => Object.assign(r, { bills: studied.get(r.meeting.id) ?? [] }));
    },
  });
}

const meetingBillRows = shapedQuery((db, ofMeetings: SQL) => db.select({
  meetingId: committeeMeetingBills.meetingId, session: legislativeSessions.identifier,
  bill: { id: bills.id, identifier: bills.identifier, titleEn: bills.titleEn, titleFr: bills.titleFr, jurisdictionId: bills.jurisdictionId },
})
  .from(committeeMeetingBills)
  .innerJoin(bills, eq(bills.id, committeeMeetingBills.billId))
  .innerJoin(legislativeSessions, eq(legislativeSessions.id, bills.sessionId))
  .where(ofMeetings)
  .orderBy(asc(bills.identifier)));

/** The bills of a page of meetings in one query. */
async function billsStudied(db: Db, meetingIds: string[]): Promise<Map<string, Static<typeof MeetingBill>[]>> {
  const byMeeting = new Map<string, Static<typeof MeetingBill>[]>();
  if (meetingIds.length === 0) return byMeeting;
  const rows = await meetingBillRows(db, anyOf(committeeMeetingBills.meetingId, meetingIds));
  for (const { meetingId, bill, session } of rows) {
    const item = { id: bill.id, session, identifier: bill.identifier, title: bilingual(bill.titleEn, bill.titleFr), url: billUrl(bill.jurisdictionId, session, bill.identifier) };
    const list = byMeeting.get(meetingId);
    if (list) list.push(item);
    else byMeeting.set(meetingId, [item]);
  }
  return byMeeting;
}

// ── response ──────────────────────────────────────────────────────────────
const committeeUrl = (id: string) => `/api/v1/committees/${id}`;

function presentCommittee({ committee: c, chamber, activity }: ActiveCommitteeRow): Static<typeof Committee> {
  return {
    id: c.id,
    jurisdiction_id: c.jurisdictionId,
    name: bilingual(c.name, c.nameFr),
    abbreviation: c.abbreviation,
    classification: c.classification,
    chamber,
    parent_id: c.parentId,
    first_active: activity.first,
    last_active: activity.last,
    superseded_by: activity.supersededBy,
    other_identifiers: c.otherIdentifiers,
    sources: c.sources,
    url: committeeUrl(c.id),
    updated_at: isoTime(c.updatedAt)!,
  };
}

function presentMeeting({ meeting: m, session, bills: studied }: MeetingRow): Static<typeof Meeting> {
  return {
    id: m.id, committee_id: m.committeeId, session, number: m.number, date: m.date, title: m.title, url: m.url,
    bills: studied, sources: m.sources, updated_at: isoTime(m.updatedAt)!,
  };
}

/** How many meetings a committee held, and over which dates. */
const meetingStats = shapedQuery((db, ofCommittee: SQL) => db.select({
  n: sql<number>`count(*)::int`,
  first: sql<string | null>`min(${committeeMeetings.date})::text`,
  last: sql<string | null>`max(${committeeMeetings.date})::text`,
}).from(committeeMeetings).where(ofCommittee));

async function committeeOr404(db: Db, uuid: string): Promise<CommitteeRow> {
  const id = `ocd-organization/${uuid}`;
  const row = await findCommittee(db, id);
  if (!row) throw notFound('committee', id);
  return row;
}

export const committeeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/committees', { schema: { tags: ['committees'], summary: 'List committees', querystring: CommitteesQuery, response: { 200: listResponse(Committee) } } },
    async (request, reply) => respondList(request, reply, request.query, committeeSource(db, request.query), presentCommittee, {
      filename: 'committees',
      columns: [
        { header: 'id', value: (c) => c.id }, { header: 'jurisdiction_id', value: (c) => c.jurisdiction_id },
        { header: 'name_en', value: (c) => c.name.en }, { header: 'name_fr', value: (c) => c.name.fr },
        { header: 'abbreviation', value: (c) => c.abbreviation }, { header: 'chamber', value: (c) => c.chamber },
        { header: 'parent_id', value: (c) => c.parent_id }, { header: 'updated_at', value: (c) => c.updated_at },
        { header: 'first_active', value: (c) => c.first_active }, { header: 'last_active', value: (c) => c.last_active }, { header: 'superseded_by', value: (c) => c.superseded_by },
      ],
    }));

  app.get('/committees/ocd-organization/:uuid', {
    schema: { tags: ['committees'], summary: 'One committee by OCD id', params: UuidParams, response: { 200: CommitteeDetail } },
  }, async (request) => {
    const row = (await withActivity(db, [await committeeOr404(db, request.params.uuid)]))[0]!;
    const [stats] = await meetingStats(db, eq(committeeMeetings.committeeId, row.committee.id));
    return {
      ...presentCommittee(row),
      meeting_count: stats?.n ?? 0,
      first_meeting_date: stats?.first ?? null,
      last_meeting_date: stats?.last ?? null,
      meetings_url: `${committeeUrl(row.committee.id)}/meetings`,
    };
  });

  app.get('/committees/ocd-organization/:uuid/meetings', {
    schema: { tags: ['committees'], summary: "A committee's meetings, newest first, with the bills each studied", params: UuidParams, querystring: MeetingsQuery, response: { 200: listResponse(Meeting) } },
  }, async (request, reply) => {
    const row = await committeeOr404(db, request.params.uuid);
    return respondList(request, reply, request.query, meetingSource(db, row.committee.id, request.query), presentMeeting, {
      filename: 'committee-meetings',
      columns: [
        { header: 'id', value: (m) => m.id }, { header: 'committee_id', value: (m) => m.committee_id }, { header: 'session', value: (m) => m.session },
        { header: 'number', value: (m) => m.number }, { header: 'date', value: (m) => m.date }, { header: 'title', value: (m) => m.title },
        { header: 'bills', value: (m) => m.bills.map((b) => b.identifier).join(' ') }, { header: 'url', value: (m) => m.url },
      ],
    });
  });
};
