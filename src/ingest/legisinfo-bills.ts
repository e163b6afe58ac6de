/**
 * LEGISinfo bill metadata: one `<SESSION>/bills/<NUMBER>/metadata.xml` per bill,
 * in the tarballs of civican/legisinfo or as a single file. Each bill becomes a
 * `bills` row with its stage timeline (`bill_actions`), the committee meetings
 * held on it (`committee_meetings`, `committee_meeting_bills`) and the House
 * divisions taken on it (`vote_events`, which this source owns).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { and, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  billActions,
  bills,
  committeeMeetingBills,
  committeeMeetings,
  organizations,
  voteEvents,
  type Provenance,
} from '../db/schema.js';
import { classifyBillAction, isCommitteeAction } from '../domain/bill-actions.js';
import { htmlToText } from '../domain/html.js';
import { FEDERAL_JURISDICTION, billId, organizationId, personId, recordId, sessionId, voteEventId } from '../domain/ids.js';
import { clean, datePart, searchKey } from '../domain/text.js';
import { assertReadableFile, decodeText, many, parseXml, readTarEntries } from './files.js';
import { HOUSE_OF_COMMONS, SENATE, ensureFederalSession } from './reference.js';
import { writePersonRecords, type PersonRecordRow } from './identity.js';
import { ImportError, type ImportContext, type Importer, type Rejection } from './runner.js';
import { addCounts, emptyCounts, ensure, upsert, type WriteCounts } from './upsert.js';
import { catalogued } from './catalog.js';

type Xml = Record<string, unknown>;
type Chamber = 'lower' | 'upper' | 'executive';
type Organization = typeof organizations.$inferInsert;

export interface BillRecord {
  path: string;
  entry: string;
  session: string;
  bill: typeof bills.$inferInsert;
  sponsor: PersonRecordRow | null;
  committees: Organization[];
  actions: (typeof billActions.$inferInsert)[];
  meetings: (typeof committeeMeetings.$inferInsert)[];
  votes: (typeof voteEvents.$inferInsert)[];
}

const BATCH_SIZE = 250;
const METADATA_ENTRY = /(^|\/)metadata\.xml$/;
// Subtrees nothing here reads (related bills, speeches, notes, links): a third of each file's bytes, which the
// validator and the parser then skip.
const UNREAD_TAGS = ['SimilarBills', 'Speeches', 'NotesEn', 'NotesFr', 'Notes', 'WebReferences', 'Publications', 'BibliographicNotices',
  'HouseRulingAndStatements', 'SenateRulingAndStatements'];
const UNREAD = new RegExp(`<(${UNREAD_TAGS.join('|')})>[\\s\\S]*?</\\1>`, 'g');
// No callback here reads element paths; not building a path string per element saves a sixth of the parse.
const PARSE_OPTIONS = { jPath: false };

export const legisinfoBills: Importer = {
  ...catalogued('legisinfo-bills'),
  samplePaths: (dataRoot) => [join(dataRoot, 'legisinfo', 'bills-metadata.tar.gz')],
  async run(ctx, paths) {
    for (const path of paths) assertReadableFile(path);
    const writer = new PipelinedWriter(ctx);
    try {
      let batch: BillRecord[] = [];
      for (const path of paths) {
        for await (const { name, content } of metadataFiles(path)) {
          const record = readEntry(ctx, path, name, content);
          ctx.progress.tick();
          if (!record) continue;
          batch.push(record);
          if (batch.length >= BATCH_SIZE) {
            await writer.write(batch);
            batch = [];
          }
        }
      }
      if (batch.length > 0) await writer.write(batch);
    } finally {
      await writer.finished();
    }
  },
};

/**
 * Writes one batch while the next is being parsed: parsing keeps Node busy and
 * the writes keep the database busy, so the two overlap. Units still run one
 * at a time, in order.
 */
