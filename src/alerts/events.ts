/**
 * Events from imports: when a run commits, what it added becomes events with
 * stable ids — a bill moved to a new stage, a new bill (with its sponsor), a
 * division (on its bill, with everyone who voted), a speech (its speaker, its
 * bill). Rows created since the run started are what it added; a source's
 * first successful run is the baseline and announces nothing (the whole past
 * is not news). An event's id derives from its kind and the record it is
 * about, so seeing the same change again (a replayed run, ballots arriving
 * after their division) records it once and adds only the new subjects.
 * Who hears of them is the fan-out job's work (src/alerts/fan-out.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import { resultRows, type Database } from '../db/client.js';
import { enqueue } from './queue.js';

/** `evt_` and 32 hex digits of the SHA-256 of kind and key: the same change, the same id, on every channel. */
const eventId = (kind: string, key: SQL) => sql`'evt_' || left(encode(sha256(convert_to(${kind} || ':' || ${key}, 'UTF8')), 'hex'), 32)`;

interface Run { source: string; started: string; inserted: number; baseline: boolean }

/** What each kind of change is: the rows a run added, as events with their subjects. Each returns the ids it found. */
function detectors(runId: number, started: string): SQL[] {
  const evt = (kind: string) => sql`
    ev AS (INSERT INTO events (id, kind, run_id, occurred_on, title, summary, url, data)
           SELECT id, ${kind}, ${runId}, occurred_on, title, summary, url, data FROM found ON CONFLICT (id) DO NOTHING)`;
  return [
    // A bill that was known before this run has a new stage.
    sql`WITH found AS (
        SELECT ${eventId('bill.stage', sql`a.id`)} AS id, a.date AS occurred_on, b.id AS bill_id,
          b.identifier || ': ' || coalesce(a.stage_en, a.description_en) AS title,
          a.description_en || ' — ' || coalesce(b.short_title_en, b.title_en) AS summary,
          '/api/v1/bills/' || b.id AS url,
          jsonb_build_object('bill_id', b.id, 'bill', b.identifier, 'session', s.identifier, 'stage', coalesce(a.stage_en, a.description_en), 'web', '/bills/' || b.id) AS data
        FROM bill_actions a JOIN bills b ON b.id = a.bill_id JOIN legislative_sessions s ON s.id = b.session_id
        WHERE a.created_at >= ${started} AND b.created_at < ${started}),
      ${evt('bill.stage')},
      subjects AS (INSERT INTO event_subjects SELECT id, 'bill', bill_id FROM found ON CONFLICT DO NOTHING)
      SELECT id FROM found`,
    // A new bill, and its sponsor sponsored it.
    sql`WITH found AS (
        SELECT ${eventId('bill.introduced', sql`b.id`)} AS id, b.introduced_date AS occurred_on, b.id AS bill_id, b.sponsor_person_id,
          b.identifier || ' introduced: ' || coalesce(b.short_title_en, b.title_en) AS title,
          coalesce(b.sponsor_name, 'No sponsor named') || ' — ' || b.title_en AS summary,
          '/api/v1/bills/' || b.id AS url,
          jsonb_build_object('bill_id', b.id, 'bill', b.identifier, 'session', s.identifier, 'sponsor_id', b.sponsor_person_id, 'web', '/bills/' || b.id) AS data
        FROM bills b JOIN legislative_sessions s ON s.id = b.session_id
        WHERE b.created_at >= ${started}),
      ${evt('bill.introduced')},
      subjects AS (INSERT INTO event_subjects
        SELECT id, 'bill', bill_id FROM found UNION ALL SELECT id, 'person', sponsor_person_id FROM found WHERE sponsor_person_id IS NOT NULL
        ON CONFLICT DO NOTHING)
      SELECT id FROM found`,
    // A division held, or its ballots recorded: its bill, and everyone who voted.
    sql`WITH touched AS (
        SELECT id FROM vote_events WHERE created_at >= ${started}
        UNION SELECT vote_event_id FROM votes WHERE created_at >= ${started}),
      found AS (
        SELECT ${eventId('division', sql`v.id`)} AS id, v.start_date AS occurred_on, v.id AS vote_id, b.id AS bill_id,
          'Division ' || v.identifier || coalesce(' on ' || b.identifier, '') || ': ' || CASE v.result WHEN 'pass' THEN 'agreed to' WHEN 'fail' THEN 'negatived' ELSE v.result END AS title,
          left(v.motion_text_en, 400) || ' (yeas ' || v.yes_count || ', nays ' || v.no_count || ')' AS summary,
          '/api/v1/votes/' || v.id AS url,
          jsonb_build_object('vote_id', v.id, 'bill_id', b.id, 'bill', b.identifier, 'result', v.result, 'yes', v.yes_count, 'no', v.no_count,
            'web', coalesce('/bills/' || b.id, '/votes')) AS data
        FROM vote_events v JOIN touched t ON t.id = v.id LEFT JOIN bills b ON b.id = v.bill_id),
      ${evt('division')},
      subjects AS (INSERT INTO event_subjects
        SELECT id, 'bill', bill_id FROM found WHERE bill_id IS NOT NULL
        UNION ALL SELECT f.id, 'person', vo.voter_id FROM found f JOIN votes vo ON vo.vote_event_id = f.vote_id WHERE vo.voter_id IS NOT NULL
        ON CONFLICT DO NOTHING)
      SELECT id FROM found`,
    // A speech: its speaker spoke, on its bill when it names one.
    sql`WITH found AS (
        SELECT ${eventId('speech', sql`sp.id`)} AS id, d.date AS occurred_on, sp.id AS speech_id, sp.person_id, b.id AS bill_id,
          sp.speaker_name || coalesce(' on ' || nullif(sp.subject_en, ''), '') AS title,
          left(coalesce(sp.text_en, sp.text_fr, ''), 400) AS summary,
          '/api/v1/speeches/' || sp.id AS url,
          jsonb_build_object('speech_id', sp.id, 'person_id', sp.person_id, 'bill_id', b.id, 'web', '/speeches/' || sp.id) AS data
        FROM speeches sp JOIN debates d ON d.id = sp.debate_id LEFT JOIN bills b ON b.id = sp.bill_id
        WHERE sp.created_at >= ${started}),
      ${evt('speech')},
      subjects AS (INSERT INTO event_subjects
        SELECT id, 'person', person_id FROM found WHERE person_id IS NOT NULL
        UNION ALL SELECT id, 'bill', bill_id FROM found WHERE bill_id IS NOT NULL
        ON CONFLICT DO NOTHING)
      SELECT id FROM found`,
  ];
}

async function runOf(database: Database, runId: number): Promise<Run | null> {
  const [run] = await database.rows<{ source: string; started: string; inserted: number; baseline: boolean }>(sql`
    SELECT r.source, r.started_at::text AS started, r.inserted,
      NOT EXISTS (SELECT 1 FROM import_runs p WHERE p.source = r.source AND p.id < r.id AND p.status IN ('succeeded', 'partial')) AS baseline
    FROM import_runs r WHERE r.id = ${runId}`);
  return run ?? null;
}

/**
 * The hook an import run calls once it has committed and reads as finished:
 * records its events and queues their fan-out. Returns the events found.
 */
export async function recordRunEvents(database: Database, runId: number): Promise<number> {
  const run = await runOf(database, runId);
  // Nothing inserted, nothing new; the first run of a source is the baseline.
  if (!run || run.inserted === 0 || run.baseline) return 0;
  return database.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const detect of detectors(runId, run.started)) {
      ids.push(...resultRows<{ id: string }>(await tx.execute(detect)).map((r) => r.id));
    }
    if (ids.length > 0) await enqueue(tx, [{ kind: 'fanout', key: `fanout:run:${runId}`, payload: { events: [...new Set(ids)] } }]);
    return ids.length;
  });
}
