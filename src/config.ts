import { resolve } from 'node:path';

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

/** Reads and validates the environment once; every error names the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    port: port(env),
    host: env.HOST?.trim() || '0.0.0.0',
    logLevel: logLevel(env),
    dataDir: resolve(env.DATA_DIR?.trim() || '.openpolicy'),
  };
}
