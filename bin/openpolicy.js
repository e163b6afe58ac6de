#!/usr/bin/env node
// Runs the CLI in this process, so a supervisor's SIGTERM reaches the server itself (no child to orphan):
// the compiled dist/ when it is the build of the current sources (npm start builds it), which holds
// ~50 MB less than the TypeScript through tsx's loader; else the sources through tsx, so `npx openpolicy`
// needs no build step.
import { serverBuildIsCurrent } from '../scripts/server-build-current.mjs';

if (serverBuildIsCurrent()) {
  await import('../dist/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
