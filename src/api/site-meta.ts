/**
 * What the server says about a page of the site before any script runs: its
 * status (an unknown path or record is a 404, not a page that says "nothing
 * found" with a 200), and the title and description that search engines and
 * link previews read from the HTML. The paths mirror web/src/routes.ts; record
 * pages look their record up by the same keys as the API, one small query each.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { bills, debates, organizations, people, speeches, voteEvents } from '../db/schema.js';
import { billId } from '../domain/ids.js';
import { resolveJurisdiction } from '../domain/jurisdictions.js';
import { naturalVoteKey } from './routes/votes.js';

export interface PageMeta {
  status: 200 | 404;
  /** Without the site's name, which the HTML adds; empty on the home page. */
  title: string;
  description: string;
  /** Pages a search engine should not list: accounts, the console, search results, not-found. */
  noindex?: boolean;
}

export const SITE_DESCRIPTION = "Canada's bills, recorded votes, representatives, committees and debates, in English and French.";

const NOT_FOUND: PageMeta = { status: 404, title: 'Page not found', description: 'This address is not a page of OpenPolicy.', noindex: true };

/** Cuts a text for a description: search engines show about 160 characters. */
function clip(text: string | null | undefined, max = 200): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

const page = (title: string, description: string, noindex = false): PageMeta => ({ status: 200, title, description, ...(noindex ? { noindex } : {}) });

async function bill(db: Db, where: SQL): Promise<PageMeta> {
  const [b] = await db.select({ identifier: bills.identifier, title: bills.titleEn, short: bills.shortTitleEn, status: bills.statusEn, session: bills.sessionId })
    .from(bills).where(where).limit(1);
  if (!b) return NOT_FOUND;
  const session = b.session.slice(b.session.lastIndexOf('/') + 1);
  return page(`Bill ${b.identifier} (${session}): ${clip(b.short || b.title, 90)}`, clip(`${b.title}.${b.status ? ` ${b.status}.` : ''} Its passage, sponsor, votes, debates and text.`));
}

async function vote(db: Db, where: SQL): Promise<PageMeta> {
  const [v] = await db.select({ identifier: voteEvents.identifier, session: voteEvents.sessionId, date: voteEvents.startDate, motion: voteEvents.motionTextEn, result: voteEvents.result, yes: voteEvents.yesCount, no: voteEvents.noCount })
    .from(voteEvents).where(where).limit(1);
  if (!v) return NOT_FOUND;
  const session = v.session.slice(v.session.lastIndexOf('/') + 1);
  const result = v.result === 'pass' ? 'Agreed to' : v.result === 'fail' ? 'Negatived' : 'Tied';
  return page(`Division ${v.identifier} (${session})`, clip(`${v.date}: ${result}, ${v.yes} yeas, ${v.no} nays. ${v.motion}`));
}

type Resolver = (db: Db, params: string[]) => Promise<PageMeta>;

const ROUTES: [RegExp, Resolver][] = [
  [/^\/$/, async () => page('', SITE_DESCRIPTION)],
  [/^\/bills$/, async () => page('Bills', 'Every federal bill with its stages, sponsor, status and full text, searchable and filterable by session and status.')],
  [/^\/bills\/ocd-bill\/([^/]+)$/, (db, [uuid]) => bill(db, eq(bills.id, `ocd-bill/${uuid}`))],
  [/^\/bills\/([^/]+)\/([^/]+)\/([^/]+)$/, async (db, [jurisdiction, session, number]) => {
    const id = resolveJurisdiction(jurisdiction!);
    return id ? bill(db, eq(bills.id, billId(id, session!, number!))) : NOT_FOUND;
  }],
  [/^\/votes$/, async () => page('Votes', 'Every recorded division of the House of Commons and other legislatures: the motion, the result and how each member voted.')],
  [/^\/votes\/([^/]+)\/([^/]+)\/([^/]+)$/, async (db, [jurisdiction, session, number]) => {
    const id = resolveJurisdiction(jurisdiction!);
    return id ? vote(db, naturalVoteKey(id, session!, number!)) : NOT_FOUND;
  }],
  [/^\/people$/, async () => page('Representatives', 'Members of Parliament, provincial members and municipal councillors: their terms, contacts, votes and speeches.')],
  [/^\/people\/([^/]+)$/, async (db, [uuid]) => {
    const [p] = await db.select({ name: people.name }).from(people).where(eq(people.id, `ocd-person/${uuid}`)).limit(1);
    return p ? page(p.name, `${p.name}: terms, contacts, sponsored bills, voting record and speeches.`) : NOT_FOUND;
  }],
  [/^\/debates$/, async () => page('Debates', 'The debates of the House of Commons, sitting by sitting, with every speech.')],
  [/^\/debates\/([^/]+)$/, async (db, [id]) => {
    const [d] = await db.select({ date: debates.date, number: debates.number }).from(debates).where(eq(debates.id, id!)).limit(1);
    return d ? page(`Debates of ${d.date}`, `The House of Commons debates of ${d.date}${d.number ? ` (sitting ${d.number})` : ''}, by subject, with every speech.`) : NOT_FOUND;
  }],
  [/^\/speeches\/([^/]+)$/, async (db, [id]) => {
    const [s] = await db.select({ speaker: speeches.speakerName, subject: speeches.subjectEn, text: speeches.textEn }).from(speeches).where(eq(speeches.id, id!)).limit(1);
    return s ? page(`${s.speaker}${s.subject ? `: ${clip(s.subject, 80)}` : ''}`, clip(s.text)) : NOT_FOUND;
  }],
  [/^\/committees$/, async () => page('Committees', 'Parliamentary committees, their members and their meetings on bills.')],
  [/^\/committees\/([^/]+)$/, async (db, [uuid]) => {
    const [c] = await db.select({ name: organizations.name }).from(organizations)
      .where(and(eq(organizations.id, `ocd-organization/${uuid}`), eq(organizations.classification, 'committee'))).limit(1);
    return c ? page(c.name, `${c.name}: members and meetings.`) : NOT_FOUND;
  }],
  [/^\/search$/, async () => page('Search', 'Search bills, people, votes and speeches.', true)],
  [/^\/representatives$/, async () => page('Find my representative', 'Your member of Parliament, provincial member and municipal council, by riding, municipality or name.')],
  [/^\/login$/, async () => page('Log in', SITE_DESCRIPTION, true)],
  [/^\/register$/, async () => page('Create an account', SITE_DESCRIPTION, true)],
  [/^\/reset-password$/, async () => page('Reset your password', SITE_DESCRIPTION, true)],
  [/^\/account$/, async () => page('Your account', SITE_DESCRIPTION, true)],
  [/^\/admin(?:\/(?:users|keys|imports|imports\/\d+|audit|outbox))?$/, async () => page('Administration', SITE_DESCRIPTION, true)],
];

/** The page at `pathname` (a trailing slash is the same page, as in the site's router), or a 404. */
export async function pageMeta(db: Db, pathname: string): Promise<PageMeta> {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  for (const [pattern, resolve] of ROUTES) {
    const found = pattern.exec(path);
    if (!found) continue;
    let params: string[];
    try {
      params = found.slice(1).map((p) => decodeURIComponent(p));
    } catch {
      return NOT_FOUND;
    }
    return resolve(db, params);
  }
  return NOT_FOUND;
}

export const notFoundPage = (): PageMeta => NOT_FOUND;
