/**
 * ourcommons.ca division XML built only from recorded real data: the list
 * (`ArrayOfVote`) from the rows of ourcommons-44/divisions-44-1.csv (the House's
 * export of the same list, with the same field names), and each division's
 * ballots (`ArrayOfVoteParticipant`) from the ballots the shared Hansard sitting
 * records, as the Hansard importer stored them, with each member's House
 * PersonId and riding from the members import. Nothing is invented: a ballot
 * Hansard does not print is not in the fixture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { FEDERAL_JURISDICTION, voteEventId } from '../../src/domain/ids.js';
import { readCsv } from '../../src/ingest/files.js';
import { SHARED_DATA } from './db.js';

export interface StoredBallot extends Record<string, unknown> {
  voter_name: string;
  voter_id: string | null;
  option: string;
  party: string | null;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const element = (name: string, value: string | number | boolean) => `    <${name}>${escape(String(value))}</${name}>`;

/** The ballots stored for a 44-1 division, in a stable order. */
export function storedBallots(database: Database, number: number): Promise<StoredBallot[]> {
  return database.rows<StoredBallot>(sql`SELECT voter_name, voter_id, option, party FROM votes
    WHERE vote_event_id = ${voteEventId(FEDERAL_JURISDICTION, '44-1', number)} ORDER BY voter_name`);
}

/** Ballots by member: what each says, whatever name it is printed under. */
export function byVoter(ballots: StoredBallot[]) {
  return ballots.map(({ voter_id, option, party }) => ({ voter_id, option, party })).sort((a, b) => (a.voter_id ?? '').localeCompare(b.voter_id ?? ''));
}

/** `ArrayOfVote` of the given 44-1 divisions, from divisions-44-1.csv. */
export async function divisionListXml(numbers: number[]): Promise<string> {
  const file = join(SHARED_DATA, 'ourcommons-44', 'divisions-44-1.csv');
  const rows = await readCsv(readFileSync(file, 'utf8'), file);
  const fields = ['ParliamentNumber', 'SessionNumber', 'DecisionEventDateTime', 'DecisionDivisionNumber', 'DecisionDivisionSubject',
    'DecisionResultName', 'DecisionDivisionNumberOfYeas', 'DecisionDivisionNumberOfNays', 'DecisionDivisionNumberOfPaired',
    'DecisionDivisionDocumentTypeName', 'DecisionDivisionDocumentTypeId', 'BillNumberCode'];
  const votes = rows.filter((r) => numbers.includes(Number(r.record.DecisionDivisionNumber)))
    .map((r) => `  <Vote>\n${fields.map((f) => element(f, r.record[f] ?? '')).join('\n')}\n  </Vote>`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<ArrayOfVote xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${votes.join('\n')}\n</ArrayOfVote>\n`;
}

/** PersonId → riding, from the House's member tenure export. */
async function ridings(): Promise<Map<string, string>> {
  const file = join(SHARED_DATA, 'ourcommons-44', 'members_tenure.csv');
  const rows = await readCsv(readFileSync(file, 'utf8'), file);
  return new Map(rows.map((r) => [r.record.PersonId!, r.record.ConstituencyName!]));
}

/**
 * `ArrayOfVoteParticipant` of a 44-1 division from the ballots a database holds
 * after importing the members and the Hansard sitting that printed the division.
 */
export async function voteParticipantsXml(database: Database, number: number): Promise<string> {
  const riding = await ridings();
  const rows = await database.rows<{ voter_name: string; option: string; party: string; person_id: string; given_name: string }>(sql`
    SELECT v.voter_name, v.option, v.party, p.given_name,
      (SELECT i->>'identifier' FROM jsonb_array_elements(p.other_identifiers) i WHERE i->>'scheme' = 'parl-person-id') AS person_id
    FROM votes v JOIN people p ON p.id = v.voter_id
    WHERE v.vote_event_id = ${voteEventId(FEDERAL_JURISDICTION, '44-1', number)} ORDER BY v.voter_name`);
  const participants = rows.map((r) => [
    '  <VoteParticipant>',
    element('ParliamentNumber', 44),
    element('SessionNumber', 1),
    element('DecisionDivisionNumber', number),
    element('PersonOfficialFirstName', r.given_name),
    // Hansard prints the surname, and the riding after it where two members share it.
    element('PersonOfficialLastName', r.voter_name.replace(/ \(.*\)$/, '')),
    element('ConstituencyName', riding.get(r.person_id) ?? ''),
    element('CaucusShortName', r.party),
    element('IsVoteYea', r.option === 'yes'),
    element('IsVoteNay', r.option === 'no'),
    element('IsVotePaired', r.option === 'paired'),
    element('PersonId', r.person_id),
    '  </VoteParticipant>',
  ].join('\n'));
  return `<?xml version="1.0" encoding="utf-8"?>\n<ArrayOfVoteParticipant xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${participants.join('\n')}\n</ArrayOfVoteParticipant>\n`;
}
