/**
 * The totals of public lists, kept per filter until the data changes: counting
 * every matching row costs more than reading a page of them, and public data
 * changes only by imports, which announce `data-changed` to every instance.
 * Without the shared store (Redis) another process's import is seen after the
 * TTL, as with the response cache.
 */
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { DATA_CHANGED } from '../store/data-changed.js';

export class ListTotals {
  private readonly totals = new LRUCache<string, number>({ max: 20_000, ttl: 60_000 });
  private readonly figures = new LRUCache<string, Promise<object>>({ max: 2_000, ttl: 60_000 });

  get(key: string): number | undefined {
    return this.totals.get(key);
  }

  /** Keeps a total and returns it. */
  set(key: string, total: number): number {
    this.totals.set(key, total);
    return total;
  }

  /**
   * Figures computed over public data (a person's attendance and dissent), kept
   * like the totals; concurrent first asks share one computation, and a failed
   * one is not kept.
   */
  remember<T extends object>(key: string, compute: () => Promise<T>): Promise<T> {
    const known = this.figures.get(key) as Promise<T> | undefined;
    if (known) return known;
    const figure = compute();
    this.figures.set(key, figure);
    figure.catch(() => {
      if (this.figures.get(key) === figure) this.figures.delete(key);
    });
    return figure;
  }

  clear(): void {
    this.totals.clear();
    this.figures.clear();
  }

  /** Empties the totals whenever any instance announces a data change. */
  clearOnDataChange(app: FastifyInstance): void {
    app.store.subscribe(DATA_CHANGED, () => this.clear()).catch((e: Error) => app.log.warn({ err: e }, 'list totals invalidation channel unavailable'));
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    listTotals: ListTotals;
  }
}
