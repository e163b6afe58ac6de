/** The first admin from the command line, and account mail over SMTP. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { smtpMailer } from '../../src/auth/mailer.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { JWT_SECRET, NO_LIMITS, testStore } from './support.js';

function cli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli.ts', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdin.end(stdin ?? '');
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('openpolicy user create', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'op-cli-'));
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first admin (password on stdin, or generated and shown once), who can then log in as admin', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    if (process.env.DATABASE_URL) {
      database = await testDatabase();
      env.DATABASE_URL = database.url;
    } else delete env.DATABASE_URL;

    const weak = await cli(['user', 'create', '--admin', '--email', 'root@example.org', '--password-stdin'], env, 'password\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 12/);

    const made = await cli(['user', 'create', '--admin', '--email', 'Root@Example.org', '--password-stdin'], env, 'the first admin passphrase\n');
    expect(made.stderr).toBe('');
    expect(made.stdout).toMatch(/created admin root@example\.org/);
    const generated = await cli(['user', 'create', '--editor', '--email', 'editor@example.org'], env);
    const password = generated.stdout.match(/password \(shown once.*\): (\S+)/)?.[1];
    expect(password).toBeDefined();
    expect((await cli(['user', 'create', '--email', 'root@example.org'], env)).stderr).toMatch(/already exists/);
    expect((await cli(['user', 'remove'], env)).code).toBe(64);

    const db: Database = database ?? (await openDatabase({ dataDir }));
    const store = testStore();
    const app = await buildApp({ database: db, store, security: { jwtSecret: JWT_SECRET, ...NO_LIMITS } });
    try {
      for (const [email, pass, role] of [['root@example.org', 'the first admin passphrase', 'admin'], ['editor@example.org', password!, 'editor']]) {
        const tokens = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: pass } })).json();
        const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${tokens.access_token}` } });
        expect(me.json()).toMatchObject({ email, role });
      }
      const [audited] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.create' AND actor = 'cli'`);
      expect(audited!.n).toBe(2);
    } finally {
      await app.close();
      await store.close();
      if (!database) await db.close();
    }
  }, 300_000); // five CLI processes, each starting tsx and opening the database
});

/** Just enough SMTP to accept one message at a time and hand it to the test. */
function fakeSmtp(onMessage: (message: string) => void): Promise<Server> {
  const server = createServer((socket) => {
    let data = false;
    let buffer = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (data) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          onMessage(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = false;
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith('EHLO')) socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (line.startsWith('DATA')) {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('mail over SMTP', () => {
  it('with SMTP configured, the reset token arrives by mail and nothing goes to the outbox', async () => {
    const messages: string[] = [];
    const server = await fakeSmtp((m) => messages.push(m));
    const database = await testDatabase();
    const store = testStore();
    const { port } = server.address() as { port: number };
    const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'OpenPolicy <no-reply@openpolicy.test>');
    const app = await buildApp({ database, store, security: { jwtSecret: JWT_SECRET, ...NO_LIMITS, mailer } });
    try {
      await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { email: 'mailme@example.org', password: 'mail me a reset please' } });
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'mailme@example.org' } })).statusCode).toBe(202);
      for (let i = 0; i < 100 && messages.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^To: mailme@example\.org/m);
      expect(messages[0]).toMatch(/^Subject: Reset your OpenPolicy password/m);
      const token = messages[0]!.match(/oprs_[A-Za-z0-9_-]+/)![0];
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'the mailed reset worked' } })).statusCode).toBe(204);
      const [outbox] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM email_outbox`);
      expect(outbox!.n).toBe(0);
    } finally {
      await app.close();
      await store.close();
      await database.drop();
      server.close();
    }
  });
});
