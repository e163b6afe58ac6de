/** Jurisdictions (legislatures and councils): the list, and one by OCD id or short code with its organizations and sessions. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { asc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { shapedQuery } from '../../db/prepared.js';
import { jurisdictions, legislativeSessions, organizations } from '../../db/schema.js';
import { jurisdictionCode, resolveJurisdiction } from '../../domain/jurisdictions.js';
import { by, includes, keysetList, respondList, sortBy, type Orders } from '../lists.js';
import { listResponse } from '../schemas/lists.js';
import { notFound } from '../../errors/problem.js';
import { bilingual, isoTime } from '../resources.js';
import { presentSession, sessionOrder } from './sessions.js';
import { INCLUDES, JurisdictionsQuery, Jurisdiction, JurisdictionDetail, DetailQuery } from '../schemas/jurisdictions.js';

// ── query ─────────────────────────────────────────────────────────────────
type JurisdictionRow = typeof jurisdictions.$inferSelect;

const jurisdictionOrders: Orders<'id' | 'updated'> = {
  id: [by(jurisdictions.id, 'text')], updated: [by(jurisdictions.updatedAt, 'time'), by(jurisdictions.id, 'text')],
};

function jurisdictionSource(db: Db, q: Static<typeof JurisdictionsQuery>) {
  const where: SQL[] = [];
  if (q.level) where.push(eq(jurisdictions.level, q.level));
  if (q.classification) where.push(eq(jurisdictions.classification, q.classification));
  return keysetList(db, {
    from: jurisdictions, fields: getTableColumns(jurisdictions), where, sort: sortBy(q.sort ?? 'id_asc', jurisdictionOrders), changedSince: { column: jurisdictions.updatedAt, since: q.updated_since },
  });
}

// What each include reads, for the jurisdiction `ofJurisdiction` names.
const organizationRows = shapedQuery((db, ofJurisdiction: SQL) => db.select().from(organizations).where(ofJurisdiction)
  .orderBy(asc(organizations.classification), asc(organizations.name), asc(organizations.id)));
const sessionRows = shapedQuery((db, ofJurisdiction: SQL) => db.select().from(legislativeSessions).where(ofJurisdiction)
  .orderBy(...sessionOrder.map((k) => asc(k.expr))));
const jurisdictionWhere = shapedQuery((db, where: SQL) => db.select().from(jurisdictions).where(where).limit(1));

async function jurisdictionDetail(db: Db, j: JurisdictionRow, include: Set<(typeof INCLUDES)[number]>): Promise<Static<typeof JurisdictionDetail>> {
  const detail: Static<typeof JurisdictionDetail> = presentJurisdiction(j);
  if (include.has('organizations')) {
    const rows = await organizationRows(db, eq(organizations.jurisdictionId, j.id));
    detail.organizations = rows.map((o) => ({
      id: o.id, name: bilingual(o.name, o.nameFr), classification: o.classification, abbreviation: o.abbreviation,
      parent_id: o.parentId, other_identifiers: o.otherIdentifiers,
    }));
  }
  if (include.has('sessions')) {
    const rows = await sessionRows(db, eq(legislativeSessions.jurisdictionId, j.id));
    detail.sessions = rows.map(presentSession);
  }
  return detail;
}

// ── response ──────────────────────────────────────────────────────────────
function presentJurisdiction(j: JurisdictionRow): Static<typeof Jurisdiction> {
  return {
    id: j.id,
    code: jurisdictionCode(j.id),
    name: bilingual(j.name, j.nameFr),
    classification: j.classification,
    level: j.level,
    division_id: j.divisionId,
    url: j.url,
    sources: j.sources,
    updated_at: isoTime(j.updatedAt)!,
  };
}

export const jurisdictionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/jurisdictions', {
    schema: { tags: ['jurisdictions'], summary: 'List jurisdictions', querystring: JurisdictionsQuery, response: { 200: listResponse(Jurisdiction) } },
  }, async (request, reply) => respondList(request, reply, request.query, jurisdictionSource(db, request.query), presentJurisdiction, {
    filename: 'jurisdictions',
    columns: [
      { header: 'id', value: (j) => j.id }, { header: 'code', value: (j) => j.code }, { header: 'name_en', value: (j) => j.name.en },
      { header: 'name_fr', value: (j) => j.name.fr }, { header: 'classification', value: (j) => j.classification }, { header: 'level', value: (j) => j.level },
      { header: 'division_id', value: (j) => j.division_id }, { header: 'url', value: (j) => j.url },
    ],
  }));

  // An OCD jurisdiction id holds slashes, so the rest of the path is the id (or a short code such as `ca`).
  app.get('/jurisdictions/*', {
    schema: {
      tags: ['jurisdictions'], summary: 'One jurisdiction by OCD id or short code, e.g. /jurisdictions/ca?include=sessions',
      params: Type.Object({ '*': Type.String({ description: 'The OCD jurisdiction id as it is, or a short code (`ca`, `bc`, `csd:3520005`).' }) }), querystring: DetailQuery, response: { 200: JurisdictionDetail },
    },
  }, async (request) => {
    const given = request.params['*'];
    const include = includes(request.query.include, INCLUDES);
    const id = resolveJurisdiction(given);
    const [row] = id ? await jurisdictionWhere(db, eq(jurisdictions.id, id)) : [];
    if (!row) throw notFound('jurisdiction', given);
    return jurisdictionDetail(db, row, include);
  });
};
