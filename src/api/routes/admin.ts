/**
 * Administration under /api/v1/admin: users (list, read, change role or tier,
 * disable, unlock, delete), the audit log, and the mail outbox. Admins only;
 * every change is audited.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, count, eq, getTableColumns, gte, ilike, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { auditLog, emailOutbox, users } from '../../db/schema.js';
import { audit, AUDIT_ACTIONS } from '../../auth/audit.js';
import { BODY_LIMIT, currentActor, currentUser, privateResponses } from '../../auth/http.js';
import { scoped } from '../../auth/scope.js';
import { ROLES } from '../../auth/permissions.js';
import { USER_TIERS } from '../../auth/rate-limit.js';
import { revokeAllSessions } from '../../auth/sessions.js';
import { getUser, presentUser, type UserRow } from '../../auth/users.js';
import { likeContains } from '../../domain/text.js';
import { by, keysetList, respondList, sortBy, type Orders } from '../lists.js';
import { listQuery, listResponse, sortParameter } from '../schemas/lists.js';
import { HttpProblem, notFound } from '../../errors/problem.js';
import { isoTime } from '../resources.js';
import { NoContent, Nullable, nullableStrings, StringEnum } from '../schemas/shared.js';
import { User } from './auth.js';

// ── schema ────────────────────────────────────────────────────────────────
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const UsersQuery = listQuery({
  role: Type.Optional(StringEnum(ROLES)),
  disabled: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the email, username or name.' })),
  sort: sortParameter(['created'], { default: 'created_desc' }),
});

const UserPatch = Type.Object({
  role: Type.Optional(StringEnum(ROLES)),
  tier: Type.Optional(StringEnum(USER_TIERS)),
  disabled: Type.Optional(Type.Boolean({ description: 'true disables the account and ends its sessions; its API keys stop working.' })),
}, { additionalProperties: false, minProperties: 1 });

const AuditQuery = listQuery({
  action: Type.Optional(StringEnum(AUDIT_ACTIONS)),
  outcome: Type.Optional(StringEnum(['success', 'failure'] as const)),
  user_id: Type.Optional(Type.String({ format: 'uuid' })),
  ip: Type.Optional(Type.String({ maxLength: 64 })),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
  sort: sortParameter(['id'], { default: 'id_desc', description: 'Entries are numbered as they are written.' }),
});

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  action: Type.String(),
  outcome: Type.String(),
  ...nullableStrings('user_id', 'actor', 'target_type', 'target_id', 'ip', 'user_agent', 'request_id'),
  details: Type.Record(Type.String(), Type.Unknown()),
});

const OutboxQuery = listQuery({ to: Type.Optional(Type.String({ maxLength: 254 })), sort: sortParameter(['id'], { default: 'id_desc' }) });
const OutboxMail = Type.Object({ id: Type.Integer(), to: Type.String(), subject: Type.String(), body: Type.String(), created_at: Type.String() });

// ── query ─────────────────────────────────────────────────────────────────
const userOrders: Orders<'created'> = { created: [by(users.createdAt, 'time'), by(users.id, 'uuid')] };
const auditOrders: Orders<'id'> = { id: [by(auditLog.id, 'bigint')] };
const outboxOrders: Orders<'id'> = { id: [by(emailOutbox.id, 'bigint')] };

function presentAudit(row: typeof auditLog.$inferSelect) {
  return {
    id: row.id, at: isoTime(row.at)!, action: row.action, outcome: row.outcome, user_id: row.userId, actor: row.actor,
    target_type: row.targetType, target_id: row.targetId, ip: row.ip, user_agent: row.userAgent, request_id: row.requestId, details: row.details,
  };
}

// ── routes ────────────────────────────────────────────────────────────────
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const { authenticator, lockout } = app.auth;
  privateResponses(app);

  async function targetUser(id: string): Promise<UserRow> {
    const user = await getUser(db, id);
    if (!user) throw notFound('user', id);
    return user;
  }

  /** Refuses a change that would leave no active admin to undo it. */
  async function keepAnAdmin(user: UserRow, change: string): Promise<void> {
    if (user.role !== 'admin' || user.disabledAt) return;
    const [others] = await db.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, user.id)));
    if (Number(others?.n ?? 0) === 0) throw new HttpProblem(409, 'last-admin', `Cannot ${change} the last active admin; make another user admin first.`);
  }

  const auditAs = (request: FastifyRequest, entry: Parameters<typeof audit>[2]) => audit(db, request, entry);

  app.get('/users', {
    config: { permission: 'users:manage' },
    schema: { tags: ['admin'], summary: 'Users, newest first unless sorted', querystring: UsersQuery, response: { 200: listResponse(User) } },
  }, async (request, reply) => {
    const q = request.query;
    const where = and(
      q.role ? eq(users.role, q.role) : undefined,
      q.disabled === undefined ? undefined : q.disabled ? isNotNull(users.disabledAt) : isNull(users.disabledAt),
      q.q ? or(ilike(users.email, likeContains(q.q)), ilike(users.username, likeContains(q.q)), ilike(users.name, likeContains(q.q))) : undefined,
    );
    const source = keysetList(db, {
      from: users, fields: getTableColumns(users), where: [where], live: true,
      sort: sortBy(q.sort ?? 'created_desc', userOrders),
    });
    return respondList(request, reply, q, source, presentUser, {
      filename: 'users',
      columns: [
        { header: 'id', value: (u) => u.id }, { header: 'email', value: (u) => u.email }, { header: 'username', value: (u) => u.username },
        { header: 'role', value: (u) => u.role }, { header: 'tier', value: (u) => u.tier }, { header: 'disabled', value: (u) => u.disabled },
        { header: 'created_at', value: (u) => u.created_at },
      ],
    });
  });

  app.get('/users/:id', {
    config: { permission: 'users:manage' },
    schema: { tags: ['admin'], summary: 'One user', params: IdParams, response: { 200: User } },
  }, async (request) => presentUser(await targetUser(request.params.id)));

  app.patch('/users/:id', {
    config: { permission: 'users:manage' },
    bodyLimit: BODY_LIMIT,
    schema: { tags: ['admin'], summary: 'Change a user\'s role or tier, or disable / enable it', params: IdParams, body: UserPatch, response: { 200: User } },
  }, async (request) => {
    const user = await targetUser(request.params.id);
    const { role, tier, disabled } = request.body;
    if ((role !== undefined && role !== 'admin') || disabled === true) await keepAnAdmin(user, role !== undefined && role !== 'admin' ? 'demote' : 'disable');
    const newRole = role !== undefined && role !== user.role ? role : undefined;
    const changes: Partial<typeof users.$inferInsert> = { updatedAt: new Date().toISOString() };
    if (tier !== undefined && tier !== user.tier) changes.tier = tier;
    if (disabled !== undefined && disabled !== (user.disabledAt !== null)) changes.disabledAt = disabled ? new Date() : null;
    const target = { targetType: 'user', targetId: user.id } as const;
    const admin = currentActor(request);
    // One transaction, in the admin's own scope: the database checks that secret is a live admin session's before it changes a role or ends a session.
    const updated = await scoped(db, admin, async (tx) => {
      if (newRole) {
        await tx.execute(sql`SELECT openpolicy_set_role(${user.id}::uuid, ${newRole})`);
        await audit(tx, request, { action: 'user.role_change', outcome: 'success', ...target, details: { from: user.role, to: newRole } });
      }
      const [row] = await tx.update(users).set(changes).where(eq(users.id, user.id)).returning();
      if (changes.tier) await audit(tx, request, { action: 'user.tier_change', outcome: 'success', ...target, details: { from: user.tier, to: changes.tier } });
      if (changes.disabledAt !== undefined) {
        const revoked = changes.disabledAt ? await revokeAllSessions(tx, admin, user.id, 'disabled') : 0;
        await audit(tx, request, { action: changes.disabledAt ? 'user.disable' : 'user.enable', outcome: 'success', ...target, details: changes.disabledAt ? { sessions_revoked: revoked } : {} });
      }
      return row!;
    });
    await authenticator.invalidate(user.id);
    return presentUser(updated!);
  });

  app.delete('/users/:id', {
    config: { permission: 'users:manage' },
    schema: { tags: ['admin'], summary: 'Delete a user with its sessions and keys (the audit trail stays)', params: IdParams, response: { 204: NoContent } },
  }, async (request, reply) => {
    const user = await targetUser(request.params.id);
    if (user.id === currentUser(request).user.id) throw new HttpProblem(409, 'self-delete', 'Admins cannot delete their own account here; ask another admin.');
    await keepAnAdmin(user, 'delete');
    await db.transaction(async (tx) => {
      await tx.delete(users).where(eq(users.id, user.id));
      await audit(tx, request, { action: 'user.delete', outcome: 'success', targetType: 'user', targetId: user.id, details: { email: user.email, role: user.role } });
    });
    await authenticator.invalidate(user.id);
    return reply.code(204).send();
  });

  app.post('/users/:id/unlock', {
    config: { permission: 'users:manage' },
    schema: { tags: ['admin'], summary: 'Lift a login lockout now', params: IdParams, response: { 204: NoContent } },
  }, async (request, reply) => {
    const user = await targetUser(request.params.id);
    // The lockout lives in the shared store, not the database: record the unlock first, so none happens unrecorded.
    await auditAs(request, { action: 'account.unlock', outcome: 'success', targetType: 'user', targetId: user.id });
    await lockout.clear(`user:${user.id}`);
    return reply.code(204).send();
  });

  app.get('/audit', {
    config: { permission: 'audit:read' },
    schema: { tags: ['admin'], summary: 'The audit log, newest first unless sorted', querystring: AuditQuery, response: { 200: listResponse(AuditEntry) } },
  }, async (request, reply) => {
    const q = request.query;
    const where = and(
      q.action ? eq(auditLog.action, q.action) : undefined,
      q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
      q.user_id ? eq(auditLog.userId, q.user_id) : undefined,
      q.ip ? eq(auditLog.ip, q.ip) : undefined,
      q.since ? gte(auditLog.at, new Date(q.since)) : undefined,
      q.until ? lt(auditLog.at, new Date(q.until)) : undefined,
    );
    const source = keysetList(db, { from: auditLog, fields: getTableColumns(auditLog), where: [where], live: true, sort: sortBy(q.sort ?? 'id_desc', auditOrders) });
    return respondList(request, reply, q, source, presentAudit, {
      filename: 'audit',
      columns: [
        { header: 'id', value: (e) => e.id }, { header: 'at', value: (e) => e.at }, { header: 'action', value: (e) => e.action },
        { header: 'outcome', value: (e) => e.outcome }, { header: 'user_id', value: (e) => e.user_id }, { header: 'actor', value: (e) => e.actor },
        { header: 'target_type', value: (e) => e.target_type }, { header: 'target_id', value: (e) => e.target_id }, { header: 'ip', value: (e) => e.ip },
        { header: 'user_agent', value: (e) => e.user_agent }, { header: 'request_id', value: (e) => e.request_id }, { header: 'details', value: (e) => JSON.stringify(e.details) },
      ],
    });
  });

  app.get('/outbox', {
    config: { permission: 'outbox:read' },
    schema: { tags: ['admin'], summary: 'Mail kept because no SMTP server is configured, newest first unless sorted', querystring: OutboxQuery, response: { 200: listResponse(OutboxMail) } },
  }, async (request, reply) => {
    const q = request.query;
    const where = q.to ? eq(emailOutbox.recipient, q.to.trim().toLowerCase()) : undefined;
    const source = keysetList(db, { from: emailOutbox, fields: getTableColumns(emailOutbox), where: [where], live: true, sort: sortBy(q.sort ?? 'id_desc', outboxOrders) });
    const present = (m: typeof emailOutbox.$inferSelect) => ({ id: m.id, to: m.recipient, subject: m.subject, body: m.body, created_at: isoTime(m.createdAt)! });
    return respondList(request, reply, q, source, present, {
      filename: 'outbox',
      columns: [{ header: 'id', value: (m) => m.id }, { header: 'to', value: (m) => m.to }, { header: 'subject', value: (m) => m.subject }, { header: 'created_at', value: (m) => m.created_at }],
    });
  });
};
