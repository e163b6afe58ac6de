/**
 * The OpenPolicy schema: Open Civic Data / Popolo shaped, one definition for
 * PostgreSQL and PGlite. Public ids are OCD ids (text primary keys) derived
 * deterministically from source keys, so importers link records without lookups
 * and a re-import upserts the same rows.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  bigserial,
  check,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { billNumberOrder, noDate } from './bill-order.js';
import { textVector } from './full-text.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Where a fact came from: the source, the file or URL, and when it was read. */
export interface Provenance {
  source: string;
  url?: string;
  file?: string;
  location?: string;
  retrieved_at: string;
}
export interface OtherIdentifier {
  scheme: string;
  identifier: string;
}
export interface ContactDetail {
  type: 'email' | 'voice' | 'fax' | 'cell' | 'address' | 'url';
  value: string;
  note?: string;
}
export interface Link {
  url: string;
  note?: string;
}

/**
 * A time the API shows but no code computes with: PostgreSQL's text as the driver hands it over
 * (`2021-11-22 15:00:00.123456+00`), which isoTime (src/api/resources.ts) rewrites for a response
 * without the Date per value of drizzle's 'date' mode. The times accounts, sessions, keys and jobs
 * compare and add to stay Dates.
 */
const shownTime = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

const timestamps = {
  createdAt: shownTime('created_at').notNull().defaultNow(),
  updatedAt: shownTime('updated_at').notNull().defaultNow(),
};
const provenance = {
  sources: jsonb('sources').$type<Provenance[]>().notNull().default(sql`'[]'::jsonb`),
};

/** English and French full-text vectors over the given expressions (generated, never stale). */
function searchColumns(en: SQL, fr: SQL) {
  return {
    searchEn: tsvector('search_en').generatedAlwaysAs(textVector('en', en)),
    searchFr: tsvector('search_fr').generatedAlwaysAs(textVector('fr', fr)),
  };
}

export const jurisdictions = pgTable('jurisdictions', {
  id: text('id').primaryKey(), // ocd-jurisdiction/country:ca/legislature
  name: text('name').notNull(),
  nameFr: text('name_fr'),
  classification: text('classification').notNull(), // legislature | government | council
  level: text('level').notNull(), // federal | provincial | municipal
  divisionId: text('division_id'),
  url: text('url'),
  ...provenance,
  ...timestamps,
}, (t) => [index('jurisdictions_level_idx').on(t.level)]);

export const divisions = pgTable('divisions', {
  id: text('id').primaryKey(), // ocd-division/country:ca/ed:35110
  name: text('name').notNull(),
  nameFr: text('name_fr'),
  classification: text('classification'), // country, province, territory, ed, ped, cd, csd, ...
  parentId: text('parent_id'),
  sgc: text('sgc'),
  validFrom: date('valid_from'),
  validThrough: date('valid_through'),
  ...provenance,
  ...timestamps,
}, (t) => [
  index('divisions_parent_idx').on(t.parentId),
  index('divisions_classification_idx').on(t.classification),
  index('divisions_name_idx').on(sql`lower(${t.name})`),
  // divisions?sort=updated_asc|desc (src/api/routes/divisions.ts)
  index('divisions_updated_idx').on(t.updatedAt, t.id),
]);

export const organizations = pgTable('organizations', {
  id: text('id').primaryKey(), // ocd-organization/<uuid>
  jurisdictionId: text('jurisdiction_id').references(() => jurisdictions.id),
  parentId: text('parent_id'),
  name: text('name').notNull(),
  nameFr: text('name_fr'),
  classification: text('classification').notNull(), // legislature | lower | upper | committee | party | council
  abbreviation: text('abbreviation'),
  otherIdentifiers: jsonb('other_identifiers').$type<OtherIdentifier[]>().notNull().default(sql`'[]'::jsonb`),
  ...provenance,
  ...timestamps,
}, (t) => [
  index('organizations_jurisdiction_idx').on(t.jurisdictionId, t.classification),
  index('organizations_parent_idx').on(t.parentId),
]);

