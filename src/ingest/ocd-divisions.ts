/**
 * The Open Civic Data division registry for Canada (country-ca.csv): every
 * country, province, territory, electoral district, census division and
 * municipality with its parent and validity, plus one legislature jurisdiction
 * per province and territory.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { divisions, jurisdictions } from '../db/schema.js';
import { provinceJurisdiction } from '../domain/ids.js';
import { clean, datePart } from '../domain/text.js';
import { decodeText, readCsv, readSourceBytes, type CsvRow } from './files.js';
import type { ImportContext, Importer } from './runner.js';
import { addCounts, emptyCounts, upsert } from './upsert.js';
import { catalogued } from './catalog.js';

const BATCH = 1000;
const DIVISION_ID = /^ocd-division\/country:[a-z]{2}(\/[a-z_]+:[^/\s]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;

type DivisionRow = typeof divisions.$inferInsert;
type JurisdictionRow = typeof jurisdictions.$inferInsert;

/** Legislatures of the provinces and territories, by the code in their division id. */
const LEGISLATURES: Record<string, { en: string; fr: string }> = {
  ab: { en: 'Legislative Assembly of Alberta', fr: "Assemblée législative de l'Alberta" },
  bc: { en: 'Legislative Assembly of British Columbia', fr: 'Assemblée législative de la Colombie-Britannique' },
  mb: { en: 'Legislative Assembly of Manitoba', fr: 'Assemblée législative du Manitoba' },
  nb: { en: 'Legislative Assembly of New Brunswick', fr: 'Assemblée législative du Nouveau-Brunswick' },
  nl: { en: 'House of Assembly of Newfoundland and Labrador', fr: 'Chambre d’assemblée de Terre-Neuve-et-Labrador' },
  ns: { en: 'Nova Scotia House of Assembly', fr: 'Assemblée législative de la Nouvelle-Écosse' },
  on: { en: 'Legislative Assembly of Ontario', fr: "Assemblée législative de l'Ontario" },
  pe: { en: 'Legislative Assembly of Prince Edward Island', fr: "Assemblée législative de l'Île-du-Prince-Édouard" },
  qc: { en: 'National Assembly of Quebec', fr: 'Assemblée nationale du Québec' },
  sk: { en: 'Legislative Assembly of Saskatchewan', fr: 'Assemblée législative de la Saskatchewan' },
  nt: { en: 'Legislative Assembly of the Northwest Territories', fr: 'Assemblée législative des Territoires du Nord-Ouest' },
  nu: { en: 'Legislative Assembly of Nunavut', fr: 'Assemblée législative du Nunavut' },
  yt: { en: 'Yukon Legislative Assembly', fr: 'Assemblée législative du Yukon' },
};

/** The type and value of each segment after the country: `province:on/ed:1` → [[province, on], [ed, 1]]. */
function segments(id: string): [string, string][] {
  return id.split('/').slice(2).map((s) => {
    const at = s.indexOf(':');
    return [s.slice(0, at), s.slice(at + 1)];
  });
}

/**
 * What kind of division this is, from its id. The CSV's own `classification`
 * column holds Statistics Canada's municipal status codes (CY, T, MÉ…), not a
 * division type, so it is not used. An `ed` under a province or territory is a
 * provincial electoral district (`ped`), so `ed` alone means a federal riding.
 */
export function divisionClassification(id: string): string {
  const segs = segments(id);
  const last = segs.at(-1);
  if (!last) return 'country';
  const nested = segs.length > 1 && (segs[0]![0] === 'province' || segs[0]![0] === 'territory');
  return last[0] === 'ed' && nested ? 'ped' : last[0];
}

/**
 * The parent division: the CSV's parent_id, else the census division a census
 * subdivision's SGC code falls in (as parent_id says where it is filled), else
 * the id minus its last segment.
 */
export function divisionParent(id: string, csvParent: string | null, known: Set<string>): string | null {
  if (csvParent) return csvParent;
  const csd = /^(ocd-division\/country:ca)\/csd:(\d{4})\d{3}$/.exec(id);
  if (csd && known.has(`${csd[1]}/cd:${csd[2]}`)) return `${csd[1]}/cd:${csd[2]}`;
  const cut = id.lastIndexOf('/');
  return cut > 'ocd-division/'.length ? id.slice(0, cut) : null;
}

