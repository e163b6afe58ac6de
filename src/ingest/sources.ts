/** Every importer the platform has, by the source name used on the CLI, in dependency-friendly order. */
import type { Importer } from './runner.js';
import { billTexts } from './bill-texts.js';
import { legisinfoBills } from './legisinfo-bills.js';
import { bcLegislature } from './bc-legislature.js';
import { hansard } from './hansard.js';
import { openparliament } from './openparliament.js';
import { ourcommonsMembers } from './ourcommons-members.js';
import { ourcommonsDivisions } from './ourcommons-divisions.js';
import { ourcommonsVotes } from './ourcommons-votes.js';
import { ocdDivisions } from './ocd-divisions.js';
import { municipal } from './municipal.js';

export const importers: Importer[] = [
  ocdDivisions,
  openparliament,
  ourcommonsMembers,
  legisinfoBills,
  billTexts,
  bcLegislature,
  ourcommonsDivisions,
  ourcommonsVotes,
  hansard,
  municipal,
];

export function findImporter(source: string): Importer | undefined {
  return importers.find((i) => i.source === source);
}
