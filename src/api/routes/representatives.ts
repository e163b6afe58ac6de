/**
 * "Find my representative": a place (a riding, a ward, a municipality) or a
 * name typed by a citizen. `/places?q=` suggests places and people as one
 * types; `/representatives?place=` answers with who currently represents
 * that place at each level the data holds: the member for a riding or ward of
 * that name, and the council of a municipality that the place is or names
 * ("Toronto Centre" → Toronto's council).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { Type, type Static } from 'typebox';
import type { Db } from '../../db/client.js';
import { anyOf } from '../../db/prepared.js';
import { divisions, jurisdictions, memberships, organizations, people } from '../../db/schema.js';
import { likeContains, searchKey } from '../../domain/text.js';
import { badParameter } from '../../errors/problem.js';
import { Bilingual, Nullable, StringEnum } from '../schemas/shared.js';
import { legislatureOn, nextLegislature, type Legislature } from '../../domain/legislatures.js';
import { bilingual, presentLegislature } from '../resources.js';
import { representatives, seatHolders } from './divisions.js';
import { isCurrent, type PhotoServing } from './people.js';
import type { ListTotals } from '../list-totals.js';
import { Representative, RepresentativesCurrent } from '../schemas/divisions.js';
import { Legislature as LegislatureSchema } from '../schemas/people.js';

const LEVELS = ['federal', 'provincial', 'municipal'] as const;
const SEATS = ['lower', 'upper', 'legislature', 'council'];
const SUGGESTIONS = 10;

const PlacesQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: 'What the citizen typed so far: part of a riding, ward, municipality or person\'s name, ignoring case and accents.' }),
}, { additionalProperties: false });

const Suggestion = Type.Object({
  kind: StringEnum(['district', 'municipality', 'person'] as const),
  name: Type.String({ description: 'The place\'s name, to pass as `place` to /representatives; or the person\'s name.' }),
  level: Nullable(StringEnum(LEVELS)),
  detail: Nullable(Type.Object(Bilingual.properties, { description: 'Where the place is: its legislature or council; null for a person.' })),
  person_id: Nullable(Type.String()),
});

const RepresentativesQuery = Type.Object({
  place: Type.String({ minLength: 1, maxLength: 100, description: 'A riding, ward or municipality name, e.g. `Carleton`, `Toronto Centre`, `Guelph`.' }),
}, { additionalProperties: false });

const Level = Type.Object({
  level: StringEnum(LEVELS),
  jurisdiction: Type.Object({ id: Type.String(), name: Bilingual }),
  district: Nullable(Type.String({ description: 'The riding or ward represented; null for a whole council.' })),
  current: RepresentativesCurrent,
  legislature: Nullable(LegislatureSchema),
  next_legislature: Nullable(Type.Object(LegislatureSchema.properties, {
    description: 'When `current` is false: the legislature that followed, none of whose members the data holds (e.g. the 45th Parliament).',
  })),
  representatives: Type.Array(Representative),
}, { description: 'One riding, ward or council. Its `legislature` is the Parliament the representatives\' seats ended in, or sit in, where the dates are known.' });

const RepresentativesAnswer = Type.Object({
  place: Type.String(),
  levels: Type.Array(Level, { description: 'Federal, then provincial, then municipal; empty when the data holds no one for the place.' }),
});

const levelRank = (level: string) => LEVELS.indexOf(level as (typeof LEVELS)[number]);

interface Listed {
  districts: { district: string; level: string; body: string; bodyFr: string | null; jurisdiction: string }[];
  /** Per jurisdiction, the last legislature any of its seats in the data belongs to. */
  latest: Map<string, Legislature>;
}

/**
 * The districts a citizen can ask about: those of seats held today, and those of
 * the last legislature of each jurisdiction in the data, whose seats may all have
 * ended with it (the 44th Parliament: the data holds no member of the 45th).
 * A few hundred rows.
 */
