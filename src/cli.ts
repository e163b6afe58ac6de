#!/usr/bin/env node
/** openpolicy serve | migrate | import <source> <path…> | import --sample | import --all <dir> | status */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { importAll, SAMPLE_DATA_DIR } from './ingest/import-all.js';
import { progressPrinter } from './ingest/progress.js';
import { runImport, type RunReport } from './ingest/runner.js';
import { findImporter, importers } from './ingest/sources.js';
import { age, sourceStatuses } from './ingest/status.js';
import { serve } from './serve.js';

const USAGE = `Usage: openpolicy <command>

  serve                         migrate, then serve the API on HOST:PORT (imports the sample on first start)
  migrate                       apply database migrations
  import <source> <path...>     import files of one source (sources: ${importers.map((i) => i.source).join(', ')})
  import --sample               import the sample bundled in data/
  import --all <data-dir>       import every source from a folder laid out like data/ (e.g. ../shared/data)
  status                        per source: last run, status, counts, freshness
`;

class UsageError extends Error {}

async function withDatabase<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
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

async function importCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { sample: { type: 'boolean' }, all: { type: 'string' } } });
  let reports: RunReport[];
  if (values.sample || values.all) {
    const root = values.all ? resolve(values.all) : SAMPLE_DATA_DIR;
    reports = await withDatabase(config, (db) => importAll(db, root, { onProgress: progressPrinter(), onReport: printReport }));
  } else {
    const [source, ...paths] = positionals;
    if (!source) throw new UsageError('import needs a source name and paths, or --sample, or --all <dir>');
    const importer = findImporter(source);
    if (!importer) throw new UsageError(`unknown source "${source}"; known sources: ${importers.map((i) => i.source).join(', ')}`);
    if (paths.length === 0) throw new UsageError(`import ${source} needs at least one path`);
    const report = await withDatabase(config, (db) => runImport(db, importer, paths.map((p) => resolve(p)), { onProgress: progressPrinter() }));
    printReport(report);
    reports = [report];
  }
  return reports.some((r) => r.status === 'failed') ? 1 : 0;
}

async function statusCommand(config: Config): Promise<number> {
  const rows = await withDatabase(config, sourceStatuses);
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
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keep running
    case 'migrate':
      await withDatabase(config, async () => console.log(`migrations applied (${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`})`));
      return 0;
    case 'import':
      return importCommand(config, rest);
    case 'status':
      return statusCommand(config);
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
    else if (e instanceof UsageError) console.error(`${e.message}\n\n${USAGE}`);
    else console.error(e instanceof Error ? e.message : e);
    process.exit(e instanceof UsageError ? 64 : 1);
  },
);
