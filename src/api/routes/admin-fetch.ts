/**
 * The live fetchers from the API, under /api/v1/admin/fetch (editors and admins):
 * each source's schedule, its last run and its freshness, and "fetch now" — a
 * run started through the import service like any other (so it waits for no
 * schedule, yet never runs beside another run of its source: 409 naming it).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { desc, eq, inArray } from 'drizzle-orm';
import { Type } from 'typebox';
import type { FetchConfig } from '../../config.js';
import { importRuns } from '../../db/schema.js';
import { BODY_LIMIT, privateResponses } from '../../auth/http.js';
import { HttpProblem } from '../../errors/problem.js';
import { FETCH_SOURCES } from '../../ingest/catalog.js';
import { startInBackground } from '../background-run.js';
import { Nullable, StringEnum } from '../schemas/shared.js';
import { presentRun, Run } from './admin-imports.js';

export interface AdminFetchOptions {
  settings: FetchConfig;
}

const FetchSource = Type.Object({
  source: Type.String({ description: 'The fetch source, named for the importer that reads what it fetches.' }),
  every_minutes: Type.Integer({ description: 'Minutes between two scheduled runs (FETCH_SCHEDULE), timed from the end of the last.' }),
  feeds: Type.Array(Type.String(), { description: 'The publisher\'s entry points this source fetches.' }),
  last_run: Nullable(Run),
  last_success_at: Nullable(Type.String({ description: 'When its last succeeded or partial run (fetch or import) finished.' })),
  age_hours: Nullable(Type.Number()),
  stale: Type.Boolean({ description: 'No successful run within DATA_STALE_HOURS: /health reports it.' }),
});
const FetchOverview = Type.Object({
  scheduled: Type.Boolean({ description: 'Whether this server fetches on schedule (FETCH=on).' }),
  can_fetch: Type.Boolean({ description: 'Whether a fetch may be started here: FETCH_CONTACT is set.' }),
  stale_after_hours: Type.Number(),
  sources: Type.Array(FetchSource),
});
const SourceParams = Type.Object({ source: StringEnum(FETCH_SOURCES as [string, ...string[]]) });

// ── routes ────────────────────────────────────────────────────────────────
export const adminFetchRoutes: FastifyPluginAsyncTypebox<AdminFetchOptions> = async (app, { settings }) => {
  const { db } = app.database;
  privateResponses(app);

  app.get('', {
    config: { permission: 'imports:read' },
    schema: { tags: ['admin'], summary: 'Each fetch source: its schedule, last run and freshness', response: { 200: FetchOverview } },
  }, async () => {
    // The fetchers (and the importers they feed) load when an editor looks at them or starts one (src/ingest/catalog.ts).
    const { fetchers } = await import('../../fetch/fetchers.js');
    const runs = await db.selectDistinctOn([importRuns.source]).from(importRuns)
      .where(inArray(importRuns.source, FETCH_SOURCES)).orderBy(importRuns.source, desc(importRuns.id));
    const freshness = new Map((await app.ops.health.sourceFreshness(0)).map((f) => [f.source, f]));
    return {
      scheduled: settings.enabled,
      can_fetch: !!settings.contact,
      stale_after_hours: app.ops.health.staleAfterHours,
      sources: fetchers.map((f) => {
        const { source } = f.importer;
        const run = runs.find((r) => r.source === source);
        const fresh = freshness.get(source);
        return {
          source,
          every_minutes: settings.everyMinutes[source] ?? 60,
          feeds: f.feeds(settings),
          last_run: run ? presentRun(run) : null,
          last_success_at: fresh?.last_success_at ?? null,
          age_hours: fresh?.age_hours ?? null,
          stale: fresh?.stale ?? true,
        };
      }),
    };
  });

  app.post('/:source', {
    config: { permission: 'imports:run' },
    bodyLimit: BODY_LIMIT,
    schema: { tags: ['admin'], summary: 'Fetch one source now, in the background (whatever its schedule)', params: SourceParams, response: { 202: Run } },
  }, async (request, reply) => {
    const { source } = request.params;
    if (!settings.contact) {
      throw new HttpProblem(409, 'fetch-not-configured', 'This server may not fetch: set FETCH_CONTACT (an email address or URL the publishers can reach you at) and restart it.');
    }
    const [{ findFetcher }, { runFetch }] = await Promise.all([import('../../fetch/fetchers.js'), import('../../fetch/fetch-run.js')]);
    const fetcher = findFetcher(source)!;
    const runId = await startInBackground(request, source, (onStart) => runFetch(app.database, fetcher, settings, { onStart, startedBy: 'admin', request, announce: app.store }));
    const [row] = await db.select().from(importRuns).where(eq(importRuns.id, runId));
    return reply.code(202).header('location', `/api/v1/admin/imports/${runId}`).send(presentRun(row!));
  });
};
