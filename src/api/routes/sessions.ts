/** Legislative sessions (e.g. 45-1 of Parliament), by jurisdiction. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { type Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { legislativeSessions } from '../../db/schema.js';
import { resolveJurisdiction } from '../../domain/jurisdictions.js';
import { by, keysetList, respondList, sortBy, type Orders, type SortKey } from '../lists.js';
import { listResponse } from '../schemas/lists.js';
import { badParameter } from '../../errors/problem.js';
import { isoTime } from '../resources.js';
import { SessionsQuery, Session } from '../schemas/sessions.js';

// ── query ─────────────────────────────────────────────────────────────────
type SessionRow = typeof legislativeSessions.$inferSelect;

/** Parliament then session number as numbers would sort ("9-1" before "45-1"), ending with the id. */
export const sessionOrder: SortKey[] = [
  by(legislativeSessions.jurisdictionId, 'text'),
  by(sql`lpad(split_part(${legislativeSessions.identifier}, '-', 1), 6, '0')`, 'text'),
  by(sql`lpad(split_part(${legislativeSessions.identifier}, '-', 2), 6, '0')`, 'text'),
  by(legislativeSessions.id, 'text'),
];

const sessionOrders: Orders<'number' | 'updated'> = { number: sessionOrder, updated: [by(legislativeSessions.updatedAt, 'time'), by(legislativeSessions.id, 'text')] };

function sessionSource(db: Db, q: Static<typeof SessionsQuery>) {
  const where: SQL[] = [];
  if (q.jurisdiction) {
    const id = resolveJurisdiction(q.jurisdiction);
    if (!id) throw badParameter('jurisdiction', `Unknown jurisdiction "${q.jurisdiction}"; use an OCD jurisdiction id or a code such as "ca" or "bc".`);
    where.push(eq(legislativeSessions.jurisdictionId, id));
  }
  return keysetList(db, {
    from: legislativeSessions, fields: getTableColumns(legislativeSessions), where, sort: sortBy(q.sort ?? 'number_asc', sessionOrders),
    changedSince: { column: legislativeSessions.updatedAt, since: q.updated_since },
  });
}

// ── response ──────────────────────────────────────────────────────────────
export function presentSession(s: SessionRow): Static<typeof Session> {
  return {
    id: s.id,
    jurisdiction_id: s.jurisdictionId,
    identifier: s.identifier,
    name: s.name,
    classification: s.classification,
    start_date: s.startDate,
    end_date: s.endDate,
    sources: s.sources,
    updated_at: isoTime(s.updatedAt)!,
  };
}

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/sessions', { schema: { tags: ['sessions'], summary: 'List legislative sessions', querystring: SessionsQuery, response: { 200: listResponse(Session) } } },
    async (request, reply) => respondList(request, reply, request.query, sessionSource(db, request.query), presentSession, {
      filename: 'sessions',
      columns: [
        { header: 'id', value: (s) => s.id }, { header: 'jurisdiction_id', value: (s) => s.jurisdiction_id }, { header: 'identifier', value: (s) => s.identifier },
        { header: 'name', value: (s) => s.name }, { header: 'start_date', value: (s) => s.start_date }, { header: 'end_date', value: (s) => s.end_date },
      ],
    }));
};
