/** The plan of a list page's statement, as the API issues it, with sorting disabled: a plan that still sorts has no index holding the order. */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { resultRows } from '../../src/db/client.js';
import type { TestApi } from './api.js';

/** `url`'s page statement planned for its first execution, each text parameter `scope` and each other 21. */
export async function pagePlan(api: TestApi, url: string, scope: string): Promise<string> {
  const texts: string[] = [];
  const stop = api.database.onQuery((e) => { if (e.text) texts.push(e.text); });
  try {
    const res = await api.get(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  } finally {
    stop();
  }
  const statement = texts.find((text) => text.includes(' limit '))!;
  return api.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_sort = off`);
    await tx.execute(sql.raw(`prepare sorted_page as ${statement}`));
    try {
      const [{ types }] = resultRows<{ types: string[] }>(await tx.execute(sql`select parameter_types::text[] as types from pg_prepared_statements where name = 'sorted_page'`)) as [{ types: string[] }];
      const values = types.map((type) => (type === 'text' ? `'${scope}'` : '21'));
      return resultRows<{ 'QUERY PLAN': string }>(await tx.execute(sql.raw(`explain execute sorted_page(${values.join(', ')})`))).map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await tx.execute(sql`deallocate sorted_page`);
    }
  });
}
