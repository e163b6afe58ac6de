import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { TIER_NAMES } from './auth/rate-limit.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** PostgreSQL URL; undefined means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  /** Redis URL; undefined means in-process cache and rate-limit store. */
  redisUrl: string | undefined;
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Folder for the embedded database and other local state. */
  dataDir: string;
  /** NODE_ENV=production: secrets must be given, nothing is generated. */
  production: boolean;
  /** PostgreSQL URL of the schema owner for migrations; undefined means migrations use `databaseUrl`. */
  databaseMigrationUrl: string | undefined;
  /** HS256 signing secret for access tokens; undefined outside production means one generated in `dataDir`. */
  jwtSecret: string | undefined;
  /** SMTP server for account mail; undefined means mail goes to the outbox table. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Peers whose X-Forwarded-For is believed (IPs, CIDRs or proxy-addr names such as `loopback`). */
  trustedProxies: string[];
  /** Origins allowed to send credentialed (Authorization / X-API-Key) cross-origin requests. */
  corsOrigins: string[];
  /** RATE_LIMITS overrides of the quotas of some tiers (or of `auth-ip`); the rest keep src/auth/rate-limit.ts's defaults. */
  rateLimits: Record<string, { limit: number; windowMs: number }[]>;
  /** Bearer token GET /metrics requires; undefined leaves /metrics open (keep it off the public gateway then). */
  metricsToken: string | undefined;
  /** Networks that see /health's details without logging in (same syntax as TRUSTED_PROXIES); default loopback. */
  internalNetworks: string[];
  /** Queries slower than this many milliseconds are logged. */
  slowQueryMs: number;
  /** A source with no successful import for this many hours makes /health degraded. */
  dataStaleHours: number;
  /** PostgreSQL streaming replica for reads that tolerate lag; undefined means every read goes to `databaseUrl`. */
  databaseReplicaUrl: string | undefined;
  /** Replica lag (seconds) above which its reads go back to the primary. */
  databaseReplicaMaxLagSeconds: number;
  /** Connections each serving process keeps to PostgreSQL (and as many to the replica). */
  databasePool: number;
  /** `serve` processes sharing the port (node:cluster); more than 1 needs PostgreSQL. */
  workers: number;
  /** After SIGTERM, how long in-flight requests may take before the process exits anyway. */
  shutdownTimeoutSeconds: number;
  /** The live fetchers (src/fetch): off unless FETCH=on, since the embedded default starts without a network. */
  fetch: FetchConfig;
  /** The web site's address as the public reaches it, for canonical links and sitemaps; undefined means each request's own host. */
  publicUrl: string | undefined;
  /** Alerts (src/alerts): who delivers, and under what rules. */
  alerts: AlertsConfig;
}

export interface AlertsConfig {
  /** DELIVERY_WORKER=on (default): `serve` runs a delivery worker; off when `openpolicy worker` processes do it. */
  worker: boolean;
  /** WEBHOOKS_ALLOW_PRIVATE=on, for tests only: webhooks may be http:// and point at loopback or private addresses. */
  allowPrivateWebhooks: boolean;
  /** DELIVERY_LEASE_SECONDS: how long a claimed job is its worker's before another may take it (the first died). */
  leaseSeconds: number;
}

export interface FetchConfig {
  /** FETCH=on: `serve` runs the fetch scheduler. `openpolicy fetch` works either way. */
  enabled: boolean;
  /** Contact address (email or URL) sent in every request's User-Agent; required to fetch. */
  contact: string | undefined;
  /** Least time between two requests to one host. */
  hostIntervalMs: number;
  /** Tries after the first for a failed request (network error, 429, 5xx), with doubling waits from `backoffMs`. */
  retries: number;
  backoffMs: number;
  /** Base URLs of the publishers, so a mirror or a test server can stand in. */
  legisinfoUrl: string;
  ourcommonsUrl: string;
  /** Where the House's member exports (members_*.csv) are published: `<membersUrl>/<file>`. */
  membersUrl: string;
  /** When set, every municipal file is fetched from `<mirror>/<host><path>` instead of its city's host. */
  municipalMirror: string | undefined;
  /** PHOTOS=on: representatives' photos are fetched from their sources' addresses when first shown, and served by the platform. */
  photos: boolean;
  /** When set, photos are fetched from `<mirror>/<host><path>` instead of their publisher's host. */
  photoMirror: string | undefined;
  /** The parliamentary session followed, e.g. 45-1. */
  session: string;
  /** The first Hansard sitting fetched when none of the session is stored. */
  hansardFrom: number;
  /** Minutes between scheduled runs, per fetch source. */
  everyMinutes: Record<string, number>;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `"${raw}" is not a URL; expected e.g. ${protocols[0]}//host:port/...`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `protocol "${parsed.protocol}" is not supported; use one of ${protocols.join(', ')}`);
  }
  return raw;
}

