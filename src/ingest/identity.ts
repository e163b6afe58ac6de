/**
 * One person, one record. Each source writes what it says about a person as a
 * person record (src/db/schema.ts `person_records`); the resolver groups the
 * records that are the same person and derives one `people` row per group.
 *
 * Records are the same person when they share a House PersonId, an
 * openparliament politician id or a Hansard affiliation id; failing that, when
 * the same name sat for the same riding of the same chamber (a member re-elected
 * appears in one source for one Parliament and in another for the next, so the
 * seats need not overlap in time). A name-and-riding match that would join two
 * different PersonIds or two different openparliament politicians is not made;
 * it, and every other pair of people with one name, is listed in
 * `person_candidates` for a person to decide.
 *
 * Groups and their ids are recomputed from every record each time, and a
 * group's id depends only on its identifiers (the lowest PersonId, else the
 * lowest openparliament id), so the result is the same whatever order the
 * sources are imported in, and a second import changes nothing.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { people, personCandidates, personRecords, type OtherIdentifier } from '../db/schema.js';
import { personId } from '../domain/ids.js';
import { personNameKey, searchKey } from '../domain/text.js';
import { districtKey } from './federal-districts.js';
import type { ImportContext } from './runner.js';
import { upsert, type WriteCounts } from './upsert.js';

export type PersonRecordRow = Omit<typeof personRecords.$inferInsert, 'source' | 'personId'>;
type StoredRecord = typeof personRecords.$inferSelect;
type Evidence = Pick<StoredRecord, 'source' | 'sourceKey' | 'personId' | 'name' | 'otherNames' | 'otherIdentifiers' | 'seats'>;

/** Identifiers that name exactly one person. */
const LINKING_SCHEMES = new Set(['parl-person-id', 'openparliament-politician', 'parl-affiliation-id']);
/** Schemes of which one person has one value: two values in a group mean two people. */
const EXCLUSIVE_SCHEMES = ['parl-person-id', 'openparliament-politician'] as const;
/** Whose name, photo and contacts a person shows when several sources describe them. */
const SOURCE_PRIORITY = ['ourcommons-members', 'openparliament', 'legisinfo-bills', 'hansard'];
// Serialises resolutions: two imports resolving at once would each miss the other's records.
const RESOLVE_LOCK = 727_015;

/** Two people who may be one, for a person to decide. */
export interface Candidate {
  personId: string;
  otherPersonId: string;
  name: string;
  reason: string;
}

export interface Resolution {
  /** Record key (`source\0sourceKey`) → the person it belongs to. */
  personOf: Map<string, string>;
  candidates: Candidate[];
}

export function recordKey(r: { source: string; sourceKey: string }): string {
  return `${r.source}\u0000${r.sourceKey}`;
}

class Groups {
  private readonly parent: number[];
  readonly ids: Map<string, Set<string>>[];
  constructor(records: Evidence[]) {
    this.parent = records.map((_, i) => i);
    this.ids = records.map((r) => {
      const m = new Map<string, Set<string>>();
      for (const s of EXCLUSIVE_SCHEMES) m.set(s, new Set(r.otherIdentifiers.filter((i) => i.scheme === s).map((i) => i.identifier)));
      return m;
    });
  }
  root(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]!]!;
    return i;
  }
  /** The exclusive scheme on which the groups of a and b disagree, if any. */
  clash(a: number, b: number): string | null {
    const [x, y] = [this.ids[this.root(a)]!, this.ids[this.root(b)]!];
    for (const s of EXCLUSIVE_SCHEMES) {
      const union = new Set([...x.get(s)!, ...y.get(s)!]);
      if (union.size > 1) return s;
    }
    return null;
  }
  join(a: number, b: number): void {
    const [ra, rb] = [this.root(a), this.root(b)];
    if (ra === rb) return;
    this.parent[rb] = ra;
    for (const s of EXCLUSIVE_SCHEMES) for (const v of this.ids[rb]!.get(s)!) this.ids[ra]!.get(s)!.add(v);
  }
}

/**
 * A name key and, when it has middle names, the key without them: the House lists
 * "Michael D. Chong" and LEGISinfo "Megan Anissa Leslie" where Hansard and
 * openparliament print "Michael Chong" and "Megan Leslie". Only a seat match uses
 * it, so the riding still has to agree.
 */
function nameVariants(name: string): string[] {
  const key = personNameKey(name);
  const tokens = key.split(' ');
  return tokens.length > 2 ? [key, `${tokens[0]} ${tokens.at(-1)}`] : [key];
}

