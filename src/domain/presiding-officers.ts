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
 * sitting day to its dissolution, or within it to a resignation (Rota, 2023-09-27)
 * and the successor's election (Fergus, 2023-10-03). Every chair the shared
 * sittings name agrees with it (test/ingest/presiding-officers.test.ts).
 */

export type PresidingOffice = 'speaker' | 'deputy speaker' | 'deputy chair' | 'assistant deputy chair';

interface Term {
  office: PresidingOffice;
  name: string;
  from: string;
  to: string;
}

const TERMS: Term[] = [
  // 41st Parliament
  { office: 'speaker', name: 'Andrew Scheer', from: '2011-06-02', to: '2015-08-02' },
  { office: 'deputy speaker', name: 'Joe Comartin', from: '2011-06-02', to: '2015-08-02' },
  { office: 'deputy chair', name: 'Barry Devolin', from: '2011-06-02', to: '2015-08-02' },
  { office: 'assistant deputy chair', name: 'Bruce Stanton', from: '2011-06-02', to: '2015-08-02' },
  // 42nd Parliament
  { office: 'speaker', name: 'Geoff Regan', from: '2015-12-03', to: '2019-09-11' },
  { office: 'deputy speaker', name: 'Bruce Stanton', from: '2015-12-03', to: '2019-09-11' },
  { office: 'deputy chair', name: 'Anthony Rota', from: '2015-12-03', to: '2019-09-11' },
  { office: 'assistant deputy chair', name: 'Carol Hughes', from: '2015-12-03', to: '2019-09-11' },
  // 43rd Parliament
  { office: 'speaker', name: 'Anthony Rota', from: '2019-12-05', to: '2021-08-15' },
  { office: 'deputy speaker', name: 'Bruce Stanton', from: '2019-12-05', to: '2021-08-15' },
  { office: 'deputy chair', name: 'Carol Hughes', from: '2019-12-05', to: '2021-08-15' },
  { office: 'assistant deputy chair', name: 'Alexandra Mendès', from: '2019-12-05', to: '2021-08-15' },
  // 44th Parliament
  { office: 'speaker', name: 'Anthony Rota', from: '2021-11-22', to: '2023-09-27' },
  { office: 'speaker', name: 'Greg Fergus', from: '2023-10-03', to: '2025-03-23' },
  { office: 'deputy speaker', name: "Chris d'Entremont", from: '2021-11-22', to: '2025-03-23' },
  { office: 'deputy chair', name: 'Carol Hughes', from: '2021-11-22', to: '2025-03-23' },
  { office: 'assistant deputy chair', name: 'Alexandra Mendès', from: '2021-11-22', to: '2025-03-23' },
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
