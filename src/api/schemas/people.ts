/** The people contract: the query and response schemas its routes, presenters, CSV and the OpenAPI document use. */
import { Type } from 'typebox';
import { listQuery, Pagination, sortParameter, updatedSince } from './lists.js';
import { Bilingual, PartyName, Count, Nullable, nullableStrings, OtherIdentifiers, sessionFilter, Sources, StringEnum } from './shared.js';
import { BILL_ORDERS } from './bills.js';
import { SpeechesQuery } from './debates.js';

export const ORG_CLASSIFICATIONS = ['lower', 'upper', 'legislature', 'council', 'committee', 'party'] as const;
export const OPTIONS = ['yes', 'no', 'paired', 'absent', 'abstain'] as const;
export const ORDERS = ['name', 'updated'] as const;
export const BALLOT_ORDERS = ['date'] as const;


export const PeopleQuery = listQuery({
  jurisdiction: Type.Optional(Type.String({ description: 'OCD jurisdiction id or short code (`ca`, `bc`, `csd:3520005`): people with a membership in one of its organizations.' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name or of another name, ignoring case and accents ("quebec" finds "Québec").' })),
  party: Type.Optional(Type.String({ minLength: 1, description: 'Party organization id, name or abbreviation: people sitting for it (or members of it).' })),
  district: Type.Optional(Type.String({ minLength: 1, description: 'District name (case-insensitive) or OCD division id of a membership.' })),
  org_classification: Type.Optional(StringEnum(ORG_CLASSIFICATIONS, { description: 'Classification of an organization the person is a member of.' })),
  current: Type.Optional(Type.Boolean({
    default: true,
    description: 'true (default): only people with a current membership (no end date, or ending today or later), and the membership filters apply to current memberships; false: everyone, any membership.',
  })),
  ...updatedSince,
  sort: sortParameter(ORDERS, { default: 'name_asc' }),
});

export const CurrentRole = Type.Object({
  title: Type.String(),
  org_classification: Type.String(),
  ...nullableStrings('district', 'division_id', 'jurisdiction_id'),
});

export const Legislature = Type.Object({
  number: Type.Integer(),
  name: Bilingual,
  start_date: Type.String({ description: 'The general election that returned it: its members\' terms start then.' }),
  end_date: Nullable(Type.String({ description: 'Its dissolution; null while it sits.' })),
}, { description: 'A Parliament (federal or provincial), with the dates the Library of Parliament or the Assembly publish for it.' });

export const LatestSeat = Type.Object({
  ...CurrentRole.properties,
  party: Nullable(Bilingual),
  start_date: Nullable(Type.String()),
  end_date: Nullable(Type.String()),
  current: Type.Boolean({ description: 'Whether the seat is held today (no end date, or ending today or later).' }),
  legislature: Nullable(Legislature),
}, {
  description: 'The person\'s current seat, else the last they held: a member of a Parliament that has ended keeps it here with its end (`current` false), '
    + 'and no `current_role`. Its `legislature` is the Parliament it ended in, or sits in, where the dates are known.',
});

export const Person = Type.Object({
  id: Type.String(),
  name: Type.String(),
  given_name: Nullable(Type.String()),
  family_name: Nullable(Type.String()),
  image: Nullable(Type.String({ description: 'The photo\'s address at its source.' })),
  photo: Nullable(Type.String({ description: 'Where this platform serves the photo (`/api/v1/people/{id}/photo`): set when it serves photos (PHOTOS=on) and the sources give one; null otherwise, so a client asks for no photo the platform cannot give.' })),
  email: Nullable(Type.String()),
  gender: Nullable(Type.String()),
  party: PartyName('The current party\'s name, if any; `fr` is null where the data has no French name.'),
  current_role: Nullable(CurrentRole),
  latest_seat: Nullable(LatestSeat),
  other_names: Type.Array(Type.Object({ name: Type.String(), note: Type.Optional(Type.String()) })),
  contact_details: Type.Array(Type.Object({ type: Type.String(), value: Type.String(), note: Type.Optional(Type.String()) })),
  links: Type.Array(Type.Object({ url: Type.String(), note: Type.Optional(Type.String()) })),
  other_identifiers: OtherIdentifiers,
  sources: Sources,
  url: Type.String(),
  updated_at: Type.String(),
});

export const OrganizationRef = Type.Object({ id: Type.String(), name: Bilingual, classification: Type.String(), jurisdiction_id: Nullable(Type.String()) });

export const Membership = Type.Object({
  id: Type.String(),
  organization: OrganizationRef,
  role: Type.String(),
  ...nullableStrings('label', 'district', 'division_id'),
  party: Nullable(Type.Object({ id: Type.String(), name: Bilingual })),
  ...nullableStrings('start_date', 'end_date'),
  current: Type.Boolean(),
  sources: Sources,
});

export const Term = Type.Object({
  organization: OrganizationRef,
  role: Type.String(),
  ...nullableStrings('district', 'division_id'),
  party: PartyName('The party\'s name; `fr` is null where the data has no French name.'),
  ...nullableStrings('start_date', 'end_date'),
  sessions: Type.Array(Type.String(), { description: 'Sessions of the jurisdiction that overlap the term (an undated session spans the divisions held in it).' }),
}, { description: 'A seat held (in a chamber, legislature or council), oldest first.' });

export const PersonDetail = Type.Intersect([Person, Type.Object({ memberships: Type.Array(Membership), terms: Type.Array(Term) })]);

export const PersonParams = Type.Object({ uuid: Type.String() });

export const VotesQuery = listQuery({
  session: sessionFilter('Session identifier, e.g. `44-1`.'),
  since: Type.Optional(Type.String({ format: 'date', description: 'Divisions held on or after this date.' })),
  before: Type.Optional(Type.String({ format: 'date', description: 'Divisions held before this date.' })),
  bill: Type.Optional(Type.String({ minLength: 1, description: 'An ocd-bill id, or a bill number such as `C-21`.' })),
  option: Type.Optional(StringEnum(OPTIONS, { description: 'Only ballots with this option (the summary ignores it).' })),
  ...updatedSince,
  sort: sortParameter(BALLOT_ORDERS, { default: 'date_desc', description: 'By the date of the division (the summary ignores it).' }),
});

export const PersonBallot = Type.Object({
  vote_event: Type.Object({
    id: Type.String(),
    identifier: Type.String(),
    session: Type.String(),
    start_date: Type.String(),
    motion_text: Bilingual,
    result: Type.String(),
    bill: Nullable(Type.Object({ id: Nullable(Type.String()), identifier: Nullable(Type.String()) })),
    url: Type.String(),
  }),
  option: Type.String(),
  voter_name: Type.String({ description: 'The name as printed in the record of the division.' }),
  party: PartyName('The party the ballot was counted for; `fr` from its organization record, where the data has one (federal parties).'),
  updated_at: Type.String({ description: 'When the ballot\'s record last changed.' }),
});

export const SUMMARY_METHOD = [
  'Over the divisions matching session, since, before and bill (option is ignored), counting only divisions whose ballots are recorded:',
  '`divisions` = those held while the person sat: they cast a ballot in it, or it was held by an organization in which they had a membership on that date.',
  '`divisions_held` = the same divisions with or without recorded ballots: the rates rest on `divisions` of these `divisions_held`',
  '(most divisions are published as totals only; see `ballot_coverage` on /votes).',
  '`attended` = those where their ballot is yes, no, paired or abstain; `absent` = divisions − attended;',
  '`attendance_rate` = attended / divisions (null when divisions = 0).',
  '`party_line_ballots` = their yes/no ballots counted for a party (not an independent) whose yes/no ballots in that division, theirs included, have a strict majority;',
  '`dissents` = those of them whose option differs from that majority (the same test as the dissenters of /votes/{id});',
  '`dissent_rate` = dissents / party_line_ballots (null when 0). Rates are rounded to 4 decimals.',
].join(' ');

export const VoteSummary = Type.Object({
  divisions: Type.Integer({ description: 'Divisions with recorded ballots held while the person sat: what attendance rests on.' }),
  divisions_held: Type.Integer({ description: 'Divisions held while the person sat, recorded ballots or not.' }),
  attended: Type.Integer(),
  absent: Type.Integer(),
  attendance_rate: Nullable(Type.Number()),
  counts: Type.Array(Count),
  party_line_ballots: Type.Integer({ description: 'What the dissent rate rests on.' }),
  dissents: Type.Integer(),
  dissent_rate: Nullable(Type.Number()),
}, { description: SUMMARY_METHOD });

export const PersonVotesResponse = Type.Object({ results: Type.Array(PersonBallot), pagination: Pagination, summary: VoteSummary });

export const BillsQuery = listQuery({
  session: sessionFilter('Session identifier, e.g. `44-1`.'),
  ...updatedSince,
  sort: sortParameter(BILL_ORDERS, { default: 'updated_desc' }),
});

// A person's speeches are /speeches?person=<id>, with every other filter of that list.
export const PersonSpeechesQuery = Type.Object(Type.Omit(SpeechesQuery, ['person']).properties, { additionalProperties: false });
