/**
 * Every user's API keys under /api/v1/admin/keys: list them with their owner and
 * the owner's rate-limit tier (tiers are per user, changed with PATCH
 * /api/v1/admin/users/{id}), and revoke any of them. Admins only; a key's hash
 * is never read, and every revocation is audited.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq, ilike, isNotNull, isNull, or } from 'drizzle-orm';
import { Type } from 'typebox';
import { apiKeyInfo, revokeApiKey, type ApiKeyInfo } from '../../auth/api-keys.js';
import { audit } from '../../auth/audit.js';
import { currentActor, privateResponses } from '../../auth/http.js';
import { scoped } from '../../auth/scope.js';
import { apiKeys, users } from '../../db/schema.js';
import { likeContains } from '../../domain/text.js';
import { by, keysetList, respondList, sortBy, type Orders } from '../lists.js';
import { listQuery, listResponse, sortParameter } from '../schemas/lists.js';
import { notFound } from '../../errors/problem.js';
import { NoContent, Nullable } from '../schemas/shared.js';
import { ApiKey, presentApiKey } from './keys.js';

// ── schema ────────────────────────────────────────────────────────────────
const KeysQuery = listQuery({
  user_id: Type.Optional(Type.String({ format: 'uuid', description: 'Only this user\'s keys.' })),
  revoked: Type.Optional(Type.Boolean({ description: 'true: revoked keys only; false: keys not revoked.' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the key\'s name or prefix, or of its owner\'s email or username.' })),
  sort: sortParameter(['created'], { default: 'created_desc' }),
});

const AdminApiKey = Type.Object({
  ...ApiKey.properties,
  user_id: Type.String({ format: 'uuid' }),
  owner: Type.Object({
    email: Type.String(),
    username: Nullable(Type.String()),
    tier: Type.String({ description: 'The owner\'s rate-limit tier, which the key\'s requests count against.' }),
  }),
});

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

type KeyWithOwner = ApiKeyInfo & { owner: { email: string; username: string | null; tier: string } };
const keyFields = { ...apiKeyInfo, owner: { email: users.email, username: users.username, tier: users.tier } };
const keyJoins = [{ table: users, on: eq(users.id, apiKeys.userId) }];
const keyOrders: Orders<'created'> = { created: [by(apiKeys.createdAt, 'time'), by(apiKeys.id, 'uuid')] };

const present = (row: KeyWithOwner) => ({ ...presentApiKey(row), user_id: row.userId, owner: row.owner });

// ── routes ────────────────────────────────────────────────────────────────
export const adminKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  privateResponses(app);

  app.get('', {
    config: { permission: 'users:manage' },
    schema: { tags: ['admin'], summary: 'Every user\'s API keys with their owner and tier, newest first unless sorted (never the keys or their hashes)', querystring: KeysQuery, response: { 200: listResponse(AdminApiKey) } },
  }, async (request, reply) => {
    const q = request.query;
    // Row-level security shows this transaction every user's keys only because the database finds the caller's secret is a live admin session's.
    const scope = currentActor(request);
    const term = q.q === undefined ? undefined : likeContains(q.q);
    const where = and(
      q.user_id ? eq(apiKeys.userId, q.user_id) : undefined,
      q.revoked === undefined ? undefined : q.revoked ? isNotNull(apiKeys.revokedAt) : isNull(apiKeys.revokedAt),
      term ? or(...[apiKeys.name, apiKeys.prefix, users.email, users.username].map((column) => ilike(column, term))) : undefined,
    );
    const source = keysetList(db, {
      from: apiKeys,
      joins: keyJoins,
      fields: keyFields,
      where: [where],
      sort: sortBy(q.sort ?? 'created_desc', keyOrders),
      within: (work) => scoped(db, scope, work),
    });
    return respondList(request, reply, q, source, present, {
      filename: 'api-keys',
      columns: [
        { header: 'id', value: (k) => k.id }, { header: 'name', value: (k) => k.name }, { header: 'prefix', value: (k) => k.prefix },
        { header: 'user_id', value: (k) => k.user_id }, { header: 'owner_email', value: (k) => k.owner.email }, { header: 'owner_username', value: (k) => k.owner.username },
        { header: 'owner_tier', value: (k) => k.owner.tier }, { header: 'created_at', value: (k) => k.created_at }, { header: 'last_used_at', value: (k) => k.last_used_at },
        { header: 'expires_at', value: (k) => k.expires_at }, { header: 'revoked_at', value: (k) => k.revoked_at },
      ],
    });
  });

  app.delete('/:id', {
    config: { permission: 'users:manage' },
    schema: { tags: ['admin'], summary: 'Revoke any user\'s API key', params: IdParams, response: { 204: NoContent } },
  }, async (request, reply) => {
    const row = await revokeApiKey(db, currentActor(request), request.params.id, 'admin', (tx, revoked) =>
      audit(tx, request, { action: 'key.revoke', outcome: 'success', targetType: 'api_key', targetId: revoked.id, details: { prefix: revoked.prefix, owner_id: revoked.userId } }));
    if (!row) throw notFound('live API key', request.params.id);
    // Each instance caches which user a key belongs to: evict it so the key stops working now, everywhere.
    await app.auth.authenticator.invalidate(row.userId);
    return reply.code(204).send();
  });
};
