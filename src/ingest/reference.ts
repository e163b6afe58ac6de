/**
 * Records many sources point at (the federal legislature, its chambers, sessions).
 * Importers `ensure` them so any source can be loaded first.
 */
import type { Db } from '../db/client.js';
import { jurisdictions, legislativeSessions, organizations } from '../db/schema.js';
import { CANADA_DIVISION, FEDERAL_JURISDICTION, organizationId, sessionId } from '../domain/ids.js';
import { ordinal } from '../domain/legislatures.js';
import { ensure } from './upsert.js';

export const HOUSE_OF_COMMONS = organizationId(FEDERAL_JURISDICTION, 'lower', 'house-of-commons');
export const SENATE = organizationId(FEDERAL_JURISDICTION, 'upper', 'senate');
export const PARLIAMENT = organizationId(FEDERAL_JURISDICTION, 'legislature', 'parliament');

export async function ensureFederal(tx: Db): Promise<void> {
  await ensure(tx, jurisdictions, [{
    id: FEDERAL_JURISDICTION,
    name: 'Parliament of Canada',
    nameFr: 'Parlement du Canada',
    classification: 'legislature',
    level: 'federal',
    divisionId: CANADA_DIVISION,
    url: 'https://www.parl.ca',
  }]);
  await ensure(tx, organizations, [
    { id: PARLIAMENT, jurisdictionId: FEDERAL_JURISDICTION, name: 'Parliament of Canada', nameFr: 'Parlement du Canada', classification: 'legislature' },
    { id: HOUSE_OF_COMMONS, jurisdictionId: FEDERAL_JURISDICTION, parentId: PARLIAMENT, name: 'House of Commons', nameFr: 'Chambre des communes', classification: 'lower' },
    { id: SENATE, jurisdictionId: FEDERAL_JURISDICTION, parentId: PARLIAMENT, name: 'Senate', nameFr: 'Sénat', classification: 'upper' },
  ]);
}

/** Ensures the federal session `45-1` exists and returns its id. */
export async function ensureFederalSession(tx: Db, identifier: string): Promise<string> {
  const [parliament, session] = identifier.split('-').map(Number);
  const id = sessionId(FEDERAL_JURISDICTION, identifier);
  await ensureFederal(tx);
  await ensure(tx, legislativeSessions, [{
    id,
    jurisdictionId: FEDERAL_JURISDICTION,
    identifier,
    name: `${ordinal(parliament!)} Parliament, ${ordinal(session!)} Session`,
  }]);
  return id;
}
