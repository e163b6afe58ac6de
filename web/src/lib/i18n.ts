/**
 * English and French: the interface text comes from the catalogue in
 * messages.ts, the data from the API's bilingual {en, fr} fields. The language
 * is the address's (/fr/… is French, see router.tsx): switching it goes to the
 * same page's address in the other language.
 */
import { messages, type MessageKey } from './messages';
import { useLocation, type Lang } from './router';
import type { Bilingual } from './shapes';

export type { Lang };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = messages[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

export function useLang(): Lang {
  return useLocation().lang;
}

export function useT(): Translate {
  const lang = useLang();
  return (key, vars) => translate(lang, key, vars);
}

/** The text in the reader's language, else the other one, with the language it is really in (for a lang attribute). */
export function pick(value: Bilingual | null | undefined, lang: Lang): { text: string; lang: Lang } | null {
  if (!value) return null;
  const other: Lang = lang === 'en' ? 'fr' : 'en';
  if (value[lang]) return { text: value[lang], lang };
  if (value[other]) return { text: value[other], lang: other };
  return null;
}

export function pickText(value: Bilingual | null | undefined, lang: Lang): string {
  return pick(value, lang)?.text ?? '';
}