class PipelinedWriter {
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ImportContext) {}

  async write(batch: BillRecord[]): Promise<void> {
    await this.writing;
    this.writing = writeBatch(this.ctx, batch);
    // A failure surfaces at the next write or at finished(); until then it must not count as unhandled.
    this.writing.catch(() => {});
  }

  finished(): Promise<void> {
    return this.writing;
  }
}

/** The metadata.xml files of a tarball, or the one file given. */
async function* metadataFiles(path: string): AsyncGenerator<{ name: string; content: Buffer }> {
  if (/\.xml$/i.test(path)) {
    yield { name: path, content: readFileSync(path) };
    return;
  }
  for await (const entry of readTarEntries(path)) if (METADATA_ENTRY.test(entry.name)) yield entry;
}

/** The bill's LEGISinfo page, from where its metadata.xml sits (`44-1/bills/C-21/metadata.xml`). */
function billPage(entry: string): string | undefined {
  const m = /(\d+-\d+)\/bills\/([^/]+)\/metadata\.xml$/i.exec(entry);
  return m ? `https://www.parl.ca/legisinfo/en/bill/${m[1]}/${m[2]!.toLowerCase()}` : undefined;
}

/** One metadata.xml as the importer reads it; null when refused (`ctx.reject` says why). */
export function readEntry(ctx: Pick<ImportContext, 'provenance' | 'reject'>, path: string, entry: string, content: Buffer): BillRecord | null {
  const { text } = decodeText(content);
  try {
    const sources = path === entry ? ctx.provenance(path, undefined, billPage(entry)) : ctx.provenance(path, entry, billPage(entry));
    return readBill(parseXml(withoutUnread(text), entry, PARSE_OPTIONS), { path, entry, sources, reject: (r) => ctx.reject(r) });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    ctx.reject(e.rejection(text));
    return null;
  }
}

/**
 * The XML without the complete subtrees nothing here reads. Their lines stay
 * (as empty lines) so errors keep their line numbers; a subtree cut short, as in
 * a truncated file, is not complete and stays for the validator to report.
 */
function withoutUnread(xml: string): string {
  return xml.replace(UNREAD, (block: string, tag: string) => (block.includes(`<${tag}>`, tag.length + 2) ? block : block.replace(/[^\n]+/g, '')));
}

// ---- reading the XML -------------------------------------------------------

function child(node: Xml | null, key: string): Xml | null {
  const value = node?.[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Xml) : null;
}

function children(node: Xml | null, key: string): Xml[] {
  return many(node?.[key]).filter((v): v is Xml => v !== null && typeof v === 'object');
}

function field(node: Xml | null, key: string): string | null {
  const value = node?.[key];
  return typeof value === 'string' ? clean(value) : null;
}

function flag(node: Xml | null, key: string): boolean | null {
  const value = field(node, key);
  return value === null ? null : value === 'true';
}

function integer(node: Xml | null, key: string): number | null {
  const value = field(node, key);
  return value !== null && /^\d+$/.test(value) ? Number(value) : null;
}

/** A published timestamp, without the "0001-01-01" LEGISinfo writes for "none". */
function timestamp(node: Xml | null, key: string): string | null {
  const value = field(node, key);
  return value && /^\d{4}-\d{2}-\d{2}/.test(value) && value >= '1800' ? value : null;
}

function chamberOfOrganization(id: string | null): Chamber | null {
  return id === '1' ? 'lower' : id === '2' ? 'upper' : null;
}

function chamberOfName(name: string | null): Chamber | null {
  return name === 'House of Commons' ? 'lower' : name === 'Senate' ? 'upper' : null;
}

// ---- mapping a bill --------------------------------------------------------

interface EntryContext {
  path: string;
  entry: string;
  sources: Provenance[];
  reject(rejection: Rejection): void;
}

interface BillKey {
  session: string;
  sessionId: string;
  number: string;
  id: string;
}

