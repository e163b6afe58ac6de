/**
 * British Columbia's Legislative Assembly, 40th Parliament (2013–2016), from the
 * imagine-x JSON derived from the Assembly's journals: `mlas.json` (each MLA's
 * party and district) and `divisions.json` (recorded divisions with each MLA's
 * vote by name and party). The OCD registry (country-ca.csv), when given, links
 * each district to its provincial electoral district id.
 *
 * This source owns the Assembly, its sessions, parties, MLAs, their seats, the
 * bills voted on, the divisions and their ballots; the jurisdiction itself is
 * the OCD registry's and is only ensured here.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db } from '../db/client.js';
import { bills, jurisdictions, legislativeSessions, memberships, organizations, people, voteEvents, votes } from '../db/schema.js';
import { billId, organizationId, personId, provinceJurisdiction, recordId, sessionId, voteEventId } from '../domain/ids.js';
import { legislature, ordinal } from '../domain/legislatures.js';
import { clean, searchKey } from '../domain/text.js';
import { decodeText, readCsv, readSourceBytes } from './files.js';
import { ImportError, type ImportContext, type Importer } from './runner.js';
import { addCounts, emptyCounts, ensure, upsert } from './upsert.js';
import { catalogued } from './catalog.js';

const BC = provinceJurisdiction('bc');
const BC_DIVISION = 'ocd-division/country:ca/province:bc';
const ASSEMBLY = organizationId(BC, 'legislature', 'legislative-assembly');
const PARLIAMENT = 40;
// The general election that returned the 40th Parliament: districts are the ones in force that day.
const ELECTION_DATE = '2013-05-14';

/**
 * Opening and closing days of the sessions of the 40th Parliament, as the
 * Assembly publishes them (leg.bc.ca). The JSON gives no dates, not even per division.
 */
const SESSIONS: Record<number, { start: string; end: string }> = {
  1: { start: '2013-06-26', end: '2014-02-11' },
  2: { start: '2014-02-11', end: '2014-10-06' },
  3: { start: '2014-10-06', end: '2015-02-10' },
  4: { start: '2015-02-10', end: '2016-02-09' },
  5: { start: '2016-02-09', end: '2017-02-14' },
  6: { start: '2017-02-14', end: '2017-03-16' },
};

const SITTINGS = legislature(BC, PARLIAMENT);
// From its first sitting to its end, as the table of legislatures has them (they open the 1st session and close the 6th).
const PARLIAMENT_SPAN = { start: SITTINGS.firstSitting, end: SITTINGS.end! };

/** Parties as the journals abbreviate them. */
const PARTIES: Record<string, { name: string; abbreviation: string }> = {
  Liberal: { name: 'BC Liberal Party', abbreviation: 'BC Liberals' },
  NDP: { name: 'BC New Democratic Party', abbreviation: 'BC NDP' },
  Green: { name: 'Green Party of British Columbia', abbreviation: 'BC Greens' },
  Independent: { name: 'Independent', abbreviation: 'Ind.' },
};

interface Mla {
  name: string;
  party: string;
  district: string;
  location: string;
}

interface Ballot {
  name: string;
  party: string;
  option: 'yes' | 'no';
}

interface Division {
  location: string;
  session: string;
  /** Position among the session's divisions in the file: the source publishes no division numbers. */
  sequence: number;
  subject: string;
  motion: string;
  unanimous: boolean;
  ballots: Ballot[];
}

interface Files {
  mlas: string;
  divisions: string;
  registry: string | undefined;
}

export const bcLegislature: Importer = {
  ...catalogued('bc-legislature'),
  samplePaths: (dataRoot) => [
    present(join(dataRoot, 'bc-legislature-40', 'mlas.json')),
    present(join(dataRoot, 'bc-legislature-40', 'divisions.json')),
    present(join(dataRoot, 'ocd', 'country-ca.csv')),
  ],
  async run(ctx, paths) {
    const files = identify(paths);
    const mlas = readMlas(ctx, files.mlas);
    const divisions = readDivisions(ctx, files.divisions);
    const districts = files.registry ? await readDistricts(files.registry) : new Map<string, string>();
    ctx.progress.setTotal(mlas.length + divisions.length);

    await ctx.unit('bc-legislature assembly, sessions and parties', (tx) => writeAssembly(tx, ctx, files, mlas, divisions));
    await ctx.unit(basename(files.mlas), (tx) => writeMlas(tx, ctx, files.mlas, mlas, districts));
    ctx.progress.tick(mlas.length);

    const resolver = voterResolver(mlas);
    for (const session of new Set(divisions.map((d) => d.session))) {
      const ofSession = divisions.filter((d) => d.session === session);
      await ctx.unit(`${basename(files.divisions)} session ${session}`, (tx) => writeDivisions(tx, ctx, files.divisions, ofSession, resolver));
      ctx.progress.tick(ofSession.length);
    }
  },
};

