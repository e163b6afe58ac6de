/**
 * People (Popolo persons): who sits where, found by name without caring about
 * accents; one person with every membership and seat term; and what they did:
 * their ballots (with attendance and dissent rates), the bills they sponsored
 * and their speeches.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import { alias } from 'drizzle-orm/pg-core';
import { type Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { anyOf, shapedQuery, shapedRows } from '../../db/prepared.js';
import { jsonArray } from '../../db/json-columns.js';
import { bills, legislativeSessions, memberships, organizations, people, voteEvents, votes, type Provenance } from '../../db/schema.js';
import { resolveJurisdiction } from '../../domain/jurisdictions.js';
import { legislatureOn } from '../../domain/legislatures.js';
import { likeContains, searchKey } from '../../domain/text.js';
import { isParty } from '../../domain/vote-analysis.js';
import { by, columnsWithout, keysetList, respondList, sortBy, wantsCsv, type CsvColumn, type Orders } from '../lists.js';
import type { ListTotals } from '../list-totals.js';
import { listResponse } from '../schemas/lists.js';
import { badParameter, notFound } from '../../errors/problem.js';
import { bilingual, isoTime, presentLegislature } from '../resources.js';
import { billCsvColumns, billSource, presentBill } from './bills.js';
import { Bill } from '../schemas/bills.js';
import { presentSpeech, speechColumns, speechFilters, speechOrdering, speechSource } from './debates.js';
import { Speech } from '../schemas/debates.js';
import { sessionOrder } from './sessions.js';
import { divisionBillFilter, partyNamer, voteUrl } from './votes.js';
import {
  OPTIONS, ORDERS, BALLOT_ORDERS, PeopleQuery, CurrentRole, LatestSeat, OrganizationRef, Person, PersonDetail, PersonParams, VotesQuery, PersonBallot, SUMMARY_METHOD, VoteSummary, PersonVotesResponse, BillsQuery, PersonSpeechesQuery,
} from '../schemas/people.js';

// ── query: people ─────────────────────────────────────────────────────────
/** What a person response shows: every column but the search key and the end of their last membership. */
const personFields = columnsWithout(people, ['searchName', 'heldUntil']);
type PersonRow = SelectResultFields<typeof personFields>;
interface Standing { party: string | null; partyFr: string | null; role: Static<typeof CurrentRole> | null; seat: Static<typeof LatestSeat> | null }

const partyOrg = alias(organizations, 'party_org');

/** The columns of the organization a membership is in, for `presentOrganization`. */
export const organizationRef = {
  id: organizations.id, name: organizations.name, nameFr: organizations.nameFr, classification: organizations.classification, jurisdictionId: organizations.jurisdictionId,
};
export function presentOrganization(o: SelectResultFields<typeof organizationRef>): Static<typeof OrganizationRef> {
  return { id: o.id, name: bilingual(o.name, o.nameFr), classification: o.classification, jurisdiction_id: o.jurisdictionId };
}
/** A membership held today: no end date, or ending today or later. */
export const isCurrent = sql`(${memberships.endDate} is null or ${memberships.endDate} >= current_date)`;
// Which current membership is "the" role: a seat first, then a legislature-wide post, then a committee.
const ROLE_RANK: Record<string, number> = { lower: 0, upper: 0, council: 0, legislature: 1, committee: 2 };
const SEATS = ['lower', 'upper', 'council', 'legislature'];

const partiesWhere = shapedQuery((db, where: SQL) => db.select({ id: organizations.id }).from(organizations).where(where));

async function partyIds(db: Db, party: string): Promise<string[]> {
  const rows = await partiesWhere(db, and(
    eq(organizations.classification, 'party'),
    or(eq(organizations.id, party), sql`lower(${organizations.name}) = lower(${party})`, sql`lower(${organizations.nameFr}) = lower(${party})`,
      sql`lower(${organizations.abbreviation}) = lower(${party})`),
  )!);
  if (rows.length === 0) throw badParameter('party', `No party organization has the id, name or abbreviation "${party}".`);
  return rows.map((r) => r.id);
}

