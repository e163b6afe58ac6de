/**
 * Sources published as a set of files with fixed names (members_caucus.csv …,
 * sessions.json …): the importer takes their folder, the files one by one, or
 * both, and a `.gz` twin (how the bundled sample ships) stands for the file.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ImportError } from './runner.js';

export function sourceExists(path: string): boolean {
  return existsSync(path) || existsSync(`${path}.gz`);
}

/**
 * Finds every file of `names` among `paths`. Files named in `alsoAccepted` may
 * be given too (the caller picks them out of `paths`); any other file, a path
 * that does not exist or a missing member of the set fails the import.
 * Returns the files and the folder they came from.
 */
export function locateNamedFiles<P extends string>(
  paths: string[],
  names: Record<P, string>,
  alsoAccepted: string[] = [],
): { files: Record<P, string>; folder: string } {
  const parts = Object.entries(names) as [P, string][];
  const expected = [...parts.map(([, n]) => n), ...alsoAccepted].join(', ');
  const found: Partial<Record<P, string>> = {};
  for (const path of paths) {
    if (!sourceExists(path)) throw new ImportError(path, 'no such file or folder');
    if (existsSync(path) && statSync(path).isDirectory()) {
      for (const [part, name] of parts) if (sourceExists(join(path, name))) found[part] ??= join(path, name);
      continue;
    }
    const name = basename(path).replace(/\.gz$/, '');
    const part = parts.find(([, n]) => n === name)?.[0];
    if (part) found[part] = path;
    else if (!alsoAccepted.includes(name)) throw new ImportError(path, `unexpected file (expected ${expected})`);
  }
  const first = Object.values<string | undefined>(found).find((f) => f);
  const folder = first ? dirname(first) : paths[0] ?? '.';
  for (const [part, name] of parts) {
    if (!found[part]) throw new ImportError(join(folder, name), `missing: this import needs all of ${parts.map(([, n]) => n).join(', ')}`);
  }
  return { files: found as Record<P, string>, folder };
}
