/**
 * Runs one importer: records the run, gives the importer a transaction per unit
 * of work (a file or a batch), keeps rejected records with their location, saves
 * the running totals as units commit (so a run can be followed live), and marks
 * the run succeeded, partial (some records rejected) or failed (an error, or
 * nothing imported at all).
 */
import { eq } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import { refreshPlannerStatistics } from '../db/statistics.js';
import { importErrors, importRuns, type Provenance } from '../db/schema.js';
import { withoutServerPaths } from '../domain/text.js';
import { recordImportRun } from '../ops/metrics.js';
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
  status: 'succeeded' | 'partial' | 'failed';
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
}

export async function runImport(
  database: Database,
  importer: Importer,
  paths: string[],
  options: RunOptions = {},
): Promise<RunReport> {
  const { db } = database;
  const started = Date.now();
  const [run] = await db.insert(importRuns).values({ source: importer.source, paths, status: 'running' }).returning({ id: importRuns.id });
  const runId = run!.id;
  // Callers that run imports in the background answer with the run id as soon as it exists.
  options.onStart?.(runId);
  const retrievedAt = new Date(started).toISOString();
  const totals = emptyCounts();
  const rejections: Rejection[] = [];
  let rejected = 0;
  let pending: Rejection[] = [];
  let upToDate = false;

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
    await db.update(importRuns).set({ ...totals, rejected }).where(eq(importRuns.id, runId));
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
      // Rejections seen inside a failed unit still belong to the report; write them after the transaction.
      try {
        const counts = await db.transaction((tx) => work(tx as unknown as Db));
        addCounts(totals, counts);
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
  const status = error ? 'failed' : rejected > 0 ? 'partial' : 'succeeded';
  // Before the run reads as finished, so whoever waits for its end reads with fresh statistics; autovacuum covers a failed pass.
  await refreshPlannerStatistics(database, totals.inserted + totals.updated).catch(() => {});
  await db
    .update(importRuns)
    .set({ status, finishedAt: new Date(), ...totals, rejected, error })
    .where(eq(importRuns.id, runId));
  recordImportRun({ source: importer.source, status, ...totals, rejected });
  return { runId, source: importer.source, status, ...totals, rejected, rejections, error, seconds: (Date.now() - started) / 1000 };
}
