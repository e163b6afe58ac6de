/** The search contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type } from 'typebox';
import { listQuery, sortParameter, updatedSince } from './lists.js';
import { Bilingual, Nullable, StringEnum } from './shared.js';

export const TYPES = ['bill', 'person', 'vote', 'speech'] as const;
export type HitType = (typeof TYPES)[number];

export const SearchQuery = listQuery({
  q: Type.String({ minLength: 1, maxLength: 200, description: 'Words to find, English or French (web-search syntax: "quoted phrase", -not, or); a bill number such as C-12 finds that bill first.' }),
  type: Type.Optional(StringEnum(TYPES, { description: 'Only hits of this type.' })),
  ...updatedSince,
  sort: sortParameter(['date'], { extra: ['relevance'], default: 'relevance', description: '`relevance`: exact matches first, then by rank, newer first within a rank. `date`: undated hits (people) count as the oldest.' }),
});

export const Hit = Type.Object({
  type: StringEnum(TYPES),
  id: Type.String(),
  title: {
    ...Bilingual,
    description: 'In each language the record has: a bill\'s number and title, a division\'s number, session and motion, a speech\'s speaker and subject; '
      + 'null in a language the record has no text in. A person\'s name, the same in both.',
  },
  url: Type.String(),
  session: Nullable(Type.String({ description: 'The session of a bill or a vote, e.g. "45-1"; null for people and speeches.' })),
  status: Type.Union([Bilingual, Type.Null()], { description: 'A bill\'s status; null for other hits.' }),
  date: Nullable(Type.String()),
  snippet: Type.String({ description: 'HTML: the matching passage, escaped, with the matched words in <mark> tags.' }),
  updated_at: Type.String({ description: 'When the record found last changed.' }),
});
