/**
 * A worker killed mid-delivery: `openpolicy worker` runs as its own process and
 * claims a webhook delivery; the receiver holds the request open and the
 * worker is killed with SIGKILL before it hears an answer. A new worker takes
 * the job over once the lease ends, and the receiver acknowledges exactly one
 * delivery, with the same delivery id as the interrupted one.
 * On PGlite the two workers open the same data folder in turn.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueue } from '../../src/alerts/queue.js';
import { newWebhookSecret } from '../../src/alerts/webhooks.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { jobs, users, webhooks } from '../../src/db/schema.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { eventually, webhookReceiver, type WebhookReceiver } from './receivers.js';

const BIN = new URL('../../bin/openpolicy.js', import.meta.url).pathname;
let pg: TestDatabase | undefined;
let dataDir: string | undefined;
let receiver: WebhookReceiver;
let secret = '';
let child: ChildProcess | undefined;

/** The database as this test reaches it: PostgreSQL's test database, or the PGlite folder (while no worker holds it). */
async function open(): Promise<Database> {
  if (pg) return pg;
  const database = await openDatabase({ dataDir: dataDir! });
  await database.migrate();
  return database;
}
const release = async (database: Database) => {
  if (!pg) await database.close();
};

function startWorkerProcess(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env, WEBHOOKS_ALLOW_PRIVATE: 'on', DELIVERY_LEASE_SECONDS: '3', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://openpolicy.test',
    ...(pg ? { DATABASE_URL: pg.url } : { DATA_DIR: dataDir }),
  };
  if (!pg) delete env.DATABASE_URL;
  return spawn(process.execPath, [BIN, 'worker'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

const exited = (p: ChildProcess) => new Promise<void>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve())));

beforeAll(async () => {
  if (process.env.DATABASE_URL) pg = await testDatabase();
  else dataDir = mkdtempSync(join(tmpdir(), 'op-worker-'));
  receiver = await webhookReceiver(() => secret);
  const database = await open();
  const [user] = await database.db.insert(users).values({ email: 'kill@example.org', passwordHash: 'x' }).returning();
  secret = newWebhookSecret();
  const [hook] = await database.db.insert(webhooks).values({ userId: user!.id, url: receiver.url, secret }).returning();
  await enqueue(database.db, [{ kind: 'webhook', key: `webhook:test-restart:${hook!.id}`, userId: user!.id, webhookId: hook!.id, payload: { test: true } }]);
  await release(database);
}, 300_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  await receiver?.close();
  await pg?.drop();
});

it('delivers exactly once after the worker is killed mid-delivery', async () => {
  // The first request is held open: the worker is killed while it waits for the answer.
  let arrived!: () => void;
  const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
  receiver.answer = (n) => (n === 0 ? (arrived(), new Promise<number>(() => {})) : 200);
  child = startWorkerProcess();
  await firstArrived;
  child.kill('SIGKILL');
  await exited(child);

  child = startWorkerProcess();
  await eventually(() => receiver.requests.some((r) => r.answered === 200), 'the delivery after the restart', 120_000);
  // Give a duplicate every chance to show up: another poll and another lease.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  child.kill('SIGTERM');
  await exited(child);

  expect(receiver.requests.filter((r) => r.answered === 200)).toHaveLength(1);
  expect(receiver.requests).toHaveLength(2);
  const [interrupted, delivered] = receiver.requests;
  expect(delivered!.headers['openpolicy-delivery']).toBe(interrupted!.headers['openpolicy-delivery']);
  expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
  const database = await open();
  const [job] = await database.db.select().from(jobs).where(eq(jobs.kind, 'webhook'));
  await release(database);
  expect(job).toMatchObject({ status: 'done', attempts: 2, lastStatus: 200 });
}, 300_000);