function port(env: NodeJS.ProcessEnv): number {
  const raw = env.PORT?.trim();
  if (!raw) return 8080;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError('PORT', `"${raw}" is not a TCP port (0-65535)`);
  }
  return n;
}

function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(raw)) {
    throw new ConfigError('LOG_LEVEL', `"${raw}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  return raw;
}

function list(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function networks(env: NodeJS.ProcessEnv, name: string): string[] {
  const entries = list(env, name);
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefixOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!(PROXY_NAMES.includes(entry) || (family && prefixOk && extra === undefined))) {
      throw new ConfigError(name, `"${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or one of ${PROXY_NAMES.join(', ')}`);
    }
  }
  return entries;
}

function corsOrigins(env: NodeJS.ProcessEnv): string[] {
  return list(env, 'CORS_ORIGINS').map((origin) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError('CORS_ORIGINS', `"${origin}" is not an origin; write scheme://host[:port] with no path, e.g. https://openpolicy.ca`);
    }
    return origin;
  });
}

// HS256 needs a key at least as long as its output (RFC 7518 §3.2).
const MIN_SECRET_BYTES = 32;

function jwtSecret(env: NodeJS.ProcessEnv, production: boolean): string | undefined {
  const raw = env.JWT_SECRET?.trim();
  if (!raw) {
    if (production) throw new ConfigError('JWT_SECRET', `required when NODE_ENV=production; set at least ${MIN_SECRET_BYTES} random bytes, e.g. \`openssl rand -base64 48\``);
    return undefined;
  }
  if (Buffer.byteLength(raw) < MIN_SECRET_BYTES) {
    throw new ConfigError('JWT_SECRET', `is ${Buffer.byteLength(raw)} bytes; use at least ${MIN_SECRET_BYTES}, e.g. \`openssl rand -base64 48\``);
  }
  return raw;
}

