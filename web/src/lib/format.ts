/** Dates and numbers in the reader's language (fr-CA, en-CA). */
import type { Lang } from './i18n';

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-CA' : 'en-CA');

/** A calendar date (YYYY-MM-DD) as written, e.g. "18 May 2023": read as UTC so no time zone moves the day. */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang)).format(value);
}

export function formatPercent(value: number | null, lang: Lang): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}
