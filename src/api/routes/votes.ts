/** Recorded votes (divisions): list with filters; one vote event with every ballot and how each party voted. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import { Type, type Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { bills, legislativeSessions, memberships, organizations, voteEvents, votes } from '../../db/schema.js';
import { sameNumber } from '../../db/full-text.js';
import { shapedQuery } from '../../db/prepared.js';
import { jsonArray } from '../../db/json-columns.js';
import { FEDERAL_JURISDICTION, sessionId } from '../../domain/ids.js';
import { federalPartyId } from '../../domain/parties.js';
import { jurisdictionCode, resolveJurisdiction } from '../../domain/jurisdictions.js';
import { analyseBallots } from '../../domain/vote-analysis.js';
import { by, columnsWithout, keysetList, respondList, sortBy, wantsCsv, type CsvColumn, type Orders } from '../lists.js';
import { listResponse } from '../schemas/lists.js';
import type { ListTotals } from '../list-totals.js';
import { toCsvLine } from '../csv.js';
import { badParameter, notFound } from '../../errors/problem.js';
import { bilingual, isoTime, listScope } from '../resources.js';
import { RESULTS, VotesQuery, VoteEvent, BallotSchema, VoteEventDetail } from '../schemas/votes.js';
import { Count } from '../schemas/shared.js';

// ── query ─────────────────────────────────────────────────────────────────
/** What a vote response shows: the event without its search vectors, its session and chamber. */
const voteFields = {
  event: columnsWithout(voteEvents, ['searchEn', 'searchFr']),
  session: legislativeSessions.identifier,
  organization: { id: organizations.id, name: organizations.name, nameFr: organizations.nameFr, classification: organizations.classification },
};
const voteJoins = [
  { table: legislativeSessions, on: eq(legislativeSessions.id, voteEvents.sessionId), exactlyOne: true },
  { table: organizations, on: eq(organizations.id, voteEvents.organizationId), left: true },
];
// The chamber is left-joined: absent for a division whose organization is unknown.
type VoteRow = Omit<SelectResultFields<typeof voteFields>, 'organization'> & { organization: SelectResultFields<typeof voteFields>['organization'] | null };
type VoteEventRow = VoteRow['event'];

/**
 * `C-21` matches the division's own bill number or a bill with that number it links to, typed with
 * any hyphen (Hansard prints "C‑21" with U+2011); a bill's id matches that bill.
 */
export function divisionBillFilter(bill: string): SQL {
  if (bill.startsWith('ocd-bill/')) return eq(voteEvents.billId, bill);
  return or(
    sameNumber(voteEvents.billIdentifier, bill),
    inArray(voteEvents.billId, sql`(select ${bills.id} from ${bills} where ${sameNumber(bills.identifier, bill)})`),
  )!;
}

function filters(q: Static<typeof VotesQuery>): SQL[] {
  const where: SQL[] = [];
  const scope = listScope(q, voteEvents);
  if (scope) where.push(scope);
  if (q.bill) where.push(divisionBillFilter(q.bill));
  if (q.date) where.push(eq(voteEvents.startDate, q.date));
  if (q.since) where.push(gte(voteEvents.startDate, q.since));
  if (q.before) where.push(lt(voteEvents.startDate, q.before));
  if (q.result) where.push(eq(voteEvents.result, q.result));
  return where;
}

const voteOrders: Orders<'date' | 'updated'> = {
  // Divisions are numbered within a session; the id settles the rare same-day, same-number pair across jurisdictions.
  date: [by(voteEvents.startDate, 'date'), by(sql`coalesce(${voteEvents.number}, 0)`, 'int'), by(voteEvents.id, 'text')],
  updated: [by(voteEvents.updatedAt, 'time'), by(voteEvents.id, 'text')],
};

