/** The embedded database's memory settings: its shared buffers sit in a WASM heap that never shrinks, and V8's optimizing compiler's zones in malloc arenas that are not given back. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';

const CLIENT = new URL('../../src/db/client.ts', import.meta.url).href;

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

  it('has V8 compile its WASM with Liftoff only, never TurboFan', async () => {
    // A process of its own, which V8 tells of every WASM function it compiles and with which compiler.
    const dataDir = mkdtempSync(join(tmpdir(), 'openpolicy-embedded-'));
    try {
      const open = `const { openDatabase } = await import(${JSON.stringify(CLIENT)});
const database = await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
await database.migrate();
await database.close();`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--trace-wasm-compilation-times', '--import', 'tsx', '--input-type=module', '-e', open], { maxBuffer: 256 * 1024 * 1024 });
      // "Compiled function <module>#<index> using Liftoff|TurboFan, …". PGlite's module is the one with thousands of
      // functions; tsx's loader brings one more (a module lexer, about fifty functions), which tiers up before PGlite loads.
      const byModule = new Map<string, string[]>();
      for (const [, module, compiler] of stdout.matchAll(/^Compiled function (0x[0-9a-f]+)#\d+ using (\w+),/gm)) {
        byModule.set(module!, [...(byModule.get(module!) ?? []), compiler!]);
      }
      const pglite = [...byModule.values()].sort((a, b) => b.length - a.length)[0] ?? [];
      expect(pglite.length).toBeGreaterThan(1000);
      expect(new Set(pglite)).toEqual(new Set(['Liftoff']));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