function readBill(document: Xml, at: EntryContext): BillRecord {
  const found = children(child(document, 'Bills'), 'Bill');
  if (found.length !== 1) throw new ImportError(`${at.entry}#Bills`, `expected one <Bill>, found ${found.length}`);
  const bill = found[0]!;
  const number = field(bill, 'NumberCode');
  const parliament = integer(bill, 'ParliamentNumber');
  const sessionNumber = integer(bill, 'SessionNumber');
  if (!number) throw new ImportError(`${at.entry}#NumberCode`, 'no bill number');
  if (!parliament || !sessionNumber) throw new ImportError(`${at.entry}#ParliamentNumber`, 'no parliament or session number');
  // Titles carry markup as summaries do ("Loi n<Sup>o</Sup> 2"): kept as text only.
  const titleEn = htmlToText(field(bill, 'LongTitleEn'));
  if (!titleEn) throw new ImportError(`${at.entry}#LongTitleEn`, 'no long title');

  const session = `${parliament}-${sessionNumber}`;
  const key: BillKey = { session, sessionId: sessionId(FEDERAL_JURISDICTION, session), number, id: billId(FEDERAL_JURISDICTION, session, number) };
  const originatingChamber = chamberOfName(field(bill, 'OriginatingChamberNameEn'));
  const timeline = readTimeline(bill, originatingChamber, key, at);
  const sponsor = readSponsor(bill, at);
  const legisinfoId = field(bill, 'Id');

  return {
    path: at.path,
    entry: at.entry,
    session,
    bill: {
      id: key.id,
      jurisdictionId: FEDERAL_JURISDICTION,
      sessionId: key.sessionId,
      identifier: number,
      titleEn,
      titleFr: htmlToText(field(bill, 'LongTitleFr')),
      shortTitleEn: htmlToText(field(bill, 'ShortTitleEn')),
      shortTitleFr: htmlToText(field(bill, 'ShortTitleFr')),
      billType: field(bill, 'BillDocumentTypeNameEn'),
      isGovernment: flag(bill, 'IsGovernmentBill'),
      originatingChamber,
      // The person the sponsor resolves to is known once their record is written (writeBatch).
      sponsorPersonId: null,
      sponsorName: field(bill, 'SponsorPersonName'),
      sponsorTitle: field(bill, 'SponsorAffiliationTitleEn'),
      statusEn: field(bill, 'StatusNameEn'),
      statusFr: field(bill, 'StatusNameFr'),
      latestStageEn: field(bill, 'LatestCompletedBillStageNameEn'),
      latestStageFr: field(bill, 'LatestCompletedBillStageNameFr'),
      introducedDate: introducedDate(bill, originatingChamber, timeline.actions),
      latestActionDate: datePart(timestamp(bill, 'LatestBillEventDateTime')) ?? timeline.actions.at(-1)?.date ?? null,
      royalAssentDate: datePart(timestamp(bill, 'ReceivedRoyalAssentDateTime')),
      statuteYear: integer(bill, 'StatuteYear'),
      statuteChapter: field(bill, 'StatuteChapter'),
      summaryEn: htmlToText(field(bill, 'ShortLegislativeSummaryEn')),
      summaryFr: htmlToText(field(bill, 'ShortLegislativeSummaryFr')),
      otherIdentifiers: legisinfoId ? [{ scheme: 'legisinfo-bill-id', identifier: legisinfoId }] : [],
      sources: at.sources,
    },
    sponsor,
    committees: timeline.committees,
    actions: timeline.actions,
    meetings: timeline.meetings,
    votes: readDivisions(bill, key, at),
  };
}

/**
 * The sponsor as LEGISinfo names them, one record per way of printing them
 * (the PersonId joins them): the person is whoever else knows that PersonId, or
 * that name for that riding.
 */
