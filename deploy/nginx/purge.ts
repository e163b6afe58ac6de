/**
 * Empties the gateway's micro-cache whenever an API instance announces a data
 * change (`data-changed` on the shared store, see src/store/data-changed.ts).
 * Open-source nginx has no purge command, but a cache entry whose file is gone is
 * a MISS, so deleting the files is the purge. It must run on the nginx host:
 *
 *   REDIS_URL=redis://… tsx deploy/nginx/purge.ts --cache-dir /var/cache/nginx/openpolicy
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DATA_CHANGED } from '../../src/store/data-changed.js';
import { openStore, type Store } from '../../src/store/store.js';

/** Deletes every cached response below `dir` (files only: nginx keeps its level folders); returns how many. */
export async function emptyCache(dir: string): Promise<number> {
  let removed = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    // A file nginx replaced or removed meanwhile is already gone, which is the goal.
    await unlink(join(entry.parentPath, entry.name)).then(() => removed++, () => {});
  }
  return removed;
}

// An instance that had not yet dropped its own cache when the first purge ran may
// have refilled an entry with old data; a second pass shortly after removes it.
const SECOND_PASS_MS = 1000;

/** Subscribes to data changes and empties `dir` on each (twice, see SECOND_PASS_MS). */
export async function purgeOnDataChange(store: Store, dir: string, onPurge?: (removed: number) => void): Promise<void> {
  await store.subscribe(DATA_CHANGED, () => {
    void emptyCache(dir).then((n) => onPurge?.(n));
    setTimeout(() => void emptyCache(dir).then((n) => onPurge?.(n)), SECOND_PASS_MS).unref();
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'cache-dir': { type: 'string' } } });
  const dir = values['cache-dir'];
  const redisUrl = process.env.REDIS_URL;
  if (!dir || !redisUrl) throw new Error('usage: REDIS_URL=redis://… purge.ts --cache-dir <proxy_cache_path of the gateway>');
  const store = openStore(redisUrl);
  await purgeOnDataChange(store, dir, (n) => console.log(`${new Date().toISOString()} data changed: purged ${n} cached responses`));
  console.log(`purging ${dir} on every data change announced through ${new URL(redisUrl).host}`);
  process.once('SIGTERM', () => void store.close().then(() => process.exit(0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
