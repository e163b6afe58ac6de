/** The sources contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type, type Static } from 'typebox';
import { listQuery, sinceParameter, sortParameter } from './lists.js';
import { importRunProperties, Nullable } from './shared.js';

export const SourcesQuery = listQuery({
  updated_since: sinceParameter('sources whose last successful import (`last_success_at`) finished'),
  sort: sortParameter(['source'], { default: 'source_asc' }),
});

export const DataSource = Type.Object({
  source: Type.String({ description: 'The importer name, as on the CLI (`openpolicy import <source>`).' }),
  description: Nullable(Type.String()),
  last_run: Nullable(Type.Object(importRunProperties())),
  last_success_at: Nullable(Type.String({ description: 'When the last succeeded or partial run finished.' })),
  freshness_seconds: Nullable(Type.Integer({ description: 'Seconds since last_success_at; null if the source never imported.' })),
  runs: Type.Integer(),
});
export type DataSourceItem = Static<typeof DataSource>;
