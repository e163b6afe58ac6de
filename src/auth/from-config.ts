/**
 * The security options of a serving process, from its configuration. Outside
 * production a missing JWT_SECRET is generated once and kept in DATA_DIR, so
 * tokens survive restarts and every process sharing the folder agrees on it.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { smtpMailer } from './mailer.js';
import type { SecurityOptions } from './security.js';

export function persistedJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  mkdirSync(dataDir, { recursive: true });
  // Written aside then linked into place: concurrent first starts all end up reading the one complete secret.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8').trim();
}

export function securityOptions(config: Config): SecurityOptions {
  return {
    jwtSecret: config.jwtSecret ?? persistedJwtSecret(config.dataDir),
    ...(config.smtpUrl ? { mailer: smtpMailer(config.smtpUrl, config.mailFrom) } : {}),
    trustedProxies: config.trustedProxies,
    corsOrigins: config.corsOrigins,
    tiers: Object.fromEntries(Object.entries(config.rateLimits).filter(([scope]) => scope !== 'auth-ip' && scope !== 'cached-ip')),
    ...(config.rateLimits['auth-ip'] ? { authIpQuota: config.rateLimits['auth-ip'][0]! } : {}),
    ...(config.rateLimits['cached-ip'] ? { cachedIpQuotas: config.rateLimits['cached-ip'] } : {}),
  };
}
