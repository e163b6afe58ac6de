/**
 * Quotas by tier, counted in the shared store (Redis when configured, so every
 * API instance sees the same counts), in blocks while far from the limit
 * (src/auth/quota-leases.ts). Every limited response carries the
 * RateLimit-* headers of the quota closest to running out.
 *
 * The anonymous tier counts what costs the platform work. A read answered from
 * the response cache (src/api/cached-reads.ts) costs no query, so it counts
 * against its own, larger per-IP quota instead: a reader's browser asks the
 * API for several things per page, most of them what other readers asked
 * moments before, and those must not use up a quota sized for the database.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../errors/problem.js';
import { metrics } from '../ops/metrics.js';
import type { Counter, Store } from '../store/store.js';
import type { Principal } from './permissions.js';
import { QuotaLeases, type QuotaKey } from './quota-leases.js';

export interface Quota {
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const TIER_NAMES = ['anonymous', 'default', 'plus', 'partner'] as const;
export type TierName = (typeof TIER_NAMES)[number];
/** The tiers an admin may assign to a user (anonymous is for callers without credentials). */
export const USER_TIERS = TIER_NAMES.filter((t) => t !== 'anonymous');

export const DEFAULT_TIERS: Record<TierName, Quota[]> = {
  anonymous: [{ limit: 60, windowMs: MINUTE }],
  default: [{ limit: 600, windowMs: MINUTE }, { limit: 50_000, windowMs: DAY }],
  plus: [{ limit: 1_200, windowMs: MINUTE }, { limit: 200_000, windowMs: DAY }],
  partner: [{ limit: 6_000, windowMs: MINUTE }, { limit: 2_000_000, windowMs: DAY }],
};

/**
 * Per client IP on anonymous reads answered from the response cache, instead of the anonymous tier. Ten a second:
 * far beyond a reader, and a bound on what one address can take of an instance (a hit is ~0.1 ms of its CPU).
 */
export const DEFAULT_CACHED_IP_QUOTAS: Quota[] = [{ limit: 600, windowMs: MINUTE }];

/** Per client IP on the requests that check a password or a mailed token, on top of the tier: slows guessing across accounts. */
export const DEFAULT_AUTH_IP_QUOTA: Quota = { limit: 30, windowMs: MINUTE };

export interface LimitResult {
  limited: boolean;
  /** The shown quota's limit, remaining requests and seconds until it resets. */
  limit: number;
  remaining: number;
  reset: number;
  /** RateLimit-Limit/Remaining/Reset/Policy, plus Retry-After when limited. */
  headers: Record<string, string>;
}

function policy(quotas: Quota[]): string {
  return quotas.map((q) => `${q.limit};w=${Math.round(q.windowMs / 1000)}`).join(', ');
}

interface QuotaState {
  quota: Quota;
  count: number;
  remaining: number;
  reset: number;
}

/** The store keys of `subject`'s quotas. */
function quotaKeys(subject: string, quotas: Quota[]): QuotaKey[] {
  return quotas.map((q) => ({ key: `rl:${subject}:${q.windowMs}`, windowMs: q.windowMs, limit: q.limit }));
}

/** Counts one request against every quota of `subject`; `policyHeader` is `policy(quotas)`, worked out once by the caller. */
async function consume(counts: QuotaLeases, subject: string, quotas: Quota[], policyHeader: string): Promise<LimitResult> {
  return limitResult(quotas, await Promise.all(quotaKeys(subject, quotas).map((q) => counts.hit(q))), policyHeader);
}

/** `consume` when every quota can be counted without the store, else undefined (nothing counted). */
function consumeNow(counts: QuotaLeases, subject: string, quotas: Quota[], policyHeader: string): LimitResult | undefined {
  const counters = counts.takeNow(quotaKeys(subject, quotas));
  return counters && limitResult(quotas, counters, policyHeader);
}

/** What the counts of one request mean: limited or not, and the RateLimit headers of the quota to show. */
function limitResult(quotas: Quota[], counters: Counter[], policyHeader: string): LimitResult {
  const states = counters.map((c, i) => stateOf(quotas[i]!, c));
  let shown = states[0]!;
  let limited = false;
  // Over the limit: report the quota that frees up last. Otherwise the one closest to running out.
  for (const s of states) {
    const over = s.count > s.quota.limit;
    if (over ? !limited || s.reset > shown.reset : !limited && s.remaining < shown.remaining) shown = s;
    limited ||= over;
  }
  const headers: Record<string, string> = {
    'ratelimit-limit': String(shown.quota.limit),
    'ratelimit-remaining': String(shown.remaining),
    'ratelimit-reset': String(shown.reset),
    'ratelimit-policy': policyHeader,
  };
  if (limited) headers['retry-after'] = String(shown.reset);
  return { limited, limit: shown.quota.limit, remaining: shown.remaining, reset: shown.reset, headers };
}

function stateOf(quota: Quota, counter: Counter): QuotaState {
  return { quota, count: counter.count, remaining: Math.max(0, quota.limit - counter.count), reset: Math.max(1, Math.ceil(counter.resetMs / 1000)) };
}

/** What counting needs of a request: Fastify's, or a cached read answered before Fastify (src/api/cached-reads.ts). */
export interface CountedRequest {
  method: string;
  url: string;
  /** The client's address, as trusted proxies tell it. */
  ip: string;
}

/**
 * The requests the per-IP quota counts. Not the signed-in reads and writes under
 * /auth (me, sessions, refresh, logout): a browser makes them on every page, and
 * counting them would lock out everyone behind one address (an office, a school).
 */
