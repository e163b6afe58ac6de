/**
 * Shared state for cache and rate limits: Redis when REDIS_URL is set (shared by
 * every API instance), else in-process (the embedded default, one process).
 */
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { entryBound } from './entry-bound.js';

export interface Counter {
  count: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface Store {
  kind: 'redis' | 'memory';
  /** Adds `by` (default one) to `key` in a fixed window of `windowMs`; the window starts at the first hit. */
  hit(key: string, windowMs: number, by?: number): Promise<Counter>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Messages to every instance (cache invalidation); in-process it reaches this process only. */
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  ping(): Promise<void>;
  /** Redis's memory use and its maxmemory (0: no limit); null in process, where it is part of the process's RSS. */
  memory(): Promise<{ usedBytes: number; maxBytes: number } | null>;
  close(): Promise<void>;
}

export function memoryStore(max = 100_000): Store {
  const values = new LRUCache<string, string>({ ...entryBound(max), ttlAutopurge: false });
  const windows = new LRUCache<string, { count: number; resetAt: number }>(entryBound(max));
  const listeners = new Map<string, ((m: string) => void)[]>();
  return {
    kind: 'memory',
    async hit(key, windowMs, by = 1) {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + windowMs };
        windows.set(key, w, { ttl: windowMs });
      }
      w.count += by;
      return { count: w.count, resetMs: w.resetAt - now };
    },
    async get(key) {
      return values.get(key) ?? null;
    },
    async set(key, value, ttlMs) {
      values.set(key, value, { ttl: ttlMs });
    },
    async del(key) {
      values.delete(key);
      windows.delete(key);
    },
    async publish(channel, message) {
      for (const l of listeners.get(channel) ?? []) l(message);
    },
    async subscribe(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    async ping() {},
    async memory() {
      return null;
    },
    async close() {
      values.clear();
      windows.clear();
      listeners.clear();
    },
  };
}

// One round trip: INCRBY, set the expiry on the first hit, report the remaining TTL.
const HIT_SCRIPT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[2])
if n == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

export function redisStore(url: string, prefix = 'op:'): Store {
  // Fail a command after one reconnect attempt so a lost Redis degrades quickly instead of hanging requests.
  const options = { maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: (times: number) => Math.min(times * 100, 1000) };
  // A Redis that accepts connections but stops answering fails commands too, after a second.
  // No auto-pipelining: with a defined script inside an automatic pipeline, a lost connection rejected
  // a promise ioredis keeps internally, with no handler (an unhandled rejection in CI).
  const client = new Redis(url, { ...options, commandTimeout: 1000 });
  // Sent by its SHA once Redis knows the script, not as the whole text on every request.
  client.defineCommand('rateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  const rateHit = (key: string, windowMs: number, by: number) => (client as unknown as { rateHit(k: string, w: number, by: number): Promise<[number, number]> }).rateHit(key, windowMs, by);
  let subscriber: Redis | null = null;
  const listeners = new Map<string, ((m: string) => void)[]>();
  // Errors surface on the calls that fail; the client reconnects by itself.
  client.on('error', () => {});
  return {
    kind: 'redis',
    async hit(key, windowMs, by = 1) {
      const [count, ttl] = await rateHit(prefix + key, windowMs, by);
      return { count, resetMs: ttl };
    },
    async get(key) {
      return client.get(prefix + key);
    },
    async set(key, value, ttlMs) {
      await client.set(prefix + key, value, 'PX', ttlMs);
    },
    async del(key) {
      await client.del(prefix + key);
    },
    async publish(channel, message) {
      await client.publish(prefix + channel, message);
    },
    async subscribe(channel, listener) {
      if (!subscriber) {
        // Its own resubscription is off: ioredis sends it on every reconnect with no handler, so a connection lost
        // again before Redis answered rejected it unhandled (CI, test/ops/health.test.ts); the 'ready' handler
        // below renews every subscription anyway.
        subscriber = new Redis(url, { ...options, autoResubscribe: false });
        subscriber.on('error', () => {});
        subscriber.on('message', (ch: string, message: string) => {
          for (const l of listeners.get(ch) ?? []) l(message);
        });
        // A subscription attempted while Redis was down is not resubscribed by ioredis; renew them all on every connect.
        subscriber.on('ready', () => {
          if (listeners.size > 0) subscriber?.subscribe(...listeners.keys()).catch(() => {});
        });
      }
      const full = prefix + channel;
      listeners.set(full, [...(listeners.get(full) ?? []), listener]);
      await subscriber.subscribe(full);
    },
    async ping() {
      await client.ping();
    },
    async memory() {
      const info = await client.info('memory');
      const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
      return { usedBytes: field('used_memory'), maxBytes: field('maxmemory') };
    },
    async close() {
      subscriber?.disconnect();
      client.disconnect();
    },
  };
}

/**
 * Redis, degrading to an in-process store while Redis is unreachable: limits,
 * lockout counters and short-lived values are then kept per instance (each
 * instance enforces the full quota on its own) instead of failing every request.
 * After a failed call the primary is skipped, and probed at most once a second,
 * until it answers again. ping() always asks the primary, so readiness reports the loss.
 */
export function fallbackStore(primary: Store, fallback: Store, onChange?: (degraded: boolean) => void): Store {
  let degraded = false;
  let lastProbe = 0;
  const setDegraded = (value: boolean) => {
    if (value === degraded) return;
    degraded = value;
    onChange?.(value);
  };
  const probe = () => {
    if (Date.now() - lastProbe < 1000) return;
    lastProbe = Date.now();
    primary.ping().then(() => setDegraded(false), () => {});
  };
  async function attempt<T>(call: (store: Store) => Promise<T>): Promise<T> {
    if (degraded) {
      probe();
      return call(fallback);
    }
    try {
      return await call(primary);
    } catch {
      lastProbe = Date.now();
      setDegraded(true);
      return call(fallback);
    }
  }
  return {
    kind: primary.kind,
    hit: (key, windowMs, by) => attempt((s) => s.hit(key, windowMs, by)),
    get: (key) => attempt((s) => s.get(key)),
    set: (key, value, ttlMs) => attempt((s) => s.set(key, value, ttlMs)),
    del: (key) => attempt((s) => s.del(key)),
    // While degraded, messages reach this instance's subscribers through the fallback.
    publish: (channel, message) => attempt((s) => s.publish(channel, message)),
    async subscribe(channel, listener) {
      await fallback.subscribe(channel, listener);
      await primary.subscribe(channel, listener).catch(() => {});
    },
    ping: () => primary.ping(),
    memory: () => primary.memory().catch(() => null),
    async close() {
      await Promise.all([primary.close(), fallback.close()]);
    },
  };
}

export function openStore(redisUrl: string | undefined, onDegradedChange?: (degraded: boolean) => void): Store {
  return redisUrl ? fallbackStore(redisStore(redisUrl), memoryStore(), onDegradedChange) : memoryStore();
}
