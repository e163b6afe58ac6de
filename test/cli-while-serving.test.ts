/**
 * One process owns an embedded data folder. While `openpolicy serve` (started through
 * bin/openpolicy.js, as `npx openpolicy serve` is) owns one, every other command on it
 * stops at once naming the server's pid, the server's own writes survive, SIGTERM to
 * the bin script shuts the server down gracefully, and the folder opens afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { DataDirLocked, LOCK_FILE, lockDataDir } from '../src/db/data-dir-lock.js';

const BIN = 'bin/openpolicy.js';

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function run(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdin.end(stdin);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

describe('the data-folder lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'op-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second owner, also in the same process, naming the first', () => {
    const release = lockDataDir(dir, 'openpolicy serve on http://127.0.0.1:1');
    try {
      expect(() => lockDataDir(dir, 'openpolicy migrate')).toThrow(DataDirLocked);
      expect(() => lockDataDir(dir, 'openpolicy migrate')).toThrow(`in use by process ${process.pid} (openpolicy serve on http://127.0.0.1:1`);
    } finally {
      release();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a process that is gone, or of a pid reused by another process', async () => {
    const gone = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('exit', () => resolve(child.pid!));
    });
    for (const owner of [
      { pid: gone, purpose: 'openpolicy serve', since: '2026-01-01T00:00:00Z', start_ticks: null },
      // Our own pid with another start time: the owner died and the pid now belongs to someone else (a container's pid 1).
      { pid: process.pid, purpose: 'openpolicy serve', since: '2026-01-01T00:00:00Z', start_ticks: '1' },
    ]) {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify(owner));
      const release = lockDataDir(dir, 'openpolicy migrate');
      release();
    }
  });
});

// The lock concerns the embedded database only: the PGlite run of the suite (no DATABASE_URL) exercises it.
describe.skipIf(Boolean(process.env.DATABASE_URL))('openpolicy commands while `openpolicy serve` owns the folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'op-serving-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  let server: ChildProcess;
  let serverExit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let output = '';
  let base = '';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [BIN, 'serve'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    serverExit = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
    for (let i = 0; i < 600; i++) {
      const live = await fetch(`${base}/health/live`).then((r) => r.ok, () => false);
      if (live) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the server did not start:\n${output}`);
  }, 300_000);
  afterAll(async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops every other command with the server\'s pid and what to do, and loses none of the server\'s writes', async () => {
    const register = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'reader@example.org', password: 'a reader of bills since 1990' }),
    });
    expect(register.status, await register.clone().text()).toBe(202);

    const port = await freePort();
    const attempts: [string[], RegExp][] = [
      [['user', 'create', '--admin', '--email', 'root@example.org', '--password-stdin'], /Stop the server, create the user/],
      [['import', '--sample'], /POST \/api\/v1\/admin\/imports/],
      [['migrate'], /applied the migrations when it started/],
      [['status'], /GET \/health/],
      [['serve'], /already serving that folder/],
    ];
    for (const [args, advice] of attempts) {
      const refused = await run(args, { ...env, PORT: String(port) }, 'the first admin passphrase\n');
      expect(refused.code, `${args.join(' ')}: ${refused.stderr}`).toBe(1);
      expect(refused.stderr).toContain(`in use by process ${server.pid} (openpolicy serve on ${base}`);
      expect(refused.stderr).toMatch(advice);
    }
    // The refused second server never listened.
    expect(await fetch(`http://127.0.0.1:${port}/health/live`).then(() => 'answered', () => 'refused')).toBe('refused');

    // Wait for the first-start import, so SIGTERM finds the server idle; it keeps serving meanwhile.
    for (let i = 0; i < 1500; i++) {
      const health = (await (await fetch(`${base}/health`)).json()) as { import: { phase: string } };
      if (health.import.phase === 'done' || health.import.phase === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await fetch(`${base}/api/v1/bills?per_page=1`)).status).toBe(200);

    // SIGTERM to the bin script reaches the server: a graceful exit 0, not a kill by signal.
    server.kill('SIGTERM');
    expect(await serverExit, output).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const made = await run(['user', 'create', '--admin', '--email', 'root@example.org', '--password-stdin'], env, 'the first admin passphrase\n');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);

    const database = await openDatabase({ dataDir });
    try {
      const users = await database.rows<{ email: string; role: string }>(sql`SELECT email, role FROM users ORDER BY email`);
      expect(users).toEqual([{ email: 'reader@example.org', role: 'user' }, { email: 'root@example.org', role: 'admin' }]);
      const audit = await database.rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE action IN ('user.register', 'user.create') ORDER BY id`);
      expect(audit.map((a) => a.action)).toEqual(['user.register', 'user.create']);
    } finally {
      await database.close();
    }
    // Six CLI processes, the first-start import of the sample and a restart of the folder: minutes on a loaded machine.
  }, 600_000);
});
