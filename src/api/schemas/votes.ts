/** The votes contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type } from 'typebox';
import { listQuery, sortParameter, updatedSince } from './lists.js';
import { Bilingual, Count, DateString, jurisdictionFilter, Nullable, PartyName, sessionFilter, Sources, StringEnum } from './shared.js';

export const RESULTS = ['pass', 'fail', 'tie'] as const;

export const VotesQuery = listQuery({
  jurisdiction: jurisdictionFilter(),
  session: sessionFilter(),
  bill: Type.Optional(Type.String({ minLength: 1, description: 'An ocd-bill id, or a bill number such as `C-21` (narrow it with `session`).' })),
  date: Type.Optional(DateString),
  since: Type.Optional(Type.String({ format: 'date', description: 'Held on or after this date.' })),
  before: Type.Optional(Type.String({ format: 'date', description: 'Held before this date.' })),
  result: Type.Optional(StringEnum(RESULTS)),
  ...updatedSince,
  sort: sortParameter(['date', 'updated'], { default: 'date_desc' }),
});


export const BallotCoverage = Type.Object({
  recorded: Type.Boolean({ description: 'Member-by-member ballots of this division are held (today only for divisions of the imported Hansard sittings).' }),
  ballots: Type.Integer({ description: 'How many member ballots are held.' }),
  division_total: Type.Integer({ description: "The division's own total: the sum of its `counts` (yes + no + paired, + absent where published)." }),
}, { description: 'Whether the ballots behind the counts are recorded, and how many against the total.' });

export const VoteEvent = Type.Object({
  id: Type.String(),
  identifier: Type.String(),
  jurisdiction_id: Type.String(),
  session: Type.String(),
  start_date: Type.String(),
  motion_text: Bilingual,
  result: StringEnum(RESULTS),
  organization: Nullable(Type.Object({ id: Type.String(), name: Bilingual, classification: Type.String() })),
  bill: Nullable(Type.Object({ id: Nullable(Type.String()), identifier: Nullable(Type.String()) })),
  counts: Type.Array(Count),
  ballot_coverage: BallotCoverage,
  sources: Sources,
  url: Type.String(),
  updated_at: Type.String(),
});

export const BallotSchema = Type.Object({
  option: Type.String(), voter_name: Type.String(), voter_id: Nullable(Type.String()),
  party: PartyName('The party the ballot was counted for; `fr` from its organization record, where the data has one (federal parties).'),
  district: Nullable(Type.String({ description: 'The riding (or ward) the member sat for on the day of the division; null when unknown.' })),
});

export const VoteEventDetail = Type.Intersect([VoteEvent, Type.Object({
  votes: Type.Array(BallotSchema),
  parties: Type.Array(Type.Object({
    party: PartyName('The party\'s name; `fr` from its organization record, where the data has one (federal parties).'),
    counts: Type.Array(Count),
    majority: Nullable(StringEnum(['yes', 'no'] as const)),
    bloc: Nullable(Type.Boolean({ description: 'Every yes/no ballot of the party took the same option; null for independents and unknown parties.' })),
  })),
  dissenters: Type.Array(Type.Intersect([BallotSchema, Type.Object({ party_majority: StringEnum(['yes', 'no'] as const) })]), {
    description: 'Members whose yes/no ballot went against the majority of their party.',
  }),
})]);
