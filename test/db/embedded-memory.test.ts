/** The embedded database's memory settings: its shared buffers sit in a WASM heap that never shrinks. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';

describe('the embedded database', () => {
  it('keeps its shared buffers at 16 MB, not the 128 MB its data folder template sets', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openpolicy-embedded-'));
    const database = await openDatabase({ dataDir });
    try {
      const [row] = await database.rows<{ shared_buffers: string }>(sql`SHOW shared_buffers`);
      expect(row?.shared_buffers).toBe('16MB');
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
