/**
 * Access tokens are short-lived HS256 JWTs checked on every use (signature,
 * alg, typ, iss, aud, exp, type, role); every other secret we hand out (refresh
 * tokens, reset tokens, API keys) is opaque random text stored only as SHA-256.
 */
import { createHmac, hash, randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { isRole, type Role } from './permissions.js';

export const ISSUER = 'openpolicy';
export const AUDIENCE = 'openpolicy-api';
export const ACCESS_TOKEN_SECONDS = 15 * 60;
const TYP = 'at+jwt'; // RFC 9068 access-token header type

export interface AccessClaims {
  userId: string;
  role: Role;
  sessionId: string;
}

export class TokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid', message: string) {
    super(message);
  }
}

export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: AccessClaims): Promise<string> {
    return new SignJWT({ type: 'access', role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: TYP })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
      .setJti(randomUUID())
      .sign(this.key);
  }

  /**
   * The hash the database derives a session's user from (app.secret_hash): of a
   * secret only this signing key makes, so SQL run as the application role
   * cannot act as a user by naming their session.
   */
  sessionSecretHash(sessionId: string): string {
    return sha256(createHmac('sha256', this.key).update(`session:${sessionId}`).digest('base64url'));
  }

  async verify(token: string): Promise<AccessClaims> {
    let payload;
    try {
      // maxTokenAge: the lifetime counts from iat, whatever exp a token names (and an iat in the future is refused).
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'], typ: TYP, issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['sub', 'exp', 'iat'], maxTokenAge: ACCESS_TOKEN_SECONDS,
      }));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new TokenError('expired', 'The access token has expired; get a new one from POST /api/v1/auth/refresh.');
      throw new TokenError('invalid', 'The access token is not valid; log in again (POST /api/v1/auth/login).');
    }
    const { sub, role, sid, type } = payload as { sub?: unknown; role?: unknown; sid?: unknown; type?: unknown };
    if (type !== 'access' || typeof sub !== 'string' || typeof sid !== 'string' || !isRole(role)) {
      throw new TokenError('invalid', 'This token is not an access token; send the access_token from /auth/login or /auth/refresh.');
    }
    return { userId: sub, role, sessionId: sid };
  }
}

/** A random secret with a recognisable prefix (so a leaked one is easy to grep for). */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** One-shot: every API-key request hashes its key, and `hash` costs less than a `createHash` object per call. */
export function sha256(value: string): string {
  return hash('sha256', value, 'hex');
}