function numberIn(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, integer = false): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new ConfigError(name, `"${raw}" is not ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return n;
}

const RATE_LIMIT_SCOPES = [...TIER_NAMES, 'auth-ip', 'cached-ip'];
const UNIT_MS: Record<string, number> = { s: 1000, min: 60_000, h: 3_600_000, day: 86_400_000 };

/** RATE_LIMITS="anonymous=120/min; default=1000/min,100000/day; auth-ip=20/min; cached-ip=600/min" */
function rateLimits(env: NodeJS.ProcessEnv): Record<string, { limit: number; windowMs: number }[]> {
  const result: Record<string, { limit: number; windowMs: number }[]> = {};
  for (const entry of (env.RATE_LIMITS ?? '').split(';').map((e) => e.trim()).filter(Boolean)) {
    const [scope = '', quotas = ''] = entry.split('=').map((p) => p.trim());
    if (!RATE_LIMIT_SCOPES.includes(scope)) throw new ConfigError('RATE_LIMITS', `"${scope}" is not one of ${RATE_LIMIT_SCOPES.join(', ')}`);
    result[scope] = quotas.split(',').map((quota) => {
      const match = /^(\d+)\/(s|min|h|day)$/.exec(quota.trim());
      if (!match || Number(match[1]) < 1) throw new ConfigError('RATE_LIMITS', `"${quota.trim()}" for ${scope} is not a quota such as 600/min or 50000/day (units: s, min, h, day)`);
      return { limit: Number(match[1]), windowMs: UNIT_MS[match[2]!]! };
    });
    if (scope === 'auth-ip' && result[scope]!.length !== 1) throw new ConfigError('RATE_LIMITS', 'auth-ip takes one quota, e.g. auth-ip=30/min');
  }
  return result;
}

/** Reads and validates the environment once; every error names the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV?.trim() === 'production';
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    port: port(env),
    host: env.HOST?.trim() || '0.0.0.0',
    logLevel: logLevel(env),
    dataDir: resolve(env.DATA_DIR?.trim() || '.openpolicy'),
    production,
    databaseMigrationUrl: url(env, 'DATABASE_MIGRATION_URL', ['postgres:', 'postgresql:']),
    jwtSecret: jwtSecret(env, production),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM?.trim() || 'OpenPolicy <no-reply@openpolicy.local>',
    trustedProxies: networks(env, 'TRUSTED_PROXIES'),
    corsOrigins: corsOrigins(env),
    rateLimits: rateLimits(env),
    ...scaleOut(env),
    ...observability(env),
    fetch: fetchSettings(env),
    publicUrl: url(env, 'PUBLIC_URL', ['https:', 'http:'])?.replace(/\/+$/, ''),
    alerts: alertSettings(env),
  };
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: 'on' | 'off'): boolean {
  const value = env[name]?.trim() || fallback;
  if (value !== 'on' && value !== 'off') throw new ConfigError(name, `"${value}" is not on or off`);
  return value === 'on';
}

function alertSettings(env: NodeJS.ProcessEnv): AlertsConfig {
  return {
    worker: onOff(env, 'DELIVERY_WORKER', 'on'),
    allowPrivateWebhooks: onOff(env, 'WEBHOOKS_ALLOW_PRIVATE', 'off'),
    // Longer than a webhook's 10 s deadline and an SMTP exchange, so a live worker never loses its job.
    leaseSeconds: numberIn(env, 'DELIVERY_LEASE_SECONDS', 300, 1, 86_400),
  };
}

/** How often each fetch source runs by default: divisions as they happen, bills and debates hourly, the rest daily. */
export const FETCH_EVERY_MINUTES: Record<string, number> = {
  'ourcommons-votes': 15,
  'legisinfo-bills': 60,
  hansard: 60,
  'ourcommons-members': 24 * 60,
  municipal: 24 * 60,
};

function httpBase(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  return (url(env, name, ['https:', 'http:']) ?? fallback).replace(/\/+$/, '');
}

/** FETCH_SCHEDULE="ourcommons-votes=15m; legisinfo-bills=1h; municipal=1d" */
function fetchSchedule(env: NodeJS.ProcessEnv): Record<string, number> {
  const result = { ...FETCH_EVERY_MINUTES };
  const units: Record<string, number> = { m: 1, h: 60, d: 1440 };
  for (const entry of (env.FETCH_SCHEDULE ?? '').split(';').map((e) => e.trim()).filter(Boolean)) {
    const [source = '', every = ''] = entry.split('=').map((p) => p.trim());
    if (!(source in FETCH_EVERY_MINUTES)) throw new ConfigError('FETCH_SCHEDULE', `"${source}" is not one of ${Object.keys(FETCH_EVERY_MINUTES).join(', ')}`);
    const match = /^(\d+)(m|h|d)$/.exec(every);
    if (!match || Number(match[1]) < 1) throw new ConfigError('FETCH_SCHEDULE', `"${every}" for ${source} is not a period such as 15m, 1h or 1d`);
    result[source] = Number(match[1]) * units[match[2]!]!;
  }
  return result;
}

/** Settings of the live fetchers. */
function fetchSettings(env: NodeJS.ProcessEnv): FetchConfig {
  const switchValue = env.FETCH?.trim() || 'off';
  if (!['on', 'off'].includes(switchValue)) throw new ConfigError('FETCH', `"${switchValue}" is not on or off`);
  const contact = env.FETCH_CONTACT?.trim() || undefined;
  if (contact && !/^(mailto:)?[^\s@]+@[^\s@]+\.[^\s@]+$|^https?:\/\/\S+$/.test(contact)) {
    throw new ConfigError('FETCH_CONTACT', `"${contact}" is not an email address or an http(s) URL`);
  }
  if (switchValue === 'on' && !contact) {
    throw new ConfigError('FETCH_CONTACT', 'required with FETCH=on: the publishers are told who is fetching (an email address or a URL)');
  }
  const photos = onOff(env, 'PHOTOS', 'off');
  if (photos && !contact) throw new ConfigError('FETCH_CONTACT', 'required with PHOTOS=on: the publishers of the photos are told who is fetching (an email address or a URL)');
  const session = env.FETCH_SESSION?.trim() || '45-1';
  if (!/^\d{1,2}-\d$/.test(session)) throw new ConfigError('FETCH_SESSION', `"${session}" is not a session such as 45-1`);
  return {
    enabled: switchValue === 'on',
    contact,
    hostIntervalMs: numberIn(env, 'FETCH_HOST_INTERVAL_MS', 1000, 0, 600_000, true),
    retries: numberIn(env, 'FETCH_RETRIES', 3, 0, 10, true),
    backoffMs: numberIn(env, 'FETCH_BACKOFF_MS', 2000, 0, 600_000, true),
    legisinfoUrl: httpBase(env, 'FETCH_LEGISINFO_URL', 'https://www.parl.ca'),
    ourcommonsUrl: httpBase(env, 'FETCH_OURCOMMONS_URL', 'https://www.ourcommons.ca'),
    // The House's own site offers no export with PersonIds, caucus and tenure dates: these files are its data as republished.
    membersUrl: httpBase(env, 'FETCH_MEMBERS_URL', 'https://raw.githubusercontent.com/dgrant59/ParliamentVotes/main'),
    municipalMirror: env.FETCH_MUNICIPAL_MIRROR?.trim() ? httpBase(env, 'FETCH_MUNICIPAL_MIRROR', '') : undefined,
    photos,
    photoMirror: env.PHOTO_MIRROR?.trim() ? httpBase(env, 'PHOTO_MIRROR', '') : undefined,
    session,
    hansardFrom: numberIn(env, 'FETCH_HANSARD_FROM', 1, 1, 999, true),
    everyMinutes: fetchSchedule(env),
  };
}

// A scrape token is a shared secret in a file on the Prometheus host: long enough not to be guessed.
const MIN_METRICS_TOKEN_LENGTH = 16;

/** Settings of /metrics, /health and the logs. */
function observability(env: NodeJS.ProcessEnv) {
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken && (metricsToken.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(metricsToken))) {
    throw new ConfigError('METRICS_TOKEN', `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces, e.g. \`openssl rand -hex 24\``);
  }
  const internal = networks(env, 'INTERNAL_NETWORKS');
  return {
    metricsToken,
    internalNetworks: internal.length ? internal : ['loopback'],
    slowQueryMs: numberIn(env, 'SLOW_QUERY_MS', 200, 1, 600_000, true),
    dataStaleHours: numberIn(env, 'DATA_STALE_HOURS', 48, 1, 24 * 365),
  };
}

