#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader: `npx openpolicy` needs no build
// step, and a supervisor's SIGTERM reaches the server itself (no child to orphan).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
