/**
 * Who held the House of Commons' chairs, by date, for headings that print only
 * the office ("The Deputy Speaker:", "The Chair:" in a committee of the whole)
 * and whose sitting names nobody for it. The Hansard names the Speaker itself
 * (ExtractedItem SpeakerName) and often the occupant (the heading's parenthesis
 * or the intervention's ToCText); this table is the fallback.
 *
 * Source: Library of Parliament, ParlInfo, "Presiding Officers of the House of
 * Commons" (https://lop.parl.ca/sites/ParlInfo/default/en_CA/People/presidingOfficers),
 * one entry per Parliament's appointment; dates run from the Parliament's first
 * sitting day to its dissolution (src/domain/legislatures.ts), or within it to a
 * resignation (Rota, 2023-09-27) and the successor's election (Fergus, 2023-10-03). Every chair the shared
 * sittings name agrees with it (test/ingest/presiding-officers.test.ts).
 */
import { FEDERAL_JURISDICTION } from './ids.js';
import { legislature } from './legislatures.js';

export type PresidingOffice = 'speaker' | 'deputy speaker' | 'deputy chair' | 'assistant deputy chair';

interface Term {
  office: PresidingOffice;
  name: string;
  from: string;
  to: string;
}

/** A whole Parliament's sittings: from its first sitting to its dissolution (src/domain/legislatures.ts). */
function sat(parliament: number): { from: string; to: string } {
  const l = legislature(FEDERAL_JURISDICTION, parliament);
  return { from: l.firstSitting, to: l.end! };
}

const TERMS: Term[] = [
  // 41st Parliament
  { office: 'speaker', name: 'Andrew Scheer', ...sat(41) },
  { office: 'deputy speaker', name: 'Joe Comartin', ...sat(41) },
  { office: 'deputy chair', name: 'Barry Devolin', ...sat(41) },
  { office: 'assistant deputy chair', name: 'Bruce Stanton', ...sat(41) },
  // 42nd Parliament
  { office: 'speaker', name: 'Geoff Regan', ...sat(42) },
  { office: 'deputy speaker', name: 'Bruce Stanton', ...sat(42) },
  { office: 'deputy chair', name: 'Anthony Rota', ...sat(42) },
  { office: 'assistant deputy chair', name: 'Carol Hughes', ...sat(42) },
  // 43rd Parliament
  { office: 'speaker', name: 'Anthony Rota', ...sat(43) },
  { office: 'deputy speaker', name: 'Bruce Stanton', ...sat(43) },
  { office: 'deputy chair', name: 'Carol Hughes', ...sat(43) },
  { office: 'assistant deputy chair', name: 'Alexandra Mendès', ...sat(43) },
  // 44th Parliament
  { office: 'speaker', name: 'Anthony Rota', from: sat(44).from, to: '2023-09-27' },
  { office: 'speaker', name: 'Greg Fergus', from: '2023-10-03', to: sat(44).to },
  { office: 'deputy speaker', name: "Chris d'Entremont", ...sat(44) },
  { office: 'deputy chair', name: 'Carol Hughes', ...sat(44) },
  { office: 'assistant deputy chair', name: 'Alexandra Mendès', ...sat(44) },
];

/** The office a printed title names, English or French; null for titles several people share ("The Acting Speaker"). */
export function presidingOffice(title: string, inCommittee: boolean): PresidingOffice | null {
  // A committee's chairs are its own members, named by its evidence, not House officers.
  if (inCommittee) return null;
  const t = title.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/^(the|le|la|l')\s*/, '').trim();
  if (/^(speaker|presidente?)$/.test(t)) return 'speaker';
  // "The Chair" of a committee of the whole is its Chair, the Deputy Speaker.
  if (/^(deputy speaker|chair|vice-presidente?)$/.test(t)) return 'deputy speaker';
  if (/^(deputy chair|vice-presidente? adjointe?)$/.test(t)) return 'deputy chair';
  if (/^assistant deputy chair$/.test(t)) return 'assistant deputy chair';
  return null;
}

/** The name of who held `office` on `date`, if the table knows. */
export function presidingOfficer(office: PresidingOffice, date: string): string | null {
  return TERMS.find((t) => t.office === office && t.from <= date && date <= t.to)?.name ?? null;
}