function readSponsor(bill: Xml, at: EntryContext): PersonRecordRow | null {
  const id = field(bill, 'SponsorPersonId');
  const name = field(bill, 'SponsorPersonName');
  if (!id || !name) return null;
  const riding = field(bill, 'SponsorConstituencyNameEn');
  const givenName = field(bill, 'SponsorPersonOfficialFirstName');
  const familyName = field(bill, 'SponsorPersonOfficialLastName');
  return {
    // Everything the record holds is in its key, so bills naming one person differently never rewrite each other's record.
    sourceKey: [`parl-person-id:${id}`, name, riding, givenName, familyName].filter(Boolean).join('|'),
    name,
    givenName,
    familyName,
    otherIdentifiers: [{ scheme: 'parl-person-id', identifier: id }],
    seats: riding ? [{ organization: HOUSE_OF_COMMONS, district: riding }] : [],
    sources: at.sources,
  };
}

/** First reading in the chamber the bill started in; a reinstated bill's reinstatement when it had none this session. */
function introducedDate(bill: Xml, chamber: Chamber | null, actions: (typeof billActions.$inferInsert)[]): string | null {
  const published = chamber === 'upper' ? 'PassedSenateFirstReadingDateTime' : 'PassedHouseFirstReadingDateTime';
  const firstReading = datePart(timestamp(bill, published));
  if (firstReading) return firstReading;
  const introduction = actions.find((a) => a.chamber === chamber && a.classification?.includes('introduction'));
  return introduction?.date ?? null;
}

// ---- the stage timeline ----------------------------------------------------

/** One step of the timeline before it is ordered and given an id. */
interface Step {
  at: string; // the timestamp it sorts by
  chamber: Chamber | null;
  stageEn: string | null;
  stageFr: string | null;
  nameEn: string;
  nameFr: string | null;
  infoEn: string | null;
  infoFr: string | null;
  defeated: boolean;
  committeeId: string | null;
}

const STAGE_GROUPS: { group: string; chamber: Chamber }[] = [
  { group: 'HouseBillStages', chamber: 'lower' },
  { group: 'HouseAdditionalInformation', chamber: 'lower' },
  { group: 'SenateBillStages', chamber: 'upper' },
  { group: 'SenateAdditionalInformation', chamber: 'upper' },
  // Royal assent is the Governor General's act, though given in the Senate chamber.
  { group: 'RoyalAssent', chamber: 'executive' },
];

function readTimeline(bill: Xml, originatingChamber: Chamber | null, key: BillKey, at: EntryContext) {
  const stages = child(bill, 'BillStages');
  const committees = new Map<string, Organization>();
  const meetings = new Map<string, typeof committeeMeetings.$inferInsert>();
  const steps: Step[] = [];

  for (const { group, chamber } of STAGE_GROUPS) {
    for (const stage of children(stages, group)) {
      const committee = readCommittee(child(stage, 'Committee'), chamber, at);
      if (committee) committees.set(committee.id, committee);
      steps.push(...stageSteps(stage, chamber, committee?.id ?? null));
      for (const meeting of children(stage, 'CommitteeMeetings')) {
        const held = readCommittee(meeting, chamber, at);
        if (!held) continue;
        committees.set(held.id, held);
        const row = readMeeting(meeting, held.id, key, at);
        if (row) meetings.set(row.id, row);
      }
    }
  }
  for (const message of children(stages, 'InterChamberMessages')) {
    const step = messageStep(message);
    if (step) steps.push(step);
  }
  if (steps.length === 0) steps.push(...milestoneSteps(bill, originatingChamber));

  return {
    committees: [...committees.values()],
    actions: orderedActions(steps, key, at, originatingChamber),
    meetings: [...meetings.values()],
  };
}

/**
 * A stage's significant events, and the sittings that add to them (debate
 * days). A sitting that repeats an event is dropped, as is an event published
 * twice the same day (once at midnight, once with its time). A debate takes the
 * time of the decision it led to that day, and goes before it.
 */
