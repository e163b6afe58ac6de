/**
 * The import service: the one way a run starts, whoever starts it. It takes the
 * source and its run row (src/ingest/import-runs.ts: one run per source, a
 * heartbeat, abandoned when its process dies), gives the importer a transaction
 * per unit of work (a file or a batch), keeps rejected records with their
 * location, saves the running totals as units commit (so a run can be followed
 * live), marks the run succeeded, partial (some records rejected) or failed (an
 * error, or nothing imported at all), and then, in this order: counts it in the
 * metrics, writes the audit entry, announces `data-changed` when it wrote
 * something, and tells the listeners of finished runs (onRunFinished).
 */
import type { Database, Db } from '../db/client.js';
import { refreshPlannerStatistics } from '../db/statistics.js';
import { importErrors, type Provenance } from '../db/schema.js';
import { withoutServerPaths } from '../domain/text.js';
import { audit, type AuditContext } from '../auth/audit.js';
import { announceDataChange } from '../store/data-changed.js';
import { recordImportRun } from '../ops/metrics.js';
import type { Store } from '../store/store.js';
import { startRun, type RunLease, type RunStatus } from './import-runs.js';
import { recordRunEvents } from '../alerts/events.js';
import { Progress, type ProgressListener } from './progress.js';
import { addCounts, emptyCounts, type WriteCounts } from './upsert.js';

export interface Rejection {
  location: string;
  message: string;
  record?: string;
}

export interface ImportContext {
  readonly source: string;
  readonly runId: number;
  readonly retrievedAt: string;
  readonly progress: Progress;
  /**
   * Provenance for a record read from `file` (at `location`, when known), with
   * the publisher's `url` for it when one can be derived. The file is recorded
   * relative to the data folder, never as the server's path.
   */
  provenance(file: string, location?: string, url?: string): Provenance[];
  /**
   * Runs `work` in one transaction. If it throws, nothing it wrote stays and the
   * whole run fails with that reason. Return the counts of what it wrote.
   */
  unit(name: string, work: (tx: Db) => Promise<WriteCounts>): Promise<void>;
  /** Refuse one malformed record and carry on. */
  reject(rejection: Rejection): void;
  /**
   * Reads one input (a file, an archive entry) with `read`: an ImportError it throws rejects that
   * input with its location and `record`, and gives null, so the rest of the run carries on.
   */
  readOrReject<T>(read: () => T | Promise<T>, record?: string): Promise<T | null>;
  /** The publisher has nothing new (a fetch): this run imports nothing and is still a success. */
  upToDate(): void;
  /** A database handle outside any unit, for reads that prepare the import. */
  readonly db: Db;
}

export interface Importer {
  /** The name used on the CLI and in import_runs. */
  source: string;
  description: string;
  /** Paths the sample import uses, relative to the data folder given. */
  samplePaths(dataRoot: string): string[];
  run(ctx: ImportContext, paths: string[]): Promise<void>;
}

export interface RunReport extends WriteCounts {
  runId: number;
  source: string;
  status: Exclude<RunStatus, 'running'>;
  /** Who started it: 'cli', 'first-start', 'admin', 'scheduler'. */
  startedBy: string;
  rejected: number;
  rejections: Rejection[];
  error: string | null;
  seconds: number;
}

/** Import failures a user can act on (bad path, bad file) as opposed to bugs. */
export class ImportError extends Error {
  constructor(readonly location: string, readonly reason: string) {
    super(`${location}: ${reason}`);
    this.name = 'ImportError';
  }

  /** This failure as the refusal of one input, kept in import_errors with (the start of) what was refused. */
  rejection(record?: string): Rejection {
    return { location: this.location, message: this.reason, ...(record === undefined ? {} : { record: record.slice(0, 2000) }) };
  }
}

// Keep the first rejections of a run in full; count the rest.
const MAX_STORED_REJECTIONS = 1000;
// The console polls about once a second: saving the totals more often would only slow big imports.
const COUNTS_EVERY_MS = 1000;

export interface RunOptions {
  /** Records read so far, for a progress bar. */
  onProgress?: ProgressListener;
  /** Called with the run id as soon as its row exists. */
  onStart?: (runId: number) => void;
  /** Least time between two saves of the running totals; 0 saves after every unit. The end is always saved. */
  countsEveryMs?: number;
  /** Who starts the run, for the audit trail (default 'cli'); `request` when an API call started it. */
  startedBy?: string;
  request?: AuditContext;
  /** The shared store through which every instance (and the gateway's micro-cache) hears that data changed. */
  announce?: Store | null;
}

type RunListener = (report: RunReport) => Promise<void> | void;
const finishedListeners = new Set<RunListener>();

/**
 * Hears every run of this process once its row is final (after the audit entry and the
 * announcement): where events that follow an import hook in. Returns the function that stops it.
 * A listener that throws neither fails the run nor keeps the other listeners from hearing it.
 */
export function onRunFinished(listener: RunListener): () => void {
  finishedListeners.add(listener);
  return () => finishedListeners.delete(listener);
}

export async function runImport(
  database: Database,
  importer: Importer,
  paths: string[],
  options: RunOptions = {},
): Promise<RunReport> {
  const started = Date.now();
  const startedBy = options.startedBy ?? 'cli';
  // Throws ImportRunning, naming the run that holds the source, before anything is written; the run row and its
  // audit entry are written together.
  const lease = await startRun(database, importer.source, paths, (tx, id) => audit(tx, options.request ?? null, {
    action: 'import.start', outcome: 'success', targetType: 'import_run', targetId: String(id), details: { source: importer.source, started_by: startedBy },
  }));
  try {
    return await run(database, importer, paths, options, lease, startedBy, started);
  } finally {
    // Whatever happened, this process stops vouching for the run: if its final write failed, the reaper ends it.
    lease.release();
  }
}

