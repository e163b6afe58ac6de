/** The committees contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type } from 'typebox';
import { listQuery, sortParameter, updatedSince } from './lists.js';
import { Bilingual, DateString, jurisdictionFilter, Nullable, nullableStrings, OtherIdentifiers, sessionFilter, Sources, StringEnum } from './shared.js';

export const CHAMBERS = ['lower', 'upper', 'joint'] as const;

export const CommitteesQuery = listQuery({
  jurisdiction: jurisdictionFilter(),
  chamber: Type.Optional(StringEnum(CHAMBERS, { description: 'House (`lower`), Senate (`upper`) or joint committees.' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of the English or French name, or the acronym (case-insensitive).' })),
  ...updatedSince,
  sort: sortParameter(['name', 'updated'], { default: 'name_asc' }),
});

export const Committee = Type.Object({
  id: Type.String(),
  jurisdiction_id: Nullable(Type.String()),
  name: Bilingual,
  abbreviation: Nullable(Type.String()),
  classification: Type.String(),
  chamber: Nullable(StringEnum(CHAMBERS)),
  parent_id: Nullable(Type.String()),
  first_active: Nullable(Type.String({ format: 'date', description: 'The first date of its meetings and of the bill stages it held, in the data.' })),
  last_active: Nullable(Type.String({ format: 'date', description: 'The last such date.' })),
  superseded_by: Nullable(Type.String({ description: 'Another committee of the same legislature with the same name, last active after this one (the House reused "Standing Committee on Health" for HESA after HEAL): this one is a former committee of that name. Null for the current one.' })),
  other_identifiers: OtherIdentifiers,
  sources: Sources,
  url: Type.String(),
  updated_at: Type.String(),
});

export const CommitteeDetail = Type.Intersect([Committee, Type.Object({
  meeting_count: Type.Integer(),
  first_meeting_date: Nullable(Type.String()),
  last_meeting_date: Nullable(Type.String()),
  meetings_url: Type.String(),
})]);

export const MeetingsQuery = listQuery({
  session: sessionFilter('Session identifier, e.g. `44-1`.'),
  since: Type.Optional(Type.String({ format: 'date', description: 'Held on or after this date.' })),
  before: Type.Optional(DateString),
  ...updatedSince,
  sort: sortParameter(['date'], { default: 'date_desc', description: 'By date (undated meetings count as the oldest), then number.' }),
});

export const MeetingBill = Type.Object({ id: Type.String(), session: Type.String(), identifier: Type.String(), title: Bilingual, url: Type.String() });
export const Meeting = Type.Object({
  id: Type.String(),
  committee_id: Type.String(),
  ...nullableStrings('session'),
  number: Nullable(Type.Integer()),
  ...nullableStrings('date', 'title', 'url'),
  bills: Type.Array(MeetingBill),
  sources: Sources,
  updated_at: Type.String(),
});

export const UuidParams = Type.Object({ uuid: Type.String() });