function voteSource(db: Db, q: Static<typeof VotesQuery>) {
  return keysetList<typeof voteFields, VoteRow>(db, {
    from: voteEvents, joins: voteJoins, fields: voteFields, where: filters(q), sort: sortBy(q.sort ?? 'date_desc', voteOrders),
    changedSince: { column: voteEvents.updatedAt, since: q.updated_since },
  });
}

/** A ballot as the division's detail reads it: the printed party, named in both languages by `partyNamer`. */
type BallotRow = Omit<Static<typeof BallotSchema>, 'party'> & { party: string | null };
/** A ballot as PostgreSQL sends it: its fields in this order. */
type BallotTuple = [option: string, voterName: string, voterId: string | null, party: string | null, district: string | null];

/**
 * The seat each member held in the division's chamber on its day: the chamber's memberships on that day, the
 * latest-started per person, read once and hash-joined to the ballots (67 buffers for division 332), where a lookup
 * per ballot read three buffers each (1,017). A division of no known chamber (organization null) matches no seat, as
 * `= null` is never true.
 */
const seatThatDay = sql`(select distinct on (${memberships.personId}) ${memberships.personId} as person_id, ${memberships.district} as district
  from ${memberships} where ${memberships.organizationId} = ${voteEvents.organizationId}
  and (${memberships.startDate} is null or ${memberships.startDate} <= ${voteEvents.startDate})
  and (${memberships.endDate} is null or ${memberships.endDate} >= ${voteEvents.startDate})
  order by ${memberships.personId}, ${memberships.startDate} desc nulls last) seat`;

/**
 * A division with its ballots as a column of its own statement: one statement and one JSON value, where the ballots
 * as a second statement of ~340 rows cost postgres.js and drizzle a row each to parse and map. Each ballot is an
 * array, not an object: `json_build_object` cost the backend 1,219 µs per division 332 where arrays cost 953 (and
 * the rows 613), and the client parses the shorter text faster (554 µs against 704).
 */
const divisionWhere = shapedQuery((db, where: SQL) => db.select({
  ...voteFields,
  ballots: jsonArray<BallotTuple>(sql`json_build_array(${votes.option}, ${votes.voterName}, ${votes.voterId}, ${votes.party}, seat.district)`,
    sql`${votes} left join ${seatThatDay} on seat.person_id = ${votes.voterId}`, eq(votes.voteEventId, voteEvents.id), sql`${votes.voterName}`),
}).from(voteEvents)
  .innerJoin(legislativeSessions, voteJoins[0]!.on)
  .leftJoin(organizations, voteJoins[1]!.on)
  .where(where).limit(1));

type DivisionRow = VoteRow & { ballots: BallotTuple[] };

async function findDivision(db: Db, where: SQL): Promise<DivisionRow | undefined> {
  const [row] = await divisionWhere(db, where);
  return row as DivisionRow | undefined;
}

/** The division `number` (as numbered or as published) of a session: the natural key the API and the site share. */
export function naturalVoteKey(jurisdictionId: string, session: string, number: string): SQL {
  const inSession = eq(voteEvents.sessionId, sessionId(jurisdictionId, session));
  const numbered = /^\d{1,9}$/.test(number) ? or(eq(voteEvents.number, Number(number)), eq(voteEvents.identifier, number)) : eq(voteEvents.identifier, number);
  return and(inSession, numbered)!;
}

// ── response ──────────────────────────────────────────────────────────────
export function voteUrl(jurisdictionId: string, session: string, identifier: string): string {
  return `/api/v1/votes/${jurisdictionCode(jurisdictionId)}/${session}/${identifier}`;
}

export function voteCounts(v: Pick<VoteEventRow, 'yesCount' | 'noCount' | 'pairedCount' | 'absentCount'>): Static<typeof Count>[] {
  const counts = [{ option: 'yes', value: v.yesCount }, { option: 'no', value: v.noCount }, { option: 'paired', value: v.pairedCount }];
  if (v.absentCount !== null) counts.push({ option: 'absent', value: v.absentCount });
  return counts;
}

