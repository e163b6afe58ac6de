/**
 * The titles of the site's record pages in each language. The server writes
 * them into the HTML's <title> for the first paint (site-meta.ts), and the
 * site's pages name the browser tab with them once their record is in (web/),
 * so a tab keeps its name when the app starts. No imports: the web build
 * bundles this file.
 */
type Lang = 'en' | 'fr';

/** Cuts a text to `max` characters at a word, with an ellipsis. */
export function clip(text: string | null | undefined, max = 200): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** "Bill C-12 (45-1): …" / "Projet de loi C-12 (45-1) : …", with the bill's short title (else its title) in `lang`. */
export function billTitle(lang: Lang, identifier: string, session: string, title: string): string {
  return lang === 'fr' ? `Projet de loi ${identifier} (${session}) : ${clip(title, 90)}` : `Bill ${identifier} (${session}): ${clip(title, 90)}`;
}

/** "Debates of 2024-04-19" / "Débats du 2024-04-19". */
export function debateTitle(lang: Lang, date: string): string {
  return lang === 'fr' ? `Débats du ${date}` : `Debates of ${date}`;
}

/** The speaker, and the subject in `lang` where the speech has one. */
export function speechTitle(lang: Lang, speaker: string, subject: string | null | undefined): string {
  return subject ? `${speaker}${lang === 'fr' ? ' : ' : ': '}${clip(subject, 80)}` : speaker;
}
