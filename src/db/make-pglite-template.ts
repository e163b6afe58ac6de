/** `npm run pglite:template`: runs PGlite's initdb once and keeps the data directory it made (src/db/pglite-template.ts). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { templateFile } from './pglite-template.js';

const dir = mkdtempSync(join(tmpdir(), 'op-pglite-template-'));
try {
  const pglite = new PGlite({ dataDir: join(dir, 'pgdata') });
  await pglite.waitReady;
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  mkdirSync(dirname(templateFile), { recursive: true });
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  console.log(`${templateFile}: ${dump.size} bytes`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
