/** The runner keeps a running import's row up to date, so the console can follow it live. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRuns } from '../../src/db/schema.js';
import { SAMPLE_DATA_DIR } from '../../src/ingest/import-all.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { runImport, type Importer, type RunReport } from '../../src/ingest/runner.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

// The bundled sample's 597 bills: three units of up to 250 bills each.
const PATHS = legisinfoBills.samplePaths(SAMPLE_DATA_DIR);

let database: TestDatabase;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const countsOf = (r: { inserted: number; updated: number; unchanged: number; rejected: number }) =>
  ({ inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected });

async function runRow(id: number) {
  const [row] = await database.db.select().from(importRuns).where(eq(importRuns.id, id));
  return row!;
}

/** Imports the sample, reading the run's row after each unit commits, as a console polling between units would. */
async function importWatched(countsEveryMs: number): Promise<{ report: RunReport; seen: Awaited<ReturnType<typeof runRow>>[] }> {
  const seen: Awaited<ReturnType<typeof runRow>>[] = [];
  const watched: Importer = {
    ...legisinfoBills,
    run: (ctx, paths) => legisinfoBills.run({
      ...ctx,
      unit: async (name, work) => {
        await ctx.unit(name, work);
        seen.push(await runRow(ctx.runId));
      },
    }, paths),
  };
  const report = await runImport(database, watched, PATHS, { countsEveryMs });
  return { report, seen };
}

describe('runImport: live counts', () => {
  it('saves the totals of the committed units while the run is running, then the same counts as its report', async () => {
    const { report, seen } = await importWatched(0);
    expect(report.status, report.error ?? '').toBe('succeeded');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const row of seen) expect(row).toMatchObject({ status: 'running', finishedAt: null });
    const inserted = seen.map((row) => row.inserted);
    expect(inserted[0]).toBeGreaterThan(0);
    for (let i = 1; i < inserted.length; i++) expect(inserted[i]).toBeGreaterThan(inserted[i - 1]!);
    // After the last unit the row already holds everything; finishing only changes the status.
    expect(countsOf(seen.at(-1)!)).toEqual(countsOf(report));
    const final = await runRow(report.runId);
    expect(final.status).toBe('succeeded');
    expect(countsOf(final)).toEqual(countsOf(report));
  });

  it('saves no more often than asked, and always at the end', async () => {
    // The same sample again: every record is now unchanged.
    const { report, seen } = await importWatched(3_600_000);
    expect(report.status, report.error ?? '').toBe('succeeded');
    expect(report.unchanged).toBeGreaterThan(0);
    for (const row of seen) expect(countsOf(row)).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
    expect(countsOf(await runRow(report.runId))).toEqual(countsOf(report));
  });
});
