/** The sessions contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type } from 'typebox';
import { listQuery, sortParameter, updatedSince } from './lists.js';
import { jurisdictionFilter, Nullable, Sources } from './shared.js';

export const SessionsQuery = listQuery({
  jurisdiction: jurisdictionFilter(),
  ...updatedSince,
  sort: sortParameter(['number', 'updated'], { default: 'number_asc', description: '`number`: by jurisdiction, then parliament and session as numbers.' }),
});

export const Session = Type.Object({
  id: Type.String(),
  jurisdiction_id: Type.String(),
  identifier: Type.String(),
  name: Type.String(),
  classification: Type.String(),
  start_date: Nullable(Type.String()),
  end_date: Nullable(Type.String()),
  sources: Sources,
  updated_at: Type.String(),
});
