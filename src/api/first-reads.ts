/**
 * The response cache's admission: which URLs were read once already. A URL is
 * kept from its second read within the cache's lifetime, as nginx's
 * `proxy_cache_min_uses 2` does, so a walk over every page (a crawler, a
 * client paging through a list) neither evicts the pages read again and again
 * nor pays for keeping pages nobody asks for twice. Filling the cache was
 * most of what a first anonymous read cost beyond a keyed one: copying the
 * body into a slab, and V8's full mark-compacts as new slabs count against
 * its external memory (note 12p-r13).
 *
 * A fixed table of 32-bit hashes, one slot per hash's low bits: a URL whose
 * slot another took since is read once more before it is kept; two URLs of
 * the same 32-bit hash are taken for one. Either way the cache stays right,
 * only one fill earlier or later. Nothing else ages the table: a URL read
 * again after a quiet hour was worth keeping too.
 */

const SLOTS = 1 << 16;

export class FirstReads {
  private readonly seen = new Uint32Array(SLOTS);

  /** Whether `key` was read before (as far as the table remembers); notes it as read either way. */
  readBefore(key: string): boolean {
    const hash = fnv1a(key) || 1;
    const slot = hash & (SLOTS - 1);
    if (this.seen[slot] === hash) return true;
    this.seen[slot] = hash;
    return false;
  }
}

/** FNV-1a over the UTF-16 code units: a URL key is ASCII after normalization, and short. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
