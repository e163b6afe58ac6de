/** The divisions contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type } from 'typebox';
import { listQuery, sortParameter, updatedSince } from './lists.js';
import { Bilingual, Nullable, Sources } from './shared.js';
import { OrganizationRef, Person } from './people.js';

export const DivisionsQuery = listQuery({
  parent: Type.Optional(Type.String({ description: 'OCD id of the parent division, e.g. `ocd-division/country:ca/province:on`.' })),
  classification: Type.Optional(Type.String({ pattern: '^[a-z_]+$', description: 'country, province, territory, ed (federal riding), ped (provincial riding), cd, csd, ward, …' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the English or French name, ignoring case.' })),
  ...updatedSince,
  sort: sortParameter(['id', 'updated'], { default: 'id_asc' }),
});

export const Division = Type.Object({
  id: Type.String(),
  name: Bilingual,
  classification: Nullable(Type.String()),
  parent_id: Nullable(Type.String()),
  sgc: Nullable(Type.String({ description: 'Statistics Canada Standard Geographical Classification code.' })),
  valid_from: Nullable(Type.String()),
  valid_through: Nullable(Type.String()),
  sources: Sources,
  url: Type.String(),
  updated_at: Type.String(),
});

export const Representative = Type.Intersect([Person, Type.Object({
  memberships: Type.Array(Type.Object({
    organization: OrganizationRef,
    role: Type.String(),
    label: Nullable(Type.String()),
    start_date: Nullable(Type.String()),
    end_date: Nullable(Type.String()),
  }), { description: 'Their memberships for this division: the current ones, or when nobody holds it today the last ones (see `latest_seat`).' }),
})]);

export const RepresentativesCurrent = Type.Boolean({
  description: 'true: the representatives hold their seat today. false: the data holds no one in it today (a legislature that has ended, whose successor\'s '
    + 'members are not in the data), so these are its last holders, whose memberships say when their seat ended.',
});

export const DivisionDetail = Type.Intersect([Division, Type.Object({
  representatives: Type.Array(Representative),
  representatives_current: RepresentativesCurrent,
})]);
