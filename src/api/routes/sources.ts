/** Data sources: for each importer, its last run with counts, its last success and how fresh the data are. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static } from 'typebox';
import type { Database } from '../../db/client.js';
import { SOURCES } from '../../ingest/catalog.js';
import { sourceStatuses } from '../../ingest/status.js';
import { respondList, sinceMoment, type ListSource } from '../lists.js';
import { listResponse, type Direction } from '../schemas/lists.js';
import { type RunStatus } from '../schemas/shared.js';
import { DataSource, SourcesQuery, type DataSourceItem } from '../schemas/sources.js';

// ── query ─────────────────────────────────────────────────────────────────
/** Registered importers and any other source with recorded runs, by name; small enough to build in memory. */
async function dataSources(database: Database, now: number): Promise<DataSourceItem[]> {
  const statuses = new Map((await sourceStatuses(database)).map((s) => [s.source, s]));
  const names = [...new Set([...Object.keys(SOURCES), ...statuses.keys()])].sort();
  return names.map((source) => {
    const s = statuses.get(source);
    return {
      source,
      description: (SOURCES as Record<string, string>)[source] ?? null,
      last_run: s ? {
        id: s.last_run_id, status: s.last_status as RunStatus, started_at: s.last_started_at, finished_at: s.last_finished_at,
        inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, error: s.error,
      } : null,
      last_success_at: s?.last_success_at ?? null,
      freshness_seconds: s?.last_success_at ? Math.max(0, Math.round((now - Date.parse(s.last_success_at)) / 1000)) : null,
      runs: s?.runs ?? 0,
    };
  });
}

/** The sources the query selects, in its order: few enough to filter and sort in memory. */
async function selected(all: Promise<DataSourceItem[]>, q: Static<typeof SourcesQuery>): Promise<DataSourceItem[]> {
  const since = q.updated_since ? Date.parse(sinceMoment(q.updated_since)) : null;
  const items = (await all).filter((s) => since === null || (s.last_success_at !== null && Date.parse(s.last_success_at) >= since));
  return q.sort === 'source_desc' ? items.reverse() : items;
}

function inMemorySource(list: Promise<DataSourceItem[]>, direction: Direction): ListSource<DataSourceItem> {
  const beyond = (item: DataSourceItem, key: string) => (direction === 'asc' ? item.source > key : item.source < key);
  return {
    count: async () => (await list).length,
    async rows({ limit, offset, after }) {
      const items = await list;
      const rest = after ? items.filter((item) => beyond(item, String(after[0]))) : items;
      return rest.slice(offset, offset + limit);
    },
    key: (item) => [item.source],
    keyTypes: ['text'],
  };
}

// ── response ──────────────────────────────────────────────────────────────
export const sourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/sources', {
    schema: { tags: ['sources'], summary: 'Data sources with their last import and freshness', querystring: SourcesQuery, response: { 200: listResponse(DataSource) } },
  }, async (request, reply) => {
    const q = request.query;
    const list = inMemorySource(selected(dataSources(app.database, Date.now()), q), q.sort === 'source_desc' ? 'desc' : 'asc');
    return respondList(request, reply, q, list, (item) => item, {
      filename: 'sources',
      columns: [
        { header: 'source', value: (s) => s.source }, { header: 'last_status', value: (s) => s.last_run?.status },
        { header: 'last_started_at', value: (s) => s.last_run?.started_at }, { header: 'last_finished_at', value: (s) => s.last_run?.finished_at },
        { header: 'inserted', value: (s) => s.last_run?.inserted }, { header: 'updated', value: (s) => s.last_run?.updated },
        { header: 'unchanged', value: (s) => s.last_run?.unchanged }, { header: 'rejected', value: (s) => s.last_run?.rejected },
        { header: 'last_success_at', value: (s) => s.last_success_at }, { header: 'freshness_seconds', value: (s) => s.freshness_seconds },
        { header: 'runs', value: (s) => s.runs },
      ],
    });
  });
};
