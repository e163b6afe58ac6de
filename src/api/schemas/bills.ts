/** The bills contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type } from 'typebox';
import { includeParameter, listQuery, sortParameter, updatedSince } from './lists.js';
import { Bilingual, Count, DateString, jurisdictionFilter, Nullable, OtherIdentifiers, Sources } from './shared.js';

export const BILL_ORDERS = ['updated', 'introduced', 'latest_action', 'number'] as const;
export const INCLUDES = ['actions', 'sponsors', 'votes', 'texts', 'committee_meetings'] as const;

export const BillsQuery = listQuery({
  jurisdiction: jurisdictionFilter(),
  session: Type.Optional(Type.String({ pattern: '^\\d+(-\\d+)?$', description: 'Session identifier, e.g. `45-1`; of the federal Parliament unless `jurisdiction` names another.' })),
  chamber: Type.Optional(Type.Union([Type.Literal('lower'), Type.Literal('upper')], { description: 'Originating chamber.' })),
  type: Type.Optional(Type.String({ description: 'Bill type as published, e.g. "House Government Bill".' })),
  government: Type.Optional(Type.Boolean()),
  status: Type.Optional(Type.String({ description: 'Status (English or French), case-insensitive, e.g. "Royal assent received".' })),
  sponsor: Type.Optional(Type.String({ description: 'Sponsor ocd-person id.' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Full text (English and French); an exact number such as C-12 ranks that bill first.' })),
  introduced_since: Type.Optional(DateString),
  introduced_before: Type.Optional(DateString),
  ...updatedSince,
  sort: sortParameter(BILL_ORDERS, { extra: ['relevance'], description: 'Default: relevance with q, else updated_desc.' }),
});

export const Bill = Type.Object({
  id: Type.String(),
  jurisdiction_id: Type.String(),
  session: Type.String(),
  identifier: Type.String(),
  title: Bilingual,
  short_title: Bilingual,
  type: Nullable(Type.String()),
  is_government: Nullable(Type.Boolean()),
  from_organization: Nullable(Type.String()),
  sponsor: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()), title: Nullable(Type.String()) })),
  status: Bilingual,
  latest_stage: Bilingual,
  introduced_date: Nullable(Type.String()),
  latest_action_date: Nullable(Type.String()),
  royal_assent_date: Nullable(Type.String()),
  statute: Nullable(Type.Object({ year: Nullable(Type.Integer()), chapter: Nullable(Type.String()) })),
  summary: Bilingual,
  other_identifiers: OtherIdentifiers,
  sources: Sources,
  url: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const Action = Type.Object({
  order: Type.Integer(), date: Nullable(Type.String()), time: Nullable(Type.String()), chamber: Nullable(Type.String()), stage: Bilingual,
  description: Bilingual, classification: Type.Array(Type.String()), committee_id: Nullable(Type.String()),
});
// The includes' arrays, named for the SQL that writes their JSON text (src/api/routes/bills.ts).
export const Actions = Type.Array(Action);
export const BillVotes = Type.Array(Type.Object({
  id: Type.String(), identifier: Type.String(), start_date: Type.String(), motion_text: Bilingual, result: Type.String(),
  counts: Type.Array(Count),
}));
export const BillTexts = Type.Array(Type.Object({ version: Type.String(), language: Type.String(), url: Nullable(Type.String()), text: Type.String() }));
export const CommitteeMeetings = Type.Array(Type.Object({
  id: Type.String(), committee: Type.Object({ id: Type.String(), name: Bilingual, abbreviation: Nullable(Type.String()) }),
  number: Nullable(Type.Integer()), date: Nullable(Type.String()), title: Nullable(Type.String()), url: Nullable(Type.String()),
}));
export const BillDetail = Type.Intersect([Bill, Type.Object({
  actions: Type.Optional(Actions),
  sponsors: Type.Optional(Type.Array(Type.Object({ id: Type.String(), name: Nullable(Type.String()), title: Nullable(Type.String()), primary: Type.Boolean() }))),
  votes: Type.Optional(BillVotes),
  texts: Type.Optional(BillTexts),
  committee_meetings: Type.Optional(CommitteeMeetings),
})]);

export const DetailQuery = Type.Object({ include: includeParameter(INCLUDES) }, { additionalProperties: false });
