/** Short jurisdiction codes people type (`ca`, `bc`, `csd:3520005`, `cd:3526`) and the OCD ids they stand for. */
import { FEDERAL_JURISDICTION, provinceJurisdiction } from './ids.js';

const PROVINCES = ['ab', 'bc', 'mb', 'nb', 'nl', 'ns', 'nt', 'nu', 'on', 'pe', 'qc', 'sk', 'yt'];

/** Accepts an OCD jurisdiction id or a short code; null when it is neither. */
export function resolveJurisdiction(value: string): string | null {
  const v = value.trim();
  if (v.startsWith('ocd-jurisdiction/')) return v;
  const code = v.toLowerCase();
  if (code === 'ca' || code === 'federal') return FEDERAL_JURISDICTION;
  if (PROVINCES.includes(code)) return provinceJurisdiction(code);
  // Municipal councils: a census subdivision (a city) or a census division (a regional municipality).
  if (/^(csd|cd):\d+$/.test(code)) return `ocd-jurisdiction/country:ca/${code}/council`;
  return null;
}

/** The short code of an OCD jurisdiction id, for natural-key URLs like /bills/ca/45-1/C-12. */
export function jurisdictionCode(id: string): string {
  if (id === FEDERAL_JURISDICTION) return 'ca';
  const province = /province:([a-z]{2})\/legislature$/.exec(id);
  if (province) return province[1]!;
  const municipal = /\/((?:csd|cd):\d+)\/council$/.exec(id);
  return municipal ? municipal[1]! : id;
}