function seatKeys(r: Evidence): string[] {
  const names = new Set([r.name, ...r.otherNames.map((n) => n.name)].flatMap(nameVariants).filter(Boolean));
  return [...names].flatMap((n) => r.seats.map((s) => `${s.organization}|${districtKey(s.district)}|${n}`));
}

/** The id a group of records goes by: the lowest PersonId, else the lowest openparliament id, else its first record's key. */
function groupId(records: Evidence[]): string {
  const ids = (scheme: string) => records.flatMap((r) => r.otherIdentifiers.filter((i) => i.scheme === scheme).map((i) => i.identifier))
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const house = ids('parl-person-id')[0];
  if (house) return personId('parl-person-id', house);
  const op = ids('openparliament-politician')[0];
  if (op) return personId('openparliament-politician', op);
  const first = records.map(recordKey).sort()[0]!;
  return personId('record', first);
}

/** Groups every record into people (pure: the same records give the same answer in any order). */
export function resolveRecords(records: Evidence[]): Resolution {
  const sorted = [...records].sort((a, b) => recordKey(a).localeCompare(recordKey(b)));
  const groups = new Groups(sorted);
  const byIdentifier = new Map<string, number>();
  sorted.forEach((r, i) => {
    for (const id of r.otherIdentifiers) {
      if (!LINKING_SCHEMES.has(id.scheme)) continue;
      const key = `${id.scheme}:${id.identifier}`;
      const seen = byIdentifier.get(key);
      if (seen === undefined) byIdentifier.set(key, i);
      else groups.join(seen, i);
    }
  });

  const bySeat = new Map<string, number[]>();
  sorted.forEach((r, i) => {
    for (const key of seatKeys(r)) bySeat.set(key, [...(bySeat.get(key) ?? []), i]);
  });
  const clashes = new Map<string, string>();
  for (const key of [...bySeat.keys()].sort()) {
    const [first, ...rest] = bySeat.get(key)!;
    for (const i of rest) {
      const scheme = groups.clash(first!, i);
      if (!scheme) groups.join(first!, i);
      else clashes.set(`${first}|${i}`, `same name and riding (${key.split('|')[1]}), different ${scheme}`);
    }
  }

  const members = new Map<number, Evidence[]>();
  sorted.forEach((r, i) => members.set(groups.root(i), [...(members.get(groups.root(i)) ?? []), r]));
  const personOf = new Map<string, string>();
  for (const group of members.values()) {
    const id = groupId(group);
    for (const r of group) personOf.set(recordKey(r), id);
  }

  const reasons = new Map<string, string>();
  for (const [pair, reason] of clashes) {
    const [a, b] = pair.split('|').map((i) => personOf.get(recordKey(sorted[Number(i)]!))!).sort();
    reasons.set(`${a}|${b}`, reason);
  }
  const byName = new Map<string, Set<string>>();
  sorted.forEach((r) => {
    const key = personNameKey(r.name);
    byName.set(key, (byName.get(key) ?? new Set()).add(personOf.get(recordKey(r))!));
  });
  const candidates: Candidate[] = [];
  for (const [name, ids] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    const list = [...ids].sort();
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const reason = reasons.get(`${list[a]}|${list[b]}`) ?? 'same name, no shared identifier or riding';
        candidates.push({ personId: list[a]!, otherPersonId: list[b]!, name, reason });
      }
    }
  }
  return { personOf, candidates };
}

function priority(r: StoredRecord): number {
  const p = SOURCE_PRIORITY.indexOf(r.source);
  return p < 0 ? SOURCE_PRIORITY.length : p;
}

function distinct<T>(values: T[]): T[] {
  return [...new Map(values.map((v) => [JSON.stringify(v), v])).values()];
}

