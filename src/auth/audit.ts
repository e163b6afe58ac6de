/**
 * The append-only audit trail of security events: who (user, real client IP,
 * user agent), what, on which target, with which outcome, under which request id.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';

export const AUDIT_ACTIONS = [
  'user.register',
  'user.create', // by the CLI
  'login.success',
  'login.failure',
  'account.locked',
  'account.unlock',
  'logout',
  'refresh.reuse',
  'password.change',
  'password.reset_request',
  'password.reset',
  'session.revoke',
  'user.role_change',
  'user.tier_change',
  'user.disable',
  'user.enable',
  'user.delete',
  'key.create',
  'key.revoke',
  'import.start',
  'import.finish',
  'record.edit',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  outcome: 'success' | 'failure';
  /** Defaults to the request's authenticated user. */
  userId?: string | null;
  actor?: string | null;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** What an entry records of the request behind it (a Fastify request is one); null for the command line. */
export type AuditContext = Pick<FastifyRequest, 'principal' | 'ip' | 'headers' | 'id'> | null;

/** Writes one entry. Awaited by callers: an event we cannot record is an error, not a silent gap. */
export async function audit(db: Db, request: AuditContext, entry: AuditEntry): Promise<void> {
  const principal = request?.principal;
  const user = principal?.kind === 'user' ? principal.user : null;
  await db.insert(auditLog).values({
    action: entry.action,
    outcome: entry.outcome,
    userId: entry.userId !== undefined ? entry.userId : user?.id ?? null,
    actor: entry.actor !== undefined ? entry.actor : user?.email ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: request?.ip ?? null,
    userAgent: request?.headers['user-agent']?.slice(0, 512) ?? null,
    requestId: request ? String(request.id) : null,
    details: entry.details ?? {},
  });
}
