/**
 * The fetch schedule inside `serve` (FETCH=on): each source fetched on its own
 * cadence (FETCH_SCHEDULE), one run per source across every instance (the
 * import lock in the shared store, the same one the admin API takes), the next
 * run timed from the end of the last. A run that wrote something tells the
 * caller, which announces the data change to every instance.
 */
import type { Database } from '../db/client.js';
import type { FetchConfig } from '../config.js';
import { releaseImportLock, takeImportLock } from '../ingest/import-lock.js';
import type { RunReport } from '../ingest/runner.js';
import type { Store } from '../store/store.js';
import { httpClient, runFetch, type Fetcher } from './fetch-run.js';
import { fetchers as allFetchers } from './fetchers.js';

interface Log {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface SchedulerOptions {
  database: Database;
  store: Store;
  settings: FetchConfig;
  log: Log;
  /** After a run that inserted or updated records. */
  onChange?: (report: RunReport) => Promise<void>;
  fetchers?: Fetcher[];
  /** Time between runs of a source; by default its FETCH_SCHEDULE minutes. */
  periodMs?: (source: string) => number;
  /** Before the first runs, so a starting instance serves (and imports its sample) first. */
  firstRunAfterMs?: number;
}

export interface FetchScheduler {
  /** Stops scheduling; a run in progress stops at its next request and is marked failed. */
  stop(): Promise<void>;
}

export function startFetchScheduler(options: SchedulerOptions): FetchScheduler {
  const { database, store, settings, log } = options;
  const http = httpClient(settings);
  const stopping = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const periodMs = options.periodMs ?? ((source: string) => (settings.everyMinutes[source] ?? 60) * 60_000);

  const later = (work: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  const runOnce = async (fetcher: Fetcher) => {
    const { source } = fetcher.importer;
    if (!(await takeImportLock(store, source))) {
      log.info({ source }, 'scheduled fetch skipped: another run of this source holds its lock');
      return;
    }
    try {
      const report = await runFetch(database, fetcher, settings, { http, signal: stopping.signal });
      const { runId, status, inserted, updated, unchanged, rejected, error, seconds } = report;
      const details = { source, runId, status, inserted, updated, unchanged, rejected, error, seconds };
      if (status === 'failed') log.error(details, 'scheduled fetch failed');
      else log.info(details, 'scheduled fetch finished');
      if (inserted + updated > 0) await options.onChange?.(report);
    } finally {
      await releaseImportLock(store, source);
    }
  };

  const schedule = (fetcher: Fetcher, ms: number) => later(() => {
    if (stopping.signal.aborted) return;
    const run = runOnce(fetcher)
      .catch((err: unknown) => log.error({ err, source: fetcher.importer.source }, 'scheduled fetch could not run'))
      .finally(() => {
        running.delete(run);
        if (!stopping.signal.aborted) schedule(fetcher, periodMs(fetcher.importer.source));
      });
    running.add(run);
  }, ms);

  for (const fetcher of options.fetchers ?? allFetchers) schedule(fetcher, options.firstRunAfterMs ?? 60_000);

  return {
    async stop() {
      stopping.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(running);
    },
  };
}
