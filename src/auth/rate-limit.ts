/**
 * Quotas by tier, counted in the shared store (Redis when configured, so every
 * API instance sees the same counts). Every limited response carries the
 * RateLimit-* headers of the quota closest to running out.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../api/problem.js';
import { metrics } from '../ops/metrics.js';
import type { Store } from '../store/store.js';
import type { Principal } from './permissions.js';

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

/** Per client IP on /api/v1/auth/*, on top of the tier: slows password guessing across accounts. */
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

/** Counts one request against every quota of `key`. */
export async function consume(store: Store, key: string, quotas: Quota[]): Promise<LimitResult> {
  const counters = await Promise.all(quotas.map((q) => store.hit(`rl:${key}:${q.windowMs}`, q.windowMs)));
  const states = quotas.map((q, i) => {
    const c = counters[i]!;
    return { quota: q, count: c.count, remaining: Math.max(0, q.limit - c.count), reset: Math.max(1, Math.ceil(c.resetMs / 1000)) };
  });
  const exceeded = states.filter((s) => s.count > s.quota.limit);
  // Over the limit: report the quota that frees up last. Otherwise the one closest to running out.
  const shown = exceeded.length
    ? exceeded.reduce((a, b) => (b.reset > a.reset ? b : a))
    : states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  const headers: Record<string, string> = {
    'ratelimit-limit': String(shown.quota.limit),
    'ratelimit-remaining': String(shown.remaining),
    'ratelimit-reset': String(shown.reset),
    'ratelimit-policy': policy(quotas),
  };
  if (exceeded.length) headers['retry-after'] = String(shown.reset);
  return { limited: exceeded.length > 0, limit: shown.quota.limit, remaining: shown.remaining, reset: shown.reset, headers };
}

const pathOf = (url: string) => url.split('?')[0] ?? url;

/** The quotas of the API: each request under /api/v1 counts against its caller's tier, and auth endpoints also per IP. */
export class RateLimiter {
  private readonly tiers: Record<TierName, Quota[]>;

  constructor(private readonly store: Store, tiers: Partial<Record<TierName, Quota[]>> = {}, private readonly authIpQuota: Quota = DEFAULT_AUTH_IP_QUOTA) {
    this.tiers = { ...DEFAULT_TIERS, ...tiers };
  }

  /** Counts the request, sets the RateLimit-* headers, and throws a 429 problem when a quota is used up. */
  async enforce(request: FastifyRequest, reply: FastifyReply, principal: Principal): Promise<void> {
    const path = pathOf(request.url);
    if (request.method === 'OPTIONS' || !(path === '/api/v1' || path.startsWith('/api/v1/'))) return;
    const tier: TierName = principal.kind === 'anonymous' ? 'anonymous' : Object.hasOwn(this.tiers, principal.user.tier) ? (principal.user.tier as TierName) : 'default';
    const subject = principal.kind === 'user' ? `user:${principal.user.id}` : `ip:${request.ip}`;
    const checks: Promise<LimitResult>[] = [consume(this.store, subject, this.tiers[tier])];
    if (path.startsWith('/api/v1/auth/')) checks.push(consume(this.store, `auth-ip:${request.ip}`, [this.authIpQuota]));
    const results = await Promise.all(checks);
    const shown = results.find((r) => r.limited) ?? results.reduce((a, b) => (b.remaining < a.remaining ? b : a));
    reply.headers(shown.headers);
    if (shown.limited) {
      metrics.rateLimited.inc({ tier });
      const hint = principal.kind === 'anonymous' ? ' Send an API key (X-API-Key) for a higher quota.' : '';
      throw new HttpProblem(429, 'rate-limited', `Rate limit of ${shown.limit} requests exceeded; retry in ${shown.reset} s.${hint}`, { retry_after: shown.reset });
    }
  }
}