function stageSteps(stage: Xml, chamber: Chamber, committeeId: string | null): Step[] {
  const common = { chamber, stageEn: field(stage, 'BillStageNameEn'), stageFr: field(stage, 'BillStageNameFr'), committeeId };
  const end = child(stage, 'EndOfStageEvent');
  const events = new Map<string, Step>();
  for (const event of children(stage, 'SignificantEvents')) {
    const nameEn = field(event, 'EventNameEn');
    const at = timestamp(event, 'EventDateTime');
    if (!nameEn || !at) continue;
    const step: Step = {
      ...common,
      at: preciseTime(at, field(event, 'EventTypeId'), end),
      nameEn,
      nameFr: field(event, 'EventNameFr'),
      infoEn: field(event, 'AdditionalInformationEn'),
      infoFr: field(event, 'AdditionalInformationFr'),
      defeated: flag(event, 'IsDefeatedEvent') ?? false,
    };
    const key = `${nameEn}|${datePart(at)}|${step.infoEn ?? ''}`;
    const twin = events.get(key);
    if (!twin || twin.at.endsWith('T00:00:00')) events.set(key, step);
  }
  const decided = new Map<string, string>();
  for (const event of events.values()) {
    const day = datePart(event.at)!;
    if (!decided.has(day) || event.at < decided.get(day)!) decided.set(day, event.at);
  }
  const repeated = new Set([...events.values()].map((e) => `${e.nameEn}|${datePart(e.at)}`));
  const sittings: Step[] = [];
  for (const sitting of children(stage, 'Sittings')) {
    const nameEn = field(sitting, 'NameEn');
    const at = timestamp(sitting, 'Date');
    if (!nameEn || !at || repeated.has(`${nameEn}|${datePart(at)}`)) continue;
    sittings.push({
      ...common,
      at: decided.get(datePart(at)!) ?? at,
      nameEn,
      nameFr: field(sitting, 'NameFr'),
      infoEn: field(sitting, 'AdditionalInformationEn'),
      infoFr: field(sitting, 'AdditionalInformationFr'),
      defeated: false,
    });
  }
  return [...sittings, ...events.values()];
}

/**
 * House events are stamped at midnight; the stage's closing event carries the
 * time of day, which orders it against the other chamber's steps of that day.
 */
function preciseTime(at: string, eventType: string | null, end: Xml | null): string {
  const closing = timestamp(end, 'EventStartDateTime');
  if (closing && eventType && eventType === field(end, 'EventTypeId') && datePart(closing) === datePart(at) && at.endsWith('T00:00:00')) {
    return closing;
  }
  return at;
}

function messageStep(message: Xml): Step | null {
  const nameEn = field(message, 'EventNameEn');
  const at = timestamp(message, 'Date');
  if (!nameEn || !at) return null;
  return {
    at,
    chamber: chamberOfOrganization(field(message, 'ChamberOrganizationId')),
    stageEn: null,
    stageFr: null,
    nameEn,
    nameFr: field(message, 'EventNameFr'),
    infoEn: null,
    infoFr: null,
    defeated: false,
    committeeId: null,
  };
}

const MILESTONES: { key: string; chamber: Chamber; reading: 1 | 2 | 3 | 'assent' }[] = [
  { key: 'PassedHouseFirstReadingDateTime', chamber: 'lower', reading: 1 },
  { key: 'PassedHouseSecondReadingDateTime', chamber: 'lower', reading: 2 },
  { key: 'PassedHouseThirdReadingDateTime', chamber: 'lower', reading: 3 },
  { key: 'PassedSenateFirstReadingDateTime', chamber: 'upper', reading: 1 },
  { key: 'PassedSenateSecondReadingDateTime', chamber: 'upper', reading: 2 },
  { key: 'PassedSenateThirdReadingDateTime', chamber: 'upper', reading: 3 },
  { key: 'ReceivedRoyalAssentDateTime', chamber: 'executive', reading: 'assent' },
];
const READING_NAMES = {
  1: ['First reading', 'Première lecture'],
  2: ['Second reading', 'Deuxième lecture'],
  3: ['Third reading', 'Troisième lecture'],
  assent: ['Royal assent', 'Sanction royale'],
} as const;

