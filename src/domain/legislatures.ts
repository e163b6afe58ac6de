/**
 * When each legislature in the data sat, so that a seat a source leaves open ends
 * with its legislature and nobody of an ended Parliament reads as sitting today.
 *
 * A Parliament runs from the general election that returns it (members' terms
 * start that day) to its dissolution; it first sits some weeks after the election.
 *
 * Sources: Library of Parliament, ParlInfo, "Parliaments" and "General Elections"
 * (https://lop.parl.ca/sites/ParlInfo/default/en_CA/Parliament/parliamentsMinistries);
 * the first sittings and dissolutions agree with the openparliament sessions
 * (35-1 … 40-2 start and end on them) and LEGISinfo's 45-1 (first event 2025-05-27).
 * British Columbia: the Legislative Assembly (leg.bc.ca), its 40th Parliament
 * closed with the 6th session on 2017-03-16, the last day its members sat.
 */
import { FEDERAL_JURISDICTION, provinceJurisdiction } from './ids.js';

export interface Legislature {
  jurisdictionId: string;
  number: number;
  /** Polling day of the general election that returned it. */
  elected: string;
  firstSitting: string;
  /** Its dissolution; null while it sits. */
  end: string | null;
}

const federal = (number: number, elected: string, firstSitting: string, end: string | null): Legislature =>
  ({ jurisdictionId: FEDERAL_JURISDICTION, number, elected, firstSitting, end });
const bc = (number: number, elected: string, firstSitting: string, end: string | null): Legislature =>
  ({ jurisdictionId: provinceJurisdiction('bc'), number, elected, firstSitting, end });

const LEGISLATURES: Legislature[] = [
  federal(35, '1993-10-25', '1994-01-17', '1997-04-27'),
  federal(36, '1997-06-02', '1997-09-22', '2000-10-22'),
  federal(37, '2000-11-27', '2001-01-29', '2004-05-23'),
  federal(38, '2004-06-28', '2004-10-04', '2005-11-29'),
  federal(39, '2006-01-23', '2006-04-03', '2008-09-07'),
  federal(40, '2008-10-14', '2008-11-18', '2011-03-26'),
  federal(41, '2011-05-02', '2011-06-02', '2015-08-02'),
  federal(42, '2015-10-19', '2015-12-03', '2019-09-11'),
  federal(43, '2019-10-21', '2019-12-05', '2021-08-15'),
  federal(44, '2021-09-20', '2021-11-22', '2025-03-23'),
  federal(45, '2025-04-28', '2025-05-26', null),
  bc(40, '2013-05-14', '2013-06-26', '2017-03-16'),
  bc(41, '2017-05-09', '2017-06-22', null),
];

/** The legislature `number` of a jurisdiction; throws for one the table does not hold (a programming error). */
export function legislature(jurisdictionId: string, number: number): Legislature {
  const found = LEGISLATURES.find((l) => l.jurisdictionId === jurisdictionId && l.number === number);
  if (!found) throw new Error(`no dates for legislature ${number} of ${jurisdictionId}`);
  return found;
}

/** The legislature of `jurisdictionId` that a term starting on `date` belongs to: elected on or before it, not yet dissolved. */
export function legislatureOn(jurisdictionId: string | null, date: string | null): Legislature | null {
  if (!jurisdictionId || !date) return null;
  return LEGISLATURES.find((l) => l.jurisdictionId === jurisdictionId && l.elected <= date && (l.end === null || date <= l.end)) ?? null;
}

/** The legislature after `l`, if the table knows it. */
export function nextLegislature(l: Legislature): Legislature | null {
  return LEGISLATURES.find((n) => n.jurisdictionId === l.jurisdictionId && n.number === l.number + 1) ?? null;
}

/**
 * When a term ends: the source's end, else its legislature's end (a source
 * published while its Parliament sat leaves its seats open; they closed when it
 * was dissolved). Null only while that legislature sits, or when the table does
 * not know it.
 */
export function endWithLegislature(jurisdictionId: string, start: string | null, end: string | null): string | null {
  return end ?? legislatureOn(jurisdictionId, start)?.end ?? null;
}

/** "44th Parliament" / "44e législature". */
export function legislatureName(l: Legislature): { en: string; fr: string } {
  return { en: `${ordinal(l.number)} Parliament`, fr: `${l.number}e législature` };
}

/** 1 → "1st", 22 → "22nd", 44 → "44th". */
export function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}
