/**
 * The totals of public lists, kept per filter until the data changes: counting
 * every matching row costs more than reading a page of them, and public data
 * changes only by imports, which announce `data-changed` to every instance.
 * Without the shared store (Redis) another process's import is seen after the
 * TTL, as with the response cache. Other figures, texts and orders computed over
 * public data (a person's attendance, search snippets and ranked hits) are kept the same way.
 */
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { DATA_CHANGED } from '../store/data-changed.js';

const NO_TEXTS: ReadonlyMap<string, string> = new Map();

/** A list's order kept over public data: its first items, and how many it has in all. */
export interface KeptOrder<T> {
  items: T[];
  total: number;
}
const MAX_ITEM_TEXTS = 200;
const textsSize = (texts: ReadonlyMap<string, string>) => {
  let size = 1;
  for (const [item, text] of texts) size += item.length + text.length;
  return size;
};

/** The keys of rows read at known positions of one list in one order, by position (ascending). */
interface KnownKeys {
  positions: number[];
  keys: unknown[][];
}
/** The positions kept of one list: its pages read by number, a few hundred at most on the full data (bills: 313 pages of 20). */
const MAX_KEYS_A_LIST = 2_000;

export class ListTotals {
  private readonly totals = new LRUCache<string, number>({ max: 20_000, ttl: 60_000 });
  private readonly figures = new LRUCache<string, Promise<object>>({ max: 2_000, ttl: 60_000 });
  // Sized by characters: a query's snippets run to a few hundred each.
  private readonly texts = new LRUCache<string, ReadonlyMap<string, string>>({ maxSize: 4_000_000, sizeCalculation: textsSize, ttl: 60_000 });
  // Sized by items: a search hit's type, id and sort key, a few hundred bytes each.
  private readonly orders = new LRUCache<string, KeptOrder<unknown>>({ maxSize: 40_000, sizeCalculation: (order) => order.items.length + 1, ttl: 60_000 });
  // Sized by keys: a row's sort key, a timestamp or a date and an id, ~200 bytes each.
  private readonly known = new LRUCache<string, KnownKeys>({ maxSize: 20_000, sizeCalculation: (k) => k.positions.length + 1, ttl: 60_000 });
  private changes = 0;

  /** Counts the data changes seen: what a request read before one is not kept after it (`keepKey`). */
  get generation(): number {
    return this.changes;
  }

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

  /** Texts computed per item of a key over public data (a query's search snippets, by hit), kept like the totals. */
  itemTexts(key: string): ReadonlyMap<string, string> {
    return this.texts.get(key) ?? NO_TEXTS;
  }

  /** Keeps more texts of a key's items, up to MAX_ITEM_TEXTS of them (a query's first pages, not all it matches). */
  keepItemTexts(key: string, items: [string, string][]): void {
    const known = this.itemTexts(key);
    const room = MAX_ITEM_TEXTS - known.size;
    if (room <= 0 || items.length === 0) return;
    this.texts.set(key, new Map([...known, ...items.slice(0, room)]));
  }

  /** A list's order kept over public data (a query's ranked search hits), kept like the totals. */
  order<T>(key: string): KeptOrder<T> | undefined {
    return this.orders.get(key) as KeptOrder<T> | undefined;
  }

  keepOrder<T>(key: string, order: KeptOrder<T>): void {
    this.orders.set(key, order);
  }

  /**
   * The sort key of the row nearest before position `offset` (0-based) of a list in its order (`orderKey`), among the rows
   * read so far in this data version: a page by number is then the page after that key, skipping only the rows between.
   */
  keyBefore(orderKey: string, offset: number): { position: number; key: unknown[] } | undefined {
    const known = this.known.get(orderKey);
    if (!known) return undefined;
    // The last position below offset.
    let lo = 0;
    let hi = known.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (known.positions[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : { position: known.positions[lo - 1]!, key: known.keys[lo - 1]! };
  }

  /** Keeps the sort key of the row at `position` of a list, read while the data was at `generation`. */
  keepKey(orderKey: string, position: number, key: unknown[], generation: number): void {
    if (generation !== this.changes) return;
    const known = this.known.get(orderKey) ?? { positions: [], keys: [] };
    let at = known.positions.length;
    while (at > 0 && known.positions[at - 1]! > position) at--;
    if (known.positions[at - 1] === position || known.positions.length >= MAX_KEYS_A_LIST) return;
    known.positions.splice(at, 0, position);
    known.keys.splice(at, 0, key);
    // Set again, as the cache sizes an entry when it is set; its keys expire with the first of them, like a total.
    this.known.set(orderKey, known, { noUpdateTTL: true });
  }

  clear(): void {
    this.changes++;
    this.known.clear();
    this.totals.clear();
    this.orders.clear();
    this.figures.clear();
    this.texts.clear();
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
