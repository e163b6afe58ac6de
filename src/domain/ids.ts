/**
 * Public identifiers. OCD ids carry a UUID derived (name-based, RFC 4122 v5 layout
 * over SHA-1) from the record's natural key, so every import of the same fact
 * lands on the same row and importers can link records without a lookup.
 */
import { hash } from 'node:crypto';

const NAMESPACE = 'openpolicy.ca';

export function stableUuid(...parts: (string | number)[]): string {
  // One-shot: a bill's detail derives its id per request, and an import per record.
  const digest = hash('sha1', `${NAMESPACE}\u0000${parts.join('\u0000')}`, 'buffer');
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const FEDERAL_JURISDICTION = 'ocd-jurisdiction/country:ca/legislature';
export const CANADA_DIVISION = 'ocd-division/country:ca';

export function provinceJurisdiction(code: string): string {
  return `ocd-jurisdiction/country:ca/province:${code.toLowerCase()}/legislature`;
}
export function municipalJurisdiction(divisionId: string): string {
  return `${divisionId.replace('ocd-division/', 'ocd-jurisdiction/')}/council`;
}

/** A session's id is its jurisdiction's id plus the session identifier, e.g. `.../legislature/45-1`. */
export function sessionId(jurisdictionId: string, identifier: string): string {
  return `${jurisdictionId}/${identifier}`;
}

export function billId(jurisdictionId: string, session: string, number: string): string {
  return `ocd-bill/${stableUuid('bill', jurisdictionId, session, number.toUpperCase())}`;
}

export function voteEventId(jurisdictionId: string, session: string, divisionNumber: string | number): string {
  return `ocd-vote/${stableUuid('vote', jurisdictionId, session, String(divisionNumber))}`;
}

/** People keyed by a source identifier, e.g. ("parl-person-id", "89449"). */
export function personId(scheme: string, identifier: string | number): string {
  return `ocd-person/${stableUuid('person', scheme, String(identifier))}`;
}

/** Organizations keyed by jurisdiction, classification and a stable key (acronym, party name). */
export function organizationId(jurisdictionId: string, classification: string, key: string): string {
  return `ocd-organization/${stableUuid('organization', jurisdictionId, classification, key.toLowerCase())}`;
}

/** Any other record: a namespaced UUID from its natural key. */
export function recordId(kind: string, ...parts: (string | number)[]): string {
  return stableUuid(kind, ...parts);
}