/**
 * Bills of the 35th and 36th Parliaments come without stage history; their
 * reading and assent dates still make a timeline. The chamber the bill started
 * in goes first, so same-day readings keep their order.
 */
function milestoneSteps(bill: Xml, originatingChamber: Chamber | null): Step[] {
  const ordered = [...MILESTONES].sort((a, b) => Number(b.chamber === originatingChamber) - Number(a.chamber === originatingChamber));
  const steps: Step[] = [];
  for (const milestone of ordered) {
    const at = timestamp(bill, milestone.key);
    if (!at) continue;
    const [stageEn, stageFr] = READING_NAMES[milestone.reading];
    const introduced = milestone.reading === 1 && milestone.chamber === originatingChamber;
    steps.push({
      at,
      chamber: milestone.chamber,
      stageEn,
      stageFr,
      nameEn: introduced ? 'Introduction and first reading' : stageEn,
      nameFr: introduced ? 'Dépôt et première lecture' : stageFr,
      infoEn: null,
      infoFr: null,
      defeated: false,
      committeeId: null,
    });
  }
  return steps;
}

function describe(name: string | null, info: string | null): string | null {
  const detail = clean(htmlToText(info));
  return name && detail ? `${name} — ${detail}` : name;
}

const MIDNIGHT = 'T00:00:00';

/**
 * Steps in the order they happened, each with an id stable across imports.
 * LEGISinfo stamps a step it has no time for at midnight (every Senate step,
 * some House ones), which is not "before" the timed steps of that day. The
 * bill's own sequence — the originating chamber's steps, then the other
 * chamber's, then royal assent, each as listed — decides for those: within a
 * day, a step without a time comes after every step the sequence puts before it
 * (it takes the latest time among them), and timed steps keep their times.
 */
function orderedActions(steps: Step[], key: BillKey, at: EntryContext, originatingChamber: Chamber | null): (typeof billActions.$inferInsert)[] {
  const first = originatingChamber ?? 'lower';
  const rank = (c: Chamber | null) => (c === 'executive' ? 2 : c === first ? 0 : 1);
  const sequence = steps.map((step, index) => ({ step, index, rank: rank(step.chamber) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ step }, position) => ({ step, position, day: step.at.slice(0, 10), time: step.at.slice(10, 19) }));
  const latest = new Map<string, string>();
  const timed = sequence.map((s) => {
    const time = s.time === MIDNIGHT ? latest.get(s.day) ?? MIDNIGHT : s.time;
    if (time > (latest.get(s.day) ?? MIDNIGHT)) latest.set(s.day, time);
    return { ...s, time };
  });
  const sorted = timed.sort((a, b) => a.day.localeCompare(b.day) || a.time.localeCompare(b.time) || a.position - b.position);
  const occurrences = new Map<string, number>();
  return sorted.map(({ step }, order) => {
    const date = datePart(step.at);
    const published = step.at.slice(10, 19);
    const natural = [step.chamber ?? '', step.stageEn ?? '', step.nameEn, date ?? ''].join('|');
    const occurrence = (occurrences.get(natural) ?? 0) + 1;
    occurrences.set(natural, occurrence);
    const classification = classifyBillAction({ name: step.nameEn, defeated: step.defeated });
    return {
      id: recordId('bill-action', key.id, natural, occurrence),
      billId: key.id,
      order: order + 1,
      date,
      time: published.length === 9 && published !== MIDNIGHT ? published.slice(1) : null,
      chamber: step.chamber,
      stageEn: step.stageEn,
      stageFr: step.stageFr,
      descriptionEn: describe(step.nameEn, step.infoEn)!,
      descriptionFr: describe(step.nameFr, step.infoFr),
      classification,
      committeeId: step.committeeId && isCommitteeAction(step.stageEn, classification) ? step.committeeId : null,
      sources: at.sources,
    };
  });
}

/**
 * A committee named on a stage or meeting, keyed by its acronym (stable across
 * Parliaments, unlike LEGISinfo's organization ids); a few special Senate
 * committees have none and are keyed by name.
 */
