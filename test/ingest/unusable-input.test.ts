/**
 * One rule for every importer on empty or unusable input: a run that imports no
 * record is `failed` (so a feed of empty files never looks fresh), a malformed
 * file among good ones is rejected with its location while the rest imports
 * (`partial`), and the CLI's exit code says which: 0 succeeded, 2 partial, 1 failed.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hansard } from '../../src/ingest/hansard.js';
import { SAMPLE_DATA_DIR } from '../../src/ingest/import-all.js';
import { legisinfoBills } from '../../src/ingest/legisinfo-bills.js';
import { billTexts } from '../../src/ingest/bill-texts.js';
import { runImport } from '../../src/ingest/runner.js';
import { importers } from '../../src/ingest/sources.js';
import { SHARED_DATA, testDatabase, type TestDatabase } from '../support/db.js';

const work = mkdtempSync(join(tmpdir(), 'op-unusable-'));
let database: TestDatabase;

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
});

/** The importer's sample paths, each replaced by an empty one of the same name: a 0-byte file, an empty folder. */
function emptyLike(source: string, paths: string[]): string[] {
  const dir = join(work, `empty-${source}`);
  mkdirSync(dir, { recursive: true });
  return paths.map((path) => {
    const empty = join(dir, basename(path));
    if (/\.[a-z]+$/i.test(basename(path))) writeFileSync(empty, '');
    else mkdirSync(empty, { recursive: true });
    return empty;
  });
}

/** A bad sitting beside a good one: the good one's XML cut in the middle, as a download that stopped. */
function hansardFolderWithOneTruncated(): { folder: string; truncated: string } {
  const folder = join(work, 'hansard');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(SAMPLE_DATA_DIR, 'hansard', '44-1-5-en.xml.gz'), join(folder, '44-1-5-en.xml.gz'));
  const xml = gunzipSync(readFileSync(join(SAMPLE_DATA_DIR, 'hansard', '44-1-200-en.xml.gz')));
  const truncated = join(folder, '44-1-200-en.xml');
  writeFileSync(truncated, xml.subarray(0, Math.floor(xml.length / 2)));
  return { folder, truncated };
}

describe('empty or unusable input', () => {
  for (const importer of importers.filter((i) => i.samplePaths(SAMPLE_DATA_DIR).length > 0)) {
    it(`${importer.source}: empty inputs are a failed run, never a success`, async () => {
      const report = await runImport(database, importer, emptyLike(importer.source, importer.samplePaths(SAMPLE_DATA_DIR)));
      expect(report.status, report.error ?? '').toBe('failed');
      expect(report.error).toBeTruthy();
    });
  }

  it('an all-zero tar and an empty tar.gz are failed runs of the archive importers, saying why', async () => {
    const zeroTar = join(work, 'bills-metadata.tar');
    writeFileSync(zeroTar, Buffer.alloc(10_240));
    const emptyGz = join(work, 'bill-texts.tar.gz');
    writeFileSync(emptyGz, gzipSync(Buffer.alloc(0)));
    for (const [importer, path] of [[legisinfoBills, zeroTar], [legisinfoBills, emptyGz], [billTexts, emptyGz], [billTexts, zeroTar]] as const) {
      const report = await runImport(database, importer, [path]);
      expect(report.status, `${importer.source} ${basename(path)}`).toBe('failed');
      expect(report.error).toMatch(/nothing imported|empty|not a|cannot/i);
    }
    const [fresh] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_runs WHERE source IN ('legisinfo-bills', 'bill-texts') AND status IN ('succeeded', 'partial')`);
    expect(fresh!.n).toBe(0);
  });

  it('a truncated archive fails saying how far the import got: entries read, the last one, and what committed before', async () => {
    // The published bills archive cut off after its first megabyte: a download that broke.
    const truncated = join(work, 'bills-metadata.tar.gz');
    writeFileSync(truncated, readFileSync(join(SHARED_DATA, 'legisinfo', 'bills-metadata.tar.gz')).subarray(0, 1_000_000));
    const report = await runImport(database, legisinfoBills, [truncated]);
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/bills-metadata\.tar\.gz: cannot decompress: unexpected end of file, after [1-9]\d* entries read \(the last: [\w-]+\/bills\/[\w-]+\/metadata\.xml\); [1-9]\d* unit\(s\) had committed before it \(inserted [1-9]\d*, updated \d+, unchanged \d+\), and stay$/);
    expect(report.inserted).toBeGreaterThan(0);
  });

  it('a Hansard folder with one truncated sitting imports the good one and rejects the bad one with its location', async () => {
    const { folder, truncated } = hansardFolderWithOneTruncated();
    const report = await runImport(database, hansard, [folder]);
    expect(report.error).toBeNull();
    expect(report.status).toBe('partial');
    expect(report.inserted).toBeGreaterThan(0);
    const errors = await database.rows<{ location: string; message: string }>(sql`SELECT location, message FROM import_errors WHERE run_id = ${report.runId}`);
    // Where the file broke off: file:line:column (never the server's own path), and what the parser found.
    const bad = errors.filter((e) => e.location.includes(basename(truncated)));
    expect(bad).toHaveLength(1);
    expect(bad[0]!.location).toMatch(/44-1-200-en\.xml:\d+:\d+$/);
    expect(bad[0]!.location).not.toContain(work);
    expect(bad[0]!.message).toMatch(/malformed XML/);
    const [debates] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM debates`);
    expect(debates!.n).toBeGreaterThan(0);
  });
});

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/openpolicy.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stdout += d));
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

describe('openpolicy import exit codes', () => {
  it('are 1 for a failed run (empty input) and 2 for a partial one (a bad file beside good ones)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(work, 'cli-data'), LOG_LEVEL: 'silent' };
    if (database.url) env.DATABASE_URL = database.url;
    else delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const empty = join(work, 'empty.tar.gz');
    writeFileSync(empty, '');
    const failed = await cli(['import', 'legisinfo-bills', empty], env);
    expect(failed.stdout).toMatch(/legisinfo-bills: failed/);
    expect(failed.code).toBe(1);

    const partial = await cli(['import', 'hansard', hansardFolderWithOneTruncated().folder], env);
    expect(partial.stdout).toMatch(/hansard: partial/);
    expect(partial.stdout).toMatch(/rejected .*44-1-200-en\.xml:\d+:\d+: malformed XML/);
    expect(partial.code).toBe(2);
  }, 600_000);
});
