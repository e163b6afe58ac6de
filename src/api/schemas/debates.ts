/** The debates contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type } from 'typebox';
import { SPEAKER_ROLES } from '../../db/schema.js';
import { listQuery, sortParameter, updatedSince } from './lists.js';
import { Bilingual, DateString, jurisdictionFilter, Nullable, OtherIdentifiers, sessionFilter, Sources, StringEnum } from './shared.js';

export const dateRange = {
  date: Type.Optional(DateString),
  since: Type.Optional(Type.String({ format: 'date', description: 'On or after this date.' })),
  before: Type.Optional(Type.String({ format: 'date', description: 'Before this date.' })),
};

export const DebatesQuery = listQuery({
  jurisdiction: jurisdictionFilter(),
  session: sessionFilter(),
  ...dateRange,
  ...updatedSince,
  sort: sortParameter(['date'], { default: 'date_desc' }),
});

export const SpeechesQuery = listQuery({
  person: Type.Optional(Type.String({ pattern: '^ocd-person/', description: 'Speaker ocd-person id.' })),
  bill: Type.Optional(Type.String({ minLength: 1, description: 'An ocd-bill id, or a bill number such as `C-21`.' })),
  ...dateRange,
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Full text, English and French (web-search syntax: "quoted phrase", -not, or).' })),
  ...updatedSince,
  sort: sortParameter(['date'], { extra: ['relevance'], description: 'Default: relevance with q, else date_desc (the speeches of a sitting in order either way).' }),
});

export const SittingSpeechesQuery = listQuery({
  ...updatedSince,
  sort: sortParameter(['sequence'], { default: 'sequence_asc', description: 'In the order they were given, or the reverse.' }),
});

export const Debate = Type.Object({
  id: Type.String(),
  jurisdiction_id: Type.String(),
  session: Nullable(Type.String()),
  organization_id: Nullable(Type.String()),
  date: Type.String(),
  number: Nullable(Type.Integer({ description: 'Sitting number.' })),
  title: Bilingual,
  speech_count: Type.Integer(),
  other_identifiers: OtherIdentifiers,
  sources: Sources,
  url: Type.String(),
  updated_at: Type.String(),
});

export const Speech = Type.Object({
  id: Type.String(),
  debate_id: Type.String(),
  date: Type.String(),
  sequence: Type.Integer(),
  speaker: Type.Object({
    name: Type.String(), person_id: Nullable(Type.String()), affiliation: Nullable(Type.String()),
    role: Nullable(StringEnum(SPEAKER_ROLES, {
      description: 'Who spoke: a `member`, the `presiding_officer` in the chair, a `witness` before a committee, `staff` (a clerk), or a `group` ("Some hon. members"). '
        + 'Witnesses, staff and groups have no `person_id`; null where the source does not say.',
    })),
  }),
  time: Nullable(Type.String()),
  subject: Bilingual,
  text: Bilingual,
  bill: Nullable(Type.Object({ id: Type.String(), identifier: Nullable(Type.String()) })),
  other_identifiers: OtherIdentifiers,
  sources: Sources,
  url: Type.String(),
  updated_at: Type.String(),
});

export const DEBATE_INCLUDES = ['speeches'] as const;
export const SubjectEntry = Type.Object({
  subject: Bilingual,
  speeches: Type.Integer({ description: 'Speeches in a row under this subject.' }),
  first_speech_id: Type.String(),
  position: Type.Integer({ description: 'Where its first speech is in the sitting, from 1: on page ceil(position / per_page) of `speeches_url`.' }),
}, { description: 'One subject of the sitting: a run of consecutive speeches under the same heading (a heading that comes back later is a new entry).' });

export const DebateDetail = Type.Intersect([Debate, Type.Object({
  speeches_url: Type.String({ description: 'The speeches, paginated.' }),
  subjects: Type.Array(SubjectEntry, { description: 'The sitting\'s table of contents, in order.' }),
  speeches: Type.Optional(Type.Array(Speech, { description: 'Every speech of the sitting in order, with include=speeches.' })),
})]);
export const IdParams = Type.Object({ id: Type.String() });
