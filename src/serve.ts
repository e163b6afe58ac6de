/**
 * `openpolicy serve`: migrate, listen, and on a first start import the bundled
 * sample in the background so /health answers while data arrives. With
 * `--workers N` (PostgreSQL) a node:cluster primary migrates once and runs N
 * such processes on one port; SIGTERM drains each before it exits.
 */
import cluster from 'node:cluster';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { alertLinksBase, startDeliveryWorker, webhookPolicy } from './alerts/from-config.js';
import type { Worker } from './alerts/worker.js';
import { buildApp } from './api/app.js';
import { securityOptions } from './auth/from-config.js';
import { workerStore } from './cluster/ipc-store.js';
import { IMPORT_SAMPLE_ENV, runPrimary } from './cluster/primary.js';
import { installGracefulShutdown } from './cluster/shutdown.js';
import { migrateExclusively, whileNoOtherInstanceImports } from './cluster/startup-lock.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { withReadReplica } from './db/replica.js';
import { PoliteHttp } from './fetch/http.js';
import { PhotoStore } from './fetch/photos.js';
import type { FetchScheduler } from './fetch/scheduler.js';
import { FETCH_SOURCES } from './ingest/catalog.js';
import { startReaper } from './ingest/import-runs.js';
import { progressPrinter } from './ingest/progress.js';
import { createImportState, type ImportState } from './ops/import-state.js';
import { memoryStore, openStore, type Store } from './store/store.js';

async function hasImportedData(database: Database): Promise<boolean> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_runs WHERE status IN ('succeeded', 'partial')`);
  return (row?.n ?? 0) > 0;
}

async function importSample(database: Database, store: Store, state: ImportState, log: FastifyInstance['log']): Promise<void> {
  state.phase = 'running';
  const print = progressPrinter();
  try {
    // The importers load here, not with the server (src/ingest/catalog.ts).
    const { importAll, SAMPLE_DATA_DIR } = await import('./ingest/import-all.js');
    log.info(`first start: importing the bundled sample from ${SAMPLE_DATA_DIR}`);
    const reports = await importAll(database, SAMPLE_DATA_DIR, {
      startedBy: 'first-start',
      announce: store,
      onProgress: (p) => {
        state.current = p;
        print(p);
      },
      onReport: (r) => log.info({ source: r.source, status: r.status, inserted: r.inserted, rejected: r.rejected, seconds: r.seconds, error: r.error }, 'import finished'),
    });
    const failed = reports.filter((r) => r.status === 'failed');
    state.phase = failed.length ? 'failed' : 'done';
    state.error = failed.length ? failed.map((r) => `${r.source}: ${r.error}`).join('; ') : null;
  } catch (e) {
    state.phase = 'failed';
    state.error = (e as Error).message;
  }
  state.current = null;
}

/** On an empty database, imports the bundled sample: in one of the instances that start together. */
async function importSampleOnFirstStart(database: Database, store: Store, state: ImportState, log: FastifyInstance['log']): Promise<void> {
  await whileNoOtherInstanceImports(database, async () => {
    if (await hasImportedData(database)) return;
    await importSample(database, store, state, log);
  }).catch((e: unknown) => log.error({ err: e }, 'first-start import could not run'));
}

function openPrimary(config: Config): Promise<Database> {
  return openDatabase({
    url: config.databaseUrl, migrationUrl: config.databaseMigrationUrl, dataDir: config.dataDir, max: config.databasePool,
    purpose: `openpolicy serve on http://${config.host}:${config.port}`,
  });
}

/** The database the app reads and writes: the primary, behind a read-replica router when one is configured. */
/** PHOTOS=on: photos fetched as politely as the fetchers fetch (same contact, pace and retries), kept under the data folder. */
function photoStore(config: Config, log: pino.Logger): PhotoStore {
  const { contact, hostIntervalMs, retries, backoffMs, photoMirror } = config.fetch;
  return new PhotoStore({
    dir: join(config.dataDir, 'photos'),
    http: new PoliteHttp({ contact: contact!, hostIntervalMs, retries, backoffMs, timeoutMs: 20_000 }),
    mirror: photoMirror,
    warn: (source, reason) => log.warn({ source }, `no photo: ${reason}`),
  });
}

