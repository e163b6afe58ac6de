/**
 * The House's Hansard of each sitting from ourcommons.ca, in English and French
 * (`/Content/House/451/Debates/012/HAN012-E.XML`, `-F.XML`): the Alpheus XML the
 * Hansard importer reads. Sittings are numbered from 1 without gaps, so a run
 * asks again for the newest sitting stored (the edited Hansard replaces the
 * first one published) and then for the next ones until the House has none
 * (404). `FETCH_HANSARD_FROM` is where a session with nothing stored starts.
 */
import { and, eq, max } from 'drizzle-orm';
import { debates } from '../db/schema.js';
import { FEDERAL_JURISDICTION, sessionId } from '../domain/ids.js';
import { hansard } from '../ingest/hansard.js';
import { HOUSE_OF_COMMONS } from '../ingest/reference.js';
import type { FetchConfig } from '../config.js';
import type { Fetcher, InputFile } from './fetch-run.js';

/** The folder of the session's sittings, under which each has its own. */
function debatesUrl(settings: FetchConfig): string {
  const [parliament, session] = settings.session.split('-');
  return `${settings.ourcommonsUrl}/Content/House/${parliament}${session}/Debates/`;
}

export function sittingUrl(settings: FetchConfig, sitting: number, language: 'en' | 'fr'): string {
  const number = String(sitting).padStart(3, '0');
  return `${debatesUrl(settings)}${number}/HAN${number}-${language === 'en' ? 'E' : 'F'}.XML`;
}

export const hansardFetcher: Fetcher = {
  importer: hansard,
  feeds: (settings) => [debatesUrl(settings)],
  async collect(ctx) {
    const { settings } = ctx;
    const [newest] = await ctx.db.select({ number: max(debates.number) }).from(debates).where(and(
      eq(debates.sessionId, sessionId(FEDERAL_JURISDICTION, settings.session)),
      eq(debates.organizationId, HOUSE_OF_COMMONS),
    ));
    const files: InputFile[] = [];
    for (let sitting = newest?.number ?? settings.hansardFrom; ; sitting++) {
      const englishName = `${settings.session}-${sitting}-en.xml`;
      const english = await ctx.get(sittingUrl(settings, sitting, 'en'), englishName);
      if (!english) break;
      if (english.changed) files.push({ name: englishName, document: english });
      // The French Hansard follows the English by days; a later run of the same sitting picks it up.
      const frenchName = `${settings.session}-${sitting}-fr.xml`;
      const french = await ctx.get(sittingUrl(settings, sitting, 'fr'), frenchName);
      if (french?.changed) files.push({ name: frenchName, document: french });
    }
    return files;
  },
};
