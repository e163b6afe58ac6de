/**
 * Who spoke and who voted in a Hansard sitting: printed names, ridings and
 * affiliation ids resolved to people.
 *
 * Two pools of members are searched in turn: those whose House membership
 * covers the sitting's date (they carry the party a ballot counts for), then
 * everyone any source seats in the House at any time (person records: the
 * openparliament and LEGISinfo records reach the 2011–2021 Parliaments the
 * membership data does not). An affiliation id that a source lists for a
 * person (openparliament's `parl_id`) names them outright.
 */
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { memberships, organizations, people, personRecords } from '../db/schema.js';
import { searchKey } from '../domain/text.js';
import { HOUSE_OF_COMMONS } from './reference.js';

export interface Member {
  personId: string;
  nameKey: string;
  familyKey: string;
  firstKey: string;
  districtKey: string | null;
  party: string | null;
}

/** What a heading, a table-of-contents line or a ballot prints of a person. */
export interface Printed {
  surname?: string | null;
  name?: string | null;
  riding?: string | null;
}

/** Accent-, case- and dash-insensitive key: "Esquimalt—Saanich—Sooke" = "esquimalt-saanich-sooke". */
export function nameKey(value: string | null | undefined): string {
  return searchKey(value).replace(/\s*[-‐‑–—]\s*/g, '-').replace(/[’`]/g, "'").replace(/\./g, '');
}

function member(personId: string, name: string, given: string | null, family: string | null, district: string | null, party: string | null): Member {
  const key = nameKey(name);
  return {
    personId,
    nameKey: key,
    familyKey: nameKey(family) || key.split(' ').at(-1)!,
    firstKey: nameKey(given).split(' ')[0] || key.split(' ')[0]!,
    districtKey: district ? nameKey(district) : null,
    party,
  };
}

async function sittingMembers(tx: Db, date: string): Promise<Member[]> {
  const rows = await tx
    .select({
      personId: people.id, name: people.name, givenName: people.givenName, familyName: people.familyName,
      district: memberships.district, party: organizations.name,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .leftJoin(organizations, eq(organizations.id, memberships.onBehalfOfId))
    .where(and(
      eq(memberships.organizationId, HOUSE_OF_COMMONS),
      or(isNull(memberships.startDate), lte(memberships.startDate, date)),
      or(isNull(memberships.endDate), gte(memberships.endDate, date)),
    ));
  return rows.map((r) => member(r.personId, r.name, r.givenName, r.familyName, r.district, r.party));
}

interface KnownMembers {
  members: Member[];
  /** Affiliation id → person, from the sources that list them. */
  byAffiliation: Map<string, string>;
}

/** Every House seat any source records for a resolved person, whatever its dates. */
async function knownMembers(tx: Db): Promise<KnownMembers> {
  const rows = await tx.select({
    personId: personRecords.personId, name: personRecords.name, givenName: personRecords.givenName, familyName: personRecords.familyName,
    seats: personRecords.seats, otherIdentifiers: personRecords.otherIdentifiers,
  }).from(personRecords);
  const members: Member[] = [];
  const byAffiliation = new Map<string, string>();
  for (const r of rows) {
    if (!r.personId) continue;
    for (const seat of r.seats) {
      if (seat.organization === HOUSE_OF_COMMONS) members.push(member(r.personId, r.name, r.givenName, r.familyName, seat.district ?? null, null));
    }
    for (const id of r.otherIdentifiers) if (id.scheme === 'parl-affiliation-id') byAffiliation.set(id.identifier, r.personId);
  }
  return { members, byAffiliation };
}

class Pool {
  constructor(private readonly candidates: Member[]) {}

  find(personId: string): Member | null {
    return this.candidates.find((c) => c.personId === personId) ?? null;
  }

  private static unique(found: Member[]): Member | null {
    const ids = new Set(found.map((c) => c.personId));
    return ids.size === 1 ? found[0]! : null;
  }

  private static bearsSurname(c: Member, surname: string): boolean {
    return c.familyKey === surname || c.nameKey === surname || c.nameKey.endsWith(` ${surname}`);
  }

  /**
   * By riding (checked against the name), then full name, then surname unique
   * in the pool. A full name printed without riding must also agree on the
   * first name, so a committee witness is not mistaken for a member.
   */
  resolve(printed: Printed): Member | null {
    const name = nameKey(printed.name);
    const surname = nameKey(printed.surname);
    const first = name.split(' ')[0];
    const bySurname = (c: Member) => (surname ? Pool.bearsSurname(c, surname) : name === c.nameKey || name.endsWith(` ${c.familyKey}`));
    const { unique } = Pool;
    if (printed.riding) {
      const riding = nameKey(printed.riding);
      const found = unique(this.candidates.filter((c) => c.districtKey === riding && bySurname(c)));
      if (found) return found;
    }
    if (name) {
      const found = unique(this.candidates.filter((c) => c.nameKey === name));
      if (found) return found;
    }
    const sameSurname = this.candidates.filter(bySurname);
    if (surname) {
      const found = unique(sameSurname);
      if (found || !name) return found;
    }
    return name ? unique(sameSurname.filter((c) => c.firstKey === first)) : null;
  }
}

/** Members sitting on the date first (they carry their party), then anyone the sources seat in the House. */
export class MemberResolver {
  private constructor(private readonly sitting: Pool, private readonly known: Pool, private readonly byAffiliation: Map<string, string>) {}

  static async forDate(tx: Db, date: string): Promise<MemberResolver> {
    const [sitting, known] = await Promise.all([sittingMembers(tx, date), knownMembers(tx)]);
    return new MemberResolver(new Pool(sitting), new Pool(known.members), known.byAffiliation);
  }

  resolve(printed: Printed): Member | null {
    return this.sitting.resolve(printed) ?? this.known.resolve(printed);
  }

  /** The person a source lists with this affiliation id (with their party if they sat on the date). */
  byAffiliationId(dbId: string | undefined): Member | null {
    const personId = dbId ? this.byAffiliation.get(dbId) : undefined;
    if (!personId) return null;
    return this.sitting.find(personId) ?? { personId, nameKey: '', familyKey: '', firstKey: '', districtKey: null, party: null };
  }
}
