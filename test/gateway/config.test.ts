/** The scale-out settings: defaults, and errors that name the variable at fault. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const PG = 'postgres://postgres@127.0.0.1:5432/test';

function errorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('scale-out configuration', () => {
  it('defaults to one process, no replica, 5 s of tolerated lag, two connections per core and 10 s to drain', () => {
    expect(loadConfig({})).toMatchObject({ workers: 1, databaseReplicaUrl: undefined, databaseReplicaMaxLagSeconds: 5, databasePool: 2 * availableParallelism(), shutdownTimeoutSeconds: 10 });
    expect(loadConfig({ DATABASE_URL: PG, DATABASE_REPLICA_URL: 'postgres://postgres@10.0.0.7:5432/test', WORKERS: '4', DATABASE_REPLICA_MAX_LAG_SECONDS: '1.5', DATABASE_POOL: '4', SHUTDOWN_TIMEOUT_SECONDS: '30' }))
      .toMatchObject({ workers: 4, databaseReplicaUrl: 'postgres://postgres@10.0.0.7:5432/test', databaseReplicaMaxLagSeconds: 1.5, databasePool: 4, shutdownTimeoutSeconds: 30 });
  });

  it('names the variable at fault', () => {
    expect(errorFor({ DATABASE_REPLICA_URL: PG }).variable).toBe('DATABASE_REPLICA_URL');
    expect(errorFor({ DATABASE_URL: PG, DATABASE_REPLICA_URL: 'mysql://x' }).variable).toBe('DATABASE_REPLICA_URL');
    expect(errorFor({ WORKERS: '2' }).message).toMatch(/^WORKERS: .*DATABASE_URL/);
    expect(errorFor({ DATABASE_URL: PG, WORKERS: 'two' }).variable).toBe('WORKERS');
    expect(errorFor({ DATABASE_URL: PG, WORKERS: '0' }).variable).toBe('WORKERS');
    expect(errorFor({ DATABASE_REPLICA_MAX_LAG_SECONDS: '-1' }).variable).toBe('DATABASE_REPLICA_MAX_LAG_SECONDS');
    expect(errorFor({ DATABASE_POOL: '0' }).variable).toBe('DATABASE_POOL');
    expect(errorFor({ SHUTDOWN_TIMEOUT_SECONDS: 'soon' }).variable).toBe('SHUTDOWN_TIMEOUT_SECONDS');
  });
});