function readCommittee(node: Xml | null, chamber: Chamber, at: EntryContext): Organization | null {
  const acronym = field(node, 'CommitteeAcronym');
  const name = field(node, 'CommitteeNameEn');
  if (!name) return null;
  return {
    id: organizationId(FEDERAL_JURISDICTION, 'committee', acronym ?? name),
    jurisdictionId: FEDERAL_JURISDICTION,
    parentId: chamber === 'upper' ? SENATE : HOUSE_OF_COMMONS,
    name,
    nameFr: field(node, 'CommitteeNameFr'),
    classification: 'committee',
    abbreviation: acronym,
    sources: at.sources,
  };
}

function readMeeting(meeting: Xml, committeeId: string, key: BillKey, at: EntryContext): typeof committeeMeetings.$inferInsert | null {
  const number = integer(meeting, 'Number');
  const date = datePart(timestamp(meeting, 'Date'));
  if (number === null && date === null) return null;
  return {
    id: recordId('committee-meeting', committeeId, key.session, number ?? `date:${date}`),
    committeeId,
    sessionId: key.sessionId,
    number,
    date,
    sources: at.sources,
  };
}

// ---- House divisions ---------------------------------------------------------

const RESULTS: Record<string, 'pass' | 'fail' | 'tie'> = { 'agreed to': 'pass', negatived: 'fail', tie: 'tie' };

/**
 * The recorded divisions of the House on the bill: HouseVoteDetails, plus any
 * division only a stage decision mentions. A division that lacks its number,
 * date, totals or result is refused on its own; the bill still loads.
 */
function readDivisions(bill: Xml, key: BillKey, at: EntryContext): (typeof voteEvents.$inferInsert)[] {
  const divisions = new Map<number, typeof voteEvents.$inferInsert>();
  children(bill, 'HouseVoteDetails').forEach((detail, i) => {
    const result = flag(detail, 'IsTied') ? 'tie' : flag(detail, 'IsAgreedTo') ? 'pass' : flag(detail, 'IsNegatived') ? 'fail'
      : RESULTS[field(detail, 'DecisionResultNameEn')?.toLowerCase() ?? ''];
    const row = divisionRow(key, at, `${at.entry}#HouseVoteDetails[${i}]`, {
      number: integer(detail, 'DivisionNumber'),
      date: datePart(timestamp(detail, 'DecisionDateTime')),
      motionEn: field(detail, 'DivisionSubjectEn'),
      motionFr: field(detail, 'DivisionSubjectFr'),
      result,
      yes: integer(detail, 'DivisionVotesYeas'),
      no: integer(detail, 'DivisionVotesNays'),
      paired: integer(detail, 'DivisionVotePaired'),
    });
    if (row) divisions.set(row.number!, row);
  });
  children(child(bill, 'BillStages'), 'HouseBillStages').forEach((stage, s) => {
    children(stage, 'Decisions').forEach((decision, i) => {
      const number = integer(decision, 'DivisionNumber');
      if (number === null || divisions.has(number)) return;
      const row = divisionRow(key, at, `${at.entry}#HouseBillStages[${s}]/Decisions[${i}]`, {
        number,
        date: datePart(timestamp(decision, 'DecisionSittingDate')),
        motionEn: field(decision, 'DecisionMotionTitleEn'),
        motionFr: field(decision, 'DecisionMotionTitleFr'),
        result: RESULTS[field(decision, 'DecisionResultNameEn')?.toLowerCase() ?? ''],
        yes: integer(decision, 'DivisionVotesYeas'),
        no: integer(decision, 'DivisionVotesNays'),
        paired: integer(decision, 'DivisionVotePaired'),
      });
      if (row) divisions.set(number, row);
    });
  });
  return [...divisions.values()];
}

interface Division {
  number: number | null;
  date: string | null;
  motionEn: string | null;
  motionFr: string | null;
  result: 'pass' | 'fail' | 'tie' | undefined;
  yes: number | null;
  no: number | null;
  paired: number | null;
}