async function listedSeats(db: Db): Promise<Listed> {
  const rows = await db.select({
    district: sql<string>`${memberships.district}`, level: jurisdictions.level, body: jurisdictions.name, bodyFr: jurisdictions.nameFr, jurisdiction: jurisdictions.id,
    lastEnd: sql<string | null>`max(coalesce(${memberships.endDate}, ${memberships.startDate}))::text`, current: sql<boolean>`bool_or(${isCurrent})`,
  })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, organizations.jurisdictionId))
    .where(and(inArray(organizations.classification, SEATS), sql`${memberships.district} is not null`))
    .groupBy(memberships.district, jurisdictions.level, jurisdictions.name, jurisdictions.nameFr, jurisdictions.id);
  const dated = rows.map((r) => ({ row: r, legislature: legislatureOn(r.jurisdiction, r.lastEnd) }));
  const latest = new Map<string, Legislature>();
  for (const { row, legislature } of dated) {
    if (legislature && legislature.number > (latest.get(row.jurisdiction)?.number ?? 0)) latest.set(row.jurisdiction, legislature);
  }
  const districts = dated.filter(({ row, legislature }) => row.current || (legislature !== null && legislature === latest.get(row.jurisdiction))).map(({ row }) => row);
  return { districts, latest };
}

/** A seat held today, or one of the last legislature of its jurisdiction in the data. */
function listedSeat(latest: Listed['latest']): SQL {
  const ended = [...latest.values()].map((l) => sql`(${organizations.jurisdictionId} = ${l.jurisdictionId} and ${memberships.endDate} >= ${l.elected})`);
  return or(isCurrent, ...ended)!;
}

