/**
 * House of Commons Hansard ("Alpheus" XML, 2011 onwards, English or French):
 * one sitting (or committee meeting) per file becomes a `debates` row, each
 * Intervention a `speeches` row, and each recorded Division a vote event with
 * one `votes` row per member. The English and French files of a sitting share
 * Hansard and intervention ids, so both land on the same rows: each language
 * fills its own subject/text columns.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { debates, organizations, speeches, voteEvents, votes, type SpeakerRole } from '../db/schema.js';
import { billId, FEDERAL_JURISDICTION, organizationId, recordId, voteEventId } from '../domain/ids.js';
import { presidingOffice, presidingOfficer } from '../domain/presiding-officers.js';
import { clean, searchKey } from '../domain/text.js';
import { FederalDistricts, REGISTRY_FILE } from './federal-districts.js';
import { assertReadableFile, decodeText, parseXml, readSourceBytes } from './files.js';
import { MemberResolver, type Member, type Printed } from './hansard-speakers.js';
import { writePersonRecords, type PersonRecordRow } from './identity.js';
import { sourceExists } from './named-files.js';
import { ensureFederalSession, HOUSE_OF_COMMONS } from './reference.js';
import { ImportError, type ImportContext, type Importer } from './runner.js';
import { addCounts, emptyCounts, ensure, upsert, type WriteCounts } from './upsert.js';
import { catalogued } from './catalog.js';

// ---------------------------------------------------------------------------
// XML as parsed with preserveOrder: document order matters here (timestamps,
// speeches and divisions interleave, inline references sit inside paragraphs).

type XNode = Record<string, unknown>;

function tagOf(node: XNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}
function childrenOf(node: XNode): XNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XNode[]) : [];
}
function attr(node: XNode, name: string): string | undefined {
  const attrs = node[':@'] as Record<string, string> | undefined;
  return attrs?.[`@${name}`];
}
function child(node: XNode, tag: string): XNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}
/** All text under a node, processing instructions (bookmarks) left out. */
function textOf(node: XNode): string {
  const tag = tagOf(node);
  if (tag === '#text') return String(node[tag]);
  if (tag.startsWith('?')) return '';
  return childrenOf(node).map(textOf).join('');
}

// ---------------------------------------------------------------------------
// What one file says.

type Language = 'en' | 'fr';

interface Sitting {
  hansardId: string;
  language: Language;
  session: string;
  number: number;
  date: string;
  /** The publication and number, in both languages (every file names its publication in both). */
  title: { en: string; fr: string | null };
  /** Set for committee evidence: the committee's acronym and names. */
  committee: { acronym: string; nameEn: string; nameFr: string | null } | null;
  /** Who "The Speaker" / "The Chair" is in this document. */
  presidingName: string | null;
  presidingTitle: string;
}

interface Speech {
  interventionId: string | undefined;
  sequence: number;
  heading: Heading;
  dbId: string | undefined;
  time: Date | null;
  subject: string | null;
  text: string | null;
  bill: string | null;
}

interface Heading {
  /** As printed, without the parenthesis: "Ms. Laurel Collins", "The Speaker". */
  printed: string;
  /** The parenthesis as printed: "Victoria, NDP". */
  affiliation: string | null;
  /** The person's name without honorific, when the heading names one. */
  name: string | null;
  /** Only the surname, when that is all the record gives ("Mr. Comartin" in the table of contents). */
  surname?: string | null;
  /** The riding the heading gives, if the parenthesis starts with one. */
  riding: string | null;
  role: SpeakerRole;
}

interface Ballot {
  printed: string;
  dbId: string | undefined;
  surname: string;
  riding: string | null;
  option: 'yes' | 'no' | 'paired';
}

interface Division {
  number: number;
  motion: string;
  bill: string | null;
  ballots: Ballot[];
}

interface Parsed {
  sitting: Sitting;
  speeches: Speech[];
  divisions: Division[];
  /** What the file says about each affiliation id: the speaker's name and riding. */
  affiliations: Map<string, { name?: string; riding?: string }>;
}

function extractedItems(root: XNode): Map<string, string> {
  const items = new Map<string, string>();
  const info = child(root, 'ExtractedInformation');
  for (const item of info ? childrenOf(info) : []) {
    const name = attr(item, 'Name');
    const value = clean(textOf(item));
    if (name && value) items.set(name, value);
  }
  return items;
}

