/** A run as it goes: status and elapsed time, its counts climbing with records per second, and a summary screen readers hear. */
import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '../../lib/format';
import { useLang, useT } from '../../lib/i18n';
import type { ImportRun } from '../../lib/shapes';
import { RunStatus } from './import-parts';

// Announcing every poll would talk over everything else: screen readers hear the counts this often, the outcome at once.
const ANNOUNCE_EVERY_MS = 10_000;

/** Seconds from `from` to `to`, or to now (ticking every second) while `to` is null. */
function useElapsedSeconds(from: string, to: string | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (to) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [to]);
  return Math.max(0, ((to ? Date.parse(to) : now) - Date.parse(from)) / 1000);
}

/** `text`, changing at most once every `ms` unless `immediate`. */
function useThrottled(text: string, ms: number, immediate: boolean): string {
  const [shown, setShown] = useState(text);
  const shownAt = useRef(0);
  useEffect(() => {
    // Rescheduling on every change keeps the same due time, so the latest text is the one shown.
    const wait = immediate ? 0 : Math.max(0, shownAt.current + ms - Date.now());
    const timer = window.setTimeout(() => {
      shownAt.current = Date.now();
      setShown(text);
    }, wait);
    return () => window.clearTimeout(timer);
  }, [text, ms, immediate]);
  return shown;
}

export function RunProgress({ run }: { run: ImportRun }) {
  const t = useT();
  const lang = useLang();
  const seconds = useElapsedSeconds(run.started_at, run.finished_at);
  const running = run.status === 'running';
  // The counts are what the units committed so far (the runner saves them about once a second).
  const processed = run.inserted + run.updated + run.unchanged + run.rejected;
  const rate = seconds > 0 ? Math.round(processed / seconds) : 0;
  const vars = { status: t(`run.${run.status}`), count: formatNumber(processed, lang), rate: formatNumber(rate, lang), seconds: formatNumber(Math.round(seconds), lang) };
  const announced = useThrottled(t(running ? 'imports.progress' : 'imports.outcome', vars), ANNOUNCE_EVERY_MS, !running);
  return (
    <>
      <div className="result-line">
        <RunStatus status={run.status} /> <span>{run.source}</span>
        <span className="meta">{t('imports.elapsed')} {vars.seconds} s</span>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">{announced}</p>
      <dl className="stats">
        <div><dt>{t('imports.inserted')}</dt><dd>{formatNumber(run.inserted, lang)}</dd></div>
        <div><dt>{t('imports.updated')}</dt><dd>{formatNumber(run.updated, lang)}</dd></div>
        <div><dt>{t('imports.unchanged')}</dt><dd>{formatNumber(run.unchanged, lang)}</dd></div>
        <div><dt>{t('imports.rejected')}</dt><dd>{formatNumber(run.rejected, lang)}</dd></div>
        <div><dt>{t('imports.rate')}</dt><dd>{vars.rate}</dd></div>
      </dl>
    </>
  );
}
