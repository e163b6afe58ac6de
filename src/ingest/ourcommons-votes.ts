/**
 * House of Commons divisions as ourcommons.ca publishes them in XML: the list of
 * a session's divisions (`/members/{en,fr}/votes/xml`, an `ArrayOfVote` with the
 * date, subject, result and the published yea / nay / paired totals) and each
 * division's ballots (`/members/en/votes/{parliament}/{session}/{number}/xml`, an
 * `ArrayOfVoteParticipant`: one `VoteParticipant` per member with `PersonId`,
 * `CaucusShortName`, `IsVoteYea`, `IsVoteNay`, `IsVotePaired`).
 *
 * Every ballot of a division is recorded only when the ballots add up to the
 * published totals (from the list given with them, else from the division
 * already stored); otherwise the division's ballots are rejected with both
 * tallies. The ballots are the division's complete record: they replace any
 * other ballots stored for it. Like the divisions CSV, this source only
 * `ensure`s division rows (LEGISinfo owns those it lists), and a French list
 * fills in the French subject.
 */
import { basename } from 'node:path';
import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { voteEvents, votes } from '../db/schema.js';
import { billId, FEDERAL_JURISDICTION, personId, sessionId, voteEventId } from '../domain/ids.js';
import { federalParty } from '../domain/parties.js';
import { clean, datePart } from '../domain/text.js';
import { decodeText, many, parseXml, readSourceBytes } from './files.js';
import { ensureFederalSession, HOUSE_OF_COMMONS } from './reference.js';
import { ImportError, type ImportContext, type Importer } from './runner.js';
import { addCounts, emptyCounts, ensure, upsert, type WriteCounts } from './upsert.js';
import { catalogued } from './catalog.js';

type Xml = Record<string, unknown>;
type Option = 'yes' | 'no' | 'paired';

const COUNT = /^\d+$/;
const BILL = /^[CS]-\d+[A-Z]?$/i;
const RESULTS: Record<string, 'pass' | 'fail' | 'tie'> = { 'agreed to': 'pass', negatived: 'fail', tie: 'tie' };
// The French list is the same document in French; only its subject is read.
const FRENCH_FILE = /(^|[^a-z])fr\.xml(\.gz)?$/i;

export interface Totals {
  yes: number;
  no: number;
  paired: number;
}

interface ListedDivision extends Totals {
  session: string;
  number: number;
  date: string;
  subject: string;
  result: 'pass' | 'fail' | 'tie';
  bill: string | null;
  file: string;
  location: string;
}

export interface Participant {
  personId: string;
  lastName: string;
  constituency: string | null;
  caucus: string | null;
  option: Option;
}

interface Ballots {
  session: string;
  number: number;
  file: string;
  participants: Participant[];
}

const text = (node: Xml, key: string) => clean(node[key]);

function count(value: string | null): number | null {
  return value && COUNT.test(value) ? Number(value) : null;
}

function sessionOf(node: Xml): string | null {
  const parliament = count(text(node, 'ParliamentNumber'));
  const session = count(text(node, 'SessionNumber'));
  return parliament && session ? `${parliament}-${session}` : null;
}

function key(session: string, number: number): string {
  return `${session}/${number}`;
}

/** A division of the list, or why the element is malformed. */
function listedDivision(node: Xml, file: string, index: number): ListedDivision | string {
  const session = sessionOf(node);
  if (!session) return 'malformed ParliamentNumber or SessionNumber';
  const number = count(text(node, 'DecisionDivisionNumber'));
  if (!number) return `malformed DecisionDivisionNumber ${JSON.stringify(text(node, 'DecisionDivisionNumber') ?? '')}`;
  const date = datePart(text(node, 'DecisionEventDateTime'));
  if (!date) return `malformed DecisionEventDateTime ${JSON.stringify(text(node, 'DecisionEventDateTime') ?? '')}`;
  const yes = count(text(node, 'DecisionDivisionNumberOfYeas'));
  const no = count(text(node, 'DecisionDivisionNumberOfNays'));
  const paired = count(text(node, 'DecisionDivisionNumberOfPaired'));
  if (yes === null || no === null || paired === null) return 'malformed yea, nay or paired total';
  const subject = text(node, 'DecisionDivisionSubject');
  if (!subject) return 'no DecisionDivisionSubject';
  const resultName = text(node, 'DecisionResultName') ?? '';
  const result = RESULTS[resultName.toLowerCase()];
  if (!result) return `unknown DecisionResultName ${JSON.stringify(resultName)}`;
  const bill = text(node, 'BillNumberCode')?.toUpperCase() ?? null;
  if (bill && !BILL.test(bill)) return `malformed BillNumberCode ${JSON.stringify(bill)}`;
  return { session, number, date, subject, result, bill, yes, no, paired, file, location: `${file}#Vote[${index + 1}]` };
}

