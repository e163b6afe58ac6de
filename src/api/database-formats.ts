/**
 * The `date` and `date-time` formats of every route schema, narrowed to what
 * PostgreSQL accepts: RFC 3339 allows year 0000 and offsets up to ±23:59, which
 * PostgreSQL refuses ("date/time field value out of range", "time zone
 * displacement out of range") — a 500 from inside a query instead of a 400.
 * Replaces ajv-formats' definitions so the OpenAPI document keeps the standard names.
 */
import type { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';

// Year 0000 (1 BC) is not a year PostgreSQL reads in ISO form.
const YEAR_ZERO = /^0000/;
// PostgreSQL's largest zone displacement is 15:59.
const OFFSET = /([+-])(\d\d):?(\d\d)?$/;

// A CommonJS module whose function is also its `default`; TypeScript sees only the latter.
const addFormats = (ajvFormats as unknown as { default: (ajv: Ajv) => Ajv }).default;
const rfcDate = fullFormats.date as { validate: (s: string) => boolean };
const rfcDateTime = fullFormats['date-time'] as { validate: (s: string) => boolean };

export function isDatabaseDate(value: string): boolean {
  return rfcDate.validate(value) && !YEAR_ZERO.test(value);
}

export function isDatabaseTimestamp(value: string): boolean {
  if (!rfcDateTime.validate(value) || YEAR_ZERO.test(value)) return false;
  const offset = OFFSET.exec(value);
  return !offset || Number(offset[2]) <= 15;
}

/** An Ajv plugin (Fastify's `ajv.plugins`): the standard formats, then these two in their place. */
export function databaseFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  ajv.addFormat('date', { type: 'string', validate: isDatabaseDate });
  ajv.addFormat('date-time', { type: 'string', validate: isDatabaseTimestamp });
  return ajv;
}
// Fastify adds ajv-formats itself unless a plugin by this name is present: ours includes it.
Object.defineProperty(databaseFormats, 'name', { value: 'formatsPlugin' });