/** The path as given, or its compressed twin (how the bundled sample ships) when only that exists. */
function present(path: string): string {
  return !existsSync(path) && existsSync(`${path}.gz`) ? `${path}.gz` : path;
}

function identify(paths: string[]): Files {
  const named = (name: string) => paths.find((p) => basename(p).replace(/\.gz$/, '') === name);
  const mlas = named('mlas.json');
  const divisions = named('divisions.json');
  if (!mlas || !divisions) throw new ImportError(paths.join(', ') || '(no paths)', 'expected mlas.json and divisions.json');
  return { mlas, divisions, registry: paths.find((p) => /\.csv(\.gz)?$/.test(p)) };
}

/** JSON with the line and column of a syntax error, so a truncated file names where it stops. */
function readJson(file: string): unknown {
  const { text } = decodeText(readSourceBytes(file));
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    if (!at) throw new ImportError(file, `malformed JSON: ${message}`);
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new ImportError(`${file}:${line}:${column}`, `malformed JSON: ${message}`);
  }
}

function readMlas(ctx: ImportContext, file: string): Mla[] {
  const data = readJson(file);
  if (!isObject(data)) throw new ImportError(file, 'expected an object of MLAs by name');
  const mlas: Mla[] = [];
  for (const [rawName, record] of Object.entries(data)) {
    const location = `${file}#${rawName}`;
    const name = clean(rawName);
    const party = isObject(record) ? clean(record.party) : null;
    const district = isObject(record) ? clean(record.district) : null;
    if (!name || !party || !district) {
      ctx.reject({ location, message: 'an MLA needs a name, a party and a district', record: JSON.stringify(record) });
      continue;
    }
    mlas.push({ name, party, district, location });
  }
  return mlas;
}

function readDivisions(ctx: ImportContext, file: string): Division[] {
  const data = readJson(file);
  if (!Array.isArray(data)) throw new ImportError(file, 'expected an array of divisions');
  const divisions: Division[] = [];
  const sequences = new Map<string, number>();
  data.forEach((record: unknown, index) => {
    const location = `${file}#[${index}]`;
    const parsed = readDivision(ctx, record, location);
    if (!parsed) return;
    const sequence = (sequences.get(parsed.session) ?? 0) + 1;
    sequences.set(parsed.session, sequence);
    divisions.push({ ...parsed, sequence });
  });
  return divisions;
}

function readDivision(ctx: ImportContext, record: unknown, location: string): Omit<Division, 'sequence'> | null {
  const refuse = (message: string) => {
    ctx.reject({ location, message, record: JSON.stringify(record)?.slice(0, 2000) });
    return null;
  };
  if (!isObject(record)) return refuse('a division must be an object');
  const subject = clean(record.bill);
  const motion = clean(record.motion);
  if (record.parliament !== PARLIAMENT) return refuse(`not of the ${ordinal(PARLIAMENT)} Parliament: ${JSON.stringify(record.parliament)}`);
  if (typeof record.session !== 'number' || !SESSIONS[record.session]) return refuse(`unknown session ${JSON.stringify(record.session)}`);
  if (!subject || !motion) return refuse('a division needs a bill (subject) and a motion');
  if (record.result !== 'divided' && record.result !== 'unanimous') return refuse(`unknown result ${JSON.stringify(record.result)}`);
  if (!Array.isArray(record.yays) || !Array.isArray(record.nays)) return refuse('a division needs yays and nays lists');
  return {
    location,
    session: `${PARLIAMENT}-${record.session}`,
    subject,
    motion,
    unanimous: record.result === 'unanimous',
    ballots: [...readBallots(ctx, record.yays, 'yes', `${location}.yays`), ...readBallots(ctx, record.nays, 'no', `${location}.nays`)],
  };
}

