/**
 * The `data-changed` channel: an import (in a server or a CLI run) announces that
 * imported data changed, and every instance drops what it derived from the old data
 * (response cache, list totals, the replica's lag tolerance). Through the shared
 * store, so Redis carries it across instances.
 */
import type { Store } from './store.js';

export const DATA_CHANGED = 'data-changed';

/** Tell every instance that imported data changed. */
export async function announceDataChange(store: Store): Promise<void> {
  await store.publish(DATA_CHANGED, String(Date.now())).catch(() => {});
}
