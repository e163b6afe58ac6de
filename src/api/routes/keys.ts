/**
 * My API keys under /api/v1/keys: create (the key is shown once), list, read,
 * revoke. Another user's key answers 404, exactly like a key that does not exist.
 * Keys are managed with an access token only, so a leaked key cannot mint more.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createApiKey, getApiKey, listApiKeys, revokeApiKey, type ApiKeyInfo } from '../../auth/api-keys.js';
import { audit } from '../../auth/audit.js';
import { BODY_LIMIT, currentSession, currentUser, privateResponses } from '../../auth/http.js';
import { DEFAULT_KEY_SCOPES, KEY_SCOPES, ROLE_PERMISSIONS } from '../../auth/permissions.js';
import { badParameter, HttpProblem, notFound } from '../../errors/problem.js';
import { isoTime } from '../resources.js';
import { NoContent, Nullable, StringEnum } from '../schemas/shared.js';

// ── schema ────────────────────────────────────────────────────────────────
const MAX_LIFETIME_DAYS = 5 * 365;

export const ApiKey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'The visible start of the key, to recognise it by.' }),
  created_at: Type.String(),
  last_used_at: Nullable(Type.String()),
  expires_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
  scopes: Type.Array(Type.String(), { description: 'What the key may do besides what anyone may (see README "API keys").' }),
});
const NewApiKey = Type.Intersect([ApiKey, Type.Object({ key: Type.String({ description: 'The key itself; shown this once only. Send it as X-API-Key.' }) })]);

const CreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'What the key is for, e.g. "newsroom dashboard".' }),
  expires_at: Type.Optional(Type.String({ format: 'date-time', description: `Optional expiry, within ${MAX_LIFETIME_DAYS} days.` })),
  scopes: Type.Optional(Type.Array(StringEnum(KEY_SCOPES), {
    minItems: 1,
    uniqueItems: true,
    description: 'Default ["public:read"]. Each must be a permission of your role; keys never manage the account, keys, users, audit or mail.',
  })),
}, { additionalProperties: false });

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** A key as the API shows it, to its owner or an admin: never its hash. */
export function presentApiKey(row: ApiKeyInfo) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: isoTime(row.createdAt)!,
    last_used_at: isoTime(row.lastUsedAt),
    expires_at: isoTime(row.expiresAt),
    revoked_at: isoTime(row.revokedAt),
    scopes: row.scopes,
  };
}

function expiry(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const at = new Date(value);
  const days = (at.getTime() - Date.now()) / 86_400_000;
  if (!(days > 0 && days <= MAX_LIFETIME_DAYS)) throw badParameter('expires_at', `expires_at must be in the future and within ${MAX_LIFETIME_DAYS} days.`);
  return at;
}

// ── routes ────────────────────────────────────────────────────────────────
export const keyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  privateResponses(app);

  app.post('', {
    config: { permission: 'keys:manage' },
    bodyLimit: BODY_LIMIT,
    schema: { tags: ['keys'], summary: 'Create an API key (shown once)', body: CreateBody, response: { 201: NewApiKey } },
  }, async (request, reply) => {
    const session = currentSession(request);
    const scopes = request.body.scopes ?? DEFAULT_KEY_SCOPES;
    const role = currentUser(request).user.role;
    const beyond = scopes.filter((scope) => !ROLE_PERMISSIONS[role].has(scope));
    if (beyond.length) throw new HttpProblem(403, 'scope-not-allowed', `Your role (${role}) cannot give a key ${beyond.join(', ')}.`, { parameter: 'scopes' });
    const { row, key } = await createApiKey(db, session.userId, { name: request.body.name, expiresAt: expiry(request.body.expires_at), scopes }, (tx, created) =>
      audit(tx, request, { action: 'key.create', outcome: 'success', targetType: 'api_key', targetId: created.id, details: { prefix: created.prefix, name: created.name, scopes } }));
    return reply.code(201).header('location', `/api/v1/keys/${row.id}`).send({ ...presentApiKey(row), key });
  });

  app.get('', {
    config: { permission: 'keys:manage' },
    schema: { tags: ['keys'], summary: 'My API keys (without the keys themselves)', response: { 200: Type.Object({ results: Type.Array(ApiKey) }) } },
  }, async (request) => ({ results: (await listApiKeys(db, currentSession(request))).map(presentApiKey) }));

  app.get('/:id', {
    config: { permission: 'keys:manage' },
    schema: { tags: ['keys'], summary: 'One of my API keys', params: IdParams, response: { 200: ApiKey } },
  }, async (request) => {
    const row = await getApiKey(db, currentSession(request), request.params.id);
    if (!row) throw notFound('API key', request.params.id);
    return presentApiKey(row);
  });

  app.delete('/:id', {
    config: { permission: 'keys:manage' },
    schema: { tags: ['keys'], summary: 'Revoke one of my API keys', params: IdParams, response: { 204: NoContent } },
  }, async (request, reply) => {
    const session = currentSession(request);
    const row = await revokeApiKey(db, session, request.params.id, 'owner', (tx, revoked) =>
      audit(tx, request, { action: 'key.revoke', outcome: 'success', targetType: 'api_key', targetId: revoked.id, details: { prefix: revoked.prefix } }));
    if (!row) throw notFound('live API key', request.params.id);
    await app.auth.authenticator.invalidate(session.userId);
    return reply.code(204).send();
  });
};
