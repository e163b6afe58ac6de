/** Runs every importer over one data folder (the bundled sample or the full set), in registry order. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/client.js';
import type { ProgressListener } from './progress.js';
import { runImport, type RunReport } from './runner.js';
import { importers } from './sources.js';

/** The compact sample shipped in the repository's data/ folder. */
export const SAMPLE_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export async function importAll(
  database: Database,
  dataRoot: string,
  options: { onProgress?: ProgressListener; onReport?: (report: RunReport) => void } = {},
): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  for (const importer of importers) {
    // The sample ships sources gzipped: a path also counts when its `.gz` twin exists.
    const paths = importer.samplePaths(dataRoot).filter((p) => existsSync(p) || existsSync(`${p}.gz`));
    if (paths.length === 0) continue;
    const report = await runImport(database, importer, paths, options.onProgress ? { onProgress: options.onProgress } : {});
    reports.push(report);
    options.onReport?.(report);
  }
  return reports;
}
