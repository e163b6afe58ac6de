/**
 * House of Commons recorded divisions from the ourcommons.ca export
 * (divisions-<parliament>-<session>.csv): date, subject, result, totals and bill.
 * LEGISinfo owns the divisions it lists on bills, so this source only `ensure`s
 * vote events: it fills in those LEGISinfo does not list and never overwrites.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { voteEvents } from '../db/schema.js';
import { billId, FEDERAL_JURISDICTION, sessionId, voteEventId } from '../domain/ids.js';
import { clean, datePart } from '../domain/text.js';
import { decodeText, readCsv, readSourceBytes, type CsvRow } from './files.js';
import { ensureFederalSession, HOUSE_OF_COMMONS } from './reference.js';
import { ImportError, type ImportContext, type Importer } from './runner.js';
import { ensure } from './upsert.js';
import { catalogued } from './catalog.js';

const BATCH = 250;
const COUNT = /^\d+$/;
const BILL = /^[CS]-\d+[A-Z]?$/i;
const REQUIRED = [
  'ParliamentNumber', 'SessionNumber', 'DecisionEventDateTime', 'DecisionDivisionNumber', 'DecisionDivisionSubject',
  'DecisionResultName', 'DecisionDivisionNumberOfYeas', 'DecisionDivisionNumberOfNays', 'DecisionDivisionNumberOfPaired',
  'BillNumberCode', 'Link',
];
const DIVISIONS_FILE = /^divisions-.*\.csv(\.gz)?$/;
const RESULTS: Record<string, 'pass' | 'fail' | 'tie'> = { 'agreed to': 'pass', negatived: 'fail', tie: 'tie' };

type VoteEventRow = typeof voteEvents.$inferInsert;

interface Division {
  session: string;
  row: VoteEventRow;
}

/** A real calendar day: "2023-02-30" is not. */
function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

function count(value: string | undefined): number | null {
  const s = clean(value);
  return s && COUNT.test(s) ? Number(s) : null;
}

/** A division, or why the row is malformed. */
function toDivision(ctx: ImportContext, file: string, { line, record: r }: CsvRow): Division | string {
  const parliament = count(r.ParliamentNumber);
  const sessionNumber = count(r.SessionNumber);
  if (!parliament || !sessionNumber) return `malformed session ${JSON.stringify(`${r.ParliamentNumber}-${r.SessionNumber}`)}`;
  const number = count(r.DecisionDivisionNumber);
  if (!number) return `malformed division number ${JSON.stringify(r.DecisionDivisionNumber ?? '')}`;
  const date = datePart(r.DecisionEventDateTime);
  if (!date || !isCalendarDate(date)) return `malformed date ${JSON.stringify(r.DecisionEventDateTime ?? '')}`;
  const result = RESULTS[(clean(r.DecisionResultName) ?? '').toLowerCase()];
  if (!result) return `unknown result ${JSON.stringify(r.DecisionResultName ?? '')}`;
  const yes = count(r.DecisionDivisionNumberOfYeas);
  const no = count(r.DecisionDivisionNumberOfNays);
  const paired = count(r.DecisionDivisionNumberOfPaired);
  if (yes === null || no === null || paired === null) return 'malformed yea, nay or paired count';
  const motion = clean(r.DecisionDivisionSubject);
  if (!motion) return 'no subject';
  const bill = clean(r.BillNumberCode)?.toUpperCase() ?? null;
  if (bill && !BILL.test(bill)) return `malformed bill number ${JSON.stringify(bill)}`;

  const session = `${parliament}-${sessionNumber}`;
  const url = clean(r.Link);
  return {
    session,
    row: {
      id: voteEventId(FEDERAL_JURISDICTION, session, number),
      jurisdictionId: FEDERAL_JURISDICTION,
      sessionId: sessionId(FEDERAL_JURISDICTION, session),
      organizationId: HOUSE_OF_COMMONS,
      identifier: String(number),
      number,
      startDate: date,
      motionTextEn: motion,
      result,
      yesCount: yes,
      noCount: no,
      pairedCount: paired,
      billIdentifier: bill,
      billId: bill ? billId(FEDERAL_JURISDICTION, session, bill) : null,
      sources: ctx.provenance(file, `line ${line}`).map((p) => (url ? { ...p, url } : p)),
    },
  };
}

/** A divisions CSV as given, or every divisions-*.csv(.gz) of a folder. */
function divisionFiles(path: string): string[] {
  if (!existsSync(path) || !statSync(path).isDirectory()) return [path];
  const files = readdirSync(path).filter((name) => DIVISIONS_FILE.test(name)).sort();
  if (files.length === 0) throw new ImportError(path, 'no divisions-*.csv in this folder');
  return files.map((name) => join(path, name));
}

async function importDivisions(ctx: ImportContext, file: string): Promise<void> {
  const { text } = decodeText(readSourceBytes(file));
  const rows = await readCsv(text, file, { required: REQUIRED });
  ctx.progress.setTotal(rows.length);
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const parsed: Division[] = [];
    for (const row of batch) {
      const division = toDivision(ctx, file, row);
      if (typeof division === 'string') ctx.reject({ location: `${file}:${row.line}`, message: division, record: JSON.stringify(row.record) });
      else parsed.push(division);
    }
    await ctx.unit(`${basename(file)} rows ${start + 1}-${start + batch.length}`, async (tx) => {
      for (const session of new Set(parsed.map((d) => d.session))) await ensureFederalSession(tx, session);
      const events = parsed.map((d) => d.row);
      const inserted = await ensure(tx, voteEvents, events);
      return { inserted, updated: 0, unchanged: events.length - inserted };
    });
    ctx.progress.tick(batch.length);
  }
}

export const ourcommonsDivisions: Importer = {
  ...catalogued('ourcommons-divisions'),
  samplePaths: (dataRoot) => [join(dataRoot, 'ourcommons-44')],
  async run(ctx, paths) {
    for (const file of paths.flatMap(divisionFiles)) await importDivisions(ctx, file);
  },
};
