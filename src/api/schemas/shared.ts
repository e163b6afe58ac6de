/**
 * The parts every resource's contract shares, defined once: nullable values,
 * bilingual text, identifiers and provenance, enums, dates, the filters by
 * jurisdiction and session, division counts, 204s and import runs.
 */
import { Type, type TSchema } from 'typebox';
import { RUN_STATUSES } from '../../ingest/import-runs.js';

export { RUN_STATUSES, type RunStatus } from '../../ingest/import-runs.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const nullableString = () => Nullable(Type.String());
/** Text fields a record may lack, each a string or null, in the order named: `...nullableStrings('district', 'division_id')`. */
export function nullableStrings<K extends string>(...names: K[]): Record<K, ReturnType<typeof nullableString>> {
  return Object.fromEntries(names.map((name) => [name, nullableString()])) as Record<K, ReturnType<typeof nullableString>>;
}

export const Bilingual = Type.Object({ en: Nullable(Type.String()), fr: Nullable(Type.String()) });
/** A party's name as `{en, fr}` (or null for no party), described where it is used. */
export const PartyName = (description: string) => Nullable(Type.Object(Bilingual.properties, { description }));

export const OtherIdentifiers = Type.Array(Type.Object({ scheme: Type.String(), identifier: Type.String() }));
export const Sources = Type.Array(
  Type.Object({ source: Type.String(), url: Type.Optional(Type.String()), file: Type.Optional(Type.String()), location: Type.Optional(Type.String()), retrieved_at: Type.String() }),
);

/** The response of an operation that answers 204: no body, and documented as such. */
export const NoContent = Type.Unsafe<void>({ type: 'null', description: 'No Content' });

export const DateString = Type.String({ format: 'date' });

/** A string enum as plain JSON Schema (`enum`), typed as the union of its values. */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** A division's count of one option (yes, no, paired, …). */
export const Count = Type.Object({ option: Type.String(), value: Type.Integer() });

/** The `jurisdiction` filter of a list. */
export const jurisdictionFilter = (description = 'OCD jurisdiction id or short code (`ca`, `bc`).') => Type.Optional(Type.String({ description }));

/** The `session` filter of a list: a session identifier such as `44-1`. */
export const sessionFilter = (description = 'Session identifier, e.g. `44-1`; of the federal Parliament unless `jurisdiction` names another.') =>
  Type.Optional(Type.String({ pattern: '^\\d+(-\\d+)?$', description }));

const SO_FAR = 'so far while the run is running (saved about once a second), in all once it has finished.';

/** One import run's outcome, as both /sources and the admin import API show it. */
export function importRunProperties() {
  return {
    id: Type.Integer(),
    status: StringEnum(RUN_STATUSES, { description: 'partial: finished with some records rejected; abandoned: the process running it died (no heartbeat for 60 s).' }),
    started_at: Type.String(),
    finished_at: Nullable(Type.String()),
    inserted: Type.Integer({ description: `Records inserted ${SO_FAR}` }),
    updated: Type.Integer({ description: `Records updated ${SO_FAR}` }),
    unchanged: Type.Integer({ description: `Records found unchanged ${SO_FAR}` }),
    rejected: Type.Integer({ description: `Records rejected ${SO_FAR}` }),
    error: Nullable(Type.String()),
  };
}