function readSitting(root: XNode, file: string): Sitting {
  const items = extractedItems(root);
  const need = (name: string): string => {
    const value = items.get(name);
    if (!value) throw new ImportError(`${file}#ExtractedItem[${name}]`, `missing ${name}`);
    return value;
  };
  const language: Language = (attr(root, 'xml:lang') ?? '').toLowerCase() === 'fr' ? 'fr' : 'en';
  const hansardId = attr(root, 'id');
  if (!hansardId) throw new ImportError(`${file}#Hansard`, 'missing Hansard id');
  const date = `${need('MetaDateNumYear')}-${need('MetaDateNumMonth').padStart(2, '0')}-${need('MetaDateNumDay').padStart(2, '0')}`;
  const number = Number.parseInt(need('MetaNumberNumber'), 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isInteger(number)) {
    throw new ImportError(`${file}#ExtractedInformation`, `unreadable sitting date ${date} or number`);
  }
  const acronym = items.get('Acronyme');
  const institution = items.get('InstitutionDebateEn') ?? need('InstitutionDebate');
  const institutionFr = items.get('InstitutionDebateFr') ?? null;
  const committee = acronym ? { acronym, nameEn: institution, nameFr: institutionFr } : null;
  return {
    hansardId,
    language,
    session: `${Number(need('ParliamentNumber'))}-${Number(need('SessionNumber'))}`,
    number,
    date,
    // The same in the English and the French file: both write one debate row.
    title: { en: `${institution}, No. ${number}`, fr: institutionFr && `${institutionFr}, numéro ${number}` },
    committee,
    presidingName: presidingName(items.get('SpeakerName')),
    presidingTitle: committee ? (items.get('SpeakerTitle') ?? (language === 'fr' ? 'Président' : 'Chair')) : language === 'fr' ? 'Président' : 'Speaker',
  };
}

