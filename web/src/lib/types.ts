/** The shapes of the API answers the site reads (see /api/v1/openapi.json); only the fields it uses. */
export interface Bilingual {
  en: string | null;
  fr: string | null;
}

export interface Pagination {
  page: number;
  per_page: number;
  max_page: number;
  total_items: number;
  next: string | null;
}

export interface List<T> {
  results: T[];
  pagination: Pagination;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  parameter?: string;
  retry_after?: number;
}

export interface Count {
  option: string;
  value: number;
}

export interface Source {
  source: string;
  url?: string;
  file?: string;
  location?: string;
  retrieved_at: string;
}

export interface Bill {
  id: string;
  jurisdiction_id: string;
  session: string;
  identifier: string;
  title: Bilingual;
  short_title: Bilingual;
  type: string | null;
  is_government: boolean | null;
  sponsor: { id: string; name: string | null; title: string | null } | null;
  status: Bilingual;
  latest_stage: Bilingual;
  introduced_date: string | null;
  latest_action_date: string | null;
  royal_assent_date: string | null;
  statute: { year: number | null; chapter: string | null } | null;
  summary: Bilingual;
  sources: Source[];
  url: string;
}

export interface BillAction {
  order: number;
  date: string | null;
  chamber: string | null;
  stage: Bilingual;
  description: Bilingual;
  classification: string[];
}

export interface BillVote {
  id: string;
  identifier: string;
  start_date: string;
  motion_text: Bilingual;
  result: string;
  counts: Count[];
}

export interface BillText {
  version: string;
  language: string;
  url: string | null;
  text: string;
}

export interface CommitteeMeetingRef {
  id: string;
  committee: { id: string; name: string; abbreviation: string | null };
  number: number | null;
  date: string | null;
  title: string | null;
  url: string | null;
}

export interface BillDetail extends Bill {
  actions?: BillAction[];
  votes?: BillVote[];
  texts?: BillText[];
  committee_meetings?: CommitteeMeetingRef[];
}

export interface VoteEvent {
  id: string;
  identifier: string;
  jurisdiction_id: string;
  session: string;
  start_date: string;
  motion_text: Bilingual;
  result: 'pass' | 'fail' | 'tie';
  organization: { id: string; name: string; classification: string } | null;
  bill: { id: string | null; identifier: string | null } | null;
  counts: Count[];
  url: string;
}

export interface Ballot {
  option: string;
  voter_name: string;
  voter_id: string | null;
  party: string | null;
}

export interface PartySplit {
  party: string | null;
  counts: Count[];
  majority: 'yes' | 'no' | null;
  bloc: boolean | null;
}

export interface VoteEventDetail extends VoteEvent {
  votes: Ballot[];
  parties: PartySplit[];
  dissenters: (Ballot & { party_majority: 'yes' | 'no' })[];
}

export interface CurrentRole {
  title: string;
  org_classification: string;
  district: string | null;
  division_id: string | null;
  jurisdiction_id: string | null;
}

export interface Person {
  id: string;
  name: string;
  email: string | null;
  party: string | null;
  current_role: CurrentRole | null;
  contact_details: { type: string; value: string; note?: string }[];
  links: { url: string; note?: string }[];
  url: string;
}

export interface OrganizationRef {
  id: string;
  name: string;
  classification: string;
  jurisdiction_id: string | null;
}

export interface Term {
  organization: OrganizationRef;
  role: string;
  district: string | null;
  party: string | null;
  start_date: string | null;
  end_date: string | null;
  sessions: string[];
}

export interface Membership {
  id: string;
  organization: OrganizationRef;
  role: string;
  label: string | null;
  start_date: string | null;
  end_date: string | null;
  current: boolean;
}

export interface PersonDetail extends Person {
  memberships: Membership[];
  terms: Term[];
}

export interface PersonBallot {
  vote_event: {
    id: string;
    identifier: string;
    session: string;
    start_date: string;
    motion_text: Bilingual;
    result: string;
    bill: { id: string | null; identifier: string | null } | null;
    url: string;
  };
  option: string;
  party: string | null;
}

export interface VoteSummary {
  divisions: number;
  attended: number;
  absent: number;
  attendance_rate: number | null;
  counts: Count[];
  party_line_ballots: number;
  dissents: number;
  dissent_rate: number | null;
}

export interface PersonVotes extends List<PersonBallot> {
  summary: VoteSummary;
}

export interface Speech {
  id: string;
  debate_id: string;
  date: string;
  sequence: number;
  speaker: { name: string; person_id: string | null; affiliation: string | null };
  time: string | null;
  subject: Bilingual;
  text: Bilingual;
  bill: { id: string; identifier: string } | null;
}

export interface Debate {
  id: string;
  jurisdiction_id: string;
  session: string;
  date: string;
  number: number | null;
  title: string | null;
  speech_count: number;
}

export interface Committee {
  id: string;
  jurisdiction_id: string;
  name: Bilingual;
  abbreviation: string | null;
  chamber: string | null;
  url: string;
}

export interface CommitteeDetail extends Committee {
  meeting_count: number;
  first_meeting_date: string | null;
  last_meeting_date: string | null;
}

export interface CommitteeMeeting {
  id: string;
  session: string;
  number: number | null;
  date: string | null;
  title: string | null;
  url: string | null;
  bills: { id: string; session: string; identifier: string; title: Bilingual; url: string }[];
}

export interface SearchHit {
  type: 'bill' | 'person' | 'vote' | 'speech';
  id: string;
  title: string;
  url: string;
  date: string | null;
  /** HTML: escaped text with <mark> around the matches. */
  snippet: string;
}

export interface Jurisdiction {
  id: string;
  code: string;
  name: Bilingual;
  classification: string;
  level: string;
}

export interface Session {
  id: string;
  jurisdiction_id: string;
  identifier: string;
  name: string;
  start_date: string | null;
}

export interface DataSource {
  source: string;
  description: string | null;
}

// ── accounts and administration ─────────────────────────────────────────
export type Role = 'admin' | 'editor' | 'user';

export interface User {
  id: string;
  email: string;
  username: string | null;
  name: string | null;
  role: Role;
  tier: string;
  disabled: boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export interface AccountSession {
  id: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  current: boolean;
}

/** A bill or person I follow (GET /api/v1/me/saved). */
export interface SavedItem {
  id: string;
  type: 'bill' | 'person';
  item_id: string;
  title: string | null;
  url: string;
  created_at: string;
  updated_at: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  /** Permissions the key may use, chosen at creation. */
  scopes: string[];
}

/** POST /auth/password: what the change ended, and the keys that still work. */
export interface PasswordChanged {
  sessions_revoked: number;
  api_keys: ApiKey[];
}

export interface NewApiKey extends ApiKey {
  key: string;
}

/** Any user's key, as the admin console lists it. */
export interface AdminApiKey extends ApiKey {
  user_id: string;
  owner: { email: string; username: string | null; tier: string };
}

export interface ImportRun {
  id: number;
  source: string;
  status: 'running' | 'succeeded' | 'partial' | 'failed';
  started_at: string;
  finished_at: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
}

export interface ImportRunDetail extends ImportRun {
  rejections: { location: string; message: string; record: string | null }[];
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  outcome: string;
  user_id: string | null;
  actor: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}
