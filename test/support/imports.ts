/** Loads real sources into a test database, each run checked for the status its data should give. */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { hansard } from '../../src/ingest/hansard.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { openparliament } from '../../src/ingest/openparliament.js';
import { ourcommonsDivisions } from '../../src/ingest/ourcommons-divisions.js';
import { ourcommonsMembers } from '../../src/ingest/ourcommons-members.js';
import { runImport, type Importer } from '../../src/ingest/runner.js';
import { SHARED_DATA } from './db.js';
import { legisinfoBillFiles } from './legisinfo.js';

export type ImportStep = readonly [importer: Importer, paths: readonly string[], status?: 'succeeded' | 'partial'];

export async function importSteps(database: Database, steps: readonly ImportStep[]): Promise<void> {
  for (const [importer, paths, status = 'succeeded'] of steps) {
    const report = await runImport(database, importer, [...paths]);
    expect(report.status, `${importer.source}: ${report.error ?? ''}`).toBe(status);
  }
}

/**
 * The federal 44th Parliament, 1st session, as the sources give it: openparliament's fixtures, the House's
 * members, every LEGISinfo bill of 44-1, the House's divisions and one Hansard sitting (200, with its divisions).
 */
export function federal44_1(): ImportStep[] {
  return [
    [openparliament, [join(SHARED_DATA, 'openparliament-fixtures')]],
    [ourcommonsMembers, [join(SHARED_DATA, 'ourcommons-44')]],
    [legisinfoBills, legisinfoBillFiles(['44-1'])],
    [ourcommonsDivisions, [join(SHARED_DATA, 'ourcommons-44')]],
    [hansard, [join(SHARED_DATA, 'hansard/44-1-200-en.xml')]],
  ];
}
