/** Security settings from the environment: validated once, every error naming its variable; the secret kept in DATA_DIR. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { persistedJwtSecret, securityOptions } from '../../src/auth/from-config.js';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = { DATA_DIR: '/tmp/op-config-test' };
const fails = (env: Record<string, string>, variable: string, message: RegExp) => {
  let error: unknown;
  try {
    loadConfig({ ...base, ...env });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).variable).toBe(variable);
  expect((error as Error).message).toMatch(message);
};

describe('loadConfig', () => {
  it('requires a JWT_SECRET of at least 32 bytes in production, and refuses a short one anywhere', () => {
    fails({ NODE_ENV: 'production' }, 'JWT_SECRET', /required when NODE_ENV=production/);
    fails({ NODE_ENV: 'production', JWT_SECRET: 'short' }, 'JWT_SECRET', /is 5 bytes; use at least 32/);
    fails({ JWT_SECRET: 'x'.repeat(31) }, 'JWT_SECRET', /at least 32/);
    expect(loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'é'.repeat(16) }).jwtSecret).toHaveLength(16); // 32 bytes
    expect(loadConfig(base).jwtSecret).toBeUndefined();
  });

  it('validates the other security variables', () => {
    fails({ TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' }, 'TRUSTED_PROXIES', /"proxy.internal" is not an IP address/);
    fails({ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES', /CIDR/);
    fails({ CORS_ORIGINS: 'https://openpolicy.ca/app' }, 'CORS_ORIGINS', /not an origin/);
    fails({ SMTP_URL: 'http://mail.example' }, 'SMTP_URL', /smtp:, smtps:/);
    fails({ DATABASE_MIGRATION_URL: 'mysql://x' }, 'DATABASE_MIGRATION_URL', /postgres:/);
    const config = loadConfig({
      ...base,
      TRUSTED_PROXIES: '10.0.0.0/8, loopback, ::1, 2001:db8::/32',
      CORS_ORIGINS: 'https://openpolicy.ca, http://localhost:5173',
      SMTP_URL: 'smtps://user:pass@mail.example:465',
      DATABASE_MIGRATION_URL: 'postgres://owner@db/openpolicy',
    });
    fails({ RATE_LIMITS: 'premium=10/min' }, 'RATE_LIMITS', /"premium" is not one of anonymous, default/);
    fails({ RATE_LIMITS: 'anonymous=lots' }, 'RATE_LIMITS', /not a quota such as 600\/min/);
    fails({ RATE_LIMITS: 'auth-ip=5/min,50/h' }, 'RATE_LIMITS', /one quota/);
    const limits = loadConfig({ ...base, RATE_LIMITS: 'anonymous=120/min; default=1000/min,100000/day; auth-ip=10/min; cached-ip=300/min,5000/h' });
    expect(securityOptions(limits)).toMatchObject({
      tiers: { anonymous: [{ limit: 120, windowMs: 60_000 }], default: [{ limit: 1000, windowMs: 60_000 }, { limit: 100_000, windowMs: 86_400_000 }] },
      authIpQuota: { limit: 10, windowMs: 60_000 },
      cachedIpQuotas: [{ limit: 300, windowMs: 60_000 }, { limit: 5000, windowMs: 3_600_000 }],
    });
    expect(securityOptions(limits).tiers).not.toHaveProperty('cached-ip');
    expect(config).toMatchObject({
      trustedProxies: ['10.0.0.0/8', 'loopback', '::1', '2001:db8::/32'],
      corsOrigins: ['https://openpolicy.ca', 'http://localhost:5173'],
      smtpUrl: 'smtps://user:pass@mail.example:465',
      databaseMigrationUrl: 'postgres://owner@db/openpolicy',
    });
  });
});

describe('the signing secret on the embedded default', () => {
  it('is generated once, kept private in DATA_DIR, and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-secret-'));
    try {
      const first = persistedJwtSecret(dir);
      expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
      expect(persistedJwtSecret(dir)).toBe(first);
      expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      expect(securityOptions(loadConfig({ DATA_DIR: dir })).jwtSecret).toBe(first);
      expect(securityOptions(loadConfig({ DATA_DIR: dir, JWT_SECRET: 'y'.repeat(40) })).jwtSecret).toBe('y'.repeat(40));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('`openpolicy serve` refuses to start in production without JWT_SECRET, naming it', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: '/tmp/op-never-created' };
  delete env.JWT_SECRET;
  const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli.ts', 'serve'], { env, encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/configuration error: JWT_SECRET: required when NODE_ENV=production/);
});
