/**
 * `serve --workers N`: the node:cluster primary. It migrates once (N processes
 * migrating at the same time would race), forks N workers that share the port,
 * replaces a worker that dies, relays data-change messages between workers when
 * there is no Redis, and on SIGTERM stops every worker gracefully before exiting.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { serveClusterMetrics } from '../ops/metrics.js';
import { RELAY } from './ipc-store.js';

export interface PrimaryOptions {
  workers: number;
  /** Migrates; true when the first worker should import the bundled sample (a first start). */
  prepare(): Promise<boolean>;
  /** Seconds workers get to finish in-flight requests after SIGTERM. */
  shutdownTimeoutSeconds: number;
  log: Logger;
}

/** Environment variable telling the first worker to run the first-start sample import. */
export const IMPORT_SAMPLE_ENV = 'OPENPOLICY_WORKER_IMPORTS_SAMPLE';

// A worker that keeps dying right after start is retried at most this often.
const RESTART_DELAY_MS = 1000;

export async function runPrimary(options: PrimaryOptions): Promise<void> {
  const { log } = options;
  const importSample = await options.prepare();
  // A worker's /metrics answers for the whole cluster (src/ops/metrics.ts).
  serveClusterMetrics();
  let stopping = false;

  const fork = (env: Record<string, string> = {}): Worker => {
    const worker = cluster.fork(env);
    worker.on('message', (message: unknown) => {
      // Without Redis, one worker's data-change announcement must reach the others' caches.
      if ((message as { type?: string } | null)?.type !== RELAY) return;
      for (const other of Object.values(cluster.workers ?? {})) other?.send(message as object);
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error({ pid: worker.process.pid, code, signal }, 'worker died; starting a replacement');
    setTimeout(() => stopping || fork(), RESTART_DELAY_MS);
  });

  for (let i = 0; i < options.workers; i++) fork(i === 0 && importSample ? { [IMPORT_SAMPLE_ENV]: '1' } : {});
  log.info({ workers: options.workers }, 'cluster primary started');

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    log.info({ signal, workers: workers.length }, 'stopping workers: each finishes its in-flight requests');
    // Workers exit on their own once drained; this only guards against one that hangs.
    const deadline = setTimeout(() => {
      for (const w of workers) w.process.kill('SIGKILL');
    }, (options.shutdownTimeoutSeconds + 5) * 1000);
    deadline.unref();
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) {
      w.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
      w.process.kill('SIGTERM');
    }
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