/** What describes a person, in `people` and in each source's `person_records`. */
const personDetails = {
  name: text('name').notNull(),
  givenName: text('given_name'),
  familyName: text('family_name'),
  sortName: text('sort_name'),
  otherNames: jsonb('other_names').$type<{ name: string; note?: string }[]>().notNull().default(sql`'[]'::jsonb`),
  gender: text('gender'),
  image: text('image'),
  email: text('email'),
  contactDetails: jsonb('contact_details').$type<ContactDetail[]>().notNull().default(sql`'[]'::jsonb`),
  links: jsonb('links').$type<Link[]>().notNull().default(sql`'[]'::jsonb`),
  otherIdentifiers: jsonb('other_identifiers').$type<OtherIdentifier[]>().notNull().default(sql`'[]'::jsonb`),
};

export const people = pgTable('people', {
  id: text('id').primaryKey(), // ocd-person/<uuid>
  ...personDetails,
  /** Lower-cased, accent-stripped name and other names, for accent-insensitive search. */
  searchName: text('search_name').notNull(),
  /**
   * The day the person's last membership ends: 'infinity' while one is open, null with none. The memberships'
   * triggers keep it (migration 0009), so "current" (held_until >= current_date) is read from the person's own row.
   */
  heldUntil: date('held_until'),
  ...provenance,
  ...timestamps,
}, (t) => [
  index('people_search_name_idx').on(t.searchName),
  // Trigrams (pg_trgm, migration 0007): a name containing what was typed (LIKE '%…%') without reading every name.
  index('people_search_name_trgm_idx').using('gin', t.searchName.op('gin_trgm_ops')),
  // The list's order, with held_until so a deep page of current people skips the rows before it in the index alone.
  index('people_sort_idx').on(sql`lower(coalesce(${t.sortName}, ${t.name}))`, t.id, t.heldUntil),
  index('people_other_identifiers_idx').using('gin', t.otherIdentifiers),
]);

/** A seat or sighting a source gives for a person: what name-and-riding matching compares. */
export interface PersonSeat {
  /** The chamber or council (organization id). */
  organization: string;
  district: string;
  start?: string | null;
  end?: string | null;
}

/**
 * What one source says about one person, keyed by the source and the key that
 * source alone would give them. `people` is derived from these (src/ingest/identity.ts):
 * records that are the same person resolve to one `person_id`, whatever order
 * the sources were imported in.
 */
export const personRecords = pgTable('person_records', {
  source: text('source').notNull(),
  sourceKey: text('source_key').notNull(), // e.g. parl-person-id:1589, openparliament-politician:109
  personId: text('person_id'), // set by the resolver, never by an importer
  ...personDetails,
  seats: jsonb('seats').$type<PersonSeat[]>().notNull().default(sql`'[]'::jsonb`),
  ...provenance,
  ...timestamps,
}, (t) => [primaryKey({ columns: [t.source, t.sourceKey] }), index('person_records_person_idx').on(t.personId)]);

/**
 * Two people who may be one: the same name, but no shared identifier, or a
 * shared name and riding with different ids. Never merged by the resolver; kept
 * for a person to decide (and counted by `openpolicy status`). Rebuilt on every resolution.
 */