function presentVote({ event: v, session, organization }: VoteRow): Static<typeof VoteEvent> {
  const counts = voteCounts(v);
  return {
    id: v.id,
    identifier: v.identifier,
    jurisdiction_id: v.jurisdictionId,
    session,
    start_date: v.startDate,
    motion_text: bilingual(v.motionTextEn, v.motionTextFr),
    result: v.result as (typeof RESULTS)[number],
    organization: organization && { id: organization.id, name: bilingual(organization.name, organization.nameFr), classification: organization.classification },
    bill: v.billId || v.billIdentifier ? { id: v.billId, identifier: v.billIdentifier } : null,
    counts,
    ballot_coverage: { recorded: v.ballotCount > 0, ballots: v.ballotCount, division_total: counts.reduce((sum, c) => sum + c.value, 0) },
    sources: v.sources,
    url: voteUrl(v.jurisdictionId, session, v.identifier),
    updated_at: isoTime(v.updatedAt)!,
  };
}

const federalParties = shapedQuery((db, ofFederalParties: SQL) => db.select({ id: organizations.id, nameFr: organizations.nameFr }).from(organizations).where(ofFederalParties));

/** Where a ballot was cast and the party name its division record printed. */
interface PrintedParty { jurisdictionId: string; party: string | null }

/**
 * The federal parties' French names by the name a division record printed. Working out a printed name's party
 * (`federalPartyId`: a normalised alias lookup and a SHA-1) is done once per distinct printed name, not once per
 * ballot: a division is ~340 ballots printing half a dozen names.
 */
class FederalFrenchNames {
  private readonly byPrinted = new Map<string, string | null>();
  constructor(private readonly byId: ReadonlyMap<string, string | null>) {}

  of(printed: string): string | null {
    let fr = this.byPrinted.get(printed);
    if (fr === undefined) this.byPrinted.set(printed, (fr = this.byId.get(federalPartyId(printed)) ?? null));
    return fr;
  }
}

/**
 * Names ballots' parties in both languages: the printed name, and the French name of the party's organization record
 * (federal parties only, as their records are keyed by name). The federal parties' French names are a handful of rows
 * every division and every page of a person's ballots reads: kept like the list totals, until the data changes.
 */
export async function partyNamer(db: Db, totals: ListTotals): Promise<(ballot: PrintedParty) => { en: string | null; fr: string | null } | null> {
  const french = await totals.remember('federal-party-names-fr', async () => new FederalFrenchNames(new Map(
    (await federalParties(db, and(eq(organizations.jurisdictionId, FEDERAL_JURISDICTION), eq(organizations.classification, 'party'))!)).map((r) => [r.id, r.nameFr]),
  )));
  return ({ jurisdictionId, party }) => (party === null ? null : bilingual(party, jurisdictionId === FEDERAL_JURISDICTION ? french.of(party) : null));
}

/** A division's query: JSON (the event with its ballots), or its ballots alone as CSV. */
const VoteDetailQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: '`csv`: the division\'s ballots, one line per member (also `Accept: text/csv`).' })),
}, { additionalProperties: false });

const ballotColumns: CsvColumn<Static<typeof BallotSchema>>[] = [
  { header: 'voter_name', value: (b) => b.voter_name }, { header: 'voter_id', value: (b) => b.voter_id },
  { header: 'district', value: (b) => b.district }, { header: 'party', value: (b) => b.party?.en },
  { header: 'party_fr', value: (b) => b.party?.fr }, { header: 'option', value: (b) => b.option },
];

