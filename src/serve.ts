/**
 * `openpolicy serve`: migrate, listen, and on a first start import the bundled
 * sample in the background so /health answers while data arrives.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/app.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { importAll, SAMPLE_DATA_DIR } from './ingest/import-all.js';
import { progressPrinter } from './ingest/progress.js';
import { createImportState, type ImportState } from './ops/import-state.js';
import { openStore } from './store/store.js';

async function hasImportedData(database: Database): Promise<boolean> {
  const [row] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_runs WHERE status IN ('succeeded', 'partial')`);
  return (row?.n ?? 0) > 0;
}

async function importSample(database: Database, state: ImportState, log: FastifyInstance['log']): Promise<void> {
  state.phase = 'running';
  const print = progressPrinter();
  try {
    const reports = await importAll(database, SAMPLE_DATA_DIR, {
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

export async function serve(config: Config): Promise<FastifyInstance> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  const importState = createImportState();
  const store = openStore(config.redisUrl);
  const app = await buildApp({ database, importState, store, logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });

  if (!(await hasImportedData(database))) {
    app.log.info(`first start: importing the bundled sample from ${SAMPLE_DATA_DIR}`);
    void importSample(database, importState, app.log);
  }

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await store.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return app;
}
