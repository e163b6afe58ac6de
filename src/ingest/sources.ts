/** Every importer the platform has, by the source name used on the CLI, in dependency-friendly order. */
import type { Importer } from './runner.js';

export const importers: Importer[] = [
];

export function findImporter(source: string): Importer | undefined {
  return importers.find((i) => i.source === source);
}
