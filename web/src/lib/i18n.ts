/**
 * English and French: the interface text comes from the catalogue in
 * messages.ts, the data from the API's bilingual {en, fr} fields. The choice is
 * remembered per browser and starts from the browser's own language.
 */
import { createStore, useStore } from './store';
import { messages, type MessageKey } from './messages';
import type { Bilingual } from './shapes';

export type Lang = 'en' | 'fr';
const KEY = 'openpolicy.lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'fr') return saved;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export const language = createStore<Lang>(initialLang());
document.documentElement.lang = language.get();

export function setLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  language.set(lang);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = messages[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

export function useLang(): Lang {
  return useStore(language);
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
