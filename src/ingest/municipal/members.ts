/**
 * One council member as every municipal format is read into, and the
 * column-alias table that lets one reader serve the Represent-like exports
 * whatever their spelling (`Primary role`, `Primary_role`, `PRIMARY_ROLE`,
 * `Prenom`, `Nom-du-district`…).
 */
import type { ContactDetail, Link } from '../../db/schema.js';
import { clean, searchKey } from '../../domain/text.js';
import { ImportError } from '../runner.js';

export interface Body {
  key: string;
  name: string;
  nameFr: string | null;
  classification: string;
  /** True for a body under the council (a borough council), false for a separate one (a park board). */
  underCouncil: boolean;
}

export interface Member {
  /** file:line or file#feature, for provenance and rejections. */
  location: string;
  record: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  /** The role as published, e.g. "Councillor", "Maire(sse) d'arrondissement". */
  role: string | null;
  district: string | null;
  districtNumber: string | null;
  party: string | null;
  gender: 'male' | 'female' | null;
  email: string | null;
  image: string | null;
  contactDetails: ContactDetail[];
  links: Link[];
  /** Years of the general elections that opened and closed the term (to = null while serving); null when undated. */
  term: { from: number; to: number | null } | null;
  /** Set when the member sits on a body other than the council itself. */
  body: Body | null;
}

const ALIASES = {
  name: ['name'],
  first: ['first name', 'prenom'],
  last: ['last name', 'nom'],
  role: ['primary role', 'role', 'roles'],
  district: ['district name', 'nom du district', 'wardname'],
  districtId: ['district id', 'identifiant du district', 'wardnum'],
  party: ['party name', 'nom du parti'],
  gender: ['gender', 'genre'],
  email: ['email', 'courriel'],
  photo: ['photo url', 'url photo', "url d'une photo"],
  source: ['source url', 'url source', 'url'],
  website: ['website', 'site web'],
  personalWebsite: ['personal website'],
  facebook: ['facebook'],
  twitter: ['twitter'],
  instagram: ['instagram'],
  linkedin: ['linkedin'],
  youtube: ['youtube'],
  address: ['address'],
  address1: ['address line 1', 'adresse ligne 1'],
  address2: ['address line 2', 'adresse ligne 2'],
  locality: ['locality', 'localite'],
  province: ['province'],
  postal: ['postal code', 'code postal'],
  phone: ['phone', 'telephone'],
  extension: ['ext'],
  fax: ['fax', 'telecopieur'],
  cell: ['cell', 'cellulaire'],
  term: ['annee de a'],
  borough: ['arrondissement'],
} as const;
export type Field = keyof typeof ALIASES;

/** The readable spelling of each required field, for error messages. */
const LABELS: Partial<Record<Field, string>> = { first: 'First name', last: 'Last name', role: 'Primary role', name: 'Name' };

