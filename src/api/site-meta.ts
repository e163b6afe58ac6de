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
import { billTitle, clip, debateTitle, speechTitle } from './page-titles.js';
import type { SiteLang } from './site-language.js';

export interface PageMeta {
  status: 200 | 404;
  /** Without the site's name, which the HTML adds; empty on the home page. */
  title: string;
  description: string;
  /** Pages a search engine should not list: accounts, the console, search results, not-found. */
  noindex?: boolean;
}

type Text = Record<SiteLang, string>;

export const SITE_DESCRIPTION: Text = {
  en: "Canada's bills, recorded votes, representatives, committees and debates, in English and French.",
  fr: 'Les projets de loi, les votes par appel nominal, les élus, les comités et les débats du Canada, en français et en anglais.',
};

const NOT_FOUND: Text = { en: 'Page not found', fr: 'Page introuvable' };
const NOT_FOUND_TEXT: Text = { en: 'This address is not a page of OpenPolicy.', fr: 'Cette adresse n’est pas une page d’OpenPolicy.' };
const notFound = (lang: SiteLang): PageMeta => ({ status: 404, title: NOT_FOUND[lang], description: NOT_FOUND_TEXT[lang], noindex: true });

const page = (title: string, description: string, noindex = false): PageMeta => ({ status: 200, title, description, ...(noindex ? { noindex } : {}) });

/** The French text where the record has it, else the English. */
const inLang = (lang: SiteLang, en: string | null, fr: string | null) => (lang === 'fr' && fr ? fr : en);

async function bill(db: Db, lang: SiteLang, where: SQL): Promise<PageMeta> {
  const [b] = await db.select({ identifier: bills.identifier, titleEn: bills.titleEn, titleFr: bills.titleFr, shortEn: bills.shortTitleEn, shortFr: bills.shortTitleFr,
    statusEn: bills.statusEn, statusFr: bills.statusFr, session: bills.sessionId })
    .from(bills).where(where).limit(1);
  if (!b) return notFound(lang);
  const session = b.session.slice(b.session.lastIndexOf('/') + 1);
  const title = inLang(lang, b.titleEn, b.titleFr);
  const status = inLang(lang, b.statusEn, b.statusFr);
  const short = inLang(lang, b.shortEn, b.shortFr) || title;
  return lang === 'fr'
    ? page(billTitle(lang, b.identifier, session, short ?? ''), clip(`${title}.${status ? ` ${status}.` : ''} Son cheminement, son parrain, ses votes, ses débats et son texte.`))
    : page(billTitle(lang, b.identifier, session, short ?? ''), clip(`${title}.${status ? ` ${status}.` : ''} Its passage, sponsor, votes, debates and text.`));
}

const RESULTS: Record<string, Text> = { pass: { en: 'Agreed to', fr: 'Adoptée' }, fail: { en: 'Negatived', fr: 'Rejetée' } };
const TIED: Text = { en: 'Tied', fr: 'Égalité' };

async function vote(db: Db, lang: SiteLang, where: SQL): Promise<PageMeta> {
  const [v] = await db.select({ identifier: voteEvents.identifier, session: voteEvents.sessionId, date: voteEvents.startDate, motionEn: voteEvents.motionTextEn,
    motionFr: voteEvents.motionTextFr, result: voteEvents.result, yes: voteEvents.yesCount, no: voteEvents.noCount })
    .from(voteEvents).where(where).limit(1);
  if (!v) return notFound(lang);
  const session = v.session.slice(v.session.lastIndexOf('/') + 1);
  const result = (RESULTS[v.result] ?? TIED)[lang];
  const motion = inLang(lang, v.motionEn, v.motionFr);
  return lang === 'fr'
    ? page(`Vote nº ${v.identifier} (${session})`, clip(`${v.date} : ${result}, ${v.yes} pour, ${v.no} contre. ${motion}`))
    : page(`Division ${v.identifier} (${session})`, clip(`${v.date}: ${result}, ${v.yes} yeas, ${v.no} nays. ${motion}`));
}

type Resolver = (db: Db, lang: SiteLang, params: string[]) => Promise<PageMeta>;

/** A page that needs no lookup: its title and description in each language. */
const fixed = (title: Text, description: Text, noindex = false): Resolver => async (_db, lang) => page(title[lang], description[lang], noindex);
const privatePage = (title: Text) => fixed(title, SITE_DESCRIPTION, true);

