/**
 * The served OpenAPI document, checked by tools no one here wrote: Redocly's
 * recommended rules and Spectral's `spectral:oas` (configs: redocly.yaml,
 * .spectral.yaml). Errors and warnings alike fail.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi } from '../support/api.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
// Neither tool may reach the network from a test.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' };

// The document describes routes, not data: nothing to import.
const api = testApi(async () => {});
let folder: string;
let documentFile: string;

beforeAll(async () => {
  const res = await api.get('/api/v1/openapi.json');
  expect(res.statusCode).toBe(200);
  folder = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  documentFile = join(folder, 'openapi.json');
  await writeFile(documentFile, res.body);
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** A linter exits non-zero when it finds errors; its JSON report is what counts. */
async function output(file: string, args: string[]): Promise<string> {
  try {
    return (await run(bin(file), args, { cwd: ROOT, env, maxBuffer: 64 << 20 })).stdout;
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return stdout;
    throw error;
  }
}

describe('the OpenAPI document, linted', () => {
  it('passes Redocly\'s recommended rules with no error or warning', async () => {
    const report = JSON.parse(await output('redocly', ['lint', documentFile, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'])) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
    };
    const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('passes Spectral\'s spectral:oas with no error or warning', async () => {
    const results = JSON.parse(await output('spectral', ['lint', documentFile, '--ruleset', join(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet'])) as {
      code: string; message: string; severity: number; path: (string | number)[];
    }[];
    // Severity 0 is an error, 1 a warning; hints (3) and information (2) are not counted.
    const findings = results.filter((r) => r.severity <= 1).map((r) => `${r.code}: ${r.message} at ${r.path.join('.')}`);
    expect(findings).toEqual([]);
  });
});
