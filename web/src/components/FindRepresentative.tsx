/**
 * "Find my representative": a riding, ward, municipality or name, with
 * suggestions from /api/v1/places as one types (an ARIA 1.2 combobox: arrows
 * move through them, Enter takes one, Escape closes). A place opens the
 * representatives of that place; a person, their page.
 */
import { useEffect, useId, useState } from 'react';
import { withQuery } from '../lib/api';
import { pickText, useLang, useT } from '../lib/i18n';
import { personPath } from '../lib/links';
import { navigate } from '../lib/router';
import type { Row } from '../lib/contract';
import { useApi } from '../lib/use-api';
import { LEVEL } from './Representatives';

// Asked once the typing pauses, so a word costs one request, not one per letter.
const PAUSE_MS = 250;

type PlaceSuggestion = Row<'/api/v1/places'>;

export const representativesPath = (place: string) => withQuery('/representatives', { place });

function go(s: PlaceSuggestion) {
  navigate(s.kind === 'person' && s.person_id ? personPath(s.person_id) : representativesPath(s.name));
}

export function FindRepresentative({ initial = '' }: { initial?: string }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [text, setText] = useState(initial);
  const [asked, setAsked] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(text.trim()), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const places = useApi(asked.length >= 2 ? '/api/v1/places' : null, { query: { q: asked } });
  const suggestions = asked.length >= 2 ? places.data?.results ?? [] : [];
  const shown = open && suggestions.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;

  return (
    <form
      role="search"
      className="big-search find-rep"
      aria-label={t('rep.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (shown && active >= 0) go(suggestions[active]!);
        else if (text.trim()) navigate(representativesPath(text.trim()));
      }}
    >
      <label htmlFor={`${id}-input`}>{t('rep.label')}</label>
      <div className="combo">
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={`${id}-list`}
          aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
          placeholder={t('rep.placeholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && suggestions.length) {
              e.preventDefault();
              setOpen(true);
              setActive((a) => (a + 1) % suggestions.length);
            } else if (e.key === 'ArrowUp' && suggestions.length) {
              e.preventDefault();
              setActive((a) => (a <= 0 ? suggestions.length - 1 : a - 1));
            } else if (e.key === 'Escape') {
              setOpen(false);
              setActive(-1);
            }
          }}
        />
        <ul id={`${id}-list`} role="listbox" aria-label={t('rep.suggestions')} className="suggestions" hidden={!shown}>
          {shown && suggestions.map((s, i) => (
            <li
              key={`${s.kind}-${s.person_id ?? ''}-${s.name}-${s.detail?.en ?? ''}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Chosen on mousedown, before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                go(s);
              }}
            >
              <span>{s.name}</span>
              <span className="meta"> · {s.kind === 'person' ? t('rep.person') : `${t(LEVEL[s.level ?? ''] ?? 'level.other')}${s.detail ? `, ${pickText(s.detail, lang)}` : ''}`}</span>
            </li>
          ))}
        </ul>
      </div>
      <button type="submit">{t('rep.submit')}</button>
    </form>
  );
}
