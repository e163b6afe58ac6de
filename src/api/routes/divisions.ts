/**
 * Divisions (Open Civic Data political geography): the registry with filters,
 * and one division by its OCD id with the people who currently represent it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { shapedQuery } from '../../db/prepared.js';
import { divisions, memberships, organizations, people } from '../../db/schema.js';
import { by, keysetList, respondList, sortBy, type Orders } from '../lists.js';
import { listResponse } from '../schemas/lists.js';
import { notFound } from '../../errors/problem.js';
import { bilingual, isoTime } from '../resources.js';
import { likeContains } from '../../domain/text.js';
import { isCurrent, organizationRef, presentOrganization, presentPerson, withStandings, type PhotoServing } from './people.js';
import type { ListTotals } from '../list-totals.js';
import { DivisionsQuery, Division, Representative, DivisionDetail } from '../schemas/divisions.js';

// ── query ─────────────────────────────────────────────────────────────────
type DivisionRow = typeof divisions.$inferSelect;

const divisionOrders: Orders<'id' | 'updated'> = { id: [by(divisions.id, 'text')], updated: [by(divisions.updatedAt, 'time'), by(divisions.id, 'text')] };

function divisionSource(db: Db, q: Static<typeof DivisionsQuery>) {
  const where: SQL[] = [];
  if (q.parent) where.push(eq(divisions.parentId, q.parent));
  if (q.classification) where.push(eq(divisions.classification, q.classification));
  if (q.name) {
    const pattern = likeContains(q.name.toLowerCase());
    where.push(sql`(lower(${divisions.name}) like ${pattern} or lower(${divisions.nameFr}) like ${pattern})`);
  }
  return keysetList(db, {
    from: divisions, fields: getTableColumns(divisions), where, sort: sortBy(q.sort ?? 'id_asc', divisionOrders), changedSince: { column: divisions.updatedAt, since: q.updated_since },
  });
}

const membershipsHeld = shapedQuery((db, where: SQL) => db.select({
  person: people,
  organization: organizationRef,
  role: memberships.role, label: memberships.label, start_date: memberships.startDate, end_date: memberships.endDate,
})
  .from(memberships)
  .innerJoin(people, eq(people.id, memberships.personId))
  .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
  .where(where)
  .orderBy(asc(organizations.classification), asc(organizations.name), asc(sql`lower(coalesce(${people.sortName}, ${people.name}))`), asc(people.id)));

/** Everyone with a membership that `where` and `held` select (by default, held today), each with those memberships; seats before other posts. */
export async function representatives(db: Db, totals: ListTotals, where: SQL, photos: PhotoServing, held: SQL = isCurrent): Promise<Static<typeof Representative>[]> {
  const rows = await membershipsHeld(db, and(where, held)!);
  const byPerson = new Map<string, { person: typeof people.$inferSelect; memberships: Static<typeof Representative>['memberships'] }>();
  for (const { person, organization, ...membership } of rows) {
    const entry = byPerson.get(person.id) ?? { person, memberships: [] };
    entry.memberships.push({ organization: presentOrganization(organization), ...membership });
    byPerson.set(person.id, entry);
  }
  const entries = [...byPerson.values()];
  const presented = await withStandings(db, totals, entries.map((e) => e.person));
  // Onto the person just presented: a copy as `{ ...person, memberships }` takes V8's slow path (~2.4 us a person).
  return presented.map((p, i) => Object.assign(presentPerson(p, photos), { memberships: entries[i]!.memberships }));
}

const lastSeatEnd = shapedQuery((db, where: SQL) => db.select({ end: sql<string | null>`max(${memberships.endDate})::text` })
  .from(memberships)
  .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
  .where(where));

/**
 * Who holds the seats `where` selects: those holding one today (`current`); when
 * nobody does — the data holds no member of the legislature sitting now — the
 * last holders, whose seats ended on the latest date any of them did.
 */
export async function seatHolders(db: Db, totals: ListTotals, where: SQL, photos: PhotoServing): Promise<{ current: boolean; representatives: Static<typeof Representative>[] }> {
  const current = await representatives(db, totals, where, photos);
  if (current.length > 0) return { current: true, representatives: current };
  const [last] = await lastSeatEnd(db, where);
  if (!last?.end) return { current: true, representatives: [] };
  return { current: false, representatives: await representatives(db, totals, where, photos, eq(memberships.endDate, last.end)) };
}

// ── response ──────────────────────────────────────────────────────────────
function presentDivision(d: DivisionRow): Static<typeof Division> {
  return {
    id: d.id,
    name: bilingual(d.name, d.nameFr),
    classification: d.classification,
    parent_id: d.parentId,
    sgc: d.sgc,
    valid_from: d.validFrom,
    valid_through: d.validThrough,
    sources: d.sources,
    url: `/api/v1/divisions/${d.id}`,
    updated_at: isoTime(d.updatedAt)!,
  };
}

const divisionWhere = shapedQuery((db, where: SQL) => db.select().from(divisions).where(where).limit(1));

export const divisionRoutes: FastifyPluginAsyncTypebox<PhotoServing> = async (app, photos) => {
  const db = app.database.db;

  app.get('/divisions', { schema: { tags: ['divisions'], summary: 'List divisions', querystring: DivisionsQuery, response: { 200: listResponse(Division) } } },
    async (request, reply) => respondList(request, reply, request.query, divisionSource(db, request.query), presentDivision, {
      filename: 'divisions',
      columns: [
        { header: 'id', value: (d) => d.id }, { header: 'name_en', value: (d) => d.name.en }, { header: 'name_fr', value: (d) => d.name.fr },
        { header: 'classification', value: (d) => d.classification }, { header: 'parent_id', value: (d) => d.parent_id }, { header: 'sgc', value: (d) => d.sgc },
        { header: 'valid_from', value: (d) => d.valid_from }, { header: 'valid_through', value: (d) => d.valid_through },
      ],
    }));

  // OCD division ids hold slashes and colons, so the whole rest of the path is the id.
  app.get('/divisions/*', {
    schema: {
      tags: ['divisions'], summary: 'One division by OCD id, e.g. /divisions/ocd-division/country:ca/csd:3520005, with its current representatives (else its last ones)',
      params: Type.Object({ '*': Type.String({ description: 'The OCD division id as it is, slashes and colons included.' }) }), response: { 200: DivisionDetail },
    },
  }, async (request) => {
    const id = request.params['*'];
    const [division] = await divisionWhere(db, eq(divisions.id, id));
    if (!division) throw notFound('division', id);
    const { current, representatives: held } = await seatHolders(db, app.listTotals, eq(memberships.divisionId, id), photos);
    return { ...presentDivision(division), representatives: held, representatives_current: current };
  });
};