export const personCandidates = pgTable('person_candidates', {
  personId: text('person_id').notNull(),
  otherPersonId: text('other_person_id').notNull(),
  name: text('name').notNull(),
  reason: text('reason').notNull(),
  createdAt: shownTime('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.personId, t.otherPersonId] })]);

/**
 * A person's role in an organization over time: a seat (with its division), a
 * party affiliation, a council post. `onBehalfOfId` is the party for a seat.
 */
export const memberships = pgTable('memberships', {
  id: text('id').primaryKey(),
  personId: text('person_id').notNull().references(() => people.id),
  organizationId: text('organization_id').notNull().references(() => organizations.id),
  onBehalfOfId: text('on_behalf_of_id').references(() => organizations.id),
  role: text('role').notNull(), // member | mayor | councillor | minister | ...
  label: text('label'),
  district: text('district'),
  divisionId: text('division_id'),
  startDate: date('start_date'),
  endDate: date('end_date'),
  ...provenance,
  ...timestamps,
}, (t) => [
  index('memberships_person_idx').on(t.personId),
  index('memberships_organization_idx').on(t.organizationId, t.endDate),
  index('memberships_division_idx').on(t.divisionId, t.startDate),
]);

export const legislativeSessions = pgTable('legislative_sessions', {
  id: text('id').primaryKey(), // <jurisdiction id>/<identifier>, e.g. ocd-jurisdiction/country:ca/legislature/45-1
  jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
  identifier: text('identifier').notNull(), // 45-1
  name: text('name').notNull(),
  classification: text('classification').notNull().default('primary'),
  startDate: date('start_date'),
  endDate: date('end_date'),
  ...provenance,
  ...timestamps,
}, (t) => [index('sessions_jurisdiction_idx').on(t.jurisdictionId, t.identifier)]);

export const bills = pgTable('bills', {
  id: text('id').primaryKey(), // ocd-bill/<uuid>
  jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
  sessionId: text('session_id').notNull().references(() => legislativeSessions.id),
  identifier: text('identifier').notNull(), // C-12
  titleEn: text('title_en').notNull(),
  titleFr: text('title_fr'),
  shortTitleEn: text('short_title_en'),
  shortTitleFr: text('short_title_fr'),
  billType: text('bill_type'), // e.g. "House Government Bill"
  isGovernment: boolean('is_government'),
  originatingChamber: text('originating_chamber'), // lower | upper
  sponsorPersonId: text('sponsor_person_id').references(() => people.id),
  sponsorName: text('sponsor_name'),
  sponsorTitle: text('sponsor_title'),
  statusEn: text('status_en'),
  statusFr: text('status_fr'),
  latestStageEn: text('latest_stage_en'),
  latestStageFr: text('latest_stage_fr'),
  introducedDate: date('introduced_date'),
  latestActionDate: date('latest_action_date'),
  royalAssentDate: date('royal_assent_date'),
  statuteYear: integer('statute_year'),
  statuteChapter: text('statute_chapter'),
  summaryEn: text('summary_en'),
  summaryFr: text('summary_fr'),
  otherIdentifiers: jsonb('other_identifiers').$type<OtherIdentifier[]>().notNull().default(sql`'[]'::jsonb`),
  ...provenance,
  ...timestamps,
  ...searchColumns(
    sql`coalesce(identifier,'') || ' ' || coalesce(short_title_en,'') || ' ' || coalesce(title_en,'') || ' ' || coalesce(summary_en,'')`,
    sql`coalesce(identifier,'') || ' ' || coalesce(short_title_fr,'') || ' ' || coalesce(title_fr,'') || ' ' || coalesce(summary_fr,'')`,
  ),
}, (t) => [
  index('bills_session_identifier_idx').on(t.sessionId, t.identifier),
  index('bills_identifier_idx').on(t.identifier),
  // Full-text filters also match an exact number (upper(identifier) = upper(q)): indexed too, so the OR is a bitmap of indexes.
  index('bills_identifier_upper_idx').on(sql`upper(${t.identifier})`),
  index('bills_status_idx').on(t.statusEn),
  index('bills_sponsor_idx').on(t.sponsorPersonId),
  index('bills_introduced_idx').on(t.introducedDate), // introduced_since, introduced_before
  // The lists' orders (src/api/routes), so a page is read in order and stops at its limit instead of sorting every match.
  index('bills_updated_idx').on(t.updatedAt, t.id),
  index('bills_session_updated_idx').on(t.sessionId, t.updatedAt, t.id),
  index('bills_introduced_sort_idx').on(noDate(t.introducedDate), t.id, t.introducedDate),
  index('bills_latest_action_sort_idx').on(noDate(t.latestActionDate), t.id, t.latestActionDate),
  index('bills_number_sort_idx').on(...billNumberOrder(t), t.id, t.sessionId, t.jurisdictionId, t.identifier),
  // After the id, the columns the order's expressions read (never reordering: the id is unique): PostgreSQL 15 scans an
  // index only (no heap) when the columns a query reads are in it as columns, so the rows a deep page skips, found by
  // their keys alone, and the keys a first deep page keeps (src/api/lists.ts) are read from the index, not the table.
  // A session's bills in each order: the equality on session_id leaves the rest of the index in the order.
  index('bills_session_introduced_sort_idx').on(t.sessionId, noDate(t.introducedDate), t.id, t.introducedDate),
  index('bills_session_latest_action_sort_idx').on(t.sessionId, noDate(t.latestActionDate), t.id, t.latestActionDate),
  index('bills_session_number_sort_idx').on(t.sessionId, ...billNumberOrder(t), t.id, t.jurisdictionId, t.identifier),
  // A jurisdiction's bills (jurisdiction= without session=) likewise: a page's statement keeps its generic plan, which
  // cannot tell a jurisdiction of 33 bills from one of 6,229, so without these it walked the whole order for BC's.
  index('bills_jurisdiction_updated_idx').on(t.jurisdictionId, t.updatedAt, t.id),
  index('bills_jurisdiction_introduced_sort_idx').on(t.jurisdictionId, noDate(t.introducedDate), t.id, t.introducedDate),
  index('bills_jurisdiction_latest_action_sort_idx').on(t.jurisdictionId, noDate(t.latestActionDate), t.id, t.latestActionDate),
  index('bills_jurisdiction_number_sort_idx').on(t.jurisdictionId, ...billNumberOrder(t), t.id, t.sessionId, t.identifier),
  index('bills_search_en_idx').using('gin', t.searchEn),
  index('bills_search_fr_idx').using('gin', t.searchFr),
]);

export const billActions = pgTable('bill_actions', {
  id: text('id').primaryKey(),
  billId: text('bill_id').notNull().references(() => bills.id, { onDelete: 'cascade' }),
  order: integer('order').notNull(),
  date: date('date'),
  /** Time of day as published (HH:MM:SS); null when the source gives none (it writes midnight). */
  time: text('time'),
  chamber: text('chamber'), // lower | upper | executive
  stageEn: text('stage_en'),
  stageFr: text('stage_fr'),
  descriptionEn: text('description_en').notNull(),
  descriptionFr: text('description_fr'),
  /** OCD bill-action classes, e.g. ["reading-2", "referral-committee"]. */
  classification: jsonb('classification').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  committeeId: text('committee_id').references(() => organizations.id),
  ...provenance,
  ...timestamps,
}, (t) => [
  index('bill_actions_bill_idx').on(t.billId, t.order),
  index('bill_actions_date_idx').on(t.date),
  // A committee's first and last stage (committees' first_active/last_active): read per committee, not the whole table.
  index('bill_actions_committee_idx').on(t.committeeId, t.date).where(sql`${t.committeeId} is not null`),
]);

export const billTexts = pgTable('bill_texts', {
  id: text('id').primaryKey(),
  billId: text('bill_id').notNull().references(() => bills.id, { onDelete: 'cascade' }),
  version: text('version').notNull(), // e.g. "First Reading", "Royal Assent"
  language: text('language').notNull(), // en | fr
  text: text('text').notNull(),
  url: text('url'),
  ...provenance,
  ...timestamps,
  // to_tsvector is capped at 1 MB of lexemes; the leading megabyte carries the searchable substance.
  searchEn: tsvector('search_en').generatedAlwaysAs(sql`CASE WHEN language = 'en' THEN ${textVector('en', sql`left(text, 500000)`)} END`),
  searchFr: tsvector('search_fr').generatedAlwaysAs(sql`CASE WHEN language = 'fr' THEN ${textVector('fr', sql`left(text, 500000)`)} END`),
}, (t) => [
  index('bill_texts_bill_idx').on(t.billId),
  index('bill_texts_search_en_idx').using('gin', t.searchEn),
  index('bill_texts_search_fr_idx').using('gin', t.searchFr),
]);

export const committeeMeetings = pgTable('committee_meetings', {
  id: text('id').primaryKey(),
  committeeId: text('committee_id').notNull().references(() => organizations.id),
  sessionId: text('session_id').references(() => legislativeSessions.id),
  number: integer('number'),
  date: date('date'),
  title: text('title'),
  url: text('url'),
  ...provenance,
  ...timestamps,
}, (t) => [index('committee_meetings_committee_idx').on(t.committeeId, t.date)]);

export const committeeMeetingBills = pgTable('committee_meeting_bills', {
  meetingId: text('meeting_id').notNull().references(() => committeeMeetings.id, { onDelete: 'cascade' }),
  billId: text('bill_id').notNull().references(() => bills.id, { onDelete: 'cascade' }),
  ...timestamps,
}, (t) => [primaryKey({ columns: [t.meetingId, t.billId] }), index('committee_meeting_bills_bill_idx').on(t.billId)]);

export const voteEvents = pgTable('vote_events', {
  id: text('id').primaryKey(), // ocd-vote/<uuid>
  jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
  sessionId: text('session_id').notNull().references(() => legislativeSessions.id),
  organizationId: text('organization_id').references(() => organizations.id),
  identifier: text('identifier').notNull(), // division number as published
  number: integer('number'),
  startDate: date('start_date').notNull(),
  motionTextEn: text('motion_text_en').notNull(),
  motionTextFr: text('motion_text_fr'),
  result: text('result').notNull(), // pass | fail | tie
  yesCount: integer('yes_count').notNull(),
  noCount: integer('no_count').notNull(),
  pairedCount: integer('paired_count').notNull().default(0),
  absentCount: integer('absent_count'),
  billId: text('bill_id'), // soft link: the division may be loaded before its bill
  billIdentifier: text('bill_identifier'),
  // The ballots recorded for the division, kept exact by triggers on votes (migration 0006): lists show it per row.
  ballotCount: integer('ballot_count').notNull().default(0),
  ...provenance,
  ...timestamps,
  ...searchColumns(sql`coalesce(motion_text_en,'')`, sql`coalesce(motion_text_fr,'')`),
}, (t) => [
  index('vote_events_session_number_idx').on(t.sessionId, t.number),
  index('vote_events_jurisdiction_date_idx').on(t.jurisdictionId, t.startDate),
  index('vote_events_date_idx').on(t.startDate, sql`coalesce(${t.number}, 0)`, t.id),
  index('vote_events_session_date_idx').on(t.sessionId, t.startDate, sql`coalesce(${t.number}, 0)`, t.id),
  index('vote_events_bill_idx').on(t.billId),
  index('vote_events_updated_idx').on(t.updatedAt),
  index('vote_events_search_en_idx').using('gin', t.searchEn),
  index('vote_events_search_fr_idx').using('gin', t.searchFr),
  index('vote_events_bill_identifier_upper_idx').on(sql`upper(${t.billIdentifier})`),
]);

/** One row per member per division. Unresolved voters keep the printed name with a null voter_id. */
export const votes = pgTable('votes', {
  voteEventId: text('vote_event_id').notNull().references(() => voteEvents.id, { onDelete: 'cascade' }),
  voterName: text('voter_name').notNull(), // as printed
  voterId: text('voter_id'), // soft link to people.id; null when the printed name did not resolve
  option: text('option').notNull(), // yes | no | paired | absent | abstain
  party: text('party'),
  ...timestamps,
}, (t) => [primaryKey({ columns: [t.voteEventId, t.voterName] }), index('votes_voter_idx').on(t.voterId)]);

export const debates = pgTable('debates', {
  id: text('id').primaryKey(),
  jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
  sessionId: text('session_id').references(() => legislativeSessions.id),
  organizationId: text('organization_id').references(() => organizations.id),
  date: date('date').notNull(),
  number: integer('number'), // sitting number
  title: text('title'), // English
  titleFr: text('title_fr'),
  otherIdentifiers: jsonb('other_identifiers').$type<OtherIdentifier[]>().notNull().default(sql`'[]'::jsonb`),
  ...provenance,
  ...timestamps,
}, (t) => [index('debates_date_idx').on(t.jurisdictionId, t.date), index('debates_date_id_idx').on(t.date, t.id)]);

export const SPEAKER_ROLES = ['member', 'presiding_officer', 'witness', 'staff', 'group'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

export const speeches = pgTable('speeches', {
  id: text('id').primaryKey(),
  debateId: text('debate_id').notNull().references(() => debates.id, { onDelete: 'cascade' }),
  sequence: integer('sequence').notNull(),
  personId: text('person_id'), // soft link to people.id
  speakerName: text('speaker_name').notNull(), // as printed
  speakerAffiliation: text('speaker_affiliation'), // party / riding as printed
  speakerRole: text('speaker_role').$type<SpeakerRole>(), // who spoke: a member, the chair, a witness, a clerk, a group ("Some hon. members")
  time: shownTime('time'),
  subjectEn: text('subject_en'),
  subjectFr: text('subject_fr'),
  textEn: text('text_en'),
  textFr: text('text_fr'),
  billId: text('bill_id'), // soft link to bills.id
  otherIdentifiers: jsonb('other_identifiers').$type<OtherIdentifier[]>().notNull().default(sql`'[]'::jsonb`),
  ...provenance,
  ...timestamps,
  ...searchColumns(
    sql`coalesce(subject_en,'') || ' ' || coalesce(text_en,'')`,
    sql`coalesce(subject_fr,'') || ' ' || coalesce(text_fr,'')`,
  ),
}, (t) => [
  index('speeches_debate_idx').on(t.debateId, t.sequence),
  index('speeches_person_idx').on(t.personId),
  index('speeches_bill_idx').on(t.billId),
  index('speeches_search_en_idx').using('gin', t.searchEn),
  index('speeches_search_fr_idx').using('gin', t.searchFr),
]);

export const importRuns = pgTable('import_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  source: text('source').notNull(),
  paths: jsonb('paths').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  status: text('status').notNull(), // running | succeeded | partial | failed | abandoned (src/ingest/import-runs.ts)
  startedAt: shownTime('started_at').notNull().defaultNow(),
  finishedAt: shownTime('finished_at'),
  inserted: integer('inserted').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  error: text('error'),
  ...timestamps,
}, (t) => [index('import_runs_source_idx').on(t.source, t.startedAt)]);

/** A record an importer refused, with where it was found, so a person can fix the source. */
export const importErrors = pgTable('import_errors', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  runId: integer('run_id').notNull().references(() => importRuns.id, { onDelete: 'cascade' }),
  location: text('location').notNull(), // file:line or file#element
  message: text('message').notNull(),
  record: text('record'),
  ...timestamps,
}, (t) => [index('import_errors_run_idx').on(t.runId)]);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Every document a fetcher received, byte for byte, with its URL and when it came
 * (src/fetch): kept before it is imported, so a run can be replayed and provenance
 * names the URL. The newest row of a URL holds the validators its next
 * conditional GET sends; a 304 or an identical body adds no row.
 */
export const fetchedDocuments = pgTable('fetched_documents', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  source: text('source').notNull(),
  url: text('url').notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  runId: integer('run_id').references(() => importRuns.id, { onDelete: 'set null' }),
  /** The file name its importer reads it under; null for a document only read to find others (a list). */
  name: text('name'),
  contentType: text('content_type'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  sha256: text('sha256').notNull(),
  body: bytea('body').notNull(),
}, (t) => [index('fetched_documents_url_idx').on(t.url, t.fetchedAt), index('fetched_documents_run_idx').on(t.runId)]);

// ── accounts and access (src/auth) ──────────────────────────────────────────
// Row-level security on sessions, refresh_tokens and api_keys, the database roles
// and the append-only guard on audit_log are in src/db/access-control.sql.

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(), // stored lower-cased
  username: text('username'),
  name: text('name'),
  passwordHash: text('password_hash').notNull(), // argon2id PHC string
  role: text('role').notNull().default('user'), // admin | editor | user
  tier: text('tier').notNull().default('default'), // rate-limit tier, see src/auth/rate-limit.ts
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  ...timestamps,
}, (t) => [
  uniqueIndex('users_email_idx').on(t.email),
  uniqueIndex('users_username_idx').on(sql`lower(${t.username})`),
  index('users_role_idx').on(t.role),
]);