async function openServingDatabase(config: Config, store: Store, log: pino.Logger): Promise<Database> {
  const primary = await openPrimary(config);
  if (!config.databaseReplicaUrl) return primary;
  return withReadReplica(primary, { url: config.databaseReplicaUrl, max: config.databasePool, maxLagSeconds: config.databaseReplicaMaxLagSeconds, store, log });
}

/** One serving process: alone, or a cluster worker (which neither migrates nor decides about the sample). */
async function serveProcess(config: Config, log: pino.Logger): Promise<void> {
  const worker = cluster.isWorker;
  const store = worker && !config.redisUrl ? workerStore(memoryStore()) : openStore(config.redisUrl, (degraded) => {
    if (degraded) log.warn('Redis unavailable: rate limits, lockouts and cache invalidation are in-process until it returns');
    else log.info('Redis is back: rate limits and cache invalidation are shared again');
  });
  const database = await openServingDatabase(config, store, log);
  if (!worker) await migrateExclusively(database);
  // Of a cluster's workers, only the one the primary chose may import the sample.
  const mayImportSample = !worker || process.env[IMPORT_SAMPLE_ENV] === '1';
  const importState = createImportState();
  const app = await buildApp({
    database,
    importState,
    store,
    logger: { level: config.logLevel },
    security: securityOptions(config),
    site: { publicUrl: config.publicUrl },
    alerts: { publicUrl: alertLinksBase(config), webhookPolicy: webhookPolicy(config) },
    ...(config.fetch.photos ? { photos: photoStore(config, log) } : {}),
    fetch: config.fetch,
    ops: {
      metricsToken: config.metricsToken,
      internalNetworks: config.internalNetworks,
      slowQueryMs: config.slowQueryMs,
      staleAfterHours: config.dataStaleHours,
      expectedSources: config.fetch.enabled ? FETCH_SOURCES : [],
      dataDir: config.dataDir,
    },
  });
  let fetching: FetchScheduler | null = null;
  // Every instance marks abandoned the runs whose process died (its own, after a crash and restart, included).
  const stopReaper = startReaper(database, app.log);
  let delivering: Worker | null = null;
  installGracefulShutdown(app, {
    timeoutSeconds: config.shutdownTimeoutSeconds,
    release: async () => {
      stopReaper();
      await fetching?.stop();
      await delivering?.stop();
      await store.close();
      await database.close();
    },
  });
  await app.listen({ port: config.port, host: config.host });
  // Alerts are delivered here unless `openpolicy worker` processes do it (DELIVERY_WORKER=off).
  if (config.alerts.worker) delivering = await startDeliveryWorker(config, database, app.log);

  const firstImport = mayImportSample ? importSampleOnFirstStart(database, store, importState, app.log) : Promise.resolve();
  // Fetching starts once the sample is in, so the two never import the same source at once.
  if (config.fetch.enabled) {
    void firstImport.then(async () => {
      // The fetchers and importers load here, not with the server (src/ingest/catalog.ts).
      const { startFetchScheduler } = await import('./fetch/scheduler.js');
      fetching = startFetchScheduler({ database, store, settings: config.fetch, log: app.log });
      app.log.info({ every_minutes: config.fetch.everyMinutes }, 'fetching from the publishers on schedule (FETCH=on)');
    });
  }
}

export async function serve(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel });
  if (cluster.isPrimary && config.workers > 1) {
    return runPrimary({
      workers: config.workers,
      shutdownTimeoutSeconds: config.shutdownTimeoutSeconds,
      log,
      async prepare() {
        const database = await openPrimary(config);
        try {
          await migrateExclusively(database);
          return !(await hasImportedData(database));
        } finally {
          await database.close();
        }
      },
    });
  }
  await serveProcess(config, log);
}
