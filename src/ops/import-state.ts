/** What the background import is doing, so /health can answer while it runs. */
import type { ProgressSnapshot } from '../ingest/progress.js';

export interface ImportState {
  phase: 'idle' | 'running' | 'done' | 'failed';
  current: ProgressSnapshot | null;
  error: string | null;
}

export function createImportState(): ImportState {
  return { phase: 'idle', current: null, error: null };
}
