/**
 * What the worker reads to send mail: for a batch of immediate-mail jobs, in
 * one statement (rather than an event and a recipient per job), each job's
 * event, address, unsubscribe secret, the mail the reader's choices give that
 * event now, and how the people they follow voted in it; for a digest, the
 * day's events whose mail is the digest.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { channels, followedBallots, type EmailMode } from './channels.js';
import type { Ballot, EventForMail } from './email.js';
import type { Job } from './queue.js';

export interface MailOut {
  event: EventForMail;
  address: string;
  unsubscribeToken: string;
  /** The mail this event gets now: only `immediate` is sent at once. */
  email: EmailMode;
}

type EventRow = {
  id: string;
  title: string;
  summary: string;
  url: string;
  data: Record<string, unknown>;
  ballots: Ballot[];
};

const toEvent = (r: EventRow): EventForMail => ({ id: r.id, title: r.title, summary: r.summary, url: r.url, data: r.data, ballots: r.ballots });

/** Each job's mail, by job id; a job whose event, user or settings are gone (or whose user is disabled) has none. */
export async function readMails(database: Database, jobs: Job[]): Promise<Map<number, MailOut>> {
  if (jobs.length === 0) return new Map();
  const wanted = JSON.stringify(jobs.map((j) => ({ job: j.id, user_id: j.userId, event_id: String(j.payload.event_id) })));
  const rows = await database.rows<EventRow & { job: string | number; address: string; token: string; email: EmailMode }>(sql`
    SELECT x.job, e.id, e.title, e.summary, e.url, e.data, u.email AS address, a.unsubscribe_token AS token, ch.email, fb.ballots
    FROM jsonb_to_recordset(${wanted}::jsonb) AS x(job bigint, user_id uuid, event_id text)
      JOIN events e ON e.id = x.event_id
      JOIN users u ON u.id = x.user_id AND u.disabled_at IS NULL
      JOIN alert_settings a ON a.user_id = x.user_id
      CROSS JOIN ${channels(sql`x.user_id`, sql`x.event_id`, sql`a.email`)}
      CROSS JOIN ${followedBallots(sql`x.user_id`, sql`e.data`)}`);
  return new Map(rows.map((r) => [Number(r.job), { event: toEvent(r), address: r.address, unsubscribeToken: r.token, email: r.email }]));
}

/** The events told to `userId` in [start, end) whose mail is the daily digest, oldest first. */
export async function digestEvents(database: Database, userId: string, start: Date, end: Date): Promise<EventForMail[]> {
  const rows = await database.rows<EventRow>(sql`
    SELECT e.id, e.title, e.summary, e.url, e.data, fb.ballots
    FROM notifications n JOIN events e ON e.id = n.event_id JOIN alert_settings a ON a.user_id = n.user_id
      CROSS JOIN ${channels(sql`n.user_id`, sql`n.event_id`, sql`a.email`)}
      CROSS JOIN ${followedBallots(sql`n.user_id`, sql`e.data`)}
    WHERE n.user_id = ${userId} AND n.created_at >= ${start.toISOString()} AND n.created_at < ${end.toISOString()} AND ch.email = 'daily'
    ORDER BY n.created_at, e.id`);
  return rows.map(toEvent);
}
