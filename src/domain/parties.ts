/**
 * Federal parties under one id whatever a source calls them: the House's caucus
 * short names ("Bloc Québécois", "Green Party"), openparliament's short names
 * ("Bloc", "Green"), Hansard's abbreviations ("BQ", "GP") and full names all land
 * on one organization, and every importer writes the same name, French name and
 * abbreviation for it, so two sources upserting a party never disagree.
 */
import { FEDERAL_JURISDICTION, organizationId } from './ids.js';
import { searchKey } from './text.js';

export interface FederalParty {
  /** The organizationId key: the House of Commons caucus short name where the party sat in the 44th Parliament. */
  key: string;
  name: string;
  nameFr: string | null;
  abbreviation: string | null;
}

interface KnownParty extends FederalParty {
  aliases: string[];
}

const KNOWN: KnownParty[] = [
  { key: 'Liberal', name: 'Liberal Party of Canada', nameFr: 'Parti libéral du Canada', abbreviation: 'Lib.', aliases: ['Lib.', 'LPC', 'PLC', 'Libéral'] },
  { key: 'Conservative', name: 'Conservative Party of Canada', nameFr: 'Parti conservateur du Canada', abbreviation: 'CPC', aliases: ['CPC', 'PCC', 'Cons.', 'Conservateur'] },
  { key: 'Bloc Québécois', name: 'Bloc Québécois', nameFr: 'Bloc Québécois', abbreviation: 'BQ', aliases: ['Bloc', 'BQ'] },
  { key: 'NDP', name: 'New Democratic Party', nameFr: 'Nouveau Parti démocratique', abbreviation: 'NDP', aliases: ['NPD', 'New Democrat'] },
  { key: 'Green Party', name: 'Green Party of Canada', nameFr: 'Parti vert du Canada', abbreviation: 'GP', aliases: ['Green', 'GP', 'PV', 'Parti vert'] },
  { key: 'Independent', name: 'Independent', nameFr: 'Indépendant', abbreviation: 'Ind.', aliases: ['Ind.', 'IND', 'Indépendant', 'Indépendante'] },
  { key: 'Progressive Conservative', name: 'Progressive Conservative Party of Canada', nameFr: 'Parti progressiste-conservateur du Canada', abbreviation: 'PC', aliases: ['PC', 'Progressive Conservative Party'] },
  { key: 'Canadian Alliance', name: 'Canadian Alliance', nameFr: 'Alliance canadienne', abbreviation: 'CA', aliases: ['Alliance'] },
  { key: 'Reform', name: 'Reform Party of Canada', nameFr: 'Parti réformiste du Canada', abbreviation: 'Ref.', aliases: ['Ref.', 'Reform Party'] },
];

const BY_ALIAS = new Map<string, KnownParty>();
for (const party of KNOWN) {
  for (const alias of [party.key, party.name, party.nameFr, party.abbreviation, ...party.aliases]) {
    if (alias) BY_ALIAS.set(searchKey(alias), party);
  }
}

/** The known party a source's name or abbreviation stands for, or null for a party not in the table. */
export function knownFederalParty(name: string): FederalParty | null {
  const found = BY_ALIAS.get(searchKey(name));
  return found ? { key: found.key, name: found.name, nameFr: found.nameFr, abbreviation: found.abbreviation } : null;
}

/** The known party, else a party known by this name alone (a minor party only one source lists). */
export function federalParty(name: string, fallback: Omit<FederalParty, 'key'> = { name, nameFr: null, abbreviation: null }): FederalParty {
  return knownFederalParty(name) ?? { key: name, ...fallback };
}

/** The organizations row of a party (without provenance), the same whichever source writes it. */
export function partyOrganization(party: FederalParty) {
  return {
    id: organizationId(FEDERAL_JURISDICTION, 'party', party.key),
    jurisdictionId: FEDERAL_JURISDICTION,
    name: party.name,
    nameFr: party.nameFr,
    classification: 'party',
    abbreviation: party.abbreviation,
  };
}

/** The organization id of a federal party from any of its names. */
export function federalPartyId(name: string): string {
  return organizationId(FEDERAL_JURISDICTION, 'party', knownFederalParty(name)?.key ?? name);
}
