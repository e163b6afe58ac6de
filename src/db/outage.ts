/**
 * What the process knows about its database being down. The first query that
 * fails for want of a connection opens the gate; while it is open, requests that
 * need the database are answered 503 at once instead of each waiting for a
 * connect timeout. Any query that succeeds closes it again (a readiness check's,
 * or the probe sent every PROBE_INTERVAL_MS while it is open), so reads recover
 * as soon as the database answers, without a restart.
 */
import { ping, type Database } from './client.js';
import { isDatabaseUnavailable } from './unavailable.js';

const PROBE_INTERVAL_MS = 500;
const PROBE_TIMEOUT_MS = 1_000;

export class DatabaseOutage {
  private isDown = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly unlisten: () => void;

  constructor(private readonly database: Database, private readonly onChange: (down: boolean) => void = () => {}) {
    this.unlisten = database.onQuery((event) => {
      if (event.ok && this.isDown) this.reachable();
    });
  }

  /** True from the first connection failure until a query succeeds. */
  get down(): boolean {
    return this.isDown;
  }

  /** Hears a failed query: a lost connection opens the gate; any other error says nothing about availability. */
  noticed(error: unknown): void {
    if (this.isDown || this.stopped || !isDatabaseUnavailable(error)) return;
    this.isDown = true;
    this.onChange(true);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.unlisten();
    if (this.timer) clearTimeout(this.timer);
  }

  private reachable(): void {
    this.isDown = false;
    if (this.timer) clearTimeout(this.timer);
    this.onChange(false);
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.probe(), PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  /** A success closes the gate through the query listener; a failure or no answer tries again later. */
  private async probe(): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([ping(this.database), new Promise((_, reject) => (timeout = setTimeout(reject, PROBE_TIMEOUT_MS, new Error('no answer'))))]);
    } catch {
      if (!this.stopped && this.isDown) this.schedule();
    } finally {
      clearTimeout(timeout);
    }
  }
}
