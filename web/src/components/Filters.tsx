/**
 * Filter forms whose state is the URL: submitting writes the fields into the
 * query string (so the filtered list is linkable), and the fields are re-read
 * from it after every navigation.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../lib/i18n';
import { Link, setQuery, useLocation, useQuery } from '../lib/router';

/** Open on wide screens; folded on a phone, where the fields would push the results off the first screen. */
const wide = () => window.matchMedia('(min-width: 40rem)').matches;

export function FilterForm({ names, label, children }: { names: string[]; label: string; children: ReactNode }) {
  const t = useT();
  const { pathname, search } = useLocation();
  const [open] = useState(wide);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setQuery(Object.fromEntries(names.map((name) => [name, String(data.get(name) ?? '').trim() || null])));
  }
  const active = names.filter((name) => new URLSearchParams(search).get(name)).length;
  return (
    <details className="filter-box" open={open}>
      <summary>{label}{active > 0 && ` (${active})`}</summary>
      <form key={search} className="filters" role="search" aria-label={label} onSubmit={submit}>
        {children}
        <div className="filter-actions">
          <button type="submit">{t('filters.apply')}</button>
          <Link to={pathname}>{t('filters.clear')}</Link>
        </div>
      </form>
    </details>
  );
}

export function TextField({ name, label, type = 'text', placeholder }: { name: string; label: string; type?: 'text' | 'search' | 'date'; placeholder?: string }) {
  const query = useQuery();
  return (
    <label className="field">
      <span>{label}</span>
      <input name={name} type={type} defaultValue={query.get(name) ?? ''} placeholder={placeholder} />
    </label>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ name, label, options, any, groups }: {
  name: string;
  label: string;
  options?: Option[];
  /** The label of the empty choice (no filter). */
  any: string;
  groups?: { label: string; options: Option[] }[];
}) {
  const query = useQuery();
  const current = query.get(name) ?? '';
  const known = [...(options ?? []), ...(groups ?? []).flatMap((g) => g.options)].some((o) => o.value === current);
  return (
    <label className="field">
      <span>{label}</span>
      {/* Remounted when the options arrive, so the value from the URL is selected once it is among them. */}
      <select key={known ? 'known' : 'pending'} name={name} defaultValue={current}>
        <option value="">{any}</option>
        {/* A value from a shared link that the list does not offer still shows, rather than vanishing. */}
        {current && !known && <option value={current}>{current}</option>}
        {options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