/** A login: one refresh-token family. Revoking it ends every token rotated from that login. */
export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedReason: text('revoked_reason'), // logout | password-change | refresh-reuse | revoked | disabled
  userAgent: text('user_agent'),
  ip: text('ip'),
  // SHA-256 of the session's secret (src/auth/tokens.ts): what the database derives the acting user from.
  secretHash: text('secret_hash').notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_secret_idx').on(t.secretHash)]);

/** Every refresh token ever issued in a session, by SHA-256; a used one seen again is a theft signal. */
export const refreshTokens = pgTable('refresh_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  sessionId: uuid('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [index('refresh_tokens_session_idx').on(t.sessionId), index('refresh_tokens_user_idx').on(t.userId)]);

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(), // the visible start of the key, e.g. opk_3fA9xQ2b
  keyHash: text('key_hash').notNull(), // SHA-256 of the whole key; the key itself is shown once
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  // Permissions the key may use, chosen at creation (src/auth/permissions.ts KEY_SCOPES).
  scopes: text('scopes').array().notNull().default(sql`'{public:read}'::text[]`),
}, (t) => [uniqueIndex('api_keys_hash_idx').on(t.keyHash), index('api_keys_user_idx').on(t.userId)]);

/** What a user follows: bills and people, by OCD id. Row-level security keeps each user to their own rows. */
export const savedItems = pgTable('saved_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  itemType: text('item_type').$type<'bill' | 'person'>().notNull(), // bill | person
  itemId: text('item_id').notNull(), // ocd-bill/<uuid> or ocd-person/<uuid>; no foreign key, so a re-import cannot fail on it
  /** This item's mail (src/alerts/channels.ts); null: the user's own setting. */
  email: text('email').$type<'off' | 'immediate' | 'daily'>(),
  /** Whether the user's webhooks get this item's events; null: yes, as for everything the user follows. */
  webhook: boolean('webhook'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('saved_items_user_item_idx').on(t.userId, t.itemType, t.itemId),
  check('saved_items_type_check', sql`${t.itemType} IN ('bill', 'person')`),
  check('saved_items_email_check', sql`${t.email} IN ('off', 'immediate', 'daily')`),
]);

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [index('password_resets_user_idx').on(t.userId)]);