/** "Speaker: The Honourable Anthony Rota", "Présidence de l'honorable Geoff Regan", "Mr. Lloyd Longfield". */
function presidingName(value: string | undefined): string | null {
  if (!value) return null;
  return stripHonorific(value.replace(/^Speaker:\s*/i, '').replace(/^Présidence de\s+/i, '').replace(/^(The\s+Honourable|l['’]honorable)\s+/i, ''));
}

const HONORIFIC = /^(?:(?:The\s+)?Right\s+Hon\.|Hon\.|Mr\.|Mrs\.|Ms\.|Miss|Dr\.|M\.|Mme|Mlle|L['’]hon\.|Le\s+très\s+hon\.|Très\s+hon\.)\s+/i;

function stripHonorific(name: string): string {
  let rest = name.trim();
  while (HONORIFIC.test(rest)) rest = rest.replace(HONORIFIC, '');
  return rest;
}

/** Splits "Hon. Candice Bergen (Minister of State (Social Development), CPC)" at its outer parenthesis. */
function splitParenthesis(text: string): { before: string; inside: string | null } {
  const open = text.indexOf(' (');
  if (open < 0 || !text.endsWith(')')) return { before: text, inside: null };
  return { before: text.slice(0, open).trim(), inside: text.slice(open + 2, -1).trim() };
}

// Collective headings name nobody: "Some hon. members", "An hon. member", "Des voix".
const NOBODY = /\bhon\. members?\b|^(des|une|plusieurs) voix\b|^d['’]autres voix\b/i;
// A presiding officer: "The Acting Speaker (Mr. Bruce Stanton)", "Le président", "La vice-présidente".
const PRESIDING = /^(?:The|Le|La)\s+|^L['’](?=\S)/i;
// Affiliation types of people who are not members: committee witnesses, and the clerks.
const WITNESS_TYPE = '28';
const STAFF_TYPE = '27';
// Types under which a member speaks for their seat, "(Riding, Party)": the House's (2) and a committee's members (40, 47).
// Under the others the parenthesis holds an office: "(Minister of Finance, CPC)".
const SEAT_TYPES = new Set(['2', '40', '47']);

/** Where a heading is printed: its Affiliation's type and the intervention's table-of-contents line ("Mr. Comartin"). */
interface HeadingContext {
  type?: string | undefined;
  toc?: string | undefined;
}

function readHeading(printedText: string, sitting: Sitting, context: HeadingContext = {}): Heading {
  const printed = printedText.replace(/:\s*$/, '').trim();
  const { before, inside } = splitParenthesis(printed);
  const nobody = (role: SpeakerRole): Heading => ({ printed, affiliation: null, name: null, riding: null, role });
  if (NOBODY.test(before)) return nobody('group');
  if (context.type === WITNESS_TYPE) return { ...nobody('witness'), affiliation: inside };
  if (context.type === STAFF_TYPE) return nobody('staff');
  if (PRESIDING.test(before) && !HONORIFIC.test(before)) {
    // The occupant may be named, with their own affiliation: "The Chair (Mr. Lloyd Longfield (Guelph, Lib.))".
    if (inside) {
      const occupant = readHeading(inside, sitting);
      return { printed, affiliation: null, name: occupant.name, riding: occupant.riding, role: 'presiding_officer' };
    }
    return { printed, affiliation: null, ...presidingOccupant(before, sitting, context.toc), role: 'presiding_officer' };
  }
  const parts = inside ? inside.split(/,\s*/) : [];
  return {
    printed: before,
    affiliation: inside,
    name: stripHonorific(before) || null,
    riding: (parts.length >= 2 && (context.type === undefined || SEAT_TYPES.has(context.type)) ? parts.slice(0, -1).join(', ') : null)
      ?? tocPerson(context.toc)?.riding ?? null,
    role: 'member',
  };
}

/** "Mr. Comartin", "Mr. Duncan (Vancouver Island North)": a table-of-contents line that names a member. */
function tocPerson(toc: string | undefined): { surname: string; riding: string | null } | null {
  const line = clean(toc);
  if (!line || !HONORIFIC.test(line)) return null;
  const { before, inside } = splitParenthesis(line);
  return { surname: stripHonorific(before), riding: inside && !inside.includes(',') ? inside : null };
}

/**
 * Who sits in the chair a heading names only by its office: the table of
 * contents names them ("Mr. Comartin") or the office in the chair ("The Deputy
 * Speaker" under a "The Speaker:" heading); then the sitting's own Speaker or
 * committee chair; then who held that office on the date.
 */
function presidingOccupant(heading: string, sitting: Sitting, toc: string | undefined): { name: string | null; surname?: string; riding: string | null } {
  const person = tocPerson(toc);
  if (person) return { name: null, surname: person.surname, riding: person.riding };
  const tocLine = clean(toc);
  const title = (tocLine && PRESIDING.test(tocLine) ? splitParenthesis(tocLine).before : heading).replace(PRESIDING, '');
  const office = presidingOffice(title, sitting.committee !== null);
  if (searchKey(title) === searchKey(sitting.presidingTitle) || (office === 'speaker' && sitting.presidingName)) {
    // A chair known by surname only (elected in the meeting) is matched as a surname.
    return sitting.presidingName && !sitting.presidingName.includes(' ')
      ? { name: null, surname: sitting.presidingName, riding: null }
      : { name: sitting.presidingName, riding: null };
  }
  return { name: office ? presidingOfficer(office, sitting.date) : null, riding: null };
}

// ---------------------------------------------------------------------------
// Bills, times and paragraphs.

const BILL_IN_TEXT = /\b(?:Bills?|projets? de loi)\s+([CS])\s*[-‑–]\s*(\d+)/i;
const BILL_AT_START = /^\s*([CS])\s*[-‑–]\s*(\d+)\b/;

function billNumber(match: RegExpExecArray | null): string | null {
  return match ? `${match[1]!.toUpperCase()}-${Number(match[2])}` : null;
}

/** The first bill a node refers to through a government (3) or private member's (4) bill reference. */
function billReference(node: XNode): string | null {
  if (tagOf(node) === 'Document' && (attr(node, 'Type') === '3' || attr(node, 'Type') === '4')) {
    const bill = billNumber(BILL_AT_START.exec(textOf(node)));
    if (bill) return bill;
  }
  for (const c of childrenOf(node)) {
    const bill = billReference(c);
    if (bill) return bill;
  }
  return null;
}

const torontoOffset = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', timeZoneName: 'longOffset' });

/** Hansard clocks read Ottawa time on the sitting's date; hours past 24 run into the next day. */
function sittingTime(date: string, hours: number, minutes: number): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, hours, minutes);
  const zone = torontoOffset.formatToParts(new Date(asUtc)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const [, sign, hh, mm] = /GMT([+-])(\d{2}):(\d{2})/.exec(zone) ?? [, '-', '05', '00'];
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
  return new Date(asUtc - offsetMinutes * 60_000);
}

/**
 * Plain-text paragraphs of a ParaText: quotations become paragraphs of their
 * own. Inline `Affiliation Type=2` references ("the member for <riding>") are
 * reported to `onRiding`, which teaches us members' ridings.
 */
function paragraphsOf(node: XNode, onRiding: (dbId: string, riding: string) => void): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    const text = clean(current);
    if (text) out.push(text);
    current = '';
  };
  const walk = (n: XNode) => {
    const tag = tagOf(n);
    if (tag === '#text') {
      current += String(n[tag]);
      return;
    }
    if (tag.startsWith('?')) return;
    if (tag === 'QuotePara') {
      flush();
      current = textOf(n);
      flush();
      return;
    }
    if (tag === 'Affiliation' && attr(n, 'Type') === '2') {
      const dbId = attr(n, 'DbId');
      const riding = clean(textOf(n));
      if (dbId && riding) onRiding(dbId, riding);
    }
    childrenOf(n).forEach(walk);
  };
  childrenOf(node).forEach(walk);
  flush();
  return out;
}

// ---------------------------------------------------------------------------
// Walking the body in document order.

interface Subject {
  title: string | null;
  qualifier: string | null;
  bill: string | null;
  /** The table-of-contents line of the business, e.g. "Bill C-21. Third reading". */
  stage: string | null;
  /** The last narrative paragraph ("The House resumed … consideration of the motion that …"). */
  narrative: string | null;
}

function subjectText(subject: Subject): string | null {
  return clean([subject.title, subject.qualifier].filter(Boolean).join(' — '));
}

class BodyReader {
  readonly speeches: Speech[] = [];
  readonly divisions: Division[] = [];
  readonly affiliations = new Map<string, { name?: string; riding?: string }>();
  private time: Date | null = null;
  private orderTitle: string | null = null;
  private subject: Subject = { title: null, qualifier: null, bill: null, stage: null, narrative: null };
  private divided: string | null = null;

  constructor(
    private sitting: Sitting,
    private readonly file: string,
    private readonly reject: ImportContext['reject'],
  ) {}

  visit(node: XNode): void {
    switch (tagOf(node)) {
      case 'OrderOfBusiness':
      case 'Intro':
        this.orderTitle = clean(textOf(child(node, 'OrderOfBusinessTitle') ?? {}));
        this.subject = { title: null, qualifier: null, bill: null, stage: null, narrative: null };
        childrenOf(node).forEach((c) => this.visit(c));
        return;
      case 'SubjectOfBusiness':
        this.enterSubject(node);
        childrenOf(node).forEach((c) => this.visit(c));
        return;
      case 'Timestamp':
        this.readTimestamp(node);
        return;
      case 'ParaText':
        this.readNarrative(node);
        return;
      case 'Intervention':
        this.readIntervention(node);
        return;
      case 'Division':
        this.readDivision(node);
        return;
      // Written answers to order-paper questions and the appendix are not spoken interventions.
      case 'WrittenQuestionResponse':
      case 'MemberLists':
      case 'ExtractedInformation':
        return;
      default:
        childrenOf(node).forEach((c) => this.visit(c));
    }
  }

  private note(dbId: string, fact: { name?: string | null; riding?: string | null }): void {
    const known = this.affiliations.get(dbId) ?? {};
    if (fact.name) known.name = fact.name;
    if (fact.riding) known.riding = fact.riding;
    this.affiliations.set(dbId, known);
  }

  /** A subject without a title continues the one before it (a division after the debate it closes). */
  private enterSubject(node: XNode): void {
    const title = clean(textOf(child(node, 'SubjectOfBusinessTitle') ?? {}));
    const qualifier = clean(textOf(child(node, 'SubjectOfBusinessQualifier') ?? {}));
    const own = this.billAndStage(node, [title, qualifier]);
    this.divided = null;
    if (title) {
      this.subject = { title, qualifier, bill: own.bill, stage: own.stage, narrative: null };
    } else {
      const carried = this.subject;
      this.subject = {
        title: carried.title ?? this.orderTitle,
        qualifier: qualifier ?? (carried.title ? carried.qualifier : null),
        bill: own.bill ?? carried.bill,
        stage: own.stage ?? carried.stage,
        narrative: carried.narrative,
      };
    }
  }

  /** The bill a subject of business is about: named in its heading, its stage line or its narrative. */
  private billAndStage(node: XNode, headings: (string | null)[]): { bill: string | null; stage: string | null } {
    let bill: string | null = null;
    for (const h of headings) bill ??= h ? billNumber(BILL_IN_TEXT.exec(h)) : null;
    let stage: string | null = null;
    const scan = (n: XNode, inIntervention: boolean) => {
      const tag = tagOf(n);
      if (tag === 'ProceduralText' && attr(n, 'TocType') === 'TPC') {
        const text = clean(textOf(n));
        const stageBill = text ? billNumber(BILL_IN_TEXT.exec(text)) : null;
        if (stageBill && !stage) stage = text;
        bill ??= stageBill;
      } else if (tag === 'ParaText' && !inIntervention) {
        bill ??= billReference(n);
      } else if (tag !== 'WrittenQuestionResponse' && tag !== 'Division') {
        childrenOf(n).forEach((c) => scan(c, inIntervention || tag === 'Intervention'));
      }
    };
    childrenOf(node).forEach((c) => scan(c, false));
    return { bill, stage };
  }

  private readTimestamp(node: XNode): void {
    const hours = Number(attr(node, 'Hr'));
    const minutes = Number(attr(node, 'Mn'));
    if (Number.isInteger(hours) && Number.isInteger(minutes)) this.time = sittingTime(this.sitting.date, hours, minutes);
  }

  /** Paragraphs outside any intervention: the motion under consideration, "(The House divided …)". */
  private readNarrative(node: XNode): void {
    const text = clean(textOf(node));
    if (!text) return;
    if (/^\(?(The House divided|La Chambre se prononce)/i.test(text)) this.divided = text;
    else if (/\bmotion\b/i.test(text)) this.subject.narrative = text;
  }

  private readIntervention(node: XNode): void {
    const sequence = this.speeches.length + 1;
    const interventionId = attr(node, 'id');
    const speaking = child(node, 'PersonSpeaking');
    const affiliation = speaking ? child(speaking, 'Affiliation') : undefined;
    const printed = clean(textOf(speaking ?? {})) ?? clean(attr(node, 'ToCText'));
    if (!printed) {
      this.reject({ location: `${this.file}#Intervention ${interventionId ?? `#${sequence}`}`, message: 'intervention without a speaker' });
      return;
    }
    const type = affiliation ? attr(affiliation, 'Type') : undefined;
    const heading = readHeading(printed, this.sitting, { type, toc: attr(node, 'ToCText') });
    const dbId = affiliation ? attr(affiliation, 'DbId') : undefined;
    // A member speaks under one id per role within a sitting (type 2, their seat, is the id ballots carry);
    // a chair's id is the office's, whoever occupies it.
    if (dbId && heading.role === 'member') this.note(dbId, heading);

    const paragraphs: string[] = [];
    let time: Date | null | undefined;
    const content = child(node, 'Content');
    for (const c of content ? childrenOf(content) : []) {
      const tag = tagOf(c);
      if (tag === 'Timestamp') this.readTimestamp(c);
      if (tag === 'ParaText') {
        // The speech starts at the clock reading in force at its first paragraph.
        if (time === undefined) time = this.time;
        paragraphs.push(...paragraphsOf(c, (id, riding) => this.note(id, { riding })));
      }
    }
    if (heading.role === 'staff' && !this.sitting.presidingName) this.noteElectedChair(paragraphs);
    this.speeches.push({
      interventionId,
      sequence,
      heading,
      dbId,
      time: time === undefined ? this.time : time,
      subject: subjectText(this.subject) ?? this.orderTitle,
      text: paragraphs.length > 0 ? paragraphs.join('\n\n') : null,
      bill: this.subject.bill,
    });
  }

  /**
   * A committee's first meeting elects its chair before the cover can name
   * them: the clerk's "I declare Mr. Galipeau elected." names who "The Chair" is from then on.
   */
  private noteElectedChair(paragraphs: string[]): void {
    for (const p of paragraphs) {
      const elected = ELECTED_CHAIR.exec(p);
      if (elected) this.sitting = { ...this.sitting, presidingName: elected[1]! };
    }
  }

  private readDivision(node: XNode): void {
    const number = Number.parseInt(attr(node, 'DivisionNumber') ?? textOf(child(node, 'DivisionNumber') ?? {}).replace(/\D+/g, ''), 10);
    const location = `${this.file}#Division ${Number.isInteger(number) ? number : attr(node, 'id') ?? '?'}`;
    if (!Number.isInteger(number)) {
      this.reject({ location, message: 'division without a number' });
      return;
    }
    const ballots: Ballot[] = [];
    for (const list of childrenOf(node).filter((c) => tagOf(c) === 'DivisionType')) {
      const option = ballotOption(attr(list, 'vote-type') ?? textOf(child(list, 'Type') ?? {}));
      if (!option) {
        this.reject({ location, message: `unknown division list "${attr(list, 'vote-type') ?? ''}"` });
        continue;
      }
      for (const entry of childrenOf(list).filter((c) => tagOf(c) === 'Affiliation')) {
        const printed = clean(textOf(entry));
        if (!printed) {
          this.reject({ location, message: 'ballot without a name', record: JSON.stringify(entry[':@'] ?? {}) });
          continue;
        }
        const { before, inside } = splitParenthesis(printed);
        ballots.push({ printed, dbId: attr(entry, 'DbId'), surname: before, riding: inside, option });
      }
    }
    this.divisions.push({ number, motion: this.motionText(), bill: this.subject.bill, ballots });
  }

  /** What was put to the House, as far as the surrounding record says. */
  private motionText(): string {
    const s = this.subject;
    const heading = [subjectText(s) ?? this.orderTitle, s.stage ? `(${s.stage})` : null].filter(Boolean).join(' ');
    const divided = this.divided?.replace(/^\(|\)$/g, '').replace(/,?\s*(on the following division|par le vote suivant)\s*:?\s*$/i, '');
    return [heading ? `${heading}.` : null, s.narrative, divided ? `${divided}.` : null].filter(Boolean).join(' ') || 'Recorded division';
  }
}

// "I declare Monsieur Galipeau elected.", "Je déclare Mme Dupont élue présidente." — not a vice-chair's election.
const ELECTED_CHAIR = /\b(?:I declare|Je déclare)\s+(?:Mr\.|Mrs\.|Ms\.|Monsieur|Madame|M\.|Mme)\s+([^\s.,]+(?:\s+[^\s.,]+)?)\s+(?:duly\s+)?(?:elected|élue?)(?:\s+(?:as\s+)?(?:chair|présidente?))?\s*\.?$/i;

function ballotOption(kind: string): Ballot['option'] | null {
  const k = searchKey(kind);
  if (k === 'yeas' || k === 'pour') return 'yes';
  if (k === 'nays' || k === 'contre') return 'no';
  if (k === 'paired' || k === 'paires') return 'paired';
  return null;
}

async function readHansardFile(file: string, reject: ImportContext['reject']): Promise<Parsed> {
  const { text } = decodeText(readSourceBytes(file));
  const doc = parseXml(text, file, { preserveOrder: true, trimValues: false }) as unknown as XNode[];
  const root = doc.find((n) => tagOf(n) === 'Hansard');
  if (!root) throw new ImportError(file, 'not a Hansard XML document (no <Hansard> root)');
  const sitting = readSitting(root, file);
  const reader = new BodyReader(sitting, file, reject);
  childrenOf(root).forEach((c) => reader.visit(c));
  return { sitting, speeches: reader.speeches, divisions: reader.divisions, affiliations: reader.affiliations };
}

// ---------------------------------------------------------------------------
// Resolving printed names to people.

/**
 * Resolution within one file: a member's seat id (Affiliation DbId) is tied to
 * a person once, from a heading that names them, and reused for every ballot
 * and heading that carries the same id.
 */
class SittingResolver {
  private readonly bySeat = new Map<string, Member>();

  constructor(private readonly members: MemberResolver, private readonly affiliations: Parsed['affiliations']) {
    for (const [dbId, printed] of affiliations) {
      const found = members.byAffiliationId(dbId) ?? (printed.name ? members.resolve({ name: printed.name, riding: printed.riding ?? null }) : null);
      if (found) this.bySeat.set(dbId, found);
    }
  }

  /** Members and presiding officers; witnesses, clerks and collective headings are nobody's. */
  speaker(speech: Speech): Member | null {
    const { heading, dbId } = speech;
    if (heading.role !== 'member' && heading.role !== 'presiding_officer') return null;
    const printed: Printed = { name: heading.name, surname: heading.surname ?? null, riding: heading.riding };
    const named = heading.name || heading.surname ? this.members.resolve(printed) : null;
    if (heading.role === 'presiding_officer') return named;
    return (dbId ? this.bySeat.get(dbId) : undefined) ?? named;
  }

  voter(ballot: Ballot): Member | null {
    const known = ballot.dbId ? this.affiliations.get(ballot.dbId) : undefined;
    return (ballot.dbId ? this.bySeat.get(ballot.dbId) : undefined)
      ?? this.members.resolve({ surname: ballot.surname, name: known?.name ?? null, riding: ballot.riding ?? known?.riding ?? null });
  }
}

// ---------------------------------------------------------------------------
// Writing.

type SpeechRow = typeof speeches.$inferInsert;

/** Columns of a speech both languages carry; the English file owns them. */
const SHARED_SPEECH_COLUMNS = ['debateId', 'sequence', 'personId', 'speakerName', 'speakerAffiliation', 'speakerRole', 'time', 'billId', 'otherIdentifiers'] as const;

export function debateId(sitting: Pick<Sitting, 'session' | 'number' | 'committee'>): string {
  return sitting.committee
    ? recordId('debate', sitting.session, sitting.committee.acronym, sitting.number)
    : recordId('debate', sitting.session, sitting.number);
}

export function speechId(debate: string, interventionKey: string): string {
  return recordId('speech', debate, interventionKey);
}

async function writeFile(ctx: ImportContext, tx: Db, file: string, parsed: Parsed, districts: FederalDistricts | null): Promise<WriteCounts> {
  const { sitting } = parsed;
  const counts = emptyCounts();
  const session = await ensureFederalSession(tx, sitting.session);
  const organization = await ensureOrganization(ctx, tx, file, sitting);
  const debate = debateId(sitting);

  addCounts(counts, await upsert(tx, debates, [{
    id: debate,
    jurisdictionId: FEDERAL_JURISDICTION,
    sessionId: session,
    organizationId: organization,
    date: sitting.date,
    number: sitting.number,
    title: sitting.title.en,
    titleFr: sitting.title.fr,
    otherIdentifiers: [{ scheme: 'hansard-document-id', identifier: sitting.hansardId }],
    sources: ctx.provenance(file, undefined, sittingUrl(sitting)),
  }]));

  addCounts(counts, (await writePersonRecords(tx, ctx, memberRecords(ctx, file, parsed, districts))).counts);
  const resolver = new SittingResolver(await MemberResolver.forDate(tx, sitting.date), parsed.affiliations);
  addCounts(counts, await writeSpeeches(ctx, tx, file, parsed, debate, resolver));
  // Ballots are language-neutral facts printed with language-specific riding names; the English record owns them.
  if (sitting.language === 'en') {
    for (const division of parsed.divisions) addCounts(counts, await writeDivision(ctx, tx, file, session, sitting, division, resolver));
  }
  return counts;
}

/**
 * What the sitting says of each member it names with their riding: a person
 * record under the affiliation id the House gives them for the Parliament, so
 * members whom no other source lists (most of 2011–2021) are people, and the
 * resolver joins a member's sittings by that id and their other sources by name
 * and riding. One record per sitting and language: each says what its file printed,
 * the riding under its English name when the OCD registry knows it (a French
 * sitting prints "Winnipeg-Nord"), so both languages meet the other sources' seats.
 */
function memberRecords(ctx: ImportContext, file: string, parsed: Parsed, districts: FederalDistricts | null): PersonRecordRow[] {
  const { sitting } = parsed;
  const rows: PersonRecordRow[] = [];
  for (const [dbId, { name, riding: printed }] of parsed.affiliations) {
    // A parenthesis may hold an office ("for the Minister of Labour"): with the registry at hand, only a riding it knows is one.
    const riding = printed && districts ? districts.resolve(printed, sitting.date)?.name : printed;
    if (!name || !riding) continue;
    rows.push({
      sourceKey: `${sitting.hansardId}/${sitting.language}/${dbId}`,
      name,
      otherIdentifiers: [{ scheme: 'parl-affiliation-id', identifier: dbId }],
      seats: [{ organization: HOUSE_OF_COMMONS, district: riding }],
      sources: ctx.provenance(file, undefined, sittingUrl(sitting)),
    });
  }
  return rows;
}

async function ensureOrganization(ctx: ImportContext, tx: Db, file: string, sitting: Sitting): Promise<string> {
  if (!sitting.committee) return HOUSE_OF_COMMONS;
  const id = organizationId(FEDERAL_JURISDICTION, 'committee', sitting.committee.acronym);
  await ensure(tx, organizations, [{
    id,
    jurisdictionId: FEDERAL_JURISDICTION,
    parentId: HOUSE_OF_COMMONS,
    name: sitting.committee.nameEn,
    nameFr: sitting.committee.nameFr,
    classification: 'committee',
    abbreviation: sitting.committee.acronym,
    sources: ctx.provenance(file),
  }]);
  return id;
}

/** The sitting's page on ourcommons.ca: the House's Hansard, or a committee's evidence. */
function sittingUrl(sitting: Sitting): string {
  const where = sitting.committee ? `${sitting.committee.acronym.toLowerCase()}/meeting-${sitting.number}/evidence` : `house/sitting-${sitting.number}/hansard`;
  return `https://www.ourcommons.ca/DocumentViewer/${sitting.language}/${sitting.session}/${where}`;
}

async function writeSpeeches(
  ctx: ImportContext,
  tx: Db,
  file: string,
  parsed: Parsed,
  debate: string,
  resolver: SittingResolver,
): Promise<WriteCounts> {
  const { sitting } = parsed;
  const rows: SpeechRow[] = [];
  for (const s of parsed.speeches) {
    if (!s.interventionId) {
      ctx.reject({ location: `${file}#Intervention #${s.sequence}`, message: 'intervention without an id', record: s.heading.printed });
      continue;
    }
    const person = resolver.speaker(s);
    const shared = {
      id: speechId(debate, s.interventionId),
      debateId: debate,
      sequence: s.sequence,
      personId: person?.personId ?? null,
      speakerName: s.heading.printed,
      speakerAffiliation: s.heading.affiliation,
      speakerRole: s.heading.role,
      time: s.time?.toISOString() ?? null,
      billId: s.bill ? billId(FEDERAL_JURISDICTION, sitting.session, s.bill) : null,
      otherIdentifiers: [{ scheme: 'hansard-intervention-id', identifier: s.interventionId }],
      sources: ctx.provenance(file, `Intervention ${s.interventionId}`, sittingUrl(sitting)),
    };
    rows.push(sitting.language === 'en'
      ? { ...shared, subjectEn: s.subject, textEn: s.text }
      : { ...shared, subjectFr: s.subject, textFr: s.text });
  }
  if (sitting.language === 'fr') await keepEnglishColumns(tx, debate, rows);
  return upsert(tx, speeches, rows);
}

/** A French file fills only its own columns of speeches the English file already wrote. */
async function keepEnglishColumns(tx: Db, debate: string, rows: SpeechRow[]): Promise<void> {
  const stored = await tx.select({
    id: speeches.id,
    debateId: speeches.debateId,
    sequence: speeches.sequence,
    personId: speeches.personId,
    speakerName: speeches.speakerName,
    speakerAffiliation: speeches.speakerAffiliation,
    speakerRole: speeches.speakerRole,
    time: speeches.time,
    billId: speeches.billId,
    otherIdentifiers: speeches.otherIdentifiers,
  }).from(speeches).where(eq(speeches.debateId, debate));
  const byId = new Map(stored.map((s) => [s.id, s]));
  for (const row of rows) {
    const existing = byId.get(row.id);
    if (!existing) continue;
    for (const column of SHARED_SPEECH_COLUMNS) (row as Record<string, unknown>)[column] = existing[column];
  }
}

async function writeDivision(
  ctx: ImportContext,
  tx: Db,
  file: string,
  session: string,
  sitting: Sitting,
  division: Division,
  resolver: SittingResolver,
): Promise<WriteCounts> {
  const id = voteEventId(FEDERAL_JURISDICTION, sitting.session, division.number);
  const tally = (option: Ballot['option']) => division.ballots.filter((b) => b.option === option).length;
  const yes = tally('yes');
  const no = tally('no');
  const inserted = await ensure(tx, voteEvents, [{
    id,
    jurisdictionId: FEDERAL_JURISDICTION,
    sessionId: session,
    organizationId: HOUSE_OF_COMMONS,
    identifier: String(division.number),
    number: division.number,
    startDate: sitting.date,
    motionTextEn: division.motion,
    result: yes > no ? 'pass' : yes < no ? 'fail' : 'tie',
    yesCount: yes,
    noCount: no,
    pairedCount: tally('paired'),
    billId: division.bill ? billId(FEDERAL_JURISDICTION, sitting.session, division.bill) : null,
    billIdentifier: division.bill,
    sources: ctx.provenance(file, `Division ${division.number}`, sittingUrl(sitting)),
  }]);
  const counts: WriteCounts = { inserted, updated: 0, unchanged: 1 - inserted };

  const rows = division.ballots.map((b) => {
    const voter = resolver.voter(b);
    return { voteEventId: id, voterName: b.printed, voterId: voter?.personId ?? null, option: b.option, party: voter?.party ?? null };
  });
  return addCounts(counts, await upsert(tx, votes, rows));
}

// ---------------------------------------------------------------------------

/** The XML files named, a folder standing for every .xml file in it. */
function hansardFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (existsSync(path) && statSync(path).isDirectory()) {
      files.push(...readdirSync(path).filter((f) => /\.xml(\.gz)?$/i.test(f)).sort().map((f) => join(path, f)));
    } else {
      assertReadableFile(path);
      files.push(path);
    }
  }
  return files;
}

export const hansard: Importer = {
  ...catalogued('hansard'),
  samplePaths: (dataRoot) => [join(dataRoot, 'hansard')],
  async run(ctx, paths) {
    const files = hansardFiles(paths);
    ctx.progress.setTotal(files.length);
    // The OCD registry beside the data folder, when there is one: it only puts ridings in one language.
    const registry = files[0] ? join(dirname(dirname(files[0])), 'ocd', REGISTRY_FILE) : null;
    const districts = registry && sourceExists(registry) ? await FederalDistricts.load(registry) : null;
    for (const file of files) {
      // A malformed or truncated sitting is rejected with its location; the folder's other sittings still import.
      const parsed = await ctx.readOrReject(() => readHansardFile(file, (r) => ctx.reject(r)));
      if (parsed) await ctx.unit(basename(file), (tx) => writeFile(ctx, tx, file, parsed, districts));
      ctx.progress.tick();
    }
  },
};