function participant(node: Xml): Participant | string {
  const person = text(node, 'PersonId');
  if (!person || !COUNT.test(person)) return `malformed PersonId ${JSON.stringify(person ?? '')}`;
  const lastName = text(node, 'PersonOfficialLastName');
  if (!lastName) return 'no PersonOfficialLastName';
  const flag = (name: string) => text(node, name)?.toLowerCase() === 'true';
  // A paired member is listed with the pair and counted in neither yeas nor nays.
  const option: Option | null = flag('IsVotePaired') ? 'paired' : flag('IsVoteYea') ? 'yes' : flag('IsVoteNay') ? 'no' : null;
  if (!option) return 'neither IsVoteYea, IsVoteNay nor IsVotePaired is true';
  return { personId: person, lastName, constituency: text(node, 'ConstituencyName'), caucus: text(node, 'CaucusShortName'), option };
}

export function tally(participants: Pick<Participant, 'option'>[]): Totals {
  const of = (option: Option) => participants.filter((p) => p.option === option).length;
  return { yes: of('yes'), no: of('no'), paired: of('paired') };
}

/**
 * The name a ballot is printed under, as Hansard prints division lists: the
 * surname, with the riding when another member voting in the division has it
 * too. (Hansard also adds the riding to look-alike surnames, McKinnon beside
 * MacKinnon; a ballot Hansard already stored keeps Hansard's name.)
 */
export function printedNames(participants: Participant[]): string[] {
  const shared = new Map<string, number>();
  for (const p of participants) shared.set(p.lastName, (shared.get(p.lastName) ?? 0) + 1);
  return participants.map((p) => (shared.get(p.lastName)! > 1 && p.constituency ? `${p.lastName} (${p.constituency})` : p.lastName));
}

interface Read {
  listed: Map<string, ListedDivision>;
  french: Map<string, string>;
  ballots: Ballots[];
}

/** The repeated `item` elements of the document element `list` (an empty list parses as ''). */
function items(root: Xml, list: string, item: string): Xml[] {
  const node = root[list];
  return node && typeof node === 'object' ? many((node as Xml)[item] as Xml | Xml[] | undefined) : [];
}

function readFile(ctx: ImportContext, file: string, into: Read): void {
  const { text: xml } = decodeText(readSourceBytes(file));
  const root = parseXml(xml, file);
  if ('ArrayOfVote' in root) {
    const nodes = items(root, 'ArrayOfVote', 'Vote');
    const french = FRENCH_FILE.test(file);
    nodes.forEach((node, index) => {
      const session = sessionOf(node);
      const number = count(text(node, 'DecisionDivisionNumber'));
      const subject = text(node, 'DecisionDivisionSubject');
      const division = !french ? listedDivision(node, file, index)
        : session && number && subject ? null : 'malformed ParliamentNumber, SessionNumber, DecisionDivisionNumber or DecisionDivisionSubject';
      if (typeof division === 'string') {
        ctx.reject({ location: `${file}#Vote[${index + 1}]`, message: division, record: JSON.stringify(node).slice(0, 2000) });
      } else if (division) {
        into.listed.set(key(division.session, division.number), division);
      } else {
        into.french.set(key(session!, number!), subject!);
      }
    });
    return;
  }
  if ('ArrayOfVoteParticipant' in root) {
    const nodes = items(root, 'ArrayOfVoteParticipant', 'VoteParticipant');
    if (nodes.length === 0) throw new ImportError(file, 'no VoteParticipant: a division has at least one ballot');
    const session = sessionOf(nodes[0]!);
    const number = count(text(nodes[0]!, 'DecisionDivisionNumber'));
    if (!session || !number) throw new ImportError(`${file}#VoteParticipant[1]`, 'malformed ParliamentNumber, SessionNumber or DecisionDivisionNumber');
    const participants: Participant[] = [];
    nodes.forEach((node, index) => {
      const location = `${file}#VoteParticipant[${index + 1}]`;
      if (sessionOf(node) !== session || count(text(node, 'DecisionDivisionNumber')) !== number) {
        ctx.reject({ location, message: `belongs to another division than ${session} No. ${number}`, record: JSON.stringify(node).slice(0, 2000) });
        return;
      }
      const p = participant(node);
      if (typeof p === 'string') ctx.reject({ location, message: p, record: JSON.stringify(node).slice(0, 2000) });
      else participants.push(p);
    });
    into.ballots.push({ session, number, file, participants });
    return;
  }
  throw new ImportError(file, `unexpected root element <${Object.keys(root).find((k) => !k.startsWith('?')) ?? ''}>: expected ArrayOfVote or ArrayOfVoteParticipant`);
}

