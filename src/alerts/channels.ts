/**
 * Which channels carry an event to a user. Each followed bill or person may
 * choose its own mail (immediate, daily, off) and whether webhooks get it;
 * where it does not, the user's mail setting and webhooks apply, as they do
 * for saved searches. An event reached through several followed items goes by
 * the most eager choice: immediate over daily over off, and to the webhooks if
 * any item wants them. One definition serves the fan-out (which jobs to queue)
 * and the worker (whether a queued mail still goes, what a digest holds), so a
 * choice changed after the fan-out is honoured at delivery.
 */
import { sql, type SQL } from 'drizzle-orm';

export const EMAIL_MODES = ['immediate', 'daily', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/**
 * A LATERAL subquery, `ch (email, webhook)`: the channels of event `eventId`
 * for user `userId`, whose own mail setting is `userEmail`. A user who follows
 * nothing the event concerns (any more) gets no mail and no webhook.
 */
export function channels(userId: SQL, eventId: SQL, userEmail: SQL): SQL {
  return sql`LATERAL (
    SELECT CASE WHEN bool_or(c.email = 'immediate') THEN 'immediate' WHEN bool_or(c.email = 'daily') THEN 'daily' ELSE 'off' END AS email,
      coalesce(bool_or(c.webhook), false) AS webhook
    FROM (
      SELECT coalesce(si.email, ${userEmail}) AS email, coalesce(si.webhook, true) AS webhook
        FROM event_subjects es JOIN saved_items si ON si.item_type = es.subject_type AND si.item_id = es.subject_id
        WHERE es.event_id = ${eventId} AND si.user_id = ${userId}
      UNION ALL
      SELECT ${userEmail}, true
        FROM event_subjects es JOIN saved_searches ss ON es.subject_type = 'search' AND ss.id::text = es.subject_id
        WHERE es.event_id = ${eventId} AND ss.user_id = ${userId}
    ) c) ch`;
}

/**
 * A LATERAL subquery, `fb (ballots)`: how each person the user follows voted in
 * the division an event is about, as `[{name, option}]` (empty for any other event).
 */
export function followedBallots(userId: SQL, eventData: SQL): SQL {
  return sql`LATERAL (
    SELECT coalesce(jsonb_agg(jsonb_build_object('name', p.name, 'option', v.option) ORDER BY p.sort_name, p.name), '[]'::jsonb) AS ballots
    FROM saved_items si JOIN votes v ON v.voter_id = si.item_id AND v.vote_event_id = ${eventData}->>'vote_id'
      JOIN people p ON p.id = si.item_id
    WHERE si.user_id = ${userId} AND si.item_type = 'person') fb`;
}
