/** The ops settings: validated once at start, each error naming its variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { networkMatcher } from '../../src/ops/networks.js';

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('ops configuration', () => {
  it('has working defaults: /metrics open, loopback internal, 200 ms slow queries, 48 h staleness', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: undefined, internalNetworks: ['loopback'], slowQueryMs: 200, dataStaleHours: 48 });
  });

  it('reads every variable', () => {
    const config = loadConfig({ METRICS_TOKEN: 'a-long-enough-token-123', INTERNAL_NETWORKS: '10.0.0.0/8, fd00::/8', SLOW_QUERY_MS: '50', DATA_STALE_HOURS: '26' });
    expect(config).toMatchObject({ metricsToken: 'a-long-enough-token-123', internalNetworks: ['10.0.0.0/8', 'fd00::/8'], slowQueryMs: 50, dataStaleHours: 26 });
  });

  it('refuses bad values, naming the variable', () => {
    expect(errorOf({ METRICS_TOKEN: 'short' }).variable).toBe('METRICS_TOKEN');
    expect(errorOf({ INTERNAL_NETWORKS: '10.0.0.0/40' }).variable).toBe('INTERNAL_NETWORKS');
    expect(errorOf({ INTERNAL_NETWORKS: 'intranet' }).message).toMatch(/^INTERNAL_NETWORKS: "intranet" is not an IP address/);
    expect(errorOf({ SLOW_QUERY_MS: 'fast' }).variable).toBe('SLOW_QUERY_MS');
    expect(errorOf({ DATA_STALE_HOURS: '0' }).variable).toBe('DATA_STALE_HOURS');
  });
});

describe('network lists (TRUSTED_PROXIES, INTERNAL_NETWORKS)', () => {
  it('match addresses, CIDR ranges and the named ranges, IPv4 peers of dual-stack sockets included', () => {
    const match = networkMatcher(['loopback', '10.0.0.0/8', '192.0.2.7', 'fd00::/8']);
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.200.3.4', '::ffff:10.1.1.1', '192.0.2.7', 'fd12::1']) expect(match(address), address).toBe(true);
    for (const address of ['192.0.2.8', '11.0.0.1', '2001:db8::1', 'fe80::1', undefined, 'not-an-ip']) expect(match(address), String(address)).toBe(false);
    expect(networkMatcher([])('127.0.0.1')).toBe(false);
    expect(networkMatcher(['uniquelocal'])('172.20.0.1')).toBe(true);
  });
});