async function run(
  database: Database, importer: Importer, paths: string[], options: RunOptions, lease: RunLease, startedBy: string, started: number,
): Promise<RunReport> {
  const { db } = database;
  const { runId } = lease;
  // Callers that run imports in the background answer with the run id as soon as it exists.
  options.onStart?.(runId);
  const retrievedAt = new Date(started).toISOString();
  const totals = emptyCounts();
  const rejections: Rejection[] = [];
  let rejected = 0;
  let pending: Rejection[] = [];
  let upToDate = false;
  let committed = 0;

  const flushRejections = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await db.insert(importErrors).values(batch.map((r) => ({ runId, location: r.location, message: r.message, record: r.record?.slice(0, 2000) ?? null })));
  };

  // Whoever follows the run (the console, `openpolicy status`, another instance) reads its row, not this process.
  const countsEveryMs = options.countsEveryMs ?? COUNTS_EVERY_MS;
  let countsSavedAt = started;
  const saveCounts = async () => {
    if (Date.now() - countsSavedAt < countsEveryMs) return;
    countsSavedAt = Date.now();
    await lease.saveTotals({ ...totals, rejected });
  };

  const ctx: ImportContext = {
    source: importer.source,
    runId,
    retrievedAt,
    db,
    progress: new Progress(importer.source, options.onProgress),
    provenance: (file, location, url) => [{
      source: importer.source, ...(url ? { url } : {}), file: withoutServerPaths(file), ...(location ? { location } : {}), retrieved_at: retrievedAt,
    }],
    reject(given) {
      const r = { ...given, location: withoutServerPaths(given.location), message: withoutServerPaths(given.message) };
      rejected++;
      if (rejections.length < MAX_STORED_REJECTIONS) {
        rejections.push(r);
        pending.push(r);
      }
    },
    upToDate() {
      upToDate = true;
    },
    async readOrReject(read, record) {
      try {
        return await read();
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        ctx.reject(e.rejection(record));
        return null;
      }
    },
    async unit(name, work) {
      const lost = lease.lost();
      if (lost) throw new Error(lost);
      // Rejections seen inside a failed unit still belong to the report; write them after the transaction.
      try {
        const counts = await db.transaction((tx) => work(tx as unknown as Db));
        addCounts(totals, counts);
        committed++;
      } finally {
        await flushRejections();
      }
      await saveCounts();
    },
  };

  let error: string | null = null;
  try {
    await importer.run(ctx, paths);
    ctx.progress.finish();
  } catch (e) {
    error = withoutServerPaths(e instanceof Error ? e.message : String(e));
    // How far it got: what the units committed before the failure stays.
    if (committed > 0) error += `; ${committed} unit(s) had committed before it (inserted ${totals.inserted}, updated ${totals.updated}, unchanged ${totals.unchanged}), and stay`;
  }
  await flushRejections();
  // One rule for every importer: an input that yields no record (an empty file, an empty or all-zero
  // archive, every record refused) is not a success, and so never moves the source's freshness forward.
  if (!error && !upToDate && totals.inserted + totals.updated + totals.unchanged === 0) {
    const [first] = rejections;
    error = first
      ? `nothing imported: ${first.location}: ${first.message}${rejected > 1 ? ` (and ${rejected - 1} more rejection(s), see import_errors)` : ''}`
      : `nothing imported: ${withoutServerPaths(paths.join(', '))} holds no records (empty or not this source's format)`;
  }
  // Before the run reads as finished, so whoever waits for its end reads with fresh statistics; autovacuum covers a failed pass.
  await refreshPlannerStatistics(database, totals.inserted + totals.updated).catch(() => {});
  const status = error ? 'failed' : rejected > 0 ? 'partial' : 'succeeded';
  const counts = { ...totals, rejected };
  const report: RunReport = { runId, source: importer.source, status, startedBy, ...counts, rejections, error, seconds: (Date.now() - started) / 1000 };
  // Every instance, and the gateway's micro-cache, drops responses built from the old data, before the run
  // reads as finished: whoever waits for its end then never reads a cache of the data before it.
  if (options.announce && counts.inserted + counts.updated > 0) await announceDataChange(options.announce);
  // The final row and its audit entry in one transaction. A run the reaper took meanwhile (its heartbeat stopped
  // reaching the database) stays abandoned: another run may hold the source by now.
  const owned = await lease.finish(status, counts, error, (tx) => auditFinish(tx, report, options));
  if (owned) {
    recordImportRun({ source: importer.source, status, ...counts });
    // What the run committed becomes events for those who follow it (src/alerts), delivered by the worker.
    await recordRunEvents(database, runId);
  } else {
    Object.assign(report, { status: 'abandoned', error: lease.lost() ?? error });
    await auditFinish(db, report, options);
  }
  for (const listener of finishedListeners) await Promise.resolve(listener(report)).catch(() => {});
  return report;
}

function auditFinish(db: Db, report: RunReport, options: RunOptions): Promise<void> {
  const { runId, source, status, startedBy, inserted, updated, unchanged, rejected, error } = report;
  return audit(db, options.request ?? null, {
    action: 'import.finish', outcome: status === 'succeeded' || status === 'partial' ? 'success' : 'failure', targetType: 'import_run', targetId: String(runId),
    details: { source, started_by: startedBy, status, inserted, updated, unchanged, rejected, error },
  });
}
