/**
 * The fetch schedule inside `serve` (FETCH=on): each source fetched on its own
 * cadence (FETCH_SCHEDULE), one run per source across every instance and
 * whoever else imports it (the import service's lock: src/ingest/import-runs.ts),
 * the next run timed from the end of the last. The import service announces the
 * data change of a run that wrote something to every instance.
 */
import type { Database } from '../db/client.js';
import type { FetchConfig } from '../config.js';
import { ImportRunning } from '../ingest/import-runs.js';
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
    let report: RunReport;
    try {
      report = await runFetch(database, fetcher, settings, { http, signal: stopping.signal, startedBy: 'scheduler', announce: store });
    } catch (e) {
      if (!(e instanceof ImportRunning)) throw e;
      log.info({ source, running_run: e.run.id }, 'scheduled fetch skipped: another run of this source is running');
      return;
    }
    const { runId, status, inserted, updated, unchanged, rejected, error, seconds } = report;
    const details = { source, runId, status, inserted, updated, unchanged, rejected, error, seconds };
    if (status === 'failed') log.error(details, 'scheduled fetch failed');
    else log.info(details, 'scheduled fetch finished');
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
