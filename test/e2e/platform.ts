/**
 * The real platform for the browser tests: a fresh database (PostgreSQL when
 * DATABASE_URL is set, else PGlite in a temporary folder) with the bundled
 * sample imported by the CLI, an admin and an editor made by the CLI, then
 * `openpolicy serve` as a child process, the way an operator runs it.
 */
import { spawn } from 'node:child_process';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuilt } from '../../web/ensure-built.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = ['node_modules/tsx/dist/cli.mjs', 'src/cli.ts'];

export interface Account {
  email: string;
  password: string;
}

export interface Platform {
  url: string;
  admin: Account;
  editor: Account;
  /** What the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Runs the CLI to completion; rejects with its output when it exits with a code outside `ok`. */
function cli(args: string[], env: NodeJS.ProcessEnv, input?: string, ok: number[] = [0]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.stdin.end(input ?? '');
    child.once('exit', (code) => (code !== null && ok.includes(code) ? resolve(output) : reject(new Error(`openpolicy ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

/** The anonymous quota of the platform the browser tests drive. */
export const E2E_ANONYMOUS_PER_MINUTE = 6000;

/**
 * `settings`: environment variables of the server beyond the defaults (PHOTOS, say); `imports`: more real files to
 * import after the sample, each an `openpolicy import` command's arguments (`['legisinfo-bills', file, …]`).
 */
export async function startPlatform(port: number, settings: NodeJS.ProcessEnv = {}, imports: string[][] = []): Promise<Platform> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'op-e2e-'));
  let database: TestDatabase | undefined;
  // Every page the tests open, and every check they fetch, comes from 127.0.0.1 without a key, at a machine's pace:
  // hundreds of distinct uncached reads a minute, which the default 60 a minute would refuse (as it should a script).
  // test/e2e/details.test.ts runs on the default quotas (RATE_LIMITS: '') with readers at a reader's pace.
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMITS: `anonymous=${E2E_ANONYMOUS_PER_MINUTE}/min`, ...settings,
  };
  delete env.REDIS_URL;
  if (process.env.DATABASE_URL) {
    database = await testDatabase();
    env.DATABASE_URL = database.url;
  } else {
    delete env.DATABASE_URL;
  }

  // The import runs first and to the end: PGlite allows one process at a time, and the tests want every record there.
  // Exit 2 is a partial import: the sample's BC divisions hold two malformed ballots, rejected with their location.
  await cli(['import', '--sample'], env, undefined, [0, 2]);
  for (const args of imports) await cli(['import', ...args], env);
  const admin = { email: 'admin@e2e.openpolicy.test', password: 'admin e2e password of sufficient length' };
  const editor = { email: 'editor@e2e.openpolicy.test', password: 'editor e2e password of sufficient length' };
  await cli(['user', 'create', '--admin', '--email', admin.email, '--password-stdin'], env, admin.password);
  await cli(['user', 'create', '--editor', '--email', editor.email, '--password-stdin'], env, editor.password);

  const child = spawn(process.execPath, [...CLI, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`openpolicy serve exited ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 600) throw new Error(`openpolicy serve did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    admin,
    editor,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The platform with photos on, fetching them from a local stand-in for the publishers' image hosts that `answer`
 * serves (no test reaches the network); stopping the platform closes the stand-in too.
 */
export async function startPlatformWithPhotos(port: number, answer: RequestListener): Promise<Platform> {
  const mirror = createServer(answer);
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  const platform = await startPlatform(port, {
    PHOTOS: 'on',
    FETCH_CONTACT: 'e2e@openpolicy.test',
    PHOTO_MIRROR: `http://127.0.0.1:${(mirror.address() as AddressInfo).port}`,
    FETCH_RETRIES: '0',
    FETCH_HOST_INTERVAL_MS: '0',
  });
  return { ...platform, stop: async () => { await platform.stop(); mirror.close(); } };
}
