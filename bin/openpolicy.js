#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-old-space-size=1024 --max-semi-space-size=8
// Runs the CLI in this process, so a supervisor's SIGTERM reaches the server itself (no child to orphan):
// the compiled dist/ when it is the build of the current sources (npm start builds it), which holds
// ~50 MB less than the TypeScript through tsx's loader; else the sources through tsx, so `npx openpolicy`
// needs no build step. The shebang is the one place node's flags are written: `npm start` and the other
// npm scripts run this file (package.json), the bench and the tests read them from here (startArguments in
// scripts/server-build.ts). Its old-space limit: under 2 GB of limit V8 grows its heap to at most 1.6x
// what it keeps live, not 4x, which holds down the embedded first start's peak; a full import holds
// ~90-130 MB live (docs/notes/2026-12-06-issue-12g-r7.md). MALLOC_ARENA_MAX, set by env before node
// starts (glibc reads it once, at its own start; startEnvironment gives it to the bench and the tests):
// without it each thread that mallocs (V8's platform workers among them) gets an arena of its own, and
// each keeps its freed top once an 8 MB block has raised glibc's trim threshold: 11-15 MB resident after a
// bench-like load with 0.2 MB in use, 3-7 MB with two arenas; RSS under that load 4 MB lower on average,
// for the same Node CPU (docs/notes/2026-12-07-issue-12r-r14.md, 2026-12-08-issue-12m-r15.md). The young
// generation's bound: V8's default semi-space of 16 MB keeps 32 MB resident once a load has grown it; at 8 MB the
// server read 137 MB after a keyed load against 151-159, for Node CPU x0.98-1.04 a request (A/A x0.97-1.01;
// docs/notes/2026-12-08-issue-12-r15.md).
import { serverBuildIsCurrent } from '../scripts/server-build-current.mjs';

if (serverBuildIsCurrent()) {
  await import('../dist/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
