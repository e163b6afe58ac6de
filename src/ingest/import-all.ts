/** Runs every importer over one data folder (the bundled sample or the full set), in registry order. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/client.js';
import { runImport, type RunOptions, type RunReport } from './runner.js';
import { importers } from './sources.js';

/** The compact sample shipped in the repository's data/ folder. */
export const SAMPLE_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export async function importAll(
  database: Database,
  dataRoot: string,
  options: Pick<RunOptions, 'onProgress' | 'startedBy' | 'announce'> & { onReport?: (report: RunReport) => void } = {},
): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  for (const importer of importers) {
    // The sample ships sources gzipped: a path also counts when its `.gz` twin exists.
    const paths = importer.samplePaths(dataRoot).filter((p) => existsSync(p) || existsSync(`${p}.gz`));
    if (paths.length === 0) continue;
    const { onReport, ...runOptions } = options;
    const report = await runImport(database, importer, paths, runOptions);
    reports.push(report);
    onReport?.(report);
  }
  return reports;
}
