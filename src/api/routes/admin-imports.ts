/**
 * Imports run from the API, under /api/v1/admin/imports (editors and admins):
 * start one source's import of the bundled sample in the background, then
 * follow its run — counts and rejected records — like `openpolicy status` does.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { existsSync } from 'node:fs';
import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import { Type } from 'typebox';
import { importErrors, importRuns } from '../../db/schema.js';
import { BODY_LIMIT, privateResponses } from '../../auth/http.js';
import { SOURCE_NAMES } from '../../ingest/catalog.js';
import { startInBackground } from '../background-run.js';
import { by, keysetList, respondList, sortBy, type Orders } from '../lists.js';
import { listQuery, listResponse, sortParameter } from '../schemas/lists.js';
import { badParameter, HttpProblem, notFound } from '../../errors/problem.js';
import { isoTime } from '../resources.js';
import { importRunProperties, Nullable, RUN_STATUSES, StringEnum, type RunStatus } from '../schemas/shared.js';

// ── schema ────────────────────────────────────────────────────────────────
const MAX_REJECTIONS_SHOWN = 100;

const StartBody = Type.Object({
  source: Type.String({ minLength: 1, maxLength: 64, description: `One of: ${SOURCE_NAMES.join(', ')}.` }),
  sample: Type.Literal(true, { description: 'Import the sample bundled with the product (the only input the API accepts).' }),
}, { additionalProperties: false });

export const Run = Type.Object({
  ...importRunProperties(),
  source: Type.String(),
  paths: Type.Array(Type.String()),
});
const RunDetail = Type.Intersect([Run, Type.Object({
  rejections: Type.Array(Type.Object({ location: Type.String(), message: Type.String(), record: Nullable(Type.String()) }), {
    description: `The first ${MAX_REJECTIONS_SHOWN} rejected records, with where they were found.`,
  }),
})]);

const RunsQuery = listQuery({
  source: Type.Optional(Type.String({ maxLength: 64 })), status: Type.Optional(StringEnum(RUN_STATUSES)), sort: sortParameter(['id'], { default: 'id_desc' }),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

type RunRow = typeof importRuns.$inferSelect;
const runOrders: Orders<'id'> = { id: [by(importRuns.id, 'bigint')] };
export function presentRun(row: RunRow) {
  return {
    id: row.id, source: row.source, status: row.status as RunStatus, paths: row.paths, started_at: isoTime(row.startedAt)!, finished_at: isoTime(row.finishedAt),
    inserted: row.inserted, updated: row.updated, unchanged: row.unchanged, rejected: row.rejected, error: row.error,
  };
}

// ── routes ────────────────────────────────────────────────────────────────
export const adminImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  privateResponses(app);

  app.post('', {
    config: { permission: 'imports:run' },
    bodyLimit: BODY_LIMIT,
    schema: { tags: ['admin'], summary: 'Start importing one source\'s bundled sample in the background', body: StartBody, response: { 202: Run } },
  }, async (request, reply) => {
    const { source } = request.body;
    // The importers load with the first import (src/ingest/catalog.ts).
    const [{ findImporter }, { runImport }, { SAMPLE_DATA_DIR }] = await Promise.all([
      import('../../ingest/sources.js'), import('../../ingest/runner.js'), import('../../ingest/import-all.js'),
    ]);
    const importer = findImporter(source);
    if (!importer) throw badParameter('source', `Unknown source "${source}"; known sources: ${SOURCE_NAMES.join(', ')}.`);
    const paths = importer.samplePaths(SAMPLE_DATA_DIR).filter((p) => existsSync(p));
    if (paths.length === 0) throw new HttpProblem(409, 'no-sample', `The bundled sample has no files for "${source}".`);
    // The import service takes the source (one run at a time, whoever starts it), audits the run, announces the change.
    const runId = await startInBackground(request, source, (onStart) => runImport(app.database, importer, paths, { onStart, startedBy: 'admin', request, announce: app.store }));
    const [row] = await db.select().from(importRuns).where(eq(importRuns.id, runId));
    return reply.code(202).header('location', `/api/v1/admin/imports/${runId}`).send(presentRun(row!));
  });

  app.get('', {
    config: { permission: 'imports:read' },
    schema: { tags: ['admin'], summary: 'Import runs, newest first unless sorted', querystring: RunsQuery, response: { 200: listResponse(Run) } },
  }, async (request, reply) => {
    const q = request.query;
    const where = and(q.source ? eq(importRuns.source, q.source) : undefined, q.status ? eq(importRuns.status, q.status) : undefined);
    const source = keysetList(db, { from: importRuns, fields: getTableColumns(importRuns), where: [where], live: true, sort: sortBy(q.sort ?? 'id_desc', runOrders) });
    return respondList(request, reply, q, source, presentRun, {
      filename: 'import-runs',
      columns: ['id', 'source', 'status', 'started_at', 'finished_at', 'inserted', 'updated', 'unchanged', 'rejected', 'error'].map((header) => ({
        header, value: (r: ReturnType<typeof presentRun>) => r[header as keyof typeof r],
      })),
    });
  });

  app.get('/:id', {
    config: { permission: 'imports:read' },
    schema: { tags: ['admin'], summary: 'One import run with its rejected records; poll it to follow a running run\'s counts', params: IdParams, response: { 200: RunDetail } },
  }, async (request) => {
    const [row] = await db.select().from(importRuns).where(eq(importRuns.id, request.params.id));
    if (!row) throw notFound('import run', String(request.params.id));
    const rejections = await db
      .select({ location: importErrors.location, message: importErrors.message, record: importErrors.record })
      .from(importErrors)
      .where(eq(importErrors.runId, row.id))
      .orderBy(asc(importErrors.id))
      .limit(MAX_REJECTIONS_SHOWN);
    return { ...presentRun(row), rejections };
  });
};
