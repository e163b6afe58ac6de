/**
 * Readers for the municipal exports, each turning one file into Members:
 * Represent-like CSV (any delimiter, English or French headers, dated terms),
 * Montréal's CSV (boroughs, two offices, roles listed in one cell), Winnipeg's
 * JSON with past councils, and GeoJSON features carrying Represent properties.
 */
import { searchKey } from '../../domain/text.js';
import { decodeText, readCsv, readSourceBytes } from '../files.js';
import { ImportError } from '../runner.js';
import { Columns, links, office, representMember, splitName, value, type Member } from './members.js';

export type Format = 'csv' | 'montreal' | 'winnipeg' | 'geojson';

function readText(file: string): string {
  return decodeText(readSourceBytes(file)).text;
}

/** The delimiter the header line uses: Vancouver exports with `;`. */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

async function csvRecords(file: string): Promise<{ columns: Columns; rows: { line: number; record: Record<string, string> }[] }> {
  const text = readText(file);
  const rows = await readCsv(text, file, { delimiter: delimiterOf(text) });
  const header = rows[0] ? Object.keys(rows[0].record) : [];
  const columns = new Columns(header);
  columns.requireMemberColumns(file, header);
  return { columns, rows };
}

/**
 * Terms "2013-2017", "2017-2021", "2021-2025" in one file: the latest is the
 * sitting council, so its members have no end.
 */
function openLatestTerm(members: Member[]): Member[] {
  const latest = Math.max(...members.map((m) => m.term?.from ?? -Infinity));
  return members.map((m) => (m.term && m.term.from === latest ? { ...m, term: { from: m.term.from, to: null } } : m));
}

async function readRepresentCsv(file: string): Promise<Member[]> {
  const { columns, rows } = await csvRecords(file);
  return openLatestTerm(rows.map(({ line, record }) => representMember(columns, record, `${file}:${line}`)));
}

const BOROUGH_OFFICES: [suffix: string, note: string][] = [['hotel de ville', 'Hôtel de Ville'], ['arrondissement', 'Arrondissement']];

/**
 * Montréal: the first of the roles listed in "Rôles" is the seat; borough
 * councillors sit on their borough's council, borough mayors on the city
 * council for their borough; each member may have a city-hall and a borough office.
 */
async function readMontreal(file: string): Promise<Member[]> {
  const { columns, rows } = await csvRecords(file);
  return rows.map(({ line, record }) => {
    // The suffixed columns are the two offices; the only unsuffixed one is the fax.
    const offices = [
      ...BOROUGH_OFFICES.flatMap(([suffix, note]) => office(columns, record, suffix, note)),
      ...office(columns, record),
    ];
    const member = representMember(columns, record, `${file}:${line}`, offices);
    const role = value(columns.raw(record, 'role')?.split(/[;\n]/)[0]);
    const borough = columns.get(record, 'borough');
    const inBorough = borough !== null && !/^ville de /i.test(borough);
    const boroughCouncillor = inBorough && /^conseill.*d'arrondissement/i.test(role ?? '');
    return {
      ...member,
      role,
      // Borough mayors, and the city councillor of a one-district borough (Anjou, Lachine), sit for the whole borough.
      district: member.district ?? (inBorough ? borough : null),
      body: boroughCouncillor
        ? { key: `borough:${searchKey(borough)}`, name: `${borough} Borough Council`, nameFr: `Conseil d'arrondissement (${borough})`, classification: 'council', underCouncil: true }
        : null,
    };
  });
}

interface WinnipegSeat {
  person?: unknown;
  position_english?: unknown;
  name_english?: unknown;
  ward_id?: unknown;
  year?: unknown;
  current_council?: unknown;
  phone?: unknown;
  fax?: unknown;
  website?: unknown;
  portrait?: unknown;
  email_link_english?: unknown;
  ward_url?: unknown;
}

/** Manitoba's municipal councils sit four years between general elections. */
const MANITOBA_TERM_YEARS = 4;

/** Winnipeg: every seat of the councils elected in 2014, 2018 and 2022, the sitting one flagged `current_council`. */
function readWinnipeg(file: string): Member[] {
  let seats: unknown;
  try {
    seats = JSON.parse(readText(file));
  } catch (e) {
    throw new ImportError(file, `malformed JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(seats)) throw new ImportError(file, 'expected a JSON array of council seats');
  return (seats as WinnipegSeat[]).map((seat, i) => {
    const name = value(seat.person);
    const year = Number(value(seat.year));
    const ward = value(seat.ward_id);
    return {
      location: `${file}#${i}`,
      record: JSON.stringify(seat),
      name,
      ...splitName(name),
      role: value(seat.position_english),
      district: value(seat.name_english),
      districtNumber: ward && ward !== '0' ? ward : null,
      party: null,
      gender: null,
      email: null,
      image: value(seat.portrait),
      contactDetails: [
        ...(value(seat.phone) ? [{ type: 'voice' as const, value: value(seat.phone)! }] : []),
        ...(value(seat.fax) ? [{ type: 'fax' as const, value: value(seat.fax)! }] : []),
      ],
      links: links([[value(seat.website), 'website'], [value(seat.ward_url), 'source'], [value(seat.email_link_english), 'contact form']]),
      term: Number.isInteger(year) && year > 0
        ? { from: year, to: seat.current_council === true ? null : year + MANITOBA_TERM_YEARS }
        : null,
      body: null,
    };
  });
}

/** GeoJSON (Moncton's ArcGIS export): each feature's properties are a Represent-like record. */
function readGeoJson(file: string): Member[] {
  let collection: { features?: { properties?: Record<string, unknown> }[] };
  try {
    collection = JSON.parse(readText(file)) as typeof collection;
  } catch (e) {
    throw new ImportError(file, `malformed JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(collection.features)) throw new ImportError(file, 'expected a GeoJSON FeatureCollection');
  const records = collection.features.map((f) => f.properties ?? {});
  const header = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const columns = new Columns(header);
  columns.requireMemberColumns(file, header);
  return records.map((record, i) => representMember(columns, record, `${file}#features/${i}`));
}

export async function readMembers(file: string, format: Format): Promise<Member[]> {
  switch (format) {
    case 'csv': return readRepresentCsv(file);
    case 'montreal': return readMontreal(file);
    case 'winnipeg': return readWinnipeg(file);
    case 'geojson': return readGeoJson(file);
  }
}