/** SGC code: the column when given, else the code a census (sub)division id carries. */
function sgcOf(id: string, column: string | null): string | null {
  if (column) return column;
  const m = /\/c(?:s)?d:(\d+)$/.exec(id);
  return m ? m[1]! : null;
}

/**
 * A validity bound as a date. A few historical ridings only give a year; the
 * bound then becomes that year's first day (from) or last day (through), so the
 * division still reads as valid during that year. Anything else is malformed.
 */
function validDate(value: string | undefined, bound: 'from' | 'through'): string | null | undefined {
  const s = clean(value);
  if (!s) return null;
  if (YEAR.test(s)) return bound === 'from' ? `${s}-01-01` : `${s}-12-31`;
  return DATE.test(s) ? datePart(s) : undefined;
}

interface Parsed {
  division?: DivisionRow;
  error?: string;
}

function toDivision(ctx: ImportContext, file: string, row: CsvRow, known: Set<string>): Parsed {
  const r = row.record;
  const id = clean(r.id);
  if (!id || !DIVISION_ID.test(id)) return { error: `not an ocd-division id: ${JSON.stringify(r.id ?? '')}` };
  const name = clean(r.name);
  if (!name) return { error: `division ${id} has no name` };
  const validFrom = validDate(r.validFrom, 'from');
  const validThrough = validDate(r.validThrough, 'through');
  if (validFrom === undefined || validThrough === undefined) {
    return { error: `division ${id} has a malformed validity date (${r.validFrom ?? ''} / ${r.validThrough ?? ''})` };
  }
  return {
    division: {
      id,
      name,
      nameFr: clean(r.name_fr),
      classification: divisionClassification(id),
      parentId: divisionParent(id, clean(r.parent_id), known),
      sgc: sgcOf(id, clean(r.sgc)),
      validFrom,
      validThrough,
      sources: ctx.provenance(file, `${file}:${row.line}`),
    },
  };
}

function legislatureOf(ctx: ImportContext, file: string, division: DivisionRow): JurisdictionRow | null {
  const m = /^ocd-division\/country:ca\/(province|territory):([a-z]{2})$/.exec(division.id);
  if (!m) return null;
  const [, kind, code] = m as unknown as [string, 'province' | 'territory', string];
  const names = LEGISLATURES[code];
  return {
    // provinceJurisdiction only speaks of provinces; a territory's id keeps its own type segment.
    id: kind === 'province' ? provinceJurisdiction(code) : `ocd-jurisdiction/country:ca/territory:${code}/legislature`,
    name: names?.en ?? `Legislature of ${division.name}`,
    nameFr: names?.fr ?? null,
    classification: 'legislature',
    level: 'provincial',
    divisionId: division.id,
    sources: division.sources ?? ctx.provenance(file),
  };
}

async function importRegistry(ctx: ImportContext, file: string): Promise<void> {
  const { text } = decodeText(readSourceBytes(file));
  const rows = await readCsv(text, file, { required: ['id', 'name'] });
  const known = new Set(rows.map((r) => clean(r.record.id)).filter((id): id is string => !!id));
  ctx.progress.setTotal(rows.length);

  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const parsed: DivisionRow[] = [];
    for (const row of batch) {
      const { division, error } = toDivision(ctx, file, row, known);
      if (division) parsed.push(division);
      else ctx.reject({ location: `${file}:${row.line}`, message: error!, record: JSON.stringify(row.record) });
    }
    const legislatures = parsed.map((d) => legislatureOf(ctx, file, d)).filter((j): j is JurisdictionRow => !!j);
    await ctx.unit(`${basename(file)} rows ${start + 1}-${start + batch.length}`, async (tx) => {
      const counts = emptyCounts();
      addCounts(counts, await upsert(tx, divisions, parsed));
      addCounts(counts, await upsert(tx, jurisdictions, legislatures));
      return counts;
    });
    ctx.progress.tick(batch.length);
  }
}

export const ocdDivisions: Importer = {
  ...catalogued('ocd-divisions'),
  samplePaths: (dataRoot) => {
    const registry = join(dataRoot, 'ocd', 'country-ca.csv');
    return [existsSync(registry) ? registry : `${registry}.gz`];
  },
  async run(ctx, paths) {
    for (const file of paths) await importRegistry(ctx, file);
  },
};
