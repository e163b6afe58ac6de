/** Bilingual data in the reader's language; text shown in the other language says so with its lang attribute. */
import { pick, useLang } from '../lib/i18n';
import type { Bilingual } from '../lib/shapes';

export function Bi({ value, fallback = '—' }: { value: Bilingual | null | undefined; fallback?: string }) {
  const lang = useLang();
  const chosen = pick(value, lang);
  if (!chosen) return <>{fallback}</>;
  return chosen.lang === lang ? <>{chosen.text}</> : <span lang={chosen.lang}>{chosen.text}</span>;
}
