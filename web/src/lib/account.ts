/** Signing in and out: the auth API's calls, and the session state they change. */
import { api } from './api';
import { clearSession, saveTokens, session, setUser } from './session';
import type { User } from './shapes';

export async function loadUser(): Promise<User | null> {
  if (!session.get().tokens) return null;
  try {
    const user = await api('/api/v1/auth/me');
    setUser(user);
    return user;
  } catch {
    // A session that ended elsewhere: the api layer has already cleared it if it was refused.
    return null;
  }
}

/** `identifier` is an email when it has an @, else a username. */
export async function logIn(identifier: string, password: string): Promise<User | null> {
  // A new sign-in replaces whatever session this browser had.
  clearSession();
  const trimmed = identifier.trim();
  const body = trimmed.includes('@') ? { email: trimmed, password } : { username: trimmed, password };
  saveTokens(await api('/api/v1/auth/login', { method: 'post', body }));
  return loadUser();
}

export async function register(input: { email: string; password: string; username?: string; name?: string }): Promise<User | null> {
  await api('/api/v1/auth/register', { method: 'post', body: input });
  return logIn(input.email, input.password);
}

export async function logOut(): Promise<void> {
  // Even if the API cannot be reached, this browser forgets the session.
  await api('/api/v1/auth/logout', { method: 'post' }).catch(() => {});
  clearSession();
}
