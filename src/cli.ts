#!/usr/bin/env node
/** openpolicy serve | migrate | import <source> <path…> | import --sample | import --all <dir> | fetch <source…> | status */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createUserFromCli, readPasswordFromStdin } from './auth/cli-user.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { DataDirLocked } from './db/data-dir-lock.js';
import { FETCH_SOURCES, SOURCE_NAMES } from './ingest/catalog.js';
import { ImportRunning } from './ingest/import-runs.js';
import { progressPrinter } from './ingest/progress.js';
import type { RunReport } from './ingest/runner.js';
import { age, peopleStatus, sourceStatuses } from './ingest/status.js';
import { startDeliveryWorker } from './alerts/from-config.js';
import { serve } from './serve.js';
import { openStore, type Store } from './store/store.js';

const USAGE = `Usage: openpolicy <command>

  serve [--workers N]           migrate, then serve the API on HOST:PORT (imports the sample on first start);
                                N processes share the port (PostgreSQL only; same as WORKERS=N)
  migrate                       apply database migrations
  import <source> <path...>     import files of one source (sources: ${SOURCE_NAMES.join(', ')})
  import --sample               import the sample bundled in data/
  import --all <data-dir>       import every source from a folder laid out like data/ (e.g. ../shared/data)
  fetch <source...>             fetch what a publisher has new and import it (sources: ${FETCH_SOURCES.join(', ')});
                                needs FETCH_CONTACT; works whether FETCH is on or off
  fetch <source> --replay <run> import again, from the documents kept, what fetch run <run> fetched (no network)
  status                        per source: last run, status, counts, freshness
  worker                        deliver alerts (mail, webhooks) from the job queue until stopped; serve runs one too
                                unless DELIVERY_WORKER=off
  user create --email <email> [--admin | --editor] [--username <name>] [--name <full name>] [--password-stdin]
                                create an account (the first admin: --admin); without --password-stdin a password is generated and shown once
`;

class UsageError extends Error {}

/** What to do instead of a command that needs the embedded database while a server owns it. */
const WHILE_SERVING: Record<string, string> = {
  import: 'While it serves, an editor can start an import in it: POST /api/v1/admin/imports {"source", "paths"} or the admin console\'s Imports page.',
  status: 'While it serves, GET /health (from this machine) shows each source\'s last import and freshness.',
  serve: 'It is already serving that folder; use it, or give this one another DATA_DIR.',
  user: 'Stop the server, create the user, and start it again.',
  migrate: 'The server applied the migrations when it started.',
  fetch: 'Stop the server and fetch, or let it fetch on its own schedule: start it with FETCH=on.',
  worker: 'The server delivers alerts itself (DELIVERY_WORKER=on); separate workers need PostgreSQL (DATABASE_URL).',
};

async function withDatabase<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: config.databaseUrl, migrationUrl: config.databaseMigrationUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

function printReport(r: RunReport): void {
  const line = `${r.source}: ${r.status} in ${r.seconds.toFixed(1)}s — inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}`;
  console.log(line);
  if (r.error) console.log(`  error: ${r.error}`);
  for (const rejection of r.rejections.slice(0, 10)) console.log(`  rejected ${rejection.location}: ${rejection.message}`);
  if (r.rejections.length > 10) console.log(`  … ${r.rejected - 10} more rejections (see import_errors for run ${r.runId})`);
}

/**
 * Runs `work` with the channel through which running instances drop their cached responses (and a gateway its
 * micro-cache) after a run that wrote: Redis; without it there is none, and their caches expire by TTL.
 */
async function withAnnouncer<T>(config: Config, work: (store: Store | null) => Promise<T>): Promise<T> {
  const store = config.redisUrl ? openStore(config.redisUrl) : null;
  try {
    return await work(store);
  } finally {
    await store?.close();
  }
}

async function importCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { sample: { type: 'boolean' }, all: { type: 'string' } } });
  // The importers load for the commands that run them, not for `serve` (src/ingest/catalog.ts).
  const [{ importAll, SAMPLE_DATA_DIR }, { runImport }, { findImporter }] = await Promise.all([
    import('./ingest/import-all.js'), import('./ingest/runner.js'), import('./ingest/sources.js'),
  ]);
  let reports: RunReport[];
  if (values.sample || values.all) {
    const root = values.all ? resolve(values.all) : SAMPLE_DATA_DIR;
    reports = await withAnnouncer(config, (announce) => withDatabase(config, (db) => importAll(db, root, { onProgress: progressPrinter(), onReport: printReport, announce })));
  } else {
    const [source, ...paths] = positionals;
    if (!source) throw new UsageError('import needs a source name and paths, or --sample, or --all <dir>');
    const importer = findImporter(source);
    if (!importer) throw new UsageError(`unknown source "${source}"; known sources: ${SOURCE_NAMES.join(', ')}`);
    if (paths.length === 0) throw new UsageError(`import ${source} needs at least one path`);
    const report = await withAnnouncer(config, (announce) => withDatabase(config, (db) =>
      runImport(db, importer, paths.map((p) => resolve(p)), { onProgress: progressPrinter(), announce })));
    printReport(report);
    reports = [report];
  }
  return exitCode(reports);
}

/** 0: every run succeeded; 2: some ended partial (records rejected, see import_errors); 1: some failed. */
function exitCode(reports: RunReport[]): number {
  if (reports.some((r) => r.status === 'failed')) return 1;
  return reports.some((r) => r.status === 'partial') ? 2 : 0;
}

