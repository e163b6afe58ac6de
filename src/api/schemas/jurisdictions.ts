/** The jurisdictions contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type } from 'typebox';
import { includeParameter, listQuery, sortParameter, updatedSince } from './lists.js';
import { Bilingual, Nullable, OtherIdentifiers, Sources, StringEnum } from './shared.js';
import { Session } from './sessions.js';

export const LEVELS = ['federal', 'provincial', 'municipal'] as const;
export const INCLUDES = ['organizations', 'sessions'] as const;

export const JurisdictionsQuery = listQuery({
  level: Type.Optional(StringEnum(LEVELS)),
  classification: Type.Optional(Type.String({ pattern: '^[a-z_]+$', description: 'legislature, government or council.' })),
  ...updatedSince,
  sort: sortParameter(['id', 'updated'], { default: 'id_asc' }),
});

export const Jurisdiction = Type.Object({
  id: Type.String(),
  code: Type.String({ description: 'Short code usable wherever a jurisdiction is asked for (`ca`, `bc`, `csd:3520005`).' }),
  name: Bilingual,
  classification: Type.String(),
  level: Type.String(),
  division_id: Nullable(Type.String()),
  url: Nullable(Type.String()),
  sources: Sources,
  updated_at: Type.String(),
});

export const Organization = Type.Object({
  id: Type.String(),
  name: Bilingual,
  classification: Type.String(),
  abbreviation: Nullable(Type.String()),
  parent_id: Nullable(Type.String()),
  other_identifiers: OtherIdentifiers,
});

export const JurisdictionDetail = Type.Intersect([Jurisdiction, Type.Object({
  organizations: Type.Optional(Type.Array(Organization)),
  sessions: Type.Optional(Type.Array(Session)),
})]);

export const DetailQuery = Type.Object({ include: includeParameter(INCLUDES) }, { additionalProperties: false });
