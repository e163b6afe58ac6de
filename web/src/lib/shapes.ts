/**
 * Names for the API shapes components pass around, each read from the contract
 * by the path that answers it (contract.ts): nothing here restates a field.
 */
import type { Answer, RequestBody, Row } from './contract';

export type { Problem } from './contract';

export type Bill = Row<'/api/v1/bills'>;
export type BillDetail = Answer<'/api/v1/bills/{jurisdiction}/{session}/{number}'>;
export type BillAction = NonNullable<BillDetail['actions']>[number];
export type Bilingual = Bill['title'];
export type Pagination = Answer<'/api/v1/bills'>['pagination'];

export type VoteEvent = Row<'/api/v1/votes'>;
export type VoteEventDetail = Answer<'/api/v1/votes/{jurisdiction}/{session}/{number}'>;
export type Ballot = VoteEventDetail['votes'][number];
export type PartySplit = VoteEventDetail['parties'][number];
export type Count = VoteEvent['counts'][number];

export type Person = Row<'/api/v1/people'>;
export type PersonDetail = Answer<'/api/v1/people/ocd-person/{uuid}'>;
export type RepresentativesLevel = Answer<'/api/v1/representatives'>['levels'][number];
export type Speech = Row<'/api/v1/speeches'>;
export type Debate = Row<'/api/v1/debates'>;
export type DebateDetail = Answer<'/api/v1/debates/{id}'>;
export type Committee = Row<'/api/v1/committees'>;
export type SearchHit = Row<'/api/v1/search'>;
export type Jurisdiction = Row<'/api/v1/jurisdictions'>;
export type Session = Row<'/api/v1/sessions'>;
export type DataSource = Row<'/api/v1/sources'>;

export type User = Answer<'/api/v1/auth/me'>;
export type Role = User['role'];
export type TokenPair = Answer<'/api/v1/auth/login', 'post'>;
export type SavedItem = Row<'/api/v1/me/saved'>;
export type ApiKey = Row<'/api/v1/keys'>;
export type NewApiKey = Answer<'/api/v1/keys', 'post'>;
export type KeyScope = NonNullable<RequestBody<'/api/v1/keys', 'post'>['scopes']>[number];
export type PasswordChanged = Answer<'/api/v1/auth/password', 'post'>;
export type AdminApiKey = Row<'/api/v1/admin/keys'>;
export type ImportRun = Row<'/api/v1/admin/imports'>;
export type FetchSource = Answer<'/api/v1/admin/fetch'>['sources'][number];
