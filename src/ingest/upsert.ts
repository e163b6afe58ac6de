/**
 * Idempotent batch writes. A row whose content equals what is stored is left
 * alone (its updated_at does not move), so a second import of the same file
 * reports everything `unchanged`.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export function emptyCounts(): WriteCounts {
  return { inserted: 0, updated: 0, unchanged: 0 };
}

export function addCounts(into: WriteCounts, from: WriteCounts): WriteCounts {
  into.inserted += from.inserted;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  return into;
}

// Columns never compared or overwritten: bookkeeping, not content.
const BOOKKEEPING = new Set(['createdAt', 'updatedAt', 'sources']);
// PostgreSQL allows 65535 bind parameters per statement.
const MAX_PARAMS = 60000;

function keyColumns(table: PgTable): PgColumn[] {
  const config = getTableConfig(table);
  const pk = config.columns.filter((c) => c.primary);
  if (pk.length > 0) return pk;
  const composite = config.primaryKeys[0];
  if (!composite) throw new Error(`table ${config.name} has no primary key to upsert on`);
  return composite.columns;
}

/** The property names of the key columns (a composite key's columns are copies, not the table's column objects: matched by SQL name). */
function keyNamesOf(table: PgTable, columns: Record<string, PgColumn>): string[] {
  const sqlNames = new Set(keyColumns(table).map((c) => c.name));
  return Object.entries(columns).filter(([, c]) => sqlNames.has(c.name)).map(([k]) => k);
}

function rowKey(row: Record<string, unknown>, keys: string[]): string {
  return keys.map((k) => String(row[k])).join('\u0000');
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Insert or update `rows` by primary key. Only the columns present in the first
 * row are written, so two sources can each own their columns of one record
 * (Hansard English and French fill text_en and text_fr of one speech).
 * Duplicate keys within the batch collapse to the last occurrence.
 */
export async function upsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: T['$inferInsert'][],
): Promise<WriteCounts> {
  if (rows.length === 0) return emptyCounts();
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = keyColumns(table);
  const keyNames = keyNamesOf(table, columns);

  const unique = new Map<string, T['$inferInsert']>();
  for (const row of rows) unique.set(rowKey(row as Record<string, unknown>, keyNames), row);
  const deduped = [...unique.values()];

  const present = Object.keys(deduped[0] as object).filter((k) => columns[k] && !columns[k]!.generated);
  const content = present.filter((k) => !keyNames.includes(k) && !BOOKKEEPING.has(k));
  const excluded = (k: string) => sql.raw(`excluded."${columns[k]!.name}"`);

  const set: Record<string, SQL> = { updatedAt: sql`now()` };
  for (const k of content) set[k] = excluded(k);
  const withSources = present.includes('sources');
  if (withSources) set.sources = mergedSources(columns.sources!);

  const differs = content.map((k) => sql`${columns[k]!} IS DISTINCT FROM ${excluded(k)}`);
  if (withSources) differs.push(unlisted(columns.sources!));
  const changed = differs.length === 0 ? sql`false` : sql.join(differs, sql` OR `);

  const counts = emptyCounts();
  for (const batch of chunks(deduped, Math.max(1, Math.floor(MAX_PARAMS / present.length)))) {
    const returned = await db
      .insert(table)
      .values(batch as never)
      .onConflictDoUpdate({ target: keys, set: set as never, setWhere: changed })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    const inserted = returned.filter((r) => r.inserted).length;
    counts.inserted += inserted;
    counts.updated += returned.length - inserted;
    counts.unchanged += batch.length - returned.length;
  }
  return counts;
}

/**
 * The stored sources with the incoming ones in place of those of the same
 * source: a row several sources built lists every one of them.
 */
function mergedSources(column: PgColumn): SQL {
  return sql`(SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM jsonb_array_elements(${column}) e
    WHERE NOT excluded.sources @> jsonb_build_array(jsonb_build_object('source', e->'source'))) || excluded.sources`;
}

/** The incoming row names a source the stored one does not list yet. */
function unlisted(column: PgColumn): SQL {
  return sql`NOT ${column} @> (SELECT coalesce(jsonb_agg(jsonb_build_object('source', x->'source')), '[]'::jsonb)
    FROM jsonb_array_elements(excluded.sources) x)`;
}

/**
 * Insert rows that are only referenced here (a bill's sponsor, a session) and
 * leave existing rows' content alone: the source that owns the record fills it
 * in. A row that does not list this source yet gets it added to its sources.
 * Returns how many rows were inserted.
 */
export async function ensure<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const width = Object.keys(rows[0] as object).filter((k) => columns[k]).length || 1;
  const sources = columns.sources && Object.keys(rows[0] as object).includes('sources') ? columns.sources : null;
  // One statement may not update a row twice: the first of rows with one key stands for them.
  const keyNames = keyNamesOf(table, columns);
  const unique = new Map<string, T['$inferInsert']>();
  for (const row of rows) {
    const key = rowKey(row as Record<string, unknown>, keyNames);
    if (!unique.has(key)) unique.set(key, row);
  }
  let inserted = 0;
  for (const batch of chunks([...unique.values()], Math.max(1, Math.floor(MAX_PARAMS / width)))) {
    const insert = db.insert(table).values(batch as never);
    const returned = sources
      ? await insert.onConflictDoUpdate({ target: keyColumns(table), set: { sources: mergedSources(sources) } as never, setWhere: unlisted(sources) })
        .returning({ inserted: sql<boolean>`(xmax = 0)` })
      : await insert.onConflictDoNothing().returning({ inserted: sql<boolean>`true` });
    inserted += returned.filter((r) => r.inserted).length;
  }
  return inserted;
}
