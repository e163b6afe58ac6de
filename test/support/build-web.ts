/**
 * Vitest global setup: the web site is built once, before any test file runs. The browser test
 * files each start a platform that serves web/dist; run at once in two workers, their own
 * builds would write the same files together.
 */
import { ensureWebBuilt } from '../../web/ensure-built.js';

export function setup(): void {
  ensureWebBuilt();
}
