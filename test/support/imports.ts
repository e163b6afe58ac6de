/** Loads real sources into a test database, each run checked for the status its data should give. */
import { expect } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { runImport, type Importer } from '../../src/ingest/runner.js';

export type ImportStep = readonly [importer: Importer, paths: readonly string[], status?: 'succeeded' | 'partial'];

export async function importSteps(database: Database, steps: readonly ImportStep[]): Promise<void> {
  for (const [importer, paths, status = 'succeeded'] of steps) {
    const report = await runImport(database, importer, [...paths]);
    expect(report.status, `${importer.source}: ${report.error ?? ''}`).toBe(status);
  }
}