/** Header spellings compared without case, accents, punctuation or underscores. */
function normalizeHeader(header: string): string {
  return searchKey(header).replace(/[^a-z0-9']+/g, ' ').trim();
}

const PLACEHOLDERS = new Set(['none', 'n/a', 'null', 'nan']);

/**
 * A cell's value: zero-width characters dropped, words broken over lines after
 * a hyphen rejoined ("Petite-\nBourgogne"), whitespace collapsed, and the
 * placeholders exports write for nothing ("None", "N/A") read as null.
 */
export function value(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw).replace(/[\u200b-\u200d\ufeff]/g, '').replace(/([-–—])[ \t]*\r?\n\s*/g, '$1');
  const s = clean(text);
  return s === null || PLACEHOLDERS.has(s.toLowerCase()) ? null : s;
}

/** A multi-line cell (an address) as its non-empty lines. */
function lines(raw: string | null | undefined): string[] {
  return (raw ?? '').split(/\r?\n/).map(value).filter((l): l is string => l !== null);
}

/** The columns of one file, looked up by field whatever their spelling. */
export class Columns {
  private readonly byName = new Map<string, string>();

  constructor(header: string[]) {
    for (const h of header) if (!this.byName.has(normalizeHeader(h))) this.byName.set(normalizeHeader(h), h);
  }

  /** The file's header for a field, optionally with a suffix ("Téléphone (Arrondissement)"). */
  header(field: Field, suffix?: string): string | undefined {
    for (const alias of ALIASES[field]) {
      const found = this.byName.get(suffix ? `${alias} ${suffix}` : alias);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  raw(record: Record<string, unknown>, field: Field, suffix?: string): string | null {
    const h = this.header(field, suffix);
    return h === undefined || record[h] === null || record[h] === undefined ? null : String(record[h]);
  }

  get(record: Record<string, unknown>, field: Field, suffix?: string): string | null {
    return value(this.raw(record, field, suffix));
  }

  /** Fails the file unless it names its members (a name, or first and last names) and their roles. */
  requireMemberColumns(file: string, header: string[]): void {
    const missing: Field[] = [];
    if (!this.header('name')) missing.push(...(['first', 'last'] as const).filter((f) => !this.header(f)));
    if (!this.header('role')) missing.push('role');
    if (missing.length === 0) return;
    const names = missing.map((f) => `"${LABELS[f]}" (or ${ALIASES[f].join(', ')})`).join(', ');
    throw new ImportError(file, `missing column ${names}; found: ${header.join(', ')}`);
  }
}

export function gender(raw: string | null): 'male' | 'female' | null {
  const g = searchKey(raw);
  if (['m', 'male', 'man', 'monsieur', 'homme'].includes(g)) return 'male';
  if (['f', 'female', 'woman', 'madame', 'femme'].includes(g)) return 'female';
  return null;
}

/** "Scott Gillingham" → given and family names; longer names are left unsplit rather than guessed. */
export function splitName(name: string | null): { givenName: string | null; familyName: string | null } {
  const words = name?.split(' ') ?? [];
  return words.length === 2 ? { givenName: words[0]!, familyName: words[1]! } : { givenName: null, familyName: null };
}

export function office(columns: Columns, record: Record<string, unknown>, suffix?: string, note?: string): ContactDetail[] {
  const withNote = (type: ContactDetail['type'], v: string | null): ContactDetail[] =>
    v ? [{ type, value: v, ...(note ? { note } : {}) }] : [];
  const place = [columns.get(record, 'locality', suffix), columns.get(record, 'province', suffix), columns.get(record, 'postal', suffix)]
    .filter(Boolean).join(' ');
  const address = [
    ...lines(columns.raw(record, 'address', suffix)),
    ...[columns.get(record, 'address1', suffix), columns.get(record, 'address2', suffix), place || null].filter((l): l is string => !!l),
  ].join('\n');
  const phone = columns.get(record, 'phone', suffix);
  const extension = columns.get(record, 'extension', suffix);
  return [
    ...withNote('address', address || null),
    ...withNote('voice', phone && extension ? `${phone} x${extension}` : phone),
    ...withNote('fax', columns.get(record, 'fax', suffix)),
    ...withNote('cell', columns.get(record, 'cell', suffix)),
  ];
}

const LINKS: [Field, string][] = [
  ['source', 'source'], ['website', 'website'], ['personalWebsite', 'personal website'], ['facebook', 'facebook'],
  ['twitter', 'twitter'], ['instagram', 'instagram'], ['linkedin', 'linkedin'], ['youtube', 'youtube'],
];

export function links(pairs: [string | null, string][]): Link[] {
  const seen = new Set<string>();
  const out: Link[] = [];
  for (const [url, note] of pairs) {
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push({ url, note });
  }
  return out;
}

/** "2021-2025" → the years of the elections that opened and closed the term. */
function termYears(raw: string | null): { from: number; to: number } | null {
  const m = /^(\d{4})\s*-\s*(\d{4})$/.exec(raw ?? '');
  return m ? { from: Number(m[1]), to: Number(m[2]) } : null;
}

/** A member from a Represent-like record (a CSV row, a GeoJSON feature's properties). */
export function representMember(columns: Columns, record: Record<string, unknown>, location: string, offices?: ContactDetail[]): Member {
  const first = columns.get(record, 'first');
  const last = columns.get(record, 'last');
  const name = columns.get(record, 'name') ?? value([first, last].filter(Boolean).join(' '));
  const split = first || last ? { givenName: first, familyName: last } : splitName(name);
  const districtId = columns.get(record, 'districtId');
  const numeric = districtId !== null && /^\d+$/.test(districtId);
  const term = termYears(columns.get(record, 'term'));
  return {
    location,
    record: JSON.stringify(record),
    name,
    ...split,
    role: columns.get(record, 'role'),
    // Some exports put the district's name in the id column (Niagara's "District _ID": "Lincoln").
    district: columns.get(record, 'district') ?? (numeric ? null : districtId),
    districtNumber: numeric ? String(Number(districtId)) : null,
    party: columns.get(record, 'party'),
    gender: gender(columns.get(record, 'gender')),
    email: columns.get(record, 'email'),
    image: columns.get(record, 'photo'),
    contactDetails: offices ?? office(columns, record),
    links: links(LINKS.map(([field, note]) => [columns.get(record, field), note])),
    term,
    body: null,
  };
}