/** Mail that would have been sent, when no SMTP server is configured; admins read it. */
export const emailOutbox = pgTable('email_outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  /** Headers beyond the subject, as they would have been sent (List-Unsubscribe on alerts). */
  headers: jsonb('headers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('email_outbox_created_idx').on(t.createdAt)]);

/** Append-only: the application role may only INSERT and SELECT, and a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  action: text('action').notNull(), // login.success, user.role_change, key.create, ... (src/auth/audit.ts)
  outcome: text('outcome').notNull(), // success | failure
  // No foreign key: the trail outlives the user it mentions.
  userId: uuid('user_id'),
  actor: text('actor'), // the user's email at the time, or "cli"
  targetType: text('target_type'),
  targetId: text('target_id'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  requestId: text('request_id'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
}, (t) => [
  index('audit_log_at_idx').on(t.at),
  index('audit_log_action_idx').on(t.action, t.at),
  index('audit_log_user_idx').on(t.userId, t.at),
]);

// ── alerts: events from imports and their delivery (src/alerts) ─────────────

/**
 * Something that happened in the data, recorded when an import run commits it
 * (src/alerts/events.ts). The id is derived from what happened (the kind and the
 * record it is about), so detecting the same change twice records it once and
 * every channel names it the same way.
 */
export const events = pgTable('events', {
  id: text('id').primaryKey(), // evt_<32 hex>: sha256 of kind + natural key
  kind: text('kind').notNull(), // bill.stage | bill.division | bill.introduced | person.spoke
  runId: integer('run_id').references(() => importRuns.id, { onDelete: 'set null' }),
  occurredOn: date('occurred_on'),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  /** The API path of the record the event is about. */
  url: text('url').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('events_created_idx').on(t.createdAt, t.id)]);

/** Who or what an event concerns: the bill, the people who voted, spoke or sponsored, the saved searches it matched. */
export const eventSubjects = pgTable('event_subjects', {
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  subjectType: text('subject_type').$type<'bill' | 'person' | 'search'>().notNull(),
  subjectId: text('subject_id').notNull(),
}, (t) => [
  primaryKey({ columns: [t.eventId, t.subjectType, t.subjectId] }),
  index('event_subjects_subject_idx').on(t.subjectType, t.subjectId, t.eventId),
]);

/** A user's alert settings: how they are mailed, and the secrets of their private feed and unsubscribe link. */
export const alertSettings = pgTable('alert_settings', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  email: text('email').$type<'off' | 'immediate' | 'daily'>().notNull().default('immediate'),
  feedToken: text('feed_token').notNull(),
  unsubscribeToken: text('unsubscribe_token').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('alert_settings_feed_idx').on(t.feedToken),
  uniqueIndex('alert_settings_unsubscribe_idx').on(t.unsubscribeToken),
  check('alert_settings_email_check', sql`${t.email} IN ('off', 'immediate', 'daily')`),
]);

/** A search a user keeps: new bills and speeches that match it become events for them. Row-level security as saved_items. */
export const savedSearches = pgTable('saved_searches', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  q: text('q').notNull(),
  /** What it matches: bills, speeches or both. */
  types: text('types').array().notNull().default(sql`'{bill,speech}'::text[]`),
  /** A session identifier (45-1) it is limited to, or null for every session. */
  session: text('session'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('saved_searches_user_idx').on(t.userId)]);

/** A user's webhook: events they follow are POSTed to its URL, signed with its secret. Row-level security as saved_items. */
export const webhooks = pgTable('webhooks', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  /** The HMAC-SHA256 key, shown once at creation; kept because every delivery is signed with it. */
  secret: text('secret').notNull(),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  disabledReason: text('disabled_reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('webhooks_user_idx').on(t.userId)]);

/** Events a user was told about, newest first: their private feed and the source of their daily digest. */
export const notifications = pgTable('notifications', {
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.eventId] }), index('notifications_user_idx').on(t.userId, t.createdAt)]);

/**
 * The durable job queue (src/alerts/queue.ts): a job is claimed with FOR UPDATE
 * SKIP LOCKED under a lease, retried with exponential backoff, and its key is
 * unique, so one event reaches one subscriber on one channel once.
 */
export const jobs = pgTable('jobs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(), // fanout | email | digest | webhook
  /** Idempotency: event + subscriber + channel (email:<event>:<user>, webhook:<event>:<webhook>, …). */
  key: text('key').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  userId: uuid('user_id'),
  webhookId: uuid('webhook_id'),
  status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(5),
  runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastError: text('last_error'),
  /** A webhook delivery's last HTTP status and latency. */
  lastStatus: integer('last_status'),
  lastLatencyMs: integer('last_latency_ms'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('jobs_key_idx').on(t.key),
  index('jobs_due_idx').on(t.runAt).where(sql`status IN ('queued', 'running')`),
  index('jobs_webhook_idx').on(t.webhookId, t.id),
]);