function divisionRow(key: BillKey, at: EntryContext, location: string, d: Division): typeof voteEvents.$inferInsert | null {
  const missing = [
    d.number === null && 'DivisionNumber', !d.date && 'date', !d.motionEn && 'subject', !d.result && 'result',
    d.yes === null && 'yeas', d.no === null && 'nays',
  ].filter(Boolean);
  if (missing.length > 0) {
    at.reject({ location, message: `division without ${missing.join(', ')}` });
    return null;
  }
  return {
    id: voteEventId(FEDERAL_JURISDICTION, key.session, d.number!),
    jurisdictionId: FEDERAL_JURISDICTION,
    sessionId: key.sessionId,
    organizationId: HOUSE_OF_COMMONS,
    identifier: String(d.number),
    number: d.number,
    startDate: d.date!,
    motionTextEn: d.motionEn!,
    motionTextFr: d.motionFr,
    result: d.result!,
    yesCount: d.yes!,
    noCount: d.no!,
    pairedCount: d.paired ?? 0,
    billId: key.id,
    billIdentifier: key.number,
    sources: at.sources,
  };
}

// ---- writing a batch -----------------------------------------------------------

function unique<T extends { id: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

async function writeBatch(ctx: ImportContext, batch: BillRecord[]): Promise<void> {
  const name = `${basename(batch[0]!.path)}#${batch[0]!.entry}..${batch.at(-1)!.entry}`;
  await ctx.unit(name, async (tx) => {
    const counts = emptyCounts();
    for (const session of new Set(batch.map((b) => b.session))) await ensureFederalSession(tx, session);
    const sponsors = await writePersonRecords(tx, ctx, [...new Map(batch.flatMap((b) => (b.sponsor ? [[b.sponsor.sourceKey, b.sponsor] as const] : []))).values()]);
    addCounts(counts, sponsors.counts);
    for (const b of batch) b.bill.sponsorPersonId = b.sponsor ? sponsors.personOf.get(b.sponsor.sourceKey)! : null;
    counts.inserted += await ensure(tx, organizations, unique(batch.flatMap((b) => b.committees)));
    addCounts(counts, await upsert(tx, bills, batch.map((b) => b.bill)));
    addCounts(counts, await writeActions(tx, batch));
    addCounts(counts, await writeMeetings(tx, batch));
    addCounts(counts, await upsert(tx, voteEvents, batch.flatMap((b) => b.votes)));
    return counts;
  });
}

/** The bills' timelines as now published; steps no longer published are removed (counted as updates of their bill). */
async function writeActions(tx: Db, batch: BillRecord[]): Promise<WriteCounts> {
  const actions = batch.flatMap((b) => b.actions);
  const counts = await upsert(tx, billActions, actions);
  const stale = await tx.delete(billActions)
    .where(and(inArray(billActions.billId, batch.map((b) => b.bill.id)), notInArray(billActions.id, actions.map((a) => a.id))))
    .returning({ id: billActions.id });
  counts.updated += stale.length;
  return counts;
}

async function writeMeetings(tx: Db, batch: BillRecord[]): Promise<WriteCounts> {
  const counts = await upsert(tx, committeeMeetings, batch.flatMap((b) => b.meetings));
  const links = batch.flatMap((b) => b.meetings.map((m) => ({ meetingId: m.id, billId: b.bill.id })));
  addCounts(counts, await upsert(tx, committeeMeetingBills, links));
  const stale = await tx.delete(committeeMeetingBills)
    .where(and(
      inArray(committeeMeetingBills.billId, batch.map((b) => b.bill.id)),
      notInArray(sql`${committeeMeetingBills.meetingId} || '|' || ${committeeMeetingBills.billId}`, links.map((l) => `${l.meetingId}|${l.billId}`)),
    ))
    .returning({ meetingId: committeeMeetingBills.meetingId });
  counts.updated += stale.length;
  return counts;
}
