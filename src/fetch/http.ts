/**
 * A polite HTTP client for the publishers' servers: one request at a time to
 * each host, the next `hostIntervalMs` after the last answer, a User-Agent naming who fetches and
 * how to reach them, conditional GETs (If-None-Match / If-Modified-Since), and
 * retries with doubling waits (or the server's Retry-After) for network errors,
 * timeouts, 429 and 5xx. A 404 is an answer (the document does not exist), not
 * a failure.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { recordFetchRequest } from '../ops/metrics.js';
import { VERSION } from '../ops/version.js';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type HttpAnswer =
  | { status: 'modified'; body: Buffer; contentType: string | null; validators: Validators }
  | { status: 'not-modified' }
  | { status: 'missing' };

export interface PoliteHttpOptions {
  /** Contact address (email or URL) for the User-Agent. */
  contact: string;
  hostIntervalMs: number;
  retries: number;
  backoffMs: number;
  /** Longest a single request may take. */
  timeoutMs?: number;
}

/** A request that failed for good (after its retries), with the reason a person can act on. */
export class FetchError extends Error {
  constructor(readonly url: string, readonly attempts: number, reason: string) {
    super(`GET ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`);
    this.name = 'FetchError';
  }
}

// Never wait longer than this for a server's Retry-After: the next scheduled run will try again.
const MAX_RETRY_AFTER_MS = 5 * 60_000;
const RETRYABLE = (status: number) => status === 429 || status >= 500;

export function userAgent(contact: string): string {
  return `OpenPolicy/${VERSION} (+${contact}; open legislative data for Canada)`;
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : at - Date.now();
}

export class PoliteHttp {
  private readonly userAgent: string;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly nextAt = new Map<string, number>();

  constructor(private readonly options: PoliteHttpOptions) {
    this.userAgent = userAgent(options.contact);
  }

  /** Waits for this host's turn; returns the function that ends it. */
  private async turn(host: string): Promise<() => void> {
    const previous = this.queues.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.queues.set(host, previous.then(() => mine));
    await previous;
    const wait = (this.nextAt.get(host) ?? 0) - Date.now();
    if (wait > 0) await sleep(wait);
    // Counted from the end of the answer, so the server sees the gap whatever the connection's latency.
    return () => {
      this.nextAt.set(host, Date.now() + this.options.hostIntervalMs);
      release();
    };
  }

  /** GET `url`, conditionally when `validators` are given. Throws FetchError once its retries are spent. */
  async get(url: string, validators: Validators | null = null): Promise<HttpAnswer> {
    const host = new URL(url).host;
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: '*/*' };
    if (validators?.etag) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
    let reason = '';
    const attempts = this.options.retries + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let wait = this.options.backoffMs * 2 ** (attempt - 1);
      const release = await this.turn(host);
      try {
        const response = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000) });
        if (response.status === 304) {
          await response.body?.cancel();
          recordFetchRequest(host, 'not_modified');
          return { status: 'not-modified' };
        }
        if (response.status === 404 || response.status === 410) {
          await response.body?.cancel();
          recordFetchRequest(host, 'missing');
          return { status: 'missing' };
        }
        if (response.ok) {
          const body = Buffer.from(await response.arrayBuffer());
          recordFetchRequest(host, 'modified');
          return {
            status: 'modified',
            body,
            contentType: response.headers.get('content-type'),
            validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
          };
        }
        await response.body?.cancel();
        reason = `HTTP ${response.status} ${response.statusText}`.trim();
        if (!RETRYABLE(response.status)) {
          recordFetchRequest(host, 'failed');
          throw new FetchError(url, attempt, reason);
        }
        const after = retryAfterMs(response.headers.get('retry-after'));
        if (after !== null) wait = Math.min(Math.max(wait, after), MAX_RETRY_AFTER_MS);
      } catch (e) {
        if (e instanceof FetchError) throw e;
        reason = e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e);
      } finally {
        release();
      }
      if (attempt < attempts) {
        recordFetchRequest(host, 'retried');
        await sleep(wait);
      }
    }
    recordFetchRequest(host, 'failed');
    throw new FetchError(url, attempts, reason);
  }
}
