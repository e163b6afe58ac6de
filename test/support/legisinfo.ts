/** Real LEGISinfo bills of chosen sessions, cut from the shared tarball into a temporary folder. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DATA } from './db.js';

/** Paths of the metadata.xml files of `sessions` (e.g. ['45-1']), extracted from the real tarball. */
export function legisinfoBillFiles(sessions: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'op-legisinfo-'));
  execFileSync('tar', ['xzf', join(SHARED_DATA, 'legisinfo/bills-metadata.tar.gz'), '-C', dir, ...sessions.map((s) => `./${s}`)]);
  return sessions.flatMap((s) => readdirSync(join(dir, s, 'bills')).map((number) => join(dir, s, 'bills', number, 'metadata.xml')));
}
