/**
 * Turns a request's credentials into a Principal: an access token (Bearer) or
 * an API key (X-API-Key header or ?apikey=). Each use checks that the user still
 * exists, is not disabled and has the token's role, and that the token's session
 * is live. Those facts are cached briefly per instance; any change to a user
 * (logout, revoke, role, disable, delete) evicts it here and, over the store's
 * pub/sub, on every other instance.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { HttpProblem } from '../errors/problem.js';
import type { Database } from '../db/client.js';
import { sessions, users } from '../db/schema.js';
import type { Store } from '../store/store.js';
import { apiKeyHash, findLiveApiKey, touchApiKey } from './api-keys.js';
import { ANONYMOUS_PRINCIPAL, isRole, type AuthUser, type Principal } from './permissions.js';
import { scoped } from './scope.js';
import { TokenError, type AccessTokens } from './tokens.js';

const CACHE_MS = 30_000;
const TOUCH_MS = 60_000; // how often a key's last_used_at is written, per instance
const INVALIDATE_CHANNEL = 'auth:invalidate';

interface UserState {
  user: AuthUser;
  disabled: boolean;
  liveSessions: Set<string>;
}

interface KeyState {
  keyId: string;
  userId: string;
  scopes: readonly string[];
}

export function unauthorized(detail: string, slug = 'unauthorized'): HttpProblem {
  return new HttpProblem(401, slug, detail, {}, { 'www-authenticate': `Bearer realm="openpolicy", error="invalid_token"` });
}

// Made only when refused: an error captures a stack trace, which a valid key's every request paid for.
const invalidApiKey = () => unauthorized('This API key is not valid (unknown, revoked or expired); create one with POST /api/v1/keys.', 'invalid-api-key');

export class Authenticator {
  private readonly users = new LRUCache<string, UserState>({ max: 10_000, ttl: CACHE_MS });
  private readonly keys = new LRUCache<string, KeyState>({ max: 10_000, ttl: CACHE_MS });
  private readonly touched = new LRUCache<string, true>({ max: 10_000, ttl: TOUCH_MS });

  constructor(
    private readonly database: Database,
    private readonly store: Store,
    private readonly tokens: AccessTokens,
    private readonly log: FastifyRequest['log'],
  ) {}

  /** Subscribes to other instances' evictions. */
  async listen(): Promise<void> {
    await this.store.subscribe(INVALIDATE_CHANNEL, (userId) => this.evict(userId));
  }

  /** Forget what is cached about a user, here and on every instance. */
  async invalidate(userId: string): Promise<void> {
    this.evict(userId);
    await this.store.publish(INVALIDATE_CHANNEL, userId);
  }

  private evict(userId: string): void {
    this.users.delete(userId);
    for (const [hash, key] of this.keys.entries()) if (key.userId === userId) this.keys.delete(hash);
  }

  async resolve(request: FastifyRequest): Promise<Principal> {
    const authorization = request.headers.authorization;
    const query = request.query as Record<string, unknown> | undefined;
    const headerKey = request.headers['x-api-key'];
    const queryKey = query?.apikey;
    // Route schemas reject unknown query parameters; the key is ours, not the route's.
    if (query && 'apikey' in query) delete query.apikey;
    const key = headerKey ?? queryKey;
    if (authorization !== undefined && key !== undefined) {
      throw new HttpProblem(400, 'ambiguous-credentials', 'Send either an Authorization bearer token or an API key, not both.');
    }
    if (authorization !== undefined) return this.fromAccessToken(authorization);
    if (key !== undefined) return this.fromApiKey(key);
    return ANONYMOUS_PRINCIPAL;
  }

  private async fromAccessToken(authorization: string): Promise<Principal> {
    const match = /^Bearer +([^ ]+) *$/i.exec(authorization);
    if (!match) throw unauthorized('Send the access token as "Authorization: Bearer <access_token>".');
    let claims;
    try {
      claims = await this.tokens.verify(match[1]!);
    } catch (e) {
      if (e instanceof TokenError) throw unauthorized(e.message, e.reason === 'expired' ? 'token-expired' : 'invalid-token');
      throw e;
    }
    const secretHash = this.tokens.sessionSecretHash(claims.sessionId);
    let state = await this.userState(claims.userId, secretHash);
    // A session newer than the cache (a login on another instance) is looked up once more.
    if (state && !state.liveSessions.has(claims.sessionId)) {
      this.users.delete(claims.userId);
      state = await this.userState(claims.userId, secretHash);
    }
    if (!state || state.disabled) throw unauthorized('The account of this token no longer exists or is disabled.', 'invalid-token');
    if (!state.liveSessions.has(claims.sessionId)) throw unauthorized('This session has ended (logged out or revoked); log in again.', 'invalid-token');
    if (state.user.role !== claims.role) throw unauthorized('The account\'s role has changed since this token was issued; get a new one from POST /api/v1/auth/refresh.', 'invalid-token');
    return { kind: 'user', via: 'token', user: state.user, sessionId: claims.sessionId, secretHash };
  }

  private async fromApiKey(presented: unknown): Promise<Principal> {
    const hash = typeof presented === 'string' ? apiKeyHash(presented.trim()) : null;
    if (!hash) throw invalidApiKey();
    let key = this.keys.get(hash);
    if (!key) {
      const row = await findLiveApiKey(this.database.db, hash);
      if (!row) throw invalidApiKey();
      key = { keyId: row.id, userId: row.userId, scopes: row.scopes };
      this.keys.set(hash, key);
    }
    const state = await this.userState(key.userId, hash);
    if (!state || state.disabled) throw invalidApiKey();
    if (!this.touched.has(hash)) {
      this.touched.set(hash, true);
      touchApiKey(this.database.db, hash).catch((err: unknown) => this.log.warn({ err }, 'could not record API key use'));
    }
    return { kind: 'user', via: 'key', user: state.user, keyId: key.keyId, scopes: key.scopes, secretHash: hash };
  }

  /** The user's facts, read in the scope of the secret presented (the database shows that user's sessions only). */
  private async userState(userId: string, secretHash: string): Promise<UserState | null> {
    const cached = this.users.get(userId);
    if (cached) return cached;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) return null;
    const state = await scoped(this.database.db, { secretHash }, async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.id, userId)).limit(1);
      if (!user || !isRole(user.role)) return null;
      const live = await tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)));
      return {
        user: { id: user.id, email: user.email, username: user.username, role: user.role, tier: user.tier },
        disabled: user.disabledAt !== null,
        liveSessions: new Set(live.map((s) => s.id)),
      };
    });
    if (state) this.users.set(userId, state);
    return state;
  }
}