// "City of Guelph", "Ville de Montréal", "Regional Municipality of Niagara": the place is the name after the kind.
const MUNICIPAL_KIND = /^(?:(?:the\s+)?(?:city|town|township|village|municipality|regional municipality|county|district)\s+of|ville|municipalit[ée]|cit[ée])\s+(?:de\s+la\s+|de\s+|du\s+|d['’]\s*)?/i;

/** Municipal councils with the name of the place they govern: their OCD division's name, else their own without its kind. */
async function municipalities(db: Db) {
  const rows = await db.select({ id: jurisdictions.id, division: divisions.name, council: jurisdictions.name, councilFr: jurisdictions.nameFr })
    .from(jurisdictions)
    .leftJoin(divisions, eq(divisions.id, jurisdictions.divisionId))
    .where(eq(jurisdictions.level, 'municipal'));
  return rows.map((r) => ({ id: r.id, council: bilingual(r.council, r.councilFr), name: r.division ?? r.council.replace(MUNICIPAL_KIND, '') }));
}

/** A name for comparison: no case or accents, and one dash for the House's em dash and a city's hyphen ("Scarborough—Rouge Park"). */
const placeKey = (name: string) => searchKey(name).replace(/\s*[\u2010-\u2015-]+\s*/g, '-');

/** The text's search key, or a 400 naming `parameter` when it has no letter or digit. */
function keyOf(text: string, parameter: string): string {
  const key = placeKey(text);
  if (!/[\p{L}\p{N}]/u.test(key)) throw badParameter(parameter, 'The text has no letters or digits to search for.');
  return key;
}

async function suggestions(db: Db, q: string): Promise<Static<typeof Suggestion>[]> {
  const key = keyOf(q, 'q');
  // A match at the start of a name ranks before one inside it.
  const rank = (name: string) => (placeKey(name).startsWith(key) ? 0 : 1);
  const [{ districts, latest }, towns] = await Promise.all([listedSeats(db), municipalities(db)]);
  const persons = await db.select({ id: people.id, name: people.name }).from(people)
    .where(and(sql`${people.searchName} like ${likeContains(key)}`,
      sql`exists (select 1 from ${memberships} inner join ${organizations} on ${organizations.id} = ${memberships.organizationId}
        where ${memberships.personId} = ${people.id} and ${listedSeat(latest)})`))
    .orderBy(asc(sql`lower(coalesce(${people.sortName}, ${people.name}))`), asc(people.id)).limit(SUGGESTIONS);
  const places: Static<typeof Suggestion>[] = [
    ...towns.filter((t) => placeKey(t.name).includes(key))
      .map((t) => ({ kind: 'municipality' as const, name: t.name, level: 'municipal' as const, detail: t.council, person_id: null })),
    ...districts.filter((d) => placeKey(d.district!).includes(key))
      .map((d) => ({ kind: 'district' as const, name: d.district!, level: d.level as (typeof LEVELS)[number], detail: bilingual(d.body, d.bodyFr), person_id: null })),
  ].sort((a, b) => rank(a.name) - rank(b.name) || levelRank(a.level) - levelRank(b.level) || a.name.localeCompare(b.name));
  const found = persons.map((p) => ({ kind: 'person' as const, name: p.name, level: null, detail: null, person_id: p.id }));
  // Places first (the question is "where do I live"), people after; both kept when both match.
  const placeRoom = Math.max(SUGGESTIONS - Math.min(found.length, 3), SUGGESTIONS - found.length);
  return [...places.slice(0, placeRoom), ...found].slice(0, SUGGESTIONS);
}

async function answer(db: Db, totals: ListTotals, place: string, photos: PhotoServing): Promise<Static<typeof RepresentativesAnswer>> {
  const key = keyOf(place, 'place');
  const [{ districts, latest }, towns] = await Promise.all([listedSeats(db), municipalities(db)]);
  const matched = districts.filter((d) => placeKey(d.district) === key);
  // The council of the municipality the place is, whose name begins the place's ("Kitchener Centre"), or that has a ward of that name.
  const councils = towns.filter((t) => {
    const town = placeKey(t.name);
    return town === key || key.startsWith(`${town} `) || key.startsWith(`${town}-`) || matched.some((d) => d.jurisdiction === t.id);
  });
  const [seated, council] = await Promise.all([
    Promise.all(matched.map(async (d) => ({
      district: d,
      holders: await seatHolders(db, totals, and(eq(memberships.district, d.district), eq(organizations.jurisdictionId, d.jurisdiction), inArray(organizations.classification, SEATS))!, photos),
    }))),
    // One array parameter: one prepared statement for any number of councils (`inArray` makes a statement text per count).
    councils.length ? representatives(db, totals, and(anyOf(organizations.jurisdictionId, councils.map((c) => c.id)), eq(organizations.classification, 'council'))!, photos) : [],
  ]);
  const bodies = new Map((await db.select({ id: jurisdictions.id, name: jurisdictions.name, nameFr: jurisdictions.nameFr, level: jurisdictions.level }).from(jurisdictions)).map((j) => [j.id, j]));
  const levels: Static<typeof Level>[] = [];
  for (const { district, holders } of seated) {
    if (holders.representatives.length === 0) continue;
    const seat = holders.representatives[0]!.memberships.find((m) => SEATS.includes(m.organization.classification));
    const legislature = legislatureOn(district.jurisdiction, seat?.end_date ?? seat?.start_date ?? null);
    const next = legislature && !holders.current ? nextLegislature(legislature) : null;
    levels.push({
      level: district.level as (typeof LEVELS)[number],
      jurisdiction: { id: district.jurisdiction, name: bilingual(district.body, district.bodyFr) },
      district: district.district,
      current: holders.current,
      legislature: presentLegislature(legislature),
      // Named only when the data holds none of its members: then it is why nobody is current.
      next_legislature: next && (latest.get(district.jurisdiction)?.number ?? 0) < next.number ? presentLegislature(next) : null,
      representatives: holders.representatives,
    });
  }
  const shown = new Set(levels.flatMap((l) => l.representatives.map((p) => p.id)));
  const councilLevels = new Map<string, Static<typeof Level>>();
  // A councillor already shown for their ward is not repeated in the council.
  for (const person of council) {
    if (shown.has(person.id)) continue;
    const jurisdictionId = person.memberships.find((m) => m.organization.classification === 'council')?.organization.jurisdiction_id;
    const body = jurisdictionId ? bodies.get(jurisdictionId) : undefined;
    if (!body) continue;
    const level = councilLevels.get(body.id)
      ?? { level: body.level as (typeof LEVELS)[number], jurisdiction: { id: body.id, name: bilingual(body.name, body.nameFr) }, district: null, current: true, legislature: null, next_legislature: null, representatives: [] };
    level.representatives.push(person);
    councilLevels.set(body.id, level);
  }
  return { place, levels: [...levels, ...councilLevels.values()].sort((a, b) => levelRank(a.level) - levelRank(b.level) || (a.district === null ? 1 : 0) - (b.district === null ? 1 : 0)) };
}

export const representativeRoutes: FastifyPluginAsyncTypebox<PhotoServing> = async (app, photos) => {
  const db = app.database.db;

  app.get('/places', {
    schema: { tags: ['people'], summary: 'Suggest places and people as a citizen types (find my representative)', querystring: PlacesQuery, response: { 200: Type.Object({ results: Type.Array(Suggestion, { maxItems: SUGGESTIONS }) }) } },
  }, async (request) => ({ results: await suggestions(db, request.query.q) }));

  app.get('/representatives', {
    schema: { tags: ['people'], summary: 'Who represents a place, at each level the data holds', querystring: RepresentativesQuery, response: { 200: RepresentativesAnswer } },
  }, async (request) => answer(db, app.listTotals, request.query.place, photos));
};
