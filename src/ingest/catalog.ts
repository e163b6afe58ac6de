/**
 * Each source by name with what it imports, apart from the importers that parse it: the API lists,
 * describes and validates sources by this, so a server loads the importers and fetchers (their parsers
 * and archive readers: about 13 MB of resident memory) only when an import or a fetch runs.
 */
export const SOURCES = {
  'ocd-divisions': 'Open Civic Data division registry for Canada (country-ca.csv) and the provincial/territorial legislatures',
  openparliament: 'Historical MPs from openparliament.ca fixtures: sessions 35-1 … 40-3, parties, ridings, politicians and their terms',
  'ourcommons-members': 'Members of the 44th Parliament (House of Commons members_*.csv): people, seats with OCD ridings, caucuses',
  'legisinfo-bills': 'LEGISinfo bill metadata XML (tarballs of <SESSION>/bills/<NUMBER>/metadata.xml, or single files) into bills, '
    + 'bill_actions, committee_meetings and the House divisions on each bill (vote_events)',
  'bill-texts': 'Official text of federal bills (Parliament bill XML in a LEGISinfo tarball) into bill_texts',
  'bc-legislature': 'British Columbia Legislative Assembly, 40th Parliament: MLAs, parties, bills, recorded divisions and ballots',
  'ourcommons-divisions': 'House of Commons recorded divisions of a session (ourcommons.ca divisions CSV): date, subject, result, totals, bill',
  'ourcommons-votes': 'House of Commons divisions XML from ourcommons.ca: the list of a session (totals, subject, result; EN and FR) '
    + 'and each division\'s VoteParticipant ballots, checked against the published totals',
  hansard: 'House of Commons Hansard XML (debates and committee evidence, EN/FR): sittings, speeches, recorded divisions with every ballot',
  municipal: 'Mayors and councillors of 13 municipalities from their open-data exports (Represent CSV, Montréal, Laval, Winnipeg JSON, Moncton GeoJSON)',
} as const;

export type SourceName = keyof typeof SOURCES;

/** Every importer's source, in the order `import --all` runs them (src/ingest/sources.ts). */
export const SOURCE_NAMES = Object.keys(SOURCES) as SourceName[];

/** The sources a live fetcher brings new documents for, in the order src/fetch/fetchers.ts lists them. */
export const FETCH_SOURCES: SourceName[] = ['legisinfo-bills', 'ourcommons-votes', 'hansard', 'ourcommons-members', 'municipal'];

/** An importer's name and description, from the catalog. */
export function catalogued(source: SourceName): { source: SourceName; description: string } {
  return { source, description: SOURCES[source] };
}
