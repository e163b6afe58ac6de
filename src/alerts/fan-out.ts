/**
 * Fan-out: who hears of an event, and by which channel. Set-based, so ten
 * thousand followers of one bill cost a few statements: the event's subjects
 * meet what users follow (saved_items) and the saved searches a new bill or
 * speech matches; each such user gets a notification (their private feed and
 * digest), then a job per channel — an immediate mail or a place in the day's
 * digest, and one delivery per live webhook. Every job's key is event +
 * subscriber + channel, so fanning out an event again adds only what is new.
 * Which channels a user gets is src/alerts/channels.ts's rule (per followed
 * item, else the user's).
 * Runs in the delivery worker, which reads every user's rows (row-level
 * security binds the API's transactions, not it).
 */
import { sql } from 'drizzle-orm';
import { resultRows, type Db } from '../db/client.js';
import { textMatches, textQuery } from '../db/full-text.js';
import { channels } from './channels.js';

/** Attempts of one webhook delivery: with doubling waits from a minute, capped at 6 h, they span about a day. */
export const WEBHOOK_MAX_ATTEMPTS = 12;

const idList = (ids: string[]) => sql`(SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
/** A URL-safe secret of 244 random bits (two v4 UUIDs' worth, from the database's strong random source). */
export const newToken = sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`;

/** A new bill or speech among `ids` that a saved search matches becomes that search's event too. */
async function matchSavedSearches(tx: Db, ids: string[]): Promise<void> {
  const bill = { en: sql`b.search_en`, fr: sql`b.search_fr` };
  const speech = { en: sql`sp.search_en`, fr: sql`sp.search_fr` };
  await tx.execute(sql`
    INSERT INTO event_subjects (event_id, subject_type, subject_id)
    SELECT e.id, 'search', ss.id::text
    FROM events e JOIN bills b ON b.id = e.data->>'bill_id'
    JOIN saved_searches ss ON 'bill' = ANY(ss.types) AND (ss.session IS NULL OR ss.session = e.data->>'session')
      AND ${textMatches(bill, textQuery(sql`ss.q`))}
    WHERE e.id IN ${idList(ids)} AND e.kind = 'bill.introduced'
    UNION ALL
    SELECT e.id, 'search', ss.id::text
    FROM events e JOIN speeches sp ON sp.id = e.data->>'speech_id'
    JOIN saved_searches ss ON 'speech' = ANY(ss.types) AND ss.session IS NULL AND ${textMatches(speech, textQuery(sql`ss.q`))}
    WHERE e.id IN ${idList(ids)} AND e.kind = 'speech'
    ON CONFLICT DO NOTHING`);
}

/** Fans the events out; returns the jobs it queued. */
export async function fanOut(db: Db, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await matchSavedSearches(tx, ids);
    await tx.execute(sql`
      INSERT INTO notifications (user_id, event_id)
      SELECT si.user_id, es.event_id FROM event_subjects es
        JOIN saved_items si ON si.item_type = es.subject_type AND si.item_id = es.subject_id
        WHERE es.event_id IN ${idList(ids)}
      UNION
      SELECT ss.user_id, es.event_id FROM event_subjects es
        JOIN saved_searches ss ON es.subject_type = 'search' AND ss.id::text = es.subject_id
        WHERE es.event_id IN ${idList(ids)}
      ON CONFLICT DO NOTHING`);
    // Everyone told gets settings (mail on by default), so the mail can carry its unsubscribe link.
    await tx.execute(sql`
      INSERT INTO alert_settings (user_id, feed_token, unsubscribe_token)
      SELECT DISTINCT user_id, ${newToken}, ${newToken} FROM notifications WHERE event_id IN ${idList(ids)}
      ON CONFLICT DO NOTHING`);
    const queued = await tx.execute(sql`
      WITH told AS (
        SELECT n.user_id, n.event_id, ch.email, ch.webhook FROM notifications n
          JOIN alert_settings a ON a.user_id = n.user_id JOIN users u ON u.id = n.user_id
          CROSS JOIN ${channels(sql`n.user_id`, sql`n.event_id`, sql`a.email`)}
          WHERE n.event_id IN ${idList(ids)} AND u.disabled_at IS NULL),
      day AS (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AS start)
      INSERT INTO jobs (kind, key, user_id, webhook_id, payload, run_at, max_attempts)
      SELECT 'email', 'email:' || event_id || ':' || user_id, user_id, NULL, jsonb_build_object('event_id', event_id), now(), 5
        FROM told WHERE email = 'immediate'
      UNION ALL
      SELECT DISTINCT 'digest', 'digest:' || user_id || ':' || to_char(day.start, 'YYYY-MM-DD'), user_id, NULL::uuid,
          jsonb_build_object('day', to_char(day.start, 'YYYY-MM-DD')), (day.start + interval '1 day') AT TIME ZONE 'UTC', 5
        FROM told, day WHERE email = 'daily'
      UNION ALL
      SELECT 'webhook', 'webhook:' || t.event_id || ':' || w.id, t.user_id, w.id, jsonb_build_object('event_id', t.event_id), now(), ${WEBHOOK_MAX_ATTEMPTS}
        FROM told t JOIN webhooks w ON w.user_id = t.user_id AND w.disabled_at IS NULL WHERE t.webhook
      ON CONFLICT (key) DO NOTHING
      RETURNING id`);
    return resultRows(queued).length;
  });
}
