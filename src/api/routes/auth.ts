/**
 * Accounts and sessions under /api/v1/auth: register, log in, refresh, log out,
 * me, password change and reset, and my sessions. What each does (lockout,
 * audit, revocations) is the accounts service's (src/auth/accounts.ts); here its
 * outcomes become HTTP answers.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { audit } from '../../auth/audit.js';
import { BODY_LIMIT, clientInfo, currentSession, currentUser, privateResponses } from '../../auth/http.js';
import { MAX_PASSWORD_LENGTH } from '../../auth/passwords.js';
import { listSessions, revokeAllSessions, revokeSession, rotateRefreshToken, type SessionRow } from '../../auth/sessions.js';
import { ROLES, type Role } from '../../auth/permissions.js';
import { ACCESS_TOKEN_SECONDS } from '../../auth/tokens.js';
import { getUser, presentUser, type UserRow } from '../../auth/users.js';
import { metrics } from '../../ops/metrics.js';
import { badParameter, HttpProblem, notFound } from '../../errors/problem.js';
import { NoContent, Nullable, StringEnum } from '../schemas/shared.js';
import { ApiKey, presentApiKey } from './keys.js';

// ── schema ────────────────────────────────────────────────────────────────
const Email = Type.String({ format: 'email', maxLength: 254 });
const Username = Type.String({ pattern: '^[A-Za-z0-9_.-]{3,32}$', description: '3-32 letters, digits, `_`, `.` or `-`.' });
// The policy (length, common passwords) is checked in code, to say precisely what is wrong.
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH * 4 });
const Secret = Type.String({ minLength: 1, maxLength: 200 });

export const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  username: Nullable(Type.String()),
  name: Nullable(Type.String()),
  role: StringEnum(ROLES),
  tier: Type.String({ description: 'Rate-limit tier.' }),
  disabled: Type.Boolean(),
  created_at: Type.String(),
  last_login_at: Nullable(Type.String()),
});

const RegisterBody = Type.Object({
  email: Email,
  password: Password,
  username: Type.Optional(Username),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
}, { additionalProperties: false, description: 'No role: every account starts as `user`; only an admin changes roles.' });

const LoginBody = Type.Object({
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
  password: Password,
}, { additionalProperties: false, description: 'Exactly one of `email` or `username`, with `password`.' });

const TokenPair = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds the access token stays valid.' }),
});

const Session = Type.Object({
  id: Type.String(),
  created_at: Type.String(),
  last_used_at: Type.String(),
  expires_at: Type.String(),
  ip: Nullable(Type.String()),
  user_agent: Nullable(Type.String()),
  current: Type.Boolean(),
});

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const Accepted = Type.Object({ detail: Type.String() });

const PasswordChanged = Type.Object({
  sessions_revoked: Type.Integer({ description: 'Other sessions ended.' }),
  reset_tokens_revoked: Type.Integer({ description: 'Outstanding reset tokens spent.' }),
  api_keys: Type.Array(ApiKey, { description: 'The live API keys, which keep working: review them, revoke any you do not recognise.' }),
});

// ── helpers ───────────────────────────────────────────────────────────────
const invalidCredentials = () => new HttpProblem(401, 'invalid-credentials', 'The email/username or password is incorrect.', {}, { 'www-authenticate': 'Bearer realm="openpolicy"' });

function accountLocked(ms: number): HttpProblem {
  const seconds = Math.ceil(ms / 1000);
  return new HttpProblem(429, 'account-locked', `Too many failed logins: this account is locked for ${Math.ceil(seconds / 60)} more minute(s). Wait, or reset the password (POST /api/v1/auth/password-reset).`, { retry_after: seconds }, { 'retry-after': String(seconds) });
}

function presentSession(row: SessionRow, currentId: string) {
  return {
    id: row.id,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    ip: row.ip,
    user_agent: row.userAgent,
    current: row.id === currentId,
  };
}

// ── routes ────────────────────────────────────────────────────────────────
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const { accounts, authenticator, tokens } = app.auth;
  privateResponses(app);

  async function tokenPair(user: UserRow, sessionId: string, refreshToken: string) {
    const accessToken = await tokens.sign({ userId: user.id, role: user.role as Role, sessionId });
    return { access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer' as const, expires_in: ACCESS_TOKEN_SECONDS };
  }

  app.post('/register', {
    config: { permission: 'auth:public' },
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ['auth'],
      summary: 'Create an account (role user), then log in',
      description: 'Answers alike whether or not the email has an account (its owner is mailed instead), so it reveals no addresses.',
      body: RegisterBody,
      response: { 202: Accepted },
    },
  }, async (request, reply) => {
    const outcome = await accounts.register(request.body, request);
    if (outcome.kind === 'username-taken') throw new HttpProblem(409, 'username-taken', `The username "${request.body.username}" is taken; choose another.`, { parameter: 'username' });
    return reply.code(202).send({ detail: 'Unless this email already has an account (then its owner has been mailed), the account is ready: log in with POST /api/v1/auth/login.' });
  });

  app.post('/login', {
    config: { permission: 'auth:public' },
    bodyLimit: BODY_LIMIT,
    schema: { tags: ['auth'], summary: 'Log in; returns an access and a refresh token', body: LoginBody, response: { 200: TokenPair } },
  }, async (request) => {
    const { email, username, password } = request.body;
    if ((email === undefined) === (username === undefined)) throw badParameter('email', 'Send exactly one of "email" or "username", with "password".');
    const outcome = await accounts.login({ email, username }, password, clientInfo(request), request);
    if (outcome.kind === 'locked') throw accountLocked(outcome.ms);
    if (outcome.kind === 'invalid') throw invalidCredentials();
    if (outcome.kind === 'disabled') throw new HttpProblem(403, 'account-disabled', 'This account is disabled; contact an administrator.');
    return tokenPair(outcome.user, outcome.sessionId, outcome.refreshToken);
  });

  app.post('/refresh', {
    config: { permission: 'auth:public' },
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ['auth'],
      summary: 'Trade a refresh token for a new pair (the old refresh token stops working)',
      body: Type.Object({ refresh_token: Secret }, { additionalProperties: false }),
      response: { 200: TokenPair },
    },
  }, async (request) => {
    const rotation = await rotateRefreshToken(db, request.body.refresh_token);
    if (rotation.kind !== 'rotated') metrics.authFailures.inc({ reason: rotation.kind === 'reused' ? 'refresh-token-reused' : 'invalid-refresh-token' });
    if (rotation.kind === 'reused') {
      await authenticator.invalidate(rotation.userId);
      await audit(db, request, { action: 'refresh.reuse', outcome: 'failure', userId: rotation.userId, actor: null, targetType: 'session', targetId: rotation.sessionId });
      throw new HttpProblem(401, 'refresh-token-reused', 'This refresh token was already used, so its session has been revoked in case it was stolen; log in again.');
    }
    if (rotation.kind === 'invalid') throw new HttpProblem(401, 'invalid-refresh-token', 'This refresh token is unknown, expired or revoked; log in again (POST /api/v1/auth/login).');
    return tokenPair(rotation.user, rotation.sessionId, rotation.refreshToken);
  });

  app.post('/logout', {
    config: { permission: 'account:self' },
    schema: { tags: ['auth'], summary: 'End this session (its refresh and access tokens stop working)', response: { 204: NoContent } },
  }, async (request, reply) => {
    const session = currentSession(request);
    const { userId, sessionId } = session;
    // The session ends with its audit entry or not at all.
    await revokeSession(db, session, sessionId, 'logout', (tx) => audit(tx, request, { action: 'logout', outcome: 'success', targetType: 'session', targetId: sessionId }));
    await authenticator.invalidate(userId);
    return reply.code(204).send();
  });

  app.get('/me', {
    config: { permission: 'account:self' },
    schema: { tags: ['auth'], summary: 'The signed-in user, with its role', response: { 200: User } },
  }, async (request) => {
    const user = await getUser(db, currentUser(request).user.id);
    if (!user) throw notFound('user', currentUser(request).user.id);
    return presentUser(user);
  });

  app.post('/password', {
    config: { permission: 'account:self' },
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ['auth'],
      summary: 'Change my password; ends every other session and outstanding reset tokens, and lists the API keys that keep working',
      body: Type.Object({ current_password: Password, new_password: Password }, { additionalProperties: false }),
      response: { 200: PasswordChanged },
    },
  }, async (request) => {
    const outcome = await accounts.changePassword(currentSession(request), request.body.current_password, request.body.new_password, request);
    // A stolen access token must not become a way to guess the password: guesses count toward the lockout, and a lock stops them.
    if (outcome.kind === 'locked') throw accountLocked(outcome.ms);
    if (outcome.kind === 'wrong-password') throw new HttpProblem(403, 'wrong-password', 'The current password is incorrect.', { parameter: 'current_password' });
    return { sessions_revoked: outcome.sessionsRevoked, reset_tokens_revoked: outcome.resetTokensRevoked, api_keys: outcome.apiKeys.map(presentApiKey) };
  });

  app.post('/password-reset', {
    config: { permission: 'auth:public' },
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ['auth'],
      summary: 'Mail a password-reset token to this address, if it has an account',
      body: Type.Object({ email: Email }, { additionalProperties: false }),
      response: { 202: Accepted },
    },
  }, async (request, reply) => {
    accounts.requestReset(request.body.email, request, (err) => request.log.error({ err }, 'password reset mail failed'));
    return reply.code(202).send({ detail: 'If an account has this address, a reset token has been mailed to it; it is valid for one hour.' });
  });

  app.post('/password-reset/confirm', {
    config: { permission: 'auth:public' },
    bodyLimit: BODY_LIMIT,
    schema: {
      tags: ['auth'],
      summary: 'Set a new password with a mailed reset token; ends every session, API key and other reset token of the account',
      body: Type.Object({ token: Secret, password: Password }, { additionalProperties: false }),
      response: { 204: NoContent },
    },
  }, async (request, reply) => {
    const outcome = await accounts.resetPassword(request.body.token, request.body.password, request);
    if (outcome.kind === 'invalid-token') throw new HttpProblem(400, 'invalid-reset-token', 'This reset token is unknown, used or expired; ask for a new one (POST /api/v1/auth/password-reset).', { parameter: 'token' });
    return reply.code(204).send();
  });

  app.get('/sessions', {
    config: { permission: 'account:self' },
    schema: { tags: ['auth'], summary: 'My live sessions', response: { 200: Type.Object({ results: Type.Array(Session) }) } },
  }, async (request) => {
    const session = currentSession(request);
    return { results: (await listSessions(db, session)).map((r) => presentSession(r, session.sessionId)) };
  });

  app.delete('/sessions', {
    config: { permission: 'account:self' },
    schema: { tags: ['auth'], summary: 'End all my other sessions', response: { 200: Type.Object({ revoked: Type.Integer() }) } },
  }, async (request) => {
    const session = currentSession(request);
    const revoked = await revokeAllSessions(db, session, session.userId, 'revoked', session.sessionId, (tx, count) =>
      audit(tx, request, { action: 'session.revoke', outcome: 'success', targetType: 'session', targetId: '*', details: { revoked: count } }));
    await authenticator.invalidate(session.userId);
    return { revoked };
  });

  app.delete('/sessions/:id', {
    config: { permission: 'account:self' },
    schema: { tags: ['auth'], summary: 'End one of my sessions', params: IdParams, response: { 204: NoContent } },
  }, async (request, reply) => {
    const session = currentSession(request);
    const revoked = await revokeSession(db, session, request.params.id, 'revoked', (tx) =>
      audit(tx, request, { action: 'session.revoke', outcome: 'success', targetType: 'session', targetId: request.params.id }));
    if (!revoked) throw notFound('live session', request.params.id);
    await authenticator.invalidate(session.userId);
    return reply.code(204).send();
  });
};
