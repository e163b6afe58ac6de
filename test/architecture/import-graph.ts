/** The relative imports of a module of src/, read from its text, for the architecture tests. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const STATIC = /(?:^|[\s;])((?:import|export)\s[^'"]*?)from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const TYPE_ONLY = /^(?:import|export)\s+type\s/;

/**
 * The relative modules `file` imports, as absolute .ts paths: every static import and re-export
 * (type-only ones too) and every dynamic import(). With `onLoad`, only the modules loading `file`
 * loads with it: its static imports that are not type-only (erased when compiled).
 */
export function importsOf(file: string, { onLoad = false } = {}): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const m of text.matchAll(STATIC)) {
    if (onLoad && m[1] && TYPE_ONLY.test(m[1])) continue;
    specifiers.push((m[2] ?? m[3])!);
  }
  if (!onLoad) for (const m of text.matchAll(DYNAMIC)) specifiers.push(m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'));
}
