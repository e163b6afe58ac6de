import { describe, expect, it } from 'vitest';
import { billId, FEDERAL_JURISDICTION, organizationId, stableUuid } from '../../src/domain/ids.js';

describe('stable ids', () => {
  it('are the ids every import has given these records (the full data set\'s rows), non-ASCII keys included', () => {
    expect(billId(FEDERAL_JURISDICTION, '45-1', 'c-12')).toBe('ocd-bill/357d0efb-221e-5fe9-bf71-25cae6c96b3a');
    expect(organizationId(FEDERAL_JURISDICTION, 'party', 'Bloc Québécois')).toBe('ocd-organization/4c4192c1-8916-5981-b613-a52ee7f42b2e');
  });

  it('have the RFC 4122 name-based SHA-1 layout (version 5, variant 10)', () => {
    for (const parts of [['bill'], ['vote', 'x', 44, '1'], ['\u0000', 'é', '\ud800']]) {
      expect(stableUuid(...parts)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
