/**
 * The House of Commons' members of the 44th Parliament as the four member
 * exports the ourcommons-members importer reads (members_caucus.csv,
 * members_constituency.csv, members_seating.csv, members_tenure.csv), from
 * where they are published: `<FETCH_MEMBERS_URL>/<file>`. The files join on
 * each other, so when any one changed all four are imported together (the
 * unchanged ones from the copy kept); when none changed nothing is imported.
 */
import { join } from 'node:path';
import type { FetchConfig } from '../config.js';
import { SAMPLE_DATA_DIR } from '../ingest/import-all.js';
import { MEMBER_FILES, ourcommonsMembers } from '../ingest/ourcommons-members.js';
import type { Fetcher, InputFile } from './fetch-run.js';
import { FetchError } from './http.js';

export function memberFileUrl(settings: FetchConfig, file: string): string {
  return `${settings.membersUrl}/${file}`;
}

export const ourcommonsMembersFetcher: Fetcher = {
  importer: ourcommonsMembers,
  feeds: (settings) => Object.values(MEMBER_FILES).map((file) => memberFileUrl(settings, file)),
  // Ridings resolve through the OCD registry, which ships with the product rather than being fetched.
  referencePaths: () => [join(SAMPLE_DATA_DIR, 'ocd', 'country-ca.csv')],
  async collect(ctx) {
    const files: InputFile[] = [];
    for (const name of Object.values(MEMBER_FILES)) {
      const url = memberFileUrl(ctx.settings, name);
      const document = await ctx.get(url, name);
      // One file missing leaves the others unjoinable: the run fails rather than import half the members.
      if (!document) throw new FetchError(url, 1, `HTTP 404: ${name} is no longer published there`);
      files.push({ name, document });
    }
    return files.some((f) => f.document.changed) ? files : [];
  },
};