function eventRow(ctx: ImportContext, d: ListedDivision, french: string | undefined): typeof voteEvents.$inferInsert {
  return {
    id: voteEventId(FEDERAL_JURISDICTION, d.session, d.number),
    jurisdictionId: FEDERAL_JURISDICTION,
    sessionId: sessionId(FEDERAL_JURISDICTION, d.session),
    organizationId: HOUSE_OF_COMMONS,
    identifier: String(d.number),
    number: d.number,
    startDate: d.date,
    motionTextEn: d.subject,
    motionTextFr: french ?? null,
    result: d.result,
    yesCount: d.yes,
    noCount: d.no,
    pairedCount: d.paired,
    billIdentifier: d.bill,
    billId: d.bill ? billId(FEDERAL_JURISDICTION, d.session, d.bill) : null,
    sources: ctx.provenance(d.file, d.location.slice(d.file.length + 1)),
  };
}

async function writeDivisions(ctx: ImportContext, tx: Db, read: Read): Promise<WriteCounts> {
  const counts = emptyCounts();
  const listed = [...read.listed.values()];
  for (const session of new Set(listed.map((d) => d.session))) await ensureFederalSession(tx, session);
  const rows = listed.map((d) => eventRow(ctx, d, read.french.get(key(d.session, d.number))));
  const inserted = await ensure(tx, voteEvents, rows);
  addCounts(counts, { inserted, updated: 0, unchanged: rows.length - inserted });
  // A French subject completes a division another source stored in English only.
  for (const [k, subject] of read.french) {
    const [session, number] = k.split('/') as [string, string];
    const id = voteEventId(FEDERAL_JURISDICTION, session, number);
    await tx.update(voteEvents).set({ motionTextFr: subject, updatedAt: sql`now()` })
      .where(and(eq(voteEvents.id, id), isNull(voteEvents.motionTextFr)));
  }
  return counts;
}

async function storedTotals(tx: Db, id: string): Promise<Totals | null> {
  const [row] = await tx.select({ yes: voteEvents.yesCount, no: voteEvents.noCount, paired: voteEvents.pairedCount })
    .from(voteEvents).where(eq(voteEvents.id, id));
  return row ?? null;
}

const show = (t: Totals) => `${t.yes} yea, ${t.no} nay, ${t.paired} paired`;

async function writeBallots(ctx: ImportContext, tx: Db, read: Read, b: Ballots): Promise<WriteCounts> {
  const id = voteEventId(FEDERAL_JURISDICTION, b.session, b.number);
  const published = read.listed.get(key(b.session, b.number)) ?? await storedTotals(tx, id);
  const location = `${b.file}#ArrayOfVoteParticipant`;
  if (!published) {
    ctx.reject({ location, message: `division ${b.session} No. ${b.number} is in no list given and not stored: its totals are unknown, so its ballots cannot be checked` });
    return emptyCounts();
  }
  const counted = tally(b.participants);
  if (counted.yes !== published.yes || counted.no !== published.no || counted.paired !== published.paired) {
    ctx.reject({ location, message: `the ballots (${show(counted)}) do not add up to the published totals of division ${b.session} No. ${b.number} (${show(published)}); none recorded` });
    return emptyCounts();
  }
  const voters = b.participants.map((p) => personId('parl-person-id', p.personId));
  // A ballot another source (Hansard) stored for the same member keeps the name it is printed under there.
  const stored = new Map((await tx.select({ voterId: votes.voterId, voterName: votes.voterName }).from(votes)
    .where(eq(votes.voteEventId, id))).map((r) => [r.voterId, r.voterName]));
  const names = printedNames(b.participants).map((name, i) => stored.get(voters[i]!) ?? name);
  const rows = b.participants.map((p, i) => ({
    voteEventId: id,
    voterName: names[i]!,
    voterId: voters[i]!,
    option: p.option,
    party: p.caucus ? federalParty(p.caucus).name : null,
  }));
  // These ballots are the division's whole record: any stored under other names (another source's spelling) go.
  await tx.delete(votes).where(and(eq(votes.voteEventId, id), notInArray(votes.voterName, names)));
  return upsert(tx, votes, rows);
}

export const ourcommonsVotes: Importer = {
  ...catalogued('ourcommons-votes'),
  samplePaths: () => [],
  async run(ctx, paths) {
    const read: Read = { listed: new Map(), french: new Map(), ballots: [] };
    ctx.progress.setTotal(paths.length);
    for (const file of paths) {
      readFile(ctx, file, read);
      ctx.progress.tick();
    }
    if (read.listed.size > 0 || read.french.size > 0) await ctx.unit('divisions', (tx) => writeDivisions(ctx, tx, read));
    for (const b of read.ballots) {
      await ctx.unit(`${basename(b.file)}: division ${b.session} No. ${b.number}`, (tx) => writeBallots(ctx, tx, read, b));
    }
  },
};