/** Each `[name, party]` pair; a malformed or repeated one is refused, the rest of the division kept. */
function readBallots(ctx: ImportContext, list: unknown[], option: 'yes' | 'no', location: string): Ballot[] {
  const ballots: Ballot[] = [];
  list.forEach((entry, index) => {
    const name = Array.isArray(entry) ? clean(entry[0]) : null;
    const party = Array.isArray(entry) ? clean(entry[1]) : null;
    if (!name || !party) {
      ctx.reject({ location: `${location}[${index}]`, message: 'a ballot must be [name, party]', record: JSON.stringify(entry) });
      return;
    }
    ballots.push({ name, party, option });
  });
  return ballots;
}

/** BC provincial electoral districts in force at the election, by normalized name. */
async function readDistricts(file: string): Promise<Map<string, string>> {
  const { text } = decodeText(readSourceBytes(file));
  const rows = await readCsv(text, file, { required: ['id', 'name'] });
  const candidates = new Map<string, string[]>();
  for (const { record } of rows) {
    if (!record.id?.startsWith(`${BC_DIVISION}/ed:`) || !record.name) continue;
    const from = clean(record.validFrom);
    const through = clean(record.validThrough);
    if ((from && from > ELECTION_DATE) || (through && through < ELECTION_DATE)) continue;
    const key = districtKey(record.name);
    candidates.set(key, [...(candidates.get(key) ?? []), record.id]);
  }
  // A name shared by two districts in force names neither.
  return new Map([...candidates].filter(([, ids]) => ids.length === 1).map(([key, ids]) => [key, ids[0]!]));
}

/** District names differ in dashes (hyphen, en and em dash) and spacing between sources. */
function districtKey(name: string): string {
  return searchKey(name.replace(/[\u2010-\u2015-]/g, ' '));
}

function mlaId(name: string): string {
  return personId('bc-mla', searchKey(name));
}

function partyId(party: string): string {
  return organizationId(BC, 'party', party);
}

async function writeAssembly(tx: Db, ctx: ImportContext, files: Files, mlas: Mla[], divisions: Division[]) {
  await ensure(tx, jurisdictions, [{
    id: BC,
    name: 'Legislative Assembly of British Columbia',
    nameFr: 'Assemblée législative de la Colombie-Britannique',
    classification: 'legislature',
    level: 'provincial',
    divisionId: BC_DIVISION,
    sources: ctx.provenance(files.mlas),
  }]);
  const counts = emptyCounts();
  addCounts(counts, await upsert(tx, organizations, [{
    id: ASSEMBLY,
    jurisdictionId: BC,
    name: 'Legislative Assembly of British Columbia',
    nameFr: 'Assemblée législative de la Colombie-Britannique',
    classification: 'legislature',
    sources: ctx.provenance(files.mlas),
  }]));
  addCounts(counts, await upsert(tx, legislativeSessions, [...new Set(divisions.map((d) => d.session))].map((identifier) => {
    const number = Number(identifier.split('-')[1]);
    return {
      id: sessionId(BC, identifier),
      jurisdictionId: BC,
      identifier,
      name: `${ordinal(PARLIAMENT)} Parliament, ${ordinal(number)} Session`,
      classification: 'primary',
      startDate: SESSIONS[number]!.start,
      endDate: SESSIONS[number]!.end,
      sources: ctx.provenance(files.divisions),
    };
  })));
  const partyNames = new Set([...mlas.map((m) => m.party), ...divisions.flatMap((d) => d.ballots.map((b) => b.party))]);
  addCounts(counts, await upsert(tx, organizations, [...partyNames].map((party) => ({
    id: partyId(party),
    jurisdictionId: BC,
    name: PARTIES[party]?.name ?? party,
    classification: 'party',
    abbreviation: PARTIES[party]?.abbreviation ?? null,
    sources: ctx.provenance(files.mlas),
  }))));
  return counts;
}