const SECRET_CHECKS = new Set(['register', 'login', 'password', 'password-reset', 'password-reset/confirm'].map((p) => `/api/v1/auth/${p}`));
const checksSecret = (request: CountedRequest) => request.method === 'POST' && SECRET_CHECKS.has(request.url.split('?')[0]!);

const isApiPath = (url: string) => url.startsWith('/api/v1/') || url === '/api/v1' || url.startsWith('/api/v1?');
/** Every request to the API counts, except CORS preflights. */
const counted = (request: CountedRequest) => request.method !== 'OPTIONS' && isApiPath(request.url);

/** The quotas of the API: each request under /api/v1 counts against its caller's tier, and auth endpoints also per IP. */
export class RateLimiter {
  private readonly tiers: Record<TierName, { quotas: Quota[]; policy: string }>;
  private readonly authIp: { quotas: Quota[]; policy: string };
  private readonly cachedIp: { quotas: Quota[]; policy: string };
  private readonly counts: QuotaLeases;
  /** Cached reads over their quota, handed to Fastify to write the refusal (with the problem document) without counting them again. */
  private readonly refusedCached = new WeakMap<object, LimitResult>();

  constructor(store: Store, tiers: Partial<Record<TierName, Quota[]>> = {}, authIpQuota: Quota = DEFAULT_AUTH_IP_QUOTA, cachedIpQuotas: Quota[] = DEFAULT_CACHED_IP_QUOTAS) {
    const all = { ...DEFAULT_TIERS, ...tiers };
    this.tiers = Object.fromEntries(TIER_NAMES.map((t) => [t, { quotas: all[t], policy: policy(all[t]) }])) as RateLimiter['tiers'];
    this.authIp = { quotas: [authIpQuota], policy: policy([authIpQuota]) };
    this.cachedIp = { quotas: cachedIpQuotas, policy: policy(cachedIpQuotas) };
    this.counts = new QuotaLeases(store);
  }

  /** Counts the request, sets the RateLimit-* headers, and throws a 429 problem when a quota is used up. */
  async enforce(request: FastifyRequest, reply: FastifyReply, principal: Principal): Promise<void> {
    const refused = this.refusedCached.get(request.raw);
    if (refused) {
      reply.headers(refused.headers);
      throw this.refusal(refused, principal);
    }
    const now = this.countNow(request, principal);
    const result = now === undefined ? await this.count(request, principal) : now;
    if (!result) return;
    reply.headers(result.headers);
    if (result.limited) throw this.refusal(result, principal);
  }

  /** Counts the request against its caller's quotas: the quota to show, or null outside the API. */
  async count(request: CountedRequest, principal: Principal): Promise<LimitResult | null> {
    if (!counted(request)) return null;
    const { subject, quotas, policy: policyHeader } = this.quotasOf(request, principal);
    const counting = consume(this.counts, subject, quotas, policyHeader);
    if (!checksSecret(request)) return counting;
    const [own, ip] = await Promise.all([counting, consume(this.counts, `auth-ip:${request.ip}`, this.authIp.quotas, this.authIp.policy)]);
    return !own.limited && (ip.limited || ip.remaining < own.remaining) ? ip : own;
  }

  /** `count` when it needs nothing from the store; undefined (nothing counted) when it does, and for requests under the per-IP quota too. */
  countNow(request: CountedRequest, principal: Principal): LimitResult | null | undefined {
    if (!counted(request)) return null;
    if (checksSecret(request)) return undefined;
    const { subject, quotas, policy: policyHeader } = this.quotasOf(request, principal);
    return consumeNow(this.counts, subject, quotas, policyHeader);
  }

  /** Counts an anonymous read answered from the response cache against its client's cached-read quota (not the anonymous tier). */
  countCached(request: CountedRequest): Promise<LimitResult> {
    return consume(this.counts, `cached-ip:${request.ip}`, this.cachedIp.quotas, this.cachedIp.policy);
  }

  /** `countCached` when it needs nothing from the store; undefined (nothing counted) when it does. */
  countCachedNow(request: CountedRequest): LimitResult | undefined {
    return consumeNow(this.counts, `cached-ip:${request.ip}`, this.cachedIp.quotas, this.cachedIp.policy);
  }

  /** `raw`, a cached read over its quota, is refused by `enforce` with `result` when Fastify answers it. */
  refuseCachedRead(raw: object, result: LimitResult): void {
    this.refusedCached.set(raw, result);
  }

  private quotasOf(request: CountedRequest, principal: Principal): { subject: string; quotas: Quota[]; policy: string } {
    return { subject: principal.kind === 'user' ? `user:${principal.user.id}` : `ip:${request.ip}`, ...this.tiers[tierOf(principal)] };
  }

  /** The 429 problem for a request past its quota. */
  refusal(result: LimitResult, principal: Principal): HttpProblem {
    metrics.rateLimited.inc({ tier: tierOf(principal) });
    const hint = principal.kind === 'anonymous' ? ' Send an API key (X-API-Key) for a higher quota.' : '';
    return new HttpProblem(429, 'rate-limited', `Rate limit of ${result.limit} requests exceeded; retry in ${result.reset} s.${hint}`, { retry_after: result.reset });
  }
}

function tierOf(principal: Principal): TierName {
  if (principal.kind === 'anonymous') return 'anonymous';
  return (TIER_NAMES as readonly string[]).includes(principal.user.tier) && principal.user.tier !== 'anonymous' ? (principal.user.tier as TierName) : 'default';
}
