/**
 * A bill's full text, fetched only when asked for (it can be hundreds of
 * kilobytes), with a search within it: every match highlighted, a count, and
 * previous / next to step through them.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Pending } from '../components/Status';
import { useLang, useT } from '../lib/i18n';
import { billApiPath, billKey } from '../lib/links';
import type { Params } from '../lib/router';
import { useApi } from '../lib/use-api';

const MAX_MARKS = 2000;

/** Where `needle` occurs in `text`, ignoring case. */
function occurrences(text: string, needle: string): number[] {
  if (needle.length < 2) return [];
  const haystack = text.toLocaleLowerCase();
  const target = needle.toLocaleLowerCase();
  const found: number[] = [];
  for (let at = haystack.indexOf(target); at >= 0 && found.length < MAX_MARKS; at = haystack.indexOf(target, at + target.length)) found.push(at);
  return found;
}

function TextWithMatches({ text, needle, starts, current }: { text: string; needle: string; starts: number[]; current: number }) {
  const parts: ReactNode[] = [];
  let from = 0;
  starts.forEach((start, i) => {
    parts.push(text.slice(from, start));
    parts.push(<mark key={start} className={i === current ? 'current' : undefined} data-match={i}>{text.slice(start, start + needle.length)}</mark>);
    from = start + needle.length;
  });
  parts.push(text.slice(from));
  return <>{parts}</>;
}

export function BillTextSection({ params }: { params: Params }) {
  const t = useT();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const texts = useApi(open ? billApiPath(params) : null, { path: billKey(params), query: { include: 'texts' } });
  const available = texts.data?.texts ?? [];
  const [choice, setChoice] = useState<number | null>(null);
  const preferred = Math.max(0, available.findIndex((x) => x.language === lang));
  const chosen = available[choice ?? preferred];
  const [needle, setNeedle] = useState('');
  const [current, setCurrent] = useState(0);
  const starts = useMemo(() => (chosen ? occurrences(chosen.text, needle.trim()) : []), [chosen, needle]);
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    body.current?.querySelector(`mark[data-match="${current}"]`)?.scrollIntoView({ block: 'center' });
  }, [current, starts]);

  const step = (delta: number) => setCurrent((c) => (starts.length ? (c + delta + starts.length) % starts.length : 0));

  return (
    <section aria-labelledby="full-text">
      <h2 id="full-text">{t('bill.fullText')}</h2>
      {!open && <button type="button" onClick={() => setOpen(true)}>{t('bill.showText')}</button>}
      {open && <Pending {...texts} retry={texts.reload} />}
      {open && texts.data && available.length === 0 && <p>{t('bill.noText')}</p>}
      {chosen && (
        <>
          <div className="text-tools">
            {available.length > 1 && (
              <label className="field">
                <span>{t('bill.version')}</span>
                <select value={choice ?? preferred} onChange={(e) => { setChoice(Number(e.target.value)); setCurrent(0); }}>
                  {available.map((x, i) => <option key={`${x.version}-${x.language}`} value={i}>{x.version} ({x.language.toUpperCase()})</option>)}
                </select>
              </label>
            )}
            <label className="field">
              <span>{t('bill.searchText')}</span>
              <input
                type="search"
                value={needle}
                onChange={(e) => { setNeedle(e.target.value); setCurrent(0); }}
                onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); step(e.shiftKey ? -1 : 1); } }}
              />
            </label>
            <p className="match-count" role="status" aria-live="polite">
              {needle.trim().length >= 2 ? (starts.length ? t('bill.matchOf', { n: current + 1, total: starts.length }) : t('bill.noMatch')) : ''}
            </p>
            <button type="button" onClick={() => step(-1)} disabled={starts.length < 2}>{t('bill.previousMatch')}</button>
            <button type="button" onClick={() => step(1)} disabled={starts.length < 2}>{t('bill.nextMatch')}</button>
            {chosen.url && <a href={chosen.url} rel="noopener noreferrer">{t('bill.officialText')}</a>}
          </div>
          <div className="bill-text" ref={body} lang={chosen.language} tabIndex={0} aria-label={t('bill.fullText')}>
            <TextWithMatches text={chosen.text} needle={needle.trim()} starts={starts} current={current} />
          </div>
        </>
      )}
    </section>
  );
}
