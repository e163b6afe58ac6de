/** Pieces the import pages share: a run's status badge, and polling while a run is still going. */
import { useEffect } from 'react';
import { useT } from '../../lib/i18n';
import type { ImportRun } from '../../lib/shapes';

export function RunStatus({ status }: { status: ImportRun['status'] }) {
  const t = useT();
  return <span className={`badge run-${status}`}>{t(`run.${status}`)}</span>;
}

/** Calls `reload` every `ms` while `active`: how the console follows a running import live. */
export function usePolling(active: boolean, reload: () => void, ms: number): void {
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(reload, ms);
    return () => window.clearInterval(timer);
  }, [active, reload, ms]);
}
