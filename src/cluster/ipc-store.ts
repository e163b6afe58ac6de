/**
 * The in-process store of a cluster worker when there is no Redis: everything
 * stays in this process except publish, which goes through the primary to every
 * worker (this one included), so an import in one worker empties every
 * worker's response cache. Rate-limit counts stay per worker: set REDIS_URL for
 * limits shared by all.
 */
import type { Store } from '../store/store.js';

export const RELAY = 'openpolicy:publish';

interface RelayMessage {
  type: typeof RELAY;
  channel: string;
  message: string;
}

export function workerStore(local: Store): Store {
  process.on('message', (m: unknown) => {
    const relayed = m as RelayMessage | null;
    if (relayed?.type === RELAY) void local.publish(relayed.channel, relayed.message);
  });
  return {
    ...local,
    async publish(channel, message) {
      const relay: RelayMessage = { type: RELAY, channel, message };
      process.send!(relay);
    },
  };
}
