import postgres from 'postgres';
import { describe, expect, it } from 'vitest';

// scripts/patch-postgres.mjs runs on `npm install` (postinstall). Installed with --ignore-scripts, postgres.js
// keeps its per-query arrow functions and the server promotes every query's rows to old space (the note
// docs/notes/2026-12-07-issue-12p-r11.md): this catches that install.
describe('postgres.js as installed (scripts/patch-postgres.mjs)', () => {
  it("settles a query through Query's prototype methods, not through closures made per query", async () => {
    const client = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1 });
    const query: object = client.unsafe('select 1');
    expect(Object.hasOwn(query, 'resolve') || Object.hasOwn(query, 'reject')).toBe(false);
    expect('resolve' in query && 'reject' in query).toBe(true);
    await client.end({ timeout: 0 });
  });
});
