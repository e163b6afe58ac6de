/**
 * Patches postgres.js after `npm install` (the package's `postinstall`): its `Query` (a Promise subclass) keeps
 * `resolve`/`reject` as arrow functions made in its constructor. With them, V8's young generation keeps every
 * query's result alive until a Mark-Compact: each request's rows are promoted to old space (~24 KB a 20-row bills
 * page, ~150 KB at 100 rows), and GC takes a quarter to a third of a keyed list's CPU. Holding the promise's own
 * resolving functions instead, and settling through prototype methods, does the same and promotes nothing
 * (docs/notes/2026-12-07-issue-12p-r11.md has the reproduction). Idempotent; fails loudly on another postgres.js.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The package's main is cjs/src/index.js (its exports hide package.json).
const root = join(dirname(createRequire(import.meta.url).resolve('postgres')), '../..');
const closures = `    this.resolve = x => (this.active = false, resolve(x))
    this.reject = x => (this.active = false, reject(x))
`;
const fields = `    this.settle = resolve
    this.fail = reject
`;
const methods = `  resolve(x) {
    this.active = false
    this.settle(x)
  }

  reject(x) {
    this.active = false
    this.fail(x)
  }

  get origin() {`;

// src/ is what `import` loads, cjs/src/ what `require` loads.
for (const file of ['src/query.js', 'cjs/src/query.js'].map((f) => join(root, f))) {
  const text = readFileSync(file, 'utf8');
  if (text.includes(fields)) continue;
  if (!text.includes(closures) || !text.includes('  get origin() {')) throw new Error(`${file}: not the postgres.js Query this patch knows (scripts/patch-postgres.mjs)`);
  writeFileSync(file, text.replace(closures, fields).replace('  get origin() {', methods));
}
