/** Every live fetcher, by the source name its runs carry (the name of the importer that reads what it fetches), in FETCH_SOURCES' order. */
import type { Fetcher } from './fetch-run.js';
import { hansardFetcher } from './hansard.js';
import { legisinfoBillsFetcher } from './legisinfo-bills.js';
import { municipalFetcher } from './municipal.js';
import { ourcommonsMembersFetcher } from './ourcommons-members.js';
import { ourcommonsVotesFetcher } from './ourcommons-votes.js';

export const fetchers: Fetcher[] = [legisinfoBillsFetcher, ourcommonsVotesFetcher, hansardFetcher, ourcommonsMembersFetcher, municipalFetcher];

export function findFetcher(source: string): Fetcher | undefined {
  return fetchers.find((f) => f.importer.source === source);
}
