/**
 * Account lockout: N failed logins on one account within a window lock it for a
 * while. Counted in the shared store so every instance agrees. Unknown
 * identifiers are counted the same way, so a lock reveals nothing about which
 * accounts exist.
 */
import type { Store } from '../store/store.js';

export interface LockoutPolicy {
  attempts: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { attempts: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export class Lockout {
  constructor(private readonly store: Store, readonly policy: LockoutPolicy) {}

  /** Milliseconds the account stays locked; 0 when it is not. */
  async lockedFor(account: string): Promise<number> {
    const until = Number(await this.store.get(`lockout:lock:${account}`));
    return Number.isFinite(until) ? Math.max(0, until - Date.now()) : 0;
  }

  /** Counts a failure; true when this one locked the account. */
  async fail(account: string): Promise<boolean> {
    const { count } = await this.store.hit(`lockout:fail:${account}`, this.policy.windowMs);
    if (count < this.policy.attempts) return false;
    await this.store.set(`lockout:lock:${account}`, String(Date.now() + this.policy.lockMs), this.policy.lockMs);
    await this.store.del(`lockout:fail:${account}`);
    return true;
  }

  /** After a successful login, a password reset, or an admin's unlock. */
  async clear(account: string): Promise<void> {
    await Promise.all([this.store.del(`lockout:lock:${account}`), this.store.del(`lockout:fail:${account}`)]);
  }
}