async function peopleFilters(db: Db, q: Static<typeof PeopleQuery>): Promise<SQL[]> {
  const where: SQL[] = [];
  const current = q.current ?? true;
  const membership: SQL[] = [];
  if (q.jurisdiction) {
    const id = resolveJurisdiction(q.jurisdiction);
    if (!id) throw badParameter('jurisdiction', `Unknown jurisdiction "${q.jurisdiction}"; use an OCD jurisdiction id or a code such as "ca" or "bc".`);
    membership.push(eq(organizations.jurisdictionId, id));
  }
  if (q.org_classification) membership.push(eq(organizations.classification, q.org_classification));
  if (q.district) membership.push(sql`(${memberships.divisionId} = ${q.district} or lower(${memberships.district}) = lower(${q.district}))`);
  if (membership.length > 0) {
    // The seat asked for is the one held now: the same membership matches both.
    if (current) membership.push(isCurrent);
    where.push(sql`exists (select 1 from ${memberships} inner join ${organizations} on ${organizations.id} = ${memberships.organizationId}
      where ${memberships.personId} = ${people.id} and ${and(...membership)})`);
  } else if (current) {
    // Any membership held now, read from the person's row (kept by the memberships' triggers) instead of looking up
    // the memberships of every person the order passes over.
    where.push(sql`${people.heldUntil} >= current_date`);
  }
  if (q.party) {
    const ids = await partyIds(db, q.party);
    where.push(sql`exists (select 1 from ${memberships} where ${memberships.personId} = ${people.id}
      and (${anyOf(memberships.onBehalfOfId, ids)} or ${anyOf(memberships.organizationId, ids)})${current ? sql` and ${isCurrent}` : sql``})`);
  }
  if (q.name) {
    const key = searchKey(q.name);
    if (!key) throw badParameter('name', 'The name has no letters or digits to search for.');
    where.push(sql`${people.searchName} like ${likeContains(key)}`);
  }
  return where;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What a membership's standing shows of its organization and of the party it sat for. */
const organizationFields = { id: organizations.id, classification: organizations.classification, name: organizations.name, nameFr: organizations.nameFr, jurisdictionId: organizations.jurisdictionId };
type Organization = SelectResultFields<typeof organizationFields>;
const everyOrganization = shapedQuery((db) => db.select(organizationFields).from(organizations));

/**
 * Every organization by id. Organizations are a few hundred rows that change only by import, and every page of people
 * joined its memberships to them twice (two hashed scans on each execution): kept like the list totals, until the data
 * changes, the standings read memberships alone.
 */
function organizationNames(db: Db, totals: ListTotals): Promise<ReadonlyMap<string, Organization>> {
  return totals.remember('organizations-by-id', async () => new Map((await everyOrganization(db)).map((o) => [o.id, o])));
}

/** The order `standingsOf` reads a person's memberships in: the latest start first (an undated one last), then by id. */
const standingOrder = [desc(sql`coalesce(${memberships.startDate}, '0001-01-01')`), asc(memberships.id)];

const standingRows = shapedQuery((db, ofPeople: SQL) => db.select({
  personId: memberships.personId, role: memberships.role, label: memberships.label, district: memberships.district,
  divisionId: memberships.divisionId, startDate: memberships.startDate, endDate: memberships.endDate,
  organizationId: memberships.organizationId, onBehalfOfId: memberships.onBehalfOfId, current: sql<boolean>`${isCurrent}`,
})
  .from(memberships)
  .where(ofPeople)
  .orderBy(...standingOrder));

type MembershipRow = Awaited<ReturnType<typeof standingRows>>[number];

/** Each person's current party and role and their latest seat, from their memberships, in one query for a page of people. */
async function standings(db: Db, totals: ListTotals, ids: string[]): Promise<Map<string, Standing>> {
  if (ids.length === 0) return new Map();
  const [rows, orgs] = await Promise.all([standingRows(db, anyOf(memberships.personId, ids)), organizationNames(db, totals)]);
  return standingsOf(ids, rows, orgs);
}

/** Each person's standing from their memberships (each person's in `standingRows`' order). */
function standingsOf(ids: string[], rows: MembershipRow[], orgs: ReadonlyMap<string, Organization>): Map<string, Standing> {
  const result = new Map<string, Standing>(ids.map((id) => [id, { party: null, partyFr: null, role: null, seat: null }]));
  // The membership beside its organizations, not spread into a new row: copying drizzle's rows showed in profiles.
  interface Held { m: MembershipRow; org: Organization; party: Organization | undefined }
  const best = new Map<string, Held>();
  const latestSeat = new Map<string, Held>();
  const partyMembership = new Map<string, Organization>();
  // A seat still held, else the one that ended last (an open end sorts after every date).
  const seatOrder = ({ m }: Held) => (m.current ? '9999-12-31' : m.endDate ?? '');
  for (const row of rows) {
    const org = orgs.get(row.organizationId);
    // A membership of an organization not known (yet) is left out, as the inner join to organizations did.
    if (!org) continue;
    const held: Held = { m: row, org, party: row.onBehalfOfId === null ? undefined : orgs.get(row.onBehalfOfId) };
    if (SEATS.includes(org.classification)) {
      const seat = latestSeat.get(row.personId);
      if (!seat || seatOrder(held) > seatOrder(seat)) latestSeat.set(row.personId, held);
    }
    if (!row.current) continue;
    if (org.classification === 'party') {
      if (!partyMembership.has(row.personId)) partyMembership.set(row.personId, org);
      continue;
    }
    const rank = ROLE_RANK[org.classification] ?? 3;
    const role = best.get(row.personId);
    if (!role || rank < (ROLE_RANK[role.org.classification] ?? 3)) best.set(row.personId, held);
  }
  const roleOf = ({ m, org }: Held): Static<typeof CurrentRole> => ({
    title: m.label ?? capitalize(m.role), org_classification: org.classification, district: m.district, division_id: m.divisionId, jurisdiction_id: org.jurisdictionId,
  });
  for (const id of ids) {
    const role = best.get(id);
    const party = role?.party?.name ? role.party : partyMembership.get(id);
    const seat = latestSeat.get(id);
    result.set(id, {
      party: party?.name ?? null,
      partyFr: party?.nameFr ?? null,
      role: role ? roleOf(role) : null,
      seat: seat ? Object.assign(roleOf(seat), {
        party: seat.party?.name ? bilingual(seat.party.name, seat.party.nameFr) : null,
        start_date: seat.m.startDate,
        end_date: seat.m.endDate,
        current: Boolean(seat.m.current),
        // The Parliament it ended in (a seat openparliament dates 2004–2011 spans three), or sits in.
        legislature: presentLegislature(legislatureOn(seat.org.jurisdictionId, seat.m.endDate ?? seat.m.startDate)),
      }) : null,
    });
  }
  return result;
}

/**
 * Each row with its person's standing, added to the row the query made for this request. Not copied as `{ ...r, standing }`:
 * in Node 20's V8 a spread followed by a key the source lacks takes a slow path, microseconds an object (the standings of
 * a page of 21 people: ~100 us with `{ ...roleOf(seat), party, ... }`, ~9 us with `Object.assign`).
 */
function attachStandings<R extends PersonRow>(rows: R[], byId: Map<string, Standing>): (R & { standing: Standing })[] {
  return rows.map((r) => Object.assign(r, { standing: byId.get(r.id)! }));
}

/** People rows with their current standing attached, ready for `presentPerson`. */
export async function withStandings<R extends PersonRow>(db: Db, totals: ListTotals, rows: R[]): Promise<(R & { standing: Standing })[]> {
  return attachStandings(rows, await standings(db, totals, rows.map((r) => r.id)));
}

/** A membership as `heldColumn` sends it: `standingRows`' fields but the person's id, in this order. */
type HeldTuple = [role: string, label: string | null, district: string | null, divisionId: string | null, startDate: string | null,
  endDate: string | null, organizationId: string, onBehalfOfId: string | null, current: boolean];

/**
 * A person's memberships, as `standingRows` orders them, as a JSON column of the statement that reads the people: a
 * page of people and their standings are one statement, where the memberships as a second one cost a statement's
 * socket write and a row each to parse and map.
 */
const heldColumn = jsonArray<HeldTuple>(sql`json_build_array(${memberships.role}, ${memberships.label}, ${memberships.district}, ${memberships.divisionId},
  ${memberships.startDate}, ${memberships.endDate}, ${memberships.organizationId}, ${memberships.onBehalfOfId}, ${isCurrent})`,
sql`${memberships}`, eq(memberships.personId, people.id), sql.join(standingOrder, sql`, `));

const listedPersonFields = { ...personFields, held: heldColumn };

/** People rows read with `heldColumn`, with their current standing attached, ready for `presentPerson`. */
async function withHeldStandings<R extends PersonRow & { held: HeldTuple[] }>(db: Db, totals: ListTotals, rows: R[]): Promise<(R & { standing: Standing })[]> {
  const orgs = await organizationNames(db, totals);
  const held = rows.flatMap((p) => p.held.map(([role, label, district, divisionId, startDate, endDate, organizationId, onBehalfOfId, current]): MembershipRow => ({
    personId: p.id, role, label, district, divisionId, startDate, endDate, organizationId, onBehalfOfId, current,
  })));
  return attachStandings(rows, standingsOf(rows.map((r) => r.id), held, orgs));
}

const orders: Orders<(typeof ORDERS)[number]> = {
  name: [by(sql`lower(coalesce(${people.sortName}, ${people.name}))`, 'text'), by(people.id, 'text')],
  updated: [by(people.updatedAt, 'time'), by(people.id, 'text')],
};

async function peopleSource(db: Db, totals: ListTotals, q: Static<typeof PeopleQuery>) {
  return keysetList<typeof listedPersonFields, PersonRow & { standing: Standing }>(db, {
    from: people, fields: listedPersonFields, where: await peopleFilters(db, q), sort: sortBy(q.sort ?? 'name_asc', orders),
    changedSince: { column: people.updatedAt, since: q.updated_since }, attach: (rows) => withHeldStandings(db, totals, rows),
  });
}

/** The person of a path's uuid as `read` selects them, or a 404. */
function personBy<R>(read: (db: Db, where: SQL) => Promise<R[]>): (db: Db, uuid: string) => Promise<R> {
  return async (db, uuid) => {
    const id = `ocd-person/${uuid}`;
    const [row] = await read(db, eq(people.id, id));
    if (!row) throw notFound('person', id);
    return row;
  };
}

const findPerson = personBy(shapedQuery((db, where: SQL) => db.select(personFields).from(people).where(where).limit(1)));

/** A membership as `membershipsColumn` sends it, with its organization, the party it sat for and (a seat's) sessions, in this order. */
type MembershipTuple = [id: string, role: string, label: string | null, district: string | null, divisionId: string | null, startDate: string | null,
  endDate: string | null, sources: Provenance[], current: boolean, organizationId: string, organizationName: string, organizationNameFr: string | null,
  classification: string, jurisdictionId: string | null, partyId: string | null, partyName: string | null, partyNameFr: string | null,
  sessions: string[] | null];

const heldBound = (bound: 'min' | 'max') =>
  sql`(select ${sql.raw(bound)}(v.start_date) from vote_events v where v.session_id = ${legislativeSessions.id})`;

/**
 * For a seat (null for any other membership), the sessions of its organization's jurisdiction that overlap it, in
 * session order. Sessions are seldom published with dates, so an undated session spans the dates of the divisions held
 * in it; one with neither overlaps nothing. An open end is the far future, an unknown start the far past.
 */
const seatSessions = sql<string[] | null>`case when ${anyOf(organizations.classification, SEATS)} then ${jsonArray<string>(sql`${legislativeSessions.identifier}`,
  sql`${legislativeSessions} cross join lateral (select coalesce(${legislativeSessions.startDate}, ${heldBound('min')}) as start_date,
    coalesce(${legislativeSessions.endDate}, ${heldBound('max')}) as end_date) span`,
  sql`${legislativeSessions.jurisdictionId} = ${organizations.jurisdictionId}
    and span.start_date <= coalesce(${memberships.endDate}, 'infinity') and coalesce(span.end_date, 'infinity') >= coalesce(${memberships.startDate}, '-infinity')`,
  sql.join(sessionOrder.map((k) => k.expr), sql`, `))} end`;

/**
 * Every membership of the person, the earliest first, as a JSON column of the statement that reads the person (beside
 * `heldColumn` for their standing): a person is one statement, where their memberships, standing and seats' sessions
 * were three more.
 */
const membershipsColumn = jsonArray<MembershipTuple>(sql`json_build_array(${memberships.id}, ${memberships.role}, ${memberships.label},
  ${memberships.district}, ${memberships.divisionId}, ${memberships.startDate}, ${memberships.endDate}, ${memberships.sources}, ${isCurrent},
  ${organizations.id}, ${organizations.name}, ${organizations.nameFr}, ${organizations.classification}, ${organizations.jurisdictionId},
  ${partyOrg.id}, ${partyOrg.name}, ${partyOrg.nameFr}, ${seatSessions})`,
sql`${memberships} inner join ${organizations} on ${organizations.id} = ${memberships.organizationId}
  left join ${organizations} ${partyOrg} on ${partyOrg.id} = ${memberships.onBehalfOfId}`,
eq(memberships.personId, people.id), sql`coalesce(${memberships.startDate}, '0001-01-01'), ${memberships.id}`);

const findPersonDetail = personBy(shapedQuery((db, where: SQL) => db.select({ ...personFields, held: heldColumn, memberships: membershipsColumn })
  .from(people).where(where).limit(1)));

async function personDetail(db: Db, totals: ListTotals, uuid: string, photos: PhotoServing): Promise<Static<typeof PersonDetail>> {
  const row = await findPersonDetail(db, uuid);
  const [person] = await withHeldStandings(db, totals, [row]);
  const rows = row.memberships.map(([id, role, label, district, divisionId, startDate, endDate, sources, current,
    organizationId, name, nameFr, classification, jurisdictionId, partyId, partyName, partyNameFr, sessions]) => ({
    id, role, label, district, divisionId, startDate, endDate, sources, current, sessions,
    organization: { id: organizationId, name, nameFr, classification, jurisdictionId }, party: { id: partyId, name: partyName, nameFr: partyNameFr },
  }));
  return Object.assign(presentPerson(person!, photos), {
    memberships: rows.map((m) => ({
      id: m.id, organization: presentOrganization(m.organization), role: m.role, label: m.label, district: m.district, division_id: m.divisionId,
      party: m.party.id && m.party.name ? { id: m.party.id, name: bilingual(m.party.name, m.party.nameFr) } : null,
      start_date: m.startDate, end_date: m.endDate, current: m.current, sources: m.sources,
    })),
    // A seat's sessions are an array (`seatSessions`), so the seats are the memberships that have one.
    terms: rows.flatMap((m) => (m.sessions === null ? [] : [{
      organization: presentOrganization(m.organization), role: m.role, district: m.district, division_id: m.divisionId,
      party: m.party.name ? bilingual(m.party.name, m.party.nameFr) : null, start_date: m.startDate, end_date: m.endDate, sessions: m.sessions,
    }])),
  });
}

// ── query: a person's ballots ──────────────────────────────────────────────
function divisionFilters(q: Static<typeof VotesQuery>): SQL[] {
  const where: SQL[] = [];
  if (q.session) where.push(eq(legislativeSessions.identifier, q.session));
  if (q.since) where.push(gte(voteEvents.startDate, q.since));
  if (q.before) where.push(lt(voteEvents.startDate, q.before));
  if (q.bill) where.push(divisionBillFilter(q.bill));
  return where;
}

/** What a ballot response shows of the division it was cast in. */
const ballotFields = {
  option: votes.option, voterName: votes.voterName, party: votes.party, updatedAt: votes.updatedAt, session: legislativeSessions.identifier,
  event: {
    id: voteEvents.id, identifier: voteEvents.identifier, jurisdictionId: voteEvents.jurisdictionId, startDate: voteEvents.startDate,
    motionTextEn: voteEvents.motionTextEn, motionTextFr: voteEvents.motionTextFr, result: voteEvents.result,
    billId: voteEvents.billId, billIdentifier: voteEvents.billIdentifier,
  },
};
type BallotRow = Omit<SelectResultFields<typeof ballotFields>, 'party'> & { party: Static<typeof PersonBallot>['party'] };

// The voter name settles the (malformed) case of two ballots by one person in a division.
const ballotOrders: Orders<(typeof BALLOT_ORDERS)[number]> = {
  date: [by(voteEvents.startDate, 'date'), by(sql`coalesce(${voteEvents.number}, 0)`, 'int'), by(voteEvents.id, 'text'), by(votes.voterName, 'text')],
};

const ballotJoins = [
  { table: voteEvents, on: eq(voteEvents.id, votes.voteEventId), exactlyOne: true },
  { table: legislativeSessions, on: eq(legislativeSessions.id, voteEvents.sessionId), exactlyOne: true },
];

function ballotSource(db: Db, totals: ListTotals, personId: string, q: Static<typeof VotesQuery>) {
  return keysetList<typeof ballotFields, BallotRow>(db, {
    from: votes,
    joins: ballotJoins,
    fields: ballotFields,
    where: [eq(votes.voterId, personId), ...divisionFilters(q), ...(q.option ? [eq(votes.option, q.option)] : [])],
    sort: sortBy(q.sort ?? 'date_desc', ballotOrders),
    changedSince: { column: votes.updatedAt, since: q.updated_since },
    // The page's parties in both languages, named as a division's ballots are.
    attach: async (rows) => {
      const name = await partyNamer(db, totals);
      return rows.map((r) => ({ ...r, party: name({ jurisdictionId: r.event.jurisdictionId, party: r.party }) }));
    },
  });
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}

/** Attendance and dissent over the matching divisions, computed as SUMMARY_METHOD states. */
async function voteSummary(db: Db, personId: string, q: Static<typeof VotesQuery>): Promise<Static<typeof VoteSummary>> {
  const where = divisionFilters(q);
  const filtered = where.length > 0 ? sql` and ${and(...where)}` : sql``;
  const [sat, ballots] = await Promise.all([
    shapedRows<{ n: number; held: number }>(db, sql`
      select count(*) filter (where exists (select 1 from votes b where b.vote_event_id = ${voteEvents.id}))::int as n, count(*)::int as held
      from ${voteEvents}
      inner join ${legislativeSessions} on ${legislativeSessions.id} = ${voteEvents.sessionId}
      where (exists (select 1 from votes b where b.vote_event_id = ${voteEvents.id} and b.voter_id = ${personId})
          or exists (select 1 from memberships m where m.person_id = ${personId} and m.organization_id = ${voteEvents.organizationId}
            and (m.start_date is null or m.start_date <= ${voteEvents.startDate})
            and (m.end_date is null or m.end_date >= ${voteEvents.startDate})))${filtered}`),
    shapedRows<{ option: string; party: string | null; party_yes: number; party_no: number }>(db, sql`
      select ${votes.option} as option, ${votes.party} as party,
        (select count(*)::int from votes b where b.vote_event_id = ${votes.voteEventId} and b.party = ${votes.party} and b.option = 'yes') as party_yes,
        (select count(*)::int from votes b where b.vote_event_id = ${votes.voteEventId} and b.party = ${votes.party} and b.option = 'no') as party_no
      from ${votes}
      inner join ${voteEvents} on ${voteEvents.id} = ${votes.voteEventId}
      inner join ${legislativeSessions} on ${legislativeSessions.id} = ${voteEvents.sessionId}
      where ${votes.voterId} = ${personId}${filtered}`),
  ]);
  const divisions = sat[0]?.n ?? 0;
  const held = sat[0]?.held ?? 0;
  const tally = new Map<string, number>();
  let attended = 0;
  let partyLine = 0;
  let dissents = 0;
  for (const b of ballots) {
    tally.set(b.option, (tally.get(b.option) ?? 0) + 1);
    if (b.option !== 'absent') attended++;
    if ((b.option === 'yes' || b.option === 'no') && isParty(b.party) && b.party_yes !== b.party_no) {
      partyLine++;
      if (b.option !== (b.party_yes > b.party_no ? 'yes' : 'no')) dissents++;
    }
  }
  return {
    divisions,
    divisions_held: held,
    attended,
    absent: divisions - attended,
    attendance_rate: rate(attended, divisions),
    counts: OPTIONS.filter((o) => tally.has(o)).map((option) => ({ option, value: tally.get(option)! })),
    party_line_ballots: partyLine,
    dissents,
    dissent_rate: rate(dissents, partyLine),
  };
}

/** What a summary depends on: the person and the division filters (`option` narrows the ballots listed, not the summary). */
function voteSummaryKey(personId: string, q: Static<typeof VotesQuery>): string {
  return `vote-summary ${JSON.stringify([personId, q.session ?? null, q.since ?? null, q.before ?? null, q.bill ?? null])}`;
}

function presentBallot(b: BallotRow): Static<typeof PersonBallot> {
  const e = b.event;
  return {
    vote_event: {
      id: e.id, identifier: e.identifier, session: b.session, start_date: e.startDate, motion_text: bilingual(e.motionTextEn, e.motionTextFr),
      result: e.result, bill: e.billId || e.billIdentifier ? { id: e.billId, identifier: e.billIdentifier } : null,
      url: voteUrl(e.jurisdictionId, b.session, e.identifier),
    },
    option: b.option,
    voter_name: b.voterName,
    party: b.party,
    updated_at: isoTime(b.updatedAt)!,
  };
}

// ── response ──────────────────────────────────────────────────────────────
/** Whether the platform serves people's photos (PHOTOS=on): the people routes say so in each person's `photo`. */
export interface PhotoServing {
  servesPhotos: boolean;
}

export function presentPerson(p: PersonRow & { standing: Standing }, { servesPhotos }: PhotoServing): Static<typeof Person> {
  return {
    id: p.id,
    name: p.name,
    given_name: p.givenName,
    family_name: p.familyName,
    image: p.image,
    photo: servesPhotos && p.image ? `/api/v1/people/${p.id}/photo` : null,
    email: p.email,
    gender: p.gender,
    party: p.standing.party ? bilingual(p.standing.party, p.standing.partyFr) : null,
    current_role: p.standing.role,
    latest_seat: p.standing.seat,
    other_names: p.otherNames,
    contact_details: p.contactDetails,
    links: p.links,
    other_identifiers: p.otherIdentifiers,
    sources: p.sources,
    url: `/api/v1/people/${p.id}`,
    updated_at: isoTime(p.updatedAt)!,
  };
}

export const personCsvColumns: CsvColumn<Static<typeof Person>>[] = [
  { header: 'id', value: (p) => p.id }, { header: 'name', value: (p) => p.name }, { header: 'given_name', value: (p) => p.given_name },
  { header: 'family_name', value: (p) => p.family_name }, { header: 'party', value: (p) => p.party?.en },
  { header: 'party_fr', value: (p) => p.party?.fr },
  { header: 'role', value: (p) => p.current_role?.title }, { header: 'org_classification', value: (p) => p.current_role?.org_classification },
  { header: 'district', value: (p) => p.current_role?.district }, { header: 'division_id', value: (p) => p.current_role?.division_id },
  { header: 'jurisdiction_id', value: (p) => p.current_role?.jurisdiction_id },
  // A member of an ended Parliament has no role: their last seat and when it ended.
  { header: 'latest_seat', value: (p) => p.latest_seat?.title }, { header: 'latest_seat_end_date', value: (p) => p.latest_seat?.end_date },
  { header: 'email', value: (p) => p.email },
  { header: 'image', value: (p) => p.image }, { header: 'updated_at', value: (p) => p.updated_at },
];

const ballotCsvColumns: CsvColumn<Static<typeof PersonBallot>>[] = [
  { header: 'vote_event_id', value: (b) => b.vote_event.id }, { header: 'session', value: (b) => b.vote_event.session },
  { header: 'identifier', value: (b) => b.vote_event.identifier }, { header: 'start_date', value: (b) => b.vote_event.start_date },
  { header: 'bill_identifier', value: (b) => b.vote_event.bill?.identifier }, { header: 'motion_text_en', value: (b) => b.vote_event.motion_text.en },
  { header: 'result', value: (b) => b.vote_event.result }, { header: 'option', value: (b) => b.option }, { header: 'party', value: (b) => b.party?.en },
  { header: 'party_fr', value: (b) => b.party?.fr },
];

export const peopleRoutes: FastifyPluginAsyncTypebox<PhotoServing> = async (app, photos) => {
  const db = app.database.db;

  app.get('/people', { schema: { tags: ['people'], summary: 'List and search people', querystring: PeopleQuery, response: { 200: listResponse(Person) } } },
    async (request, reply) => respondList(request, reply, request.query, await peopleSource(db, app.listTotals, request.query), (p) => presentPerson(p, photos), {
      filename: 'people', columns: personCsvColumns,
    }));

  app.get('/people/ocd-person/:uuid', {
    schema: { tags: ['people'], summary: 'One person with memberships and seat terms', params: PersonParams, response: { 200: PersonDetail } },
  }, async (request) => personDetail(db, app.listTotals, request.params.uuid, photos));

  app.get('/people/ocd-person/:uuid/votes', {
    schema: {
      tags: ['people'], summary: "A person's ballots, with attendance and dissent rates", description: SUMMARY_METHOD,
      params: PersonParams, querystring: VotesQuery, response: { 200: PersonVotesResponse },
    },
  }, async (request, reply) => {
    const person = await findPerson(db, request.params.uuid);
    const source = ballotSource(db, app.listTotals, person.id, request.query);
    const csv = { filename: 'votes', columns: ballotCsvColumns };
    if (wantsCsv(request, request.query.format)) {
      await respondList(request, reply, request.query, source, presentBallot, csv);
      return reply;
    }
    const [page, summary] = await Promise.all([
      respondList(request, reply, request.query, source, presentBallot, csv),
      // Public figures over every matching division: counted once per filter until the data changes, as list totals are.
      app.listTotals.remember(voteSummaryKey(person.id, request.query), () => voteSummary(db, person.id, request.query)),
    ]);
    return { ...(page as Omit<Static<typeof PersonVotesResponse>, 'summary'>), summary };
  });

  app.get('/people/ocd-person/:uuid/bills', {
    schema: { tags: ['people'], summary: 'Bills the person sponsored', params: PersonParams, querystring: BillsQuery, response: { 200: listResponse(Bill) } },
  }, async (request, reply) => {
    const person = await findPerson(db, request.params.uuid);
    return respondList(request, reply, request.query, billSource(db, { ...request.query, sponsor: person.id }), presentBill, {
      filename: 'bills', columns: billCsvColumns,
    });
  });

  app.get('/people/ocd-person/:uuid/speeches', {
    schema: { tags: ['people'], summary: "A person's speeches", params: PersonParams, querystring: PersonSpeechesQuery, response: { 200: listResponse(Speech) } },
  }, async (request, reply) => {
    const person = await findPerson(db, request.params.uuid);
    const q = { ...request.query, person: person.id };
    const source = speechSource(db, speechFilters(q), speechOrdering(q.sort ?? (q.q ? 'relevance' : 'date_desc'), q.q), q.updated_since);
    return respondList(request, reply, q, source, presentSpeech, { filename: 'speeches', columns: speechColumns });
  });
};
