/**
 * Separately started instances on one empty PostgreSQL database: they migrate
 * one at a time and only one of them runs the first-start sample import.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, waitFor, type Serving } from './support.js';

describe.skipIf(!process.env.DATABASE_URL)('instances started together on an empty database', () => {
  const name = `op_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(process.env.DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
  let url: string;
  let instances: Serving[] = [];

  beforeAll(async () => {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
    const started = await Promise.allSettled([0, 1].map(() => startServe({ DATABASE_URL: url, REDIS_URL: '', LOG_LEVEL: 'info' })));
    // Kept even if the other failed, so afterAll stops it.
    instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    for (const s of started) if (s.status === 'rejected') throw s.reason;
  });

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('both serve, after one migration, and one imports the sample while the other does not', async () => {
    const db = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const runs = await waitFor('the first import run', async () => {
        const rows = await db<{ source: string; n: number }[]>`SELECT source, count(*)::int AS n FROM import_runs GROUP BY source`;
        return rows.length ? rows : undefined;
      }, 30_000);
      expect(runs.every((r) => r.n === 1)).toBe(true);
      expect(instances.filter((i) => i.output().includes('first start: importing')).length).toBe(1);
      const [migrations] = await db<{ n: number }[]>`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
      const [applied] = await db<{ n: number }[]>`SELECT count(DISTINCT hash)::int AS n FROM drizzle.__drizzle_migrations`;
      expect(migrations!.n).toBe(applied!.n);
    } finally {
      await db.end();
    }
  });
});
