/**
 * Federal electoral districts from the OCD division registry (ocd/country-ca.csv),
 * so an importer of MPs can turn a riding name and a date into the OCD id of the
 * district in force then. Read from the registry file rather than the divisions
 * table, so the result does not depend on which importer ran first.
 *
 * The registry numbers the districts of the 2003, 2013 and 2023 representation
 * orders (`ed:35001`, `ed:35001-2013`, `ed:35001-2023`) and names the older ones
 * by province and slug with their dates (`province:on/fed:mississauga_east`,
 * 1988–2004); a numbered district is preferred where both apply.
 */
import { basename, dirname, join } from 'node:path';
import { clean, datePart } from '../domain/text.js';
import { decodeText, readCsv, readSourceBytes } from './files.js';
import { sourceExists } from './named-files.js';
import { ImportError } from './runner.js';

export const REGISTRY_FILE = 'country-ca.csv';

// Unsuffixed federal ids (ed:35001) are the 2003 Representation Order; the
// registry gives them no dates. That order first applied at the general
// election of 28 June 2004 and gave way to the 2013 order (ed:35001-2013).
const ORDER_2003_FROM = '2004-06-28';
const NUMBERED = /^ocd-division\/country:ca\/ed:\d{5}(-\d{4})?$/;
const NAMED = /^ocd-division\/country:ca\/(?:province|territory):[a-z]{2}\/fed:[^/]+$/;
const YEAR = /^\d{4}$/;

export interface FederalDistrict {
  id: string;
  classification: 'ed' | 'fed';
  name: string;
  nameFr: string | null;
  /** As the registry gives them (none for the 2003 order). */
  validFrom: string | null;
  validThrough: string | null;
}

interface Entry extends FederalDistrict {
  sameAs: string | null;
  from: string;
  /** First day no longer in force (exclusive), or null while in force. */
  until: string | null;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A validity bound as a date; a year alone (a few ridings of 1905) stands for that whole year. */
function bound(value: string | undefined, side: 'from' | 'through'): string | null {
  const s = clean(value);
  if (s && YEAR.test(s)) return side === 'from' ? `${s}-01-01` : `${s}-12-31`;
  return datePart(s);
}

/** Accent-, case-, dash- and punctuation-insensitive: "Beauport—Côte-de-Beaupré" = "Beauport--Cote-de-Beaupre". */
export function districtKey(name: string): string {
  return name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** A riding name as printed with the official em dash ("Halifax--Dartmouth" → "Halifax—Dartmouth"). */
export function ridingName(name: string): string {
  return name.replace(/\s*(?:--|—|–)\s*/g, '—');
}

/**
 * The registry to use: a country-ca.csv among the paths given, else the one the
 * data folder layout puts beside the source folder (`<folder>/../ocd/country-ca.csv`).
 */
export function locateRegistry(paths: string[], sourceFolder: string): string {
  const given = paths.find((p) => basename(p).replace(/\.gz$/, '') === REGISTRY_FILE);
  if (given) return given;
  const sibling = join(dirname(sourceFolder), 'ocd', REGISTRY_FILE);
  if (!sourceExists(sibling)) {
    throw new ImportError(sibling, `OCD division registry not found: pass ${REGISTRY_FILE} with the paths to resolve ridings`);
  }
  return sibling;
}

/** Registry row → district, its validity as [from, until) for comparing with a date. */
function toEntry(r: Record<string, string>, classification: FederalDistrict['classification']): Entry {
  const validFrom = bound(r.validFrom, 'from');
  const validThrough = bound(r.validThrough, 'through');
  return {
    id: r.id!, classification, name: clean(r.name)!, nameFr: clean(r.name_fr), validFrom, validThrough, sameAs: clean(r.sameAs),
    from: validFrom ?? ORDER_2003_FROM,
    // A numbered district's validThrough is the day the next order starts; a named one's is its last day.
    until: validThrough && classification === 'fed' ? nextDay(validThrough) : validThrough,
  };
}

export class FederalDistricts {
  private readonly byId = new Map<string, Entry>();
  private readonly byName = new Map<string, Entry[]>();
  /** Districts by a former name: the registry lists a renamed district's old name undated, sameAs the new one. */
  private readonly byFormerName = new Map<string, Entry[]>();

  private constructor(entries: Entry[], formerNames: { name: string; sameAs: string }[]) {
    for (const e of entries) {
      this.byId.set(e.id, e);
      for (const name of new Set([e.name, e.nameFr ?? ''].map(districtKey))) if (name) push(this.byName, name, e);
    }
    for (const { name, sameAs } of formerNames) {
      for (const e of entries) if (e.id === sameAs || e.sameAs === sameAs) push(this.byFormerName, districtKey(name), e);
    }
  }

  static async load(path: string): Promise<FederalDistricts> {
    const { text } = decodeText(readSourceBytes(path));
    const rows = await readCsv(text, path, { required: ['id', 'name', 'name_fr', 'sameAs', 'validFrom', 'validThrough'] });
    const records = rows.map((r) => r.record).filter((r) => clean(r.name));
    const numbered = records.filter((r) => NUMBERED.test(r.id ?? '')).map((r) => toEntry(r, 'ed'));
    const named = records.filter((r) => NAMED.test(r.id ?? ''));
    // The 2003 order's numbered ids are undated: in force until the 2013 order starts.
    const order2013From = numbered.filter((d) => d.id.endsWith('-2013')).map((d) => d.from).sort()[0] ?? null;
    for (const d of numbered) if (!/-\d{4}$/.test(d.id)) d.until = order2013From;
    return new FederalDistricts(
      [...numbered, ...named.filter((r) => clean(r.validFrom)).map((r) => toEntry(r, 'fed'))],
      named.filter((r) => !clean(r.validFrom) && clean(r.sameAs)).map((r) => ({ name: clean(r.name)!, sameAs: clean(r.sameAs)! })),
    );
  }

  /** Whether the district `id` was in force on `date`. */
  inForce(id: string, date: string): boolean {
    const e = this.byId.get(id);
    return !!e && e.from <= date && (e.until === null || date < e.until);
  }

  /**
   * The one district of that name (English or French, else a former name) in
   * force on `date`, numbered ids first; null if none or several.
   */
  resolve(name: string, date: string): FederalDistrict | null {
    for (const index of [this.byName, this.byFormerName]) {
      const found = (index.get(districtKey(name)) ?? []).filter((e) => this.inForce(e.id, date));
      const numbered = found.filter((e) => e.classification === 'ed');
      const pick = numbered.length > 0 ? numbered : found;
      if (pick.length === 1) return plain(pick[0]!);
      if (pick.length > 1) return null;
    }
    return null;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function plain(e: Entry): FederalDistrict {
  return { id: e.id, classification: e.classification, name: e.name, nameFr: e.nameFr, validFrom: e.validFrom, validThrough: e.validThrough };
}
