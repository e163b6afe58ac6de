/**
 * Timing and pool use for every database round trip, whichever driver runs it.
 * Drizzle sends each query through the driver's `unsafe` (postgres.js) or
 * `query` (PGlite) and each transaction through `begin` / `transaction`; those
 * two entry points of the one client are wrapped, so the count of unfinished
 * calls is the number of pool connections in use (beyond the pool size, the
 * rest wait), and every finished call is reported with its duration.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';

export interface QueryEvent {
  kind: 'query' | 'transaction';
  seconds: number;
  ok: boolean;
  /** The statement without its parameters (they can hold secrets); absent for a transaction. */
  text?: string;
}

export type QueryListener = (event: QueryEvent) => void;

export class QueryObserver {
  /** Queries and transactions started and not yet finished. */
  active = 0;
  private readonly listeners = new Set<QueryListener>();

  listen(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Counts `call` as a connection in use until it settles, then reports it. */
  track<P extends PromiseLike<unknown>>(kind: QueryEvent['kind'], text: string | undefined, call: () => P): P {
    const started = performance.now();
    this.active++;
    const done = (ok: boolean) => {
      this.active--;
      const event: QueryEvent = { kind, seconds: (performance.now() - started) / 1000, ok };
      if (text !== undefined) event.text = text;
      for (const listener of this.listeners) listener(event);
    };
    const pending = call();
    // Observe without changing what the caller gets back: postgres.js queries are lazy
    // promises that run on their first then(), after the caller's synchronous chaining (.values()).
    pending.then(() => done(true), () => done(false));
    return pending;
  }
}

/** Wraps the two entry points of a postgres.js client in place. */
export function instrumentPostgres(client: Sql, observer: QueryObserver): Sql {
  const unsafe = client.unsafe.bind(client);
  const begin = client.begin.bind(client);
  const run = unsafe as (q: string, ...r: unknown[]) => PromiseLike<unknown>;
  client.unsafe = ((query: string, ...rest: unknown[]) =>
    // begin() opens its transaction with unsafe('begin …'): that round trip belongs to the transaction already counted.
    query.startsWith('begin ') ? run(query, ...rest) : observer.track('query', query, () => run(query, ...rest))) as Sql['unsafe'];
  client.begin = ((...args: unknown[]) => observer.track('transaction', undefined, () => (begin as (...a: unknown[]) => Promise<unknown>)(...args))) as Sql['begin'];
  return client;
}

/** Wraps the two entry points of a PGlite instance in place (its transactions do not go through `query`). */
export function instrumentPglite(client: PGlite, observer: QueryObserver): PGlite {
  const query = client.query.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((text: string, ...rest: unknown[]) =>
    observer.track('query', text, () => (query as (t: string, ...r: unknown[]) => Promise<unknown>)(text, ...rest))) as PGlite['query'];
  client.transaction = ((callback: Parameters<PGlite['transaction']>[0]) => observer.track('transaction', undefined, () => transaction(callback))) as PGlite['transaction'];
  return client;
}