/** The division's answer: JSON, or its ballots as a CSV file named after it (e.g. votes-ca-44-1-332.csv). */
async function respondVote(db: Db, totals: ListTotals, request: FastifyRequest, format: Static<typeof VoteDetailQuery>['format'], reply: FastifyReply, row: DivisionRow) {
  const detail = await voteDetail(db, totals, row);
  if (!wantsCsv(request, format)) return detail;
  const name = `votes-${jurisdictionCode(row.event.jurisdictionId)}-${row.session}-${row.event.identifier}`.replace(/[^A-Za-z0-9-]/g, '_');
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`)
    .send([ballotColumns.map((c) => c.header), ...detail.votes.map((b) => ballotColumns.map((c) => c.value(b)))].map(toCsvLine).join(''));
}

async function voteDetail(db: Db, totals: ListTotals, row: DivisionRow): Promise<Static<typeof VoteEventDetail>> {
  const ballots = row.ballots.map(([option, voter_name, voter_id, party, district]): BallotRow => ({ option, voter_name, voter_id, party, district }));
  const { parties, dissenters } = analyseBallots(ballots);
  const name = await partyNamer(db, totals);
  const named = <T extends { party: string | null }>(x: T) => ({ ...x, party: name({ jurisdictionId: row.event.jurisdictionId, party: x.party }) });
  return { ...presentVote(row), votes: ballots.map(named), parties: parties.map(named), dissenters: dissenters.map(named) };
}

export const voteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/votes', { schema: { tags: ['votes'], summary: 'List recorded votes (divisions)', querystring: VotesQuery, response: { 200: listResponse(VoteEvent) } } },
    async (request, reply) => respondList(request, reply, request.query, voteSource(db, request.query), presentVote, {
      filename: 'votes',
      columns: [
        { header: 'id', value: (v) => v.id }, { header: 'session', value: (v) => v.session }, { header: 'identifier', value: (v) => v.identifier },
        { header: 'start_date', value: (v) => v.start_date }, { header: 'result', value: (v) => v.result },
        { header: 'yes', value: (v) => v.counts.find((c) => c.option === 'yes')?.value },
        { header: 'no', value: (v) => v.counts.find((c) => c.option === 'no')?.value },
        { header: 'paired', value: (v) => v.counts.find((c) => c.option === 'paired')?.value },
        { header: 'ballots_recorded', value: (v) => v.ballot_coverage.ballots },
        { header: 'bill_id', value: (v) => v.bill?.id }, { header: 'bill_identifier', value: (v) => v.bill?.identifier },
        { header: 'motion_text_en', value: (v) => v.motion_text.en }, { header: 'motion_text_fr', value: (v) => v.motion_text.fr },
        { header: 'updated_at', value: (v) => v.updated_at },
      ],
    }));

  app.get('/votes/ocd-vote/:uuid', {
    schema: {
      tags: ['votes'], summary: 'One vote event by OCD id, with every ballot and the party breakdown',
      params: Type.Object({ uuid: Type.String() }), querystring: VoteDetailQuery, response: { 200: VoteEventDetail },
    },
  }, async (request, reply) => {
    const id = `ocd-vote/${request.params.uuid}`;
    const row = await findDivision(db, eq(voteEvents.id, id));
    if (!row) throw notFound('vote', id);
    return respondVote(db, app.listTotals, request, request.query.format, reply, row);
  });

  app.get('/votes/:jurisdiction/:session/:number', {
    schema: {
      tags: ['votes'], summary: 'One vote event by natural key, e.g. /votes/ca/44-1/332',
      params: Type.Object({ jurisdiction: Type.String(), session: Type.String(), number: Type.String() }), querystring: VoteDetailQuery, response: { 200: VoteEventDetail },
    },
  }, async (request, reply) => {
    const { jurisdiction, session, number } = request.params;
    const jurisdictionId = resolveJurisdiction(jurisdiction);
    if (!jurisdictionId) throw badParameter('jurisdiction', `Unknown jurisdiction "${jurisdiction}".`);
    const row = await findDivision(db, naturalVoteKey(jurisdictionId, session, number));
    if (!row) throw notFound('vote', `${jurisdiction}/${session}/${number}`);
    return respondVote(db, app.listTotals, request, request.query.format, reply, row);
  });
};