/** One person from all their records: names and photo from the most authoritative source, every identifier, contact and source. */
export function derivePerson(id: string, records: StoredRecord[]): typeof people.$inferInsert {
  const ordered = [...records].sort((a, b) => priority(a) - priority(b) || a.sourceKey.localeCompare(b.sourceKey));
  const main = ordered[0]!;
  const first = <K extends keyof StoredRecord>(k: K) => ordered.find((r) => r[k] !== null && r[k] !== undefined)?.[k] ?? null;
  const mainKey = personNameKey(main.name);
  const otherNames = [...new Map(ordered
    .flatMap((r) => [...(r.name === main.name ? [] : [{ name: r.name, note: r.source }]), ...r.otherNames])
    .filter((n) => personNameKey(n.name) !== mainKey)
    .map((n) => [personNameKey(n.name), n])).values()];
  return {
    id,
    name: main.name,
    givenName: main.givenName,
    familyName: main.familyName,
    sortName: main.sortName,
    searchName: searchKey(main.name, ...otherNames.map((n) => n.name)),
    otherNames,
    gender: first('gender'),
    image: first('image'),
    email: first('email'),
    contactDetails: distinct(ordered.flatMap((r) => r.contactDetails)),
    links: distinct(ordered.flatMap((r) => r.links)),
    otherIdentifiers: distinct(ordered.flatMap((r) => r.otherIdentifiers)) as OtherIdentifier[],
    sources: distinct(ordered.flatMap((r) => r.sources)),
  };
}

// Columns that point at a person; a merge moves them to the surviving id.
const REFERENCES = [
  ['memberships', 'person_id'],
  ['bills', 'sponsor_person_id'],
  ['speeches', 'person_id'],
  ['votes', 'voter_id'],
] as const;

/**
 * Writes one source's person records, regroups everyone, rewrites the people
 * whose records changed group, moves what pointed at a merged-away person to
 * the survivor, and returns each given record's person id (by source key) for
 * the caller's memberships and links.
 */
export async function writePersonRecords(
  tx: Db,
  ctx: Pick<ImportContext, 'source'>,
  rows: PersonRecordRow[],
): Promise<{ counts: WriteCounts; personOf: Map<string, string> }> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${RESOLVE_LOCK})`);
  const counts = await upsert(tx, personRecords, rows.map((r) => ({ ...r, source: ctx.source })));
  const evidence: Evidence[] = await tx.select({
    source: personRecords.source, sourceKey: personRecords.sourceKey, personId: personRecords.personId, name: personRecords.name,
    otherNames: personRecords.otherNames, otherIdentifiers: personRecords.otherIdentifiers, seats: personRecords.seats,
  }).from(personRecords);
  const { personOf, candidates } = resolveRecords(evidence);
  await tx.delete(personCandidates);
  for (const batch of chunk(candidates, 1000)) await tx.insert(personCandidates).values(batch);

  const mine = new Set(rows.map((r) => recordKey({ source: ctx.source, sourceKey: r.sourceKey })));
  const moved = evidence.filter((r) => r.personId !== personOf.get(recordKey(r)));
  const touched = new Set([...mine, ...moved.map(recordKey)].map((k) => personOf.get(k)!));
  const survivors = new Set(personOf.values());
  // Where a merged-away id's rows go: the group of its best record.
  const renamed = new Map<string, string>();
  for (const r of moved) if (r.personId && !survivors.has(r.personId) && !renamed.has(r.personId)) renamed.set(r.personId, personOf.get(recordKey(r))!);

  for (const batch of chunk(moved, 1000)) {
    const values = sql.join(batch.map((r) => sql`(${r.source}, ${r.sourceKey}, ${personOf.get(recordKey(r))!})`), sql`, `);
    await tx.execute(sql`UPDATE person_records AS p SET person_id = v.person_id
      FROM (VALUES ${values}) AS v(source, source_key, person_id)
      WHERE p.source = v.source AND p.source_key = v.source_key`);
  }
  if (touched.size > 0) {
    const stored = await tx.select().from(personRecords).where(inArray(personRecords.personId, [...touched]));
    const byPerson = new Map<string, StoredRecord[]>();
    for (const r of stored) byPerson.set(r.personId!, [...(byPerson.get(r.personId!) ?? []), r]);
    await upsert(tx, people, [...byPerson].map(([id, records]) => derivePerson(id, records)));
  }
  if (renamed.size > 0) {
    const cases = sql.join([...renamed].map(([from, to]) => sql`WHEN ${from} THEN ${to}`), sql` `);
    const from = [...renamed.keys()];
    const list = sql.join(from.map((id) => sql`${id}`), sql`, `);
    for (const [table, column] of REFERENCES) {
      const col = sql.identifier(column);
      await tx.execute(sql`UPDATE ${sql.identifier(table)} SET ${col} = CASE ${col} ${cases} END WHERE ${col} IN (${list})`);
    }
    await tx.delete(people).where(inArray(people.id, from));
  }

  const mineById = new Map(rows.map((r) => [r.sourceKey, personOf.get(recordKey({ source: ctx.source, sourceKey: r.sourceKey }))!]));
  return { counts, personOf: mineById };
}

function chunk<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
