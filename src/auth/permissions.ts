/**
 * Who may do what: one table from roles to named permissions. Every route
 * declares the permission it needs (`config: { permission }`); the public reads
 * other modules add get `public:read` by the default rule in routePermission().
 */
export const ROLES = ['admin', 'editor', 'user'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'public:read', // the public data and its documentation
  'auth:public', // register, log in, refresh, request and confirm a password reset
  'account:self', // my profile, sessions, password change, logout
  'keys:manage', // create, list and revoke my API keys
  'saved:manage', // follow and unfollow bills and people, list what I follow
  'imports:run', // start an import
  'imports:read', // import runs with their counts and rejected records
  'records:edit', // correct an imported record
  'users:manage', // list users, change roles and tiers, disable, unlock, delete; list and revoke every user's API keys
  'audit:read', // the audit log
  'outbox:read', // mail kept in the outbox when no SMTP server is configured
  'ops:read', // detailed /health and the live performance page (/admin/performance)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ANONYMOUS: Permission[] = ['public:read', 'auth:public'];
const USER: Permission[] = [...ANONYMOUS, 'account:self', 'keys:manage', 'saved:manage'];
const EDITOR: Permission[] = [...USER, 'imports:run', 'imports:read', 'records:edit'];
const ADMIN: Permission[] = [...EDITOR, 'users:manage', 'audit:read', 'outbox:read', 'ops:read'];

export const ROLE_PERMISSIONS: Record<Role | 'anonymous', ReadonlySet<Permission>> = {
  anonymous: new Set(ANONYMOUS),
  user: new Set(USER),
  editor: new Set(EDITOR),
  admin: new Set(ADMIN),
};

/**
 * What an API key may be given, chosen when it is created: `public:read` by
 * default, and the rest only when its owner's role has it. Never the account,
 * keys, users, audit, mail or operations: a leaked key mints nothing and takes
 * over nothing. Every key also has what an anonymous caller has.
 */
export const KEY_SCOPES = ['public:read', 'saved:manage', 'imports:read', 'imports:run', 'records:edit'] as const satisfies readonly Permission[];
export type KeyScope = (typeof KEY_SCOPES)[number];
export const DEFAULT_KEY_SCOPES: KeyScope[] = ['public:read'];

export function isKeyScope(value: unknown): value is KeyScope {
  return (KEY_SCOPES as readonly unknown[]).includes(value);
}

export interface AuthUser {
  id: string;
  email: string;
  username: string | null;
  role: Role;
  tier: string;
}

/**
 * Who is asking: nobody, or a user by an access token (with its session) or by
 * an API key; `secretHash` is what the database derives the user from.
 */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; via: 'token'; user: AuthUser; sessionId: string; secretHash: string }
  | { kind: 'user'; via: 'key'; user: AuthUser; keyId: string; scopes: readonly string[]; secretHash: string };

export const ANONYMOUS_PRINCIPAL: Principal = { kind: 'anonymous' };

export function allows(principal: Principal, permission: Permission): boolean {
  if (ROLE_PERMISSIONS.anonymous.has(permission)) return true;
  if (principal.kind === 'anonymous') return false;
  // A key's scopes never outgrow its owner's current role.
  if (principal.via === 'key' && !principal.scopes.includes(permission)) return false;
  return ROLE_PERMISSIONS[principal.user.role].has(permission);
}

export function isPermission(value: unknown): value is Permission {
  return (PERMISSIONS as readonly unknown[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

const PRIVATE_V1 = /^\/api\/v1\/(auth|keys|admin|me)(\/|$)/;

/**
 * The permission a route needs: the one it declares, else `public:read` for a
 * GET of the public API (/api/v1 outside /auth, /keys, /admin and /me) or of /docs,
 * and for CORS preflights (they carry no data). Null means the route must declare one.
 */
export function routePermission(method: string, url: string, declared: unknown): Permission | null {
  if (declared !== undefined) {
    if (!isPermission(declared)) throw new Error(`Route ${method} ${url} declares an unknown permission "${String(declared)}"; use one of ${PERMISSIONS.join(', ')} (src/auth/permissions.ts).`);
    return declared;
  }
  if (method === 'OPTIONS') return 'public:read';
  const read = method === 'GET' || method === 'HEAD';
  const publicApi = (url === '/api/v1' || url.startsWith('/api/v1/')) && !PRIVATE_V1.test(url);
  const docs = url === '/docs' || url.startsWith('/docs/');
  return read && (publicApi || docs) ? 'public:read' : null;
}