/**
 * Twice the cores: on the 2-core bench machine (npm run bench, full data set, 10 connections) a pool of 4
 * served people?current=true at 330 req/s (p99 60 ms) against 248 (p99 118 ms) with 10 and 266 with 2, and
 * the bills list at 1,084 against 1,022 and 1,005: more connections than cores only queue inside PostgreSQL.
 * Again on 2026-12-07 (pools 2/4/10, 1 and 2 workers, load 10-22): PostgreSQL's CPU per request rose with
 * the pool on every endpoint, 10 never paid, 2 was within the noise (docs/notes/2026-12-07-issue-12w-r9.md).
 */
function defaultPool(): number {
  return 2 * availableParallelism();
}

/** Settings for running more than one process: replica, workers, shutdown. */
function scaleOut(env: NodeJS.ProcessEnv) {
  const databaseUrl = env.DATABASE_URL?.trim();
  const databaseReplicaUrl = url(env, 'DATABASE_REPLICA_URL', ['postgres:', 'postgresql:']);
  if (databaseReplicaUrl && !databaseUrl) throw new ConfigError('DATABASE_REPLICA_URL', 'needs DATABASE_URL (the primary); the embedded database has no replicas');
  const workers = numberIn(env, 'WORKERS', 1, 1, 64, true);
  if (workers > 1 && !databaseUrl) throw new ConfigError('WORKERS', 'more than 1 needs DATABASE_URL: the embedded database belongs to one process');
  return {
    databaseReplicaUrl,
    databaseReplicaMaxLagSeconds: numberIn(env, 'DATABASE_REPLICA_MAX_LAG_SECONDS', 5, 0.1, 3600),
    databasePool: numberIn(env, 'DATABASE_POOL', defaultPool(), 1, 200, true),
    workers,
    shutdownTimeoutSeconds: numberIn(env, 'SHUTDOWN_TIMEOUT_SECONDS', 10, 0, 600),
  };
}