const ROUTES: [RegExp, Resolver][] = [
  [/^\/$/, fixed({ en: '', fr: '' }, SITE_DESCRIPTION)],
  [/^\/bills$/, fixed({ en: 'Bills', fr: 'Projets de loi' }, {
    en: 'Every federal bill with its stages, sponsor, status and full text, searchable and filterable by session and status.',
    fr: 'Chaque projet de loi fédéral avec ses étapes, son parrain, son état et son texte intégral, à chercher et filtrer par session et par état.',
  })],
  [/^\/bills\/ocd-bill\/([^/]+)$/, (db, lang, [uuid]) => bill(db, lang, eq(bills.id, `ocd-bill/${uuid}`))],
  [/^\/bills\/([^/]+)\/([^/]+)\/([^/]+)$/, async (db, lang, [jurisdiction, session, number]) => {
    const id = resolveJurisdiction(jurisdiction!);
    return id ? bill(db, lang, eq(bills.id, billId(id, session!, number!))) : notFound(lang);
  }],
  [/^\/votes$/, fixed({ en: 'Votes', fr: 'Votes' }, {
    en: 'Every recorded division of the House of Commons and other legislatures: the motion, the result and how each member voted.',
    fr: 'Chaque vote par appel nominal de la Chambre des communes et d’autres assemblées : la motion, le résultat et le vote de chaque député.',
  })],
  [/^\/votes\/([^/]+)\/([^/]+)\/([^/]+)$/, async (db, lang, [jurisdiction, session, number]) => {
    const id = resolveJurisdiction(jurisdiction!);
    return id ? vote(db, lang, naturalVoteKey(id, session!, number!)) : notFound(lang);
  }],
  [/^\/people$/, fixed({ en: 'Representatives', fr: 'Élus' }, {
    en: 'Members of Parliament, provincial members and municipal councillors: their terms, contacts, votes and speeches.',
    fr: 'Députés fédéraux et provinciaux et conseillers municipaux : leurs mandats, leurs coordonnées, leurs votes et leurs interventions.',
  })],
  [/^\/people\/([^/]+)$/, async (db, lang, [uuid]) => {
    const [p] = await db.select({ name: people.name }).from(people).where(eq(people.id, `ocd-person/${uuid}`)).limit(1);
    if (!p) return notFound(lang);
    return page(p.name, lang === 'fr'
      ? `${p.name} : mandats, coordonnées, projets de loi parrainés, votes et interventions.`
      : `${p.name}: terms, contacts, sponsored bills, voting record and speeches.`);
  }],
  [/^\/debates$/, fixed({ en: 'Debates', fr: 'Débats' }, {
    en: 'The debates of the House of Commons, sitting by sitting, with every speech.',
    fr: 'Les débats de la Chambre des communes, séance par séance, avec chaque intervention.',
  })],
  [/^\/debates\/([^/]+)$/, async (db, lang, [id]) => {
    const [d] = await db.select({ date: debates.date, number: debates.number }).from(debates).where(eq(debates.id, id!)).limit(1);
    if (!d) return notFound(lang);
    return lang === 'fr'
      ? page(debateTitle(lang, d.date), `Les débats de la Chambre des communes du ${d.date}${d.number ? ` (séance nº ${d.number})` : ''}, par sujet, avec chaque intervention.`)
      : page(debateTitle(lang, d.date), `The House of Commons debates of ${d.date}${d.number ? ` (sitting ${d.number})` : ''}, by subject, with every speech.`);
  }],
  [/^\/speeches\/([^/]+)$/, async (db, lang, [id]) => {
    const [s] = await db.select({ speaker: speeches.speakerName, subjectEn: speeches.subjectEn, subjectFr: speeches.subjectFr, textEn: speeches.textEn, textFr: speeches.textFr })
      .from(speeches).where(eq(speeches.id, id!)).limit(1);
    if (!s) return notFound(lang);
    const subject = inLang(lang, s.subjectEn, s.subjectFr);
    return page(speechTitle(lang, s.speaker, subject), clip(inLang(lang, s.textEn, s.textFr)));
  }],
  [/^\/committees$/, fixed({ en: 'Committees', fr: 'Comités' }, {
    en: 'Parliamentary committees, their members and their meetings on bills.',
    fr: 'Les comités parlementaires, leurs membres et leurs réunions sur les projets de loi.',
  })],
  [/^\/committees\/([^/]+)$/, async (db, lang, [uuid]) => {
    const [c] = await db.select({ name: organizations.name, nameFr: organizations.nameFr }).from(organizations)
      .where(and(eq(organizations.id, `ocd-organization/${uuid}`), eq(organizations.classification, 'committee'))).limit(1);
    if (!c) return notFound(lang);
    const name = inLang(lang, c.name, c.nameFr)!;
    return page(name, lang === 'fr' ? `${name} : membres et réunions.` : `${name}: members and meetings.`);
  }],
  [/^\/search$/, fixed({ en: 'Search', fr: 'Recherche' }, { en: 'Search bills, people, votes and speeches.', fr: 'Chercher des projets de loi, des élus, des votes et des interventions.' }, true)],
  [/^\/representatives$/, fixed({ en: 'Find my representative', fr: 'Trouver mes élus' }, {
    en: 'Your member of Parliament, provincial member and municipal council, by riding, municipality or name.',
    fr: 'Votre député fédéral, votre député provincial et votre conseil municipal, par circonscription, municipalité ou nom.',
  })],
  [/^\/login$/, privatePage({ en: 'Log in', fr: 'Connexion' })],
  [/^\/register$/, privatePage({ en: 'Create an account', fr: 'Créer un compte' })],
  [/^\/reset-password$/, privatePage({ en: 'Reset your password', fr: 'Réinitialiser votre mot de passe' })],
  [/^\/account$/, privatePage({ en: 'Your account', fr: 'Votre compte' })],
  [/^\/admin(?:\/(?:users|keys|imports|imports\/\d+|fetch|audit|outbox|performance))?$/, privatePage({ en: 'Administration', fr: 'Administration' })],
];

/** The page at `pathname` (without language prefix; a trailing slash is the same page, as in the site's router) in `lang`, or a 404. */
export async function pageMeta(db: Db, pathname: string, lang: SiteLang): Promise<PageMeta> {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  for (const [pattern, resolve] of ROUTES) {
    const found = pattern.exec(path);
    if (!found) continue;
    let params: string[];
    try {
      params = found.slice(1).map((p) => decodeURIComponent(p));
    } catch {
      return notFound(lang);
    }
    return resolve(db, lang, params);
  }
  return notFound(lang);
}

export const notFoundPage = notFound;