async function fetchCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals: sources } = parseArgs({ args, allowPositionals: true, options: { replay: { type: 'string' } } });
  if (values.replay !== undefined) return replayCommand(config, sources, values.replay);
  if (sources.length === 0) throw new UsageError(`fetch needs a source: ${FETCH_SOURCES.join(', ')}`);
  const [{ findFetcher }, { runFetch }] = await Promise.all([import('./fetch/fetchers.js'), import('./fetch/fetch-run.js')]);
  const chosen = sources.map((source) => {
    const fetcher = findFetcher(source);
    if (!fetcher) throw new UsageError(`no fetcher for "${source}"; sources fetched: ${FETCH_SOURCES.join(', ')}`);
    return fetcher;
  });
  if (!config.fetch.contact) throw new ConfigError('FETCH_CONTACT', 'required to fetch: the publishers are told who is fetching (an email address or a URL)');
  const reports = await withAnnouncer(config, (announce) => withDatabase(config, async (db) => {
    const done: RunReport[] = [];
    for (const fetcher of chosen) {
      const report = await runFetch(db, fetcher, config.fetch, { onProgress: progressPrinter(), announce });
      printReport(report);
      done.push(report);
    }
    return done;
  }));
  return exitCode(reports);
}

async function replayCommand(config: Config, sources: string[], run: string): Promise<number> {
  const [{ findFetcher }, { replayFetch }] = await Promise.all([import('./fetch/fetchers.js'), import('./fetch/fetch-run.js')]);
  const fetcher = sources.length === 1 ? findFetcher(sources[0]!) : undefined;
  if (!fetcher) throw new UsageError(`fetch --replay needs one source of ${FETCH_SOURCES.join(', ')}`);
  if (!/^\d+$/.test(run)) throw new UsageError(`--replay takes the id of a fetch run, not "${run}"`);
  const report = await withAnnouncer(config, (announce) => withDatabase(config, (db) => replayFetch(db, fetcher, Number(run), { onProgress: progressPrinter(), announce })));
  printReport(report);
  return exitCode([report]);
}

async function statusCommand(config: Config): Promise<number> {
  const [rows, people] = await withDatabase(config, (database) => Promise.all([sourceStatuses(database), peopleStatus(database)]));
  if (rows.length === 0) {
    console.log('Nothing imported yet. Run `openpolicy import --sample`.');
    return 0;
  }
  const table = rows.map((r) => ({
    source: r.source,
    'last run': `#${r.last_run_id} ${r.last_started_at}`,
    status: r.last_status,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    'last success': r.last_success_at ?? 'never',
    freshness: age(r.last_success_at),
  }));
  console.table(table);
  // Why the last run of a source did not finish well: an error, or its process died (abandoned: the source is free again).
  for (const r of rows.filter((row) => row.last_status === 'failed' || row.last_status === 'abandoned')) {
    console.log(`${r.source}: run #${r.last_run_id} ${r.last_status}: ${r.error ?? 'no reason recorded'}`);
  }
  console.log(`people: ${people.people}, of whom ${people.without_term} with no term; ${people.candidates} pair(s) of people who may be one (person_candidates)`);
  return 0;
}

/** Delivers alerts until SIGTERM or SIGINT, then finishes the jobs in hand and exits. */
async function workerCommand(config: Config): Promise<number> {
  const log = pino({ level: config.logLevel });
  const database = await openDatabase({ url: config.databaseUrl, migrationUrl: config.databaseMigrationUrl, dataDir: config.dataDir, purpose: 'openpolicy worker' });
  await database.migrate();
  const worker = await startDeliveryWorker(config, database, log);
  log.info('delivering alerts from the job queue');
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await worker.stop();
  await database.close();
  return 0;
}

async function userCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new UsageError('user needs a subcommand: user create --email <email> ...');
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' },
      admin: { type: 'boolean' }, editor: { type: 'boolean' }, 'password-stdin': { type: 'boolean' },
    },
  });
  if (!values.email) throw new UsageError('user create needs --email <email>');
  if (values.admin && values.editor) throw new UsageError('user create takes --admin or --editor, not both');
  const password = values['password-stdin'] ? await readPasswordFromStdin() : undefined;
  const role = values.admin ? 'admin' : values.editor ? 'editor' : 'user';
  const { user, generatedPassword } = await withDatabase(config, (db) =>
    createUserFromCli(db, { email: values.email!, role, username: values.username, name: values.name, password }));
  console.log(`created ${user.role} ${user.email} (id ${user.id})`);
  if (generatedPassword) console.log(`password (shown once; change it with POST /api/v1/auth/password): ${generatedPassword}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { workers: { type: 'string' } } });
      // --workers is WORKERS given on the command line: the same checks apply.
      await serve(values.workers ? loadConfig({ ...process.env, WORKERS: values.workers }) : config);
      return -1; // keep running
    }
    case 'migrate':
      await withDatabase(config, async () => console.log(`migrations applied (${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`})`));
      return 0;
    case 'import':
      return importCommand(config, rest);
    case 'fetch':
      return fetchCommand(config, rest);
    case 'status':
      return statusCommand(config);
    case 'user':
      return userCommand(config, rest);
    case 'worker':
      return workerCommand(config);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof ConfigError) console.error(`configuration error: ${e.message}`);
    else if (e instanceof DataDirLocked) console.error(`${e.message}\n${WHILE_SERVING[process.argv[2] ?? ''] ?? ''}`.trim());
    else if (e instanceof UsageError) console.error(`${e.message}\n\n${USAGE}`);
    else if (e instanceof ImportRunning) console.error(`refused: ${e.message}`);
    else console.error(e instanceof Error ? e.message : e);
    process.exit(e instanceof UsageError ? 64 : 1);
  },
);