async function writeMlas(tx: Db, ctx: ImportContext, file: string, mlas: Mla[], districts: Map<string, string>) {
  const counts = emptyCounts();
  addCounts(counts, await upsert(tx, people, mlas.map((m) => ({
    id: mlaId(m.name),
    name: m.name,
    searchName: searchKey(m.name),
    sources: ctx.provenance(file, m.location),
  }))));
  addCounts(counts, await upsert(tx, memberships, mlas.map((m) => ({
    id: recordId('membership', mlaId(m.name), ASSEMBLY, PARLIAMENT),
    personId: mlaId(m.name),
    organizationId: ASSEMBLY,
    onBehalfOfId: partyId(m.party),
    role: 'member',
    label: `MLA for ${m.district}`,
    district: m.district,
    divisionId: districts.get(districtKey(m.district)) ?? null,
    // A seat lasts as long as its Parliament: from its first sitting to the close of its last session.
    startDate: PARLIAMENT_SPAN.start,
    endDate: PARLIAMENT_SPAN.end,
    sources: ctx.provenance(file, m.location),
  }))));
  return counts;
}

/** Printed names to MLAs: exact first, then ignoring case and accents. */
function voterResolver(mlas: Mla[]): (name: string) => string | null {
  const exact = new Set(mlas.map((m) => m.name));
  const loose = new Map(mlas.map((m) => [searchKey(m.name), m.name]));
  return (name) => {
    if (exact.has(name)) return mlaId(name);
    const found = loose.get(searchKey(name));
    return found ? mlaId(found) : null;
  };
}

/** "Water Sustainability Act (Bill 18)" → the bill's number and title; motions, the budget and the throne speech are not bills. */
function billOf(subject: string): { number: string; title: string } | null {
  const m = /^(.*?)\s*\(Bill (\d+)\)$/.exec(subject);
  return m ? { number: m[2]!, title: m[1]! } : null;
}

function resultOf(division: Division, yes: number, no: number): 'pass' | 'fail' | 'tie' {
  if (division.unanimous || yes > no) return 'pass';
  return yes < no ? 'fail' : 'tie';
}

async function writeDivisions(tx: Db, ctx: ImportContext, file: string, divisions: Division[], resolve: (name: string) => string | null) {
  const counts = emptyCounts();
  const session = divisions[0]!.session;
  const billRows = divisions.flatMap((d) => {
    const bill = billOf(d.subject);
    return bill ? [{
      id: billId(BC, session, bill.number),
      jurisdictionId: BC,
      sessionId: sessionId(BC, session),
      identifier: bill.number,
      titleEn: bill.title,
      sources: ctx.provenance(file, d.location),
    }] : [];
  });
  addCounts(counts, await upsert(tx, bills, billRows));

  const eventRows: (typeof voteEvents.$inferInsert)[] = [];
  const ballotRows: (typeof votes.$inferInsert)[] = [];
  for (const division of divisions) {
    const ballots = uniqueBallots(ctx, division);
    const yes = ballots.filter((b) => b.option === 'yes').length;
    const no = ballots.length - yes;
    const bill = billOf(division.subject);
    const id = voteEventId(BC, session, division.sequence);
    eventRows.push({
      id,
      jurisdictionId: BC,
      sessionId: sessionId(BC, session),
      organizationId: ASSEMBLY,
      identifier: String(division.sequence),
      number: null,
      // The source dates no division; the session's opening day is the one date known to bound it.
      startDate: SESSIONS[Number(session.split('-')[1])]!.start,
      motionTextEn: `${division.subject} — ${division.motion}`,
      result: resultOf(division, yes, no),
      yesCount: yes,
      noCount: no,
      pairedCount: 0,
      absentCount: null,
      billId: bill ? billId(BC, session, bill.number) : null,
      billIdentifier: bill?.number ?? null,
      sources: ctx.provenance(file, division.location),
    });
    ballotRows.push(...ballots.map((b) => ({ voteEventId: id, voterName: b.name, voterId: resolve(b.name), option: b.option, party: b.party })));
  }
  addCounts(counts, await upsert(tx, voteEvents, eventRows));
  addCounts(counts, await upsert(tx, votes, ballotRows));
  return counts;
}

/** One ballot per MLA per division: a name listed twice is refused after its first listing. */
function uniqueBallots(ctx: ImportContext, division: Division): Ballot[] {
  const seen = new Set<string>();
  return division.ballots.filter((b) => {
    if (seen.has(b.name)) {
      ctx.reject({ location: division.location, message: `${b.name} is listed twice`, record: JSON.stringify(b) });
      return false;
    }
    seen.add(b.name);
    return true;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
