/**
 * The House's divisions from ourcommons.ca: the session's list in English and
 * French (`/members/{en,fr}/votes/xml?parlSession=45-1`) and the ballots of every
 * listed division not yet stored with its ballots
 * (`/members/en/votes/{parliament}/{session}/{number}/xml`). A division's ballots
 * never change once published, so a run asks only for those still missing: an
 * interrupted run resumes where it stopped, and a quiet day costs two 304s.
 */
import { and, eq, sql } from 'drizzle-orm';
import { voteEvents } from '../db/schema.js';
import { FEDERAL_JURISDICTION, sessionId } from '../domain/ids.js';
import { decodeText, many, parseXml } from '../ingest/files.js';
import { ourcommonsVotes } from '../ingest/ourcommons-votes.js';
import { HOUSE_OF_COMMONS } from '../ingest/reference.js';
import type { FetchConfig } from '../config.js';
import type { Fetcher, InputFile } from './fetch-run.js';
import { FetchError } from './http.js';

export function divisionListUrl(settings: FetchConfig, language: 'en' | 'fr'): string {
  return `${settings.ourcommonsUrl}/members/${language}/votes/xml?parlSession=${settings.session}`;
}

export function divisionUrl(settings: FetchConfig, number: number): string {
  const [parliament, session] = settings.session.split('-');
  return `${settings.ourcommonsUrl}/members/en/votes/${parliament}/${session}/${number}/xml`;
}

/** The division numbers of the session in a list document. */
function listedNumbers(xml: Buffer, url: string, session: string): number[] {
  const root = parseXml(decodeText(xml).text, url);
  const list = root.ArrayOfVote;
  const votes = list && typeof list === 'object' ? many((list as Record<string, unknown>).Vote as Record<string, string>[] | undefined) : [];
  return votes
    .filter((v) => `${v.ParliamentNumber}-${v.SessionNumber}` === session)
    .map((v) => Number(v.DecisionDivisionNumber))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
}

export const ourcommonsVotesFetcher: Fetcher = {
  importer: ourcommonsVotes,
  feeds: (settings) => [divisionListUrl(settings, 'en'), divisionListUrl(settings, 'fr')],
  async collect(ctx) {
    const { settings } = ctx;
    const englishUrl = divisionListUrl(settings, 'en');
    const english = await ctx.get(englishUrl, 'votes-en.xml');
    if (!english) throw new FetchError(englishUrl, 1, `HTTP 404: ourcommons.ca lists no divisions of session ${settings.session}`);
    const files: InputFile[] = [];
    const frenchUrl = divisionListUrl(settings, 'fr');
    try {
      const french = await ctx.get(frenchUrl, 'votes-fr.xml');
      if (french?.changed) files.push({ name: 'votes-fr.xml', document: french });
    } catch (e) {
      if (!(e instanceof FetchError)) throw e;
      ctx.reject({ location: frenchUrl, message: e.message });
    }

    const withBallots = new Set((await ctx.db.select({ number: voteEvents.number }).from(voteEvents).where(and(
      eq(voteEvents.sessionId, sessionId(FEDERAL_JURISDICTION, settings.session)),
      eq(voteEvents.organizationId, HOUSE_OF_COMMONS),
      sql`exists (select 1 from votes where votes.vote_event_id = ${voteEvents.id})`,
    ))).map((r) => r.number));
    const ballots: InputFile[] = [];
    for (const number of listedNumbers(english.body, englishUrl, settings.session)) {
      if (withBallots.has(number)) continue;
      const url = divisionUrl(settings, number);
      try {
        const name = `${settings.session}-${number}.xml`;
        const document = await ctx.get(url, name);
        if (document) ballots.push({ name, document });
        else ctx.reject({ location: url, message: `HTTP 404: the ballots of division No. ${number} are not published (yet)` });
      } catch (e) {
        if (!(e instanceof FetchError)) throw e;
        ctx.reject({ location: url, message: e.message });
      }
    }
    // The list goes first: its totals check the ballots read after it.
    if (english.changed || ballots.length > 0) files.unshift({ name: 'votes-en.xml', document: english });
    return [...files, ...ballots];
  },
};
