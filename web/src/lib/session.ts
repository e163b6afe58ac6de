/**
 * The signed-in user's tokens, kept in localStorage so a reload or a new tab
 * stays signed in. Access tokens live 15 minutes; the refresh token is
 * single-use (the API revokes the session if one is replayed), so refreshes are
 * serialised here and a token another tab already rotated is picked up instead.
 */
import { createStore } from './store';
import type { TokenPair, User } from './shapes';

const KEY = 'openpolicy.session';
// Refresh this long before the access token expires, so a request never leaves with a dying token.
const EARLY_MS = 30_000;

export interface Tokens {
  access_token: string;
  refresh_token: string;
  /** Epoch milliseconds. */
  expires_at: number;
}

export interface SessionState {
  tokens: Tokens | null;
  user: User | null;
}

function readTokens(): Tokens | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Tokens | null;
    return value && typeof value.refresh_token === 'string' ? value : null;
  } catch {
    return null;
  }
}

export const session = createStore<SessionState>({ tokens: readTokens(), user: null });

// Another tab logged in, out, or refreshed.
window.addEventListener('storage', (event) => {
  if (event.key !== KEY) return;
  const tokens = readTokens();
  session.set({ tokens, user: tokens ? session.get().user : null });
});

export function saveTokens(pair: TokenPair): Tokens {
  const tokens = { access_token: pair.access_token, refresh_token: pair.refresh_token, expires_at: Date.now() + pair.expires_in * 1000 };
  localStorage.setItem(KEY, JSON.stringify(tokens));
  session.set({ ...session.get(), tokens });
  return tokens;
}

export function setUser(user: User | null): void {
  session.set({ ...session.get(), user });
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
  session.set({ tokens: null, user: null });
}

export const expiresSoon = (tokens: Tokens) => tokens.expires_at - Date.now() < EARLY_MS;

let refreshing: Promise<Tokens | null> | null = null;

async function rotate(used: Tokens): Promise<Tokens | null> {
  const latest = readTokens();
  // Another tab rotated it already: use theirs rather than replaying ours.
  if (latest && latest.refresh_token !== used.refresh_token && !expiresSoon(latest)) {
    session.set({ ...session.get(), tokens: latest });
    return latest;
  }
  const res = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ refresh_token: used.refresh_token }),
  }).catch(() => null);
  if (!res?.ok) {
    // A network failure keeps the session for a later try; a refusal ends it.
    if (res) clearSession();
    return null;
  }
  return saveTokens((await res.json()) as TokenPair);
}

/** New tokens for the current session, or null when it has ended; one refresh at a time. */
export function refreshTokens(): Promise<Tokens | null> {
  const tokens = session.get().tokens;
  if (!tokens) return Promise.resolve(null);
  refreshing ??= rotate(tokens).finally(() => {
    refreshing = null;
  });
  return refreshing;
}
